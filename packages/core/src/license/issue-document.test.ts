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

  it('with a registry: registered on first issue (the credential carries its entry); a fresh copy keeps the entry; other data, suspended or revoked → no document; the registry as status source', async () => {
    const { openRegistry } = await import('../registry/open-registry.js');
    const { RegistryError } = await import('../registry/errors.js');
    const registry = openRegistry(':memory:', { now: () => time });
    try {
      const base = { record: w.record, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], seal, time, registry };
      const first = await issueLicenseDocument({ ...base, format: 'pdf' });
      expect(first.registered?.statusListId).toBe(`urn:heyan:status:${w.record.issueDeptCode}:0`);
      expect(first.registered?.reissued).toBeUndefined();
      expect(first.credential.payload.credentialStatus).toMatchObject({ statusListCredential: first.registered!.statusListId, statusListIndex: String(first.registered!.statusIndex) });
      expect((await registry.get(w.record.certificateIdentifier))?.statusIndex).toBe(first.registered!.statusIndex);
      // A fresh copy (OFD this time) of the same licence: same entry, nothing registered twice.
      const again = await issueLicenseDocument({ ...base, format: 'ofd' });
      expect(again.registered).toEqual({ ...first.registered, reissued: true });
      expect((await registry.history(w.record.certificateIdentifier)).map((e) => e.action)).toEqual(['register']);
      // The same identifier with another holder name is not a copy.
      await expect(issueLicenseDocument({ ...base, format: 'pdf', record: { ...w.record, certificateHolder: '厦门另一家贸易有限公司' } })).rejects.toThrow(/registered with other data/);
      await expect(issueLicenseDocument({ ...base, format: 'pdf', record: { ...w.record, certificateHolderCode: '91350200MA2Y0LLL4Q' } })).rejects.toThrow(RegistryError);
      // Suspended, then revoked: no document; the verifier with the registry as status source says REVOKED.
      await registry.setStatus(w.record.certificateIdentifier, 'suspended', { reason: '核查中', at: new Date(time.getTime() - 60_000) });
      await expect(issueLicenseDocument({ ...base, format: 'pdf' })).rejects.toThrow(/suspended/);
      await registry.setStatus(w.record.certificateIdentifier, 'revoked', { reason: '以欺骗手段取得登记', at: new Date(time.getTime() - 30_000) });
      await expect(issueLicenseDocument({ ...base, format: 'pdf' })).rejects.toThrow(/revoked since/);
      // A copy backdated to before the revocation is refused too.
      await expect(issueLicenseDocument({ ...base, format: 'pdf', time: new Date(time.getTime() - 3_600_000) })).rejects.toThrow(/revoked since/);
      const r = await verify(first.bytes, { bundle: w.bundle, statusRegistry: registry.asStatusSource(), at: AT });
      expect(r.indication).toBe('FAILED');
      expect(r.subIndication).toBe('REVOKED');
      expect(r.advice?.zh).toContain('吊销');
    } finally {
      await registry.close();
    }
  }, 60_000);
});
