// A font subset as PDF objects, written by hand because pdf-lib's own embedding is wrong for this font (its CFF
// subsetter yields a CFF poppler calls invalid; an OpenType file given unsubsetted is written as FontFile2/
// CIDFontType2, a type mismatch). What is written:
//   Type0 /Encoding /Identity-H  → character code = 2-byte CID
//   └ CIDFontType0, CIDSystemInfo Adobe-Identity-0 (the CFF's ROS), /DW 1000 + /W keyed by CID
//     └ FontDescriptor → FontFile3 /Subtype /CIDFontType0C = the bare CID-keyed 'CFF ' table of the subset
//   /ToUnicode: CID → the character, so text extraction (pdftotext, our verifier) reads the text back.
import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import type { FontSubset } from '../../font/index.js';
import type { PdfLib } from './pdf-lib.js';

/** The CID → Unicode text of each glyph (the first character met wins when two characters share a glyph). */
export function unicodeOfCids(subset: FontSubset): Map<number, string> {
  const out = new Map<number, string>();
  for (const g of subset.glyphs.values()) if (!out.has(g.cid)) out.set(g.cid, String.fromCodePoint(g.codePoint));
  return out;
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** UTF-16BE hex of a string. */
export function utf16Hex(s: string): string {
  let h = '';
  for (let i = 0; i < s.length; i++) h += hex4(s.charCodeAt(i));
  return h;
}

/** A ToUnicode CMap (Adobe TN 5411 / PDF 9.10.3) for 2-byte codes: bfchar blocks of at most 100 entries. */
export function toUnicodeCMap(map: ReadonlyMap<number, string>): string {
  const entries = [...map].sort((a, b) => a[0] - b[0]);
  let body = '';
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    body += `${block.length} beginbfchar\n${block.map(([cid, s]) => `<${hex4(cid)}> <${utf16Hex(s)}>`).join('\n')}\nendbfchar\n`;
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
    body +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n'
  );
}

/** Widths in PDF glyph space (1000 units per em), CIDs whose width is the default (/DW 1000) left out. */
export function cidWidths(subset: FontSubset): Array<number | number[]> {
  const scale = 1000 / subset.unitsPerEm;
  const byCid = new Map<number, number>();
  for (const g of subset.glyphs.values()) byCid.set(g.cid, Math.round(g.advance * scale * 1000) / 1000);
  const cids = [...byCid.keys()].filter((c) => byCid.get(c) !== 1000).sort((a, b) => a - b);
  const w: Array<number | number[]> = [];
  let run: number[] = [];
  let start = -2;
  for (const c of cids) {
    if (c !== start + run.length) {
      if (run.length) w.push(start, run);
      start = c;
      run = [];
    }
    run.push(byCid.get(c)!);
  }
  if (run.length) w.push(start, run);
  return w;
}

/** Register the Type0 font of a subset in the document; returns its reference (for a page's /Font resources). */
export function embedCidFont(lib: PdfLib, doc: PDFDocument, subset: FontSubset): PDFRef {
  const { PDFName, PDFString } = lib;
  const ctx = doc.context;
  const baseFont = `${subset.tag}+${subset.postscriptName}`;
  const scale = 1000 / subset.unitsPerEm;
  const fu = (v: number) => Math.round(v * scale);
  const fontFile = ctx.register(ctx.stream(deflateSync(subset.cff, { level: 9 }), { Subtype: 'CIDFontType0C', Filter: 'FlateDecode' }));
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: PDFName.of(baseFont),
      // Symbolic: glyphs are addressed by CID, not by a standard encoding.
      Flags: 4,
      FontBBox: subset.bbox.map(fu),
      ItalicAngle: subset.italicAngle,
      Ascent: fu(subset.ascent),
      Descent: fu(subset.descent),
      CapHeight: fu(subset.capHeight),
      // No stem width in the font; the usual estimate from the weight class (400 → 95, 700 → 168).
      StemV: Math.round(10 + (220 * (subset.weightClass - 50)) / 900),
      FontFile3: fontFile,
    }),
  );
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType0',
      BaseFont: PDFName.of(baseFont),
      CIDSystemInfo: { Registry: PDFString.of(subset.ros.registry), Ordering: PDFString.of(subset.ros.ordering), Supplement: subset.ros.supplement },
      FontDescriptor: descriptor,
      DW: 1000,
      W: cidWidths(subset),
    }),
  );
  const cmap = new TextEncoder().encode(toUnicodeCMap(unicodeOfCids(subset)));
  const toUnicode = ctx.register(ctx.stream(deflateSync(cmap), { Filter: 'FlateDecode' }));
  return ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: PDFName.of(baseFont),
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
}
