// How many modules wide a QR code PNG is (quiet zone included), read from its pixels: the first dark run of the top
// rows is the top edge of the top-left finder pattern, 7 modules wide. The layout sizes the printed code from it, so
// that every module is at least QR_MIN_MODULE_MM wide whatever the payload's QR version.
import { createRequire } from 'node:module';
import type Pngjs from 'pngjs';
import { FormatError, LimitError } from '../../errors.js';

/** Smallest printed module: 0.5 mm is 3 px at 150 dpi, what a phone or a scan of the page decodes reliably. */
export const QR_MIN_MODULE_MM = 0.5;
const MAX_QR_PNG_PIXELS = 16_000_000;

let pngjs: typeof Pngjs | undefined;

const FINDER = ['#######', '#.....#', '#.###.#', '#.###.#', '#.###.#', '#.....#', '#######'];

/** Modules across the symbol including its quiet zone. Throws FormatError when no finder pattern is found. */
export function qrModules(png: Uint8Array): number {
  if (png.length < 33) throw new FormatError('qrPng: not a PNG');
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  if (width === 0 || height === 0 || width * height > MAX_QR_PNG_PIXELS) throw new LimitError(`qrPng: ${width}×${height} pixels is not a QR code image we accept`);
  pngjs ??= createRequire(import.meta.url)('pngjs') as typeof Pngjs;
  let img: { width: number; height: number; data: Buffer };
  try {
    img = pngjs.PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (e) {
    throw new FormatError(`qrPng: unreadable PNG (${(e as Error).message})`);
  }
  // Dark: luminance below half, over white where transparent.
  const dark = (x: number, y: number): boolean => {
    const i = (y * img.width + x) * 4;
    const a = img.data[i + 3]! / 255;
    const lum = (0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!) * a + 255 * (1 - a);
    return lum < 128;
  };
  for (let y = 0; y < img.height; y++) {
    let x = 0;
    while (x < img.width && !dark(x, y)) x++;
    if (x === img.width) continue;
    let run = 0;
    while (x + run < img.width && dark(x + run, y)) run++;
    const m = run / 7;
    const modules = Math.round(img.width / m);
    // 21..177 modules plus a quiet zone of up to 4 on each side; the finder starts as far from the left as from the
    // top, and its 7 × 7 modules (sampled at their centres) are the ring-ring-square of ISO/IEC 18004.
    if (run < 7 || modules < 21 || modules > 185 || Math.abs(x - y) > m || x + run > img.width || y + run > img.height) break;
    const ok = FINDER.every((row, r) => [...row].every((c, k) => dark(Math.floor(x + (k + 0.5) * m), Math.floor(y + (r + 0.5) * m)) === (c === '#')));
    if (!ok) break;
    return modules;
  }
  throw new FormatError('qrPng: no QR finder pattern found');
}
