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
export function readTlv(buf: Uint8Array, pos: number, limit: number): El {
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
  return { buf, tag, offset: pos, start: p, end: p + len };
}

/** Children of a constructed TLV, at most `max`. */
export function tlvChildren(buf: Uint8Array, t: Tlv, max: number): El[] {
  if (!(t.tag & 0x20)) throw new FormatError('DER: constructed value expected');
  const out: El[] = [];
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

// ---------------------------------------------------------------- DER writing (no re-parsing of large parts)

function derHeader(tag: number, len: number): Uint8Array {
  if (len < 0x80) return Uint8Array.of(tag, len);
  const bytes: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(tag, 0x80 | bytes.length, ...bytes);
}

/** DER TLV with the given tag around already-encoded content. */
export function derWrap(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const len = parts.reduce((a, p) => a + p.length, 0);
  const h = derHeader(tag, len);
  const out = new Uint8Array(h.length + len);
  out.set(h, 0);
  let o = h.length;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ---------------------------------------------------------------- DER element view (the certificate hot path)
// asn1js builds an object tree with a lot of per-node work; certificates are parsed for every document, so the
// structures read on the hot path (certificates, names, extensions, CRLs) use this zero-copy view instead.

/** A DER element inside `buf`: tag at `offset`, content buf[start, end). */
export interface El extends Tlv {
  buf: Uint8Array;
}

/** Parse `buf` as exactly one DER element. Throws FormatError. */
export function derRoot(buf: Uint8Array, what: string): El {
  let t: El;
  try {
    t = readTlv(buf, 0, buf.length);
  } catch (e) {
    throw new FormatError(`${what}: ${(e as Error).message}`);
  }
  if (t.end !== buf.length) throw new FormatError(`${what}: ${buf.length - t.end} trailing bytes after the DER element`);
  return t;
}

/** Children of a constructed element (at most `max`). Throws FormatError / LimitError. */
export function elChildren(e: El | undefined, what: string, max = 4096): El[] {
  if (!e) return [];
  if (!(e.tag & 0x20)) throw new FormatError(`${what}: constructed element expected`);
  return tlvChildren(e.buf, e, max);
}

export function elContent(e: El): Uint8Array {
  return e.buf.subarray(e.start, e.end);
}

/** The whole encoding (tag, length, content). */
export function elBytes(e: El): Uint8Array {
  return e.buf.subarray(e.offset, e.end);
}

export const TAG_BOOLEAN = 0x01;
export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_ENUMERATED = 0x0a;
export const TAG_SEQUENCE = 0x30;
export const TAG_SET = 0x31;

/** Context-specific [n], primitive or constructed. */
export function isCtx(e: El | undefined, n: number): boolean {
  return !!e && (e.tag & 0xc0) === 0x80 && (e.tag & 0x1f) === n;
}

export function expectTag(e: El | undefined, tag: number, what: string): El {
  if (!e || e.tag !== tag) throw new FormatError(`${what}: tag 0x${tag.toString(16).padStart(2, '0')} expected`);
  return e;
}

/** Dotted OID from an OBJECT IDENTIFIER element; strict (minimal arcs, at most 64 arcs). */
export function elOid(e: El | undefined, what: string): string {
  const c = elContent(expectTag(e, TAG_OID, what));
  if (c.length === 0 || c.length > 255) throw new FormatError(`${what}: bad OBJECT IDENTIFIER length`);
  const arcs: number[] = [];
  let v = 0;
  let fresh = true;
  for (const b of c) {
    if (fresh && b === 0x80) throw new FormatError(`${what}: non-minimal OBJECT IDENTIFIER arc`);
    v = v * 128 + (b & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER) throw new FormatError(`${what}: OBJECT IDENTIFIER arc too large`);
    fresh = (b & 0x80) === 0;
    if (fresh) {
      arcs.push(v);
      v = 0;
    }
  }
  if (!fresh) throw new FormatError(`${what}: truncated OBJECT IDENTIFIER`);
  if (arcs.length > 64) throw new FormatError(`${what}: OBJECT IDENTIFIER too long`);
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

export function elBoolean(e: El, what: string): boolean {
  const c = elContent(expectTag(e, TAG_BOOLEAN, what));
  if (c.length !== 1) throw new FormatError(`${what}: bad BOOLEAN`);
  return c[0] !== 0;
}

/** Time from a UTCTime or GeneralizedTime element. */
export function elTime(e: El | undefined, what: string): Date {
  return tlvTime(e?.buf ?? new Uint8Array(0), e, what);
}

/** BIT STRING content without the unused-bits octet; `unusedOk` allows named-bit lists (keyUsage). */
export function elBitString(e: El | undefined, what: string, unusedOk = false): Uint8Array {
  const c = elContent(expectTag(e, TAG_BIT_STRING, what));
  if (c.length < 1 || c[0]! > 7 || (c[0] !== 0 && (!unusedOk || c.length === 1))) throw new FormatError(`${what}: bad BIT STRING`);
  return c.subarray(1);
}
