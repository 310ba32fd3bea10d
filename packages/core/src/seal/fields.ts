// Field readers for SES structures: strict about what a value means, tolerant (and noisy) about how vendors encode
// it. Every accepted deviation is recorded in `tol`; anything that cannot be read throws FormatError naming the field.
import {
  TAG_BIT_STRING,
  TAG_GENERALIZED_TIME,
  TAG_IA5_STRING,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
  TAG_UTC_TIME,
  TAG_UTF8_STRING,
  content,
  decodeString,
  expectTag,
  latin1,
  readBoolean,
  readOctetString,
  readOid,
  readSequence,
  readSmallUint,
  readTime,
  type El,
} from '../asn1/index.js';
import { parseRsDer } from '../crypto/sm2/der.js';
import { FormatError } from '../errors.js';
import { NONSTANDARD_SM2_OIDS, isRsAlgorithm } from './algorithm.js';
import { SEAL_CHECKS as C } from './checks.js';
import { MAX_EXT_DATAS } from './limits.js';
import type { Tolerances } from './tolerance.js';
import type { SesExtData } from './types.js';

/** A string field: `tag` is the type the standard names; other character string types are tolerated. */
export function readStringField(e: El | undefined, tag: number, field: string, tol: Tolerances): string {
  if (!e) throw new FormatError(`${field}: missing`);
  const s = decodeString(e);
  if (s === undefined) throw new FormatError(`${field}: character string expected`);
  if (e.tag !== tag) {
    const want = tag === TAG_IA5_STRING ? 'IA5String' : tag === TAG_UTF8_STRING ? 'UTF8String' : 'PrintableString';
    tol.add(C.stringType, field, { zh: `应为 ${want}，实为标签 0x${e.tag.toString(16)}`, en: `${want} expected, tag 0x${e.tag.toString(16)} found` });
  }
  return s;
}

export const readIa5 = (e: El | undefined, field: string, tol: Tolerances): string => readStringField(e, TAG_IA5_STRING, field, tol);
export const readUtf8 = (e: El | undefined, field: string, tol: Tolerances): string => readStringField(e, TAG_UTF8_STRING, field, tol);

/** A non-negative INTEGER field of at most 4 octets. */
export function readUint(e: El | undefined, field: string): number {
  return readSmallUint(e, field);
}

/** OCTET STRING contents (a view; BER segments joined in BER mode). */
export function readOctets(e: El | undefined, field: string): Uint8Array {
  return readOctetString(e, field);
}

/**
 * A BIT STRING field holding whole bytes. An OCTET STRING in its place is tolerated (ofdrw: "兼容非标签章").
 * Unused bits other than 0 are refused: these fields are hashes, signatures and tokens.
 */
export function readBitsField(e: El | undefined, field: string, tol: Tolerances): Uint8Array {
  if (!e) throw new FormatError(`${field}: missing`);
  if (e.tag === TAG_OCTET_STRING) {
    tol.add(C.octetForBitString, field);
    return readOctetString(e, field);
  }
  const c = content(expectTag(e, TAG_BIT_STRING, field));
  if (c.length < 1 || c[0] !== 0) throw new FormatError(`${field}: BIT STRING of whole bytes expected`);
  return c.subarray(1);
}

/** A signature value: BIT STRING (OCTET STRING tolerated); a bare 64-byte r‖s is recorded as a tolerance. */
export function readSignatureField(e: El | undefined, field: string, algorithm: string, tol: Tolerances): { value: Uint8Array; form: 'der' | 'raw' } {
  const value = readBitsField(e, field, tol);
  if (value.length === 64 && isRsAlgorithm(algorithm) && !parseRsDer(value)) {
    tol.add(C.rawSignature, field);
    return { value, form: 'raw' };
  }
  return { value, form: 'der' };
}

/** A signature algorithm OID; a known non-standard spelling of SM2-with-SM3 is recorded. */
export function readAlgorithmField(e: El | undefined, field: string, tol: Tolerances): string {
  const oid = readOid(e, field);
  const why = NONSTANDARD_SM2_OIDS.get(oid);
  if (why) tol.add(C.algorithmOid, field, { zh: `${oid}（${why}）`, en: `${oid} (${why})` });
  return oid;
}

// Vendors write fractional seconds and (X.680) UTCTime without seconds; neither changes the instant's meaning.
const TIME_RULES = { fractions: true, utcWithoutSeconds: true } as const;

/** A time field; `expected` is the type the standard names for this version, the other one is tolerated. */
export function readTimeField(e: El | undefined, field: string, expected: 'utc' | 'generalized', tol: Tolerances): Date {
  if (!e) throw new FormatError(`${field}: missing`);
  if (e.tag !== TAG_UTC_TIME && e.tag !== TAG_GENERALIZED_TIME) throw new FormatError(`${field}: UTCTime or GeneralizedTime expected`);
  const isUtc = e.tag === TAG_UTC_TIME;
  if (isUtc !== (expected === 'utc')) {
    tol.add(C.timeType, field, expected === 'utc' ? { zh: '应为 UTCTime，实为 GeneralizedTime', en: 'UTCTime expected, GeneralizedTime found' } : { zh: '应为 GeneralizedTime，实为 UTCTime', en: 'GeneralizedTime expected, UTCTime found' });
  }
  return readTime(e, field, TIME_RULES);
}

/** ExtensionDatas ::= SEQUENCE OF ExtData { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
export function readExtDatas(e: El | undefined, field: string, tol: Tolerances): SesExtData[] {
  const out: SesExtData[] = [];
  const items = readSequence(e, field, MAX_EXT_DATAS);
  items.forEach((item, i) => {
    const where = `${field}[${i}]`;
    const k = readSequence(item, where, 3);
    const oid = readOid(k[0], `${where}.extnID`);
    let critical = false;
    let valueEl = k[1];
    if (k.length === 3) {
      critical = readBoolean(k[1], `${where}.critical`);
      // DER forbids encoding a DEFAULT value; GOMAIN writes critical FALSE explicitly.
      if (!critical) tol.add(C.explicitDefault, `${where}.critical`);
      valueEl = k[2];
    } else if (k.length !== 2) throw new FormatError(`${where}: 2 or 3 elements expected`);
    out.push({ oid, critical, value: readOctets(valueEl, `${where}.extnValue`) });
  });
  return out;
}

/** `[0]` timeStamp: EXPLICIT BIT STRING as specified; an OCTET STRING, a bare token, or IMPLICIT tagging tolerated. */
export function readTimestampField(e: El, field: string, tol: Tolerances): Uint8Array {
  if (e.tag === 0xa0) {
    const kids = e.reader.children(e, 2, field);
    if (kids.length !== 1) throw new FormatError(`${field}: one element expected inside [0]`);
    const inner = kids[0]!;
    if (inner.tag === TAG_BIT_STRING) return readBitsField(inner, field, tol);
    if (inner.tag === TAG_OCTET_STRING) {
      tol.add(C.timestampEncoding, field, { zh: '内含 OCTET STRING', en: 'an OCTET STRING inside' });
      return readOctets(inner, field);
    }
    if (inner.tag === TAG_SEQUENCE) {
      tol.add(C.timestampEncoding, field, { zh: '直接内含时间戳令牌', en: 'the token itself inside' });
      return inner.reader.buf.subarray(inner.offset, inner.next);
    }
    throw new FormatError(`${field}: BIT STRING expected inside [0]`);
  }
  if (e.tag === 0x80) {
    // [0] IMPLICIT BIT STRING: the unused-bits octet comes first.
    const c = content(e);
    if (c.length < 1 || c[0] !== 0) throw new FormatError(`${field}: bad [0] IMPLICIT BIT STRING`);
    tol.add(C.timestampEncoding, field, { zh: '使用了 IMPLICIT 标签', en: 'IMPLICIT tagging' });
    return c.subarray(1);
  }
  throw new FormatError(`${field}: [0] expected`);
}

/** Printable text of a byte field, when it is all printable ASCII. */
export function asciiText(b: Uint8Array): string | undefined {
  if (b.length === 0 || b.length > 64) return undefined;
  for (const x of b) if (x < 0x20 || x > 0x7e) return undefined;
  return latin1(b);
}
