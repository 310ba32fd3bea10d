// Visible signatures: pdftoppm renders the page and the seal's red shows inside the requested rectangle only; the
// widget geometry is checked against the mm → pt conversion; seal pictures other than PNG/JPEG are refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { importPrivateKey } from '../../crypto/index.js';
import { FormatError, KeyError, UnsupportedError } from '../../errors.js';
import { loadCertificates } from '../../pki/index.js';
import { createSeal } from '../../seal/encode-seal.js';
import { signPdf } from './sign-pdf.js';
import { PdfPlacementError } from './placement-error.js';
import type { PdfSealImage, PdfSignerIdentity } from './types.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (alg: string, f: string): string => join(repo, 'fixtures/pki', alg, f);
const base = new Uint8Array(readFileSync(join(repo, 'fixtures/pdf/base.pdf')));
const stamp = (ext: string): Uint8Array => new Uint8Array(readFileSync(join(repo, 'fixtures/seal', `stamp.${ext}`)));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfsign-ap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const when = new Date('2030-01-01T08:00:00Z');

const cert = (alg: string, name: string) => loadCertificates(readFileSync(pki(alg, `${name}.pem`)))[0]!;
const signer = (alg: string): PdfSignerIdentity => ({
  key: importPrivateKey(readFileSync(pki(alg, 'signer.key.pem'))),
  certificate: cert(alg, 'signer'),
  chain: [cert(alg, 'intermediate')],
});

/** Render page `page` at 72 dpi (1 px = 1 pt) and return RGB access. */
function render(pdf: Uint8Array, page: number): { width: number; height: number; at: (x: number, y: number) => [number, number, number] } {
  const path = join(tmp, `r${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  const r = spawnSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-png', '-singlefile', path, `${path}-out`]);
  expect(r.status).toBe(0);
  const img = pngjs.PNG.sync.read(readFileSync(`${path}-out.png`));
  return { width: img.width, height: img.height, at: (x, y) => { const i = (y * img.width + x) * 4; return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!]; } };
}
const isRed = ([r, g, b]: [number, number, number]): boolean => r > 150 && g < 110 && b < 110;
const isWhite = ([r, g, b]: [number, number, number]): boolean => r > 245 && g > 245 && b > 245;
const MM = 72 / 25.4;

/** Red pixels inside / outside the rectangle (in px), plus whether everything outside the rect's margin band is white-or-text. */
function census(pdf: Uint8Array, page: number, rectMm: [number, number, number, number]) {
  const img = render(pdf, page);
  const [x, y, w, h] = rectMm.map((v) => v * MM) as [number, number, number, number];
  let inside = 0;
  let outside = 0;
  let nonWhiteNear = 0;
  for (let py = 0; py < img.height; py++) {
    for (let px = 0; px < img.width; px++) {
      const c = img.at(px, py);
      const inRect = px >= Math.floor(x) - 1 && px <= Math.ceil(x + w) + 1 && py >= Math.floor(y) - 1 && py <= Math.ceil(y + h) + 1;
      if (isRed(c)) {
        if (inRect) inside++;
        else outside++;
      }
      // A band of 10 px around the rectangle (below the test page's text) must stay white.
      const band = !inRect && px >= x - 10 && px <= x + w + 10 && py >= y - 10 && py <= y + h + 10;
      if (band && !isWhite(c)) nonWhiteNear++;
    }
  }
  return { inside, outside, nonWhiteNear, area: w * h };
}

describe('visible signatures', () => {
  const rect: [number, number, number, number] = [120, 60, 40, 40];
  const cases: [string, PdfSealImage, string][] = [
    ['PNG', { png: stamp('png') }, 'p256'],
    ['JPEG', { jpeg: stamp('jpg') }, 'rsa'],
    ['.esl seal (its PNG picture)', { seal: new Uint8Array(readFileSync(join(repo, 'fixtures/seal/sample-v4.esl'))) }, 'sm2'],
  ];
  for (const [label, image, alg] of cases) {
    it(`${label}: the seal's red fills the rectangle on page 2, nothing red elsewhere, page 1 untouched`, async () => {
      const out = await signPdf(base, { signer: signer(alg), appearance: { page: 2, rect, image }, signingTime: when });
      const c = census(out, 2, rect);
      expect(c.inside).toBeGreaterThan(c.area * 0.1);
      expect(c.outside).toBe(0);
      expect(c.nonWhiteNear).toBe(0);
      expect(census(out, 1, rect).inside).toBe(0);
      // The unsigned page renders without any red there (the oracle is discriminating).
      expect(census(base, 2, rect).inside).toBe(0);
      const path = join(tmp, `visible-${alg}.pdf`);
      writeFileSync(path, out);
      expect(spawnSync('qpdf', ['--check', path]).status).toBe(0);
      if (alg !== 'sm2') expect(spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' }).stdout).toContain('Signature is Valid');
      // Widget /Rect in points from the top-left mm position (A4 CropBox = MediaBox 595.28 × 841.89).
      const m = /\/Rect \[([\d. ]+)\] \/AP << \/N (\d+) 0 R >>/.exec(Buffer.from(out.subarray(base.length)).toString('latin1'))!;
      const r = m[1]!.split(' ').map(Number);
      expect(r[0]).toBeCloseTo(120 * MM, 2);
      expect(r[2]).toBeCloseTo(160 * MM, 2);
      expect(r[3]).toBeCloseTo(841.89 - 60 * MM, 2);
      expect(r[1]).toBeCloseTo(841.89 - 100 * MM, 2);
      // The widget sits on page 2 (its /P and that page's /Annots): qpdf names the page of each field.
      const json = JSON.parse(spawnSync('qpdf', ['--json=2', '--json-key=acroform', path], { encoding: 'utf8' }).stdout) as { acroform: { fields: { pageposfrom1: number; fieldtype: string }[] } };
      expect(json.acroform.fields).toEqual([expect.objectContaining({ fieldtype: '/Sig', pageposfrom1: 2 })]);
    });
  }

  it('without a rectangle the seal goes to its stated size (40 × 40 mm) 20 mm from the bottom-right corner', async () => {
    const seal = new Uint8Array(readFileSync(join(repo, 'fixtures/seal/sample-v4.esl')));
    const out = await signPdf(base, { signer: signer('sm2'), appearance: { page: 1, image: { seal } }, signingTime: when });
    const wMm = 595.28 / MM;
    const hMm = 841.89 / MM;
    const c = census(out, 1, [wMm - 60, hMm - 60, 40, 40]);
    expect(c.inside).toBeGreaterThan(c.area * 0.1);
    expect(c.outside).toBe(0);
  });

  it('a PNG with transparency gets a soft mask (the page shows through: white around the ring)', async () => {
    const out = await signPdf(base, { signer: signer('rsa'), appearance: { page: 1, rect: [20, 150, 30, 30], image: { png: stamp('png') } }, signingTime: when });
    expect(Buffer.from(out.subarray(base.length)).toString('latin1')).toMatch(/\/SMask \d+ 0 R/);
    const img = render(out, 1);
    // The corner of the square image is transparent in the PNG: white on the page, not black.
    expect(isWhite(img.at(Math.round(20 * MM) + 2, Math.round(150 * MM) + 2))).toBe(true);
  });

  it('a seal whose picture is a GIF is refused with a clear message', async () => {
    const gifSeal = createSeal({
      esID: '11010899999999',
      type: 1,
      name: 'GIF 测试章',
      signerCertificates: [cert('sm2', 'signer')],
      picture: { type: 'gif', data: stamp('gif'), widthMm: 40, heightMm: 40 },
      validStart: new Date('2026-01-01T00:00:00Z'),
      validEnd: new Date('2036-01-01T00:00:00Z'),
      makerKey: importPrivateKey(readFileSync(pki('sm2', 'seal-maker.key.pem'))),
      makerCertificate: cert('sm2', 'seal-maker'),
    });
    const p = signPdf(base, { signer: signer('sm2'), appearance: { page: 1, rect: [10, 10, 40, 40], image: { seal: gifSeal } } });
    await expect(p).rejects.toThrow(UnsupportedError);
    await expect(signPdf(base, { signer: signer('sm2'), appearance: { page: 1, rect: [10, 10, 40, 40], image: { seal: gifSeal } } })).rejects.toThrow(/GIF.*only PNG and JPEG/);
  });

  it('a seal that does not list the signer is refused (KeyError)', async () => {
    const seal = new Uint8Array(readFileSync(join(repo, 'fixtures/seal/sample-v4.esl')));
    const other = { ...signer('sm2'), key: importPrivateKey(readFileSync(pki('sm2', 'seal-maker.key.pem'))), certificate: cert('sm2', 'seal-maker') };
    await expect(signPdf(base, { signer: other, appearance: { page: 1, rect: [10, 10, 40, 40], image: { seal } } })).rejects.toThrow(KeyError);
  });

  it('page out of range and rectangles off the page are refused', async () => {
    const image = { png: stamp('png') };
    await expect(signPdf(base, { signer: signer('rsa'), appearance: { page: 3, rect: [10, 10, 40, 40], image } })).rejects.toThrow(/page 3 does not exist: the document has 2 pages/);
    await expect(signPdf(base, { signer: signer('rsa'), appearance: { page: 0, rect: [10, 10, 40, 40], image } })).rejects.toThrow(/page 0/);
    await expect(signPdf(base, { signer: signer('rsa'), appearance: { page: 1, rect: [190, 10, 40, 40], image } })).rejects.toThrow(/does not fit/);
    await expect(signPdf(base, { signer: signer('rsa'), appearance: { page: 1, rect: [10, 10, 0, 40], image } })).rejects.toThrow(/at least 1 mm/);
    // Under 1 mm on a side: a FormatError, not a placement error (the CLI: a failed operation, exit 1).
    const tiny = signPdf(base, { signer: signer('rsa'), appearance: { page: 1, rect: [10, 10, 40, 0.9], image } });
    await expect(tiny).rejects.toThrow(FormatError);
    await expect(tiny).rejects.not.toThrow(PdfPlacementError);
    await expect(signPdf(base, { signer: signer('rsa'), appearance: { page: 1, rect: [10, 10, 1, 1], image } })).resolves.toBeInstanceOf(Uint8Array);
    // Off the page and past the last page: PdfPlacementError (a FormatError; the CLI maps it to a usage error).
    for (const appearance of [
      { page: 3, rect: [10, 10, 40, 40] as [number, number, number, number], image },
      { page: 1, rect: [190, 10, 40, 40] as [number, number, number, number], image },
      { page: 1, rect: [10, 280, 40, 40] as [number, number, number, number], image },
      { page: 1, rect: [-1, 10, 40, 40] as [number, number, number, number], image },
    ]) {
      const p = signPdf(base, { signer: signer('rsa'), appearance });
      await expect(p).rejects.toThrow(PdfPlacementError);
      await expect(p).rejects.toThrow(FormatError);
    }
    await expect(signPdf(base, { signer: signer('rsa'), appearance: { page: 1, rect: [10, 10, 40, 40], image: { png: stamp('jpg') } } })).rejects.toThrow(/not a PNG/);
  });
});
