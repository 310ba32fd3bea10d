// The draw-list → PDF page writer on its own: alignment (pdftotext -bbox), colours and rectangles (pdftoppm pixels),
// the two image paths (1-bit grey for a black-and-white code, pdf-lib for a colour PNG with alpha), the role marks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import type Pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrImage, renderQr } from '../../credential/qr/index.js';
import { measureText } from '../../font/index.js';
import type { LicensePage } from './draw-list.js';
import { pdfLib } from './pdf-lib.js';
import { drawLicensePage, num } from './pdf-page.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const { PNG } = createRequire(import.meta.url)('pngjs') as typeof Pngjs;
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfpage-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const stamp = new Uint8Array(readFileSync(join(repo, 'fixtures/seal/stamp.png')));
const qr = renderQr('HY1:PDF-PAGE-TEST', { format: 'png' });
const page: LicensePage = {
  widthMm: 210,
  heightMm: 297,
  sealRect: { xMm: 0, yMm: 0, wMm: 1, hMm: 1 },
  items: [
    { kind: 'text', xMm: 105, yMm: 30, sizePt: 20, text: '居中标题', weight: 'bold', align: 'center', role: 'title' },
    { kind: 'text', xMm: 190, yMm: 50, sizePt: 12, text: '右对齐 Right', align: 'right', color: [0, 0, 1] },
    { kind: 'text', xMm: 20, yMm: 70, sizePt: 12, text: '左对齐', role: 'value:certificateHolder' },
    { kind: 'rect', xMm: 20, yMm: 100, wMm: 50, hMm: 20, fill: [1, 0, 0] },
    { kind: 'rect', xMm: 100, yMm: 100, wMm: 50, hMm: 20, strokePt: 2, stroke: [0, 0.5, 0] },
    { kind: 'line', x1Mm: 20, y1Mm: 140, x2Mm: 190, y2Mm: 140, widthPt: 3, color: [0, 0, 1] },
    { kind: 'image', xMm: 20, yMm: 160, wMm: 40, hMm: 40, png: stamp, role: 'decoration' },
    { kind: 'image', xMm: 120, yMm: 160, wMm: 40, hMm: 40, png: qr, role: 'qr' },
  ],
};

let path = '';
let pixels: { width: number; height: number; data: Buffer };
const DPI = 72;
const px = (mm: number) => Math.round((mm / 25.4) * DPI);
const at = (xMm: number, yMm: number): [number, number, number] => {
  const i = (px(yMm) * pixels.width + px(xMm)) * 4;
  return [pixels.data[i]!, pixels.data[i + 1]!, pixels.data[i + 2]!];
};

beforeAll(async () => {
  const lib = pdfLib();
  const doc = await lib.PDFDocument.create();
  await drawLicensePage(lib, doc, page);
  path = join(tmp, 'page.pdf');
  writeFileSync(path, await doc.save({ useObjectStreams: false }));
  const r = spawnSync('pdftoppm', ['-r', String(DPI), '-png', '-singlefile', path, join(tmp, 'page')], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  pixels = PNG.sync.read(readFileSync(join(tmp, 'page.png')));
});

describe('drawLicensePage', () => {
  it('places centred and right-aligned text by the font widths (pdftotext -bbox)', () => {
    const html = spawnSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' }).stdout;
    const word = (w: string) => {
      const m = new RegExp(`xMin="([\\d.]+)" yMin="[\\d.]+" xMax="([\\d.]+)" yMax="[\\d.]+">${w}<`).exec(html)!;
      return { x0: (Number(m[1]) / 72) * 25.4, x1: (Number(m[2]) / 72) * 25.4 };
    };
    const title = word('居中标题');
    expect((title.x0 + title.x1) / 2).toBeCloseTo(105, 0);
    expect(title.x1 - title.x0).toBeCloseTo(measureText('居中标题', 20, 'bold'), 0);
    expect(word('Right').x1).toBeCloseTo(190, 0);
    expect(word('左对齐').x0).toBeCloseTo(20, 0);
  });

  it('fills, strokes and colours where the list says (pixels)', () => {
    expect(at(45, 110)).toEqual([255, 0, 0]); // filled rect
    expect(at(125, 110)).toEqual([255, 255, 255]); // stroked rect: inside stays white…
    const edge = at(100, 110);
    expect(edge[1]).toBeGreaterThan(100); // …its edge is green
    expect(edge[0]).toBeLessThan(50);
    const line = at(100, 140);
    expect(line[2]).toBeGreaterThan(200);
    expect(line[0]).toBeLessThan(50);
  });

  it('the QR code is a 1-bit grey image that decodes from the rendering; the colour stamp keeps its colours and alpha', () => {
    const json = JSON.parse(spawnSync('qpdf', ['--json', '--json-stream-data=none', path], { encoding: 'utf8' }).stdout) as { qpdf: [unknown, Record<string, { stream?: { dict: Record<string, unknown> } }>] };
    const images = Object.values(json.qpdf[1]).filter((o) => o.stream?.dict['/Subtype'] === '/Image').map((o) => o.stream!.dict);
    expect(images.some((d) => d['/ColorSpace'] === '/DeviceGray' && d['/BitsPerComponent'] === 1 && !('/SMask' in d))).toBe(true);
    expect(images.some((d) => d['/ColorSpace'] === '/DeviceRGB' && '/SMask' in d)).toBe(true);
    const r = spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', '-x', String(Math.round((110 / 25.4) * 150)), '-y', String(Math.round((150 / 25.4) * 150)), '-W', '400', '-H', '400', path, join(tmp, 'qr')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(decodeQrImage(new Uint8Array(readFileSync(join(tmp, 'qr.png'))))).toBe('HY1:PDF-PAGE-TEST');
    const [red, green, blue] = at(40, 180);
    expect(red).toBeGreaterThan(150);
    expect(green + blue).toBeLessThan(200);
  });

  it('marks each text with a role as /HeyanText marked content, and writes numbers without exponents', () => {
    const raw = readFileSync(path, 'latin1');
    const content = [...raw.matchAll(/stream\r?\n/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(raw.slice(m.index + m[0].length), 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    }).find((s) => s.includes(' Tj'))!;
    const hex = (s: string) => Buffer.from(s).toString('hex').toUpperCase();
    expect(content).toContain(`/HeyanText <</Role <${hex('title')}>>> BDC`);
    expect(content).toContain(`/HeyanText <</Role <${hex('value:certificateHolder')}>>> BDC`);
    expect(content.match(/BDC/g)).toHaveLength(2);
    expect(content.match(/EMC/g)).toHaveLength(2);
    expect(num(1e-7)).toBe('0');
    expect(num(-0.0001)).toBe('0');
    expect(num(123.45678)).toBe('123.457');
  });
});
