// QR symbols for licence payloads: the qrcode package chooses the segments, version and mask; the PNG (pngjs) and
// SVG are drawn here from its module matrix, synchronously. Our payloads (HY1: + Base45) are all in the QR
// alphanumeric set, so they are encoded as one alphanumeric segment.
import { createRequire } from 'node:module';
import type Pngjs from 'pngjs';
import type QRCode from 'qrcode';
import { FormatError } from '../../errors.js';

// qrcode and pngjs (CommonJS) are loaded with the first QR symbol, not with every import of @heyan/core.
let libs: { pngjs: typeof Pngjs; qrcode: typeof QRCode } | undefined;
function load(): { pngjs: typeof Pngjs; qrcode: typeof QRCode } {
  const req = createRequire(import.meta.url);
  return (libs ??= { pngjs: req('pngjs') as typeof Pngjs, qrcode: req('qrcode') as typeof QRCode });
}

export type QrEcc = 'L' | 'M' | 'Q' | 'H';

export interface RenderQrOptions {
  format: 'png' | 'svg';
  /** Error correction, default Q (EU DCC practice: survives print and scan damage). */
  ecc?: QrEcc;
  /** Pixels per module in the PNG (default 8). */
  scale?: number;
  /** Quiet zone in modules (default 4, the minimum ISO/IEC 18004 asks for). */
  margin?: number;
}

const ALNUM = /^[0-9A-Z $%*+\-./:]*$/;

function symbol(text: string, ecc: QrEcc): QRCode.QRCode {
  if (typeof text !== 'string' || text.length === 0) throw new FormatError('QR text must be a non-empty string');
  try {
    const segments: QRCode.QRCodeSegment[] | string = ALNUM.test(text) ? [{ data: text, mode: 'alphanumeric' }] : text;
    return load().qrcode.create(segments, { errorCorrectionLevel: ecc });
  } catch (e) {
    throw new FormatError(`cannot make a QR code: ${(e as Error).message}`);
  }
}

/** The QR version (1..40) the text needs at the error-correction level. Throws FormatError when it does not fit. */
export function qrVersionFor(text: string, ecc: QrEcc = 'Q'): number {
  return symbol(text, ecc).version;
}

export function renderQr(text: string, opts: RenderQrOptions & { format: 'png' }): Uint8Array;
export function renderQr(text: string, opts: RenderQrOptions & { format: 'svg' }): string;
export function renderQr(text: string, opts: RenderQrOptions): Uint8Array | string;
export function renderQr(text: string, opts: RenderQrOptions): Uint8Array | string {
  const q = symbol(text, opts.ecc ?? 'Q');
  const n = q.modules.size;
  const margin = opts.margin ?? 4;
  const dark = (r: number, c: number) => r >= 0 && c >= 0 && r < n && c < n && q.modules.get(r, c) === 1;
  const side = n + 2 * margin;
  if (opts.format === 'svg') {
    let d = '';
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (dark(r, c)) d += `M${c + margin} ${r + margin}h1v1h-1z`;
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="${d}"/></svg>\n`;
  }
  const scale = opts.scale ?? 8;
  if (!Number.isInteger(scale) || scale < 1 || scale > 64) throw new FormatError('scale must be an integer 1..64');
  const px = side * scale;
  const { pngjs } = load();
  const png = new pngjs.PNG({ width: px, height: px, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  const data = Buffer.alloc(px * px, 0xff);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (dark(r, c))
        for (let y = 0; y < scale; y++) data.fill(0, ((r + margin) * scale + y) * px + (c + margin) * scale, ((r + margin) * scale + y) * px + (c + margin + 1) * scale);
  png.data = data;
  return new Uint8Array(pngjs.PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
}
