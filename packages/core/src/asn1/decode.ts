// Decoders for primitive values. Each checks the identifier octet and the encoding rules of the reader's mode
// (see Asn1Mode), and throws FormatError naming `what` on anything else.
import { FormatError } from '../errors.js';
import { bytesToBigInt, concatBytes, latin1, toHex } from './bytes.js';
import { content, expectTag, isConstructed, isUniversal, type El } from './reader.js';
import {
  TAG_BIT_STRING,
  TAG_BMP_STRING,
  TAG_BOOLEAN,
  TAG_IA5_STRING,
  TAG_INTEGER,
  TAG_NULL,
  TAG_NUMERIC_STRING,
  TAG_OID,
  TAG_PRINTABLE_STRING,
  TAG_TELETEX_STRING,
  TAG_UNIVERSAL_STRING,
  TAG_UTF8_STRING,
  TAG_VISIBLE_STRING,
} from './tags.js';

const MAX_OID_BYTES = 255;
const MAX_OID_ARCS = 128;
/** Largest arc value before the next `* 128 + 127` would leave the safe-integer range. */
const MAX_ARC_BEFORE_SHIFT = Math.floor((Number.MAX_SAFE_INTEGER - 127) / 128);

/** Dotted form of OBJECT IDENTIFIER contents. Strict: minimal arcs, no truncated arc, bounded length. */
export function decodeOid(c: Uint8Array, what = 'OBJECT IDENTIFIER'): string {
  if (c.length === 0 || c.length > MAX_OID_BYTES) throw new FormatError(`${what}: bad OBJECT IDENTIFIER length`);
  let out = '';
  let arcs = 0;
  let v = 0;
  let fresh = true;
  for (let i = 0; i < c.length; i++) {
    const b = c[i]!;
    if (fresh && b === 0x80) throw new FormatError(`${what}: non-minimal OBJECT IDENTIFIER arc`);
    if (v > MAX_ARC_BEFORE_SHIFT) throw new FormatError(`${what}: OBJECT IDENTIFIER arc too large`);
    v = v * 128 + (b & 0x7f);
    fresh = (b & 0x80) === 0;
    if (fresh) {
      if (arcs === 0) {
        // The first subidentifier packs two arcs: 40 * x + y, x in 0..2.
        const x = v < 40 ? 0 : v < 80 ? 1 : 2;
        out = `${x}.${v - 40 * x}`;
        arcs = 2;
      } else {
        out += '.' + v;
        if (++arcs > MAX_OID_ARCS) throw new FormatError(`${what}: OBJECT IDENTIFIER too long`);
      }
      v = 0;
    }
  }
  if (!fresh) throw new FormatError(`${what}: truncated OBJECT IDENTIFIER`);
  return out;
}

export function readOid(e: El | undefined, what: string): string {
  return decodeOid(content(expectTag(e, TAG_OID, what)), what);
}

/** INTEGER contents (two's complement, big-endian), checked non-empty; minimal too in DER mode. */
export function readInteger(e: El | undefined, what: string): Uint8Array {
  const c = content(expectTag(e, TAG_INTEGER, what));
  if (c.length === 0) throw new FormatError(`${what}: empty INTEGER`);
  if (e!.reader.mode === 'der' && c.length > 1 && ((c[0] === 0 && c[1]! < 0x80) || (c[0] === 0xff && c[1]! >= 0x80)))
    throw new FormatError(`${what}: non-minimal INTEGER`);
  return c;
}

/** A non-negative INTEGER's contents (may keep the 00 sign octet). */
export function readUnsignedInteger(e: El | undefined, what: string): Uint8Array {
  const c = readInteger(e, what);
  if (c[0]! & 0x80) throw new FormatError(`${what}: negative INTEGER`);
  return c;
}

/** INTEGER contents without redundant leading sign octets, so equal values have equal bytes. */
export function canonicalInteger(c: Uint8Array): Uint8Array {
  let i = 0;
  while (i < c.length - 1 && ((c[i] === 0 && c[i + 1]! < 0x80) || (c[i] === 0xff && c[i + 1]! >= 0x80))) i++;
  return c.subarray(i);
}

/** Lower-case hex of canonical INTEGER contents (how serial numbers are shown and compared). */
export function integerHex(c: Uint8Array): string {
  return toHex(canonicalInteger(c));
}

/** The signed value of INTEGER contents. */
export function integerToBigInt(c: Uint8Array): bigint {
  const u = bytesToBigInt(c);
  return c.length > 0 && c[0]! & 0x80 ? u - (1n << BigInt(8 * c.length)) : u;
}

/** A signed INTEGER of at most 4 contents octets, as a number. */
export function readSmallInt(e: El | undefined, what: string): number {
  const c = readInteger(e, what);
  if (c.length > 4) throw new FormatError(`${what}: INTEGER too large`);
  let n = c[0]! & 0x80 ? -1 : 0;
  for (const b of c) n = n * 256 + b;
  return n;
}

/** A non-negative INTEGER of at most 4 contents octets (0 … 2^31 − 1). */
export function readSmallUint(e: El | undefined, what: string): number {
  const n = readSmallInt(e, what);
  if (n < 0) throw new FormatError(`${what}: negative INTEGER`);
  return n;
}

export function readBoolean(e: El | undefined, what: string): boolean {
  const c = content(expectTag(e, TAG_BOOLEAN, what));
  if (c.length !== 1) throw new FormatError(`${what}: bad BOOLEAN`);
  if (e!.reader.mode === 'der' && c[0] !== 0 && c[0] !== 0xff) throw new FormatError(`${what}: BOOLEAN must be 00 or FF in DER`);
  return c[0] !== 0;
}

export function readNull(e: El | undefined, what: string): null {
  if (content(expectTag(e, TAG_NULL, what)).length !== 0) throw new FormatError(`${what}: bad NULL`);
  return null;
}

/**
 * BIT STRING contents after the unused-bits octet. Only whole-byte strings unless `unusedOk` (named-bit lists such
 * as keyUsage). Primitive only: no PKI structure uses constructed bit strings.
 */
export function readBitString(e: El | undefined, what: string, unusedOk = false): Uint8Array {
  const c = content(expectTag(e, TAG_BIT_STRING, what));
  if (c.length < 1 || c[0]! > 7 || (c[0] !== 0 && (!unusedOk || c.length === 1))) throw new FormatError(`${what}: bad BIT STRING`);
  return c.subarray(1);
}

/**
 * OCTET STRING contents. In BER mode a constructed string's segments are joined (a copy); otherwise a view.
 * `implicit`: the element carries a context tag instead of the universal one ([n] IMPLICIT OCTET STRING).
 */
export function readOctetString(e: El | undefined, what: string, implicit = false): Uint8Array {
  if (!e) throw new FormatError(`${what}: missing`);
  if (!implicit && !isUniversal(e, 4)) throw new FormatError(`${what}: OCTET STRING expected`);
  if (!isConstructed(e)) return content(e);
  if (e.reader.mode !== 'ber') throw new FormatError(`${what}: constructed OCTET STRING (not allowed in DER)`);
  const parts: Uint8Array[] = [];
  for (const s of e.reader.children(e, Number.MAX_SAFE_INTEGER, `${what} segments`)) {
    if (!isUniversal(s, 4)) throw new FormatError(`${what}: bad segment in a constructed OCTET STRING`);
    parts.push(readOctetString(s, what));
  }
  return concatBytes(...parts);
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Text of a universal character string (UTF8String, PrintableString, IA5String, NumericString, VisibleString,
 * TeletexString as Latin-1, BMPString, UniversalString); undefined for any other element or a bad length.
 */
export function decodeString(e: El): string | undefined {
  if ((e.tag & 0xe0) !== 0) return undefined; // universal, primitive only
  const raw = content(e);
  switch (e.tag) {
    case TAG_UTF8_STRING:
      return utf8.decode(raw);
    case TAG_PRINTABLE_STRING:
    case TAG_IA5_STRING:
    case TAG_NUMERIC_STRING:
    case TAG_VISIBLE_STRING:
    case TAG_TELETEX_STRING: // T.61's own repertoire is rarely used for real: Latin-1
      return latin1(raw);
    case TAG_BMP_STRING: // UTF-16BE
      if (raw.length % 2) return undefined;
      return Buffer.from(raw).swap16().toString('utf16le');
    case TAG_UNIVERSAL_STRING: {
      // UTF-32BE
      if (raw.length % 4) return undefined;
      let s = '';
      for (let i = 0; i < raw.length; i += 4) {
        const cp = ((raw[i]! << 24) | (raw[i + 1]! << 16) | (raw[i + 2]! << 8) | raw[i + 3]!) >>> 0;
        if (cp > 0x10ffff) return undefined;
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return undefined;
  }
}

/** Text of a character string element; FormatError when it is not one. */
export function readString(e: El | undefined, what: string): string {
  const s = e ? decodeString(e) : undefined;
  if (s === undefined) throw new FormatError(`${what}: character string expected`);
  return s;
}
