// OpenSSL 3 as the oracle both ways: responses `openssl ocsp` writes (delegated responder or CA, byName or byKey,
// with or without certs, good/revoked/unknown) parse and verify here with the same statuses; responses heyan issues
// are accepted by `openssl ocsp -respin … -VAfile` (ECDSA, RSA, SM2) and their SM2 signature verifies with
// `openssl pkeyutl` (distid 1234567812345678) and sm-crypto.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { exportPrivateKey, exportPublicKey, importPrivateKey, generateKeyPair } from '../../crypto/index.js';
import type { PrivateKey } from '../../crypto/types.js';
import { toHex } from '../../asn1/index.js';
import type { Certificate } from '../certificate.js';
import { EKU_OCSP_SIGNING } from '../extensions.js';
import { issueCertificate } from '../issue-certificate.js';
import { loadCertificates } from '../load.js';
import { issueOcspResponse } from './issue-ocsp.js';
import { parseOcspResponse } from './parse.js';
import { ocspStatusFor } from './status.js';
import { verifyOcspResponse } from './verify.js';

const fixtures = fileURLToPath(new URL('../../../../../fixtures/pki/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-ocsp-openssl-'));
const ALGS = ['p256', 'rsa', 'sm2'] as const;
type Alg = (typeof ALGS)[number];
const fx = (alg: Alg, name: string) => join(fixtures, alg, name);
const cert = (alg: Alg, name: string): Certificate => loadCertificates(readFileSync(fx(alg, `${name}.pem`)))[0]!;
const key = (alg: Alg, name: string): PrivateKey => importPrivateKey(readFileSync(fx(alg, `${name}.key.pem`)));

function ossl(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8', cwd: tmp });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

function file(name: string, data: Uint8Array | string): string {
  const p = join(tmp, name);
  writeFileSync(p, data);
  return p;
}

/** A delegated responder issued by the fixture intermediate: id-kp-OCSPSigning, valid 2025..2046. */
function responder(alg: Alg, opts: { eku?: string[] } = {}) {
  const k = generateKeyPair(alg === 'sm2' ? 'sm2' : alg === 'p256' ? 'p256' : 'rsa2048');
  const c = issueCertificate({
    subject: { C: 'CN', O: '核验测试', CN: `OCSP 响应者（${alg}）` },
    publicKey: k.publicKey,
    issuer: cert(alg, 'intermediate'),
    issuerKey: key(alg, 'intermediate'),
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2046-12-31T23:59:59Z'),
    keyUsage: ['digitalSignature'],
    extKeyUsage: opts.eku ?? [EKU_OCSP_SIGNING],
  });
  return { cert: c, key: k, certFile: file(`resp-${alg}.pem`, c.toPem()), keyFile: file(`resp-${alg}.key.pem`, exportPrivateKey(k, { format: 'pem' })) };
}

// index.txt: signer (2001) valid, revoked (2006) revoked 2025-06-01 keyCompromise; 7777 is not listed → unknown.
const INDEX = file('index.txt', 'V\t461231235959Z\t\t2001\tunknown\t/CN=signer\nR\t461231235959Z\t250601000000Z,keyCompromise\t2006\tunknown\t/CN=revoked\n');

/** Parse `openssl ocsp -resp_text` into serial → status line, the oracle's own reading. */
function opensslStatuses(der: string): Map<string, string> {
  const r = ossl(['ocsp', '-respin', der, '-resp_text', '-noverify']);
  expect(r.ok, r.out).toBe(true);
  const m = new Map<string, string>();
  for (const b of r.out.split('Certificate ID:').slice(1)) {
    const serial = /Serial Number: ([0-9A-F]+)/.exec(b)![1]!.toLowerCase();
    m.set(serial, /Cert Status: (\w+)/.exec(b)![1]!);
  }
  return m;
}

// OpenSSL 3.0's `ocsp` signs and verifies SM2 with an empty user ID (no -vfyopt there), not GM/T 0009's default.
const OPENSSL_SM2_ID = { sm2Id: '' };

describe.each(ALGS)('OpenSSL-issued OCSP responses, %s', (alg) => {
  const ca = cert(alg, 'intermediate');
  const id = alg === 'sm2' ? OPENSSL_SM2_ID : {};
  const caFile = fx(alg, 'intermediate.pem');
  const other = issueCertificate({
    subject: { CN: 'unknown to the responder' },
    publicKey: generateKeyPair('p256').publicKey,
    issuer: ca,
    issuerKey: key(alg, 'intermediate'),
    serialNumber: 0x7777n,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2046-12-31T23:59:59Z'),
  });

  function openssl(name: string, signer: { certFile: string; keyFile: string }, extra: string[] = []) {
    const out = join(tmp, `${alg}-${name}.der`);
    const r = ossl(['ocsp', '-index', INDEX, '-CA', caFile, '-rsigner', signer.certFile, '-rkey', signer.keyFile, '-issuer', caFile,
      '-serial', '0x2001', '-serial', '0x2006', '-serial', '0x7777', '-respout', out, '-ndays', '1', ...extra]);
    expect(r.ok, r.out).toBe(true);
    return out;
  }

  it('delegated responder (byName, certs included): same statuses as OpenSSL reads, signature and authority verify', () => {
    const resp = responder(alg);
    const der = openssl('delegated', resp);
    const oracle = opensslStatuses(der);
    const r = parseOcspResponse(readFileSync(der));
    expect(r.responseStatus).toBe('successful');
    expect(r.basic!.responderId.type).toBe('byName');
    expect(new Map(r.basic!.responses.map((s) => [s.certId.serialNumber, s.status]))).toEqual(oracle);
    expect(oracle.get('2006')).toBe('revoked');
    const rev = r.basic!.responses.find((s) => s.certId.serialNumber === '2006')!;
    expect(rev.revocationTime!.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(rev.reason).toBe('keyCompromise');
    expect(r.basic!.certs.map((c) => c.fingerprintSha256)).toEqual([resp.cert.fingerprintSha256]);
    expect(r.basic!.nonce).toBeDefined(); // OpenSSL adds a nonce to the request it answers

    const v = verifyOcspResponse(r, { issuer: ca, ...id });
    expect(v).toMatchObject({ ok: true, authority: 'delegated', noCheck: false });
    if (alg === 'sm2') expect(verifyOcspResponse(r, { issuer: ca }).ok).toBe(false); // the default ID is not OpenSSL's
    expect(v.responder!.fingerprintSha256).toBe(resp.cert.fingerprintSha256);

    const now = new Date();
    expect(ocspStatusFor(cert(alg, 'signer'), ca, [r], now)).toMatchObject({ status: 'good', basis: 'current' });
    expect(ocspStatusFor(cert(alg, 'revoked'), ca, [r], now)).toMatchObject({ status: 'revoked', reason: 'keyCompromise', basis: 'revoked' });
    expect(ocspStatusFor(other, ca, [r], now)).toMatchObject({ status: 'unknown', basis: 'current' });
    // Not about the root's certificates: CertID names another issuer.
    expect(ocspStatusFor(ca, cert(alg, 'root'), [r], now)).toBeUndefined();
  });

  it('CA-signed, byKey, no certs: verifies with the issuer alone; a delegated response without certs needs candidates', () => {
    const r = parseOcspResponse(readFileSync(openssl('ca-bykey', { certFile: caFile, keyFile: fx(alg, 'intermediate.key.pem') }, ['-resp_key_id', '-resp_no_certs'])));
    expect(r.basic!.responderId.type).toBe('byKey');
    expect(r.basic!.certs).toEqual([]);
    expect(verifyOcspResponse(r, { issuer: ca, ...id })).toMatchObject({ ok: true, authority: 'issuer' });

    const resp = responder(alg);
    const d = parseOcspResponse(readFileSync(openssl('delegated-nocerts', resp, ['-resp_no_certs'])));
    expect(verifyOcspResponse(d, { issuer: ca, ...id })).toMatchObject({ ok: false, reason: 'responder certificate not found' });
    expect(verifyOcspResponse(d, { issuer: ca, candidates: [resp.cert], ...id })).toMatchObject({ ok: true, authority: 'delegated' });
  });

  it('a responder without id-kp-OCSPSigning, or issued by another CA, is not authorised', () => {
    const noEku = responder(alg, { eku: [] });
    const r = parseOcspResponse(readFileSync(openssl('no-eku', noEku)));
    const v = verifyOcspResponse(r, { issuer: ca, ...id });
    expect(v.ok).toBe(false);
    expect(v.responder?.fingerprintSha256).toBe(noEku.cert.fingerprintSha256); // the signature itself verified
    expect(v.reason).toMatch(/lacks id-kp-OCSPSigning/);
    // The root signs about the intermediate's certificates: neither the CA nor issued by it.
    const byRoot = parseOcspResponse(readFileSync(openssl('by-root', { certFile: fx(alg, 'root.pem'), keyFile: fx(alg, 'root.key.pem') })));
    expect(verifyOcspResponse(byRoot, { issuer: ca, ...id })).toMatchObject({ ok: false, reason: expect.stringMatching(/neither the CA/) });
  });
});

describe.each(ALGS)('heyan-issued OCSP responses accepted by OpenSSL, %s', (alg) => {
  const ca = cert(alg, 'intermediate');
  const id = alg === 'sm2' ? OPENSSL_SM2_ID : {};
  const caFile = fx(alg, 'intermediate.pem');
  const now = new Date();
  const day = 24 * 3600 * 1000;

  function check(name: string, leaf: 'signer' | 'revoked', signer: { cert: Certificate; key: PrivateKey }, vaFile: string, byKey: boolean) {
    const r = issueOcspResponse({
      responderKey: signer.key,
      responderCert: signer.cert,
      issuer: ca,
      entries: [{ cert: cert(alg, 'signer'), status: 'good' }, { cert: cert(alg, 'revoked'), status: 'revoked', revocationTime: new Date('2025-06-01T00:00:00Z'), reason: 'keyCompromise' }],
      producedAt: now,
      thisUpdate: new Date(now.getTime() - 60_000),
      nextUpdate: new Date(now.getTime() + day),
      byKey,
      ...id,
    });
    const der = file(`${alg}-ours-${name}.der`, r.der);
    const v = ossl(['ocsp', '-respin', der, '-issuer', caFile, '-cert', fx(alg, `${leaf}.pem`), '-VAfile', vaFile, '-no_nonce']);
    return { r, out: v.out, ok: v.ok };
  }

  it('delegated responder, byName and byKey: Response verify OK, good and revoked (keyCompromise) as issued', () => {
    const resp = responder(alg);
    for (const byKey of [false, true]) {
      const good = check(`good-${byKey}`, 'signer', resp, resp.certFile, byKey);
      expect(good.ok, good.out).toBe(true);
      expect(good.out).toMatch(/Response verify OK/);
      expect(good.out).toMatch(/signer\.pem: good/);
      const rev = check(`rev-${byKey}`, 'revoked', resp, resp.certFile, byKey);
      expect(rev.out).toMatch(/Response verify OK/);
      expect(rev.out).toMatch(/revoked\.pem: revoked/);
      expect(rev.out).toMatch(/Reason: keyCompromise/);
      expect(rev.out).toMatch(/Revocation Time: Jun {2}1 00:00:00 2025 GMT/);
      expect(verifyOcspResponse(rev.r, { issuer: ca, ...id })).toMatchObject({ ok: true, authority: 'delegated' });
    }
  });

  it('signed by the CA itself: OpenSSL verifies with the CA as VAfile', () => {
    const r = check('ca', 'signer', { cert: ca, key: key(alg, 'intermediate') }, caFile, false);
    expect(r.out).toMatch(/Response verify OK/);
    expect(r.out).toMatch(/signer\.pem: good/);
  });

  it('a flipped byte in the ResponseData: OpenSSL and heyan both refuse it', () => {
    const resp = responder(alg);
    const { r } = check('tamper-src', 'signer', resp, resp.certFile, false);
    const bad = new Uint8Array(r.der);
    // The last byte of nextUpdate's "Z"-terminated time text: still parses, signature no longer matches.
    const at = Buffer.from(bad).indexOf(Buffer.from(r.basic!.tbsResponseData.subarray(-20))) + 5;
    bad[at] = bad[at]! ^ 0x01;
    const f = file(`${alg}-tampered.der`, bad);
    const o = ossl(['ocsp', '-respin', f, '-issuer', caFile, '-cert', fx(alg, 'signer.pem'), '-VAfile', resp.certFile, '-no_nonce']);
    expect(o.out).toMatch(/Response Verify Failure/i);
    let ours: ReturnType<typeof verifyOcspResponse> | undefined;
    try {
      ours = verifyOcspResponse(parseOcspResponse(bad), { issuer: ca, ...id });
      expect(verifyOcspResponse(r, { issuer: ca, ...id }).ok).toBe(true); // the untouched one verifies
    } catch {
      ours = { ok: false }; // a flip that breaks the structure is refused at parse time
    }
    expect(ours.ok).toBe(false);
  });
});

describe('SM2 signature of a heyan-issued response, checked independently', () => {
  it('openssl pkeyutl (distid 1234567812345678, SM3) and sm-crypto verify the signature over ResponseData', () => {
    const ca = cert('sm2', 'intermediate');
    const resp = responder('sm2');
    const now = new Date();
    const r = issueOcspResponse({ responderKey: resp.key, responderCert: resp.cert, issuer: ca, entries: [{ cert: cert('sm2', 'signer'), status: 'good' }], producedAt: now, thisUpdate: now });
    expect(r.basic!.signatureAlgorithm.oid).toBe('1.2.156.10197.1.501');
    // The ResponseData is found in the DER OpenSSL reads: `ocsp -text` parses the whole response.
    expect(ossl(['ocsp', '-respin', file('sm2-text.der', r.der), '-resp_text', '-noverify']).out).toMatch(/Signature Algorithm: SM2-with-SM3/);
    const tbs = file('sm2-tbs.der', r.basic!.tbsResponseData);
    const sig = file('sm2-sig.der', r.basic!.signature);
    const pub = file('sm2-pub.pem', exportPublicKey(resp.key, { format: 'pem' }));
    const v = ossl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', tbs, '-sigfile', sig, '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678']);
    expect(v.out).toMatch(/Signature Verified Successfully/);
    const point = toHex(resp.key.publicKey.point!);
    expect(smCrypto.sm2.doVerifySignature(Array.from(r.basic!.tbsResponseData), toHex(r.basic!.signature), point, { der: true, hash: true })).toBe(true);
    // The same check fails on other bytes (the oracle is not vacuous).
    const other = Uint8Array.from(r.basic!.tbsResponseData);
    other[other.length - 1] = other[other.length - 1]! ^ 1;
    expect(smCrypto.sm2.doVerifySignature(Array.from(other), toHex(r.basic!.signature), point, { der: true, hash: true })).toBe(false);
  });
});

describe('CertID hash algorithms other than SHA-1 (SHA-256, SM3), both ways', () => {
  const ca = cert('p256', 'intermediate');
  const caFile = fx('p256', 'intermediate.pem');
  const signerFile = fx('p256', 'signer.pem');
  for (const d of ['sha256', 'sm3'] as const) {
    it(`${d}: OpenSSL's CertID matches here, ours matches in OpenSSL`, () => {
      const out = join(tmp, `certid-${d}.der`);
      const o = ossl(['ocsp', '-index', INDEX, '-CA', caFile, '-rsigner', caFile, '-rkey', fx('p256', 'intermediate.key.pem'), '-issuer', caFile, `-${d}`, '-cert', signerFile, '-respout', out, '-ndays', '1']);
      expect(o.ok, o.out).toBe(true);
      const theirs = parseOcspResponse(readFileSync(out));
      expect(theirs.basic!.responses[0]!.certId.hashAlgorithm.oid).toBe(d === 'sm3' ? '1.2.156.10197.1.401' : '2.16.840.1.101.3.4.2.1');
      expect(ocspStatusFor(cert('p256', 'signer'), ca, [theirs], new Date())).toMatchObject({ status: 'good' });
      // A CertID for another serial under the same issuer does not match.
      expect(ocspStatusFor(cert('p256', 'seal-maker'), ca, [theirs], new Date())).toBeUndefined();

      const now = new Date();
      const ours = issueOcspResponse({ responderKey: key('p256', 'intermediate'), responderCert: ca, issuer: ca, entries: [{ cert: cert('p256', 'signer'), status: 'good' }], producedAt: now, thisUpdate: now, nextUpdate: new Date(now.getTime() + 3600_000), certIdDigest: d });
      const v = ossl(['ocsp', '-respin', file(`certid-ours-${d}.der`, ours.der), '-issuer', caFile, `-${d}`, '-cert', signerFile, '-VAfile', caFile, '-no_nonce']);
      expect(v.out).toMatch(/Response verify OK/);
      expect(v.out).toMatch(/signer\.pem: good/);
    });
  }
});
