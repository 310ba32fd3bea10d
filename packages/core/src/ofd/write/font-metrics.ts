// What the writer needs from a font program: its names (Font FontName/FamilyName), its outline format (the file
// extension), vertical extent (text object boundaries) and the horizontal advance of the glyph each character maps
// to — an OFD reader maps TextCode characters through the font's cmap, so that glyph's advance is where the next
// character goes. Read with fontkit, loaded on first use (not with every import of @heyan/core).
import { createRequire } from 'node:module';
import { FormatError, UnsupportedError } from '../../errors.js';

/** The part of fontkit's API used here. */
interface FkGlyph {
  id: number;
  advanceWidth: number;
}
interface FkFont {
  type?: string;
  postscriptName?: string | null;
  familyName?: string | null;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FkGlyph;
}
interface Fontkit {
  create(buffer: Buffer): FkFont;
}

let fontkit: Fontkit | undefined;

export interface FontMetrics {
  /** 'otf' for CFF outlines ('OTTO'), 'ttf' for TrueType outlines. */
  format: 'otf' | 'ttf';
  postscriptName?: string;
  familyName?: string;
  unitsPerEm: number;
  /** Ascender and descender (negative below the baseline) in font units. */
  ascent: number;
  descent: number;
  /** Horizontal advance in font units of the glyph `cp` maps to; undefined when the font has no glyph for it. */
  advance(cp: number): number | undefined;
}

function outlineFormat(b: Uint8Array): 'otf' | 'ttf' {
  const tag = b.length >= 4 ? String.fromCharCode(b[0]!, b[1]!, b[2]!, b[3]!) : '';
  if (tag === 'OTTO') return 'otf';
  if (tag === '\u0000\u0001\u0000\u0000' || tag === 'true') return 'ttf';
  if (tag === 'ttcf') throw new UnsupportedError('font collections (.ttc) cannot be embedded in OFD; pass one font');
  if (tag === 'wOFF' || tag === 'wOF2') throw new UnsupportedError('WOFF fonts cannot be embedded in OFD; pass the OpenType font');
  throw new FormatError('the font program is not an OpenType or TrueType font');
}

const clean = (s: string | null | undefined): string | undefined => {
  const t = typeof s === 'string' ? s.trim() : '';
  return t ? t : undefined;
};

/** Read the metrics of a font program. Throws FormatError / UnsupportedError for anything but one OpenType font. */
export function readFontMetrics(bytes: Uint8Array): FontMetrics {
  if (!(bytes instanceof Uint8Array)) throw new FormatError('the font program must be bytes');
  const format = outlineFormat(bytes);
  fontkit ??= createRequire(import.meta.url)('fontkit') as Fontkit;
  let font: FkFont;
  let unitsPerEm: number;
  let ascent: number;
  let descent: number;
  let postscriptName: string | undefined;
  let familyName: string | undefined;
  try {
    font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    unitsPerEm = font.unitsPerEm;
    ascent = font.ascent;
    descent = font.descent;
    postscriptName = clean(font.postscriptName);
    familyName = clean(font.familyName);
  } catch (e) {
    throw new FormatError(`the font program cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (font.type !== undefined && font.type !== 'TTF') throw new UnsupportedError(`font of type ${font.type} cannot be embedded in OFD`);
  if (!Number.isInteger(unitsPerEm) || unitsPerEm < 16 || unitsPerEm > 16384) throw new FormatError(`the font's unitsPerEm (${String(unitsPerEm)}) is out of range`);
  if (!Number.isFinite(ascent) || !Number.isFinite(descent)) throw new FormatError('the font has no usable ascender/descender');
  const cache = new Map<number, number | undefined>();
  const advance = (cp: number): number | undefined => {
    if (cache.has(cp)) return cache.get(cp);
    let adv: number | undefined;
    try {
      if (font.hasGlyphForCodePoint(cp)) {
        const g = font.glyphForCodePoint(cp);
        adv = g.id !== 0 && Number.isFinite(g.advanceWidth) && g.advanceWidth >= 0 ? g.advanceWidth : undefined;
      }
    } catch (e) {
      throw new FormatError(`the font program cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
    cache.set(cp, adv);
    return adv;
  };
  return {
    format,
    ...(postscriptName !== undefined ? { postscriptName } : {}),
    ...(familyName !== undefined ? { familyName } : {}),
    unitsPerEm,
    ascent,
    descent,
    advance,
  };
}
