// verify(bytes, { bundle }) trusts the bundle's roots, intermediates and CRLs for any format (a certificate and a
// CMS signature of the fixture PKI here), names the bundle in the report, and merges with an explicit store.
import { describe, expect, it } from 'vitest';
import { AT, DAY, testPki } from '../../../../test/helpers/trust-pki.js';
import { signDetached } from '../cms/sign.js';
import { verify } from '../verify.js';
import { createTrustBundle } from './create-bundle.js';
import { inspectTrustBundle } from './inspect-bundle.js';
import { openTrustBundle } from './open-bundle.js';
import { withRefusedBundle } from './bundle-report.js';

const sm2 = testPki('sm2');
const p256 = testPki('p256');
const bytes = createTrustBundle({
  version: 3,
  issuedAt: new Date(AT.getTime() - DAY),
  nextUpdate: new Date(AT.getTime() + DAY),
  roots: [sm2.root],
  intermediates: [sm2.intermediate],
  crls: [sm2.crl],
  issuers: [],
  signer: { key: sm2.bundleSigner.key, certificate: sm2.bundleSigner.cert, chain: [sm2.intermediate] },
});
const opened = openTrustBundle(bytes, { pinned: sm2.pinned(), time: AT });
const bundle = opened.bundle!;
const pem = (s: string) => new TextEncoder().encode(s);

describe('verify with a bundle', () => {
  it('a certificate: the bundle root and intermediate build the path (the leaf alone is given)', async () => {
    const without = await verify(pem(sm2.signer.cert.toPem()), { at: AT });
    expect([without.indication, without.subIndication]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);
    const r = await verify(pem(sm2.signer.cert.toPem()), { at: AT, bundle });
    expect(r.indication).toBe('PASSED');
    expect(r.signatures[0]?.chain?.map((c) => c.fingerprintSha256)).toEqual([sm2.signer.cert, sm2.intermediate, sm2.root].map((c) => c.fingerprintSha256));
    expect(r.checks[0]).toMatchObject({ id: 'trust.bundle.used', status: 'passed', details: { version: 3, digest: opened.digest, ageSeconds: 86_400 } });
  });

  it('a revoked certificate: the bundle CRL is used', async () => {
    const r = await verify(pem(sm2.party('revoked').cert.toPem()), { at: AT, bundle });
    expect([r.indication, r.subIndication]).toEqual(['FAILED', 'REVOKED']);
  });

  it('a CMS signature: PASSED with the bundle; a P-256 one needs the explicit store merged in', async () => {
    const content = new TextEncoder().encode('营业执照 PDF 的字节');
    const cmsSm2 = signDetached({ content, key: sm2.signer.key, certificate: sm2.signer.cert, chain: [sm2.intermediate], flavour: 'gbt35275', signingTime: AT });
    expect((await verify(cmsSm2, { at: AT, bundle, content })).indication).toBe('PASSED');
    const cmsP256 = signDetached({ content, key: p256.signer.key, certificate: p256.signer.cert, chain: [p256.intermediate], signingTime: AT });
    expect((await verify(cmsP256, { at: AT, bundle, content })).indication).toBe('INDETERMINATE');
    const merged = await verify(cmsP256, { at: AT, bundle, content, trust: p256.pinned() });
    expect(merged.indication).toBe('PASSED');
    // The explicit store still works for the SM2 one, and the bundle still for the SM2 one with both given.
    expect((await verify(cmsSm2, { at: AT, bundle, content, trust: p256.pinned() })).indication).toBe('PASSED');
  });

  it('an unverified (inspected) bundle lends no trust', async () => {
    const inspected = inspectTrustBundle(bytes).bundle;
    const r = await verify(pem(sm2.signer.cert.toPem()), { at: AT, bundle: inspected });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.checks[0]).toMatchObject({ id: 'trust.bundle.used', status: 'indeterminate' });
  });

  it('a refused bundle turns a report into a refusal with the refresh advice, but a forgery stays FAILED', async () => {
    const stale = openTrustBundle(bytes, { pinned: sm2.pinned(), time: new Date(AT.getTime() + 10 * DAY) });
    expect(stale.indication).toBe('INDETERMINATE');
    const base = await verify(pem(sm2.signer.cert.toPem()), { at: AT, trust: sm2.pinned(), certificates: [sm2.intermediate] });
    expect(base.indication).toBe('PASSED');
    const r = withRefusedBundle(base, stale);
    expect([r.indication, r.subIndication]).toEqual(['INDETERMINATE', 'TRY_LATER']);
    expect(r.checks[0]).toMatchObject({ id: 'trust.bundle.used', status: 'indeterminate' });
    expect(r.advice?.zh).toMatch(/更新信任包/);
    const rollback = openTrustBundle(bytes, { pinned: sm2.pinned(), time: AT, minVersion: 4 });
    expect(withRefusedBundle(base, rollback)).toMatchObject({ indication: 'FAILED', subIndication: 'POLICY_FAILURE' });
    const forged = { ...base, indication: 'FAILED' as const, subIndication: 'SIG_CRYPTO_FAILURE' as const };
    expect(withRefusedBundle(forged, stale)).toMatchObject({ indication: 'FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
  });
});
