// A per-document subset of the shipped font: hb-subset keeps the glyphs of the characters drawn (and .notdef), and
// this module reads back what a writer needs — each character's glyph id, its CID (the subset CFF's charset keeps the
// original CIDs: PDF text addresses CIDs), its advance width — plus the bare 'CFF ' table (PDF FontFile3
// /CIDFontType0C) and the whole OpenType subset (OFD font file).
import { createHash } from 'node:crypto';
import { FormatError, RuntimeError } from '../errors.js';
import { readCff } from './cff.js';
import { checkWeight, type FontWeight } from './font-files.js';
import { subsetOpenType } from './harfbuzz.js';
import { fontMetrics } from './measure.js';
import { readFontMetrics, type FontMetrics } from './metrics.js';
import { sfntTable } from './sfnt.js';

export interface SubsetGlyph {
  codePoint: number;
  /** Glyph index in the subset font. */
  gid: number;
  /** CID of the glyph (CID-keyed CFF charset): the character code PDF text uses with Identity-H. */
  cid: number;
  /** Advance width in font units (unitsPerEm). */
  advance: number;
}

/** The font's metrics (font units: bbox; ascent, descent negative, cap height) with the subset's programs and glyphs. */
export interface FontSubset extends Pick<FontMetrics, 'unitsPerEm' | 'bbox' | 'ascent' | 'descent' | 'capHeight' | 'italicAngle' | 'weightClass'> {
  weight: FontWeight;
  /** PostScript name of the font, e.g. NotoSansHans-Regular. */
  postscriptName: string;
  /** Six capital letters derived from the glyph set, for PDF subset names (ABCDEF+NotoSansHans-Regular). */
  tag: string;
  /** The subset as an OpenType (CFF outlines) font file: what an OFD embeds. */
  otf: Uint8Array;
  /** Its bare 'CFF ' table (CID-keyed, ROS Adobe-Identity-0): what a PDF embeds as FontFile3 /CIDFontType0C. */
  cff: Uint8Array;
  ros: { registry: string; ordering: string; supplement: number };
  /** Code point → glyph, for every character asked for. */
  glyphs: ReadonlyMap<number, SubsetGlyph>;
  /** The CIDs of a text's characters, in order. Throws FormatError for a character not in the subset. */
  cidsOf(text: string): number[];
}

/**
 * Subset the shipped font (default regular) to the characters of `text` (strings are read as characters; all
 * duplicates merged). Throws FormatError when a character has no glyph in the font (it would print as a box),
 * LimitError for more than MAX_SUBSET_CODE_POINTS distinct characters.
 */
export function subsetFont(text: string | Iterable<string>, weight: FontWeight = 'regular'): FontSubset {
  checkWeight(weight);
  const full = fontMetrics(weight);
  const cps = new Set<number>();
  for (const s of typeof text === 'string' ? [text] : text) for (const ch of s) cps.add(ch.codePointAt(0)!);
  const missing = [...cps].filter((cp) => full.glyphId(cp) === 0);
  if (missing.length > 0) {
    const list = missing.slice(0, 10).map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
    throw new FormatError(`the font has no glyph for ${missing.length} character(s): ${list}`);
  }
  const sorted = [...cps].sort((a, b) => a - b);
  const otf = subsetOpenType(weight, sorted);
  const m = readFontMetrics(otf);
  const cff = sfntTable(otf, 'CFF ');
  if (!cff) throw new RuntimeError('hb-subset: the subset has no CFF table');
  const info = readCff(cff);
  if (!info.ros) throw new RuntimeError('hb-subset: the subset CFF is not CID-keyed');
  const glyphs = new Map<number, SubsetGlyph>();
  for (const cp of sorted) {
    const gid = m.glyphId(cp);
    const cid = info.charset[gid];
    const advance = m.advance(gid);
    // The layout measured with the whole font: a subset that changed a width or lost a glyph would misplace text.
    if (gid === 0 || cid === undefined || advance !== full.advance(full.glyphId(cp))) {
      throw new RuntimeError(`hb-subset: U+${cp.toString(16).toUpperCase()} lost its glyph or width in the subset`);
    }
    glyphs.set(cp, { codePoint: cp, gid, cid, advance });
  }
  const digest = createHash('sha256').update(weight).update(Uint32Array.from(sorted)).digest();
  const tag = String.fromCharCode(...[...digest.subarray(0, 6)].map((b) => 65 + (b % 26)));
  return {
    weight,
    postscriptName: info.name,
    tag,
    otf,
    cff: cff.slice(),
    ros: info.ros,
    unitsPerEm: m.unitsPerEm,
    bbox: m.bbox,
    ascent: m.ascent,
    descent: m.descent,
    capHeight: m.capHeight,
    italicAngle: m.italicAngle,
    weightClass: m.weightClass,
    glyphs,
    cidsOf(s: string): number[] {
      const out: number[] = [];
      for (const ch of s) {
        const g = glyphs.get(ch.codePointAt(0)!);
        if (!g) throw new FormatError(`character U+${ch.codePointAt(0)!.toString(16).toUpperCase()} is not in the font subset`);
        out.push(g.cid);
      }
      return out;
    },
  };
}
