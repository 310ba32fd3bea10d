// pngPixels: the plain 8-bit gray reader must give exactly what pngjs gives (the reference: pngjs read + composited
// over white, the reader's behaviour before the plain path), for every PNG filter type; every other PNG — colour,
// alpha, extra chunks, a bad CRC, cut data — must still be read by pngjs with the same outcome.
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import type Pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pngPixels } from './png-pixels.js';
import { grayToRgba, type Pixels } from './qr-pixels.js';

const { PNG } = createRequire(import.meta.url)('pngjs') as typeof Pngjs;

/** What pngPixels returned before the plain reader: pngjs, transparency over white. */
function reference(b: Uint8Array): { width: number; height: number; data: Uint8ClampedArray } | { problem: string } {
  let img: { width: number; height: number; data: Buffer };
  try {
    img = PNG.sync.read(Buffer.from(b));
  } catch (e) {
    return { problem: `unreadable PNG: ${(e as Error).message}` };
  }
  const data = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0; i < data.length; i += 4) {
    const a = img.data[i + 3]!;
    for (let c = 0; c < 3; c++) data[i + c] = (img.data[i + c]! * a + 255 * (255 - a)) / 255;
    data[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
}

const rgba = (p: Pixels) => ('gray' in p ? grayToRgba(p) : p);

let seed = 7;
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);

/** A gray image with smooth areas, edges and noise, so every filter type has work to do. */
function grayImage(w: number, h: number): Buffer {
  const d = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d[y * w + x] = (x * 7 + y * 3) % 256 ^ (rnd(5) === 0 ? rnd(256) : 0);
  return d;
}

function encode(w: number, h: number, o: { colorType?: 0 | 2 | 4 | 6; filterType?: number } = {}): Uint8Array {
  const ct = o.colorType ?? 0;
  const png = new PNG({ width: w, height: h, colorType: ct, inputColorType: 0, bitDepth: 8, inputHasAlpha: false, ...(o.filterType !== undefined ? { filterType: o.filterType } : {}) });
  png.data = grayImage(w, h);
  return new Uint8Array(PNG.sync.write(png, { colorType: ct, inputColorType: 0, inputHasAlpha: false, ...(o.filterType !== undefined ? { filterType: o.filterType } : {}) }));
}

/** A chunk spliced in before IEND (CRC computed by pngjs' writer is not needed: we write a valid one with zlib). */
function withChunk(png: Uint8Array, type: string, body: Uint8Array): Uint8Array {
  const { crc32 } = createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), head, body, crc, png.subarray(iend)]);
}

function same(b: Uint8Array): Pixels {
  const got = pngPixels(b);
  const want = reference(b);
  if ('problem' in want) {
    expect(got).toEqual(want);
    return got as Pixels;
  }
  expect('skip' in got || 'problem' in got).toBe(false);
  const px = rgba(got as Pixels);
  expect([px.width, px.height]).toEqual([want.width, want.height]);
  expect(Buffer.from(px.data).equals(Buffer.from(want.data))).toBe(true);
  return got as Pixels;
}

describe('pngPixels', () => {
  it('reads plain 8-bit gray PNGs itself, exactly as pngjs does, for every filter type', () => {
    for (const filterType of [0, 1, 2, 3, 4, -1]) {
      for (const [w, h] of [[21, 21], [37, 40], [96, 64]] as const) {
        const got = same(encode(w, h, { filterType }));
        expect('gray' in got, `filter ${filterType} ${w}×${h}`).toBe(true);
      }
    }
  });

  it('leaves colour, alpha, extra chunks, bad CRCs and cut data to pngjs, with the same outcome as before', () => {
    const plain = encode(40, 40);
    for (const colorType of [2, 4, 6] as const) expect('data' in same(encode(40, 40, { colorType }))).toBe(true);
    // A transparency chunk changes the pixels (gray value 0 transparent → white): pngjs must apply it.
    const trns = withChunk(plain, 'tRNS', Uint8Array.of(0, 0));
    expect('data' in same(trns)).toBe(true);
    expect('data' in same(withChunk(plain, 'tEXt', new TextEncoder().encode('Comment\0x')))).toBe(true);
    const badCrc = plain.slice();
    badCrc[plain.length - 20]! ^= 0x01; // inside IDAT: its CRC no longer matches
    same(badCrc);
    same(plain.slice(0, plain.length - 30));
    // IDAT inflating to more rows than IHDR declares.
    const w = 30;
    const rows = Buffer.alloc((w + 1) * (w + 5));
    const ihdr = Buffer.from(plain.subarray(0, 33));
    ihdr.writeUInt32BE(w, 16);
    ihdr.writeUInt32BE(w, 20);
    const { crc32 } = createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
    ihdr.writeUInt32BE(crc32(ihdr.subarray(12, 29)) >>> 0, 29);
    const long = withChunk(Buffer.concat([ihdr, plain.subarray(plain.length - 12)]), 'IDAT', deflateSync(rows));
    same(long);
  });

  it('skips images that cannot be a QR code before decoding anything', () => {
    expect(pngPixels(encode(10, 10))).toEqual({ skip: '10×10 pixels is too small for a QR code' });
    expect(pngPixels(encode(200, 30))).toEqual({ skip: '200×30 pixels is not QR-shaped' });
  });
});
