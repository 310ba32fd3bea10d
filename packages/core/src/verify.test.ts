// The verify entry: format dispatch, raw signatures against independent vectors (OpenSSL-made SM2 signatures and the
// GB/T 32918 edge cases from the corpus), a real GB/T 35275 CMS from the corpus, limits and never-throw behaviour.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, signData, sm2PublicKeyFromPoint } from './crypto/index.js';
import type { PrivateKey } from './crypto/types.js';
import { Certificate, TrustStore, issueCertificate } from './pki/index.js';
import { signDetached } from './cms/index.js';
import { verify } from './verify.js';

const corpus = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../shared/corpus/${p}`, import.meta.url)));
const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const DAY = 86_400_000;

let caKey: PrivateKey;
let ca: Certificate;
let trust: TrustStore;
const certFor = (point: Uint8Array): Certificate =>
  issueCertificate({
    subject: { CN: 'vector key' },
    publicKey: sm2PublicKeyFromPoint(point),
    issuer: ca,
    issuerKey: caKey,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + DAY),
  });

beforeAll(() => {
  caKey = generateKeyPair('sm2');
  ca = issueCertificate({ subject: { CN: 'vector CA' }, publicKey: caKey.publicKey, issuerKey: caKey, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 10 * DAY), ca: true });
  trust = new TrustStore().addAnchor(ca);
});

describe('raw-signature mode against independent SM2 vectors', () => {
  const sigs = JSON.parse(Buffer.from(corpus('sm2/openssl_sigs.json')).toString('utf8')) as { pub: string; id: string; msg: string; sig: string }[];

  it('all 30 OpenSSL-made SM2 signatures PASS with their ID and FAIL with an empty ID', async () => {
    expect(sigs).toHaveLength(30);
    const certs = new Map<string, Certificate>();
    for (const v of sigs) {
      const cert = certs.get(v.pub) ?? certFor(hex(v.pub));
      certs.set(v.pub, cert);
      const base = { rawSignature: true, content: hex(v.msg), certificates: [cert], trust };
      const ok = await verify(hex(v.sig), { ...base, sm2Id: v.id });
      expect(ok.indication, `${v.id} ${v.msg.length / 2} bytes`).toBe('PASSED');
      expect(ok.format).toBe('raw-signature');
      expect(ok.signatures[0]!.algorithm).toBe('sm2-with-sm3');
      const bad = await verify(hex(v.sig), { ...base, sm2Id: '' });
      expect(bad.indication).toBe('FAILED');
      expect(bad.subIndication).toBe('SIG_CRYPTO_FAILURE');
    }
  });

  it('GB/T 32918 edge cases: only the DER signature passes; raw r‖s and malformed values fail without throwing', async () => {
    const e = JSON.parse(Buffer.from(corpus('sm2/edge-cases.json')).toString('utf8')) as {
      publicKeyHex: string;
      cases: { name: string; sigHex: string; id: string; msgAscii: string; expect: string }[];
    };
    const cert = certFor(hex(e.publicKeyHex));
    expect(e.cases.length).toBeGreaterThanOrEqual(10);
    for (const c of e.cases) {
      const r = await verify(hex(c.sigHex), { rawSignature: true, content: Buffer.from(c.msgAscii, 'latin1'), certificates: [cert], trust, sm2Id: c.id });
      // Raw-signature mode is a strict format: r‖s is not DER, so even the "valid after normalisation" case fails.
      expect(r.indication, c.name).toBe(c.expect === 'valid' ? 'PASSED' : 'FAILED');
    }
  });

  it('missing certificate or content is INDETERMINATE with the sub-indication that says which', async () => {
    const noCert = await verify(hex(sigs[0]!.sig), { rawSignature: true, content: hex(sigs[0]!.msg) });
    expect(noCert.indication).toBe('INDETERMINATE');
    expect(noCert.subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
    const noContent = await verify(hex(sigs[0]!.sig), { rawSignature: true, certificates: [certFor(hex(sigs[0]!.pub))] });
    expect(noContent.subIndication).toBe('SIGNED_DATA_NOT_FOUND');
  });

  it('a wrong signature is FAILED even when the certificate is untrusted (integrity before trust)', async () => {
    const v = sigs[3]!;
    const r = await verify(hex(v.sig), { rawSignature: true, content: Uint8Array.of(1, 2, 3), certificates: [certFor(hex(v.pub))], sm2Id: v.id });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });
});

describe('raw-signature mode: digest choice and weak-algorithm policy', () => {
  it('SHA-1 is a warning by default and FAILED / CRYPTO_CONSTRAINTS_FAILURE with policy fail', async () => {
    const key = generateKeyPair('p256');
    const cert = issueCertificate({ subject: { CN: 'sha1 signer' }, publicKey: key.publicKey, issuer: ca, issuerKey: caKey, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + DAY) });
    const data = Buffer.from('weak');
    const sig = signData({ key, data, digest: 'sha1' }).signature;
    const base = { rawSignature: true, content: data, certificates: [cert], trust, digest: 'sha1' as const };
    const warn = await verify(sig, base);
    expect(warn.indication).toBe('PASSED');
    expect(warn.signatures[0]!.checks.find((c) => c.id === 'verify.raw.algorithm')?.status).toBe('warning');
    const fail = await verify(sig, { ...base, policy: { weak: 'fail' } });
    expect(fail.indication).toBe('FAILED');
    expect(fail.subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE');
    // Without the digest option P-256 implies SHA-256, and the SHA-1 signature does not verify.
    const implied = await verify(sig, { ...base, digest: undefined });
    expect(implied.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });
  it('an impossible key/digest pair is FAILED with the reason', async () => {
    const key = generateKeyPair('sm2');
    const cert = issueCertificate({ subject: { CN: 'sm2' }, publicKey: key.publicKey, issuer: ca, issuerKey: caKey, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + DAY) });
    const r = await verify(new Uint8Array(70), { rawSignature: true, content: Uint8Array.of(1), certificates: [cert], trust, digest: 'sha256' });
    expect(r.indication).toBe('FAILED');
    expect(r.signatures[0]!.checks.find((c) => c.id === 'verify.raw.algorithm')?.message.en).toMatch(/SM2 signs with SM3/);
  });
});

describe('CMS from the corpus (GB/T 35275, China Construction Bank receipt)', () => {
  const dir = 'ofd-ses/signatures/ccb-receipt-gbt35275-sign/';
  // A fixed time the day after the signing time (260513152543Z), so the verdict cannot rot as the bank certificate ages.
  const at = new Date('2026-05-14T00:00:00Z');
  it('messageDigest and SM2 signature verify; chain INDETERMINATE without the bank CA', async () => {
    const r = await verify(corpus(`${dir}SignedValue.dat`), { content: corpus(`${dir}Signature.xml`), name: 'SignedValue.dat', at });
    expect(r.validationTime).toBe('2026-05-14T00:00:00.000Z');
    expect(r.format).toBe('cms');
    expect(r.input).toMatchObject({ name: 'SignedValue.dat', size: 921 });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    const s = r.signatures[0]!;
    expect(s.algorithm).toBe('sm2-with-sm3');
    expect(s.checks.find((c) => c.id === 'cms.signature.value')?.status).toBe('passed');
    expect(s.checks.find((c) => c.id === 'cms.attribute.message-digest')?.status).toBe('passed');
    expect(r.advice?.en).toMatch(/--trust/);
  });
  it('another content → FAILED / HASH_FAILURE', async () => {
    const r = await verify(corpus(`${dir}SignedValue.dat`), { content: corpus('ofd-ses/signatures/gomain-jiangsu-tax-v4/Signature.xml'), at });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('HASH_FAILURE');
    expect(r.advice?.en).toMatch(/reject/);
  });
});

describe('certificate inputs', () => {
  it('a PEM bundle validates its first certificate; other PEM objects are ignored with a warning', async () => {
    const leafKey = generateKeyPair('p256');
    const leaf = issueCertificate({ subject: { CN: 'leaf' }, publicKey: leafKey.publicKey, issuer: ca, issuerKey: caKey, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + DAY) });
    const r = await verify(Buffer.from(leaf.toPem() + ca.toPem()), { trust });
    expect(r.format).toBe('certificate');
    expect(r.indication).toBe('PASSED');
    expect(r.signatures[0]!.signer!.subject).toBe('CN=leaf');
    const { exportPrivateKey } = await import('./crypto/index.js');
    const mixed = await verify(Buffer.from(leaf.toPem() + exportPrivateKey(leafKey, { format: 'pem' })), { trust });
    expect(mixed.indication).toBe('PASSED');
    expect(mixed.checks[0]).toMatchObject({ id: 'verify.input.format', status: 'warning' });
    // DER works the same; an expired certificate at `at` after notAfter is EXPIRED.
    const der = await verify(leaf.der, { trust, at: new Date(Date.now() + 2 * DAY) });
    expect(der.subIndication).toBe('EXPIRED');
  });

  it('a detached CMS made by the library verifies; the same bytes as a PKCS#7 with signers is cms, not a bundle', async () => {
    const key = generateKeyPair('sm2');
    const cert = issueCertificate({ subject: { CN: 'cms signer' }, publicKey: key.publicKey, issuer: ca, issuerKey: caKey, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + DAY) });
    const content = Buffer.from('营业执照');
    const cms = signDetached({ content, key, certificate: cert });
    const r = await verify(cms, { content, trust });
    expect(r.format).toBe('cms');
    expect(r.indication).toBe('PASSED');
  });
});

describe('never throws, always a well-formed FAILED report', () => {
  it.each([
    ['empty input', new Uint8Array(0)],
    ['text', Buffer.from('hello, world')],
    ['a lone INTEGER', Uint8Array.of(0x02, 0x01, 0x01)],
  ])('%s → FAILED / FORMAT_FAILURE with a reason', async (_n, bytes) => {
    const r = await verify(bytes);
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('FORMAT_FAILURE');
    expect(r.checks[0]!.status).toBe('failed');
    expect(r.checks[0]!.details?.reason).toEqual(expect.any(String));
    expect(r.advice).toBeDefined();
  });

  it('size limit', async () => {
    const r = await verify(new Uint8Array(2048), { maxBytes: 1024 });
    expect(r.checks[0]).toMatchObject({ id: 'verify.input.size', status: 'failed' });
    expect(r.subIndication).toBe('FORMAT_FAILURE');
  });

  it('invalid validation time and non-byte input', async () => {
    const r = await verify(ca.der, { at: new Date('nope') });
    expect(r.indication).toBe('FAILED');
    expect(r.checks[0]!.id).toBe('verify.internal');
    const r2 = await verify('not bytes' as unknown as Uint8Array);
    expect(r2.indication).toBe('FAILED');
    expect(r2.input.size).toBe(0);
  });

  it('validationTime is --at when given, else now', async () => {
    const at = new Date('2030-01-02T03:04:05.000Z');
    expect((await verify(ca.der, { at })).validationTime).toBe(at.toISOString());
    const before = Date.now();
    const t = Date.parse((await verify(ca.der)).validationTime);
    expect(t).toBeGreaterThanOrEqual(before - 1000);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
