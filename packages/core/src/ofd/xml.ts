// XML parts of an OFD package, read into a small element tree for lookups by name. Only used to find paths,
// digests and identifiers: never re-serialised (digests are over the stored bytes). OFD never uses a DTD, so any
// DOCTYPE or ENTITY declaration is refused before parsing (entity bombs), and entity expansion is off; the five
// predefined entities and character references are decoded here, without any expansion of declared entities.
import { createRequire } from 'node:module';
import { TextDecoder } from 'node:util';
import type * as Fxp from 'fast-xml-parser';
import { FormatError, LimitError } from '../errors.js';

export const OFD_NS = 'http://www.ofdspec.org/2016';

export interface XmlElement {
  /** Local name, prefix removed. */
  readonly name: string;
  /** Namespace URI; '' when none is bound. */
  readonly ns: string;
  /** Attributes by their name as written (OFD attributes are unprefixed), values entity-decoded. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Direct text content (text and CDATA), entity-decoded and trimmed. */
  readonly text: string;
}

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true });
let GB18030: TextDecoder | undefined;

/** Text of the part: BOM-aware, UTF-8 unless the declaration names a GB encoding. */
function decodeText(bytes: Uint8Array, what: string): string {
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return UTF8.decode(bytes.subarray(3));
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16LE.decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return UTF16BE.decode(bytes.subarray(2));
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
    const enc = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/.exec(head)?.[1]?.toLowerCase();
    if (enc && /^(gbk|gb2312|gb18030|x-gbk|cp936)$/.test(enc)) {
      GB18030 ??= new TextDecoder('gb18030', { fatal: true });
      return GB18030.decode(bytes);
    }
    return UTF8.decode(bytes);
  } catch {
    throw new FormatError(`${what} is not valid text in its declared encoding`);
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode the predefined entities and character references; anything else stays as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
    }
    return PREDEFINED[body] ?? m;
  });
}

const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false, // whole text is trimmed once below; per-node trimming would eat spaces around CDATA
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: false,
} as const;

type Node = Record<string, unknown>;

function nodeName(n: Node): string | undefined {
  for (const k of Object.keys(n)) if (k !== ':@') return k;
  return undefined;
}

let fxp: typeof Fxp | undefined;

/** Parse an XML part. Throws FormatError (malformed, DTD present) or LimitError (size, depth, element count). */
export function parseXml(bytes: Uint8Array, limits: XmlLimits, what = 'XML part'): XmlElement {
  if (bytes.length > limits.maxBytes) throw new LimitError(`${what} of ${bytes.length} bytes exceeds the ${limits.maxBytes}-byte XML limit`);
  const text = decodeText(bytes, what);
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new FormatError(`${what} declares a DTD or entities (refused: OFD never uses them)`);
  // fast-xml-parser (its CommonJS build, same version) is loaded with the first OFD part, not with every import of @heyan/core.
  const { XMLParser, XMLValidator } = (fxp ??= createRequire(import.meta.url)('fast-xml-parser') as typeof Fxp);
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) throw new FormatError(`${what} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let tree: Node[];
  try {
    tree = new XMLParser({ ...PARSER_OPTIONS, maxNestedTags: limits.maxDepth }).parse(text) as Node[];
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (/nested tags/i.test(why)) throw new LimitError(`${what} nests elements deeper than ${limits.maxDepth}`);
    throw new FormatError(`${what} cannot be parsed: ${why}`);
  }
  let count = 0;
  const convert = (n: Node, depth: number, scope: ReadonlyMap<string, string>): XmlElement => {
    if (depth > limits.maxDepth) throw new LimitError(`${what} nests elements deeper than ${limits.maxDepth}`);
    if (++count > limits.maxElements) throw new LimitError(`${what} has more than ${limits.maxElements} elements`);
    const qname = nodeName(n)!;
    const rawAttrs = (n[':@'] ?? {}) as Record<string, string>;
    let inner: Map<string, string> | undefined;
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(rawAttrs)) {
      const value = decodeEntities(String(v));
      if (k === 'xmlns' || k.startsWith('xmlns:')) (inner ??= new Map(scope)).set(k === 'xmlns' ? '' : k.slice(6), value);
      attrs[k] = value;
    }
    const ns = inner ?? scope;
    const colon = qname.indexOf(':');
    const prefix = colon >= 0 ? qname.slice(0, colon) : '';
    const name = colon >= 0 ? qname.slice(colon + 1) : qname;
    const uri = ns.get(prefix);
    if (uri === undefined && prefix !== '') throw new FormatError(`${what} uses the unbound namespace prefix "${prefix}"`);
    const children: XmlElement[] = [];
    let txt = '';
    for (const c of (n[qname] ?? []) as Node[]) {
      const cn = nodeName(c);
      if (cn === undefined) continue;
      if (cn === '#text') txt += decodeEntities(String(c[cn]));
      else if (cn === '#cdata') for (const t of c[cn] as Node[]) txt += String(t['#text'] ?? '');
      else children.push(convert(c, depth + 1, ns));
    }
    return { name, ns: uri ?? '', attrs, children, text: txt.trim() };
  };
  const roots = tree.filter((n) => {
    const k = nodeName(n);
    return k !== undefined && k !== '#text' && k !== '#cdata';
  });
  if (roots.length !== 1) throw new FormatError(`${what} has ${roots.length} root elements`);
  return convert(roots[0]!, 1, new Map());
}

/** The element belongs to OFD: in the OFD namespace, or unqualified (tolerated: some writers omit the namespace). */
export function isOfd(el: XmlElement): boolean {
  return el.ns === OFD_NS || el.ns === '';
}

/** First OFD child element with this local name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name && isOfd(c));
}

/** All OFD child elements with this local name, in document order. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name && isOfd(c)) : [];
}

/** Text of the first OFD child with this name, or undefined when absent or empty. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const t = child(el, name)?.text;
  return t ? t : undefined;
}

/** Attribute value, or undefined when absent. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el && Object.hasOwn(el.attrs, name) ? el.attrs[name] : undefined;
}
