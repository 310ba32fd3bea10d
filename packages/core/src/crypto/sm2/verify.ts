import { sm3 } from '../sm3.js';
import { sm2Curve } from './curve.js';
import { idBytes } from './factory.js';
import { parseRsDer, parseRsRaw } from './der.js';
import { baseTable, sm2VerifyKey } from './cache.js';
import { mulAddX, type FixedTable } from './fast-mul.js';
import type { Sm2Point } from './factory.js';
import { bytesToBigInt } from '../../asn1/index.js';

/** verifyE, through the variable-time table kernel when the key has a table (noble's complete formulas otherwise
 * and for any exceptional addition). Same checks: r, s in [1, n−1], t = r + s ≠ 0, R ≠ O, (e + x1) mod n = r. */
function verifyWith(P: Sm2Point, fast: FixedTable | undefined, e: Uint8Array, r: bigint, s: bigint): boolean {
  const { n } = sm2Curve;
  if (fast && r >= 1n && r < n && s >= 1n && s < n) {
    const t = (r + s) % n;
    if (t === 0n) return false;
    const x1 = mulAddX(sm2Curve.params.p, baseTable(fast.W === 8 ? 8 : 6), s, fast, t);
    if (x1 !== undefined) return (bytesToBigInt(e) + x1) % n === r;
  }
  return sm2Curve.verifyE(P, e, r, s);
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
    const { point: P, z, fast } = sm2VerifyKey(point, idBytes(opts.id));
    return verifyWith(P, fast, sm3(z, message), rs.r, rs.s);
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
    const { point: P, fast } = sm2VerifyKey(point, new Uint8Array(0));
    return verifyWith(P, fast, e, rs.r, rs.s);
  } catch {
    return false;
  }
}
