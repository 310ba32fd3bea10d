// The small CBOR subset the QR payload needs (RFC 8949): unsigned and negative integers, byte and text strings,
// arrays, maps and tag 18 (COSE_Sign1). Encoding is deterministic (section 4.2.1: shortest heads, map keys in
// bytewise order of their encodings); decoding is strict (definite lengths, shortest heads, no duplicate keys,
// well-formed UTF-8, bounded depth and counts), so one payload has exactly one encoding.
import { FormatError, LimitError } from '../../errors.js';
import { compareBytes, concatBytes } from '../../asn1/index.js';

export type CborValue = number | string | Uint8Array | CborValue[] | Map<number | string, CborValue> | CborTagged;

export class CborTagged {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

const utf8 = new TextEncoder();
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function head(major: number, n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`CBOR: ${n} is not an unsigned safe integer`);
  const m = major << 5;
  if (n < 24) return Uint8Array.of(m | n);
  if (n < 0x100) return Uint8Array.of(m | 24, n);
  if (n < 0x10000) return Uint8Array.of(m | 25, n >> 8, n & 0xff);
  if (n < 0x100000000) return Uint8Array.of(m | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const hi = Math.floor(n / 0x100000000);
  const lo = n >>> 0;
  return Uint8Array.of(m | 27, hi >>> 24, (hi >>> 16) & 0xff, (hi >>> 8) & 0xff, hi & 0xff, lo >>> 24, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff);
}

export function cborEncode(v: CborValue): Uint8Array {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new RangeError(`CBOR: only safe integers are supported, not ${v}`);
    return v >= 0 ? head(0, v) : head(1, -1 - v);
  }
  if (typeof v === 'string') {
    const b = utf8.encode(v);
    return concatBytes(head(3, b.length), b);
  }
  if (v instanceof Uint8Array) return concatBytes(head(2, v.length), v);
  if (Array.isArray(v)) return concatBytes(head(4, v.length), ...v.map(cborEncode));
  if (v instanceof Map) {
    const entries = [...v].map(([k, val]) => [cborEncode(k), cborEncode(val)] as const).sort((a, b) => compareBytes(a[0], b[0]));
    return concatBytes(head(5, entries.length), ...entries.flat());
  }
  if (v instanceof CborTagged) return concatBytes(head(6, v.tag), cborEncode(v.value));
  throw new TypeError('CBOR: unsupported value');
}

export interface CborLimits {
  maxDepth?: number;
  /** Elements of one array or map. */
  maxItems?: number;
}

/** Strict decode of exactly one item filling `bytes`. Throws FormatError / LimitError. */
export function cborDecode(bytes: Uint8Array, limits: CborLimits = {}): CborValue {
  const maxDepth = limits.maxDepth ?? 8;
  const maxItems = limits.maxItems ?? 64;
  let i = 0;
  const need = (n: number) => {
    if (i + n > bytes.length) throw new FormatError('CBOR: truncated');
  };
  const arg = (info: number): number => {
    if (info < 24) return info;
    let n: number;
    if (info === 24) {
      need(1);
      n = bytes[i++]!;
      if (n < 24) throw new FormatError('CBOR: non-shortest integer head');
      return n;
    }
    if (info === 25) {
      need(2);
      n = (bytes[i]! << 8) | bytes[i + 1]!;
      i += 2;
      if (n < 0x100) throw new FormatError('CBOR: non-shortest integer head');
      return n;
    }
    if (info === 26) {
      need(4);
      n = ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
      i += 4;
      if (n < 0x10000) throw new FormatError('CBOR: non-shortest integer head');
      return n;
    }
    if (info === 27) {
      need(8);
      const hi = ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
      const lo = ((bytes[i + 4]! << 24) >>> 0) + (bytes[i + 5]! << 16) + (bytes[i + 6]! << 8) + bytes[i + 7]!;
      i += 8;
      if (hi === 0) throw new FormatError('CBOR: non-shortest integer head');
      n = hi * 0x100000000 + lo;
      if (!Number.isSafeInteger(n)) throw new LimitError('CBOR: integer beyond 2^53');
      return n;
    }
    throw new FormatError(info === 31 ? 'CBOR: indefinite lengths are not accepted' : 'CBOR: reserved additional information');
  };
  const item = (depth: number): CborValue => {
    if (depth > maxDepth) throw new LimitError(`CBOR: nested deeper than ${maxDepth}`);
    need(1);
    const b = bytes[i++]!;
    const major = b >> 5;
    const n = arg(b & 0x1f);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
      case 3: {
        need(n);
        const s = bytes.subarray(i, i + n);
        i += n;
        if (major === 2) return new Uint8Array(s);
        try {
          return fatalUtf8.decode(s);
        } catch {
          throw new FormatError('CBOR: text string is not UTF-8');
        }
      }
      case 4: {
        if (n > maxItems) throw new LimitError(`CBOR: array of ${n} items exceeds ${maxItems}`);
        const a: CborValue[] = [];
        for (let k = 0; k < n; k++) a.push(item(depth + 1));
        return a;
      }
      case 5: {
        if (n > maxItems) throw new LimitError(`CBOR: map of ${n} entries exceeds ${maxItems}`);
        const m = new Map<number | string, CborValue>();
        for (let k = 0; k < n; k++) {
          const key = item(depth + 1);
          if (typeof key !== 'number' && typeof key !== 'string') throw new FormatError('CBOR: map keys must be integers or text');
          if (m.has(key)) throw new FormatError(`CBOR: duplicate map key ${JSON.stringify(key)}`);
          m.set(key, item(depth + 1));
        }
        return m;
      }
      case 6:
        return new CborTagged(n, item(depth + 1));
      default:
        throw new FormatError('CBOR: floats and simple values are not accepted');
    }
  };
  const v = item(0);
  if (i !== bytes.length) throw new FormatError(`CBOR: ${bytes.length - i} trailing byte(s)`);
  return v;
}
