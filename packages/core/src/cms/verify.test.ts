import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { digest, generateKeyPair, type KeyAlgorithm, type PrivateKey } from '../crypto/index.js';
import { Certificate, TrustStore, issueCertificate, issueCrl } from '../pki/index.js';
import type { Check } from '../report/types.js';
import { Asn1Reader, children, encoding, implicit, oid, seq } from '../asn1/index.js';
import { addUnsignedAttribute } from './add-unsigned-attribute.js';
import { findSignerCertificate } from './find-signer.js';
import { OID_CMS_ALGORITHM_PROTECTION, OID_MESSAGE_DIGEST, OID_SIGNATURE_TIMESTAMP_TOKEN, OID_SIGNING_CERTIFICATE_V2 } from './oids.js';
import { parseSignedData } from './parse.js';
import { signDetached, signEncapsulated, signingCertificateV2Value } from './sign.js';
import { verifyCmsSignatureOnly, signerDigestName } from './verify-signer.js';
import { verifySignedData, type CmsVerifyResult } from './verify.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const ccbDir = join(corpus, 'ofd-ses/signatures/ccb-receipt-gbt35275-sign');
const ccb = new Uint8Array(readFileSync(join(ccbDir, 'SignedValue.dat')));
const ccbXml = new Uint8Array(readFileSync(join(ccbDir, 'Signature.xml')));
const AT_SIGNING = new Date('2026-05-14T00:00:00Z');

const status = (r: CmsVerifyResult, id: string, i = 0): Check['status'] | undefined =>
  r.signatures[i]?.checks.find((c) => c.id === id)?.status;
const failing = (r: CmsVerifyResult) => JSON.stringify(r.signatures.map((s) => s.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped')));

describe('GB/T 35275 SignedData from the corpus (CCB receipt)', () => {
  it('verifies against Signature.xml: messageDigest and SM2 with the default ID; chain INDETERMINATE without anchor', () => {
    const r = verifySignedData({ cms: ccb, content: ccbXml, time: AT_SIGNING });
    expect(r.flavour).toBe('gbt35275');
    expect(r.contentType).toBe('1.2.156.10197.6.1.4.2.1');
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0]!;
    expect(s.kind).toBe('cms');
    expect(status(r, 'cms.attribute.message-digest')).toBe('passed');
    expect(status(r, 'cms.attribute.content-type')).toBe('passed');
    expect(status(r, 'cms.signature.value')).toBe('passed');
    expect(s.algorithm).toBe('sm2-with-sm3');
    expect(s.signingTime).toBe('2026-05-13T15:25:43.000Z');
    expect(s.signer?.subject).toContain('The Certificate For CCB Bank Receipt');
    expect(s.indication).toBe('INDETERMINATE');
    expect(s.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    expect(r.indication).toBe('INDETERMINATE');
  });

  it('messageDigest equals openssl dgst -sm3 of Signature.xml', () => {
    const r = verifySignedData({ cms: ccb, content: ccbXml, time: AT_SIGNING });
    const md = r.signatures[0]!.checks.find((c) => c.id === 'cms.attribute.message-digest')!.details!;
    const sm3 = execFileSync('openssl', ['dgst', '-sm3', '-r', join(ccbDir, 'Signature.xml')], { encoding: 'utf8' }).split(' ')[0];
    expect(md.computed).toBe(sm3);
    expect(md.messageDigest).toBe(sm3);
  });

  it('fails with an empty SM2 ID', () => {
    const r = verifySignedData({ cms: ccb, content: ccbXml, time: AT_SIGNING, sm2Id: '' });
    expect(status(r, 'cms.signature.value')).toBe('failed');
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });

  it('reports HASH_FAILURE for a changed Signature.xml, SIGNED_DATA_NOT_FOUND without it', () => {
    const changed = Uint8Array.from(ccbXml);
    changed[100]! ^= 0x20;
    const r = verifySignedData({ cms: ccb, content: changed, time: AT_SIGNING });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('HASH_FAILURE');
    const none = verifySignedData({ cms: ccb, time: AT_SIGNING });
    expect(none.indication).toBe('INDETERMINATE');
    expect(none.subIndication).toBe('SIGNED_DATA_NOT_FOUND');
    // The signature over the signed attributes still verifies without the content.
    expect(status(none, 'cms.signature.value')).toBe('passed');
  });

  it('verifyCmsSignatureOnly accepts a digest computed elsewhere (streamed hashing)', () => {
    const sd = parseSignedData(ccb);
    const signer = sd.signers[0]!;
    expect(signerDigestName(signer)).toBe('sm3');
    const sm3 = execFileSync('openssl', ['dgst', '-sm3', '-binary', join(ccbDir, 'Signature.xml')]);
    const ok = verifyCmsSignatureOnly({ signedData: sd, signer, contentDigest: new Uint8Array(sm3) });
    expect(ok.intact && ok.valid).toBe(true);
    expect(ok.certificate?.subject).toContain('CCB');
    const bad = new Uint8Array(sm3);
    bad[0]! ^= 1;
    const ko = verifyCmsSignatureOnly({ signedData: sd, signer, contentDigest: bad });
    expect(ko.intact).toBe(false);
    expect(ko.verdict).toEqual({ indication: 'FAILED', subIndication: 'HASH_FAILURE' });
  });
});

// A small PKI per key algorithm, issued in-process by pki/issueCertificate.
interface Pki {
  rootKey: PrivateKey;
  root: Certificate;
  intKey: PrivateKey;
  intermediate: Certificate;
  key: PrivateKey;
  signer: Certificate;
  trust: TrustStore;
}
const NOT_BEFORE = new Date('2026-01-01T00:00:00Z');
const NOT_AFTER = new Date('2036-01-01T00:00:00Z');
const NOW = new Date('2027-06-01T00:00:00Z');

function makePki(alg: KeyAlgorithm): Pki {
  const rootKey = generateKeyPair(alg);
  const root = issueCertificate({
    subject: `CN=${alg} CMS test root`,
    publicKey: rootKey.publicKey,
    issuerKey: rootKey,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    ca: true,
  });
  const intKey = generateKeyPair(alg);
  const intermediate = issueCertificate({
    subject: `CN=${alg} CMS test intermediate`,
    publicKey: intKey.publicKey,
    issuer: root,
    issuerKey: rootKey,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    ca: true,
    serialNumber: 0x1001n,
  });
  const key = generateKeyPair(alg);
  const signer = issueCertificate({
    subject: `CN=${alg} CMS signer,O=核验`,
    publicKey: key.publicKey,
    issuer: intermediate,
    issuerKey: intKey,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    // Same serial as the intermediate: the signer must be matched on issuer AND serial.
    serialNumber: 0x1001n,
  });
  return { rootKey, root, intKey, intermediate, key, signer, trust: new TrustStore().addAnchor(root) };
}

const pkis = new Map<KeyAlgorithm, Pki>();
const content = new TextEncoder().encode('营业执照 electronic licence payload');

beforeAll(() => {
  for (const alg of ['sm2', 'p256', 'p384', 'rsa2048', 'ed25519'] as const) pkis.set(alg, makePki(alg));
});

function sign(alg: KeyAlgorithm, extra: Partial<Parameters<typeof signDetached>[0]> = {}): Uint8Array {
  const p = pkis.get(alg)!;
  return signDetached({ content, key: p.key, certificate: p.signer, chain: [p.intermediate], signingTime: NOW, ...extra });
}

function verify(alg: KeyAlgorithm, cms: Uint8Array, extra: Partial<Parameters<typeof verifySignedData>[0]> = {}): CmsVerifyResult {
  return verifySignedData({ cms, content, trust: pkis.get(alg)!.trust, time: NOW, ...extra });
}

describe('round trips: heyan signs, heyan verifies', () => {
  const cases = [
    ['sm2', 'gbt35275', 'sm2-with-sm3'],
    ['sm2', 'pkcs7', 'sm2-with-sm3'],
    ['p256', 'pkcs7', 'ecdsa-with-sha256'],
    ['p384', 'pkcs7', 'ecdsa-with-sha384'],
    ['rsa2048', 'pkcs7', 'sha256-with-rsa'],
    ['ed25519', 'pkcs7', 'ed25519'],
  ] as const;
  for (const [alg, flavour, name] of cases) {
    it(`${alg} ${flavour}`, () => {
      for (const cmsAlgorithmProtection of [false, true]) {
        const cms = sign(alg, { flavour, cmsAlgorithmProtection });
        const r = verify(alg, cms);
        expect(r.indication, failing(r)).toBe('PASSED');
        expect(r.flavour).toBe(flavour);
        const s = r.signatures[0]!;
        expect(s.algorithm).toBe(name);
        expect(s.signingTime).toBe(NOW.toISOString());
        expect(s.chain).toHaveLength(3);
        expect(status(r, 'cms.attribute.signing-certificate')).toBe('passed');
        expect(status(r, 'cms.attribute.algorithm-protection')).toBe(cmsAlgorithmProtection ? 'passed' : 'skipped');
        expect(r.signers[0]!.certificate?.der).toEqual(pkis.get(alg)!.signer.der);
      }
    });
  }

  it('signs a digest computed by the caller', () => {
    const cms = sign('p256', { content: { digest: digest('sha256', content), digestName: 'sha256' } });
    expect(verify('p256', cms).indication).toBe('PASSED');
    const sm2 = sign('sm2', { content: { digest: digest('sm3', content), digestName: 'sm3' }, flavour: 'gbt35275' });
    expect(verify('sm2', sm2).indication).toBe('PASSED');
  });

  it('encapsulated content verifies without external content; detached expected makes it FORMAT_FAILURE', () => {
    const p = pkis.get('p256')!;
    const cms = signEncapsulated({ content, key: p.key, certificate: p.signer, chain: [p.intermediate], signingTime: NOW });
    expect(parseSignedData(cms).eContent).toEqual(content);
    const r = verifySignedData({ cms, trust: p.trust, time: NOW });
    expect(r.indication, failing(r)).toBe('PASSED');
    const d = verifySignedData({ cms, content, detached: true, trust: p.trust, time: NOW });
    expect(d.indication).toBe('FAILED');
    expect(d.subIndication).toBe('FORMAT_FAILURE');
    expect(status(d, 'cms.content.detached')).toBe('failed');
  });

  it('without signed attributes: the signature covers the content; a policy may require attributes', () => {
    for (const alg of ['p256', 'rsa2048', 'sm2'] as const) {
      const cms = sign(alg, { signedAttributes: false });
      expect(parseSignedData(cms).signers[0]!.signedAttributes).toBeUndefined();
      const r = verify(alg, cms);
      expect(r.indication, failing(r)).toBe('PASSED');
      expect(status(r, 'cms.signed-attributes.present')).toBe('warning');
      const strict = verify(alg, cms, { policy: { requireSignedAttributes: true } });
      expect(strict.indication).toBe('FAILED');
      expect(strict.subIndication).toBe('FORMAT_FAILURE');
      const changed = Uint8Array.from(content);
      changed[0]! ^= 1;
      expect(verify(alg, cms, { content: changed }).subIndication).toBe('SIG_CRYPTO_FAILURE');
    }
  });

  it('signed attributes are a DER SET OF, sorted', () => {
    const sa = parseSignedData(sign('p256', { cmsAlgorithmProtection: true })).signers[0]!.signedAttributesDer!;
    const top = new Asn1Reader(sa, { mode: 'ber', maxDepth: 10, maxElements: 1000 }).read(0, sa.length, 0);
    expect(top.next).toBe(sa.length);
    const items = children(top).map((t) => Buffer.from(encoding(t)));
    expect(items).toHaveLength(5);
    for (let i = 1; i < items.length; i++) expect(Buffer.compare(items[i - 1]!, items[i]!)).toBeLessThan(0);
  });
});

/** Replace the first occurrence of `from` by `to` (same length). */
function patch(bytes: Uint8Array, from: Uint8Array, to: Uint8Array, occurrence: 'first' | 'last' = 'first'): Uint8Array {
  const b = Buffer.from(bytes);
  const at = occurrence === 'first' ? b.indexOf(Buffer.from(from)) : b.lastIndexOf(Buffer.from(from));
  expect(at).toBeGreaterThanOrEqual(0);
  const out = Uint8Array.from(bytes);
  out.set(to, at);
  return out;
}

describe('negative cases', () => {
  for (const alg of ['p256', 'sm2'] as const) {
    it(`${alg}: flipped content byte -> HASH_FAILURE`, () => {
      const changed = Uint8Array.from(content);
      changed[3]! ^= 0x01;
      const r = verify(alg, sign(alg), { content: changed });
      expect(r.indication).toBe('FAILED');
      expect(r.subIndication).toBe('HASH_FAILURE');
      expect(status(r, 'cms.signature.value')).toBe('passed');
    });

    it(`${alg}: flipped signature byte -> SIG_CRYPTO_FAILURE`, () => {
      const cms = sign(alg);
      const sig = parseSignedData(cms).signers[0]!.signature;
      const bad = Uint8Array.from(sig);
      bad[bad.length - 1]! ^= 0x01;
      const r = verify(alg, patch(cms, sig, bad, 'last'));
      expect(status(r, 'cms.attribute.message-digest')).toBe('passed');
      expect(status(r, 'cms.signature.value')).toBe('failed');
      expect(r.indication).toBe('FAILED');
      expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
    });
  }

  it('signingCertificateV2 naming another certificate -> INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND', () => {
    const p = pkis.get('p256')!;
    const cms = sign('p256', {
      signingCertificateV2: false,
      extraSignedAttributes: [{ oid: OID_SIGNING_CERTIFICATE_V2, values: [signingCertificateV2Value(p.intermediate)] }],
    });
    const r = verify('p256', cms);
    expect(status(r, 'cms.signature.value')).toBe('passed');
    expect(status(r, 'cms.attribute.signing-certificate')).toBe('indeterminate');
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
  });

  it('contentType attribute different from eContentType -> FAILED / FORMAT_FAILURE', () => {
    // eContentType sits outside the signature: swap id-data (…7.1) for …7.5 in EncapsulatedContentInfo only.
    const data = Uint8Array.from(Buffer.from('06092a864886f70d010701', 'hex'));
    const other = Uint8Array.from(Buffer.from('06092a864886f70d010705', 'hex'));
    const cms = patch(sign('p256'), data, other, 'first');
    expect(parseSignedData(cms).eContentType).toBe('1.2.840.113549.1.7.5');
    const r = verify('p256', cms);
    expect(status(r, 'cms.signature.value')).toBe('passed');
    expect(status(r, 'cms.attribute.content-type')).toBe('failed');
    expect(r.subIndication).toBe('FORMAT_FAILURE');
  });

  it('two messageDigest attributes -> FAILED', () => {
    const cms = sign('p256', {
      extraSignedAttributes: [{ oid: OID_MESSAGE_DIGEST, values: [Uint8Array.from([0x04, 0x20, ...digest('sha256', content)])] }],
    });
    const r = verify('p256', cms);
    expect(status(r, 'cms.signature.value')).toBe('passed');
    expect(status(r, 'cms.attribute.message-digest')).toBe('failed');
    expect(r.indication).toBe('FAILED');
  });

  it('CMSAlgorithmProtection that disagrees with the SignerInfo -> FAILED', () => {
    const sha512 = seq(oid('2.16.840.1.101.3.4.2.3'));
    const ecdsa256 = implicit(1, seq(oid('1.2.840.10045.4.3.2')));
    const cms = sign('p256', { extraSignedAttributes: [{ oid: OID_CMS_ALGORITHM_PROTECTION, values: [seq(sha512, ecdsa256)] }] });
    const r = verify('p256', cms);
    expect(status(r, 'cms.signature.value')).toBe('passed');
    expect(status(r, 'cms.attribute.algorithm-protection')).toBe('failed');
    expect(r.indication).toBe('FAILED');
  });

  it('sid that names no certificate -> INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND', () => {
    const p = pkis.get('p256')!;
    const cms = sign('p256');
    const sid = parseSignedData(cms).signers[0]!.sid;
    expect(sid.type).toBe('issuerAndSerialNumber');
    // SignerInfo.sid serial 0x1001 -> 0x1002: the first INTEGER 02 02 10 01 inside the SignerInfo (the ESS
    // attribute further on repeats the serial, and is signed).
    const si = Buffer.from(parseSignedData(cms).signers[0]!.raw);
    const at = Buffer.from(cms).indexOf(si) + si.indexOf(Buffer.from([2, 2, 0x10, 0x01]));
    const moved = Uint8Array.from(cms);
    moved[at + 3] = 0x02;
    expect(parseSignedData(moved).signers[0]!.sid).toMatchObject({ serialNumber: Uint8Array.from([0x10, 0x02]) });
    const r = verify('p256', moved);
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
    expect(status(r, 'cms.signer.certificate')).toBe('indeterminate');
    // Without embedded certificates the signer is found among extraCertificates.
    const bare = sign('p256', { includeCertificates: false });
    expect(parseSignedData(bare).certificates).toHaveLength(0);
    expect(verify('p256', bare).subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
    const r2 = verify('p256', bare, { extraCertificates: [p.intermediate, p.signer] });
    expect(r2.indication, failing(r2)).toBe('PASSED');
    void p;
  });

  it('two certificates with the same serial: the signer is matched on issuer and serial', () => {
    const p = pkis.get('p256')!;
    expect(p.intermediate.serialNumber).toBe(p.signer.serialNumber);
    const sid = parseSignedData(sign('p256')).signers[0]!.sid;
    expect(findSignerCertificate(sid, [p.intermediate, p.signer])).toBe(p.signer);
    expect(findSignerCertificate(sid, [p.intermediate])).toBeUndefined();
  });

  it('weak digests: warning by default, FAILED when the policy says so', () => {
    const cms = sign('rsa2048', { digest: 'sha1' });
    const r = verify('rsa2048', cms);
    expect(status(r, 'cms.digest.algorithm')).toBe('warning');
    expect(r.indication, failing(r)).toBe('PASSED');
    const strict = verify('rsa2048', cms, { policy: { weak: 'fail' } });
    expect(strict.indication).toBe('FAILED');
  });
});

describe('embedded CRLs', () => {
  it('a CRL carried in SignedData.crls revokes the signer; one that does not list it keeps the path good', () => {
    const p = pkis.get('sm2')!;
    const crl = (revoked: boolean) =>
      issueCrl({
        issuer: p.intermediate,
        issuerKey: p.intKey,
        thisUpdate: new Date(NOW.getTime() - 86_400_000),
        nextUpdate: new Date(NOW.getTime() + 86_400_000),
        revoked: revoked ? [{ serialNumber: p.signer.serialNumber, revocationDate: new Date(NOW.getTime() - 3_600_000), reason: 'keyCompromise' }] : [],
      });
    const rootCrl = issueCrl({ issuer: p.root, issuerKey: p.rootKey, thisUpdate: new Date(NOW.getTime() - 86_400_000), nextUpdate: new Date(NOW.getTime() + 86_400_000), revoked: [] });
    const good = sign('sm2', { crls: [crl(false), rootCrl] });
    expect(parseSignedData(good).crls).toHaveLength(2);
    const g = verify('sm2', good, { revocation: 'require' });
    expect(g.indication, failing(g)).toBe('PASSED');
    const bad = verify('sm2', sign('sm2', { crls: [crl(true), rootCrl] }), { revocation: 'require' });
    expect(bad.indication).toBe('FAILED');
    expect(bad.subIndication).toBe('REVOKED');
    // The same revoked CRL given by the caller instead of embedded.
    const given = verify('sm2', sign('sm2'), { crls: [crl(true), rootCrl], revocation: 'require' });
    expect(given.subIndication).toBe('REVOKED');
  });
});

describe('addUnsignedAttribute', () => {
  it('adds an attribute without touching what is signed', () => {
    const cms = sign('sm2', { flavour: 'gbt35275' });
    const token = seq(oid('1.2.840.113549.1.7.2'));
    const out = addUnsignedAttribute(cms, OID_SIGNATURE_TIMESTAMP_TOKEN, token);
    const before = parseSignedData(cms).signers[0]!;
    const after = parseSignedData(out).signers[0]!;
    expect(after.unsignedAttributes).toEqual([{ oid: OID_SIGNATURE_TIMESTAMP_TOKEN, values: [token] }]);
    expect(after.signedAttributesDer).toEqual(before.signedAttributesDer);
    expect(after.signature).toEqual(before.signature);
    expect(verify('sm2', out).indication).toBe('PASSED');
    const twice = parseSignedData(addUnsignedAttribute(out, '1.2.3.4', seq())).signers[0]!;
    expect(twice.unsignedAttributes?.map((a) => a.oid).sort()).toEqual(['1.2.3.4', OID_SIGNATURE_TIMESTAMP_TOKEN].sort());
    expect(() => addUnsignedAttribute(cms, '1.2.3', token, 1)).toThrow(/SignerInfo/);
  });
});
