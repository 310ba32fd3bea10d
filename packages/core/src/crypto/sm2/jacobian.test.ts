// The Jacobian arithmetic against noble: doubling, mixed and full additions agree on random points, exceptional
// cases (equal or opposite points, y = 0) are reported instead of computed, and batch normalisation, inversion and
// the inversion-free x comparison are exact.
import { describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sm2Curve } from './curve.js';
import { Jac, modInv, normalizeInto } from './jacobian.js';

const { Point, n } = sm2Curve;
const { p, a } = sm2Curve.params;
const G = Point.BASE;
const rnd = (): bigint => (BigInt('0x' + randomBytes(40).toString('hex')) % (n - 1n)) + 1n;
type NP = typeof G;

/** A Jacobian copy of a noble point with a random Z (so the formulas see Z ≠ 1). */
function jac(P: NP): Jac {
  const { x, y } = P.toAffine();
  const z = (BigInt('0x' + randomBytes(32).toString('hex')) % (p - 1n)) + 1n;
  const j = new Jac();
  j.X = (x * z * z) % p;
  j.Y = (((y * z * z) % p) * z) % p;
  j.Z = z;
  j.inf = false;
  return j;
}
const aff = (j: Jac): { x: bigint; y: bigint } => {
  const xs: bigint[] = [];
  const ys: bigint[] = [];
  normalizeInto([j], xs, ys);
  return { x: xs[0]!, y: ys[0]! };
};

describe('Jacobian arithmetic on sm2p256v1', () => {
  test('a = −3, as the doubling formula assumes', () => {
    expect(a).toBe(p - 3n);
  });
  test('dbl, addAffine and add match noble on random points', () => {
    for (let i = 0; i < 40; i++) {
      const P = G.multiply(rnd());
      const Q = G.multiply(rnd());
      const d = jac(P);
      expect(d.dbl()).toBe(true);
      expect(aff(d)).toEqual(P.double().toAffine());
      const m = jac(P);
      const { x, y } = Q.toAffine();
      expect(m.addAffine(x, y)).toBe(true);
      expect(aff(m)).toEqual(P.add(Q).toAffine());
      const f = jac(P);
      expect(f.add(jac(Q))).toBe(true);
      expect(aff(f)).toEqual(P.add(Q).toAffine());
    }
  });
  test('infinity: the first addition sets the point, doubling infinity keeps it', () => {
    const { x, y } = G.toAffine();
    const j = new Jac();
    expect(j.dbl()).toBe(true);
    expect(j.inf).toBe(true);
    expect(j.affineX()).toBeUndefined();
    expect(j.hasX(x)).toBe(false);
    expect(j.addAffine(x, y)).toBe(true);
    expect(j.affineX()).toBe(x);
    const k = new Jac();
    expect(k.add(jac(G))).toBe(true);
    expect(k.affineX()).toBe(x);
    expect(k.add(new Jac())).toBe(true);
    expect(k.affineX()).toBe(x);
  });
  test('equal or opposite points and y = 0 are reported, the point left as it was', () => {
    const P = G.multiply(rnd());
    const { x, y } = P.toAffine();
    for (const [qx, qy] of [
      [x, y],
      [x, p - y],
    ] as const) {
      const j = jac(P);
      const before = { X: j.X, Y: j.Y, Z: j.Z };
      expect(j.addAffine(qx, qy)).toBe(false);
      expect({ X: j.X, Y: j.Y, Z: j.Z }).toEqual(before);
      const o = new Jac().setAffine(qx, qy);
      expect(jac(P).add(o)).toBe(false);
    }
    // No sm2p256v1 point has y = 0 (prime order, no 2-torsion); the arithmetic still refuses to double one.
    const z = new Jac().setAffine(5n, 0n);
    expect(z.dbl()).toBe(false);
    expect(z.Y).toBe(0n);
  });
  test('normalizeInto, modInv and hasX', () => {
    const pts = Array.from({ length: 7 }, () => G.multiply(rnd()));
    const xs: bigint[] = [0n];
    const ys: bigint[] = [0n];
    normalizeInto(pts.map(jac), xs, ys, 1);
    pts.forEach((P, i) => expect({ x: xs[i + 1], y: ys[i + 1] }).toEqual(P.toAffine()));
    for (const v of [1n, 2n, p - 1n, rnd()]) expect((modInv(v) * v) % p).toBe(1n);
    expect(() => modInv(0n)).toThrow(RangeError);
    const j = jac(pts[0]!);
    expect(j.hasX(xs[1]!)).toBe(true);
    expect(j.hasX(xs[1]! + p)).toBe(false);
    expect(j.hasX(-1n)).toBe(false);
    expect(j.hasX(xs[2]!)).toBe(false);
  });
});
