// Find a QR code in an image with jsqr (loaded on first use, like credential/qr/decode-image.ts). jsqr reads symbols
// down to one pixel per module. A clean module grid (our licence QR images) is first redrawn at one pixel per module
// (qr-grid.ts) and searched in that small image; every other image, and a grid jsqr reads nothing from, is searched
// as it is, never rescaled.
//
// Whichever image gives the text, it is only what the page claims: the licence layer verifies it cryptographically
// (qr-match.ts: the QR payload's signature with the credential's certificate, and every claim against the signed
// credential). A crafted image that reads differently small and full size can therefore not make a foreign or altered
// payload pass; at most it shows one of two codes the issuer itself signed into the document.
import { createRequire } from 'node:module';
import { gridImage, type Gray } from './qr-grid.js';

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

export type { Gray };

/** Pixels as the QR search takes them: RGBA, or one luminance byte per pixel. */
export type Pixels = Rgba | Gray;

/** Opaque RGBA of a gray image (what jsqr takes). */
export function grayToRgba(img: Gray): Rgba {
  const data = new Uint8ClampedArray(img.width * img.height * 4);
  const px = new Uint32Array(data.buffer);
  const le = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  const words = Array.from({ length: 256 }, (_, v) => (le ? ((0xff << 24) | (v << 16) | (v << 8) | v) >>> 0 : ((v << 24) | (v << 16) | (v << 8) | 0xff) >>> 0));
  const g = img.gray;
  for (let i = 0; i < px.length; i++) px[i] = words[g[i]!]!;
  return { width: img.width, height: img.height, data };
}

function jsqrText(img: Rgba): string | undefined {
  return load()(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data;
}

/** The text of the QR code jsqr finds in the image (inverted images too), or undefined. */
export function findQr(img: Pixels): string | undefined {
  if ('data' in img) return jsqrText(img);
  const small = gridImage(img);
  const fast = small ? jsqrText(small) : undefined;
  return fast ?? jsqrText(grayToRgba(img));
}
