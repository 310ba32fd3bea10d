// Find a QR code in RGBA pixels with jsqr (loaded on first use, like credential/qr/decode-image.ts). jsqr reads
// symbols down to one pixel per module, so images are searched as they are, never rescaled.
import { createRequire } from 'node:module';

type JsQr = typeof import('jsqr').default;
let jsQR: JsQr | undefined;
function load(): JsQr {
  return (jsQR ??= createRequire(import.meta.url)('jsqr') as JsQr);
}

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** The text of the QR code jsqr finds in the image (inverted images too), or undefined. */
export function findQr(img: Rgba): string | undefined {
  return load()(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data;
}
