// Real RFC 3161 tokens from the corpus PDFs (pyHanko, DSS/GlobalSign, Costa Rica BCCR): document timestamps over the
// ByteRange bytes and signature timestamps over SignerInfo.signature, cross-checked with `openssl ts -verify`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSignedData } from '../cms/parse.js';
import { Certificate, TrustStore, loadCertificates } from '../pki/index.js';
import { OID_AA_SIGNATURE_TIMESTAMP_TOKEN } from './oids.js';
import { parseTimestampToken } from './parse-token.js';
import { verifyTimestampToken, type TimestampVerifyResult } from './verify-token.js';

const pdfDir = fileURLToPath(new URL('../../../../../shared/corpus/pdf/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-tsp-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Signatures of a PDF in file order: the ByteRange bytes and the bytes of /Contents. */
function signatures(file: string): { signed: Uint8Array; der: Uint8Array }[] {
  const pdf = readFileSync(join(pdfDir, file));
  const out: { signed: Uint8Array; der: Uint8Array }[] = [];
  for (const m of pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
    const hex = pdf.subarray(a + b, c).toString('latin1').replace(/[<>\s]/g, '');
    // Zero padding kept: parseSignedData tolerates it, and a BER CMS ends in end-of-contents zeros itself.
    out.push({ signed: new Uint8Array(Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)])), der: new Uint8Array(Buffer.from(hex, 'hex')) });
  }
  return out;
}

/** Certificates stored as plain streams in a PDF (here the /DSS /Certs of an LT signature): every stream that parses. */
function dssCertificates(file: string): Certificate[] {
  const pdf = readFileSync(join(pdfDir, file));
  const out: Certificate[] = [];
  for (const m of pdf.toString('latin1').matchAll(/<<\s*\/Length (\d+)\s*>>\s*stream\r?\n/g)) {
    try {
      out.push(Certificate.fromDer(new Uint8Array(pdf.subarray(m.index + m[0].length, m.index + m[0].length + Number(m[1])))));
    } catch {
      // not a certificate (OCSP response, CRL, page content)
    }
  }
  return out;
}

function opensslVerify(token: Uint8Array, data: Uint8Array, extra: string[]): boolean {
  writeFileSync(join(tmp, 'tok.der'), token);
  writeFileSync(join(tmp, 'data.bin'), data);
  const r = spawnSync('openssl', ['ts', '-verify', '-token_in', '-in', 'tok.der', '-data', 'data.bin', ...extra], { cwd: tmp, encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('Verification: OK');
}

const anchor = (file: string) => new TrustStore().addAnchor(loadCertificates(readFileSync(join(pdfDir, file)))[0]!);
const statusOf = (r: TimestampVerifyResult, id: string) => r.checks.find((c) => c.id === id)?.status;
const notPassed = (r: TimestampVerifyResult) => JSON.stringify(r.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped'));

describe('document timestamps (ETSI.RFC3161)', () => {
  it('pyHanko LTA: PASSED at 2020-11-01 with the pyHanko root, as openssl ts -verify', () => {
    const sigs = signatures('pyh_pades-lta-dss-indirect-arrs-test.pdf');
    const { signed, der } = sigs[1]!;
    const at = new Date('2020-11-01T00:00:00Z');
    const root = join(pdfDir, 'pyh_testing-ca-root.cert.pem');
    expect(opensslVerify(der, signed, ['-CAfile', root, '-attime', String(at.getTime() / 1000)])).toBe(true);
    const r = verifyTimestampToken({ token: der, data: signed, trust: anchor('pyh_testing-ca-root.cert.pem'), time: at });
    expect(r.indication, notPassed(r)).toBe('PASSED');
    expect(r.genTime?.toISOString()).toBe('2020-11-01T00:00:00.000Z');
    expect(r.tstInfo).toMatchObject({ policy: '1.3.6.1.4.1.4146.2.2', serialNumber: '01046b009411b538', nonce: '01d27e4d1df0bd79' });
    expect(r.tsa?.subject).toContain('CN=Time Stamping Authority');
    expect(statusOf(r, 'tsp.tsa-name')).toBe('passed');

    const changed = signed.slice();
    changed[100]! ^= 1;
    expect(opensslVerify(der, changed, ['-CAfile', root, '-attime', String(at.getTime() / 1000)])).toBe(false);
    expect(verifyTimestampToken({ token: der, data: changed, trust: anchor('pyh_testing-ca-root.cert.pem'), time: at }).subIndication).toBe('HASH_FAILURE');
  });

  it('GlobalSign (DSS): intact and valid; no anchor in the corpus → INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND', () => {
    const { signed, der } = signatures('dss_timestamped_and_signed.pdf')[0]!;
    const t = parseTimestampToken(der);
    expect(t.tstInfo.genTime.toISOString()).toBe('2020-11-25T14:37:21.000Z');
    expect(t.tstInfo.accuracy).toEqual({ seconds: 1, millis: 0, micros: 0 });
    const r = verifyTimestampToken({ token: der, data: signed, time: new Date('2020-11-26T00:00:00Z') });
    for (const id of ['tsp.token.structure', 'cms.attribute.message-digest', 'cms.signature.value', 'tsp.token.signing-certificate', 'tsp.message-imprint', 'tsp.tsa.ext-key-usage'])
      expect(statusOf(r, id), id).toBe('passed');
    expect(r.checks.find((c) => c.id === 'cms.signature.value')?.details).toMatchObject({ algorithm: 'sha256-with-rsa' });
    expect([r.indication, r.subIndication]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);
  });
});

describe('signature timestamps (id-aa-signatureTimeStampToken over SignerInfo.signature)', () => {
  const tokenOf = (der: Uint8Array) => {
    const signer = parseSignedData(der).signers[0]!;
    const attr = signer.unsignedAttributes?.find((a) => a.oid === OID_AA_SIGNATURE_TIMESTAMP_TOKEN);
    return { token: attr!.values[0]!, signature: signer.signature };
  };

  it('pyHanko: imprint = H(signature value); PASSED at 2020-11-01; another signature value → HASH_FAILURE', () => {
    const { token, signature } = tokenOf(signatures('pyh_pades-lta-dss-indirect-arrs-test.pdf')[0]!.der);
    const at = new Date('2020-11-01T00:00:00Z');
    expect(opensslVerify(token, signature, ['-CAfile', join(pdfDir, 'pyh_testing-ca-root.cert.pem'), '-attime', String(at.getTime() / 1000)])).toBe(true);
    const r = verifyTimestampToken({ token, data: signature, trust: anchor('pyh_testing-ca-root.cert.pem'), time: at });
    expect(r.indication, notPassed(r)).toBe('PASSED');
    const other = signature.slice();
    other[0]! ^= 0xff;
    expect(verifyTimestampToken({ token, data: other, trust: anchor('pyh_testing-ca-root.cert.pem'), time: at }).subIndication).toBe('HASH_FAILURE');
  });

  it('Costa Rica (BCCR TSA, BER CMS around it): intermediate only in the /DSS; PASSED with it at 2018-09-16', () => {
    const { token, signature } = tokenOf(signatures('dss_doc-firmado-LT.pdf')[0]!.der);
    const at = new Date('2018-09-16T00:00:00Z');
    const trust = anchor('dss_costa-rica-root-ca-v2.cert.pem');
    // The token carries the TSA certificate alone: no path without the DSS.
    const alone = verifyTimestampToken({ token, data: signature, trust, time: at });
    expect(statusOf(alone, 'tsp.message-imprint')).toBe('passed');
    expect(statusOf(alone, 'cms.signature.value')).toBe('passed');
    expect([alone.indication, alone.subIndication]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);

    const dss = dssCertificates('dss_doc-firmado-LT.pdf');
    writeFileSync(join(tmp, 'dss.pem'), dss.map((c) => c.toPem()).join(''));
    const rootPem = join(pdfDir, 'dss_costa-rica-root-ca-v2.cert.pem');
    expect(opensslVerify(token, signature, ['-CAfile', rootPem, '-untrusted', 'dss.pem', '-attime', String(at.getTime() / 1000)])).toBe(true);
    const r = verifyTimestampToken({ token, data: signature, trust, time: at, extraCertificates: dss });
    expect(r.indication, notPassed(r)).toBe('PASSED');
    expect(r.chain?.map((c) => c.subject.split(',')[0])).toEqual(['CN=TSA SINPE v2', 'CN=CA POLITICA SELLADO DE TIEMPO - COSTA RICA v2', 'CN=CA RAIZ NACIONAL - COSTA RICA v2']);
  });
});
