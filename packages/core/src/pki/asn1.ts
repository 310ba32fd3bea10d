// Thin, strict wrappers over asn1js for the PKI parsers: limits, no trailing bytes, typed access.
import * as asn1js from 'asn1js';
import { FormatError, LimitError } from '../errors.js';
import { MAX_ASN1_DEPTH } from './limits.js';

export type Node = asn1js.AsnType;

/** Parse one DER/BER element that must span all of `bytes`. Throws FormatError or LimitError. */
export function parseAsn1(bytes: Uint8Array, what: string, maxNodes: number): Node {
  let res: ReturnType<typeof asn1js.fromBER>;
  try {
    // parseEmbedded false: do not speculatively decode OCTET/BIT STRING contents (cost, and attack surface).
    res = asn1js.fromBER(bytes, { maxDepth: MAX_ASN1_DEPTH, maxNodes, parseEmbedded: false, copyInput: false });
  } catch (e) {
    throw new FormatError(`${what}: not valid DER`, { cause: e });
  }
  if (res.offset === -1) {
    const err = res.result.error || 'decode error';
    if (/^Maximum ASN\.1/.test(err)) throw new LimitError(`${what}: ${err}`);
    throw new FormatError(`${what}: not valid DER (${err})`);
  }
  if (res.offset !== bytes.length) throw new FormatError(`${what}: ${bytes.length - res.offset} trailing bytes after the DER element`);
  return res.result;
}

/** The exact encoded bytes of a parsed element. */
export function encodedBytes(node: Node): Uint8Array {
  return node.valueBeforeDecodeView;
}

export function isSequence(n: Node | undefined): n is asn1js.Sequence {
  return n instanceof asn1js.Sequence;
}

/** Children of a constructed node (SEQUENCE, SET, explicit tag); [] otherwise. */
export function children(n: Node | undefined): Node[] {
  if (!n) return [];
  const vb = (n as asn1js.Constructed).valueBlock as { value?: unknown };
  return Array.isArray(vb.value) ? (vb.value as Node[]) : [];
}

export function isContextTag(n: Node | undefined, tag: number): boolean {
  return !!n && n.idBlock.tagClass === 3 && n.idBlock.tagNumber === tag;
}

export function oidOf(n: Node | undefined, what: string): string {
  if (!(n instanceof asn1js.ObjectIdentifier)) throw new FormatError(`${what}: OBJECT IDENTIFIER expected`);
  const s = n.valueBlock.toString();
  if (!/^\d+(\.\d+)+$/.test(s)) throw new FormatError(`${what}: bad OBJECT IDENTIFIER`);
  return s;
}

/** Content octets of a primitive element (OCTET STRING, INTEGER, BIT STRING with its unused-bits octet ...). */
export function contentOf(n: Node): Uint8Array {
  if (n.idBlock.isConstructed || n.lenBlock.isIndefiniteForm) throw new FormatError('DER: primitive encoding expected');
  const enc = n.valueBeforeDecodeView;
  return enc.subarray(n.idBlock.blockLength + n.lenBlock.blockLength);
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Canonical hex of an INTEGER's content: redundant sign bytes stripped, lower case. */
export function integerHex(content: Uint8Array): string {
  let i = 0;
  while (i < content.length - 1 && ((content[i] === 0 && content[i + 1]! < 0x80) || (content[i] === 0xff && content[i + 1]! >= 0x80))) i++;
  return toHex(content.subarray(i));
}

/** Read a DER Time (UTCTime / GeneralizedTime) strictly: Zulu, seconds present, a real date. */
export function timeOf(n: Node | undefined, what: string): Date {
  // GeneralizedTime extends UTCTime in asn1js: test it first. Read the raw octets, not asn1js' lenient fields.
  if (n instanceof asn1js.GeneralizedTime) return parseTimeString(latin1(contentOf(n)), 4, what);
  if (n instanceof asn1js.UTCTime) return parseTimeString(latin1(contentOf(n)), 2, what);
  throw new FormatError(`${what}: UTCTime or GeneralizedTime expected`);
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

function parseTimeString(s: string, yearDigits: 2 | 4, what: string): Date {
  // RFC 5280 4.1.2.5: YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ. Fractions tolerated in GeneralizedTime (CRLs from some CAs).
  const re = yearDigits === 2 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3})\d*)?Z$/;
  const m = re.exec(s);
  if (!m) throw new FormatError(`${what}: bad time "${s.slice(0, 32)}"`);
  let year = Number(m[1]);
  if (yearDigits === 2) year += year < 50 ? 2000 : 1900;
  const [mo, d, h, mi, se] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const t = Date.UTC(year, mo - 1, d, h, mi, se, ms);
  const dt = new Date(t);
  if (mo < 1 || mo > 12 || dt.getUTCDate() !== d || h > 23 || mi > 59 || se > 59 || dt.getUTCFullYear() !== year)
    throw new FormatError(`${what}: impossible date "${s}"`);
  return dt;
}

// ---------------------------------------------------------------- light TLV walker (large CRLs)

/** One DER TLV inside a buffer: the value is buf[start, end). */
export interface Tlv {
  tag: number;
  offset: number;
  start: number;
  end: number;
}

/** Read one definite-length TLV at `pos` within `limit`. Throws FormatError. */
export function readTlv(buf: Uint8Array, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) throw new FormatError('DER: truncated header');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new FormatError('DER: multi-byte tag');
  let len = buf[pos + 1]!;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) throw new FormatError('DER: indefinite length');
    if (n > 4) throw new FormatError('DER: length too large');
    if (p + n > limit) throw new FormatError('DER: truncated length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    p += n;
  }
  if (p + len > limit) throw new FormatError('DER: value runs past its container');
  return { tag, offset: pos, start: p, end: p + len };
}

/** Children of a constructed TLV, at most `max`. */
export function tlvChildren(buf: Uint8Array, t: Tlv, max: number): Tlv[] {
  if (!(t.tag & 0x20)) throw new FormatError('DER: constructed value expected');
  const out: Tlv[] = [];
  for (let p = t.start; p < t.end; ) {
    if (out.length >= max) throw new LimitError(`DER: more than ${max} elements`);
    const c = readTlv(buf, p, t.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

/** Time from a UTCTime (0x17) or GeneralizedTime (0x18) TLV. */
export function tlvTime(buf: Uint8Array, t: Tlv | undefined, what: string): Date {
  if (!t || (t.tag !== 0x17 && t.tag !== 0x18)) throw new FormatError(`${what}: UTCTime or GeneralizedTime expected`);
  return parseTimeString(latin1(buf.subarray(t.start, t.end)), t.tag === 0x17 ? 2 : 4, what);
}
