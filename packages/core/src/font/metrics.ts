// Character → glyph (cmap) and glyph → advance width (hmtx), plus the few font-wide numbers a PDF font descriptor
// needs. Read straight from the table bytes with binary searches: no table is decoded up front, so opening the 8 MB
// shipped font costs nothing and each lookup is O(log n). (fontkit takes ≈ 250 ms just to load; it serves the tests
// as the independent reader.)
import { FormatError } from '../errors.js';
import { requiredTable, sfntTable, sfntTables } from './sfnt.js';

export interface FontMetrics {
  unitsPerEm: number;
  numGlyphs: number;
  /** head: xMin, yMin, xMax, yMax in font units. */
  bbox: [number, number, number, number];
  /** OS/2 typo ascender and descender (descender negative), font units; hhea's when OS/2 has none. */
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  weightClass: number;
  /** The glyph id of a code point; 0 (.notdef) when the font has none. */
  glyphId(codePoint: number): number;
  /** Advance width of a glyph, font units. */
  advance(glyphId: number): number;
}

type CmapLookup = (cp: number) => number;

function format12(dv: DataView, at: number): CmapLookup {
  if (at + 16 > dv.byteLength) throw new FormatError('font: cmap format 12 header runs off the end');
  const n = dv.getUint32(at + 12);
  if (at + 16 + n * 12 > dv.byteLength) throw new FormatError('font: cmap format 12 groups run off the end');
  return (cp) => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const g = at + 16 + mid * 12;
      if (cp < dv.getUint32(g)) hi = mid - 1;
      else if (cp > dv.getUint32(g + 4)) lo = mid + 1;
      else return dv.getUint32(g + 8) + (cp - dv.getUint32(g));
    }
    return 0;
  };
}

function format4(dv: DataView, at: number): CmapLookup {
  if (at + 14 > dv.byteLength) throw new FormatError('font: cmap format 4 header runs off the end');
  const segX2 = dv.getUint16(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  if (ranges + segX2 > dv.byteLength) throw new FormatError('font: cmap format 4 segments run off the end');
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segX2 / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (dv.getUint16(ends + mid * 2) < cp) lo = mid + 1;
      else hi = mid - 1;
    }
    const s = lo * 2;
    if (s >= segX2 || dv.getUint16(starts + s) > cp) return 0;
    const delta = dv.getUint16(deltas + s);
    const ro = dv.getUint16(ranges + s);
    if (ro === 0) return (cp + delta) & 0xffff;
    const g = ranges + s + ro + 2 * (cp - dv.getUint16(starts + s));
    if (g + 2 > dv.byteLength) return 0;
    const gid = dv.getUint16(g);
    return gid === 0 ? 0 : (gid + delta) & 0xffff;
  };
}

function cmapLookup(cmap: DataView): CmapLookup {
  const n = cmap.getUint16(2);
  if (4 + n * 8 > cmap.byteLength) throw new FormatError('font: cmap records run off the end');
  // Best subtable first: full Unicode (format 12), then BMP (format 4).
  let best: { rank: number; at: number; format: number } | undefined;
  for (let i = 0; i < n; i++) {
    const platform = cmap.getUint16(4 + i * 8);
    const encoding = cmap.getUint16(6 + i * 8);
    const at = cmap.getUint32(8 + i * 8);
    if (at + 2 > cmap.byteLength) continue;
    const format = cmap.getUint16(at);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 12 && format !== 4)) continue;
    const rank = format === 12 ? 2 : 1;
    if (!best || rank > best.rank) best = { rank, at, format };
  }
  if (!best) throw new FormatError('font: no Unicode cmap (format 4 or 12)');
  return best.format === 12 ? format12(cmap, best.at) : format4(cmap, best.at);
}

/** Read the metrics of an OpenType font. Throws FormatError when a needed table is missing or malformed. */
export function readFontMetrics(font: Uint8Array): FontMetrics {
  const tables = sfntTables(font);
  const head = requiredTable(font, tables, 'head', 54);
  const hhea = requiredTable(font, tables, 'hhea', 36);
  const maxp = requiredTable(font, tables, 'maxp', 6);
  const hmtx = requiredTable(font, tables, 'hmtx', 4);
  const cmap = requiredTable(font, tables, 'cmap', 4);
  // OS/2 is optional in TrueType fonts from Apple, and its version 0 of 68 bytes has no typo metrics: hhea then.
  const os2Table = sfntTable(font, 'OS/2', tables);
  const os2 = os2Table && os2Table.length >= 6 ? new DataView(os2Table.buffer, os2Table.byteOffset, os2Table.byteLength) : undefined;
  const typo = os2 !== undefined && os2.byteLength >= 72;
  const ascent = typo ? os2.getInt16(68) : hhea.getInt16(4);
  const post = requiredTable(font, tables, 'post', 8);
  const numGlyphs = maxp.getUint16(4);
  const nMetrics = hhea.getUint16(34);
  if (nMetrics === 0 || nMetrics * 4 > hmtx.byteLength) throw new FormatError('font: hmtx shorter than hhea says');
  const lookup = cmapLookup(cmap);
  const unitsPerEm = head.getUint16(18);
  if (unitsPerEm < 16 || unitsPerEm > 16384) throw new FormatError('font: unitsPerEm out of range');
  return {
    unitsPerEm,
    numGlyphs,
    bbox: [head.getInt16(36), head.getInt16(38), head.getInt16(40), head.getInt16(42)],
    ascent,
    descent: typo ? os2.getInt16(70) : hhea.getInt16(6),
    capHeight: os2 && os2.getUint16(0) >= 2 && os2.byteLength >= 90 ? os2.getInt16(88) : ascent,
    italicAngle: post.getInt32(4) / 65536,
    weightClass: os2 ? os2.getUint16(4) : 400,
    glyphId: (cp) => {
      const g = lookup(cp);
      return g < numGlyphs ? g : 0;
    },
    advance: (gid) => hmtx.getUint16((gid < nMetrics ? gid : nMetrics - 1) * 4),
  };
}
