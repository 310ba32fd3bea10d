// Variable-time s·G + t·P for SM2 VERIFICATION (public inputs only) over fixed-window tables of affine points.
// noble's cached multiply runs its constant-time kernel (a data-oblivious scan of every table entry, a negation
// and a complete projective addition per window, ≈ 20 field operations each); here each window is one mixed
// Jacobian + affine addition (8M + 3S) with plain BigInt arithmetic, ≈ 3× faster per verification.
// Any exceptional case (an addition of equal or opposite points) returns undefined and the caller falls back to
// noble's complete formulas, so results are exactly those of the plain check.
import type { IField } from '@noble/curves/abstract/modular.js';
import type { Sm2Point } from './factory.js';

export interface FixedTable {
  W: number;
  windows: number;
  /** Affine x, y of d·2^(w·W)·Q for window w and d = 1 … 2^(W−1), flattened (index w·2^(W−1) + d − 1). */
  xs: bigint[];
  ys: bigint[];
}

/** Build the table of `Q` (a valid non-zero point) for `bits`-bit scalars: 2^(W−1)·(⌈bits/W⌉ + 1) points. */
export function buildFixedTable(Fp: IField<bigint>, Q: Sm2Point, W: number, bits: number): FixedTable {
  const windows = Math.ceil(bits / W) + 1;
  const half = 2 ** (W - 1);
  const pts: Sm2Point[] = [];
  let base = Q;
  for (let w = 0; w < windows; w++) {
    let acc = base;
    for (let i = 0; i < half; i++) {
      pts.push(acc);
      acc = acc.add(base);
    }
    base = pts[pts.length - 1]!.double();
  }
  // One batched inversion for every Z (noble points are homogeneous projective: x = X/Z, y = Y/Z).
  const invZ = Fp.invertBatch(pts.map((p) => p.Z));
  const xs = pts.map((p, i) => Fp.mul(p.X, invZ[i]!));
  const ys = pts.map((p, i) => Fp.mul(p.Y, invZ[i]!));
  return { W, windows, xs, ys };
}

/** Signed fixed-window digits of n (|digit| ≤ 2^(W−1)); undefined when n does not fit the table. */
function digits(n: bigint, W: number, windows: number): Int32Array | undefined {
  const size = 2 ** W;
  const half = size / 2;
  const mask = BigInt(size - 1);
  const shift = BigInt(W);
  const d = new Int32Array(windows);
  for (let w = 0; w < windows; w++) {
    let v = Number(n & mask);
    n >>= shift;
    if (v > half) {
      v -= size;
      n += 1n;
    }
    d[w] = v;
  }
  return n === 0n ? d : undefined;
}

/**
 * x(s·G + t·P) (affine, in [0, p)) from the two tables, or undefined when an exceptional addition (equal or
 * opposite points, result at infinity) occurs — the caller then computes with complete formulas.
 */
export function mulAddX(p: bigint, tg: FixedTable, s: bigint, tp: FixedTable, t: bigint): bigint | undefined {
  const ds = digits(s, tg.W, tg.windows);
  const dt = digits(t, tp.W, tp.windows);
  if (!ds || !dt) return undefined;
  // Jacobian accumulator (x = X/Z², y = Y/Z³); `inf` until the first addition.
  let X = 0n;
  let Y = 0n;
  let Z = 0n;
  let inf = true;
  const add = (tb: FixedTable, w: number, d: number): boolean => {
    if (d === 0) return true;
    const i = w * 2 ** (tb.W - 1) + Math.abs(d) - 1;
    const x2 = tb.xs[i]!;
    const y2 = d < 0 ? (tb.ys[i]! === 0n ? 0n : p - tb.ys[i]!) : tb.ys[i]!;
    if (inf) {
      X = x2;
      Y = y2;
      Z = 1n;
      inf = false;
      return true;
    }
    const ZZ = (Z * Z) % p;
    const U2 = (x2 * ZZ) % p;
    const S2 = (((y2 * Z) % p) * ZZ) % p;
    let H = U2 - X;
    if (H < 0n) H += p;
    let R = S2 - Y;
    if (R < 0n) R += p;
    if (H === 0n) return false; // equal (doubling) or opposite (infinity): not handled here
    const HH = (H * H) % p;
    const HHH = (H * HH) % p;
    const V = (X * HH) % p;
    let X3 = ((R * R) % p) - HHH - 2n * V;
    X3 %= p;
    if (X3 < 0n) X3 += p;
    let Y3 = (R * (V - X3) - Y * HHH) % p;
    if (Y3 < 0n) Y3 += p;
    Z = (Z * H) % p;
    X = X3;
    Y = Y3;
    return true;
  };
  for (let w = 0; w < tg.windows; w++) if (!add(tg, w, ds[w]!)) return undefined;
  for (let w = 0; w < tp.windows; w++) if (!add(tp, w, dt[w]!)) return undefined;
  if (inf || Z === 0n) return undefined;
  const zi = modInv((Z * Z) % p, p);
  return (X * zi) % p;
}

/** a⁻¹ mod p (p prime, 0 < a < p) by the extended Euclidean algorithm. */
function modInv(a: bigint, p: bigint): bigint {
  let [r0, r1] = [p, a];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return t0 < 0n ? t0 + p : t0;
}
