// The unsigned licence PDF of each shipped type, checked by independent tools: qpdf --check, pdftotext (every value
// line), pdftoppm at 150 dpi (silent; the QR decodes from the rendered page to the credential's QR text), pdffonts,
// pdfdetach (the credential), pdfinfo (Info and XMP), qpdf's JSON (associated file structure, the font program read
// back with fontkit: every CID drawn has a glyph). Then signed by pdf/sign (SM2 with the .esl seal, RSA with a PNG)
// at the layout's seal rectangle and verified by verifyPdf and pdfsig.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../credential/issue.js';
import { decodeQrImage, renderQr } from '../../credential/qr/index.js';
import { importPrivateKey } from '../../crypto/index.js';
import { FormatError, LimitError } from '../../errors.js';
import { signPdf } from '../../pdf/sign/index.js';
import { verifyPdf } from '../../pdf/verify/index.js';
import { loadCertificates, TrustStore, type Certificate } from '../../pki/index.js';
import { exampleRecord } from '../example.js';
import { getLicenseType } from '../type-registry.js';
import type { DrawText, LicensePage } from './draw-list.js';
import { layoutLicense } from './layout.js';
import { renderLicensePdf } from './render-pdf.js';
import { drawnCharacters, pageFonts, qpdfObjects, tool } from '../../../../../test/helpers/licence-interop.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (alg: string, f: string) => join(repo, 'fixtures/pki', alg, f);
const cert = (alg: string, name: string): Certificate => loadCertificates(readFileSync(pki(alg, `${name}.pem`)))[0]!;
const identity = (alg: string) => ({ key: importPrivateKey(readFileSync(pki(alg, 'signer.key.pem'))), certificate: cert(alg, 'signer'), chain: [cert(alg, 'intermediate')] });

const tmp = mkdtempSync(join(tmpdir(), 'heyan-licpdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = tool;

const SHIPPED = ['business-licence', 'registered-constructor', 'construction-qualification'] as const;
const createdAt = new Date('2024-06-01T02:00:00Z');

interface Rendered {
  page: LicensePage;
  pdf: Uint8Array;
  path: string;
  jws: string;
  qr: string;
  identifier: string;
}
const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  const signer = identity('sm2');
  for (const name of SHIPPED) {
    const record = exampleRecord(name);
    const type = getLicenseType(name)!;
    const { jws, qr } = issueCredential({ record, ...signer });
    const page = layoutLicense(record, type, { qrPng: renderQr(qr, { format: 'png' }) });
    const pdf = await renderLicensePdf(page, { credentialJws: jws, identifier: record.certificateIdentifier, title: type.name, author: record.issueDept, createdAt });
    const path = join(tmp, `${name}.pdf`);
    writeFileSync(path, pdf);
    rendered.set(name, { page, pdf, path, jws, qr, identifier: record.certificateIdentifier });
  }
});

describe('renderLicensePdf, per shipped type', () => {
  for (const name of SHIPPED) {
    describe(name, () => {
      it('qpdf --check is clean; pdffonts: Regular and Bold, CID Type 0C, embedded, subset, ToUnicode', () => {
        const { path } = rendered.get(name)!;
        const q = run('qpdf', ['--check', path]);
        expect(q.code).toBe(0);
        expect(q.out).toContain('No syntax or stream encoding errors found');
        expect(q.err).toBe('');
        const f = run('pdffonts', [path]);
        expect(f.err).toBe('');
        const rows = f.out.split('\n').slice(2).filter(Boolean);
        expect(rows).toHaveLength(2);
        expect(rows[0]).toMatch(/^[A-Z]{6}\+NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes /);
        expect(rows[1]).toMatch(/^[A-Z]{6}\+NotoSansHans-Bold\s+CID Type 0C\s+Identity-H\s+yes yes yes /);
      });

      it('pdftotext shows the holder, the licence number and every line the layout drew', () => {
        const { path, page } = rendered.get(name)!;
        const r = run('pdftotext', ['-enc', 'UTF-8', path, '-']);
        expect(r.err).toBe('');
        const record = exampleRecord(name);
        expect(r.out).toContain(record.certificateHolder);
        expect(r.out).toContain(record.certificateNumber);
        const flat = r.out.replace(/\s/g, '');
        for (const t of page.items.filter((i): i is DrawText => i.kind === 'text')) expect(flat).toContain(t.text.replace(/\s/g, ''));
      });

      it('pdftoppm -r 150 renders without a word on stderr, and the QR decodes from the page to the credential QR text', () => {
        const { path, qr } = rendered.get(name)!;
        const r = run('pdftoppm', ['-r', '150', '-png', '-singlefile', path, join(tmp, name)]);
        expect(r.code).toBe(0);
        expect(r.err).toBe('');
        expect(decodeQrImage(new Uint8Array(readFileSync(join(tmp, `${name}.png`))))).toBe(qr);
      });

      it('every CID the page shows has a non-empty glyph in the embedded font program it is shown with', () => {
        const { path } = rendered.get(name)!;
        const { fonts, content } = pageFonts(path);
        for (const f of fonts.values()) expect(f.subtype).toBe('/CIDFontType0C');
        const drawn = drawnCharacters(fonts, content);
        for (const d of drawn) {
          const commands = fonts.get(d.font)!.outline(d.cid);
          expect(commands, `CID ${d.cid}`).toBeDefined();
          // Spaces are the only blank glyphs a licence shows.
          if (d.cid !== 1) expect(commands, `CID ${d.cid}`).toBeGreaterThan(0);
        }
        expect(drawn.length).toBeGreaterThan(200);
      });

      it('pdfdetach lists the credential, and it is the JWS; it is an associated file (/AF, /AFRelationship /Source)', () => {
        const { path, jws } = rendered.get(name)!;
        const l = run('pdfdetach', ['-list', path]);
        expect(l.out).toBe('1 embedded files\n1: license-credential.jws\n');
        const out = join(tmp, `${name}.jws`);
        expect(run('pdfdetach', ['-save', '1', '-o', out, path]).code).toBe(0);
        expect(readFileSync(out, 'utf8')).toBe(jws);
        const objects = qpdfObjects(path);
        const catalog = Object.values(objects).find((o) => (o.value as Record<string, unknown> | undefined)?.['/Type'] === '/Catalog')!.value as Record<string, unknown>;
        const af = catalog['/AF'] as string[];
        expect(af).toHaveLength(1);
        const spec = objects[`obj:${af[0]}`]!.value as Record<string, unknown>;
        expect(spec).toMatchObject({ '/Type': '/Filespec', '/AFRelationship': '/Source', '/UF': 'u:license-credential.jws' });
        const file = objects[`obj:${(spec['/EF'] as Record<string, string>)['/F']}`]!;
        // qpdf shows the name decoded; in the file it is /application#2Fvc+jwt.
        expect(file.stream!.dict).toMatchObject({ '/Type': '/EmbeddedFile', '/Subtype': '/application/vc+jwt' });
        expect(readFileSync(path, 'latin1')).toContain('/Subtype /application#2Fvc+jwt');
        // The same file specification is in the /EmbeddedFiles name tree.
        const tree = (catalog['/Names'] as Record<string, unknown>)['/EmbeddedFiles'] as Record<string, unknown>;
        const names = (tree['/Names'] ?? (objects[`obj:${String(tree)}`]!.value as Record<string, unknown>)['/Names']) as string[];
        expect(names).toEqual(['u:license-credential.jws', af[0]]);
        expect(catalog['/Lang']).toBe('u:zh-CN');
      });

      it('pdfinfo: Info title and author; the XMP names the identifier (hy:identifier) and the credential file', () => {
        const { path, identifier } = rendered.get(name)!;
        const type = getLicenseType(name)!;
        const info = run('pdfinfo', ['-isodates', path]);
        expect(info.err).toBe('');
        expect(info.out).toMatch(new RegExp(`Title:\\s+${type.name}\\n`));
        expect(info.out).toMatch(new RegExp(`Author:\\s+${exampleRecord(name).issueDept}\\n`));
        expect(info.out).toMatch(/CreationDate:\s+2024-06-01T02:00:00Z\n/);
        expect(info.out).toMatch(/Pages:\s+1\n/);
        expect(info.out).toMatch(/Page size:\s+595\.27\d* x 841\.89 pts \(A4\)/);
        const meta = run('pdfinfo', ['-meta', path]).out;
        expect(meta).toContain('xmlns:hy="urn:heyan:license:1.0"');
        expect(meta).toContain(`<hy:identifier>${identifier}</hy:identifier>`);
        expect(meta).toContain('<hy:credentialFile>license-credential.jws</hy:credentialFile>');
        expect(meta).toContain(`<rdf:li xml:lang="x-default">${type.name}</rdf:li>`);
        expect(meta).toContain('<xmp:CreateDate>2024-06-01T02:00:00Z</xmp:CreateDate>');
        // The packet is well-formed XML.
        expect(meta.trim().endsWith('<?xpacket end="w"?>')).toBe(true);
      });
    });
  }

  it('is deterministic for the same page, credential and time', async () => {
    const r = rendered.get('business-licence')!;
    const again = await renderLicensePdf(r.page, { credentialJws: r.jws, identifier: r.identifier, title: '营业执照', author: exampleRecord('business-licence').issueDept, createdAt });
    expect(Buffer.from(again).equals(Buffer.from(r.pdf))).toBe(true);
  });

  it('sizes: a typical licence PDF is ≈ 50 KB, most of it the two font subsets', () => {
    for (const name of SHIPPED) {
      const size = rendered.get(name)!.pdf.length;
      expect(size).toBeGreaterThan(20_000);
      expect(size).toBeLessThan(120_000);
    }
  });

  it('refuses bad options and pages', async () => {
    const r = rendered.get('business-licence')!;
    const good = { credentialJws: r.jws, identifier: r.identifier, title: 't', author: 'a' };
    await expect(renderLicensePdf(r.page, { ...good, credentialJws: 'not a jws!' })).rejects.toThrow(FormatError);
    await expect(renderLicensePdf(r.page, { ...good, credentialJws: 'a'.repeat(70_000) })).rejects.toThrow(LimitError);
    await expect(renderLicensePdf(r.page, { ...good, identifier: '' })).rejects.toThrow(FormatError);
    await expect(renderLicensePdf(r.page, { ...good, createdAt: new Date(NaN) })).rejects.toThrow(FormatError);
    await expect(renderLicensePdf({ ...r.page, widthMm: -1 }, good)).rejects.toThrow(FormatError);
    await expect(renderLicensePdf({ ...r.page, items: [{ kind: 'text', xMm: 1, yMm: 1, sizePt: 10, text: 'a\nb' }] }, good)).rejects.toThrow(FormatError);
    await expect(renderLicensePdf({ ...r.page, items: [{ kind: 'text', xMm: 1, yMm: 1, sizePt: 10, text: '😀' }] }, good)).rejects.toThrow(/U\+1F600/);
    await expect(renderLicensePdf({ ...r.page, items: [{ kind: 'image', xMm: 1, yMm: 1, wMm: 10, hMm: 10, png: new Uint8Array(10) }] }, good)).rejects.toThrow(FormatError);
  });
});

describe('the unsigned PDF signs incrementally with pdf/sign', () => {
  const at = new Date('2026-01-15T08:00:00Z');
  const cases = [
    ['sm2', { seal: new Uint8Array(readFileSync(join(repo, 'fixtures/seal/sample-v4.esl'))) }],
    ['rsa', { png: new Uint8Array(readFileSync(join(repo, 'fixtures/seal/stamp.png'))) }],
  ] as const;
  for (const [alg, image] of cases) {
    it(`${alg}: seal at the layout's seal rectangle; verifyPdf PASSED with the test root${alg === 'rsa' ? '; pdfsig: valid' : ''}; qpdf clean`, async () => {
      const r = rendered.get('business-licence')!;
      const s = r.page.sealRect;
      const signed = await signPdf(r.pdf, { signer: identity(alg), appearance: { page: 1, rect: [s.xMm, s.yMm, s.wMm, s.hMm], image }, signingTime: at });
      expect(Buffer.from(signed.subarray(0, r.pdf.length)).equals(Buffer.from(r.pdf))).toBe(true);
      const result = verifyPdf(signed, { time: at, atGiven: true, trust: new TrustStore().addAnchor(cert(alg, 'root')) });
      expect(result.signatures).toHaveLength(1);
      const failed = [...result.checks, ...result.signatures[0]!.checks].filter((c) => c.status === 'failed').map((c) => c.id);
      expect(failed).toEqual([]);
      expect(result.signatures[0]!.indication).toBe('PASSED');
      const path = join(tmp, `signed-${alg}.pdf`);
      writeFileSync(path, signed);
      const q = run('qpdf', ['--check', path]);
      expect(q.code).toBe(0);
      expect(q.err).toBe('');
      if (alg === 'rsa') {
        const sig = run('pdfsig', ['-nocert', path]).out;
        expect(sig).toContain('Signature Validation: Signature is Valid.');
        expect(sig).toContain('Total document signed');
      }
      // Still the same licence for the tools after signing.
      expect(run('pdfdetach', ['-list', path]).out).toContain('license-credential.jws');
      expect(run('pdftotext', ['-enc', 'UTF-8', path, '-']).out).toContain(exampleRecord('business-licence').certificateHolder);
    });
  }
});
