// The SM2 signature scheme (GB/T 32918.2) over any short-Weierstrass curve given by its parameters,
// so the standard's test-curve example can be checked as well as the recommended curve.
import { randomBytes } from 'node:crypto';
import { weierstrass, type WeierstrassPoint, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { sm3 } from '../sm3.js';
import { bigIntToBytes, bytesToBigInt, utf8Bytes } from '../../asn1/index.js';
import { SM2_DEFAULT_ID, SM2_MAX_ID_BYTES, type Sm2CurveParams } from './params.js';

export type Sm2Point = WeierstrassPoint<bigint>;

export interface Sm2 {
  readonly params: Readonly<Sm2CurveParams>;
  readonly Point: WeierstrassPointCons<bigint>;
  readonly n: bigint;
  /** Field element size in bytes (32 for sm2p256v1). */
  readonly size: number;
  /** Decode 04‖x‖y (or compressed 02/03‖x); throws when malformed, off-curve or infinity. */
  decodePoint(bytes: Uint8Array): Sm2Point;
  /** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ Gx ‖ Gy ‖ x_A ‖ y_A). */
  z(point: Sm2Point, id?: Uint8Array | string): Uint8Array;
  /** d·G. Throws RangeError unless 1 ≤ d ≤ n − 2. */
  publicFromPrivate(d: bigint): Sm2Point;
  /** Sign the precomputed e = SM3(Z ‖ M). `k` is for test vectors only. */
  signE(d: bigint, e: Uint8Array, k?: bigint): { r: bigint; s: bigint };
  /** Check (r, s) over e against P; `P` may carry a precompute table. Never throws. */
  verifyE(P: Sm2Point, e: Uint8Array, r: bigint, s: bigint): boolean;
  /** A uniformly random scalar in [1, n − 2] (a valid private key). */
  randomScalar(): bigint;
  /** Build the window-8 table for the base point once (≈ 110 ms), used by sign and verify. */
  warmBase(): void;
}

/** The user ID as bytes, checked against the ENTL limit. Throws RangeError. */
export function idBytes(id: Uint8Array | string | undefined): Uint8Array {
  const b = id === undefined ? utf8Bytes(SM2_DEFAULT_ID) : typeof id === 'string' ? utf8Bytes(id) : id;
  if (b.length > SM2_MAX_ID_BYTES) throw new RangeError(`SM2 user ID longer than ${SM2_MAX_ID_BYTES} bytes`);
  return b;
}

export function createSm2(params: Readonly<Sm2CurveParams>, opts: { baseWindow?: number } = {}): Sm2 {
  const Point = weierstrass({ ...params, h: 1n });
  const { n } = params;
  const Fn = Point.Fn;
  const size = Math.ceil(params.p.toString(16).length / 2);
  const curveBytes = Uint8Array.from([
    ...bigIntToBytes(params.a, size),
    ...bigIntToBytes(params.b, size),
    ...bigIntToBytes(params.Gx, size),
    ...bigIntToBytes(params.Gy, size),
  ]);
  let baseWarm = false;
  const warmBase = (): void => {
    if (baseWarm || !opts.baseWindow) return;
    baseWarm = true;
    Point.BASE.precompute(opts.baseWindow, false);
  };

  const decodePoint = (bytes: Uint8Array): Sm2Point => {
    const P = Point.fromBytes(bytes);
    if (P.is0()) throw new Error('point at infinity');
    return P;
  };

  const z = (P: Sm2Point, id?: Uint8Array | string): Uint8Array => {
    const idb = idBytes(id);
    const entl = idb.length * 8;
    const { x, y } = P.toAffine();
    return sm3(Uint8Array.of(entl >>> 8, entl & 0xff), idb, curveBytes, bigIntToBytes(x, size), bigIntToBytes(y, size));
  };

  const checkD = (d: bigint): void => {
    // 1 + d must be invertible mod n, hence d ≤ n − 2 (GB/T 32918.1 §6.1).
    if (d < 1n || d > n - 2n) throw new RangeError('SM2 private key out of range [1, n-2]');
  };

  const randomScalar = (): bigint => {
    // 64 random bytes reduced mod (n − 2): bias below 2^-250.
    return (bytesToBigInt(randomBytes(size + 32)) % (n - 2n)) + 1n;
  };

  const publicFromPrivate = (d: bigint): Sm2Point => {
    checkD(d);
    return Point.BASE.multiply(d);
  };

  const signE = (d: bigint, e: Uint8Array, fixedK?: bigint): { r: bigint; s: bigint } => {
    checkD(d);
    warmBase();
    const ei = bytesToBigInt(e);
    const inv1d = Fn.inv(1n + d);
    for (let attempt = 0; attempt < 64; attempt++) {
      const k = fixedK ?? randomScalar();
      if (k < 1n || k >= n) throw new RangeError('k out of range');
      const x1 = Point.BASE.multiply(k).toAffine().x;
      const r = Fn.create(ei + x1);
      // GB/T 32918.2 §6.1 A5/A6: retry when r = 0, r + k = n, or s = 0.
      if (r === 0n || r + k === n) {
        if (fixedK !== undefined) throw new RangeError('fixed k gives r = 0 or r + k = n');
        continue;
      }
      const s = Fn.mul(inv1d, Fn.create(k - Fn.mul(r, d)));
      if (s === 0n) {
        if (fixedK !== undefined) throw new RangeError('fixed k gives s = 0');
        continue;
      }
      return { r, s };
    }
    throw new Error('SM2 sign: no valid k after 64 attempts (broken RNG?)');
  };

  const verifyE = (P: Sm2Point, e: Uint8Array, r: bigint, s: bigint): boolean => {
    try {
      if (r < 1n || r >= n || s < 1n || s >= n) return false;
      const t = Fn.create(r + s);
      if (t === 0n) return false;
      // Complete formulas (noble's wNAF; the base point's table is built on first use). sm2p256v1 verification
      // comes here only on the exceptional cases of its variable-time kernel (verify.ts).
      const R = Point.BASE.multiplyUnsafe(s).add(P.multiplyUnsafe(t));
      if (R.is0()) return false;
      const x1 = R.toAffine().x;
      return Fn.create(bytesToBigInt(e) + x1) === r;
    } catch {
      return false;
    }
  };

  return { params, Point, n, size, decodePoint, z, publicFromPrivate, signE, verifyE, randomScalar, warmBase };
}
