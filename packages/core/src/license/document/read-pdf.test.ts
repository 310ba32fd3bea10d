// readPdfLicenseParts against independent readers: poppler's pdftotext (text through the ToUnicode CMap), pdfimages +
// our PNG QR decoder (the QR image), qpdf (the same file rewritten with object streams, or encrypted), and against
// the credential and identifier the file was written with. Variants of how the parts are written: TJ and ' instead
// of Tj, RGB images with a PNG predictor, a soft mask over black, stored or compressed credential, name tree or /AF only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePki, licenceWorld } from '../../../../../test/helpers/credential-pki.js';
import { issueCredential } from '../../credential/issue.js';
import { decodeQrImage } from '../../credential/qr/decode-image.js';
import { readPdfLicenseParts } from './read-pdf.js';
import { licencePdf, pageLines, signLicencePdf } from './test-support.js';
import { squeeze } from './text-match.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-licdoc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const w = licenceWorld(fixturePki('sm2'));
const c = issueCredential({ record: w.record, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] });
const lines = pageLines(w.record);
const base = { lines, credential: c.jws, xmpIdentifier: w.record.certificateIdentifier, qr: c.qr };

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function file(name: string, bytes: Uint8Array): string {
  const f = join(tmp, name);
  writeFileSync(f, bytes);
  return f;
}

describe('readPdfLicenseParts', () => {
  it('reads what was written; pdftotext sees the same text, pdfimages the same QR, qpdf finds no error', async () => {
    const pdf = await signLicencePdf(licencePdf(base), { key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] });
    const f = file('signed.pdf', pdf);
    expect(run('qpdf', ['--check', f])).toMatch(/No syntax or stream encoding errors/);
    const p = readPdfLicenseParts(pdf);
    expect(p.problems).toEqual([]);
    expect(p.credentialAttached).toBe(true);
    expect(p.credentialJws).toBe(c.jws);
    expect(p.xmpIdentifier).toBe(w.record.certificateIdentifier);
    expect(p.text).toEqual(lines);
    expect(p.qrTexts).toEqual([c.qr]);
    expect(p.imagesSearched).toBe(1);
    // Poppler: every item we read is in its text of page 1, in the same order.
    const poppler = squeeze(run('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', f, '-']));
    expect(poppler).toBe(squeeze(p.text.join('')));
    // pdfimages extracts the page's image (object 9) as PNG; our PNG QR decoder reads the same text.
    run('pdfimages', ['-png', '-f', '1', '-l', '1', f, join(tmp, 'img')]);
    const pngs = readdirSync(tmp).filter((n) => n.startsWith('img') && n.endsWith('.png'));
    const texts = pngs.flatMap((n) => {
      try {
        return [decodeQrImage(new Uint8Array(readFileSync(join(tmp, n))))];
      } catch {
        return [];
      }
    });
    expect(texts).toEqual([c.qr]);
  });

  it('TJ arrays and the quote operator, RGB samples through a PNG predictor, a soft mask over black', () => {
    const p = readPdfLicenseParts(licencePdf({ ...base, operators: 'TJ', image: { rgb: true, predictor: true, smask: true, scale: 2 } }));
    expect(p.problems).toEqual([]);
    expect(p.text).toEqual(lines);
    expect(p.qrTexts).toEqual([c.qr]);
    // Without compositing the mask, the samples are all black: the QR is only visible through the soft mask.
    const noMask = Buffer.from(licencePdf({ ...base, image: { smask: true } })).toString('latin1').replace(' /SMask 10 0 R', ' /SMasq 10 0 R');
    expect(readPdfLicenseParts(new Uint8Array(Buffer.from(noMask, 'latin1'))).qrTexts).toEqual([]);
  });

  it('one bit per pixel (as the renderer embeds the QR), with and without a predictor', () => {
    for (const predictor of [false, true]) expect(readPdfLicenseParts(licencePdf({ ...base, image: { oneBit: true, predictor } })).qrTexts).toEqual([c.qr]);
  });

  it('/ActualText replaces what the glyphs show (characters sharing a glyph); pdftotext reads the same', () => {
    // The holder line is drawn with glyphs whose ToUnicode gives '福州示例科技有限公司' with U+00A0 read as a space.
    const i = lines.indexOf(w.record.certificateHolder);
    const shown = [...lines];
    shown[i] = '福州示例 科技有限公司';
    const actual = '福州示例\u00a0科技有限公司';
    const pdf = licencePdf({ ...base, lines: shown, actualText: new Map([[i, actual]]) });
    const p = readPdfLicenseParts(pdf);
    expect(p.text[i]).toBe(actual);
    expect(p.text.filter((_, k) => k !== i)).toEqual(lines.filter((_, k) => k !== i));
    const poppler = run('pdftotext', ['-enc', 'UTF-8', file('actual.pdf', pdf), '-']);
    expect(poppler).toContain(actual);
  });

  it('one pixel per module: still found', () => {
    expect(readPdfLicenseParts(licencePdf({ ...base, image: { scale: 1 } })).qrTexts).toEqual([c.qr]);
  });

  it('credential stored uncompressed, only in the name tree, or only in /AF', () => {
    for (const o of [{ compressCredential: false }, { credentialIn: 'names' as const }, { credentialIn: 'af' as const }]) {
      const p = readPdfLicenseParts(licencePdf({ ...base, ...o }));
      expect(p.credentialJws, JSON.stringify(o)).toBe(c.jws);
    }
  });

  it('the same file rewritten by qpdf with object streams (catalog and name tree compressed) reads the same', () => {
    const f = file('plain.pdf', licencePdf(base));
    const out = join(tmp, 'objstm.pdf');
    run('qpdf', ['--object-streams=generate', '--compress-streams=y', f, out]);
    const rewritten = new Uint8Array(readFileSync(out));
    // The catalog really is inside an object stream now.
    expect(Buffer.from(rewritten).toString('latin1')).not.toContain('/Type /Catalog');
    const p = readPdfLicenseParts(rewritten);
    expect(p.credentialJws).toBe(c.jws);
    expect(p.xmpIdentifier).toBe(w.record.certificateIdentifier);
    expect(p.text).toEqual(lines);
    expect(p.qrTexts).toEqual([c.qr]);
  });

  it('an encrypted file: nothing read, a problem says why', () => {
    const f = file('plain2.pdf', licencePdf(base));
    const out = join(tmp, 'enc.pdf');
    run('qpdf', ['--encrypt', 'u', 'o', '256', '--', f, out]);
    const p = readPdfLicenseParts(new Uint8Array(readFileSync(out)));
    expect(p.credentialJws).toBeUndefined();
    expect(p.problems.join()).toMatch(/encrypted/);
  });

  it('page reading is skipped on the verify path when there are no licence parts', () => {
    const plain = licencePdf({ ...base, credential: null, xmpIdentifier: null });
    expect(readPdfLicenseParts(plain).text).toEqual(lines);
    expect(readPdfLicenseParts(plain, { page: 'if-licence' }).text).toEqual([]);
    expect(readPdfLicenseParts(plain, { page: 'if-licence' }).qrTexts).toEqual([]);
  });
});
