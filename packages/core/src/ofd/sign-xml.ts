// XML text for the signer: new parts (Signatures.xml, Signature.xml) written as strings, and minimal byte-level
// edits of existing parts (OFD.xml, Signatures.xml). An existing part is never re-serialised: earlier signatures
// hold digests of its exact bytes, and re-serialising is how signed OFDs get broken (ofdrw #2). Edits insert or
// replace a span at offsets found by a small tag scanner, so every byte outside the span stays as it was.
import { FormatError, UnsupportedError } from '../errors.js';
import { OFD_NS } from './xml.js';

const UTF8 = new TextEncoder();

/** Escape text for an XML attribute value or element content. */
export function escapeXml(s: string): string {
  // Control characters other than tab/LF/CR cannot appear in XML 1.0 at all: refuse instead of writing a broken part.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)) throw new FormatError('text contains characters XML 1.0 cannot hold');
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A name cut from the latin1 view, read back as the UTF-8 it is. */
function fromLatin1(t: string): string {
  return Buffer.from(t, 'latin1').toString('utf8');
}

export interface TagEvent {
  kind: 'start' | 'end' | 'empty';
  /** Qualified name as written, e.g. 'ofd:DocBody'. */
  qname: string;
  /** Byte offsets of the tag: `<` and one past `>`. */
  start: number;
  end: number;
  /** Element depth, the root being 1. */
  depth: number;
}

/**
 * The tags of a UTF-8 XML part with their byte offsets. Comments, CDATA and processing instructions are skipped;
 * a DOCTYPE is refused. In UTF-8 every markup byte is ASCII and no multi-byte sequence contains an ASCII byte,
 * so scanning bytes is exact. The part must already have passed the well-formedness check of `parseXml`.
 */
export function scanTags(bytes: Uint8Array): TagEvent[] {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'); // 1 char = 1 byte
  const out: TagEvent[] = [];
  let depth = 0;
  let i = 0;
  const skipTo = (from: number, close: string): number => {
    const j = s.indexOf(close, from);
    if (j < 0) throw new FormatError('unterminated XML construct');
    return j + close.length;
  };
  while ((i = s.indexOf('<', i)) >= 0) {
    if (s.startsWith('<!--', i)) i = skipTo(i + 4, '-->');
    else if (s.startsWith('<![CDATA[', i)) i = skipTo(i + 9, ']]>');
    else if (s.startsWith('<?', i)) i = skipTo(i + 2, '?>');
    else if (s.startsWith('<!', i)) throw new FormatError('XML part declares a DTD (refused: OFD never uses one)');
    else {
      let j = i + 1;
      let quote = '';
      for (; j < s.length; j++) {
        const c = s[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (j >= s.length) throw new FormatError('unterminated XML tag');
      const body = s.slice(i + 1, j);
      if (body.startsWith('/')) {
        out.push({ kind: 'end', qname: fromLatin1(body.slice(1).trim()), start: i, end: j + 1, depth });
        depth--;
      } else {
        const qname = fromLatin1(/^[^\s/>]+/.exec(body)?.[0] ?? '');
        const empty = body.trimEnd().endsWith('/');
        out.push({ kind: empty ? 'empty' : 'start', qname, start: i, end: j + 1, depth: depth + 1 });
        if (!empty) depth++;
      }
      i = j + 1;
    }
  }
  return out;
}

/** The local part of a qualified name. */
export function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

/** The prefix of a qualified name ('' when none). */
function prefixOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? '' : qname.slice(0, i);
}

/** Refuse parts the byte-level editor cannot edit safely: anything but UTF-8 (a UTF-8 BOM is fine). */
export function requireUtf8(bytes: Uint8Array, what: string): void {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new UnsupportedError(`${what} is UTF-16; only UTF-8 parts can be edited`);
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const enc = /^(?:\uFEFF|ï»¿)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (enc !== undefined && enc !== 'utf-8' && enc !== 'utf8') throw new UnsupportedError(`${what} is encoded as ${enc}; only UTF-8 parts can be edited`);
}

/** `bytes` with `insert` placed at `at` and `[at, at + remove)` dropped. */
export function splice(bytes: Uint8Array, at: number, remove: number, insert: string): Uint8Array {
  return Buffer.concat([bytes.subarray(0, at), UTF8.encode(insert), bytes.subarray(at + remove)]);
}

/** Qualified name for an OFD element in a part whose root element is `rootQname` (same prefix as the root). */
function qualify(rootQname: string, local: string): string {
  const p = prefixOf(rootQname);
  return p ? `${p}:${local}` : local;
}

/**
 * OFD.xml with `<Signatures>loc</Signatures>` appended to the first DocBody (its last child, as the schema orders
 * it), using the prefix the root element uses. Throws FormatError when there is no DocBody with an end tag.
 */
export function addSignaturesToOfdXml(bytes: Uint8Array, loc: string): Uint8Array {
  requireUtf8(bytes, 'OFD.xml');
  const tags = scanTags(bytes);
  const root = tags.find((t) => t.depth === 1 && t.kind !== 'end');
  if (!root) throw new FormatError('OFD.xml has no root element');
  const open = tags.findIndex((t) => t.depth === 2 && t.kind === 'start' && localName(t.qname) === 'DocBody');
  if (open < 0) throw new FormatError('OFD.xml has no DocBody element to add <Signatures> to');
  const closeIdx = tags.findIndex((t, i) => i > open && t.kind === 'end' && t.depth === 2);
  const close = tags[closeIdx];
  if (!close) throw new FormatError('OFD.xml DocBody has no end tag');
  // An empty <Signatures/> already there would make two: refuse rather than guess which one a reader takes.
  if (tags.slice(open + 1, closeIdx).some((t) => t.depth === 3 && t.kind !== 'end' && localName(t.qname) === 'Signatures')) {
    throw new FormatError('OFD.xml DocBody already has a <Signatures> element (empty)');
  }
  const q = qualify(root.qname, 'Signatures');
  return splice(bytes, close.start, 0, `<${q}>${escapeXml(loc)}</${q}>`);
}

/**
 * Signatures.xml with one more `<Signature ID Type BaseLoc/>` (appended after the existing ones) and MaxSignId set
 * to `maxSignId` (its text replaced in place, or the element added as the first child when absent).
 */
export function addSignatureToList(bytes: Uint8Array, entry: { id: string; type: 'Seal' | 'Sign'; baseLoc: string }, maxSignId: string): Uint8Array {
  requireUtf8(bytes, 'Signatures.xml');
  const tags = scanTags(bytes);
  const rootIdx = tags.findIndex((t) => t.depth === 1 && t.kind !== 'end');
  const root = tags[rootIdx];
  if (!root || localName(root.qname) !== 'Signatures') throw new FormatError('Signatures.xml has no <Signatures> root');
  if (root.kind === 'empty') {
    // <ofd:Signatures .../> : open it up (only the closing '/' is replaced; attributes stay byte for byte).
    const slash = bytes.lastIndexOf(0x2f, root.end - 1);
    const q = root.qname;
    const inner = `${maxSignIdXml(q, maxSignId)}${signatureXml(q, entry)}`;
    return splice(bytes, slash, root.end - slash, `>${inner}</${q}>`);
  }
  const rootEnd = tags.slice(rootIdx + 1).find((t) => t.kind === 'end' && t.depth === 1);
  if (!rootEnd) throw new FormatError('Signatures.xml has no end tag');
  // After the last existing <Signature> (some writers put MaxSignId after the list), else before </Signatures>.
  let insertAt = rootEnd.start;
  for (let i = rootIdx + 1; i < tags.length; i++) {
    const t = tags[i]!;
    if (t.depth !== 2 || t.kind === 'end' || localName(t.qname) !== 'Signature') continue;
    insertAt = t.kind === 'empty' ? t.end : (tags.slice(i + 1).find((e) => e.kind === 'end' && e.depth === 2)?.end ?? rootEnd.start);
  }
  // Edits run from the end of the part backwards so earlier offsets stay valid.
  const max0 = tags.find((t) => t.depth === 2 && t.kind !== 'end' && localName(t.qname) === 'MaxSignId');
  if (max0 && max0.start >= insertAt) {
    // MaxSignId after the list: edit it first (it lies after the insertion point), then insert.
    return splice(replaceMaxSignId(bytes, tags, root, maxSignId), insertAt, 0, signatureXml(root.qname, entry));
  }
  return replaceMaxSignId(splice(bytes, insertAt, 0, signatureXml(root.qname, entry)), tags, root, maxSignId);
}

/** Set MaxSignId's text (the element is added as the first child when absent). Offsets are those of `tags`. */
function replaceMaxSignId(bytes: Uint8Array, tags: TagEvent[], root: TagEvent, maxSignId: string): Uint8Array {
  let out = bytes;
  const maxIdx = tags.findIndex((t) => t.depth === 2 && t.kind !== 'end' && localName(t.qname) === 'MaxSignId');
  const max = tags[maxIdx];
  if (max && max.kind === 'start') {
    const maxEnd = tags.slice(maxIdx + 1).find((t) => t.kind === 'end' && t.depth === 2);
    if (!maxEnd) throw new FormatError('Signatures.xml MaxSignId has no end tag');
    out = splice(out, max.end, maxEnd.start - max.end, escapeXml(maxSignId));
  } else if (max) {
    out = splice(out, max.start, max.end - max.start, maxSignIdXml(root.qname, maxSignId));
  } else {
    out = splice(out, root.end, 0, maxSignIdXml(root.qname, maxSignId));
  }
  return out;
}

function maxSignIdXml(rootQname: string, value: string): string {
  const q = qualify(rootQname, 'MaxSignId');
  return `<${q}>${escapeXml(value)}</${q}>`;
}

function signatureXml(rootQname: string, e: { id: string; type: 'Seal' | 'Sign'; baseLoc: string }): string {
  return `<${qualify(rootQname, 'Signature')} ID="${escapeXml(e.id)}" Type="${e.type}" BaseLoc="${escapeXml(e.baseLoc)}"/>`;
}

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A new Signatures.xml holding one signature. */
export function newSignatureList(entry: { id: string; type: 'Seal' | 'Sign'; baseLoc: string }, maxSignId: string): Uint8Array {
  const q = 'ofd:Signatures';
  return UTF8.encode(`${DECL}<${q} xmlns:ofd="${OFD_NS}">${maxSignIdXml(q, maxSignId)}${signatureXml(q, entry)}</${q}>`);
}

export interface SignatureXmlInput {
  provider: { name: string; company?: string; version?: string };
  /** OID of the signature algorithm (SM2-with-SM3: 1.2.156.10197.1.501). */
  signatureMethod: string;
  signatureDateTime: string;
  /** OID or name of the digest (SM3: 1.2.156.10197.1.401). */
  checkMethod: string;
  references: readonly { fileRef: string; checkValue: string }[];
  stampAnnots: readonly { id: string; pageRef: string; boundary: string }[];
  /** Absolute location of Seal.esl, when the seal is stored beside the signature. */
  sealLoc?: string;
  signedValueLoc: string;
}

/** A new Signature.xml, elements in the order of GB/T 33190 (SignedInfo children, then SignedValue). */
export function newSignatureXml(s: SignatureXmlInput): Uint8Array {
  const p = s.provider;
  const provider = `<ofd:Provider ProviderName="${escapeXml(p.name)}"${p.company !== undefined ? ` Company="${escapeXml(p.company)}"` : ''}${p.version !== undefined ? ` Version="${escapeXml(p.version)}"` : ''}/>`;
  const refs = s.references.map((r) => `<ofd:Reference FileRef="${escapeXml(r.fileRef)}"><ofd:CheckValue>${escapeXml(r.checkValue)}</ofd:CheckValue></ofd:Reference>`).join('');
  const annots = s.stampAnnots.map((a) => `<ofd:StampAnnot ID="${escapeXml(a.id)}" PageRef="${escapeXml(a.pageRef)}" Boundary="${escapeXml(a.boundary)}"/>`).join('');
  const seal = s.sealLoc !== undefined ? `<ofd:Seal><ofd:BaseLoc>${escapeXml(s.sealLoc)}</ofd:BaseLoc></ofd:Seal>` : '';
  return UTF8.encode(
    `${DECL}<ofd:Signature xmlns:ofd="${OFD_NS}"><ofd:SignedInfo>${provider}` +
      `<ofd:SignatureMethod>${escapeXml(s.signatureMethod)}</ofd:SignatureMethod>` +
      `<ofd:SignatureDateTime>${escapeXml(s.signatureDateTime)}</ofd:SignatureDateTime>` +
      `<ofd:References CheckMethod="${escapeXml(s.checkMethod)}">${refs}</ofd:References>${annots}${seal}</ofd:SignedInfo>` +
      `<ofd:SignedValue>${escapeXml(s.signedValueLoc)}</ofd:SignedValue></ofd:Signature>`,
  );
}
