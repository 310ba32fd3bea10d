import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeyanError } from '../errors.js';
import { importPrivateKey, generateKeyPair } from '../crypto/index.js';
import type { PrivateKey } from '../crypto/types.js';
import type { Check } from '../report/types.js';
import { Certificate } from './certificate.js';
import { Crl, loadCrls } from './crl.js';
import { children, encoding, explicit, isCtx, readOid, readRoot, seq } from '../asn1/index.js';
import { issueCertificate, signTbs } from './issue-certificate.js';
import { issueCrl } from './issue-crl.js';
import { loadCertificates } from './load.js';
import { importPkcs12 } from './pkcs12.js';
import { validateCertificatePath, validateCertificateChain, type PathValidationOptions } from './path-validation.js';
import { TrustStore } from './trust-store.js';
import { parseSignedData } from '../cms/parse.js';
import { findSignerCertificate } from '../cms/find-signer.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const T2030 = new Date('2030-01-01T00:00:00Z');
const ALGS = ['sm2', 'p256', 'rsa'] as const;
type Alg = (typeof ALGS)[number];

const cert = (alg: Alg, name: string): Certificate => loadCertificates(readFileSync(join(fixtures, alg, `${name}.pem`)))[0]!;
const crl = (alg: Alg, name: string): Crl => loadCrls(readFileSync(join(fixtures, alg, `${name}.crl.pem`)))[0]!;
const key = (alg: Alg, name: string): PrivateKey => importPrivateKey(readFileSync(join(fixtures, alg, `${name}.key.pem`)));

function pki(alg: Alg) {
  const root = cert(alg, 'root');
  const intermediate = cert(alg, 'intermediate');
  const trust = new TrustStore().addAnchor(root).addCrl(crl(alg, 'root')).addCrl(crl(alg, 'intermediate'));
  return { root, intermediate, trust };
}

function validate(alg: Alg, name: string, extra: Partial<PathValidationOptions> = {}) {
  const { intermediate, trust } = pki(alg);
  return validateCertificatePath({ certificate: cert(alg, name), intermediates: [intermediate], trust, time: T2030, usage: 'signature', revocation: 'require', ...extra });
}

/** The same certificate re-signed by `issuerKey` with its basicConstraints extension removed (issueCertificate always writes one). */
function withoutBasicConstraints(c: Certificate, issuerKey: PrivateKey): Certificate {
  const tbs = children(readRoot(c.tbs, 'TBSCertificate'));
  const extWrap = tbs[tbs.length - 1]!;
  expect(isCtx(extWrap, 3)).toBe(true);
  const exts = children(children(extWrap)[0]).filter((x) => readOid(children(x)[0], 'extnID') !== '2.5.29.19');
  return Certificate.fromDer(signTbs(seq(...tbs.slice(0, -1).map(encoding), explicit(3, seq(...exts.map(encoding)))), issuerKey, c.signatureAlgorithm, undefined));
}

const notPassed = (checks: Check[]) => checks.filter((c) => c.status !== 'passed');
const find = (checks: Check[], id: string, status?: string) => checks.filter((c) => c.id === id && (!status || c.status === status));

describe.each(ALGS)('path validation, %s fixtures', (alg) => {
  it('a valid 3-level chain passes at 2030-01-01 with every check passed', () => {
    const r = validate(alg, 'signer');
    expect(r.indication).toBe('PASSED');
    expect(r.subIndication).toBeUndefined();
    expect(r.chain.map((c) => c.serialNumber)).toEqual(['2001', '1001', '1000']);
    expect(notPassed(r.checks)).toEqual([]);
    // Every certificate of the path was checked: 3 signatures, 3 validity periods, 2 revocation statuses.
    expect(find(r.checks, 'pki.cert.signature')).toHaveLength(3);
    expect(find(r.checks, 'pki.cert.validity')).toHaveLength(3);
    expect(r.revocation?.map((x) => x.status)).toEqual(['good', 'good']);
    for (const c of r.checks) {
      expect(c.message.zh.length).toBeGreaterThan(0);
      expect(c.message.en.length).toBeGreaterThan(0);
    }
  });

  it('without the intermediate: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND', () => {
    const { trust } = pki(alg);
    const r = validateCertificatePath({ certificate: cert(alg, 'signer'), trust, time: T2030 });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    expect(r.chain).toHaveLength(1);
    expect(find(r.checks, 'pki.path.build', 'indeterminate')[0]!.message.en).toContain('核验测试中级 CA');
  });

  it('nothing is trusted by default', () => {
    const r = validateCertificatePath({ certificate: cert(alg, 'signer'), intermediates: [cert(alg, 'intermediate'), cert(alg, 'root')], time: T2030 });
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    expect(r.chain).toHaveLength(3);
  });

  it('expired: FAILED/EXPIRED, OUT_OF_BOUNDS_NO_POE when asked, a warning with a POE inside the validity', () => {
    expect(validate(alg, 'expired')).toMatchObject({ indication: 'FAILED', subIndication: 'EXPIRED' });
    expect(validate(alg, 'expired', { outOfBounds: 'indeterminate' })).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
    const poe = validate(alg, 'expired', { poeTime: new Date('2021-06-01T00:00:00Z') });
    expect(poe.indication).toBe('PASSED');
    const w = find(poe.checks, 'pki.cert.validity', 'warning');
    expect(w).toHaveLength(1);
    expect(w[0]!.details?.certificate).toContain('测试过期证书');
    // Valid at the validation time itself: no warning.
    expect(validate(alg, 'expired', { time: new Date('2021-06-01T00:00:00Z'), revocation: 'off' }).checks.filter((c) => c.id === 'pki.cert.validity' && c.status !== 'passed')).toHaveLength(2);
  });

  it('not yet valid: FAILED/NOT_YET_VALID', () => {
    const r = validate(alg, 'not-yet-valid');
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'NOT_YET_VALID' });
    expect(find(r.checks, 'pki.cert.validity', 'failed')[0]!.message.zh).toContain('测试未生效证书');
  });

  it('revoked: FAILED/REVOKED before the signing time, a warning when revoked after a proven signing time', () => {
    const r = validate(alg, 'revoked');
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED' });
    expect(r.revocation?.[0]).toMatchObject({ status: 'revoked', reason: 'keyCompromise', revocationDate: '2025-06-01T00:00:00.000Z' });
    const failed = find(r.checks, 'pki.revocation.status', 'failed')[0]!;
    expect(failed.message.en).toContain('2025-06-01');
    expect(failed.message.en).toContain('keyCompromise');
    expect(failed.message.zh).toContain('密钥泄露');

    const before = validate(alg, 'revoked', { poeTime: new Date('2025-03-01T00:00:00Z') });
    expect(before.indication).toBe('PASSED');
    const w = find(before.checks, 'pki.revocation.status', 'warning');
    expect(w).toHaveLength(1);
    expect(w[0]!.message.en).toContain('2025-06-01T00:00:00.000Z');
    expect(before.revocation?.[0]?.status).toBe('revoked-after-poe');

    expect(validate(alg, 'revoked', { poeTime: new Date('2025-09-01T00:00:00Z') })).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED' });
    // Without revocation checking the same certificate passes: the CRL is what decides.
    expect(validate(alg, 'revoked', { revocation: 'off' }).indication).toBe('PASSED');
  });

  it('a CA without keyCertSign cannot issue: FAILED/CHAIN_CONSTRAINTS_FAILURE naming that CA', () => {
    const r = validate(alg, 'leaf-under-bad-ca', { intermediates: [cert(alg, 'ca-no-keycertsign')], revocation: 'if-available' });
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    const f = find(r.checks, 'pki.cert.key-cert-sign', 'failed');
    expect(f).toHaveLength(1);
    expect(f[0]!.details?.certificate).toContain('测试无证书签名权 CA');
    // Its signatures are fine: only the constraint fails.
    expect(find(r.checks, 'pki.cert.signature', 'failed')).toEqual([]);
  });

  it('a leaf without digitalSignature/nonRepudiation is refused as a signer, accepted for usage "any"', () => {
    const r = validate(alg, 'no-digital-signature');
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(find(r.checks, 'pki.cert.key-usage', 'failed')[0]!.message.en).toContain('keyEncipherment');
    expect(validate(alg, 'no-digital-signature', { usage: 'any' }).indication).toBe('PASSED');
  });

  it('the TSA certificate is accepted for time-stamping only; a signer is not a TSA', () => {
    expect(validate(alg, 'tsa', { usage: 'timestamping' }).indication).toBe('PASSED');
    expect(validate(alg, 'tsa', { usage: 'signature' })).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(find(validate(alg, 'signer', { usage: 'timestamping' }).checks, 'pki.cert.ext-key-usage', 'failed')).toHaveLength(1);
    expect(validate(alg, 'intermediate', { usage: 'ca', intermediates: [] }).indication).toBe('PASSED');
    expect(validate(alg, 'signer', { usage: 'ca' }).indication).toBe('FAILED');
  });

  it('an unknown critical extension fails; the same extension non-critical passes', () => {
    const { intermediate, trust } = pki(alg);
    const intKey = key(alg, 'intermediate');
    const make = (critical: boolean) =>
      issueCertificate({
        subject: { CN: `critical-${critical}` },
        publicKey: generateKeyPair(alg === 'rsa' ? 'rsa2048' : alg).publicKey,
        issuer: intermediate,
        issuerKey: intKey,
        notBefore: new Date('2025-01-01Z'),
        notAfter: new Date('2040-01-01Z'),
        keyUsage: ['digitalSignature'],
        extraExtensions: [{ oid: '1.3.6.1.4.1.99999.1', critical, valueDer: Uint8Array.of(0x05, 0x00) }],
      });
    const opts = { intermediates: [intermediate], trust, time: T2030, usage: 'signature' as const };
    const bad = validateCertificatePath({ certificate: make(true), ...opts });
    expect(bad).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(find(bad.checks, 'pki.cert.extensions', 'failed')[0]!.message.en).toContain('1.3.6.1.4.1.99999.1');
    expect(validateCertificatePath({ certificate: make(false), ...opts }).indication).toBe('PASSED');
  });

  it('a certificate with keyCertSign but basicConstraints cA=FALSE, or without basicConstraints, cannot issue', () => {
    // Issued by the root: the fixture intermediate has pathLen 0, which would fail as well.
    const { root, trust } = pki(alg);
    const rootKey = key(alg, 'root');
    const dates = { notBefore: new Date('2025-01-01Z'), notAfter: new Date('2040-01-01Z') };
    const caKey = generateKeyPair(alg === 'rsa' ? 'rsa2048' : alg);
    // ca: false writes basicConstraints as an empty SEQUENCE (cA DEFAULT FALSE), keyUsage still says keyCertSign.
    const notCa = issueCertificate({ subject: { CN: 'keyCertSign, cA FALSE' }, publicKey: caKey.publicKey, issuer: root, issuerKey: rootKey, keyUsage: ['keyCertSign', 'cRLSign'], ...dates });
    expect(notCa.extensions.basicConstraints).toEqual({ cA: false });
    const noBc = withoutBasicConstraints(
      issueCertificate({ subject: { CN: 'keyCertSign, no basicConstraints' }, publicKey: caKey.publicKey, issuer: root, issuerKey: rootKey, keyUsage: ['keyCertSign', 'cRLSign'], ...dates }),
      rootKey,
    );
    expect(noBc.extensions.basicConstraints).toBeUndefined();
    expect(noBc.extensions.raw.map((x) => x.oid)).not.toContain('2.5.29.19');
    for (const ca of [notCa, noBc]) {
      const leaf = issueCertificate({ subject: { CN: `leaf under ${ca.subject}` }, publicKey: generateKeyPair('p256').publicKey, issuer: ca, issuerKey: caKey, keyUsage: ['digitalSignature'], ...dates });
      const r = validateCertificatePath({ certificate: leaf, intermediates: [ca], trust, time: T2030, usage: 'signature' });
      expect(r, ca.subject).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
      expect(r.chain.map((c) => c.fingerprintSha256)).toEqual([leaf, ca, root].map((c) => c.fingerprintSha256));
      const f = find(r.checks, 'pki.cert.basic-constraints', 'failed');
      expect(f).toHaveLength(1);
      expect(f[0]!.details?.certificate).toBe(ca.subject);
      // Only the missing cA fails: signatures, keyCertSign and the rest are fine (no CRL for these: skipped).
      expect(r.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped').map((c) => c.id)).toEqual(['pki.cert.basic-constraints']);
      expect(find(r.checks, 'pki.cert.key-cert-sign').map((c) => c.status)).toEqual(['passed', 'passed']);
    }
  });

  it('pathLen 0 on the intermediate forbids a sub-CA below it', () => {
    const { intermediate, trust } = pki(alg);
    const intKey = key(alg, 'intermediate');
    const subKey = generateKeyPair(alg === 'rsa' ? 'rsa2048' : alg);
    const dates = { notBefore: new Date('2025-01-01Z'), notAfter: new Date('2040-01-01Z') };
    const sub = issueCertificate({ subject: { CN: 'sub-CA' }, publicKey: subKey.publicKey, issuer: intermediate, issuerKey: intKey, ca: true, ...dates });
    const leaf = issueCertificate({ subject: { CN: 'below sub-CA' }, publicKey: generateKeyPair('p256').publicKey, issuer: sub, issuerKey: subKey, keyUsage: ['digitalSignature'], ...dates });
    const r = validateCertificatePath({ certificate: leaf, intermediates: [sub, intermediate], trust, time: T2030, usage: 'signature' });
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(r.chain).toHaveLength(4);
    const f = find(r.checks, 'pki.cert.path-length', 'failed');
    expect(f).toHaveLength(1);
    expect(f[0]!.details?.certificate).toBe(intermediate.subject);
  });

  it('a broken name chain is found through the key identifier and fails', () => {
    const { intermediate, trust } = pki(alg);
    const intKey = key(alg, 'intermediate');
    const dates = { notBefore: new Date('2025-01-01Z'), notAfter: new Date('2040-01-01Z') };
    // Same key as the intermediate, another name: the leaf below names this issuer but its AKI is the intermediate's SKI.
    const alias = issueCertificate({ subject: { CN: 'Not the intermediate' }, publicKey: intKey.publicKey, issuerKey: intKey, ca: true, ...dates });
    expect(alias.extensions.subjectKeyIdentifier).toBe(intermediate.extensions.subjectKeyIdentifier);
    const leaf = issueCertificate({ subject: { CN: 'name chain' }, publicKey: generateKeyPair('p256').publicKey, issuer: alias, issuerKey: intKey, keyUsage: ['digitalSignature'], ...dates });
    const r = validateCertificatePath({ certificate: leaf, intermediates: [intermediate], trust, time: T2030 });
    expect(r.chain[1]!.fingerprintSha256).toBe(intermediate.fingerprintSha256);
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(find(r.checks, 'pki.cert.name-chaining', 'failed')[0]!.message.en).toContain('Not the intermediate');
    expect(find(r.checks, 'pki.cert.signature', 'failed')).toEqual([]);
  });

  it('a tampered signature or TBS fails the signature check', () => {
    const { intermediate, trust } = pki(alg);
    const good = cert(alg, 'signer');
    const sigFlip = Uint8Array.from(good.der);
    sigFlip[sigFlip.length - 3]! ^= 0x01;
    const tbsFlip = Uint8Array.from(good.der);
    const at = Buffer.from(tbsFlip).indexOf(Buffer.from('测试签名人'));
    tbsFlip[at + 1]! ^= 0x01;
    for (const der of [sigFlip, tbsFlip]) {
      const r = validateCertificatePath({ certificate: Certificate.fromDer(der), intermediates: [intermediate], trust, time: T2030 });
      expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE' });
      expect(find(r.checks, 'pki.cert.signature', 'failed')).toHaveLength(1);
    }
  });

  it('a tampered copy of the trust anchor is another certificate: FAILED on its signature, never the anchor', () => {
    const { root, intermediate, trust } = pki(alg);
    const bad = Uint8Array.from(root.der);
    bad[bad.length - 3]! ^= 0x01; // inside the signature value: same name, same key, other bytes
    const copy = Certificate.fromDer(bad);
    expect(copy.subjectNameKey).toBe(root.subjectNameKey);
    expect(copy.spki).toEqual(root.spki);
    expect(trust.isAnchor(copy)).toBe(false);
    const r = validateCertificatePath({ certificate: copy, trust, time: T2030 });
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE' });
    expect(r.chain.map((c) => c.fingerprintSha256)).toEqual([copy.fingerprintSha256, root.fingerprintSha256]);
    const f = find(r.checks, 'pki.cert.signature', 'failed');
    expect(f).toHaveLength(1);
    expect(f[0]!.details?.position).toBe(0);
    // Handed over as a ready chain, it is not an anchor either: no path, so not PASSED.
    const alone = validateCertificateChain([copy], { trust, time: T2030 });
    expect(alone).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    const chain = validateCertificateChain([cert(alg, 'signer'), intermediate, copy], { trust, time: T2030 });
    expect(chain.indication).not.toBe('PASSED');
    // The real root still validates the real chain when the copy is offered alongside.
    expect(validateCertificatePath({ certificate: cert(alg, 'signer'), intermediates: [copy, intermediate], trust, time: T2030 }).indication).toBe('PASSED');
  });

  it('a stale CRL: INDETERMINATE/TRY_LATER when revocation is required, a warning otherwise', () => {
    const { root, intermediate } = pki(alg);
    const stale = issueCrl({ issuer: intermediate, issuerKey: key(alg, 'intermediate'), thisUpdate: new Date('2026-01-01Z'), nextUpdate: new Date('2026-02-01Z'), revoked: [] });
    const trust = new TrustStore().addAnchor(root).addCrl(crl(alg, 'root'));
    const opts = { certificate: cert(alg, 'signer'), intermediates: [intermediate], trust, time: T2030, crls: [stale] };
    const req = validateCertificatePath({ ...opts, revocation: 'require' });
    expect(req).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(find(req.checks, 'pki.crl.freshness', 'indeterminate')).toHaveLength(1);
    const ifa = validateCertificatePath({ ...opts, revocation: 'if-available' });
    expect(ifa.indication).toBe('PASSED');
    expect(find(ifa.checks, 'pki.crl.freshness', 'warning')).toHaveLength(1);
    // A revocation listed in a stale CRL still counts: revocation is permanent.
    const staleWithRevoked = issueCrl({
      issuer: intermediate,
      issuerKey: key(alg, 'intermediate'),
      thisUpdate: new Date('2026-01-01Z'),
      nextUpdate: new Date('2026-02-01Z'),
      revoked: [{ serialNumber: cert(alg, 'revoked').serialNumber, revocationDate: new Date('2025-06-01Z'), reason: 'keyCompromise' }],
    });
    expect(validateCertificatePath({ ...opts, certificate: cert(alg, 'revoked'), crls: [staleWithRevoked] })).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED' });
  });

  it('a CRL with a bad signature is ignored, not believed', () => {
    const { root, intermediate } = pki(alg);
    const good = crl(alg, 'intermediate');
    const bad = Uint8Array.from(good.der);
    bad[bad.length - 3]! ^= 0x01;
    const forged = Crl.fromDer(bad);
    const trust = new TrustStore().addAnchor(root).addCrl(crl(alg, 'root')).addCrl(forged);
    const r = validateCertificatePath({ certificate: cert(alg, 'revoked'), intermediates: [intermediate], trust, time: T2030, revocation: 'require' });
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(find(r.checks, 'pki.crl.signature', 'warning')).toHaveLength(1);
    expect(r.revocation?.[0]?.status).toBe('unknown');
  });

  it('a CRL from an issuer without cRLSign is ignored', () => {
    const { root, trust } = pki(alg);
    const rootKey = key(alg, 'root');
    const dates = { notBefore: new Date('2025-01-01Z'), notAfter: new Date('2040-01-01Z') };
    const caKey = generateKeyPair(alg === 'rsa' ? 'rsa2048' : alg);
    const ca = issueCertificate({ subject: { CN: 'CA without cRLSign' }, publicKey: caKey.publicKey, issuer: root, issuerKey: rootKey, ca: true, keyUsage: ['keyCertSign'], ...dates });
    const leaf = issueCertificate({ subject: { CN: 'leaf' }, publicKey: generateKeyPair('p256').publicKey, issuer: ca, issuerKey: caKey, keyUsage: ['digitalSignature'], ...dates });
    const list = issueCrl({ issuer: ca, issuerKey: caKey, thisUpdate: new Date('2026-01-01Z'), nextUpdate: new Date('2040-01-01Z'), revoked: [{ serialNumber: leaf.serialNumber, revocationDate: new Date('2026-01-01Z') }] });
    const r = validateCertificatePath({ certificate: leaf, intermediates: [ca], trust, crls: [list], time: T2030, revocation: 'require' });
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(find(r.checks, 'pki.crl.issuer', 'warning')).toHaveLength(1);
  });

  it('no CRL at all: indeterminate when required, skipped when if-available, skipped when off', () => {
    const { root, intermediate } = pki(alg);
    const trust = new TrustStore().addAnchor(root);
    const base = { certificate: cert(alg, 'signer'), intermediates: [intermediate], trust, time: T2030 };
    expect(validateCertificatePath({ ...base, revocation: 'require' })).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    const ifa = validateCertificatePath(base);
    expect(ifa.indication).toBe('PASSED');
    expect(find(ifa.checks, 'pki.revocation.status', 'skipped')).toHaveLength(2);
    expect(find(validateCertificatePath({ ...base, revocation: 'off' }).checks, 'pki.revocation.status', 'skipped')).toHaveLength(2);
  });

  it('trusting the intermediate directly makes a 2-certificate path', () => {
    const r = validateCertificatePath({ certificate: cert(alg, 'signer'), trust: new TrustStore().addAnchor(cert(alg, 'intermediate')), time: T2030 });
    expect(r.indication).toBe('PASSED');
    expect(r.chain).toHaveLength(2);
    // The anchor is not self-signed: its signature is not checked.
    expect(find(r.checks, 'pki.cert.signature', 'skipped')).toHaveLength(1);
  });

  it('a weak certificate signature is a warning by default and a failure by policy', () => {
    if (alg !== 'rsa') return;
    const { intermediate, trust } = pki(alg);
    const leaf = issueCertificate({
      subject: { CN: 'sha1 leaf' },
      publicKey: generateKeyPair('p256').publicKey,
      issuer: intermediate,
      issuerKey: key(alg, 'intermediate'),
      notBefore: new Date('2025-01-01Z'),
      notAfter: new Date('2040-01-01Z'),
      digest: 'sha1',
    });
    const base = { certificate: leaf, intermediates: [intermediate], trust, time: T2030 };
    const warn = validateCertificatePath(base);
    expect(warn.indication).toBe('PASSED');
    expect(find(warn.checks, 'pki.cert.algorithm', 'warning')[0]!.message.en).toContain('sha1');
    expect(validateCertificatePath({ ...base, policy: { weak: 'fail' } })).toMatchObject({ indication: 'FAILED', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' });
  });
});

describe('the ofdrw test PKI (corpus)', () => {
  const load = (f: string, pw: string) => Certificate.fromDer(importPkcs12(readFileSync(join(corpus, 'ofd-ses/pki', f)), pw).certificates[0]!);
  const root = load('ofdrw-ROOT.p12', '123456');
  const user = load('ofdrw-USER.p12', '777777');
  const maker = load('ofdrw-SealBuilder.p12', '777777');
  const at = new Date('2021-01-01T00:00:00Z');

  it('the USER and SealBuilder signatures verify under the ROOT key (SM2, default ID)', () => {
    for (const leaf of [user, maker]) {
      const r = validateCertificateChain([leaf, root], { trust: new TrustStore().addAnchor(root), time: at });
      expect(find(r.checks, 'pki.cert.signature').map((c) => c.status)).toEqual(['passed', 'passed']);
      expect(find(r.checks, 'pki.cert.signature')[0]!.details?.algorithm).toBe('sm2-with-sm3');
    }
  });

  it('strict validation fails: the ROOT has no keyCertSign', () => {
    const r = validateCertificatePath({ certificate: user, trust: new TrustStore().addAnchor(root), time: at, usage: 'signature' });
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(r.chain).toHaveLength(2);
    const f = notPassed(r.checks).filter((c) => c.status === 'failed');
    expect(f.map((c) => c.id)).toEqual(['pki.cert.key-cert-sign']);
    expect(f[0]!.message.zh).toContain('OFD Reader and WriterROOT Certificate');
  });

  it('untrusted, the ROOT without keyCertSign does not decide: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND', () => {
    const r = validateCertificatePath({ certificate: user, intermediates: [root], time: at, usage: 'signature' });
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(r.chain).toHaveLength(2);
    expect(find(r.checks, 'pki.cert.key-cert-sign').map((c) => c.status)).toEqual(['indeterminate']);
    expect(r.checks.filter((c) => c.status === 'failed')).toEqual([]);
  });

  it('today the USER certificate has expired', () => {
    const r = validateCertificateChain([user, root], { trust: new TrustStore().addAnchor(root), time: new Date('2026-01-01Z') });
    expect(find(r.checks, 'pki.cert.validity', 'failed')[0]!.subIndication).toBe('EXPIRED');
  });
});

describe('hostile certificates', () => {
  it('a single changed byte that still parses never validates, and validation never throws (property)', () => {
    const { intermediate, trust } = pki('p256');
    const good = cert('p256', 'signer');
    let parsed = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.der.length - 1 }), fc.integer({ min: 1, max: 255 }), (pos, x) => {
        const m = Uint8Array.from(good.der);
        m[pos]! ^= x;
        let c: Certificate;
        try {
          c = Certificate.fromDer(m);
        } catch (e) {
          if (!(e instanceof HeyanError)) throw e;
          return;
        }
        parsed++;
        const r = validateCertificatePath({ certificate: c, intermediates: [intermediate], trust, time: T2030 });
        expect(r.indication).not.toBe('PASSED');
      }),
      { numRuns: 400 },
    );
    expect(parsed).toBeGreaterThan(100);
  });

  it('an invalid validation time gives INDETERMINATE, not an exception', () => {
    const r = validate('p256', 'signer', { time: new Date(Number.NaN) });
    expect(r.indication).toBe('INDETERMINATE');
  });
});

/** `c` re-encoded as an X.509 v1 certificate (no version field, no extensions) and re-signed by `issuerKey`. */
function asVersion1(c: Certificate, issuerKey: PrivateKey): Certificate {
  const tbs = children(readRoot(c.tbs, 'TBSCertificate')).filter((x) => !isCtx(x, 0) && !isCtx(x, 3));
  return Certificate.fromDer(signTbs(seq(...tbs.map(encoding)), issuerKey, c.signatureAlgorithm, undefined));
}

describe('X.509 v1 roots and the untrusted top of a chain (RFC 5280 6.1)', () => {
  const dates = { notBefore: new Date('2025-01-01Z'), notAfter: new Date('2040-01-01Z') };
  const rootKey = generateKeyPair('p256');
  const v1Root = asVersion1(issueCertificate({ subject: { CN: 'v1 root' }, publicKey: rootKey.publicKey, issuerKey: rootKey, ca: true, ...dates }), rootKey);
  const caKey = generateKeyPair('p256');
  const ca = issueCertificate({ subject: { CN: 'v3 CA under the v1 root' }, publicKey: caKey.publicKey, issuer: v1Root, issuerKey: rootKey, ca: true, ...dates });
  const leaf = issueCertificate({ subject: { CN: 'leaf under the v1 root' }, publicKey: generateKeyPair('p256').publicKey, issuer: ca, issuerKey: caKey, keyUsage: ['digitalSignature'], ...dates });
  const nonPassing = (r: { checks: Check[] }) => r.checks.filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => `${c.id}:${c.status}`);

  it('the v1 root is a real v1 self-signed certificate', () => {
    expect(v1Root.version).toBe(1);
    expect(v1Root.isSelfIssued).toBe(true);
    expect(v1Root.extensions.basicConstraints).toBeUndefined();
    expect(v1Root.extensions.raw).toEqual([]);
  });

  it('untrusted v1 root on top: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND, its constraints undecided, nothing FAILED', () => {
    const r = validateCertificatePath({ certificate: leaf, intermediates: [ca, v1Root], time: T2030, usage: 'signature' });
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(r.chain.map((c) => c.subject)).toEqual([leaf.subject, ca.subject, v1Root.subject]);
    expect(nonPassing(r)).toEqual(['pki.path.build:indeterminate', 'pki.cert.signature:indeterminate', 'pki.cert.basic-constraints:indeterminate']);
    const bc = find(r.checks, 'pki.cert.basic-constraints', 'indeterminate')[0]!;
    expect(bc.details?.certificate).toBe(v1Root.subject);
    expect(bc.message.en).toContain('v1');
    expect(find(r.checks, 'pki.path.build')[0]!.message.en).toContain('is not a trust anchor');
  });

  it('the same v1 root as the trust anchor: PASSED (a v1 anchor is acceptable)', () => {
    const r = validateCertificatePath({ certificate: leaf, intermediates: [ca], trust: new TrustStore().addAnchor(v1Root), time: T2030, usage: 'signature' });
    expect(r.indication).toBe('PASSED');
    expect(find(r.checks, 'pki.cert.basic-constraints').map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(find(r.checks, 'pki.cert.basic-constraints')[1]!.message.en).toContain('X.509 v1 trust anchor');
  });

  it('a v1 certificate in the middle is not a CA: FAILED below a trusted anchor, and below an untrusted top too', () => {
    const v1Ca = asVersion1(ca, rootKey);
    expect(v1Ca.version).toBe(1);
    const trusted = validateCertificatePath({ certificate: leaf, intermediates: [v1Ca], trust: new TrustStore().addAnchor(v1Root), time: T2030, usage: 'signature' });
    expect(trusted).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(find(trusted.checks, 'pki.cert.basic-constraints', 'failed').map((c) => c.details?.certificate)).toEqual([v1Ca.subject]);
    // Without any anchor the missing cA of the certificate in the middle is still a definite failure.
    const untrusted = validateCertificatePath({ certificate: leaf, intermediates: [v1Ca, v1Root], time: T2030, usage: 'signature' });
    expect(untrusted).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(find(untrusted.checks, 'pki.cert.basic-constraints', 'failed').map((c) => c.details?.certificate)).toEqual([v1Ca.subject]);
    expect(find(untrusted.checks, 'pki.cert.basic-constraints', 'indeterminate').map((c) => c.details?.certificate)).toEqual([v1Root.subject]);
  });

  it('the pathLen of an untrusted top is undecided; the same CA as anchor fails it', () => {
    // The fixture intermediate has pathLen 0: a sub-CA below it breaks that, whether or not the root is offered.
    const intermediate = cert('p256', 'intermediate');
    const subKey = generateKeyPair('p256');
    const sub = issueCertificate({ subject: { CN: 'sub-CA' }, publicKey: subKey.publicKey, issuer: intermediate, issuerKey: key('p256', 'intermediate'), ca: true, ...dates });
    const below = issueCertificate({ subject: { CN: 'below sub-CA' }, publicKey: generateKeyPair('p256').publicKey, issuer: sub, issuerKey: subKey, keyUsage: ['digitalSignature'], ...dates });
    const top = validateCertificatePath({ certificate: below, intermediates: [sub, intermediate], time: T2030 });
    expect(top).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(find(top.checks, 'pki.cert.path-length', 'indeterminate').map((c) => c.details?.certificate)).toEqual([intermediate.subject]);
    const anchored = validateCertificatePath({ certificate: below, intermediates: [sub], trust: new TrustStore().addAnchor(intermediate), time: T2030 });
    expect(anchored).toMatchObject({ indication: 'FAILED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(find(anchored.checks, 'pki.cert.path-length', 'failed').map((c) => c.details?.certificate)).toEqual([intermediate.subject]);
  });
});

describe('the DSS certified PDF (EC_MARKT_A under the v1 "GTE CyberTrust Global Root", corpus)', () => {
  // The CMS of dss_certified-no-change-permitted.pdf, cut out of /Contents as the ByteRange gap says.
  const pdf = readFileSync(join(corpus, 'pdf/dss_certified-no-change-permitted.pdf'));
  const [, b, c] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'))!.slice(1, 5).map(Number) as [number, number, number, number];
  const sd = parseSignedData(new Uint8Array(Buffer.from(pdf.subarray(b, c).toString('latin1').replace(/[<>\s]/g, ''), 'hex')));
  const signer = findSignerCertificate(sd.signers[0]!.sid, sd.certificates)!;
  const root = sd.certificates.find((x) => x.isSelfIssued)!;
  const at = new Date('2012-11-24T00:00:00Z');

  it('its root is an X.509 v1 certificate without basicConstraints', () => {
    expect(signer.subject).toContain('EC_MARKT_A');
    expect(root.subject).toContain('GTE CyberTrust Global Root');
    expect(root.version).toBe(1);
    expect(root.extensions.basicConstraints).toBeUndefined();
  });

  it('without an anchor: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND, not a constraint failure', () => {
    const r = validateCertificatePath({ certificate: signer, intermediates: sd.certificates, time: at, usage: 'signature' });
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(r.chain).toHaveLength(4);
    expect(r.checks.filter((x) => x.status === 'failed')).toEqual([]);
  });

  it('with the v1 root as anchor: PASSED at the signing time', () => {
    const r = validateCertificatePath({ certificate: signer, intermediates: sd.certificates, trust: new TrustStore().addAnchor(root), time: at, usage: 'signature' });
    expect(r.indication).toBe('PASSED');
    expect(r.chain.at(-1)!.fingerprintSha256).toBe(root.fingerprintSha256);
  });
});
