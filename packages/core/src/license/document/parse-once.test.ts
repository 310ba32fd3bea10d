// verify() parses a licence PDF once: the licence layer reads its parts from the document model verifyPdf opened
// (PdfVerifyResult.document), and opens the bytes itself only when called on bytes alone.
import { describe, expect, it, vi } from 'vitest';
import { AT, fixturePki, licenceWorld } from '../../../../../test/helpers/credential-pki.js';
import { issueCredential } from '../../credential/issue.js';
import { verify } from '../../verify.js';
import { readPdfLicenseParts } from './read-pdf.js';
import { licencePdf, pageLines, signLicencePdf } from './test-support.js';

const opened = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../pdf/document/index.js', async (original) => {
  const m = await original<typeof import('../../pdf/document/index.js')>();
  return { ...m, openPdf: (...a: Parameters<typeof m.openPdf>) => (opened.count++, m.openPdf(...a)) };
});

describe('licence PDF parsing', () => {
  it('verify opens the document once; the layer alone opens it itself', async () => {
    const w = licenceWorld(fixturePki('sm2'));
    const c = issueCredential({ record: w.record, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] });
    const pdf = await signLicencePdf(licencePdf({ lines: pageLines(w.record), credential: c.jws, xmpIdentifier: w.record.certificateIdentifier, qr: c.qr }), { key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] });
    opened.count = 0;
    const r = await verify(pdf, { bundle: w.bundle, at: AT });
    expect(r.checks.find((x) => x.id === 'license.document.qr')?.status).toBe('passed');
    expect(opened.count).toBe(1);
    expect(readPdfLicenseParts(pdf).qrTexts).toEqual([c.qr]);
    expect(opened.count).toBe(2);
    // The model rides on verifyPdf's result without entering its JSON (a result is serialised as a report).
    const { verifyPdf } = await import('../../pdf/verify/index.js');
    const result = verifyPdf(pdf, {});
    expect(result.document).toBeDefined();
    expect(Object.keys(result)).toEqual(['checks', 'signatures']);
    expect(JSON.stringify(result).length).toBeLessThan(pdf.length);
  });
});
