// A PNG (an OFD MultiMedia image) as RGBA pixels for the QR search: the size is read from IHDR and checked before
// pngjs (loaded on first use) allocates anything; transparency is composited over white.
import { createRequire } from 'node:module';
import type Pngjs from 'pngjs';
import { MAX_IMAGE_ASPECT, MAX_IMAGE_PIXELS, MIN_IMAGE_SIDE } from './limits.js';
import type { Rgba } from './qr-pixels.js';

let pngjs: typeof Pngjs | undefined;
function load(): typeof Pngjs {
  return (pngjs ??= createRequire(import.meta.url)('pngjs') as typeof Pngjs);
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(b: Uint8Array): boolean {
  return b.length >= 33 && SIGNATURE.every((v, i) => b[i] === v);
}

/** Pixels of a PNG worth searching, `{ skip }` when it is not QR-sized, `{ problem }` when it cannot be read. */
export function pngPixels(b: Uint8Array): Rgba | { skip: string } | { problem: string } {
  if (!isPng(b)) return { problem: 'not a PNG image' };
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) return { skip: `${width}×${height} pixels is too small for a QR code` };
  if (Math.max(width, height) / Math.min(width, height) > MAX_IMAGE_ASPECT) return { skip: `${width}×${height} pixels is not QR-shaped` };
  if (width * height > MAX_IMAGE_PIXELS) return { skip: `${width}×${height} pixels exceeds ${MAX_IMAGE_PIXELS} pixels` };
  let img: { width: number; height: number; data: Buffer };
  try {
    img = load().PNG.sync.read(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  } catch (e) {
    return { problem: `unreadable PNG: ${e instanceof Error ? e.message : String(e)}` };
  }
  const data = new Uint8ClampedArray(img.width * img.height * 4);
  const src = img.data;
  for (let i = 0; i < data.length; i += 4) {
    const a = src[i + 3]!;
    for (let c = 0; c < 3; c++) data[i + c] = (src[i + c]! * a + 255 * (255 - a)) / 255;
    data[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
}
