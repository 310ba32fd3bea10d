// Read the QR text from a PNG photo or scan: pngjs for RGBA pixels, jsqr to find and decode the symbol.
import { createRequire } from 'node:module';
import type Pngjs from 'pngjs';
import { FormatError, LimitError } from '../../errors.js';
import { MAX_PNG_BYTES, MAX_PNG_PIXELS } from '../limits.js';

// jsqr and pngjs (CommonJS) are loaded with the first image read, not with every import of @heyan/core.
// jsqr's typings declare an ES default export; require() gives the function itself.
let libs: { pngjs: typeof Pngjs; jsQR: typeof import('jsqr').default } | undefined;
function load(): { pngjs: typeof Pngjs; jsQR: typeof import('jsqr').default } {
  const req = createRequire(import.meta.url);
  return (libs ??= { pngjs: req('pngjs') as typeof Pngjs, jsQR: req('jsqr') as typeof import('jsqr').default });
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The text of the first QR code found in the PNG. Throws FormatError (not a PNG, no QR found) or LimitError. */
export function decodeQrImage(png: Uint8Array): string {
  if (!(png instanceof Uint8Array)) throw new FormatError('the image must be bytes');
  if (png.length > MAX_PNG_BYTES) throw new LimitError(`image of ${png.length} bytes exceeds ${MAX_PNG_BYTES}`);
  if (png.length < 33 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) throw new FormatError('not a PNG image');
  // IHDR comes first: check the pixel count before pngjs allocates anything.
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  if (width === 0 || height === 0 || width * height > MAX_PNG_PIXELS) throw new LimitError(`PNG of ${width}×${height} pixels exceeds ${MAX_PNG_PIXELS} pixels`);
  const { pngjs, jsQR } = load();
  let img: { width: number; height: number; data: Buffer };
  try {
    img = pngjs.PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (e) {
    throw new FormatError(`unreadable PNG: ${(e as Error).message}`);
  }
  const rgba = new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const code = jsQR(rgba, img.width, img.height, { inversionAttempts: 'attemptBoth' });
  if (!code) throw new FormatError('no QR code found in the image');
  return code.data;
}
