// An image XObject as RGBA pixels for the QR search: samples decoded through the document model (Flate with
// predictors, ASCII filters; DCT/JPX/CCITT/JBIG2 are not decoded), 1/2/4/8 bits per component, gray, RGB, CMYK,
// ICCBased (by its /N), Cal*, Indexed over those, and stencil masks. A soft mask (/SMask) of the same size is
// composited over white, so a QR with a transparent background reads as drawn. Size is checked before decoding.
import type { PdfObj } from '../../pdf/document/index.js';
import { MAX_IMAGE_ASPECT, MAX_IMAGE_PIXELS, MIN_IMAGE_SIDE } from './limits.js';
import type { PdfReadContext, PdfStream } from './pdf-context.js';
import type { Gray, Pixels } from './qr-pixels.js';

interface Space {
  /** Components per sample. */
  n: number;
  kind: 'gray' | 'rgb' | 'cmyk' | 'indexed';
  /** Indexed: the base space's kind and the palette (base components per entry). */
  base?: 'gray' | 'rgb' | 'cmyk';
  palette?: Uint8Array;
}

const MAX_PALETTE = 256 * 4;

function baseSpace(ctx: PdfReadContext, o: PdfObj | undefined, depth = 0): Space | undefined {
  const cs = ctx.resolve(o);
  if (cs?.t === 'name') {
    if (['DeviceGray', 'G', 'CalGray'].includes(cs.v)) return { n: 1, kind: 'gray' };
    if (['DeviceRGB', 'RGB', 'CalRGB'].includes(cs.v)) return { n: 3, kind: 'rgb' };
    if (['DeviceCMYK', 'CMYK'].includes(cs.v)) return { n: 4, kind: 'cmyk' };
    return undefined;
  }
  if (cs?.t !== 'array' || depth > 2) return undefined;
  const family = ctx.name(cs.v[0]);
  if (family === 'CalGray') return { n: 1, kind: 'gray' };
  if (family === 'CalRGB') return { n: 3, kind: 'rgb' };
  if (family === 'ICCBased') {
    const s = ctx.stream(cs.v[1]);
    const n = s ? ctx.int(s.dict.get('N')) : undefined;
    if (n === 1) return { n: 1, kind: 'gray' };
    if (n === 3) return { n: 3, kind: 'rgb' };
    if (n === 4) return { n: 4, kind: 'cmyk' };
    return s ? baseSpace(ctx, s.dict.get('Alternate'), depth + 1) : undefined;
  }
  return undefined;
}

function colourSpace(ctx: PdfReadContext, o: PdfObj | undefined, what: string): Space | undefined {
  const cs = ctx.resolve(o);
  if (cs?.t === 'array' && ctx.name(cs.v[0]) === 'Indexed') {
    const base = baseSpace(ctx, cs.v[1]);
    const hival = ctx.int(cs.v[2]);
    if (!base || base.kind === 'indexed' || hival === undefined || hival < 0 || hival > 255) {
      ctx.problem(`${what}: unsupported Indexed colour space`);
      return undefined;
    }
    const lookup = ctx.resolve(cs.v[3]);
    const palette = lookup?.t === 'str' ? lookup.v : lookup?.t === 'stream' ? ctx.data(lookup, `${what} palette`, MAX_PALETTE) : undefined;
    if (!palette || palette.length < (hival + 1) * base.n) {
      ctx.problem(`${what}: Indexed colour space without a complete palette`);
      return undefined;
    }
    return { n: 1, kind: 'indexed', base: base.kind as Space['base'], palette };
  }
  const s = baseSpace(ctx, o);
  if (!s) ctx.problem(`${what}: colour space not supported for the QR search`);
  return s;
}

/** One pixel's components (0..255 each) as opaque RGBA; CMYK naively (no profile). */
function toRgb(kind: 'gray' | 'rgb' | 'cmyk', c: ArrayLike<number>, at: number, out: Uint8ClampedArray, o: number): void {
  if (kind === 'gray') {
    out[o] = out[o + 1] = out[o + 2] = c[at]!;
  } else if (kind === 'rgb') {
    out[o] = c[at]!;
    out[o + 1] = c[at + 1]!;
    out[o + 2] = c[at + 2]!;
  } else {
    const k = c[at + 3]!;
    out[o] = 255 - Math.min(255, c[at]! + k);
    out[o + 1] = 255 - Math.min(255, c[at + 1]! + k);
    out[o + 2] = 255 - Math.min(255, c[at + 2]! + k);
  }
  out[o + 3] = 255;
}

/** Unpacked samples of one row, scaled to 0..255 unless `raw` (palette indexes). */
function unpackRow(data: Uint8Array, start: number, count: number, bpc: number, raw: boolean, row: Uint8Array): void {
  if (bpc === 8) {
    for (let i = 0; i < count; i++) row[i] = data[start + i] ?? 255;
    return;
  }
  const max = (1 << bpc) - 1;
  const perByte = 8 / bpc;
  for (let i = 0; i < count; i++) {
    const byte = data[start + Math.floor(i / perByte)];
    if (byte === undefined) {
      row[i] = raw ? 0 : 255;
      continue;
    }
    const shift = 8 - bpc * ((i % perByte) + 1);
    const v = (byte >> shift) & max;
    row[i] = raw ? v : Math.round((v * 255) / max);
  }
}

/**
 * Gray (or stencil) samples of 1 or 8 bits straight to one luminance byte per pixel: the common QR image (the
 * renderer embeds 1-bit DeviceGray) costs one pass and a quarter of the memory of RGBA. Missing samples read as white.
 */
function grayFast(data: Uint8Array, width: number, height: number, rowBytes: number, bpc: number): Gray {
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    const o = y * width;
    if (bpc === 8) {
      const have = Math.max(0, Math.min(width, data.length - row));
      gray.set(data.subarray(row, row + have), o);
      gray.fill(255, o + have, o + width);
      continue;
    }
    // 1-bit: 0 is black in DeviceGray; in a stencil mask 0 paints (dark) — the same picture. Whole bytes of one
    // colour (most of a QR image) are filled at once.
    for (let x = 0; x < width; x += 8) {
      const b = data[row + (x >> 3)];
      const n = Math.min(8, width - x);
      if (b === undefined || b === 0xff) gray.fill(255, o + x, o + x + n);
      else if (b === 0) gray.fill(0, o + x, o + x + n);
      else for (let k = 0; k < n; k++) gray[o + x + k] = (b >> (7 - k)) & 1 ? 255 : 0;
    }
  }
  return { width, height, gray };
}

export interface ImageSize {
  width: number;
  height: number;
}

/** Width and height when the image is worth searching (plausible QR size), else undefined with the reason. */
export function imageSize(ctx: PdfReadContext, s: PdfStream): ImageSize | { skip: string; oversized?: true } {
  const width = ctx.int(s.dict.get('Width'));
  const height = ctx.int(s.dict.get('Height'));
  if (width === undefined || height === undefined || width <= 0 || height <= 0) return { skip: 'no valid /Width and /Height' };
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) return { skip: `${width}×${height} pixels is too small for a QR code` };
  if (Math.max(width, height) / Math.min(width, height) > MAX_IMAGE_ASPECT) return { skip: `${width}×${height} pixels is not QR-shaped` };
  if (width * height > MAX_IMAGE_PIXELS) return { skip: `${width}×${height} pixels exceeds ${MAX_IMAGE_PIXELS} pixels`, oversized: true };
  return { width, height };
}

/** Alpha of a soft mask of the same size (8-bit gray), or undefined. */
function softMask(ctx: PdfReadContext, s: PdfStream, size: ImageSize, what: string): Uint8Array | undefined {
  const m = ctx.stream(s.dict.get('SMask'));
  if (!m) return undefined;
  if (ctx.int(m.dict.get('Width')) !== size.width || ctx.int(m.dict.get('Height')) !== size.height || (ctx.int(m.dict.get('BitsPerComponent')) ?? 8) !== 8) return undefined;
  const d = ctx.data(m, `${what} soft mask`, size.width * size.height + 1024);
  return d && d.length >= size.width * size.height ? d : undefined;
}

/**
 * Pixels of an image XObject — gray bytes for plain 1/8-bit gray images and stencil masks, else RGBA —, or undefined
 * (with a problem noted) when it cannot be read. Never throws.
 */
export function imagePixels(ctx: PdfReadContext, s: PdfStream, size: ImageSize, what: string): Pixels | undefined {
  const { width, height } = size;
  const im = ctx.resolve(s.dict.get('ImageMask'));
  const stencil = im?.t === 'bool' && im.v;
  const bpc = stencil ? 1 : (ctx.int(s.dict.get('BitsPerComponent')) ?? 8);
  if (![1, 2, 4, 8].includes(bpc)) {
    ctx.problem(`${what}: ${bpc} bits per component not supported for the QR search`);
    return undefined;
  }
  const space: Space | undefined = stencil ? { n: 1, kind: 'gray' } : colourSpace(ctx, s.dict.get('ColorSpace'), what);
  if (!space) return undefined;
  const rowBytes = Math.ceil((width * space.n * bpc) / 8);
  const data = ctx.data(s, what, rowBytes * height + 1024);
  if (!data) return undefined;
  if (data.length < rowBytes * height) ctx.problem(`${what}: ${data.length} of ${rowBytes * height} sample bytes; the rest is read as white`);
  const alpha = softMask(ctx, s, size, what);
  if ((space.kind === 'gray' || stencil) && !alpha && (bpc === 1 || bpc === 8)) return grayFast(data, width, height, rowBytes, bpc);
  const out = new Uint8ClampedArray(width * height * 4);
  const row = new Uint8Array(width * space.n);
  const entry = new Uint8Array(4);
  for (let y = 0; y < height; y++) {
    unpackRow(data, y * rowBytes, width * space.n, bpc, space.kind === 'indexed', row);
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (stencil) {
        // Sample 0 paints (default /Decode [0 1]): dark on white.
        const v = row[x] === 0 ? 0 : 255;
        out[o] = out[o + 1] = out[o + 2] = v;
        out[o + 3] = 255;
      } else if (space.kind === 'indexed') {
        const bn = space.base === 'gray' ? 1 : space.base === 'rgb' ? 3 : 4;
        const at = row[x]! * bn;
        for (let i = 0; i < bn; i++) entry[i] = space.palette![at + i] ?? 255;
        toRgb(space.base!, entry, 0, out, o);
      } else toRgb(space.kind, row, x * space.n, out, o);
      if (alpha) {
        const a = alpha[y * width + x]!;
        for (let i = 0; i < 3; i++) out[o + i] = (out[o + i]! * a + 255 * (255 - a)) / 255;
      }
    }
  }
  return { width, height, data: out };
}
