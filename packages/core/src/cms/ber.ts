// A small lazy BER reader for CMS. CMS in the wild (PDF /Contents, GB/T 35275 output) is BER: indefinite lengths and
// constructed OCTET STRINGs occur. We keep the offsets of every element so the signed attributes and certificates are
// taken byte-for-byte from the input, never re-encoded. Every read is bounded (depth, element count, input size).
import { FormatError, LimitError } from '../errors.js';

export interface Tlv {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  valueStart: number;
  /** End of the contents (the EOC octets for indefinite lengths are after it). */
  valueEnd: number;
  /** End of the whole element. */
  end: number;
  indefinite: boolean;
}

export interface BerLimits {
  maxDepth: number;
  /** Total element headers read in one parse; guards against quadratic rescans of nested indefinite lengths. */
  maxReads: number;
}

export const CLS_UNIVERSAL = 0;
export const CLS_CONTEXT = 2;

export const TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  UTF8String: 12,
  SEQUENCE: 16,
  SET: 17,
  PrintableString: 19,
  IA5String: 22,
  UTCTime: 23,
  GeneralizedTime: 24,
} as const;

export class BerReader {
  private reads = 0;
  constructor(
    readonly bytes: Uint8Array,
    private readonly limits: BerLimits,
  ) {}

  /** Read the element starting at `offset`, which must end by `limit`. */
  read(offset: number, limit: number, depth: number): Tlv {
    if (depth > this.limits.maxDepth) throw new LimitError(`ASN.1 nesting deeper than ${this.limits.maxDepth}`);
    if (++this.reads > this.limits.maxReads) throw new LimitError('too many ASN.1 elements');
    const b = this.bytes;
    let p = offset;
    if (p >= limit) throw new FormatError('truncated ASN.1: missing identifier');
    const id = b[p++]!;
    const cls = id >> 6;
    const constructed = (id & 0x20) !== 0;
    let tag = id & 0x1f;
    if (tag === 0x1f) {
      tag = 0;
      for (let i = 0; ; i++) {
        if (p >= limit) throw new FormatError('truncated ASN.1 tag');
        if (i >= 4) throw new FormatError('ASN.1 tag number too large');
        const c = b[p++]!;
        tag = tag * 128 + (c & 0x7f);
        if ((c & 0x80) === 0) break;
      }
    }
    if (p >= limit) throw new FormatError('truncated ASN.1: missing length');
    const l0 = b[p++]!;
    if (l0 === 0x80) {
      if (!constructed) throw new FormatError('indefinite length on a primitive element');
      const valueStart = p;
      for (;;) {
        if (p + 2 <= limit && b[p] === 0 && b[p + 1] === 0) {
          return { cls, constructed, tag, start: offset, valueStart, valueEnd: p, end: p + 2, indefinite: true };
        }
        p = this.read(p, limit, depth + 1).end;
      }
    }
    let len: number;
    if (l0 < 0x80) len = l0;
    else {
      const n = l0 & 0x7f;
      if (n > 4 || n === 0x7f) throw new FormatError('ASN.1 length too large');
      if (p + n > limit) throw new FormatError('truncated ASN.1 length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[p++]!;
    }
    if (len > limit - p) throw new FormatError('ASN.1 length runs past the end of its container');
    return { cls, constructed, tag, start: offset, valueStart: p, valueEnd: p + len, end: p + len, indefinite: false };
  }

  /** The children of a constructed element, at most `max` of them. */
  children(t: Tlv, depth: number, max = Number.MAX_SAFE_INTEGER, what = 'elements'): Tlv[] {
    if (!t.constructed) throw new FormatError('expected a constructed ASN.1 element');
    const out: Tlv[] = [];
    let p = t.valueStart;
    while (p < t.valueEnd) {
      if (out.length >= max) throw new LimitError(`more than ${max} ${what}`);
      const c = this.read(p, t.valueEnd, depth + 1);
      out.push(c);
      p = c.end;
    }
    return out;
  }

  /** The whole element's bytes (a view into the input). */
  raw(t: Tlv): Uint8Array {
    return this.bytes.subarray(t.start, t.end);
  }

  value(t: Tlv): Uint8Array {
    return this.bytes.subarray(t.valueStart, t.valueEnd);
  }

  /** OCTET STRING contents, joining the segments of a BER constructed string. */
  octets(t: Tlv, depth: number): Uint8Array {
    if (t.cls === CLS_UNIVERSAL && t.tag !== TAG.OCTET_STRING) throw new FormatError('expected an OCTET STRING');
    if (!t.constructed) return this.value(t);
    const parts: Uint8Array[] = [];
    for (const c of this.children(t, depth, 100_000, 'OCTET STRING segments')) {
      if (c.cls !== CLS_UNIVERSAL || c.tag !== TAG.OCTET_STRING) throw new FormatError('bad segment in a constructed OCTET STRING');
      parts.push(this.octets(c, depth + 1));
    }
    return concat(parts);
  }
}

export function isUniversal(t: Tlv, tag: number): boolean {
  return t.cls === CLS_UNIVERSAL && t.tag === tag;
}

export function isContext(t: Tlv, tag: number): boolean {
  return t.cls === CLS_CONTEXT && t.tag === tag;
}

export function expectUniversal(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || !isUniversal(t, tag)) throw new FormatError(`expected ${what}`);
  return t;
}

/** Decode OBJECT IDENTIFIER contents to dotted form. */
export function decodeOid(v: Uint8Array): string {
  if (v.length === 0 || v.length > 128) throw new FormatError('bad OBJECT IDENTIFIER length');
  const arcs: number[] = [];
  let n = 0;
  let first = true;
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (n === 0 && c === 0x80) throw new FormatError('non-minimal OBJECT IDENTIFIER arc');
    n = n * 128 + (c & 0x7f);
    if (n > Number.MAX_SAFE_INTEGER / 128) throw new FormatError('OBJECT IDENTIFIER arc too large');
    if ((c & 0x80) === 0) {
      if (first) {
        const a = n < 40 ? 0 : n < 80 ? 1 : 2;
        arcs.push(a, n - a * 40);
        first = false;
      } else arcs.push(n);
      n = 0;
    } else if (i === v.length - 1) throw new FormatError('truncated OBJECT IDENTIFIER');
  }
  return arcs.join('.');
}

export function readOid(r: BerReader, t: Tlv | undefined, what = 'an OBJECT IDENTIFIER'): string {
  const e = expectUniversal(t, TAG.OID, what);
  if (e.constructed) throw new FormatError(`expected ${what}`);
  return decodeOid(r.value(e));
}

export function readSmallInt(r: BerReader, t: Tlv | undefined, what: string): number {
  const e = expectUniversal(t, TAG.INTEGER, what);
  const v = r.value(e);
  if (e.constructed || v.length === 0 || v.length > 4) throw new FormatError(`bad ${what}`);
  let n = v[0]! & 0x80 ? -1 : 0;
  for (const c of v) n = n * 256 + c;
  return n;
}

/** Decode UTCTime / GeneralizedTime (the forms DER allows, plus fractional seconds). */
export function decodeTime(tag: number, v: Uint8Array): Date {
  const s = new TextDecoder('latin1').decode(v);
  const m =
    tag === TAG.UTCTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d{1,9}))?Z$/.exec(s);
  if (!m) throw new FormatError(`bad time value ${JSON.stringify(s.slice(0, 32))}`);
  let year = Number(m[1]);
  if (tag === TAG.UTCTime) year += year < 50 ? 2000 : 1900;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms));
  if (Number.isNaN(d.getTime()) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new FormatError(`bad time value ${JSON.stringify(s)}`);
  }
  return d;
}

export function readTime(r: BerReader, t: Tlv | undefined, what: string): Date {
  if (!t || t.constructed || !(isUniversal(t, TAG.UTCTime) || isUniversal(t, TAG.GeneralizedTime))) {
    throw new FormatError(`expected a time for ${what}`);
  }
  return decodeTime(t.tag, r.value(t));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** INTEGER contents without redundant leading sign octets, so equal values compare equal as bytes. */
export function minimalInteger(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && ((b[i] === 0 && b[i + 1]! < 0x80) || (b[i] === 0xff && b[i + 1]! >= 0x80))) i++;
  return b.subarray(i);
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
