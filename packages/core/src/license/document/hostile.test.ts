// Hostile licence parts: every one gives a report (verify) or parts with problems (readers), never an exception or
// a hang — oversized and garbage credentials, huge and malformed CMaps, broken and oversized images, recursive
// forms, deep XML, truncated files and random mutations of real licence documents.
import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AT, fixturePki, licenceWorld } from '../../../../../test/helpers/credential-pki.js';
import { issueCredential } from '../../credential/issue.js';
import { readZip } from '../../ofd/zip-read.js';
import { ZipWriter } from '../../ofd/zip-write.js';
import type { Report } from '../../report/types.js';
import { verify } from '../../verify.js';
import { readOfdLicenseParts } from './read-ofd.js';
import { readPdfLicenseParts } from './read-pdf.js';
import { licenceOfd, licencePdf, pageLines, signLicenceOfd, signLicencePdf, testSeal, writePdf } from './test-support.js';

const w = licenceWorld(fixturePki('sm2'));
const c = issueCredential({ record: w.record, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] });
const lines = pageLines(w.record);
const base = { lines, credential: c.jws, xmpIdentifier: w.record.certificateIdentifier, qr: c.qr };
const signer = { key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] };
const status = (r: Report, id: string) => r.checks.find((x) => x.id === id)?.status;
const TEN_MB = 10 * 1024 * 1024;
const hugeJws = `${'e'.repeat(TEN_MB / 2)}.${'f'.repeat(TEN_MB / 2)}.sig`;

describe('hostile licence PDFs', () => {
  it('a JWS of 10 MB, stored or compressed → credential FAILED with the size, a report', async () => {
    for (const compressCredential of [false, true]) {
      const p = readPdfLicenseParts(licencePdf({ ...base, credential: hugeJws, compressCredential }));
      expect(p.credentialAttached).toBe(true);
      expect(p.credentialJws).toBeUndefined();
      expect(p.problems.join()).toMatch(compressCredential ? /cannot be decoded within 65537 bytes/ : /is 10485\d+ bytes, more than a credential may be \(65536\)/);
    }
    const r = await verify(await signLicencePdf(licencePdf({ ...base, credential: hugeJws, compressCredential: false }), signer), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(status(r, 'license.document.credential')).toBe('failed');
    expect(status(r, 'license.document.recognised')).toBe('warning');
  });

  it('an attachment that is no JWS (binary, text) → credential FAILED "not a compact JWS"', async () => {
    for (const credential of [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]), 'hello, licence', 'a.b']) {
      const p = readPdfLicenseParts(licencePdf({ ...base, credential }));
      expect(p.credentialJws).toBeUndefined();
      expect(p.problems.join()).toMatch(/not UTF-8 text|not a compact JWS/);
    }
    const r = await verify(await signLicencePdf(licencePdf({ ...base, credential: 'hello' }), signer), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.checks.find((x) => x.id === 'license.document.credential')?.message.en).toMatch(/not a compact JWS/);
  });

  it('a huge ToUnicode CMap: mappings over the limit are cut, an oversized stream is not read (text then fails)', async () => {
    // 71 000 distinct three-byte codes in under 1 MiB: over the 70 000 mappings kept.
    const extra = Array.from({ length: 710 }, (_, k) => `100 beginbfchar ${Array.from({ length: 100 }, (_, i) => `<${(0x100000 + k * 100 + i).toString(16)}><0041>`).join('')} endbfchar`).join('\n');
    const p = readPdfLicenseParts(licencePdf({ ...base, cmapExtra: extra }));
    expect(p.problems.join()).toMatch(/more than 70000 mappings; the rest are ignored/);
    expect(p.text).toEqual(lines); // the real mappings come first and are kept
    const big = readPdfLicenseParts(licencePdf({ ...base, cmap: new Uint8Array(2 * 1024 * 1024).fill(0x20) }));
    expect(big.problems.join()).toMatch(/ToUnicode CMap: 2097152 decoded bytes exceed|ToUnicode CMap.*exceed/);
    const r = await verify(await signLicencePdf(licencePdf({ ...base, cmap: new Uint8Array(2 * 1024 * 1024).fill(0x20) }), signer), { bundle: w.bundle, at: AT });
    expect(status(r, 'license.document.text')).toBe('failed');
    expect(status(r, 'license.document.recognised')).toBe('warning');
  });

  it('a broken image → no QR (QR FAILED), a problem names the image', async () => {
    const p = readPdfLicenseParts(licencePdf({ ...base, image: { broken: true } }));
    expect(p.qrTexts).toEqual([]);
    expect(p.problems.join()).toMatch(/page 1 image 1 \(object 9\): cannot be decoded/);
    const r = await verify(await signLicencePdf(licencePdf({ ...base, image: { broken: true } }), signer), { bundle: w.bundle, at: AT });
    expect(status(r, 'license.document.qr')).toBe('failed');
  });

  it('an image declaring 5000×5000 pixels is not decoded; a recursive form XObject is not followed forever', () => {
    const pdf = writePdf([
      '<< /Type /Catalog /Pages 2 0 R /AF [6 0 R] >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /XObject << /Im1 4 0 R /Fm1 5 0 R >> >> /Contents 7 0 R >>',
      { dict: '/Type /XObject /Subtype /Image /Width 5000 /Height 5000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode', data: new Uint8Array(deflateSync(Buffer.alloc(100))) },
      { dict: '/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /Fm1 5 0 R /Im1 4 0 R >> >>', data: new Uint8Array(Buffer.from('/Fm1 Do /Im1 Do /Fm1 Do')) },
      `<< /Type /Filespec /F (license-credential.jws) /EF << /F 8 0 R >> >>`,
      { dict: '', data: new Uint8Array(Buffer.from('/Fm1 Do /Im1 Do')) },
      { dict: '/Type /EmbeddedFile', data: new Uint8Array(Buffer.from(c.jws)) },
    ]);
    const p = readPdfLicenseParts(pdf);
    expect(p.credentialJws).toBe(c.jws);
    expect(p.imagesSearched).toBe(0);
    expect(p.problems.join()).toMatch(/form XObject \/Fm1 nested too deep or recursive/);
  });

  it('truncated at every 16th of the file, and 60 random mutations: parts or a report, never an exception', async () => {
    const pdf = await signLicencePdf(licencePdf(base), signer);
    for (let i = 1; i < 16; i++) {
      const cut = pdf.subarray(0, Math.floor((pdf.length * i) / 16));
      expect(() => readPdfLicenseParts(cut)).not.toThrow();
      const r = await verify(cut, { bundle: w.bundle, at: AT });
      expect(r.indication).not.toBe('PASSED');
    }
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(pdf.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (edits) => {
        const m = Uint8Array.from(pdf);
        for (const [at, b] of edits) m[at] = b;
        const p = readPdfLicenseParts(m);
        expect(Array.isArray(p.problems)).toBe(true);
        const r = await verify(m, { bundle: w.bundle, at: AT });
        expect(['PASSED', 'FAILED', 'INDETERMINATE']).toContain(r.indication);
      }),
      { numRuns: 60, seed: 6 },
    );
  });
});

describe('hostile licence OFDs', () => {
  const seal = testSeal(w.pki.signer, w.pki.party('seal-maker'));
  // Stored, not deflated: a 10 MB run of one letter would be refused by the ZIP reader's ratio limit before us.
  const replace = (ofd: Uint8Array, name: string, bytes: Uint8Array): Uint8Array => {
    const z = readZip(ofd);
    const out = new ZipWriter({ date: new Date('2026-03-01T10:00:00Z') });
    for (const e of z.entries) (e.name === name ? out.addFile(e.name, bytes, { method: 'store' }) : out.copyFrom(z, e));
    return out.finish();
  };
  const ofd = licenceOfd({ lines, credential: c.jws, customIdentifier: w.record.certificateIdentifier, qr: c.qr });

  it('a 10 MB attachment, a non-JWS attachment, a broken PNG, a deeply nested page → problems, a report', async () => {
    const big = readOfdLicenseParts(replace(ofd, 'Doc_0/Attachs/license-credential.jws', new Uint8Array(Buffer.from(hugeJws))));
    expect(big.credentialAttached).toBe(true);
    expect(big.problems.join()).toMatch(/attachment license-credential.jws is 10485\d+ bytes, more than 65536/);
    const text = readOfdLicenseParts(replace(ofd, 'Doc_0/Attachs/license-credential.jws', new Uint8Array(Buffer.from('<html>'))));
    expect(text.problems.join()).toMatch(/not a compact JWS/);
    const png = readOfdLicenseParts(replace(ofd, 'Doc_0/Res/qr.png', new Uint8Array(Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(100), 'latin1'))));
    expect(png.qrTexts).toEqual([]);
    const deep = readOfdLicenseParts(replace(ofd, 'Doc_0/Pages/Page_0/Content.xml', new Uint8Array(Buffer.from(`<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>${'<ofd:PageBlock>'.repeat(5000)}${'</ofd:PageBlock>'.repeat(5000)}</ofd:Content></ofd:Page>`))));
    expect(deep.problems.join()).toMatch(/page 1 Content.xml/);
    for (const bad of [replace(ofd, 'Doc_0/Attachs/license-credential.jws', new Uint8Array(Buffer.from(hugeJws))), replace(ofd, 'Doc_0/Res/qr.png', new Uint8Array(50))]) {
      const r = await verify(signLicenceOfd(bad, seal, { key: w.pki.signerKey, certificate: w.pki.signer }), { bundle: w.bundle, at: AT });
      expect(r.indication).toBe('FAILED');
      expect(r.license).toBeDefined();
    }
  });

  it('40 random mutations of a sealed licence OFD: a report, never an exception', async () => {
    const sealed = signLicenceOfd(ofd, seal, { key: w.pki.signerKey, certificate: w.pki.signer });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(sealed.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (edits) => {
        const m = Uint8Array.from(sealed);
        for (const [at, b] of edits) m[at] = b;
        expect(() => readOfdLicenseParts(m)).not.toThrow();
        const r = await verify(m, { bundle: w.bundle, at: AT });
        expect(['PASSED', 'FAILED', 'INDETERMINATE']).toContain(r.indication);
      }),
      { numRuns: 40, seed: 6 },
    );
  });
});
