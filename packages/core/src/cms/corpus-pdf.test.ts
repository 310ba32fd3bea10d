// CMS signatures cut out of the corpus PDFs (pyHanko, DSS, node-signpdf) with the §8.2 ByteRange recipe, verified by
// heyan and cross-checked with `openssl cms -verify -noverify` (integrity) on the same bytes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustStore, loadCertificates } from '../pki/index.js';
import { parseSignedData } from './parse.js';
import { verifySignedData, type CmsVerifyResult } from './verify.js';

const pdfDir = fileURLToPath(new URL('../../../../../shared/corpus/pdf/', import.meta.url));

/** The first signature of a PDF: the signed bytes and the CMS from /Contents (zero padding kept, as in the file). */
function firstSignature(file: string): { signed: Uint8Array; cms: Uint8Array } {
  const pdf = readFileSync(join(pdfDir, file));
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'))!;
  const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = pdf.subarray(a + b, c).toString('latin1').replace(/[<>\s]/g, '');
  return { signed: new Uint8Array(signed), cms: new Uint8Array(Buffer.from(hex, 'hex')) };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'heyan-cms-pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** OpenSSL's integrity verdict (messageDigest + signature, no chain) on the same bytes. */
function opensslIntegrity(cms: Uint8Array, signed: Uint8Array): boolean {
  writeFileSync(join(dir, 'sig.der'), cms);
  writeFileSync(join(dir, 'signed.bin'), signed);
  try {
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'signed.bin', '-noverify', '-out', '/dev/null'], {
      cwd: dir,
      stdio: 'pipe',
    });
    return true;
  } catch {
    return false;
  }
}

const status = (r: CmsVerifyResult, id: string) => r.signatures[0]?.checks.find((c) => c.id === id)?.status;
const pyhRoot = () => new TrustStore().addAnchor(loadCertificates(readFileSync(join(pdfDir, 'pyh_testing-ca-root.cert.pem')))[0]!);
const AT_PYH = new Date('2020-11-01T00:00:00Z');

describe('CMS from corpus PDFs', () => {
  it('pyHanko, ESS signingCertificate v1 and a signer sharing its serial with the CA: trusted at 2020-11-01', () => {
    const { signed, cms } = firstSignature('pyh_pades-with-old-style-signing-cert-attr.pdf');
    expect(opensslIntegrity(cms, signed)).toBe(true);
    const sd = parseSignedData(cms);
    const serials = sd.certificates.map((c) => c.serialNumber);
    expect(serials.filter((s) => s === '1001')).toHaveLength(2); // the trap: two certificates with serial 0x1001
    const r = verifySignedData({ cms, content: signed, detached: true, trust: pyhRoot(), time: AT_PYH });
    expect(r.indication, JSON.stringify(r.signatures[0]?.checks.filter((c) => c.status !== 'passed'))).toBe('PASSED');
    expect(r.signatures[0]!.checks.find((c) => c.id === 'cms.attribute.signing-certificate')).toMatchObject({
      status: 'passed',
      details: { versions: [1] },
    });
    expect(r.signatures[0]!.signer?.subject).toMatch(/Alice/);
    const tampered = Uint8Array.from(signed);
    tampered[10]! ^= 1;
    expect(opensslIntegrity(cms, tampered)).toBe(false);
    expect(verifySignedData({ cms, content: tampered, trust: pyhRoot(), time: AT_PYH }).subIndication).toBe('HASH_FAILURE');
  });

  it('pyHanko, no signed attributes: valid; refused when the policy requires signed attributes', () => {
    const { signed, cms } = firstSignature('pyh_sig-no-signed-attrs.pdf');
    expect(opensslIntegrity(cms, signed)).toBe(true);
    const r = verifySignedData({ cms, content: signed, detached: true, trust: pyhRoot(), time: AT_PYH });
    expect(r.indication, JSON.stringify(r.signatures[0]?.checks.filter((c) => c.status !== 'passed'))).toBe('PASSED');
    expect(status(r, 'cms.signed-attributes.present')).toBe('warning');
    const strict = verifySignedData({ cms, content: signed, trust: pyhRoot(), time: AT_PYH, policy: { requireSignedAttributes: true } });
    expect(strict.subIndication).toBe('FORMAT_FAILURE');
  });

  it('pyHanko, eContent inside a detached signature: FORMAT_FAILURE (OpenSSL accepts it)', () => {
    const { signed, cms } = firstSignature('pyh_pdf-sig-with-econtent.pdf');
    expect(parseSignedData(cms).eContent).toBeDefined();
    expect(opensslIntegrity(cms, signed)).toBe(true);
    const r = verifySignedData({ cms, content: signed, detached: true, trust: pyhRoot(), time: AT_PYH });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('FORMAT_FAILURE');
    expect(status(r, 'cms.content.detached')).toBe('failed');
  });

  it('DSS, SignedData without certificates: NO_SIGNING_CERTIFICATE_FOUND, content still intact', () => {
    const { signed, cms } = firstSignature('dss_pades-bes-no-certificates.pdf');
    expect(parseSignedData(cms).certificates).toHaveLength(0);
    const r = verifySignedData({ cms, content: signed, detached: true });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
    expect(status(r, 'cms.attribute.message-digest')).toBe('passed');
  });

  it('DSS, BER indefinite-length CMS with a signature timestamp (LT): intact and valid', () => {
    const { signed, cms } = firstSignature('dss_doc-firmado-LT.pdf');
    const sd = parseSignedData(cms);
    expect(sd.ber).toBe(true);
    expect(sd.signers[0]!.unsignedAttributes?.map((a) => a.oid)).toContain('1.2.840.113549.1.9.16.2.14');
    expect(opensslIntegrity(cms, signed)).toBe(true);
    const anchor = loadCertificates(readFileSync(join(pdfDir, 'dss_costa-rica-root-ca-v2.cert.pem')))[0]!;
    const r = verifySignedData({ cms, content: signed, detached: true, trust: new TrustStore().addAnchor(anchor), time: new Date('2018-09-16T00:00:00Z') });
    expect(status(r, 'cms.attribute.message-digest')).toBe('passed');
    expect(status(r, 'cms.signature.value')).toBe('passed');
    expect(status(r, 'cms.attribute.signing-certificate')).toBe('passed');
    expect(r.signatures[0]!.chain?.length).toBeGreaterThanOrEqual(2);
  });

  it('DSS baseline and node-signpdf: intact and valid, untrusted without an anchor', () => {
    for (const f of ['dss_pdf-signed-original.pdf', 'signpdf_signed.pdf']) {
      const { signed, cms } = firstSignature(f);
      expect(opensslIntegrity(cms, signed)).toBe(true);
      const r = verifySignedData({ cms, content: signed, detached: true });
      expect(status(r, 'cms.attribute.message-digest'), f).toBe('passed');
      expect(status(r, 'cms.signature.value'), f).toBe('passed');
      expect(r.indication, f).toBe('INDETERMINATE');
    }
  });
});
