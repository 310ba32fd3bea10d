// A real OCSP response: the one in /DSS /OCSPs of the DSS corpus file doc-firmado-LT.pdf (Costa Rica, BCCR responder,
// 2018). Extracted by a byte scan of the PDF (the DSS streams are unfiltered), then parsed, verified and used for path
// validation at the signature-timestamp time; OpenSSL reads and verifies the same bytes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Certificate } from '../certificate.js';
import { Crl } from '../crl.js';
import { loadCertificates } from '../load.js';
import { validateCertificatePath } from '../path-validation.js';
import { TrustStore } from '../trust-store.js';
import { parseOcspResponse } from './parse.js';
import { ocspStatusFor } from './status.js';
import { verifyOcspResponse } from './verify.js';

const corpus = fileURLToPath(new URL('../../../../../../shared/corpus/pdf/', import.meta.url));
const pdf = readFileSync(join(corpus, 'dss_doc-firmado-LT.pdf'));
const text = pdf.toString('latin1');
const tmp = mkdtempSync(join(tmpdir(), 'heyan-ocsp-corpus-'));

/** The raw stream of object `n` (unfiltered: /Length only). */
function stream(n: number): Uint8Array {
  const m = new RegExp(`\\n${n} 0 obj\\s*<<\\s*/Length (\\d+)\\s*>>\\s*stream\\r?\\n`).exec(text);
  if (!m) throw new Error(`object ${n} not found`);
  const start = m.index + m[0].length;
  return new Uint8Array(pdf.subarray(start, start + Number(m[1])));
}

/** Object numbers of a /DSS array (`/OCSPs [ 19 0 R ]`). */
function dssArray(key: string): number[] {
  const m = new RegExp(`/DSS\\s+(\\d+) 0 R`).exec(text);
  const dss = new RegExp(`\\n${m![1]} 0 obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(text)![1]!;
  const arr = new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`).exec(dss)![1]!;
  return [...arr.matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]));
}

const ocspDer = dssArray('OCSPs').map(stream);
const certs = dssArray('Certs').map((n) => Certificate.fromDer(stream(n)));
const crls = dssArray('CRLs').map((n) => Crl.fromDer(stream(n)));
const anchor = loadCertificates(readFileSync(join(corpus, 'dss_costa-rica-root-ca-v2.cert.pem')))[0]!;
const byCn = (cn: string) => certs.find((c) => c.subject.includes(`CN=${cn}`))!;
const signer = certs.find((c) => c.subject.includes('(FIRMA)'))!;
const sinpe = byCn('CA SINPE - PERSONA FISICA v2');
/** genTime of the signature timestamp (the TSA's signingTime attribute says 2018-09-15T22:10:37Z). */
const TS_TIME = new Date('2018-09-15T22:10:37Z');

function ossl(args: string[]): string {
  const r = spawnSync('openssl', args, { encoding: 'utf8', cwd: tmp });
  return `${r.stdout}${r.stderr}`;
}

describe('OCSP response in dss_doc-firmado-LT.pdf /DSS /OCSPs', () => {
  it('has one response; it parses to what OpenSSL reads', () => {
    expect(ocspDer.length).toBe(1);
    const r = parseOcspResponse(ocspDer[0]!);
    const f = join(tmp, 'corpus-ocsp.der');
    writeFileSync(f, ocspDer[0]!);
    const o = ossl(['ocsp', '-respin', f, '-resp_text', '-noverify']);
    expect(r.responseStatus).toBe('successful');
    expect(o).toMatch(/OCSP Response Status: successful/);
    const b = r.basic!;
    expect(b.responderId.type).toBe('byKey');
    expect(o).toContain(`Responder Id: ${Buffer.from(b.responderId.type === 'byKey' ? b.responderId.keyHash : []).toString('hex').toUpperCase()}`);
    expect(b.producedAt.toISOString()).toBe('2018-09-17T06:56:35.000Z');
    expect(o).toMatch(/Produced At: Sep 17 06:56:35 2018 GMT/);
    expect(b.responses.length).toBe(1);
    const s = b.responses[0]!;
    expect(s.status).toBe('good');
    expect(o).toMatch(/Cert Status: good/);
    expect(o).toContain(`Serial Number: ${s.certId.serialNumber.toUpperCase()}`);
    expect(s.certId.serialNumber).toBe(signer.serialNumber);
    expect(s.thisUpdate.toISOString()).toBe('2018-09-17T00:00:44.000Z');
    expect(s.nextUpdate!.toISOString()).toBe('2018-09-18T12:20:44.000Z');
    expect(s.extensions.map((x) => x.oid)).toEqual(['1.3.6.1.4.1.311.21.4']); // Microsoft "next publish", as OpenSSL prints
    expect(b.certs.map((c) => c.subject)).toEqual(['CN=PLATANAR.fdi.cr']);
    expect(b.signatureAlgorithm.oid).toBe('1.2.840.113549.1.1.11');
  });

  it('is signed by a delegated responder of CA SINPE (OpenSSL agrees: Response verify OK)', () => {
    const r = parseOcspResponse(ocspDer[0]!);
    const v = verifyOcspResponse(r, { issuer: sinpe, candidates: certs });
    expect(v).toMatchObject({ ok: true, authority: 'delegated', noCheck: true, algorithm: 'sha256-with-rsa' });
    expect(v.responder!.subject).toBe('CN=PLATANAR.fdi.cr');
    // Not a response the CA's parent could have used: PLATANAR was issued by SINPE only.
    expect(verifyOcspResponse(r, { issuer: byCn('CA POLITICA PERSONA FISICA - COSTA RICA v2') }).ok).toBe(false);

    const pem = (c: Certificate, name: string) => {
      const p = join(tmp, name);
      writeFileSync(p, c.toPem());
      return p;
    };
    const f = join(tmp, 'corpus-ocsp.der');
    writeFileSync(f, ocspDer[0]!);
    writeFileSync(join(tmp, 'dss-certs.pem'), certs.map((c) => c.toPem()).join(''));
    const o = ossl(['ocsp', '-respin', f, '-issuer', pem(sinpe, 'sinpe.pem'), '-cert', pem(signer, 'signer.pem'), '-CAfile', join(corpus, 'dss_costa-rica-root-ca-v2.cert.pem'),
      '-verify_other', join(tmp, 'dss-certs.pem'), '-attime', String(Date.parse('2018-09-17T07:00:00Z') / 1000), '-no_nonce']);
    expect(o).toMatch(/Response verify OK/);
    expect(o).toMatch(/signer\.pem:[\s\S]*\bgood\b/);
  });

  it('says "good" for the signer at the timestamp time (issued later: basis later), current on 2018-09-17, stale after nextUpdate', () => {
    const r = parseOcspResponse(ocspDer[0]!);
    expect(ocspStatusFor(signer, sinpe, [r], TS_TIME)).toMatchObject({ status: 'good', basis: 'later' });
    expect(ocspStatusFor(signer, sinpe, [r], new Date('2018-09-17T12:00:00Z'))).toMatchObject({ status: 'good', basis: 'current' });
    expect(ocspStatusFor(signer, sinpe, [r], new Date('2018-09-19T00:00:00Z'))).toBeUndefined();
    // The CertID names the signer under SINPE, nobody else.
    expect(ocspStatusFor(sinpe, byCn('CA POLITICA PERSONA FISICA - COSTA RICA v2'), [r], TS_TIME)).toBeUndefined();
  });

  it('completes revocation for the signer path at the timestamp time: INDETERMINATE with CRLs only, PASSED with the OCSP response', () => {
    const base = { certificate: signer, intermediates: certs, trust: new TrustStore().addAnchor(anchor), time: TS_TIME, poeTime: TS_TIME, crls, usage: 'signature' as const, revocation: 'require' as const };
    const without = validateCertificatePath(base);
    expect(without).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    const withOcsp = validateCertificatePath({ ...base, ocsps: ocspDer });
    expect(withOcsp.indication).toBe('PASSED');
    expect(withOcsp.chain.map((c) => c.subject.match(/CN=([^,]+)/)![1])).toEqual([
      'FRANCISCO DE LA PEÑA FERNANDEZ (FIRMA)',
      'CA SINPE - PERSONA FISICA v2',
      'CA POLITICA PERSONA FISICA - COSTA RICA v2',
      'CA RAIZ NACIONAL - COSTA RICA v2',
    ]);
    expect(withOcsp.revocation!.map((s) => s.source)).toEqual(['ocsp', 'crl', 'crl']);
    expect(withOcsp.revocation![0]).toMatchObject({ status: 'good', ocsp: { responder: 'CN=PLATANAR.fdi.cr', basis: 'later', producedAt: '2018-09-17T06:56:35.000Z' } });
  });
});
