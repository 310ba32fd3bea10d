// Stamp image types. The seal stores a free IA5String type ("PNG", "png", "ofd", ...); the bytes tell the truth.

export type PictureKind = 'png' | 'jpg' | 'gif' | 'bmp' | 'ofd' | 'svg';

/** The spellings of the standard's examples (upper case), which createSeal writes. */
export const PICTURE_TYPE_NAMES: Readonly<Record<PictureKind, string>> = {
  png: 'PNG',
  jpg: 'JPG',
  gif: 'GIF',
  bmp: 'BMP',
  ofd: 'OFD',
  svg: 'SVG',
};

/** File extension for an extracted picture. */
export const PICTURE_EXTENSIONS: Readonly<Record<PictureKind, string>> = {
  png: '.png',
  jpg: '.jpg',
  gif: '.gif',
  bmp: '.bmp',
  ofd: '.ofd',
  svg: '.svg',
};

const startsWith = (b: Uint8Array, ...p: number[]): boolean => b.length >= p.length && p.every((x, i) => b[i] === x);

/** What the image bytes are, by their signature; undefined when none is recognised. */
export function pictureKindOf(data: Uint8Array): PictureKind | undefined {
  if (startsWith(data, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (startsWith(data, 0xff, 0xd8, 0xff)) return 'jpg';
  if (startsWith(data, 0x47, 0x49, 0x46, 0x38)) return 'gif'; // GIF8
  if (startsWith(data, 0x42, 0x4d) && data.length >= 26) return 'bmp'; // BM + header
  if (startsWith(data, 0x50, 0x4b, 0x03, 0x04)) return 'ofd'; // a zip: the seal image is itself an OFD
  const head = new TextDecoder('latin1').decode(data.subarray(0, 256)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}

/** The kind a written type names ("png", "PNG", "jpeg", "Ofd" ...), or undefined. */
export function pictureKindOfType(type: string): PictureKind | undefined {
  const t = type.trim().toLowerCase();
  if (t === 'jpeg') return 'jpg';
  return (Object.keys(PICTURE_TYPE_NAMES) as PictureKind[]).find((k) => k === t);
}
