// issueLicenseDocument end to end: the real credential, layout, renderer, signer/sealer, then verify() with a signed
// trust bundle — a licence PDF and OFD of the business-licence type PASS, and a copy whose page was changed after
// signing FAILS with the licence layer's advice.
import { describe, expect, it } from 'vitest';
import { AT, LIST_ID, REVOKED_INDEX, fixturePki, licenceWorld } from '../../../../test/helpers/credential-pki.js';
import { openPdf, pageRefs } from '../pdf/document/index.js';
import type { Report } from '../report/types.js';
import { verify } from '../verify.js';
import { readPdfLicenseParts } from './document/read-pdf.js';
import { testSeal } from './document/test-support.js';
import { issueLicenseDocument } from './issue-document.js';

const notPassed = (r: Report) => [...r.checks, ...r.signatures.flatMap((s) => s.checks)].filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => `${c.id}: ${c.message.en}`);

describe('issueLicenseDocument', () => {
  const pki = fixturePki('sm2');
  const w = licenceWorld(pki);
  const maker = pki.party('seal-maker');
  const seal = testSeal(pki.signer, { key: maker.key, cert: maker.cert });
  const time = new Date(AT.getTime() - 3_600_000);

  for (const format of ['pdf', 'ofd'] as const) {
    it(`${format}: issued with an SM2 issuer and its seal → PASSED with the bundle, licence summary shown`, async () => {
      const issued = await issueLicenseDocument({ record: w.record, format, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], seal, time, status: { listId: LIST_ID, index: 5 } });
      const r = await verify(issued.bytes, { bundle: w.bundle, at: AT });
      expect(notPassed(r)).toEqual([]);
      expect(r.indication).toBe('PASSED');
      expect(r.format).toBe(format);
      expect(r.checks.find((c) => c.id === 'license.document.text')?.status).toBe('passed');
      expect(r.checks.find((c) => c.id === 'license.document.qr')?.status).toBe('passed');
      expect(JSON.stringify(r.license)).toContain(w.record.certificateHolder);
    }, 60_000);
  }

  const issue = (format: 'pdf' | 'ofd', index = 5) =>
    issueLicenseDocument({ record: w.record, format, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], seal, time, status: { listId: LIST_ID, index } });

  it('pdf: bytes appended after signing → FAILED, clerk told to get a fresh copy', async () => {
    const issued = await issue('pdf');
    const tampered = new Uint8Array(Buffer.concat([Buffer.from(issued.bytes), Buffer.from('\n1 0 obj\n(营业执照)\nendobj\n')]));
    const r = await verify(tampered, { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.advice?.en).toMatch(/fresh/i);
  }, 60_000);

  it('ofd: a content member changed after sealing → FAILED', async () => {
    const issued = await issue('ofd');
    const { readZip } = await import('../ofd/zip-read.js');
    const { ZipWriter } = await import('../ofd/zip-write.js');
    const zip = readZip(issued.bytes);
    const out = new ZipWriter();
    for (const e of zip.entries) {
      if (e.isDirectory) {
        out.addDirectory(e.name);
        continue;
      }
      let data = zip.read(e);
      if (/Content\.xml$/.test(e.name)) data = new TextEncoder().encode(new TextDecoder().decode(data).replace(w.record.certificateHolder, '厦门另一家贸易有限公司'));
      out.addFile(e.name, data);
    }
    const r = await verify(out.finish(), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.checks.concat(r.signatures.flatMap((s) => s.checks)).some((c) => c.id === 'ofd.reference.digest' && c.status === 'failed')).toBe(true);
  }, 60_000);

  for (const format of ['pdf', 'ofd'] as const) {
    it(`${format}: a revoked licence (status list) → FAILED / REVOKED`, async () => {
      const r = await verify((await issue(format, REVOKED_INDEX)).bytes, { bundle: w.bundle, at: AT });
      expect(r.indication).toBe('FAILED');
      expect(r.subIndication).toBe('REVOKED');
    }, 60_000);
    it(`${format}: an issuer the bundle does not authorise for the type → not PASSED`, async () => {
      const other = licenceWorld(pki, { licenseTypes: ['11100000000013338W901'] });
      const r = await verify((await issue(format)).bytes, { bundle: other.bundle, at: AT });
      expect(r.indication).not.toBe('PASSED');
      expect(r.checks.some((c) => c.id.startsWith('credential.') && (c.status === 'failed' || c.status === 'indeterminate'))).toBe(true);
    }, 60_000);
  }

  // Characters the font draws with another character's glyph (U+00A0 with the space's, U+2011 with the hyphen's): the
  // renderer wraps such a text in an /ActualText span, and the text check reads the span's text, not the glyphs'.
  for (const format of ['pdf', 'ofd'] as const) {
    it(`${format}: a field with a no-break space and a non-breaking hyphen → PASSED`, async () => {
      const record = structuredClone(w.record);
      // Both characters of each pair: whichever one the ToUnicode entry names, the other needs the ActualText.
      record.surface.address = '福建省福州市鼓楼区示例路 1-3\u00a0号';
      record.certificateHolder = '福州示例\u2011科技有限公司';
      const issued = await issueLicenseDocument({ record, format, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], seal, time, status: { listId: LIST_ID, index: 5 } });
      const r = await verify(issued.bytes, { bundle: w.bundle, at: AT });
      expect(notPassed(r)).toEqual([]);
      expect(r.indication).toBe('PASSED');
      expect(r.checks.find((c) => c.id === 'license.document.text')?.status).toBe('passed');
      if (format === 'pdf') {
        // The path under test: the glyphs' own text is the space / hyphen one; the ActualText gives the characters back.
        const doc = openPdf(issued.bytes);
        const page = doc.resolve({ t: 'ref', ...pageRefs(doc, undefined, { maxPages: 1 }).refs[0]! });
        const content = page?.t === 'dict' ? doc.resolve(page.v.get('Contents')) : undefined;
        expect(content?.t === 'stream' && Buffer.from(doc.streamData(content)!).toString('latin1').match(/\/ActualText/g)?.length).toBeGreaterThanOrEqual(2);
        expect(readPdfLicenseParts(issued.bytes).text).toContain(record.certificateHolder);
      }
    }, 60_000);
  }
});
