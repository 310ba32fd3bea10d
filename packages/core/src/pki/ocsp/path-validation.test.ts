// OCSP responses as revocation evidence in validateCertificatePath: a verified, matching, current "good" satisfies the
// revocation check (source 'ocsp'), "revoked" acts like a CRL entry, "unknown" is INDETERMINATE, and responses that
// are stale, tampered or signed by an unauthorised certificate are not used.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, importPrivateKey } from '../../crypto/index.js';
import type { PrivateKey } from '../../crypto/types.js';
import type { Check } from '../../report/types.js';
import type { Certificate } from '../certificate.js';
import { loadCrls } from '../crl.js';
import { EKU_OCSP_SIGNING } from '../extensions.js';
import { issueCertificate } from '../issue-certificate.js';
import { issueCrl } from '../issue-crl.js';
import { loadCertificates } from '../load.js';
import { validateCertificatePath, type PathValidationOptions } from '../path-validation.js';
import { TrustStore } from '../trust-store.js';
import { issueOcspResponse, ocspErrorResponse, type OcspEntryInput } from './issue-ocsp.js';
import { OID_OCSP_NOCHECK } from './oids.js';

const fixtures = fileURLToPath(new URL('../../../../../fixtures/pki/', import.meta.url));
const ALGS = ['sm2', 'p256', 'rsa'] as const;
type Alg = (typeof ALGS)[number];
const cert = (alg: Alg, name: string): Certificate => loadCertificates(readFileSync(join(fixtures, alg, `${name}.pem`)))[0]!;
const key = (alg: Alg, name: string): PrivateKey => importPrivateKey(readFileSync(join(fixtures, alg, `${name}.key.pem`)));
const T2030 = new Date('2030-01-01T00:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const leafRevocation = (checks: Check[]) => checks.filter((c) => c.id === 'pki.revocation.status' && c.details?.position === 0);

describe.each(ALGS)('OCSP in path validation, %s', (alg) => {
  const root = cert(alg, 'root');
  const intermediate = cert(alg, 'intermediate');
  const intKey = key(alg, 'intermediate');
  // The intermediate's status comes from the root CRL; the leaf's only from OCSP (no intermediate CRL here).
  const trust = () => new TrustStore().addAnchor(root).addCrl(loadCrls(readFileSync(join(fixtures, alg, 'root.crl.pem')))[0]!);
  const rk = generateKeyPair(alg === 'sm2' ? 'sm2' : alg === 'p256' ? 'p256' : 'rsa2048');
  const responderOpts = (over: Partial<Parameters<typeof issueCertificate>[0]> = {}) =>
    issueCertificate({
      subject: { C: 'CN', O: '核验测试', CN: `OCSP 响应者（${alg}）` },
      publicKey: rk.publicKey,
      issuer: intermediate,
      issuerKey: intKey,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2046-12-31T23:59:59Z'),
      keyUsage: ['digitalSignature'],
      extKeyUsage: [EKU_OCSP_SIGNING],
      ...over,
    });
  const responder = responderOpts();

  function ocsp(entries: OcspEntryInput[], o: { at?: Date; signer?: { cert: Certificate; key: PrivateKey }; nextUpdate?: Date | null } = {}) {
    const at = o.at ?? T2030;
    const signer = o.signer ?? { cert: responder, key: rk };
    return issueOcspResponse({
      responderKey: signer.key,
      responderCert: signer.cert,
      issuer: intermediate,
      entries,
      producedAt: at,
      thisUpdate: at,
      ...(o.nextUpdate === null ? {} : { nextUpdate: o.nextUpdate ?? new Date(at.getTime() + DAY) }),
    });
  }

  function validate(name: string, ocsps: PathValidationOptions['ocsps'], extra: Partial<PathValidationOptions> = {}) {
    return validateCertificatePath({
      certificate: cert(alg, name),
      intermediates: [intermediate],
      trust: trust(),
      time: T2030,
      usage: 'signature',
      revocation: 'require',
      ...(ocsps ? { ocsps } : {}),
      ...extra,
    });
  }

  it('without revocation data the leaf is INDETERMINATE; a delegated "good" makes the path PASSED with source ocsp', () => {
    expect(validate('signer', undefined)).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    const r = validate('signer', [ocsp([{ cert: cert(alg, 'signer'), status: 'good' }])]);
    expect(r.indication).toBe('PASSED');
    expect(r.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    const [c] = leafRevocation(r.checks);
    expect(c!.details).toMatchObject({ source: 'ocsp', basis: 'current', responder: responder.subject });
    expect(c!.message.en).toMatch(/OCSP response/);
    expect(r.revocation![0]).toMatchObject({ status: 'good', source: 'ocsp', ocsp: { basis: 'current' } });
    // DER bytes work as well as parsed responses.
    expect(validate('signer', [ocsp([{ cert: cert(alg, 'signer'), status: 'good' }]).der]).indication).toBe('PASSED');
  });

  it('signed by the CA itself (byKey) works too', () => {
    const r = issueOcspResponse({ responderKey: intKey, responderCert: intermediate, issuer: intermediate, entries: [{ cert: cert(alg, 'signer'), status: 'good' }], producedAt: T2030, thisUpdate: T2030, nextUpdate: new Date(T2030.getTime() + DAY), byKey: true, certs: [] });
    expect(validate('signer', [r]).indication).toBe('PASSED');
  });

  it('revoked via OCSP before the signing time → FAILED/REVOKED; after a proven signing time → warning; without POE the validation time is the signing time', () => {
    const revoked = cert(alg, 'revoked');
    const resp = ocsp([{ cert: revoked, status: 'revoked', revocationTime: new Date('2025-06-01T00:00:00Z'), reason: 'keyCompromise' }]);
    const r = validate('revoked', [resp]);
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED' });
    expect(leafRevocation(r.checks)[0]).toMatchObject({ status: 'failed', details: { source: 'ocsp', reason: 'keyCompromise' } });
    expect(r.revocation![0]).toMatchObject({ status: 'revoked', source: 'ocsp', revocationDate: '2025-06-01T00:00:00.000Z', reason: 'keyCompromise' });

    const later = ocsp([{ cert: revoked, status: 'revoked', revocationTime: new Date('2029-06-01T00:00:00Z'), reason: 'superseded' }]);
    const poe = validate('revoked', [later], { poeTime: new Date('2028-01-01T00:00:00Z') });
    expect(leafRevocation(poe.checks)[0]!.status).toBe('warning');
    expect(poe.revocation![0]!.status).toBe('revoked-after-poe');
    // Revoked 2029 and validated at 2030 without POE: the signature may have been made after the revocation.
    const noPoe = validate('revoked', [later]);
    expect(noPoe).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED' });
    const hold = validate('revoked', [ocsp([{ cert: revoked, status: 'revoked', revocationTime: new Date('2029-12-01T00:00:00Z'), reason: 'certificateHold' }])]);
    expect(hold).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(hold.revocation![0]!.status).toBe('on-hold');
  });

  it('"unknown" → INDETERMINATE', () => {
    const r = validate('signer', [ocsp([{ cert: cert(alg, 'signer'), status: 'unknown' }])]);
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(leafRevocation(r.checks)[0]!.message.en).toMatch(/does not know/);
  });

  it('a stale response (nextUpdate before the validation time) is not used', () => {
    const stale = ocsp([{ cert: cert(alg, 'signer'), status: 'good' }], { at: new Date('2029-06-01T00:00:00Z') });
    const r = validate('signer', [stale]);
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(leafRevocation(r.checks)[0]!.details).toMatchObject({ ocspStale: 1 });
    // No nextUpdate: current for one day after thisUpdate only.
    const open = (at: Date) => validate('signer', [ocsp([{ cert: cert(alg, 'signer'), status: 'good' }], { at, nextUpdate: null })]).indication;
    expect(open(new Date(T2030.getTime() - 2 * HOUR))).toBe('PASSED');
    expect(open(new Date(T2030.getTime() - 2 * DAY))).toBe('INDETERMINATE');
  });

  it('a "good" produced after the validation time proves "not revoked then" (POE validation)', () => {
    const later = ocsp([{ cert: cert(alg, 'signer'), status: 'good' }], { at: new Date('2031-01-01T00:00:00Z') });
    const r = validate('signer', [later], { poeTime: T2030 });
    expect(r.indication).toBe('PASSED');
    expect(leafRevocation(r.checks)[0]!.details).toMatchObject({ source: 'ocsp', basis: 'later' });
  });

  it('responses signed by an unauthorised certificate, by another CA, tampered, or an error status are not used', () => {
    const signer = cert(alg, 'signer');
    const entry = [{ cert: signer, status: 'good' as const }];
    // seal-maker: issued by the same CA, but no id-kp-OCSPSigning.
    const noEku = ocsp(entry, { signer: { cert: cert(alg, 'seal-maker'), key: key(alg, 'seal-maker') } });
    // An OCSP-signing certificate issued by the root, not by the leaf's CA.
    const rootResponder = issueCertificate({ subject: { CN: 'root responder' }, publicKey: rk.publicKey, issuer: root, issuerKey: key(alg, 'root'), notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2046-12-31T23:59:59Z'), extKeyUsage: [EKU_OCSP_SIGNING] });
    const otherCa = ocsp(entry, { signer: { cert: rootResponder, key: rk } });
    // A responder whose certificate expired before producedAt.
    const expiredResponder = responderOpts({ notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2029-01-01T00:00:00Z') });
    const expired = ocsp(entry, { signer: { cert: expiredResponder, key: rk } });
    const good = ocsp(entry);
    const tampered = new Uint8Array(good.der);
    tampered[tampered.length - 10] = tampered[tampered.length - 10]! ^ 0x01; // inside the embedded responder certificate's signature or the response signature
    const tampered2 = new Uint8Array(good.der);
    const sigAt = Buffer.from(tampered2).indexOf(Buffer.from(good.basic!.signature));
    tampered2[sigAt + 8] = tampered2[sigAt + 8]! ^ 0x01;
    for (const [what, resp, why] of [
      ['no OCSPSigning', noEku, /lacks id-kp-OCSPSigning/],
      ['other CA', otherCa, /neither the CA/],
      ['expired responder', expired, /not valid at producedAt/],
      ['tampered signature', tampered2, /signature/],
    ] as const) {
      const r = validate('signer', [resp]);
      expect(r.indication, what).toBe('INDETERMINATE');
      const d = leafRevocation(r.checks)[0]!.details as { ocspIgnored: { reason: string }[] };
      expect(d.ocspIgnored.map((x) => x.reason).join('; '), what).toMatch(why);
    }
    expect(validate('signer', [tampered]).indication).not.toBe('PASSED');
    const err = validate('signer', [ocspErrorResponse('tryLater')]);
    expect(err.indication).toBe('INDETERMINATE');
    // Garbage bytes are reported, never thrown.
    const junk = validate('signer', [Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x09)]);
    expect(junk.indication).toBe('INDETERMINATE');
    expect(JSON.stringify(leafRevocation(junk.checks)[0]!.details)).toMatch(/unparseable/);
  });

  it('a delegated responder revoked by the CA before producedAt is not trusted unless it carries id-pkix-ocsp-nocheck', () => {
    const signer = cert(alg, 'signer');
    const entry = [{ cert: signer, status: 'good' as const }];
    const crlFor = (serial: string) => issueCrl({ issuer: intermediate, issuerKey: intKey, thisUpdate: new Date('2029-12-01T00:00:00Z'), nextUpdate: new Date('2030-06-01T00:00:00Z'), revoked: [{ serialNumber: serial, revocationDate: new Date('2029-01-01T00:00:00Z'), reason: 'keyCompromise' }] });
    const r = validate('signer', [ocsp(entry)], { crls: [crlFor(responder.serialNumber)] });
    // The CRL (fresh, leaf not listed) still decides "good"; the OCSP response is reported as ignored.
    expect(r.indication).toBe('PASSED');
    expect(leafRevocation(r.checks)[0]!.details).toMatchObject({ source: 'crl' });
    expect(JSON.stringify(leafRevocation(r.checks)[0]!.details)).toMatch(/revoked on 2029-01-01/);
    const noCheck = responderOpts({ extraExtensions: [{ oid: OID_OCSP_NOCHECK, critical: false, valueDer: Uint8Array.of(0x05, 0x00) }] });
    const r2 = validate('signer', [ocsp(entry, { signer: { cert: noCheck, key: rk } })], { crls: [crlFor(noCheck.serialNumber)] });
    expect(JSON.stringify(leafRevocation(r2.checks)[0]!.details)).not.toMatch(/revoked on/);
  });

  it('CRL and OCSP together: a CRL hold lifted by a later OCSP "good"; an OCSP revocation beats a CRL that does not list it', () => {
    const signer = cert(alg, 'signer');
    const holdCrl = issueCrl({ issuer: intermediate, issuerKey: intKey, thisUpdate: new Date('2029-12-01T00:00:00Z'), nextUpdate: new Date('2030-06-01T00:00:00Z'), revoked: [{ serialNumber: signer.serialNumber, revocationDate: new Date('2029-11-01T00:00:00Z'), reason: 'certificateHold' }] });
    expect(validate('signer', undefined, { crls: [holdCrl] }).revocation![0]!.status).toBe('on-hold');
    const lifted = validate('signer', [ocsp([{ cert: signer, status: 'good' }], { at: new Date('2029-12-31T00:00:00Z'), nextUpdate: new Date('2030-02-01T00:00:00Z') })], { crls: [holdCrl] });
    expect(lifted.indication).toBe('PASSED');
    expect(lifted.revocation![0]).toMatchObject({ status: 'good', source: 'ocsp' });

    const emptyCrl = issueCrl({ issuer: intermediate, issuerKey: intKey, thisUpdate: new Date('2029-12-01T00:00:00Z'), nextUpdate: new Date('2030-06-01T00:00:00Z'), revoked: [] });
    const rev = validate('signer', [ocsp([{ cert: signer, status: 'revoked', revocationTime: new Date('2029-12-15T00:00:00Z'), reason: 'keyCompromise' }])], { crls: [emptyCrl] });
    expect(rev).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED' });
  });

  it('with revocation "off" OCSP is not consulted; a response about another certificate is not used', () => {
    expect(leafRevocation(validate('signer', [ocsp([{ cert: cert(alg, 'revoked'), status: 'revoked', revocationTime: new Date('2025-06-01T00:00:00Z') }])], { revocation: 'off' }).checks)[0]!.status).toBe('skipped');
    const r = validate('signer', [ocsp([{ cert: cert(alg, 'seal-maker'), status: 'good' }])]);
    expect(r.indication).toBe('INDETERMINATE');
  });
});
