// Image XObjects for a visible signature: PNG → RGB (or gray) FlateDecode with the alpha channel as /SMask,
// JPEG → /DCTDecode as is, an .esl seal → its picture (PNG or JPEG; other picture types are refused).
import { deflateSync } from 'node:zlib';
import pngjs from 'pngjs';
import { FormatError, KeyError, LimitError, UnsupportedError } from '../../errors.js';
import type { Certificate } from '../../pki/index.js';
import { matchCertList } from '../../seal/cert-list.js';
import { decodeSeal } from '../../seal/decode-seal.js';
import type { SealInfo } from '../../seal/types.js';
import { pictureKindOf } from '../../seal/picture.js';
import type { PdfSealImage } from './types.js';

export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 16 * 1024 * 1024;

/** An image XObject stream (dictionary entries without /Length, and the data) and its optional soft mask. */
export interface ImageXObject {
  width: number;
  height: number;
  dict: string;
  data: Uint8Array;
  smask?: { dict: string; data: Uint8Array };
  /** The size a seal states for its picture, in millimetres. */
  sizeMm?: [number, number];
}

/**
 * Throws FormatError (unreadable image), UnsupportedError (GIF/OFD/… seal pictures), LimitError, and KeyError when
 * a seal does not list `signer` in its certList (a seal shows only for the signers it was made for).
 */
export function imageXObject(image: PdfSealImage, signer?: Certificate): ImageXObject {
  if ('png' in image) return pngImage(image.png);
  if ('jpeg' in image) return jpegImage(image.jpeg);
  let seal: SealInfo;
  try {
    seal = decodeSeal(image.seal);
  } catch (e) {
    throw new FormatError(`not a readable electronic seal: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (signer && !matchCertList(seal.property.certList, signer.der).matched) {
    throw new KeyError(`the signer certificate "${signer.subject}" is not in the seal's certList: it may not use seal ${JSON.stringify(seal.esID)}`);
  }
  const picture = seal.picture.data;
  const kind = pictureKindOf(picture);
  const { widthMm, heightMm } = seal.picture;
  const sizeMm: [number, number] | undefined = widthMm > 0 && heightMm > 0 ? [widthMm, heightMm] : undefined;
  if (kind === 'png') return { ...pngImage(picture), ...(sizeMm ? { sizeMm } : {}) };
  if (kind === 'jpg') return { ...jpegImage(picture), ...(sizeMm ? { sizeMm } : {}) };
  throw new UnsupportedError(
    `the seal's picture is ${kind ? kind.toUpperCase() : 'of an unknown type'}: only PNG and JPEG seal pictures can be shown in a PDF (give --image P.png instead)`,
  );
}

function pngImage(png: Uint8Array): ImageXObject {
  if (png.length > MAX_IMAGE_BYTES) throw new LimitError(`image of ${png.length} bytes exceeds ${MAX_IMAGE_BYTES}`);
  if (pictureKindOf(png) !== 'png' || png.length < 33) throw new FormatError('not a PNG image');
  // IHDR is first: bound the pixel count before pngjs allocates.
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const w = dv.getUint32(16);
  const h = dv.getUint32(20);
  if (w === 0 || h === 0 || w * h > MAX_IMAGE_PIXELS) throw new LimitError(`PNG of ${w}×${h} pixels exceeds ${MAX_IMAGE_PIXELS} pixels`);
  let img: { width: number; height: number; data: Buffer };
  try {
    img = pngjs.PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (e) {
    throw new FormatError(`unreadable PNG: ${(e as Error).message}`);
  }
  const n = img.width * img.height;
  const rgb = Buffer.alloc(n * 3);
  const alpha = Buffer.alloc(n);
  let translucent = false;
  for (let i = 0; i < n; i++) {
    rgb[i * 3] = img.data[i * 4]!;
    rgb[i * 3 + 1] = img.data[i * 4 + 1]!;
    rgb[i * 3 + 2] = img.data[i * 4 + 2]!;
    const a = img.data[i * 4 + 3]!;
    alpha[i] = a;
    if (a !== 255) translucent = true;
  }
  const base = `/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /BitsPerComponent 8 /Filter /FlateDecode`;
  return {
    width: img.width,
    height: img.height,
    dict: `${base} /ColorSpace /DeviceRGB`,
    data: deflateSync(rgb),
    ...(translucent ? { smask: { dict: `${base} /ColorSpace /DeviceGray`, data: deflateSync(alpha) } } : {}),
  };
}

function jpegImage(jpeg: Uint8Array): ImageXObject {
  if (jpeg.length > MAX_IMAGE_BYTES) throw new LimitError(`image of ${jpeg.length} bytes exceeds ${MAX_IMAGE_BYTES}`);
  const sof = jpegFrame(jpeg);
  const space = sof.components === 1 ? '/DeviceGray' : sof.components === 3 ? '/DeviceRGB' : '/DeviceCMYK';
  // Adobe CMYK JPEGs (APP14) store inverted values.
  const decode = sof.components === 4 && sof.adobe ? ' /Decode [1 0 1 0 1 0 1 0]' : '';
  return {
    width: sof.width,
    height: sof.height,
    dict: `/Type /XObject /Subtype /Image /Width ${sof.width} /Height ${sof.height} /BitsPerComponent 8 /ColorSpace ${space}${decode} /Filter /DCTDecode`,
    data: jpeg,
  };
}

/** Width, height and component count from the first SOFn marker; throws FormatError when there is none. */
function jpegFrame(b: Uint8Array): { width: number; height: number; components: number; adobe: boolean } {
  if (b[0] !== 0xff || b[1] !== 0xd8) throw new FormatError('not a JPEG image');
  let adobe = false;
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) throw new FormatError('corrupt JPEG marker sequence');
    const m = b[p + 1]!;
    if (m === 0xff) {
      p++;
      continue;
    }
    if (m === 0xd8 || (m >= 0xd0 && m <= 0xd7) || m === 0x01) {
      p += 2;
      continue;
    }
    const len = (b[p + 2]! << 8) | b[p + 3]!;
    if (len < 2 || p + 2 + len > b.length) break;
    if (m === 0xee && Buffer.from(b.subarray(p + 4, p + 9)).toString('latin1') === 'Adobe') adobe = true;
    const isSof = m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
    if (isSof && len >= 8) {
      const height = (b[p + 5]! << 8) | b[p + 6]!;
      const width = (b[p + 7]! << 8) | b[p + 8]!;
      const components = b[p + 9]!;
      if (b[p + 4] !== 8) throw new UnsupportedError(`JPEG with ${b[p + 4]}-bit samples`);
      if (!width || !height || ![1, 3, 4].includes(components)) throw new FormatError('JPEG frame header has no usable size or components');
      if (width * height > MAX_IMAGE_PIXELS) throw new LimitError(`JPEG of ${width}×${height} pixels exceeds ${MAX_IMAGE_PIXELS} pixels`);
      return { width, height, components, adobe };
    }
    if (m === 0xda || m === 0xd9) break;
    p += 2 + len;
  }
  throw new FormatError('JPEG without a frame header');
}
