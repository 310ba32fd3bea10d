// PNG images as PDF image XObjects. A black-and-white opaque image (a QR code) becomes a 1-bit DeviceGray image at
// the PNG's own resolution: ≈ 3 KB instead of the ≈ 22 KB of pdf-lib's 8-bit RGB for the same code, and its pixels
// stay exactly black or white. Anything else (colour, grey levels, transparency) goes through pdf-lib's embedPng.
// Neither is /Interpolate: the code's modules are several pixels wide, so viewers scale it without blurring it.
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import type Pngjs from 'pngjs';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { FormatError, LimitError } from '../../errors.js';
import type { PdfLib } from './pdf-lib.js';

const MAX_IMAGE_PIXELS = 16_000_000;
let pngjs: typeof Pngjs | undefined;

/** The image as packed 1-bit rows (1 = white), when every pixel is opaque pure black or pure white. */
export function bilevelPixels(png: Uint8Array): { width: number; height: number; bits: Uint8Array } | undefined {
  if (png.length < 33) throw new FormatError('not a PNG');
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  if (width === 0 || height === 0 || width * height > MAX_IMAGE_PIXELS) throw new LimitError(`PNG of ${width}×${height} pixels is too large`);
  pngjs ??= createRequire(import.meta.url)('pngjs') as typeof Pngjs;
  let img: { width: number; height: number; data: Buffer };
  try {
    img = pngjs.PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (e) {
    throw new FormatError(`unreadable PNG (${(e as Error).message})`);
  }
  const rowBytes = Math.ceil(img.width / 8);
  const bits = new Uint8Array(rowBytes * img.height);
  const d = img.data;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      const r = d[i]!;
      if (d[i + 3] !== 255 || d[i + 1] !== r || d[i + 2] !== r || (r !== 0 && r !== 255)) return undefined;
      if (r === 255) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width: img.width, height: img.height, bits };
}

/** Register the PNG as an image XObject; returns its reference. Throws FormatError for a PNG it cannot read. */
export async function embedPngImage(lib: PdfLib, doc: PDFDocument, png: Uint8Array): Promise<PDFRef> {
  const bw = bilevelPixels(png);
  if (bw) {
    const ctx = doc.context;
    return ctx.register(
      ctx.stream(deflateSync(bw.bits, { level: 9 }), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: bw.width,
        Height: bw.height,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 1,
        Filter: 'FlateDecode',
      }),
    );
  }
  try {
    return (await doc.embedPng(png)).ref;
  } catch (e) {
    throw new FormatError(`not a usable PNG (${(e as Error).message})`);
  }
}
