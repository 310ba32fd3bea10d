// DER writer. Builders take already-encoded children, so large parts (a TBS of many MiB, embedded certificates)
// are copied once and never re-parsed. Identifiers are single octets (tag numbers below 31: all heyan writes).
import { FormatError } from '../errors.js';
import { compareBytes, utf8Bytes } from './bytes.js';
import { formatTime } from './time.js';
import {
  CONSTRUCTED,
  TAG_BIT_STRING,
  TAG_BMP_STRING,
  TAG_BOOLEAN,
  TAG_ENUMERATED,
  TAG_GENERALIZED_TIME,
  TAG_IA5_STRING,
  TAG_INTEGER,
  TAG_NULL,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_PRINTABLE_STRING,
  TAG_SEQUENCE,
  TAG_SET,
  TAG_UTC_TIME,
  TAG_UTF8_STRING,
} from './tags.js';

function header(tag: number, len: number): number[] {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xff || (tag & 0x1f) === 0x1f) throw new TypeError(`bad identifier octet ${tag}`);
  if (len < 0x80) return [tag, len];
  const out: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
  return [tag, 0x80 | out.length, ...out];
}

/** One TLV: identifier octet `tag` around the concatenated `parts`. */
export function tlv(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const head = header(tag, n);
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  let o = head.length;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const seq = (...parts: readonly Uint8Array[]): Uint8Array => tlv(TAG_SEQUENCE, ...parts);
/** SET with the members in the given order (e.g. SignerInfos, whose order callers rely on). */
export const set = (...parts: readonly Uint8Array[]): Uint8Array => tlv(TAG_SET, ...parts);

/** Members in DER SET OF order: by their encodings, a shorter prefix first (X.690 11.6). */
export function sortDer(items: readonly Uint8Array[]): Uint8Array[] {
  return [...items].sort(compareBytes);
}

/** DER SET OF: the members sorted. */
export const setOf = (items: readonly Uint8Array[]): Uint8Array => tlv(TAG_SET, ...sortDer(items));

/** [n] EXPLICIT: a constructed context tag around the encodings. */
export const explicit = (n: number, ...parts: readonly Uint8Array[]): Uint8Array => tlv(0xa0 | ctxNumber(n), ...parts);

/** [n] IMPLICIT: the same encoding under a context identifier (constructed stays constructed). */
export function implicit(n: number, der: Uint8Array): Uint8Array {
  if (der.length < 2 || (der[0]! & 0x1f) === 0x1f) throw new TypeError('implicit: one single-identifier TLV expected');
  const out = new Uint8Array(der); // a copy: der.slice() is a view when der is a Buffer
  out[0] = 0x80 | (der[0]! & CONSTRUCTED) | ctxNumber(n);
  return out;
}

function ctxNumber(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new TypeError(`bad context tag number ${n}`);
  return n;
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((s) => (/^\d{1,15}$/.test(s) ? Number(s) : NaN));
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a)) || arcs[0]! > 2 || (arcs[0]! < 2 && arcs[1]! > 39))
    throw new TypeError(`bad OID ${dotted}`);
  const body: number[] = [];
  const push = (x: number): void => {
    const tmp = [x & 0x7f];
    for (x = Math.floor(x / 128); x > 0; x = Math.floor(x / 128)) tmp.unshift(0x80 | (x & 0x7f));
    body.push(...tmp);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (let i = 2; i < arcs.length; i++) push(arcs[i]!);
  return tlv(TAG_OID, Uint8Array.from(body));
}

/**
 * INTEGER. A number or bigint is written as minimal two's complement (negative values allowed); bytes are an
 * unsigned big-endian magnitude (leading zeros dropped, a 00 sign octet added when needed).
 */
export function integer(x: Uint8Array | bigint | number): Uint8Array {
  if (x instanceof Uint8Array) {
    let i = 0;
    while (i < x.length - 1 && x[i] === 0) i++;
    const m = x.length === 0 ? Uint8Array.of(0) : x.subarray(i);
    return m[0]! & 0x80 ? tlv(TAG_INTEGER, Uint8Array.of(0), m) : tlv(TAG_INTEGER, m);
  }
  if (typeof x === 'number' && !Number.isSafeInteger(x)) throw new RangeError(`INTEGER ${x} is not a safe integer`);
  return tlv(TAG_INTEGER, twosComplement(BigInt(x)));
}

/** INTEGER around contents octets kept as they are (e.g. a certificate serial copied byte for byte). */
export function integerFromContent(contentOctets: Uint8Array): Uint8Array {
  if (contentOctets.length === 0) throw new TypeError('INTEGER contents must not be empty');
  return tlv(TAG_INTEGER, contentOctets);
}

export function enumerated(n: number): Uint8Array {
  if (!Number.isSafeInteger(n)) throw new RangeError(`ENUMERATED ${n} is not a safe integer`);
  return tlv(TAG_ENUMERATED, twosComplement(BigInt(n)));
}

function twosComplement(v: bigint): Uint8Array {
  // Smallest byte count whose signed range holds v.
  let len = 1;
  while (v < -(1n << BigInt(8 * len - 1)) || v >= 1n << BigInt(8 * len - 1)) len++;
  const u = v < 0n ? (1n << BigInt(8 * len)) + v : v;
  const out = new Uint8Array(len);
  let t = u;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(t & 0xffn);
    t >>= 8n;
  }
  return out;
}

export const boolean = (v: boolean): Uint8Array => Uint8Array.of(TAG_BOOLEAN, 1, v ? 0xff : 0);
export const derNull = (): Uint8Array => Uint8Array.of(TAG_NULL, 0);
export const octets = (b: Uint8Array): Uint8Array => tlv(TAG_OCTET_STRING, b);

/** BIT STRING of whole bytes, or with `unusedBits` (0–7) cleared trailing bits of the last byte. */
export function bitString(b: Uint8Array, unusedBits = 0): Uint8Array {
  if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > 7 || (unusedBits > 0 && b.length === 0))
    throw new RangeError(`bad unused-bit count ${unusedBits}`);
  return tlv(TAG_BIT_STRING, Uint8Array.of(unusedBits), b);
}

/** RFC 5280 4.1.2.5 / RFC 5652 11.3: UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds, Z. */
export function time(d: Date, what = 'time'): Uint8Array {
  const { utc, text } = formatTime(d, what);
  return tlv(utc ? TAG_UTC_TIME : TAG_GENERALIZED_TIME, utf8Bytes(text));
}

/**
 * GeneralizedTime whatever the year (structures that specify it outright, e.g. GB/T 38540 seals): whole seconds, Z.
 * Throws FormatError for an invalid date or a year outside 0–9999.
 */
export function generalizedTime(d: Date, what = 'time'): Uint8Array {
  const { utc, text } = formatTime(d, what);
  return tlv(TAG_GENERALIZED_TIME, utf8Bytes(utc ? `${d.getUTCFullYear()}${text.slice(2)}` : text));
}

export const utf8String = (s: string): Uint8Array => tlv(TAG_UTF8_STRING, utf8Bytes(s));

/** True when every character is in the PrintableString repertoire (X.680 41.4). */
export function isPrintable(s: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
}

export function printableString(s: string): Uint8Array {
  if (!isPrintable(s)) throw new FormatError(`"${s.slice(0, 40)}" is not a PrintableString`);
  return tlv(TAG_PRINTABLE_STRING, utf8Bytes(s));
}

export function ia5String(s: string): Uint8Array {
  if (!/^[\x00-\x7f]*$/.test(s)) throw new FormatError(`"${s.slice(0, 40)}" is not an IA5String`);
  return tlv(TAG_IA5_STRING, utf8Bytes(s));
}

/** BMPString (UTF-16BE code units). */
export function bmpString(s: string): Uint8Array {
  const b = Buffer.alloc(s.length * 2);
  for (let i = 0; i < s.length; i++) b.writeUInt16BE(s.charCodeAt(i), i * 2);
  return tlv(TAG_BMP_STRING, b);
}

/** AlgorithmIdentifier; `params` is the DER of the parameters, omitted when undefined. */
export function algorithmIdentifier(algorithm: string, params?: Uint8Array): Uint8Array {
  return params ? seq(oid(algorithm), params) : seq(oid(algorithm));
}
