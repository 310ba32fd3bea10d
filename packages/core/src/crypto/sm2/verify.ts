import { sm3 } from '../sm3.js';
import { sm2Curve } from './curve.js';
import { idBytes } from './factory.js';
import { parseRsDer, parseRsRaw } from './der.js';
import { sm2VerifyKey, type Sm2Key } from './cache.js';
import { baseTable } from './base-table.js';
import { mulAdd, mulAddWnaf, xMatches } from './fast-mul.js';
import { bytesToBigInt } from '../../asn1/index.js';

/** verifyE through the variable-time kernel (fast-mul.ts: the base point's static table, the key's table or a
 * per-call wNAF), with noble's complete formulas for any exceptional addition — so noble's own base-point tables
 * are never built. Same checks: r, s in [1, n−1], t = r + s ≠ 0 (mod n), R ≠ O, (e + x1) mod n = r. */
function verifyWith(key: Sm2Key, e: Uint8Array, r: bigint, s: bigint): boolean {
  const { n } = sm2Curve;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = (r + s) % n;
  if (t === 0n) return false;
  const { fast } = key;
  const R = fast ? mulAdd(baseTable(fast.W === 8 ? 8 : 6), s, fast, t) : mulAddWnaf(baseTable(6), s, key.x, key.y, t);
  if (!R) return sm2Curve.verifyE(key.point, e, r, s);
  return xMatches(R, bytesToBigInt(e), r, n);
}

export interface Sm2VerifyOptions {
  /** User ID, default '1234567812345678' (a string is UTF-8). */
  id?: Uint8Array | string;
  /** 'der' (default, strict), 'raw' (64-byte r‖s only), or 'auto' (strict DER, else raw 64 bytes). */
  format?: 'der' | 'raw' | 'auto';
}

function decodeSig(sig: Uint8Array, format: 'der' | 'raw' | 'auto' = 'der'): { r: bigint; s: bigint } | undefined {
  if (format === 'raw') return parseRsRaw(sig);
  const der = parseRsDer(sig);
  if (der || format === 'der') return der;
  return parseRsRaw(sig);
}

/** Verify an SM2 signature over `message`. Returns false for anything invalid; never throws. */
export function sm2Verify(
  point: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  opts: Sm2VerifyOptions = {},
): boolean {
  try {
    const rs = decodeSig(signature, opts.format);
    if (!rs) return false;
    const key = sm2VerifyKey(point, idBytes(opts.id));
    return verifyWith(key, sm3(key.z, message), rs.r, rs.s);
  } catch {
    return false;
  }
}

/**
 * Verify an SM2 signature over a precomputed e (32 bytes) — for formats that sign a digest that is
 * not SM3(Z ‖ M). The user ID plays no part. Never throws.
 */
export function sm2VerifyDigest(
  point: Uint8Array,
  e: Uint8Array,
  signature: Uint8Array,
  opts: Pick<Sm2VerifyOptions, 'format'> = {},
): boolean {
  try {
    if (!(e instanceof Uint8Array) || e.length !== 32) return false;
    const rs = decodeSig(signature, opts.format);
    if (!rs) return false;
    return verifyWith(sm2VerifyKey(point, new Uint8Array(0)), e, rs.r, rs.s);
  } catch {
    return false;
  }
}
