// The QR fast path: a clean module grid is recognised and redrawn at one pixel per module, and reads the same text as
// the full image; anything that is not exactly such a grid is not (the full image is searched instead) and is still
// read through findQr.
import { describe, expect, it } from 'vitest';
import { renderQr } from '../../credential/qr/render.js';
import { pngPixels } from './png-pixels.js';
import { gridImage, type Gray } from './qr-grid.js';
import { findQr, grayToRgba } from './qr-pixels.js';
import { createRequire } from 'node:module';

const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;
const full = (g: Gray) => {
  const px = grayToRgba(g);
  return jsQR(px.data, px.width, px.height, { inversionAttempts: 'attemptBoth' })?.data;
};

const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:';
const payload = (n: number) => `HY1:${Array.from({ length: n }, (_, i) => A[(i * 7 + n) % A.length]).join('')}`;

function gray(text: string, scale: number, margin: number): Gray {
  const p = pngPixels(renderQr(text, { format: 'png', scale, margin }));
  if (!('gray' in p)) throw new Error('renderQr PNG not read as gray');
  return p;
}

function modulesOf(text: string): number {
  return gray(text, 1, 0).width;
}

describe('gridImage', () => {
  it('recognises rendered codes at any integer scale and quiet zone, one pixel per module, same text as the full image', () => {
    for (const [len, scale, margin] of [[30, 1, 1], [120, 2, 4], [400, 8, 4], [700, 3, 2], [60, 5, 6]] as const) {
      const text = payload(len);
      const g = gray(text, scale, margin);
      const small = gridImage(g);
      expect(small, `${len} ${scale} ${margin}`).toBeDefined();
      expect(small!.width).toBe(modulesOf(text) + 8);
      expect(jsQR(small!.data, small!.width, small!.height)?.data).toBe(text);
      // jsqr needs some quiet zone at one pixel per module: the small image always has 4 modules of it.
      if (scale > 1 || margin >= 4) expect(full(g)).toBe(text);
      expect(findQr(g)).toBe(text);
    }
  });

  it('is no grid when a pixel breaks a module, is not pure black or white, or the quiet zone is not white; findQr still reads it', () => {
    const text = payload(200);
    const base = gray(text, 4, 4);
    const w = base.width;
    const edit = (f: (g: Uint8Array) => void): Gray => {
      const g = { ...base, gray: base.gray.slice() };
      f(g.gray);
      return g;
    };
    const cases: Record<string, Gray> = {
      // Module (7, 7) of the symbol is the white separator corner of the top-left finder pattern.
      'one pixel inside a white module turned black': edit((g) => (g[((4 + 7) * 4 + 1) * w + (4 + 7) * 4 + 2] = 0)),
      // A whole white module (the separator corner) drawn light gray: uniform, but not pure white.
      'a module drawn gray': edit((g) => {
        for (let y = (4 + 7) * 4; y < (4 + 8) * 4; y++) g.fill(200, y * w + (4 + 7) * 4, y * w + (4 + 8) * 4);
      }),
      'a dark pixel in the quiet zone': edit((g) => (g[(w - 2) * w + w - 2] = 0)),
      'inverted': edit((g) => g.forEach((v, i) => (g[i] = 255 - v))),
    };
    for (const [what, g] of Object.entries(cases)) {
      expect(gridImage(g), what).toBeUndefined();
      expect(findQr(g), what).toBe(full(g));
    }
    expect(findQr(cases['one pixel inside a white module turned black']!)).toBe(text);
    expect(findQr(cases.inverted!)).toBe(text);
  });

  it('is no grid when the scale is not whole or a finder pattern is missing', () => {
    const text = payload(90);
    const src = gray(text, 8, 4);
    // Nearest-neighbour to 7.5 pixels per module: uneven squares.
    const w = Math.floor((src.width * 15) / 16);
    const scaled: Gray = { width: w, height: w, gray: new Uint8Array(w * w) };
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) scaled.gray[y * w + x] = src.gray[Math.floor((y * 16) / 15) * src.width + Math.floor((x * 16) / 15)]!;
    expect(gridImage(scaled)).toBeUndefined();
    expect(findQr(scaled)).toBe(text);
    // The bottom-left finder pattern painted white.
    const n = modulesOf(text);
    const noFinder: Gray = { ...src, gray: src.gray.slice() };
    for (let y = (4 + n - 7) * 8; y < (4 + n) * 8; y++) noFinder.gray.fill(255, y * src.width + 32, y * src.width + 32 + 56);
    expect(gridImage(noFinder)).toBeUndefined();
  });

  it('is no grid for blank, tiny or non-square images', () => {
    expect(gridImage({ width: 50, height: 50, gray: new Uint8Array(2500).fill(255) })).toBeUndefined();
    expect(gridImage({ width: 50, height: 50, gray: new Uint8Array(2500) })).toBeUndefined();
    const g = gray(payload(20), 2, 4);
    expect(gridImage({ width: g.width - 2, height: g.height + 2, gray: g.gray })).toBeUndefined();
  });
});
