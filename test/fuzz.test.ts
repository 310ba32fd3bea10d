// Property test: mutated certificates and CMS files (bit flips, truncation, insertion, byte swaps, PEM damage) never
// make verify() throw, always give a well-formed Report, and every failure in it is a named, anticipated one: verify()
// turns any unexpected exception (a TypeError in a parser) into a `verify.internal` check, so "did not throw" alone
// would let parser bugs through. 10 000 cases in total, in-process (no spawning).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, issueCertificate, signDetached, verify, TrustStore, type Report } from '@heyan/core';
import { internalErrors, reportProblems } from './helpers/report-shape.js';

const DAY = 86_400_000;
const now = Date.now();
const caKey = generateKeyPair('p256');
const ca = issueCertificate({ subject: { CN: 'fuzz CA' }, publicKey: caKey.publicKey, issuerKey: caKey, notBefore: new Date(now - DAY), notAfter: new Date(now + 10 * DAY), ca: true });
const sm2Key = generateKeyPair('sm2');
const sm2Cert = issueCertificate({ subject: { CN: 'fuzz SM2 signer', O: '核验' }, publicKey: sm2Key.publicKey, issuer: ca, issuerKey: caKey, notBefore: new Date(now - DAY), notAfter: new Date(now + DAY) });
const ecKey = generateKeyPair('p256');
const ecCert = issueCertificate({ subject: { CN: 'fuzz P-256 signer' }, publicKey: ecKey.publicKey, issuer: ca, issuerKey: caKey, notBefore: new Date(now - DAY), notAfter: new Date(now + DAY) });
const content = Buffer.from('<licence>营业执照 fuzz</licence>');
const trust = new TrustStore().addAnchor(ca);

const SEEDS: Record<string, Uint8Array> = {
  'P-256 certificate (DER)': ecCert.der,
  'SM2 certificate (DER)': sm2Cert.der,
  'certificate chain (PEM)': Buffer.from(ecCert.toPem() + ca.toPem()),
  'CMS, P-256 (DER)': signDetached({ content, key: ecKey, certificate: ecCert }),
  'CMS, SM2, GB/T 35275 (DER)': signDetached({ content, key: sm2Key, certificate: sm2Cert, flavour: 'gbt35275' }),
};

type Mutation =
  | { op: 'flip'; pos: number; bit: number }
  | { op: 'truncate'; len: number }
  | { op: 'insert'; pos: number; bytes: Uint8Array }
  | { op: 'swap'; a: number; b: number }
  | { op: 'set'; pos: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), pos: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('truncate' as const), len: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), pos: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  // Length and tag bytes are where parsers break: set a byte to a header-ish value.
  fc.record({ op: fc.constant('set' as const), pos: fc.nat(), value: fc.constantFrom(0x00, 0x30, 0x31, 0x80, 0x81, 0x82, 0x84, 0xa0, 0xff) }),
);

function apply(seed: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = new Uint8Array(seed);
  for (const m of ms) {
    if (b.length === 0) break;
    switch (m.op) {
      case 'flip': {
        const i = m.pos % b.length;
        b[i] = b[i]! ^ (1 << m.bit);
        break;
      }
      case 'truncate':
        b = b.subarray(0, m.len % b.length);
        break;
      case 'insert': {
        const i = m.pos % (b.length + 1);
        const n = new Uint8Array(b.length + m.bytes.length);
        n.set(b.subarray(0, i));
        n.set(m.bytes, i);
        n.set(b.subarray(i), i + m.bytes.length);
        b = n;
        break;
      }
      case 'swap': {
        const i = m.a % b.length;
        const j = m.b % b.length;
        [b[i], b[j]] = [b[j]!, b[i]!];
        break;
      }
      case 'set':
        b[m.pos % b.length] = m.value;
        break;
    }
  }
  return b;
}

const RUNS = 2000; // per seed: 5 seeds × 2 000 = 10 000 cases

describe('verify() under mutation', () => {
  it('the unmutated seeds pass (so the property runs over inputs that reach deep into the verifiers)', async () => {
    for (const [name, bytes] of Object.entries(SEEDS)) {
      const r = await verify(bytes, { content, trust });
      expect(r.indication, name).toBe('PASSED');
      expect(internalErrors(r), name).toEqual([]);
    }
  });

  it.each(Object.entries(SEEDS))('%s: 2 000 mutants, no exception, a well-formed report, no verify.internal', async (_name, seed) => {
    const outcomes = { PASSED: 0, FAILED: 0, INDETERMINATE: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
        const bytes = apply(seed, ms);
        let r: Report;
        try {
          r = await verify(bytes, { content, trust });
        } catch (e) {
          throw new Error(`verify threw: ${String(e)}`);
        }
        const problems = reportProblems(r);
        if (problems.length) throw new Error(`malformed report: ${problems.join('; ')}`);
        const bugs = internalErrors(r);
        if (bugs.length) throw new Error(`unanticipated error (a bug, not bad input): ${bugs.join('; ')}`);
        if (r.input.size !== bytes.length) throw new Error('input.size');
        outcomes[r.indication]++;
      }),
      { numRuns: RUNS, seed: 20240501 },
    );
    // Mutation must actually break things most of the time; a test where every mutant passes proves nothing.
    expect(outcomes.FAILED).toBeGreaterThan(RUNS / 2);
  });
});
