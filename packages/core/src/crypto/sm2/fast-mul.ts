// Variable-time s·G + t·P for SM2 VERIFICATION (public inputs only) in Jacobian coordinates (jacobian.ts): s·G from
// the base point's fixed-window table of affine points (one mixed addition per window, no doubling), t·P from the
// key's own fixed-window table when the cache built one, else by a width-5 wNAF of P computed per call (≈ 256
// doublings). noble's cached multiply runs a constant-time kernel (a scan of every table entry and a complete
// projective addition per window) and its first use builds tables; this does neither, ≈ 3× faster per verification.
// Any exceptional case (an addition of equal or opposite points, a result at infinity) returns undefined and the
// caller falls back to noble's complete formulas, so results are exactly those of the plain check.
import { Jac, normalizeInto } from './jacobian.js';
import { SM2P256V1 } from './params.js';

export type { Jac } from './jacobian.js';

const p = SM2P256V1.p;

export interface FixedTable {
  W: number;
  windows: number;
  /** Affine x, y of d·2^(w·W)·Q for window w and d = 1 … 2^(W−1), flattened (index w·2^(W−1) + d − 1). */
  xs: bigint[];
  ys: bigint[];
}

/** Windows of a W-bit fixed-window table for `bits`-bit scalars (one more for the final carry). */
export function tableWindows(W: number, bits: number): number {
  return Math.ceil(bits / W) + 1;
}

/**
 * The table of the affine point (x, y) (valid, not at infinity) for `bits`-bit scalars: 2^(W−1)·(⌈bits/W⌉ + 1)
 * points, built in Jacobian coordinates and normalised with one inversion. Throws on an exceptional addition
 * (impossible for a point of prime order > 2^(W+1)).
 */
export function buildFixedTable(x: bigint, y: bigint, W: number, bits: number): FixedTable {
  const windows = tableWindows(W, bits);
  const half = 2 ** (W - 1);
  const pts: Jac[] = [];
  const base = new Jac().setAffine(x, y);
  const fail = (): never => {
    throw new Error('exceptional addition while building a table');
  };
  for (let w = 0; w < windows; w++) {
    pts.push(new Jac().copy(base));
    const acc = new Jac().copy(base);
    if (!acc.dbl()) fail();
    for (let d = 2; d <= half; d++) {
      if (d > 2 && !acc.add(base)) fail();
      pts.push(new Jac().copy(acc));
    }
    // Next window's base: 2^W·base = 2·(half·base).
    if (!acc.dbl()) fail();
    base.copy(acc);
  }
  const xs = new Array<bigint>(pts.length);
  const ys = new Array<bigint>(pts.length);
  normalizeInto(pts, xs, ys);
  return { W, windows, xs, ys };
}

/** Signed fixed-window digits of n (|digit| ≤ 2^(W−1)); undefined when n does not fit the table. */
export function fixedDigits(n: bigint, W: number, windows: number): Int32Array | undefined {
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

/** Width-W wNAF of n > 0, least significant first: each digit 0 or odd with |digit| < 2^(W−1). */
export function wnafDigits(n: bigint, W: number): Int8Array {
  const size = 2 ** W;
  const half = size / 2;
  const mask = BigInt(size - 1);
  const out: number[] = [];
  while (n > 0n) {
    let v = 0;
    if (n & 1n) {
      v = Number(n & mask);
      if (v >= half) v -= size;
      n -= BigInt(v);
    }
    out.push(v);
    n >>= 1n;
  }
  return Int8Array.from(out);
}

/** acc += the fixed-window multiples of table `tb` for digits `d`; false on an exceptional addition. */
function addFixed(acc: Jac, tb: FixedTable, d: Int32Array): boolean {
  const half = 2 ** (tb.W - 1);
  for (let w = 0; w < d.length; w++) {
    const v = d[w]!;
    if (v === 0) continue;
    const i = w * half + Math.abs(v) - 1;
    const y = tb.ys[i]!;
    if (!acc.addAffine(tb.xs[i]!, v < 0 ? (y === 0n ? 0n : p - y) : y)) return false;
  }
  return true;
}

/**
 * s·G + t·P (Jacobian) from the two tables, or undefined when an exceptional addition (equal or opposite points,
 * result at infinity) occurs — the caller then computes with complete formulas.
 */
export function mulAdd(tg: FixedTable, s: bigint, tp: FixedTable, t: bigint): Jac | undefined {
  const ds = fixedDigits(s, tg.W, tg.windows);
  const dt = fixedDigits(t, tp.W, tp.windows);
  if (!ds || !dt) return undefined;
  const acc = new Jac();
  if (!addFixed(acc, tg, ds) || !addFixed(acc, tp, dt)) return undefined;
  return acc.inf ? undefined : acc;
}

/** Width of the per-call wNAF of P: 8 odd multiples, ≈ 43 additions for a 256-bit t. */
const WNAF_W = 5;

/**
 * s·G + t·P with G's table and P = (px, py) affine (valid, not at infinity) without a table, t > 0: t·P by a
 * wNAF over P's odd multiples (kept Jacobian: an inversion to make them affine costs what it saves), then s·G's
 * window additions. Undefined on any exceptional case, as mulAdd.
 */
export function mulAddWnaf(tg: FixedTable, s: bigint, px: bigint, py: bigint, t: bigint): Jac | undefined {
  const ds = fixedDigits(s, tg.W, tg.windows);
  if (!ds || t <= 0n) return undefined;
  // ±P, ±3P, ±5P, …, ±(2^(W−1) − 1)P: odd multiples at even indexes, their negations after each.
  const k = 2 ** (WNAF_W - 2);
  const P2 = new Jac().setAffine(px, py);
  if (!P2.dbl()) return undefined;
  const tab: Jac[] = [];
  const q = new Jac().setAffine(px, py);
  for (let i = 0; i < k; i++) {
    if (i > 0 && !q.add(P2)) return undefined;
    const neg = new Jac().copy(q);
    neg.Y = q.Y === 0n ? 0n : p - q.Y;
    tab.push(new Jac().copy(q), neg);
  }
  const naf = wnafDigits(t, WNAF_W);
  const acc = new Jac();
  for (let i = naf.length - 1; i >= 0; i--) {
    if (!acc.dbl()) return undefined;
    const v = naf[i]!;
    if (v === 0) continue;
    if (!acc.add(tab[(Math.abs(v) - 1) | (v < 0 ? 1 : 0)]!)) return undefined;
  }
  if (!addFixed(acc, tg, ds)) return undefined;
  return acc.inf ? undefined : acc;
}

/**
 * (e + x1) mod n = r for R's affine x1 (R not at infinity), without an inversion: x1 lies in [0, p) and n < p < 2n,
 * so it is (r − e) mod n or that + n, each compared in Jacobian coordinates.
 */
export function xMatches(R: Jac, e: bigint, r: bigint, n: bigint): boolean {
  const x = (((r - e) % n) + n) % n;
  return R.hasX(x) || R.hasX(x + n);
}
