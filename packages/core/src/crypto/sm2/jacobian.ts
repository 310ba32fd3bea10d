// Variable-time Jacobian arithmetic (x = X/Z², y = Y/Z³) on sm2p256v1 with plain BigInt mod p, for VERIFICATION
// only (public inputs). The doubling formula assumes a = −3, true of sm2p256v1 (checked below). Exceptional cases —
// doubling a point with y = 0, adding equal or opposite points — are reported (false), never handled: callers then
// fall back to noble's complete formulas, so no result depends on these shortcuts. Operands stay in [0, p): a
// subtraction adds p (or a multiple) first, so every `%` sees a non-negative dividend.
import { SM2P256V1 } from './params.js';

const p = SM2P256V1.p;
const p2 = p * p;
if (SM2P256V1.a !== p - 3n) throw new Error('sm2p256v1: a ≠ −3');

/** A point accumulator; `inf` until the first addition. */
export class Jac {
  X = 0n;
  Y = 0n;
  Z = 1n;
  inf = true;

  setAffine(x: bigint, y: bigint): this {
    this.X = x;
    this.Y = y;
    this.Z = 1n;
    this.inf = false;
    return this;
  }

  copy(o: Jac): this {
    this.X = o.X;
    this.Y = o.Y;
    this.Z = o.Z;
    this.inf = o.inf;
    return this;
  }

  /** this = 2·this (dbl-2001-b, a = −3); false when y = 0 (a point of order 2: none on sm2p256v1). */
  dbl(): boolean {
    if (this.inf) return true;
    const { X, Y, Z } = this;
    if (Y === 0n) return false;
    const delta = (Z * Z) % p;
    const gamma = (Y * Y) % p;
    const beta = (X * gamma) % p;
    const alpha = (3n * (X + p - delta) * (X + delta)) % p;
    const X3 = (alpha * alpha + 8n * (p - beta)) % p;
    this.Z = (2n * Y * Z) % p;
    this.Y = (alpha * (4n * beta + p - X3) + 8n * (p2 - gamma * gamma)) % p;
    this.X = X3;
    return true;
  }

  /** this += (x2, y2), an affine point with coordinates in [0, p); false when the two are equal or opposite. */
  addAffine(x2: bigint, y2: bigint): boolean {
    if (this.inf) {
      this.setAffine(x2, y2);
      return true;
    }
    const { X, Y, Z } = this;
    const ZZ = (Z * Z) % p;
    const H = ((x2 * ZZ) % p) + p - X;
    const R = ((((y2 * Z) % p) * ZZ) % p) + p - Y;
    if (H === p) return false; // U2 = X: equal (a doubling) or opposite (infinity)
    const HH = (H * H) % p;
    const HHH = (H * HH) % p;
    const V = (X * HH) % p;
    const X3 = (R * R + 3n * p - HHH - 2n * V) % p;
    this.Y = (R * (V + p - X3) + Y * (p - HHH)) % p;
    this.Z = (Z * H) % p;
    this.X = X3;
    return true;
  }

  /** this += o (add-1998-cmo-2); false when the two are equal or opposite. */
  add(o: Jac): boolean {
    if (o.inf) return true;
    if (this.inf) {
      this.copy(o);
      return true;
    }
    const { X, Y, Z } = this;
    const Z1Z1 = (Z * Z) % p;
    const Z2Z2 = (o.Z * o.Z) % p;
    const U1 = (X * Z2Z2) % p;
    const S1 = (((Y * o.Z) % p) * Z2Z2) % p;
    const H = ((o.X * Z1Z1) % p) + p - U1;
    const R = ((((o.Y * Z) % p) * Z1Z1) % p) + p - S1;
    if (H === p) return false;
    const HH = (H * H) % p;
    const HHH = (H * HH) % p;
    const V = (U1 * HH) % p;
    const X3 = (R * R + 3n * p - HHH - 2n * V) % p;
    this.Y = (R * (V + p - X3) + S1 * (p - HHH)) % p;
    this.Z = (((Z * o.Z) % p) * H) % p;
    this.X = X3;
    return true;
  }

  /** Whether the affine x is `x` (false at infinity or for x outside [0, p)): X = x·Z², no inversion. */
  hasX(x: bigint): boolean {
    return !this.inf && x >= 0n && x < p && (((this.Z * this.Z) % p) * x) % p === this.X;
  }

  /** Affine x in [0, p), or undefined at infinity. */
  affineX(): bigint | undefined {
    if (this.inf) return undefined;
    const zi = modInv(this.Z);
    return (this.X * ((zi * zi) % p)) % p;
  }
}

/**
 * Affine coordinates of finite points (none at infinity; Z ≠ 0 as the formulas above keep it) with one
 * inversion (Montgomery's trick), written into xs/ys from index `at`.
 */
export function normalizeInto(pts: readonly Jac[], xs: bigint[], ys: bigint[], at = 0): void {
  const k = pts.length;
  if (k === 0) return;
  const prefix = new Array<bigint>(k);
  let acc = 1n;
  for (let i = 0; i < k; i++) {
    prefix[i] = acc;
    acc = (acc * pts[i]!.Z) % p;
  }
  let inv = modInv(acc);
  for (let i = k - 1; i >= 0; i--) {
    const q = pts[i]!;
    const zi = (inv * prefix[i]!) % p; // 1/Z_i
    inv = (inv * q.Z) % p;
    const zi2 = (zi * zi) % p;
    xs[at + i] = (q.X * zi2) % p;
    ys[at + i] = (((q.Y * zi2) % p) * zi) % p;
  }
}

/** a⁻¹ mod p (0 < a < p) by the extended Euclidean algorithm. */
export function modInv(a: bigint): bigint {
  let r0 = p;
  let r1 = a;
  let t0 = 0n;
  let t1 = 1n;
  while (r1 !== 0n) {
    const q = r0 / r1;
    const r2 = r0 - q * r1;
    r0 = r1;
    r1 = r2;
    const t2 = t0 - q * t1;
    t0 = t1;
    t1 = t2;
  }
  if (r0 !== 1n) throw new RangeError('not invertible mod p');
  return t0 < 0n ? t0 + p : t0;
}
