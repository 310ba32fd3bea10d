// The variable-time kernel against noble's complete formulas: s·G + t·P agrees for random and edge scalars with
// both tables (windows 4, 6, 8) and with the per-call wNAF, exceptional additions are handed back (undefined), and
// tabled verification gives the same answers as untabled for valid, tampered and cross-checked (sm-crypto) signatures.
import { describe, expect, test } from 'vitest';
import smCrypto from 'sm-crypto';
import { randomBytes } from 'node:crypto';
import { sm2Curve } from './curve.js';
import { buildFixedTable, fixedDigits, mulAdd, mulAddWnaf, wnafDigits, xMatches } from './fast-mul.js';
import { Jac } from './jacobian.js';
import { baseTable } from './base-table.js';
import { clearSm2Cache, configureSm2Cache } from './cache.js';
import { sm2GenerateKeyPair } from './keygen.js';
import { sm2Sign } from './sign.js';
import { sm2Verify } from './verify.js';

const { Point, n } = sm2Curve;
const G = Point.BASE;
const rnd = (): bigint => (BigInt('0x' + randomBytes(40).toString('hex')) % (n - 1n)) + 1n;
const tableOf = (Q: typeof G, W: number) => {
  const { x, y } = Q.toAffine();
  return buildFixedTable(x, y, W, 256);
};

/** Edge scalars: 1, n − 1, powers of two, and digits at the signed-window limits (all +half, all −1 + carry). */
function edgeScalars(W: number): bigint[] {
  const half = 2n ** BigInt(W - 1);
  let allHalf = 0n;
  let allTop = 0n;
  for (let w = 0n; w * BigInt(W) < 256n; w++) {
    allHalf |= half << (w * BigInt(W));
    allTop |= (half + 1n) << (w * BigInt(W)); // every digit just over half: negative, carrying into the next
  }
  return [1n, 2n, 3n, n - 1n, n - 2n, 2n ** 255n, 2n ** 128n - 1n, n - 2n ** 128n, allHalf % n, allTop % n, half, half + 1n];
}

describe('fixed-window kernel', () => {
  const Q = G.multiply(rnd());
  const { x: qx, y: qy } = Q.toAffine();
  for (const W of [4, 6, 8]) {
    test(`window ${W}: s·G + t·P matches noble, table and wNAF`, () => {
      const tg = W === 6 ? baseTable(6) : tableOf(G, W);
      const tp = tableOf(Q, W);
      const scalars: [bigint, bigint][] = [];
      for (const a of edgeScalars(W)) for (const b of [1n, n - 1n, a, rnd()]) scalars.push([a, b], [b, a]);
      for (let i = 0; i < 30; i++) scalars.push([rnd(), rnd()]);
      for (const [s, t] of scalars) {
        const want = G.multiply(s).add(Q.multiply(t));
        for (const got of [mulAdd(tg, s, tp, t), mulAddWnaf(tg, s, qx, qy, t)]) {
          if (want.is0()) expect(got).toBeUndefined();
          else if (got !== undefined) {
            const x = want.toAffine().x;
            expect(got.affineX()).toBe(x);
            expect(got.hasX(x)).toBe(true);
            expect(got.hasX((x + 1n) % sm2Curve.params.p)).toBe(false);
          } else throw new Error('unexpected fallback');
        }
      }
    });
  }
  test('digits: fixed windows and wNAF recombine to the scalar; a scalar too wide for the table is refused', () => {
    for (const W of [4, 5, 6, 8]) {
      for (const k of [...edgeScalars(W), rnd(), rnd()]) {
        const windows = Math.ceil(256 / W) + 1;
        const d = fixedDigits(k, W, windows)!;
        expect(d.reduce((acc, v, w) => acc + BigInt(v) * 2n ** BigInt(w * W), 0n)).toBe(k);
        for (const v of d) expect(Math.abs(v)).toBeLessThanOrEqual(2 ** (W - 1));
        const naf = wnafDigits(k, W);
        expect(naf.reduce((acc, v, i) => acc + BigInt(v) * 2n ** BigInt(i), 0n)).toBe(k);
        for (let i = 0; i < naf.length; i++) {
          const v = naf[i]!;
          if (v === 0) continue;
          expect(Math.abs(v) % 2).toBe(1);
          expect(Math.abs(v)).toBeLessThan(2 ** (W - 1));
          for (let j = i + 1; j < Math.min(i + W, naf.length); j++) expect(naf[j]).toBe(0);
        }
      }
    }
    // 2^264 − 1 needs a carry out of the 44th window of a window-6 table.
    expect(fixedDigits(2n ** 264n - 1n, 6, 44)).toBeUndefined();
    expect(mulAdd(baseTable(6), 2n ** 264n - 1n, baseTable(6), 1n)).toBeUndefined();
    expect(mulAddWnaf(baseTable(6), 2n ** 264n - 1n, qx, qy, 1n)).toBeUndefined();
    expect(mulAddWnaf(baseTable(6), 1n, qx, qy, 0n)).toBeUndefined();
  });
  test('exceptional additions are handed back: P = G with equal scalars, P = −G (result at infinity)', () => {
    const tg = baseTable(6);
    const t4 = tableOf(G, 4);
    const { x: gx, y: gy } = G.toAffine();
    const ny = sm2Curve.params.p - gy;
    expect(mulAdd(tg, 5n, t4, 5n)).toBeUndefined();
    expect(mulAdd(tg, 7n, tableOf(G.negate(), 4), 7n)).toBeUndefined();
    // wNAF: t·G = G, then s·G's first window adds G again (a doubling); −G gives infinity.
    expect(mulAddWnaf(tg, 1n, gx, gy, 1n)).toBeUndefined();
    expect(mulAddWnaf(tg, 7n, gx, ny, 7n)).toBeUndefined();
    for (let i = 0; i < 10; i++) {
      const k = rnd();
      expect(mulAddWnaf(tg, k, gx, ny, k)).toBeUndefined(); // s·G − s·G = O, whatever the order of additions
    }
  });
  test('the final check (e + x1) mod n = r, also for x1 in [n, p) (probability ≈ 2^−128, so not from a real signature)', () => {
    const p = sm2Curve.params.p;
    const e = rnd();
    for (const x1 of [0n, 5n, n - 1n, n, n + 5n, p - 1n]) {
      const R = new Jac().setAffine(x1, 1n); // hasX only compares coordinates
      const r = (e + x1) % n;
      expect(xMatches(R, e, r, n)).toBe(true);
      expect(xMatches(R, e, (r + 1n) % n, n)).toBe(false);
      const z = 0x1234567n; // the same x in other Jacobian coordinates
      const Rz = new Jac().setAffine((x1 * z * z) % p, 1n);
      Rz.Z = z;
      expect(xMatches(Rz, e, r, n)).toBe(true);
      expect(xMatches(Rz, e + 1n, r, n)).toBe(false);
    }
    expect(xMatches(new Jac(), e, e % n, n)).toBe(false); // infinity
  });
  test('tabled and untabled verification agree; sm-crypto signatures pass tabled', () => {
    clearSm2Cache();
    configureSm2Cache({ smallTableAfter: 2, tableAfter: 6 });
    try {
      const kp = smCrypto.sm2.generateKeyPairHex();
      const d = Uint8Array.from(Buffer.from(kp.privateKey.padStart(64, '0'), 'hex'));
      const point = Uint8Array.from(Buffer.from(kp.publicKey, 'hex'));
      const priv = kp.privateKey;
      const pubHex = kp.publicKey;
      for (let i = 0; i < 10; i++) {
        const m = randomBytes(20 + i);
        const ours = sm2Sign(d, m);
        const theirs = Buffer.from(smCrypto.sm2.doSignature(Array.from(m), priv, { hash: true, der: true, publicKey: pubHex }), 'hex');
        expect(sm2Verify(point, m, ours)).toBe(true);
        expect(sm2Verify(point, m, theirs)).toBe(true);
        const bad = Uint8Array.from(m);
        bad[0]! ^= 1;
        expect(sm2Verify(point, bad, ours)).toBe(false);
        expect(sm2Verify(point, bad, theirs)).toBe(false);
        const other = sm2GenerateKeyPair();
        expect(sm2Verify(point, m, sm2Sign(other.d, m))).toBe(false);
      }
    } finally {
      clearSm2Cache();
      configureSm2Cache({ smallTableAfter: 4, tableAfter: 512 });
    }
  });
});
