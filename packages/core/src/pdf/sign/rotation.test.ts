// Visible signatures on rotated pages (/Rotate 90/180/270, on the page or inherited from /Pages): the rectangle is
// given in mm as the page is DISPLAYED, and the picture is upright as displayed. Oracle: pdftoppm renders. The image
// is 200 × 100 px, opaque (red) only in its top-left quadrant; the rectangle has the same aspect, so the quadrant
// must cover exactly the top-left quarter of the requested rectangle, whatever the rotation.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { importPrivateKey } from '../../crypto/index.js';
import { loadCertificates } from '../../pki/index.js';
import { signPdf } from './sign-pdf.js';
import type { PdfSignerIdentity } from './types.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (f: string): string => join(repo, 'fixtures/pki/rsa', f);
const basePath = join(repo, 'fixtures/pdf/base.pdf');
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfsign-rot-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const signer: PdfSignerIdentity = {
  key: importPrivateKey(readFileSync(pki('signer.key.pem'))),
  certificate: loadCertificates(readFileSync(pki('signer.pem')))[0]!,
  chain: loadCertificates(readFileSync(pki('intermediate.pem'))),
};
const MM = 72 / 25.4;

function quadrantPng(): Uint8Array {
  const png = new pngjs.PNG({ width: 200, height: 100 });
  for (let y = 0; y < 100; y++) {
    for (let x = 0; x < 200; x++) {
      const i = (y * 200 + x) * 4;
      const on = x < 100 && y < 50;
      png.data[i] = 220;
      png.data[i + 1] = 0;
      png.data[i + 2] = 0;
      png.data[i + 3] = on ? 255 : 0;
    }
  }
  return new Uint8Array(pngjs.PNG.sync.write(png));
}

/** Bounding box (px at 72 dpi, displayed orientation) of the red pixels of page 1. */
function redBox(pdf: Uint8Array): { x0: number; y0: number; x1: number; y1: number; n: number; width: number; height: number } {
  const path = join(tmp, `r${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  expect(spawnSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-png', '-singlefile', path, `${path}-out`]).status).toBe(0);
  const img = pngjs.PNG.sync.read(readFileSync(`${path}-out.png`));
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity, n: 0, width: img.width, height: img.height };
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (img.data[i]! > 150 && img.data[i + 1]! < 100 && img.data[i + 2]! < 100) {
        box.n++;
        box.x0 = Math.min(box.x0, x);
        box.y0 = Math.min(box.y0, y);
        box.x1 = Math.max(box.x1, x + 1);
        box.y1 = Math.max(box.y1, y + 1);
      }
    }
  }
  return box;
}

/** base.pdf with /Rotate set by qpdf on the page, or on the /Pages node (object 1) by an incremental update. */
function rotated(deg: number, where: 'page' | 'pages'): Uint8Array {
  if (deg === 0) return new Uint8Array(readFileSync(basePath));
  if (where === 'page') {
    const out = join(tmp, `r${deg}.pdf`);
    expect(spawnSync('qpdf', [`--rotate=+${deg}`, basePath, out]).status).toBe(0);
    return new Uint8Array(readFileSync(out));
  }
  let s = readFileSync(basePath).toString('latin1');
  const pages = /1 0 obj\s*(<<[\s\S]*?>>)\s*endobj/.exec(s)![1]!;
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(s)![1]);
  const at = s.length;
  s += `1 0 obj\n${pages.replace(/>>$/, `/Rotate ${deg} >>`)}\nendobj\n`;
  const xref = s.length;
  s += `xref\n1 1\n${String(at).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 9 /Root 2 0 R /Info 3 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

describe('visible signature on rotated pages', () => {
  const image = { png: quadrantPng() };
  const rect: [number, number, number, number] = [30, 40, 60, 30];
  for (const where of ['page', 'pages'] as const) {
    for (const deg of [0, 90, 180, 270]) {
      if (deg === 0 && where === 'pages') continue;
      it(`/Rotate ${deg} (${where === 'page' ? 'on the page' : 'inherited from /Pages'}): the opaque quadrant shows top-left of the requested rectangle, upright`, async () => {
        const pdf = rotated(deg, where);
        expect(redBox(pdf).n).toBe(0);
        const signed = await signPdf(pdf, { signer, appearance: { page: 1, rect, image } });
        const box = redBox(signed);
        // Displayed page: 595 × 842 pt portrait, or landscape when turned a quarter.
        expect(Math.abs(box.width - (deg % 180 === 0 ? 595.28 : 841.89))).toBeLessThan(1.5);
        const [x, y, w, h] = rect.map((v) => v * MM) as [number, number, number, number];
        const tol = 2;
        expect(box.x0).toBeGreaterThanOrEqual(Math.floor(x) - tol);
        expect(box.x0).toBeLessThanOrEqual(Math.ceil(x) + tol);
        expect(box.y0).toBeGreaterThanOrEqual(Math.floor(y) - tol);
        expect(box.y0).toBeLessThanOrEqual(Math.ceil(y) + tol);
        // The quadrant is w/2 × h/2 as displayed (sideways it would be h/2 × w/2 or elsewhere).
        expect(Math.abs(box.x1 - (x + w / 2))).toBeLessThanOrEqual(tol);
        expect(Math.abs(box.y1 - (y + h / 2))).toBeLessThanOrEqual(tol);
        // Solid: the red area is the box.
        expect(box.n).toBeGreaterThan(0.9 * (box.x1 - box.x0) * (box.y1 - box.y0));
      });
    }
  }

  it('a rectangle that fits the displayed (landscape) page but not the unrotated one is accepted; the reverse is refused', async () => {
    const landscape = rotated(90, 'page');
    await expect(signPdf(landscape, { signer, appearance: { page: 1, rect: [240, 10, 40, 40], image } })).resolves.toBeInstanceOf(Uint8Array);
    await expect(signPdf(landscape, { signer, appearance: { page: 1, rect: [10, 200, 40, 40], image } })).rejects.toThrow(/does not fit/);
  });
});
