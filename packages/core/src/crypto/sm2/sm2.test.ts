import { describe, expect, test, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sm3 } from '../sm3.js';
import { createSm2 } from './factory.js';
import { sm2Curve } from './curve.js';
import { sm2Z } from './z.js';
import { sm2Sign, sm2SignDigest } from './sign.js';
import { sm2Verify, sm2VerifyDigest } from './verify.js';
import { derToRaw, encodeRsDer, parseRsDer, rawToDer } from './der.js';
import { clearSm2Cache, configureSm2Cache, sm2CacheStats } from './cache.js';
import { sm2GenerateKeyPair, sm2PublicFromPrivate } from './keygen.js';

const corpus = (f: string): string => readFileSync(new URL(`../../../../../../shared/corpus/sm2/${f}`, import.meta.url), 'utf8');
const official = JSON.parse(corpus('official-vectors.json'));
const edge = JSON.parse(corpus('edge-cases.json')) as {
  publicKeyHex: string;
  cases: { name: string; sigHex: string; id: string; msgAscii: string; expect: string }[];
};
const osslSigs = JSON.parse(corpus('openssl_sigs.json')) as { pub: string; id: string; msg: string; sig: string }[];

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const big = (s: string): bigint => BigInt('0x' + s);

describe('GB/T 32918 Annex A examples', () => {
  test('recommended curve (GB/T 32918.5): Z, e, r, s exact with the given k; verifies', () => {
    const v = official.sm2_recommended_curve;
    const point = h('04' + v.xA + v.yA);
    expect(hex(sm2PublicFromPrivate(h(v.d)))).toBe(hex(point));
    expect(hex(sm2Z(point, v.idAscii)).toUpperCase()).toBe(v.Z);
    expect(hex(sm2Z(point)).toUpperCase()).toBe(v.Z); // default ID
    const msg = h(v.msgHex);
    expect(hex(sm3(h(v.Z), msg)).toUpperCase()).toBe(v.e);
    const der = sm2Sign(h(v.d), msg, { k: big(v.k) });
    expect(hex(der).toUpperCase()).toBe(v.sigDer);
    const raw = sm2Sign(h(v.d), msg, { k: big(v.k), format: 'raw' });
    expect(hex(raw).toUpperCase()).toBe(v.r + v.s);
    expect(hex(sm2SignDigest(h(v.d), h(v.e), { k: big(v.k) })).toUpperCase()).toBe(v.sigDer);
    expect(sm2Verify(point, msg, der)).toBe(true);
    expect(sm2Verify(point, msg, der, { id: v.idAscii })).toBe(true);
    expect(sm2VerifyDigest(point, h(v.e), der)).toBe(true);
    expect(sm2VerifyDigest(point, h(v.Z), der)).toBe(false);
  });

  test('test curve with ALICE123@YAHOO.COM (GB/T 32918.2 A.2) through the curve factory', () => {
    const v = official.sm2_test_curve_alice;
    const c = v.curve;
    const alice = createSm2({ p: big(c.p), a: big(c.a), b: big(c.b), n: big(c.n), Gx: big(c.Gx), Gy: big(c.Gy) });
    const P = alice.publicFromPrivate(big(v.d));
    expect(hex(P.toBytes(false)).toUpperCase()).toBe('04' + v.xA + v.yA);
    const z = alice.z(P, v.idAscii);
    expect(hex(z).toUpperCase()).toBe(v.Z);
    const e = sm3(z, h(v.msgHex));
    expect(hex(e).toUpperCase()).toBe(v.e);
    const { r, s } = alice.signE(big(v.d), e, big(v.k));
    expect(r).toBe(big(v.r));
    expect(s).toBe(big(v.s));
    expect(hex(encodeRsDer(r, s)).toUpperCase()).toBe(v.sigDer);
    expect(alice.verifyE(P, e, r, s)).toBe(true);
    expect(alice.verifyE(P, e, r, s + 1n)).toBe(false);
    // The same numbers mean nothing on the recommended curve.
    expect(sm2Verify(h('04' + v.xA + v.yA), h(v.msgHex), h(v.sigDer), { id: v.idAscii })).toBe(false);
  });
});

describe('30 OpenSSL 3 CLI signatures (corpus/sm2/openssl_sigs.json)', () => {
  test('each verifies with its ID and fails with an empty or different ID', () => {
    expect(osslSigs).toHaveLength(30);
    for (const x of osslSigs) {
      const msg = h(x.msg);
      expect(sm2Verify(h(x.pub), msg, h(x.sig), { id: x.id })).toBe(true);
      expect(sm2Verify(h(x.pub), msg, h(x.sig), { id: '' })).toBe(false);
      expect(sm2Verify(h(x.pub), msg, h(x.sig), { id: new Uint8Array(0) })).toBe(false);
      expect(sm2Verify(h(x.pub), msg, h(x.sig), { id: x.id + 'x' })).toBe(false);
    }
    expect(new Set(osslSigs.map((x) => x.id))).toEqual(new Set(['1234567812345678', 'ALICE123@YAHOO.COM']));
  });
});

describe('edge cases (corpus/sm2/edge-cases.json)', () => {
  const pub = h(edge.publicKeyHex);
  test.each(edge.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const msg = new Uint8Array(Buffer.from(c.msgAscii, 'latin1'));
    const sig = h(c.sigHex);
    const der = sm2Verify(pub, msg, sig, { id: c.id });
    const auto = sm2Verify(pub, msg, sig, { id: c.id, format: 'auto' });
    const raw = sm2Verify(pub, msg, sig, { id: c.id, format: 'raw' });
    if (c.expect === 'valid') expect([der, auto, raw]).toEqual([true, true, false]);
    else if (c.expect === 'valid-after-normalisation') {
      expect([der, auto, raw]).toEqual([false, true, true]);
      expect(sm2Verify(pub, msg, rawToDer(sig), { id: c.id })).toBe(true);
    } else {
      expect(c.expect).toBe('invalid');
      expect([der, auto, raw]).toEqual([false, false, false]);
    }
  });
  test('every case in the file was exercised', () => {
    expect(edge.cases.map((c) => c.expect).sort()).toEqual(
      ['valid', 'valid-after-normalisation', ...Array(edge.cases.length - 2).fill('invalid')].sort(),
    );
  });

  const v = official.sm2_recommended_curve;
  const msg = h(v.msgHex);
  const sig = h(v.sigDer);
  test('single flipped bits in message, signature or key never verify', () => {
    const pt = h('04' + v.xA + v.yA);
    for (let i = 0; i < sig.length * 8; i += 3) {
      const s2 = Uint8Array.from(sig);
      s2[i >> 3]! ^= 1 << (i & 7);
      expect(sm2Verify(pt, msg, s2)).toBe(false);
    }
    for (let i = 0; i < msg.length * 8; i++) {
      const m2 = Uint8Array.from(msg);
      m2[i >> 3]! ^= 1 << (i & 7);
      expect(sm2Verify(pt, m2, sig)).toBe(false);
    }
    for (let i = 8; i < pt.length * 8; i += 5) {
      const p2 = Uint8Array.from(pt);
      p2[i >> 3]! ^= 1 << (i & 7);
      expect(sm2Verify(p2, msg, sig)).toBe(false);
    }
  });

  test('off-curve, infinity, truncated and malformed keys give false, never throw', () => {
    const pt = h('04' + v.xA + v.yA);
    const offCurve = Uint8Array.from(pt);
    offCurve[64]! ^= 1;
    const bad = [
      offCurve,
      pt.subarray(1), // 128 hex without 04
      pt.subarray(0, 64),
      new Uint8Array(0),
      Uint8Array.of(0),
      Uint8Array.from([0x04, ...new Uint8Array(64)]),
      Uint8Array.from([0x05, ...pt.subarray(1)]),
      Uint8Array.from([0x04, ...new Uint8Array(32).fill(0xff), ...pt.subarray(33)]), // x ≥ p
    ];
    for (const p of bad) {
      expect(sm2Verify(p, msg, sig)).toBe(false);
      expect(sm2VerifyDigest(p, h(v.e), sig)).toBe(false);
    }
    // Compressed form of the real key is accepted.
    const compressed = Uint8Array.from([0x02 + (pt[64]! & 1), ...pt.subarray(1, 33)]);
    expect(sm2Verify(compressed, msg, sig)).toBe(true);
    // Non-Uint8Array junk does not throw either.
    expect(sm2Verify(null as unknown as Uint8Array, msg, sig)).toBe(false);
    expect(sm2Verify(pt, msg, 'x' as unknown as Uint8Array)).toBe(false);
    expect(sm2Verify(pt, msg, sig, { id: new Uint8Array(8192) })).toBe(false);
  });

  test('arbitrary bytes as key/signature/ID never throw (property)', () => {
    const pt = h('04' + v.xA + v.yA);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        fc.uint8Array({ maxLength: 80 }),
        fc.constantFrom<'der' | 'raw' | 'auto'>('der', 'raw', 'auto'),
        (s, p, format) => {
          expect(sm2Verify(pt, msg, s, { format })).toBe(false);
          expect(sm2Verify(p, msg, sig, { format })).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('strict DER codec', () => {
  test('round trip and §8 rejections', () => {
    const v = official.sm2_recommended_curve;
    const raw = h(v.r + v.s);
    expect(hex(rawToDer(raw)).toUpperCase()).toBe(v.sigDer);
    expect(hex(derToRaw(h(v.sigDer))).toUpperCase()).toBe(v.r + v.s);
    expect(parseRsDer(encodeRsDer(1n, 127n))).toEqual({ r: 1n, s: 127n });
    expect(hex(encodeRsDer(128n, 0n))).toBe('3007020200800201' + '00');
    const rej = [
      '3006020101020101ff', // trailing byte
      '3007020101020101', // length mismatch
      '30060201ff020101', // negative r
      '300702020001020101', // non-minimal r
      '3006020101030101', // wrong tag
      '3180060201010201', // indefinite / bad outer
      '308106020101020101', // long-form length for a short body
      '2006020101020101',
    ];
    for (const r of rej) {
      expect(parseRsDer(h(r))).toBeUndefined();
      expect(() => derToRaw(h(r))).toThrow();
    }
    expect(() => rawToDer(new Uint8Array(63))).toThrow();
    // Components larger than 33 bytes are refused.
    expect(parseRsDer(encodeRsDer(1n << 300n, 1n))).toBeUndefined();
  });
  test('property: encode/parse round trip for random r, s', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (r, s) => {
        const der = encodeRsDer(r, s);
        expect(parseRsDer(der)).toEqual({ r, s });
        expect(hex(rawToDer(derToRaw(der)))).toBe(hex(der));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sign / verify', () => {
  test('random keys and messages: sign verifies, with custom and binary IDs; wrong key fails', () => {
    for (let i = 0; i < 12; i++) {
      const { d, point } = sm2GenerateKeyPair();
      expect(hex(sm2PublicFromPrivate(d))).toBe(hex(point));
      const m = randomBytes(i * 37);
      const id = i % 3 === 0 ? undefined : i % 3 === 1 ? '测试ID' : randomBytes(i);
      const sig = sm2Sign(d, m, { id, publicKey: i % 2 ? point : undefined });
      expect(sm2Verify(point, m, sig, { id })).toBe(true);
      expect(sm2Verify(sm2GenerateKeyPair().point, m, sig, { id })).toBe(false);
      const raw = sm2Sign(d, m, { id, format: 'raw' });
      expect(raw).toHaveLength(64);
      expect(sm2Verify(point, m, raw, { id, format: 'raw' })).toBe(true);
      expect(sm2Verify(point, m, raw, { id })).toBe(false);
    }
  });
  test('two signatures of the same message differ (random k)', () => {
    const { d, point } = sm2GenerateKeyPair();
    const a = sm2Sign(d, Uint8Array.of(1), {});
    const b = sm2Sign(d, Uint8Array.of(1), {});
    expect(hex(a)).not.toBe(hex(b));
    expect(sm2Verify(point, Uint8Array.of(1), a) && sm2Verify(point, Uint8Array.of(1), b)).toBe(true);
  });
  test('invalid private keys and IDs are refused when signing', () => {
    const n = sm2Curve.n;
    const toB = (x: bigint): Uint8Array => h(x.toString(16).padStart(64, '0'));
    expect(() => sm2Sign(toB(0n), Uint8Array.of(1))).toThrow();
    expect(() => sm2Sign(toB(n - 1n), Uint8Array.of(1))).toThrow();
    expect(() => sm2Sign(toB(n), Uint8Array.of(1))).toThrow();
    expect(() => sm2Sign(new Uint8Array(31).fill(1), Uint8Array.of(1))).toThrow();
    expect(() => sm2PublicFromPrivate(toB(0n))).toThrow();
    expect(sm2Verify(sm2PublicFromPrivate(toB(n - 2n)), Uint8Array.of(1), sm2Sign(toB(n - 2n), Uint8Array.of(1)))).toBe(true);
    const { d } = sm2GenerateKeyPair();
    expect(() => sm2Sign(d, Uint8Array.of(1), { id: new Uint8Array(8192) })).toThrow(RangeError);
    expect(() => sm2Z(sm2PublicFromPrivate(d), new Uint8Array(8192))).toThrow(RangeError);
    expect(sm2Z(sm2PublicFromPrivate(d), new Uint8Array(8191))).toHaveLength(32);
  });
});

describe('per-signer cache', () => {
  beforeEach(() => {
    clearSm2Cache();
    configureSm2Cache({ maxEntries: 1024, maxTables: 32, tableAfter: 2 });
  });
  test('a key gets a table on its second sighting; results unchanged; clear empties it', () => {
    const v = official.sm2_recommended_curve;
    const pt = h('04' + v.xA + v.yA);
    const msg = h(v.msgHex);
    const sig = h(v.sigDer);
    expect(sm2Verify(pt, msg, sig)).toBe(true);
    expect(sm2CacheStats()).toEqual({ entries: 1, tables: 0 });
    expect(sm2Verify(pt, msg, sig)).toBe(true);
    expect(sm2CacheStats()).toEqual({ entries: 1, tables: 1 });
    for (let i = 0; i < 5; i++) expect(sm2Verify(pt, msg, sig)).toBe(true);
    const tampered = Uint8Array.from(msg);
    tampered[0]! ^= 1;
    expect(sm2Verify(pt, tampered, sig)).toBe(false);
    // A different ID is a different entry.
    expect(sm2Verify(pt, msg, sig, { id: 'other' })).toBe(false);
    expect(sm2CacheStats().entries).toBe(2);
    clearSm2Cache();
    expect(sm2CacheStats()).toEqual({ entries: 0, tables: 0 });
  });
  test('bounded: entries and tables are evicted least-recently-used first, verification stays right', () => {
    configureSm2Cache({ maxEntries: 3, maxTables: 1 });
    const keys = Array.from({ length: 5 }, () => sm2GenerateKeyPair());
    const m = Uint8Array.of(7, 7, 7);
    const sigs = keys.map((k) => sm2Sign(k.d, m));
    for (let round = 0; round < 3; round++)
      keys.forEach((k, i) => {
        expect(sm2Verify(k.point, m, sigs[i]!)).toBe(true);
        expect(sm2Verify(k.point, m, sigs[(i + 1) % 5]!)).toBe(false);
      });
    const st = sm2CacheStats();
    expect(st.entries).toBeLessThanOrEqual(3);
    expect(st.tables).toBeLessThanOrEqual(1);
    configureSm2Cache({ maxEntries: 0 });
    expect(sm2CacheStats().entries).toBe(0);
    expect(sm2Verify(keys[0]!.point, m, sigs[0]!)).toBe(true);
    expect(sm2CacheStats().entries).toBe(0);
  });
});
