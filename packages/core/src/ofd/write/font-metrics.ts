// What the writer needs from a font program: its names (Font FontName/FamilyName), its outline format (the file
// extension), vertical extent (text object boundaries) and the horizontal advance of the glyph each character maps
// to — an OFD reader maps TextCode characters through the font's cmap, so that glyph's advance is where the next
// character goes. Read with font/'s table readers (cmap, hmtx, head, hhea, maxp, OS/2, post: the same for CFF and
// TrueType outlines) and the name table; nothing is decoded up front, so the first OFD pays no font-library load.
import { FormatError, UnsupportedError } from '../../errors.js';
import { readFontMetrics as readTables, type FontMetrics as TableMetrics } from '../../font/metrics.js';
import { sfntTables } from '../../font/sfnt.js';
import { readFontNames } from './font-names.js';

export interface FontMetrics {
  /** 'otf' for CFF outlines ('OTTO'), 'ttf' for TrueType outlines. */
  format: 'otf' | 'ttf';
  postscriptName?: string;
  familyName?: string;
  unitsPerEm: number;
  /**
   * Ascender and descender (negative below the baseline) in font units: OS/2 sTypoAscender / sTypoDescender, as
   * font/ reads them for the PDF font descriptor and the layout's baselines.
   */
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

/** A malformed table found while reading (font/ throws FormatError, a DataView read past a table RangeError). */
function unreadable(e: unknown): FormatError {
  return new FormatError(`the font program cannot be read: ${e instanceof Error ? e.message : String(e)}`);
}

/** Read the metrics of a font program. Throws FormatError / UnsupportedError for anything but one OpenType font. */
export function readFontMetrics(bytes: Uint8Array): FontMetrics {
  if (!(bytes instanceof Uint8Array)) throw new FormatError('the font program must be bytes');
  const format = outlineFormat(bytes);
  let m: TableMetrics;
  let names: ReturnType<typeof readFontNames>;
  try {
    m = readTables(bytes);
    names = readFontNames(bytes, sfntTables(bytes));
  } catch (e) {
    throw unreadable(e);
  }
  const cache = new Map<number, number | undefined>();
  const advance = (cp: number): number | undefined => {
    if (cache.has(cp)) return cache.get(cp);
    let adv: number | undefined;
    try {
      const gid = m.glyphId(cp);
      adv = gid !== 0 ? m.advance(gid) : undefined;
    } catch (e) {
      throw unreadable(e);
    }
    cache.set(cp, adv);
    return adv;
  };
  return { format, ...names, unitsPerEm: m.unitsPerEm, ascent: m.ascent, descent: m.descent, advance };
}
