// The base point's static window-6 table (base-w6.ts) is exactly what noble's own point arithmetic gives, so the
// generated data can never be wrong; the table codec round-trips and refuses a wrong shape.
import { describe, expect, test } from 'vitest';
import { sm2Curve } from './curve.js';
import { baseTable, decodeTable, encodeTable, SCALAR_BITS } from './base-table.js';
import { BASE_W6 } from './base-w6.js';
import { buildFixedTable } from './fast-mul.js';

const { Point } = sm2Curve;

/** The fixed-window table computed independently with noble's complete projective formulas. */
function nobleTable(Q: typeof Point.BASE, W: number): { xs: bigint[]; ys: bigint[] } {
  const windows = Math.ceil(SCALAR_BITS / W) + 1;
  const half = 2 ** (W - 1);
  const pts: (typeof Point.BASE)[] = [];
  let base = Q;
  for (let w = 0; w < windows; w++) {
    let acc = base;
    for (let i = 0; i < half; i++) {
      pts.push(acc);
      acc = acc.add(base);
    }
    base = pts[pts.length - 1]!.double();
  }
  const aff = pts.map((q) => q.toAffine());
  return { xs: aff.map((q) => q.x), ys: aff.map((q) => q.y) };
}

describe('base point tables', () => {
  test('the static window-6 table equals noble’s', () => {
    const t = baseTable(6);
    expect(t.W).toBe(6);
    expect(t.windows).toBe(44);
    const ref = nobleTable(Point.BASE, 6);
    expect(t.xs).toEqual(ref.xs);
    expect(t.ys).toEqual(ref.ys);
  });
  test('buildFixedTable equals noble’s (window 4 of a random point, window 8 of G)', () => {
    const Q = Point.BASE.multiply(0x1234567890abcdef1234567890abcdefn);
    const { x, y } = Q.toAffine();
    const t4 = buildFixedTable(x, y, 4, SCALAR_BITS);
    const r4 = nobleTable(Q, 4);
    expect(t4.xs).toEqual(r4.xs);
    expect(t4.ys).toEqual(r4.ys);
    const t8 = baseTable(8);
    const r8 = nobleTable(Point.BASE, 8);
    expect(t8.xs).toEqual(r8.xs);
    expect(t8.ys).toEqual(r8.ys);
  });
  test('codec: the static data is the encoding of the computed table; wrong shapes are refused', () => {
    const { Gx, Gy } = sm2Curve.params;
    expect(encodeTable(buildFixedTable(Gx, Gy, 6, SCALAR_BITS))).toEqual(BASE_W6);
    expect(() => decodeTable(BASE_W6.slice(1), 6)).toThrow(/window count/);
    expect(() => decodeTable([BASE_W6[0]!.slice(4), ...BASE_W6.slice(1)], 6)).toThrow(/window size/);
    expect(() => decodeTable(BASE_W6, 5)).toThrow();
  });
});
