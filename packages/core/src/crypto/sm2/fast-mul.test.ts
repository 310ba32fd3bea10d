// The variable-time table kernel against noble's complete formulas: x(s·G + t·P) agrees for random and edge
// scalars at both windows, exceptional additions are handed back (undefined), and tabled verification gives
// the same answers as untabled for valid, tampered and cross-checked (sm-crypto) signatures.
import { describe, expect, test } from 'vitest';
import smCrypto from 'sm-crypto';
import { randomBytes } from 'node:crypto';
import { sm2Curve } from './curve.js';
import { buildFixedTable, mulAddX } from './fast-mul.js';
import { clearSm2Cache, configureSm2Cache } from './cache.js';
import { sm2GenerateKeyPair } from './keygen.js';
import { sm2Sign } from './sign.js';
import { sm2Verify } from './verify.js';

const { Point, n } = sm2Curve;
const p = sm2Curve.params.p;
const G = Point.BASE;
const rnd = (): bigint => (BigInt('0x' + randomBytes(40).toString('hex')) % (n - 1n)) + 1n;

describe('fixed-window kernel', () => {
  const P = G.multiply(rnd());
  for (const W of [4, 6, 8]) {
    test(`window ${W}: x(s·G + t·P) matches noble`, () => {
      const tg = buildFixedTable(Point.Fp, G, W, Point.Fn.BITS);
      const tp = buildFixedTable(Point.Fp, P, W, Point.Fn.BITS);
      const scalars: [bigint, bigint][] = [[1n, 1n], [n - 1n, n - 1n], [1n, n - 1n], [2n ** 255n, 2n ** 128n - 1n], [n - 2n, 3n]];
      for (let i = 0; i < 30; i++) scalars.push([rnd(), rnd()]);
      for (const [s, t] of scalars) {
        const want = G.multiply(s).add(P.multiply(t));
        const got = mulAddX(p, tg, s, tp, t);
        if (want.is0()) expect(got).toBeUndefined();
        else if (got !== undefined) expect(got).toBe(want.toAffine().x);
        else throw new Error('unexpected fallback');
      }
    });
  }
  test('exceptional additions are handed back: P = G with equal scalars, P = −G (result at infinity)', () => {
    const tg = buildFixedTable(Point.Fp, G, 4, Point.Fn.BITS);
    expect(mulAddX(p, tg, 5n, tg, 5n)).toBeUndefined();
    const tneg = buildFixedTable(Point.Fp, G.negate(), 4, Point.Fn.BITS);
    expect(mulAddX(p, tg, 7n, tneg, 7n)).toBeUndefined();
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
