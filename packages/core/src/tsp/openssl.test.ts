// Interoperability with the OpenSSL 3 CLI, both ways: OpenSSL requests answered by our TSA verify with
// `openssl ts -verify`; tokens and rejections from `openssl ts -reply` are read and verified by heyan; SM2 tokens
// (which `openssl ts -verify` cannot check: no SM2 distinguishing ID there) are checked step by step with dgst/pkeyutl.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../asn1/index.js';
import { decodeMessageDigestValue } from '../cms/attributes.js';
import { OID_MESSAGE_DIGEST } from '../cms/oids.js';
import { parseSignedData } from '../cms/parse.js';
import { digest, importPrivateKey } from '../crypto/index.js';
import { Certificate, TrustStore, loadCertificates } from '../pki/index.js';
import { createTsa } from './create-tsa.js';
import { OID_HEYAN_TEST_TSA_POLICY } from './oids.js';
import { parseTimestampToken } from './parse-token.js';
import { createTimestampRequest, parseTimestampRequest, parseTimestampResponse } from './request.js';
import { verifyTimestampToken } from './verify-token.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const fx = (alg: string, name: string) => join(fixtures, alg, name);
const cert = (alg: string, name: string): Certificate => loadCertificates(readFileSync(fx(alg, `${name}.pem`)))[0]!;
const trust = (alg: string) => new TrustStore().addAnchor(cert(alg, 'root'));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-tsp-openssl-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ossl(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8', cwd: tmp });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}
function file(name: string, data: Uint8Array | string): string {
  const p = join(tmp, name);
  writeFileSync(p, data);
  return p;
}
const read = (name: string) => new Uint8Array(readFileSync(join(tmp, name)));
const DATA = new TextEncoder().encode('电子证照 licence bytes for the TSA\n');
const tsaFor = (alg: string) =>
  createTsa(importPrivateKey(readFileSync(fx(alg, 'tsa.key.pem'))), cert(alg, 'tsa'), { chain: [cert(alg, 'intermediate')], accuracy: { seconds: 1 } });

/** A minimal OpenSSL TSA configuration (the fixtures' TSA certificate and key are passed on the command line). */
function tsaConfig(name: string, o: { digests?: string; essAlg?: string } = {}): string {
  const serial = file(`${name}.serial`, '1000\n');
  return file(
    `${name}.cnf`,
    [
      '[ tsa ]',
      'default_tsa = tsa_config1',
      '[ tsa_config1 ]',
      `serial = ${serial}`,
      'crypto_device = builtin',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.32473.9.1',
      `digests = ${o.digests ?? 'sha256, sha384, sha512'}`,
      'accuracy = secs:1, millisecs:500, microsecs:100',
      'clock_precision_digits = 3',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      `ess_cert_id_alg = ${o.essAlg ?? 'sha256'}`,
      '',
    ].join('\n'),
  );
}

/** The `openssl ts -reply -text` line that starts with `label`. */
const line = (text: string, label: string) => text.split('\n').find((l) => l.startsWith(label))?.slice(label.length).trim();

describe.each(['p256', 'rsa'] as const)('%s: OpenSSL requests, our TSA, OpenSSL verifies', (alg) => {
  const tsa = tsaFor(alg);
  const data = file(`${alg}-data.bin`, DATA);
  const caArgs = ['-CAfile', fx(alg, 'root.pem'), '-untrusted', fx(alg, 'intermediate.pem')];

  it('openssl ts -query -data F -sha256 -cert → respond → openssl ts -verify (-queryfile and -data): OK', () => {
    expect(ossl(['ts', '-query', '-data', data, '-sha256', '-cert', '-out', `${alg}-req.tsq`]).ok).toBe(true);
    const req = read(`${alg}-req.tsq`);
    const resp = tsa.respond(req);
    file(`${alg}-resp.tsr`, resp);
    const byQuery = ossl(['ts', '-verify', '-in', `${alg}-resp.tsr`, '-queryfile', `${alg}-req.tsq`, ...caArgs]);
    expect(byQuery.out).toContain('Verification: OK');
    expect(byQuery.ok).toBe(true);
    const byData = ossl(['ts', '-verify', '-in', `${alg}-resp.tsr`, '-data', data, ...caArgs]);
    expect(byData.out).toContain('Verification: OK');
    // OpenSSL does look at the data: other bytes fail there too.
    const other = file(`${alg}-other.bin`, 'other bytes');
    expect(ossl(['ts', '-verify', '-in', `${alg}-resp.tsr`, '-data', other, ...caArgs]).ok).toBe(false);

    // Our reading of the same response agrees, nonce included.
    const parsed = parseTimestampResponse(resp);
    expect(parsed).toMatchObject({ status: 0, statusName: 'granted' });
    const token = parsed.token!;
    const q = parseTimestampRequest(req);
    expect(q.certReq).toBe(true);
    const r = verifyTimestampToken({ token, data: DATA, trust: trust(alg), nonce: q.nonce! });
    expect(r.indication).toBe('PASSED');
    expect(parseSignedData(token).certificates.map((c) => c.serialNumber).sort()).toEqual(['1001', '2003']); // DER SET OF order
    expect(parseSignedData(token).version).toBe(3); // RFC 5652 5.1: eContentType other than id-data
    const text = ossl(['ts', '-reply', '-in', `${alg}-resp.tsr`, '-text']).out;
    expect(line(text, 'Policy OID:')).toBe(OID_HEYAN_TEST_TSA_POLICY);
    expect(BigInt(line(text, 'Nonce:')!)).toBe(BigInt(`0x${q.nonce}`));
    expect(BigInt(line(text, 'Serial number:')!)).toBe(BigInt(`0x${r.tstInfo!.serialNumber}`));
    expect(line(text, 'Accuracy:')).toBe('0x01 seconds, unspecified millis, unspecified micros');
  });

  it('without -cert the token carries no certificates (RFC 3161 certReq) and still verifies', () => {
    expect(ossl(['ts', '-query', '-data', data, '-sha384', '-out', `${alg}-nocert.tsq`]).ok).toBe(true);
    const resp = tsa.respond(read(`${alg}-nocert.tsq`));
    file(`${alg}-nocert.tsr`, resp);
    const token = parseTimestampResponse(resp).token!;
    expect(parseSignedData(token).certificates).toHaveLength(0);
    const chain = file(`${alg}-tsa-chain.pem`, cert(alg, 'tsa').toPem() + cert(alg, 'intermediate').toPem());
    const v = ossl(['ts', '-verify', '-in', `${alg}-nocert.tsr`, '-queryfile', `${alg}-nocert.tsq`, '-CAfile', fx(alg, 'root.pem'), '-untrusted', chain]);
    expect(v.out).toContain('Verification: OK');
    const r = verifyTimestampToken({ token, data: DATA, trust: trust(alg), extraCertificates: [cert(alg, 'tsa'), cert(alg, 'intermediate')] });
    expect(r.indication).toBe('PASSED');
    expect(r.tstInfo?.messageImprint.hashAlgorithm).toBe('sha384');
  });

  it('a request made by createTimestampRequest is read by OpenSSL and answered by our TSA', () => {
    const req = createTimestampRequest({ digest: digest('sha512', DATA), digestName: 'sha512', nonce: 0x1234567890abcdefn, certReq: true, policy: OID_HEYAN_TEST_TSA_POLICY });
    file(`${alg}-ours.tsq`, req);
    const text = ossl(['ts', '-query', '-in', `${alg}-ours.tsq`, '-text']).out;
    expect(line(text, 'Hash Algorithm:')).toBe('sha512');
    expect(line(text, 'Policy OID:')).toBe(OID_HEYAN_TEST_TSA_POLICY);
    expect(line(text, 'Nonce:')).toBe('0x1234567890ABCDEF');
    expect(line(text, 'Certificate required:')).toBe('yes');
    file(`${alg}-ours.tsr`, tsa.respond(req));
    expect(ossl(['ts', '-verify', '-in', `${alg}-ours.tsr`, '-queryfile', `${alg}-ours.tsq`, ...caArgs]).out).toContain('Verification: OK');
  });

  it.each([
    ['ESS signingCertificateV2', 'sha256'],
    ['ESS signingCertificate (v1, SHA-1)', 'sha1'],
  ])('a token made by openssl ts -reply (%s) verifies with verifyTimestampToken, imprint checked against the data', (_, essAlg) => {
    const cnf = tsaConfig(`${alg}-${essAlg}`, { essAlg });
    expect(ossl(['ts', '-query', '-data', data, '-sha256', '-cert', '-out', `${alg}-o.tsq`]).ok).toBe(true);
    const made = ossl(['ts', '-reply', '-config', cnf, '-queryfile', `${alg}-o.tsq`, '-signer', fx(alg, 'tsa.pem'), '-inkey', fx(alg, 'tsa.key.pem'), '-chain', fx(alg, 'intermediate.pem'), '-out', `${alg}-o.tsr`]);
    expect(made.ok, made.out).toBe(true);
    const resp = parseTimestampResponse(read(`${alg}-o.tsr`));
    expect(resp.status).toBe(0);
    const token = resp.token!;
    expect(parseSignedData(token).version).toBe(3);
    const r = verifyTimestampToken({ token, data: DATA, trust: trust(alg), nonce: parseTimestampRequest(read(`${alg}-o.tsq`)).nonce! });
    expect(r.indication, JSON.stringify(r.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped'))).toBe('PASSED');
    expect(r.checks.find((c) => c.id === 'tsp.token.signing-certificate')?.details).toMatchObject({ versions: [essAlg === 'sha1' ? 1 : 2] });
    expect(r.checks.find((c) => c.id === 'tsp.tsa-name')?.status).toBe('passed');

    // Field by field against OpenSSL's own printout of the same token.
    const t = r.tstInfo!;
    const text = ossl(['ts', '-reply', '-in', `${alg}-o.tsr`, '-text']).out;
    expect(t.policy).toBe(line(text, 'Policy OID:'));
    expect(BigInt(line(text, 'Serial number:')!)).toBe(BigInt(`0x${t.serialNumber}`));
    expect(t.accuracy).toEqual({ seconds: 1, millis: 500, micros: 100 });
    expect(t.ordering).toBe(true);
    const ms = String(t.genTime.getUTCMilliseconds()).padStart(3, '0').replace(/0+$/, '');
    const shown = line(text, 'Time stamp:')!; // e.g. "Nov 27 13:55:12.922 2026 GMT"
    expect(new Date(shown.replace(/\.\d+/, '')).getTime()).toBe(t.genTime.getTime() - t.genTime.getUTCMilliseconds());
    if (ms) expect(shown).toContain(`.${ms} `);
    expect(t.tsaName).toBe(cert(alg, 'tsa').subject);

    const changed = DATA.slice();
    changed[3]! ^= 0x20;
    const bad = verifyTimestampToken({ token, data: changed, trust: trust(alg) });
    expect([bad.indication, bad.subIndication]).toEqual(['FAILED', 'HASH_FAILURE']);
    expect(ossl(['ts', '-verify', '-in', `${alg}-o.tsr`, '-data', file(`${alg}-changed.bin`, changed), ...caArgs]).ok).toBe(false);
  });
});

describe('rejections, both ways', () => {
  const tsa = tsaFor('p256');
  const data = file('rej-data.bin', DATA);

  it.each([
    ['-sha1', [], 'badAlg', 'unrecognized or unsupported algorithm identifier'],
    ['-md5', [], 'badAlg', 'unrecognized or unsupported algorithm identifier'],
    ['-sha256', ['-tspolicy', '1.3.6.1.4.1.32473.9.77'], 'unacceptedPolicy', 'the requested TSA policy is not supported by the TSA'],
  ])('openssl query %s %j → our rejection, printed by OpenSSL', (dgst, extra, failure, opensslText) => {
    const name = `rej${dgst}${extra.length}`;
    expect(ossl(['ts', '-query', '-data', data, dgst, ...extra, '-out', `${name}.tsq`]).ok).toBe(true);
    const resp = tsa.respond(read(`${name}.tsq`));
    expect(parseTimestampResponse(resp)).toMatchObject({ status: 2, statusName: 'rejection', failInfo: [failure] });
    file(`${name}.tsr`, resp);
    const text = ossl(['ts', '-reply', '-in', `${name}.tsr`, '-text']).out;
    expect(line(text, 'Status:')).toBe('Rejected.');
    expect(line(text, 'Failure info:')).toBe(opensslText);
  });

  it('garbage → badDataFormat, printed by OpenSSL', () => {
    file('garbage.tsr', tsa.respond(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n')));
    const text = ossl(['ts', '-reply', '-in', 'garbage.tsr', '-text']).out;
    expect(line(text, 'Status:')).toBe('Rejected.');
    expect(line(text, 'Failure info:')).toBe('the data submitted has the wrong format');
  });

  it("OpenSSL's rejection (digest not configured) is read by parseTimestampResponse", () => {
    const cnf = tsaConfig('rej-openssl', { digests: 'sha256' });
    expect(ossl(['ts', '-query', '-data', data, '-sha512', '-out', 'rej-o.tsq']).ok).toBe(true);
    expect(ossl(['ts', '-reply', '-config', cnf, '-queryfile', 'rej-o.tsq', '-signer', fx('p256', 'tsa.pem'), '-inkey', fx('p256', 'tsa.key.pem'), '-chain', fx('p256', 'intermediate.pem'), '-out', 'rej-o.tsr']).ok).toBe(true);
    expect(parseTimestampResponse(read('rej-o.tsr'))).toEqual({
      status: 2,
      statusName: 'rejection',
      statusString: 'Message digest algorithm is not supported.',
      failInfo: ['badAlg'],
    });
  });
});

describe('SM2 TSA, checked by hand with OpenSSL', () => {
  const tsa = tsaFor('sm2');
  const data = file('sm2-data.bin', DATA);

  it('openssl ts -query -sm3 → respond: OpenSSL prints our TSTInfo; messageDigest = dgst -sm3; signature verifies with pkeyutl', () => {
    expect(ossl(['ts', '-query', '-data', data, '-sm3', '-cert', '-out', 'sm2.tsq']).ok).toBe(true);
    const resp = tsa.respond(read('sm2.tsq'));
    file('sm2.tsr', resp);
    const text = ossl(['ts', '-reply', '-in', 'sm2.tsr', '-text']).out;
    expect(line(text, 'Status:')).toBe('Granted.');
    expect(line(text, 'Hash Algorithm:')).toBe('sm3');
    expect(line(text, 'Policy OID:')).toBe(OID_HEYAN_TEST_TSA_POLICY);

    const token = parseTimestampResponse(resp).token!;
    const { signedData, tstInfo, tstInfoDer } = parseTimestampToken(token);
    expect(toHex(tstInfo.messageImprint.hashedMessage)).toBe(ossl(['dgst', '-sm3', '-r', data]).out.split(' ')[0]);
    expect(BigInt(line(text, 'Serial number:')!)).toBe(BigInt(`0x${tstInfo.serialNumber}`));

    // messageDigest over the encapsulated TSTInfo, as OpenSSL computes it.
    const signer = signedData.signers[0]!;
    const md = decodeMessageDigestValue(signer.signedAttributes!.find((a) => a.oid === OID_MESSAGE_DIGEST)!.values[0]!);
    file('sm2-tstinfo.der', tstInfoDer);
    expect(toHex(md)).toBe(ossl(['dgst', '-sm3', '-r', 'sm2-tstinfo.der']).out.split(' ')[0]);
    expect(ossl(['asn1parse', '-inform', 'DER', '-in', 'sm2-tstinfo.der']).out).toMatch(/GENERALIZEDTIME/);

    // SM2 signature over DER(SET OF signedAttrs) with the default distinguishing ID.
    file('sm2-attrs.der', signer.signedAttributesDer!);
    file('sm2-sig.der', signer.signature);
    file('sm2-pub.pem', ossl(['x509', '-in', fx('sm2', 'tsa.pem'), '-pubkey', '-noout']).out);
    const verify = (attrs: string) =>
      ossl(['pkeyutl', '-verify', '-pubin', '-inkey', 'sm2-pub.pem', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-in', attrs, '-sigfile', 'sm2-sig.der']);
    expect(verify('sm2-attrs.der').out).toContain('Signature Verified Successfully');
    const tampered = signer.signedAttributesDer!.slice();
    tampered[tampered.length - 1]! ^= 1;
    file('sm2-attrs-bad.der', tampered);
    expect(verify('sm2-attrs-bad.der').ok).toBe(false);

    // And our verifier agrees.
    const r = verifyTimestampToken({ token, data: DATA, trust: trust('sm2'), nonce: parseTimestampRequest(read('sm2.tsq')).nonce! });
    expect(r.indication).toBe('PASSED');
    expect(r.checks.find((c) => c.id === 'cms.signature.value')?.details).toMatchObject({ algorithm: 'sm2-with-sm3' });
  });
});
