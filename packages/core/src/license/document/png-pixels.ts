// A PNG (an OFD MultiMedia image) as pixels for the QR search: the size is read from IHDR and checked before anything
// is allocated. A plain 8-bit grayscale PNG (what the OFD writer stores for the licence QR) is read here, to one byte
// per pixel; any other PNG — colour, palette, transparency, interlace, other chunks, or a flaw anywhere — by pngjs
// (loaded on first use) to RGBA, its transparency composited over white, exactly as before the plain reader existed.
import { createRequire } from 'node:module';
import { crc32, inflateSync } from 'node:zlib';
import type Pngjs from 'pngjs';
import { MAX_IMAGE_ASPECT, MAX_IMAGE_PIXELS, MIN_IMAGE_SIDE } from './limits.js';
import type { Gray, Pixels } from './qr-pixels.js';

let pngjs: typeof Pngjs | undefined;
function load(): typeof Pngjs {
  return (pngjs ??= createRequire(import.meta.url)('pngjs') as typeof Pngjs);
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(b: Uint8Array): boolean {
  return b.length >= 33 && SIGNATURE.every((v, i) => b[i] === v);
}

const chunkType = (b: Uint8Array, at: number): string => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** Undo the PNG row filters (ISO/IEC 15948 9.2) of 1-byte pixels into `out`; false on an unknown filter type. */
function unfilter(raw: Uint8Array, width: number, height: number, out: Uint8Array): boolean {
  for (let y = 0; y < height; y++) {
    const f = raw[y * (width + 1)]!;
    const src = y * (width + 1) + 1;
    const o = y * width;
    const up = o - width;
    // One loop per filter type (the type is per row); the row above is zeros on the first row.
    if (f === 0) out.set(raw.subarray(src, src + width), o);
    else if (f === 1) {
      let a = 0;
      for (let x = 0; x < width; x++) out[o + x] = a = (raw[src + x]! + a) & 0xff;
    } else if (f === 2) {
      if (y === 0) out.set(raw.subarray(src, src + width), o);
      else for (let x = 0; x < width; x++) out[o + x] = (raw[src + x]! + out[up + x]!) & 0xff;
    } else if (f === 3) {
      let a = 0;
      for (let x = 0; x < width; x++) out[o + x] = a = (raw[src + x]! + ((a + (y > 0 ? out[up + x]! : 0)) >> 1)) & 0xff;
    } else if (f === 4) {
      let a = 0;
      let c = 0;
      for (let x = 0; x < width; x++) {
        const b = y > 0 ? out[up + x]! : 0;
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        const p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        out[o + x] = a = (raw[src + x]! + p) & 0xff;
        c = b;
      }
    } else return false;
  }
  return true;
}

/**
 * A non-interlaced 8-bit grayscale PNG of exactly IHDR, IDAT…, IEND, every CRC right and the image data inflating to
 * exactly its rows, as gray bytes; undefined for anything else (then pngjs reads it). Size checked by the caller.
 */
function plainGray(b: Uint8Array, width: number, height: number): Gray | undefined {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const idat: Uint8Array[] = [];
  let at = 8;
  let ended = false;
  while (!ended && at + 12 <= b.length) {
    const len = dv.getUint32(at);
    const type = chunkType(b, at + 4);
    const next = at + 12 + len;
    if (next > b.length || crc32(b.subarray(at + 4, at + 8 + len)) >>> 0 !== dv.getUint32(at + 8 + len)) return undefined;
    if (at === 8) {
      // IHDR: bit depth 8, colour type 0 (gray), compression 0, filter 0, no interlace.
      if (type !== 'IHDR' || len !== 13 || b[24] !== 8 || b[25] !== 0 || b[26] !== 0 || b[27] !== 0 || b[28] !== 0) return undefined;
    } else if (type === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + len));
    else if (type === 'IEND') ended = true;
    else return undefined;
    at = next;
  }
  if (!ended || at !== b.length || idat.length === 0) return undefined;
  const expected = height * (width + 1);
  let raw: Uint8Array;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected });
  } catch {
    return undefined;
  }
  if (raw.length !== expected) return undefined;
  const gray = new Uint8Array(width * height);
  return unfilter(raw, width, height, gray) ? { width, height, gray } : undefined;
}

/** Pixels of a PNG worth searching, `{ skip }` when it is not QR-sized, `{ problem }` when it cannot be read. */
export function pngPixels(b: Uint8Array): Pixels | { skip: string; oversized?: true } | { problem: string } {
  if (!isPng(b)) return { problem: 'not a PNG image' };
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) return { skip: `${width}×${height} pixels is too small for a QR code` };
  if (Math.max(width, height) / Math.min(width, height) > MAX_IMAGE_ASPECT) return { skip: `${width}×${height} pixels is not QR-shaped` };
  if (width * height > MAX_IMAGE_PIXELS) return { skip: `${width}×${height} pixels exceeds ${MAX_IMAGE_PIXELS} pixels`, oversized: true };
  const plain = plainGray(b, width, height);
  if (plain) return plain;
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
