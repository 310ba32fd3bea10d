// A minimal strict-DER reader and writer for the few key structures the crypto layer handles
// (SPKI, PKCS#8, SEC1, PKCS#1, PBES2 parameters, RSASSA-PSS parameters). Kept local and
// allocation-light because publicKeyFromSpki runs for every certificate.
import { FormatError } from '../../errors.js';

export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_SEQUENCE = 0x30;

/** One decoded TLV inside `buf`: value is buf[start, end). */
export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  offset: number;
  start: number;
  end: number;
}

const MAX_CHILDREN = 64;

/** Read one TLV at `pos`, strictly: single-byte tag, definite minimal length, inside `limit`. */
export function readTlv(buf: Uint8Array, pos: number, limit: number = buf.length): Tlv {
  if (pos + 2 > limit) throw new FormatError('DER: truncated header');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new FormatError('DER: multi-byte tags are not supported here');
  let len = buf[pos + 1]!;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) throw new FormatError('DER: indefinite length');
    if (n > 4) throw new FormatError('DER: length too large');
    if (p + n > limit) throw new FormatError('DER: truncated length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    if (buf[p] === 0 || len < 0x80) throw new FormatError('DER: non-minimal length');
    p += n;
  }
  if (p + len > limit) throw new FormatError('DER: value runs past its container');
  return { tag, offset: pos, start: p, end: p + len };
}

/** Parse a whole buffer as exactly one TLV (no trailing bytes). */
export function readRoot(buf: Uint8Array, expectTag?: number): Tlv {
  const t = readTlv(buf, 0, buf.length);
  if (t.end !== buf.length) throw new FormatError('DER: trailing bytes');
  if (expectTag !== undefined && t.tag !== expectTag) throw new FormatError(`DER: expected tag 0x${expectTag.toString(16)}`);
  return t;
}

/** The children of a constructed TLV. */
export function children(buf: Uint8Array, t: Tlv): Tlv[] {
  if (!(t.tag & 0x20)) throw new FormatError('DER: expected a constructed value');
  const out: Tlv[] = [];
  let p = t.start;
  while (p < t.end) {
    if (out.length >= MAX_CHILDREN) throw new FormatError('DER: too many elements');
    const c = readTlv(buf, p, t.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function value(buf: Uint8Array, t: Tlv): Uint8Array {
  return buf.subarray(t.start, t.end);
}

/** The whole encoding (header + value) of a TLV. */
export function encoding(buf: Uint8Array, t: Tlv): Uint8Array {
  return buf.subarray(t.offset, t.end);
}

export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new FormatError(`DER: ${what} missing or of the wrong type`);
  return t;
}

export function readOid(buf: Uint8Array, t: Tlv): string {
  if (t.tag !== TAG_OID) throw new FormatError('DER: expected an OBJECT IDENTIFIER');
  const v = value(buf, t);
  if (v.length === 0 || v.length > 64) throw new FormatError('DER: bad OBJECT IDENTIFIER length');
  const arcs: number[] = [];
  let acc = 0;
  let first = true;
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    if (acc === 0 && b === 0x80) throw new FormatError('DER: non-minimal OID arc');
    acc = acc * 128 + (b & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 128) throw new FormatError('DER: OID arc too large');
    if (!(b & 0x80)) {
      if (first) {
        const x = acc < 40 ? 0 : acc < 80 ? 1 : 2;
        arcs.push(x, acc - 40 * x);
        first = false;
      } else arcs.push(acc);
      acc = 0;
    }
  }
  if (v[v.length - 1]! & 0x80) throw new FormatError('DER: truncated OID');
  return arcs.join('.');
}

/** INTEGER content bytes, checked minimal; `unsigned` also rejects negatives. */
export function readIntegerBytes(buf: Uint8Array, t: Tlv, unsigned = true): Uint8Array {
  if (t.tag !== TAG_INTEGER) throw new FormatError('DER: expected an INTEGER');
  const v = value(buf, t);
  if (v.length === 0) throw new FormatError('DER: empty INTEGER');
  if (v.length > 1 && ((v[0] === 0 && !(v[1]! & 0x80)) || (v[0] === 0xff && v[1]! & 0x80)))
    throw new FormatError('DER: non-minimal INTEGER');
  if (unsigned && v[0]! & 0x80) throw new FormatError('DER: negative INTEGER');
  return v;
}

export function readSmallInt(buf: Uint8Array, t: Tlv): number {
  const v = readIntegerBytes(buf, t);
  if (v.length > 4) throw new FormatError('DER: INTEGER too large');
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}

/** BIT STRING content without unused bits (only whole-byte strings are meaningful for keys). */
export function readBitStringBytes(buf: Uint8Array, t: Tlv): Uint8Array {
  if (t.tag !== TAG_BIT_STRING) throw new FormatError('DER: expected a BIT STRING');
  const v = value(buf, t);
  if (v.length === 0 || v[0] !== 0) throw new FormatError('DER: BIT STRING with unused bits');
  return v.subarray(1);
}

// ---- writer ----

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of contents) n += c.length;
  const head = [tag, ...lengthBytes(n)];
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  let o = head.length;
  for (const c of contents) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export const seq = (...c: Uint8Array[]): Uint8Array => tlv(TAG_SEQUENCE, ...c);
export const octets = (b: Uint8Array): Uint8Array => tlv(TAG_OCTET_STRING, b);
export const bitString = (b: Uint8Array): Uint8Array => tlv(TAG_BIT_STRING, Uint8Array.of(0), b);
export const derNull = (): Uint8Array => Uint8Array.of(TAG_NULL, 0);
/** Context-specific tag [n], constructed (EXPLICIT) by default. */
export const ctx = (n: number, ...c: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...c);

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => Number(a));
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) throw new TypeError(`bad OID ${dotted}`);
  const body: number[] = [];
  const push = (x: number): void => {
    const tmp = [x & 0x7f];
    x = Math.floor(x / 128);
    while (x > 0) {
      tmp.unshift((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    body.push(...tmp);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(TAG_OID, Uint8Array.from(body));
}

/** Unsigned INTEGER from big-endian magnitude bytes or a non-negative number/bigint. */
export function integer(x: Uint8Array | bigint | number): Uint8Array {
  let b: Uint8Array;
  if (x instanceof Uint8Array) b = x;
  else {
    const big = BigInt(x);
    if (big < 0n) throw new RangeError('negative INTEGER');
    let hex = big.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    b = Uint8Array.from(Buffer.from(hex, 'hex'));
  }
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  if (b.length === 0) b = Uint8Array.of(0);
  return b[0]! & 0x80 ? tlv(TAG_INTEGER, Uint8Array.of(0), b) : tlv(TAG_INTEGER, b);
}
