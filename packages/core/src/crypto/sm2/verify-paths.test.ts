// Every verification path — a key's first sightings (per-call wNAF), its window-4 and window-8 tables, and the noble
// fallback on exceptional additions — gives exactly noble's verifyE answer, for valid signatures and for tampered,
// out-of-range and r + s = n ones; noble (and so its base-point tables) is used only on the fallback.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sm3 } from '../sm3.js';
import { bigIntToBytes } from '../../asn1/index.js';
import { sm2Curve } from './curve.js';
import { clearSm2Cache, configureSm2Cache } from './cache.js';
import { sm2GenerateKeyPair } from './keygen.js';
import { sm2Sign } from './sign.js';
import { sm2Verify, sm2VerifyDigest } from './verify.js';
import { encodeRsDer, parseRsDer } from './der.js';
import { idBytes } from './factory.js';

const { n, Point } = sm2Curve;
const G = Point.BASE;
const raw = (r: bigint, s: bigint): Uint8Array => Uint8Array.from([...bigIntToBytes(r, 32), ...bigIntToBytes(s, 32)]);
const mod = (v: bigint): bigint => ((v % n) + n) % n;

describe('SM2 verification paths', () => {
  let noble: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    clearSm2Cache();
    configureSm2Cache({ maxEntries: 1024, maxTables: 32, smallTableAfter: 3, tableAfter: 6 });
    noble = vi.spyOn(sm2Curve, 'verifyE');
  });
  afterEach(() => noble.mockRestore());
  afterAll(() => {
    clearSm2Cache();
    configureSm2Cache({ smallTableAfter: 4, tableAfter: 512 });
  });

  test('random keys and signatures, valid and invalid, at every tier: the same answers as noble', () => {
    for (let k = 0; k < 4; k++) {
      const { d, point } = sm2GenerateKeyPair();
      const P = sm2Curve.decodePoint(point);
      const z = sm2Curve.z(P, idBytes(undefined));
      // 8 sightings: 2 without a table, 3 with the window-4 one, 3 with the window-8 one.
      for (let i = 0; i < 8; i++) {
        const m = randomBytes(10 + i);
        const e = sm3(z, m);
        const { r, s } = parseRsDer(sm2Sign(d, m))!;
        const cases: [bigint, bigint][] = [
          [r, s],
          [r, mod(s + 1n)],
          [mod(r + 1n), s],
          [s, r],
          [r, n - r], // r + s = n
          [n - 1n, s],
          [r, n - 1n],
          [0n, s],
          [r, n],
        ];
        const c = cases[(i + 3 * k) % cases.length]!;
        const want = sm2Curve.verifyE(P, e, c[0], c[1]);
        noble.mockClear();
        expect(sm2VerifyDigest(point, e, raw(c[0], c[1]), { format: 'raw' })).toBe(want);
        expect(noble).not.toHaveBeenCalled();
        expect(sm2Verify(point, m, encodeRsDer(r, s))).toBe(true);
        expect(sm2Verify(point, Uint8Array.of(...m, 0), encodeRsDer(r, s))).toBe(false);
        expect(noble).not.toHaveBeenCalled();
      }
    }
  });

  test('a key without any table (cache off, long ID) takes the wNAF path', () => {
    const { d, point } = sm2GenerateKeyPair();
    const m = randomBytes(32);
    const longId = 'x'.repeat(600);
    const sig = sm2Sign(d, m, { id: longId });
    expect(sm2Verify(point, m, sig, { id: longId })).toBe(true);
    expect(sm2Verify(point, m, sig)).toBe(false);
    configureSm2Cache({ maxEntries: 0 });
    for (let i = 0; i < 5; i++) expect(sm2Verify(point, m, sm2Sign(d, m))).toBe(true);
    expect(noble).not.toHaveBeenCalled();
  });

  // Key G (private key 1): scalars chosen so the fast kernel meets an addition of equal or opposite points.
  const gBytes = G.toBytes(false);
  /** e making (r, s) valid for key G: x1 = x((s + t)·G), e = r − x1 mod n. */
  const eFor = (r: bigint, s: bigint): Uint8Array => {
    const x1 = G.multiply(mod(r + s + s)).toAffine().x; // s·G + t·G with t = r + s
    return bigIntToBytes(mod(r - x1), 32);
  };
  const check = (r: bigint, s: bigint): void => {
    const e = eFor(r, s);
    expect(sm2VerifyDigest(gBytes, e, raw(r, s), { format: 'raw' })).toBe(true);
    const e2 = bigIntToBytes(mod(BigInt('0x' + Buffer.from(e).toString('hex')) + 1n), 32);
    expect(sm2VerifyDigest(gBytes, e2, raw(r, s), { format: 'raw' })).toBe(false);
  };

  test('exceptional additions fall back to noble with the same answers: wNAF, window 4, window 8', () => {
    configureSm2Cache({ smallTableAfter: 4, tableAfter: 8 });
    const zero = new Uint8Array(32);
    // A result at infinity: s·G + t·G = O for s = n − 1, t = 1 (r = 2); noble says false. Sighting 1: wNAF.
    expect(sm2VerifyDigest(gBytes, zero, raw(2n, n - 1n), { format: 'raw' })).toBe(false);
    expect(noble).toHaveBeenCalledTimes(1);
    // Sightings 2, 3 (wNAF): t = 1 gives t·G = G, then s = 65 = 1 + 64 adds its first window's 1·G (a doubling).
    check(n - 64n, 65n);
    expect(noble).toHaveBeenCalledTimes(3);
    // Sightings 4, 5 (window 4): s·G = 3G, then t = 19 = 3 + 16 adds 3G first.
    check(16n, 3n);
    expect(noble).toHaveBeenCalledTimes(5);
    // Sighting 6 (window 4): the result at infinity again.
    expect(sm2VerifyDigest(gBytes, zero, raw(2n, n - 1n), { format: 'raw' })).toBe(false);
    expect(noble).toHaveBeenCalledTimes(6);
    // Sighting 7 (window 4), an ordinary invalid signature: no fallback.
    expect(sm2VerifyDigest(gBytes, zero, raw(1n, 1n), { format: 'raw' })).toBe(false);
    expect(noble).toHaveBeenCalledTimes(6);
    // Sightings 8, 9 (window 8): t = 259 = 3 + 256.
    check(256n, 3n);
    expect(noble).toHaveBeenCalledTimes(8);
  });
});
