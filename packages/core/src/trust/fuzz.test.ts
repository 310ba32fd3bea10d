// Hostile bundles: random mutations of a valid bundle never throw and never open unless the bytes are unchanged;
// random bytes never throw. Property tests with fast-check (fixed seed, so a failure reproduces).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AT, DAY, testPki } from '../../../../test/helpers/trust-pki.js';
import { createTrustBundle } from './create-bundle.js';
import { inspectTrustBundle } from './inspect-bundle.js';
import { openTrustBundle } from './open-bundle.js';

const pki = testPki('p256');
const bytes = createTrustBundle({
  version: 1,
  issuedAt: AT,
  nextUpdate: new Date(AT.getTime() + DAY),
  roots: [pki.root],
  issuers: [{ code: '11330100MB0F00602M', name: '甲', certificates: [pki.signer.cert], licenseTypes: ['*'], areaCodes: ['33'] }],
  signer: { key: pki.bundleSigner.key, certificate: pki.bundleSigner.cert, chain: [pki.intermediate] },
});
const pinned = pki.pinned();

describe('hostile bundles', () => {
  it('a mutated bundle is never opened and never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(bytes.length - 1), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 }), fc.nat(8), (flips, cut) => {
        const m = new Uint8Array(bytes.subarray(0, bytes.length - cut));
        for (const f of flips) if (f.at < m.length) m[f.at]! ^= f.xor;
        const r = openTrustBundle(m, { pinned, time: AT });
        expect(r.bundle).toBeUndefined();
        expect(r.indication).not.toBe('PASSED');
        try {
          inspectTrustBundle(m);
        } catch (e) {
          expect((e as Error).name).toMatch(/FormatError|LimitError/);
        }
      }),
      { seed: 20250601, numRuns: 300 },
    );
  });

  it('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (b) => {
        expect(openTrustBundle(b, { pinned, time: AT }).indication).toBe('FAILED');
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
