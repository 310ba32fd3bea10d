// Strict DER for SEQUENCE { r INTEGER, s INTEGER } (reference/sm2-sm3.md §8). Shared with ECDSA,
// whose signatures have the same shape. Decoding never throws: a malformed value is just invalid.
import { FormatError } from '../../errors.js';
import { bigIntToBytes, bytesToBigInt, equalBytes } from '../../asn1/index.js';

function encodeInt(x: bigint): Uint8Array {
  let hex = x.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = '00' + hex;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Canonical DER of SEQUENCE { r, s } for non-negative r, s (short-form lengths: components ≤ 61 bytes). */
export function encodeRsDer(r: bigint, s: bigint): Uint8Array {
  if (r < 0n || s < 0n) throw new RangeError('negative signature component');
  const ri = encodeInt(r);
  const si = encodeInt(s);
  const body = 2 + ri.length + 2 + si.length;
  if (body > 127) {
    // Long-form length: only for curves over ~480 bits (P-521); kept correct nonetheless.
    const out = [0x30, 0x81, body, 0x02, ri.length, ...ri, 0x02, si.length, ...si];
    return Uint8Array.from(out);
  }
  return Uint8Array.from([0x30, body, 0x02, ri.length, ...ri, 0x02, si.length, ...si]);
}

function readInt(sig: Uint8Array, pos: number, maxLen: number): { v: bigint; next: number } | undefined {
  if (sig[pos] !== 0x02) return undefined;
  const len = sig[pos + 1];
  if (len === undefined || len < 1 || len > maxLen || len >= 0x80) return undefined;
  const start = pos + 2;
  if (start + len > sig.length) return undefined;
  const first = sig[start]!;
  if (first & 0x80) return undefined; // negative
  if (first === 0 && len > 1 && !(sig[start + 1]! & 0x80)) return undefined; // non-minimal
  return { v: bytesToBigInt(sig.subarray(start, start + len)), next: start + len };
}

/**
 * Parse a DER signature SEQUENCE { r, s } strictly: exact length, no trailing bytes, minimal
 * non-negative INTEGERs of at most `size + 1` bytes, and the re-encoding equals the input.
 * Returns undefined for anything else. Range checks (1 ≤ r, s < n) are the verifier's.
 */
export function parseRsDer(sig: Uint8Array, size = 32): { r: bigint; s: bigint } | undefined {
  if (!(sig instanceof Uint8Array) || sig.length < 8 || sig.length > 2 * size + 9) return undefined;
  if (sig[0] !== 0x30) return undefined;
  let pos: number;
  let len = sig[1]!;
  if (len < 0x80) pos = 2;
  else if (len === 0x81 && sig[2]! >= 0x80) {
    len = sig[2]!;
    pos = 3;
  } else return undefined;
  if (pos + len !== sig.length) return undefined;
  const r = readInt(sig, pos, size + 1);
  if (!r) return undefined;
  const s = readInt(sig, r.next, size + 1);
  if (!s || s.next !== sig.length) return undefined;
  // Catch-all for rules 1–4: only the canonical encoding is accepted.
  if (!equalBytes(encodeRsDer(r.v, s.v), sig)) return undefined;
  return { r: r.v, s: s.v };
}

/** Raw fixed-width r‖s (2 × size bytes) to (r, s); undefined for a wrong length. */
export function parseRsRaw(sig: Uint8Array, size = 32): { r: bigint; s: bigint } | undefined {
  if (!(sig instanceof Uint8Array) || sig.length !== 2 * size) return undefined;
  return { r: bytesToBigInt(sig.subarray(0, size)), s: bytesToBigInt(sig.subarray(size)) };
}

/** r‖s (64 bytes for SM2) → DER. Throws FormatError for a wrong length. */
export function rawToDer(raw: Uint8Array, size = 32): Uint8Array {
  const rs = parseRsRaw(raw, size);
  if (!rs) throw new FormatError(`raw signature must be ${2 * size} bytes`);
  return encodeRsDer(rs.r, rs.s);
}

/** Strict DER → r‖s (2 × size bytes). Throws FormatError for non-canonical DER or oversized values. */
export function derToRaw(der: Uint8Array, size = 32): Uint8Array {
  const rs = parseRsDer(der, size);
  if (!rs) throw new FormatError('signature is not canonical DER SEQUENCE { r, s }');
  try {
    return Uint8Array.from([...bigIntToBytes(rs.r, size), ...bigIntToBytes(rs.s, size)]);
  } catch {
    throw new FormatError('signature component larger than the curve');
  }
}
