// The font readers and the subsetter against an independent reader, fontkit 2.0.4: cmap, advance widths and the CFF
// charset of the shipped font; glyph outlines of the subset equal the original ones under the same CID.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.js';
import { fontFileBytes, fontMetrics, measureText, missingCharacters, readCff, sfntTable, subsetFont, textAdvance } from './index.js';

interface FkGlyph {
  id: number;
  advanceWidth: number;
  path: { commands: unknown[]; toSVG(): string };
}
interface FkCharset {
  version: number;
  glyphs?: number[];
  ranges?: Array<{ first: number; nLeft: number }>;
}
interface FkFont {
  unitsPerEm: number;
  numGlyphs: number;
  postscriptName: string;
  glyphForCodePoint(cp: number): FkGlyph;
  getGlyph(gid: number): FkGlyph;
  'CFF ': { isCIDFont: boolean; topDict: { charset: FkCharset; ROS: number[] } };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): FkFont };
const open = (b: Uint8Array): FkFont => fontkit.create(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** fontkit's decoded charset → glyph index → CID. */
function fkCharset(cs: FkCharset, n: number): number[] {
  const out = [0];
  if (cs.version === 0) out.push(...cs.glyphs!);
  else for (const r of cs.ranges!) for (let k = 0; k <= r.nLeft && out.length < n; k++) out.push(r.first + k);
  return out.slice(0, n);
}

/** Every character decoded from GB 2312 rows A1–F7 (private-use and undecodable cells skipped). */
function gb2312Characters(): string[] {
  const dec = new TextDecoder('gbk');
  const out: string[] = [];
  for (let r = 0xa1; r <= 0xf7; r++)
    for (let c = 0xa1; c <= 0xfe; c++) {
      const s = dec.decode(new Uint8Array([r, c]));
      const cp = s.codePointAt(0)!;
      if (s !== '\ufffd' && !(cp >= 0xe000 && cp <= 0xf8ff)) out.push(s);
    }
  return out;
}

const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

describe('metrics of the shipped font agree with fontkit', () => {
  for (const weight of ['regular', 'bold'] as const) {
    it(`${weight}: glyph id and advance of every GB 2312 and printable ASCII character; a missing character is 0`, () => {
      const fk = open(fontFileBytes(weight));
      const m = fontMetrics(weight);
      expect(m.unitsPerEm).toBe(fk.unitsPerEm);
      expect(m.numGlyphs).toBe(fk.numGlyphs);
      const chars = [...gb2312Characters(), ...ascii];
      expect(gb2312Characters()).toHaveLength(7478);
      let mismatches = 0;
      for (const ch of chars) {
        const cp = ch.codePointAt(0)!;
        const g = fk.glyphForCodePoint(cp);
        if (m.glyphId(cp) !== g.id || m.advance(m.glyphId(cp)) !== g.advanceWidth || g.id === 0) mismatches++;
      }
      expect(mismatches).toBe(0);
      // U+1F600 (emoji) and a private-use code point are not in the font.
      expect(m.glyphId(0x1f600)).toBe(0);
      expect(fk.glyphForCodePoint(0x1f600).id).toBe(0);
      expect(m.glyphId(0xe000)).toBe(fk.glyphForCodePoint(0xe000).id);
    });
  }

  it('readCff: name, ROS Adobe-Identity-0 and the whole charset (glyph → CID) as fontkit decodes them', () => {
    const font = fontFileBytes('regular');
    const fk = open(font);
    const info = readCff(sfntTable(font, 'CFF ')!);
    expect(info.name).toBe(fk.postscriptName);
    expect(info.ros).toEqual({ registry: 'Adobe', ordering: 'Identity', supplement: 0 });
    expect(info.glyphCount).toBe(fk.numGlyphs);
    expect([...info.charset]).toEqual(fkCharset(fk['CFF '].topDict.charset, fk.numGlyphs));
  });
});

describe('measureText / missingCharacters', () => {
  it('widths are advance / unitsPerEm × size, in mm', () => {
    const mm = (units: number, pt: number) => (units / 1000) * pt * (25.4 / 72);
    expect(measureText('营', 10)).toBeCloseTo(mm(1000, 10), 9);
    const a = open(fontFileBytes('regular')).glyphForCodePoint(0x41).advanceWidth;
    expect(measureText('AA营', 12)).toBeCloseTo(mm(2 * a + 1000, 12), 9);
    expect(textAdvance('', 'bold')).toBe(0);
  });

  it('lists the characters the font lacks, once each', () => {
    expect(missingCharacters('营业😀执照😀\u{E000}')).toEqual(['😀', '\u{E000}']);
    expect(missingCharacters('营业执照 ABC，。')).toEqual([]);
  });
});

describe('subsetFont', () => {
  const text = '营业执照福州示例科技有限公司（自然人投资或控股）经营范围：软件开发；2016-05-10 No. 1 号 ABCxyz';

  for (const weight of ['regular', 'bold'] as const) {
    it(`${weight}: every character keeps its outline, advance and ORIGINAL CID; glyphs renumbered`, () => {
      const s = subsetFont(text, weight);
      const full = open(fontFileBytes(weight));
      const fullCharset = fkCharset(full['CFF '].topDict.charset, full.numGlyphs);
      const sub = open(s.otf);
      expect(sub.numGlyphs).toBe(new Set(text).size + 1); // + .notdef
      const subCharset = fkCharset(sub['CFF '].topDict.charset, sub.numGlyphs);
      let renumbered = 0;
      for (const ch of new Set(text)) {
        const cp = ch.codePointAt(0)!;
        const g = s.glyphs.get(cp)!;
        const fg = full.glyphForCodePoint(cp);
        expect(sub.glyphForCodePoint(cp).id).toBe(g.gid);
        expect(subCharset[g.gid]).toBe(g.cid);
        expect(g.cid).toBe(fullCharset[fg.id]); // the CID survives subsetting
        expect(g.advance).toBe(fg.advanceWidth);
        expect(sub.getGlyph(g.gid).path.toSVG()).toBe(fg.path.toSVG());
        if (g.gid !== fg.id) renumbered++;
      }
      expect(renumbered).toBeGreaterThan(0);
      expect(s.cidsOf('营业')).toEqual([s.glyphs.get(0x8425)!.cid, s.glyphs.get(0x4e1a)!.cid]);
      expect(() => s.cidsOf('龘')).toThrow(FormatError);
      expect(s.postscriptName).toBe(weight === 'regular' ? 'NotoSansHans-Regular' : 'NotoSansHans-Bold');
      expect(s.tag).toMatch(/^[A-Z]{6}$/);
      // The bare CFF is the subset's own table.
      expect(Buffer.from(s.cff).equals(Buffer.from(sfntTable(s.otf, 'CFF ')!))).toBe(true);
      // Layout and vertical tables are dropped.
      for (const t of ['GSUB', 'GPOS', 'VORG', 'vmtx']) expect(sfntTable(s.otf, t)).toBeUndefined();
    });
  }

  it('is deterministic: same characters (any order) → same bytes and tag', () => {
    const a = subsetFont(['营业执照', 'ABC']);
    const b = subsetFont('CBA照执业营营');
    expect(Buffer.from(a.otf).equals(Buffer.from(b.otf))).toBe(true);
    expect(a.tag).toBe(b.tag);
    expect(subsetFont('营业执', 'regular').tag).not.toBe(a.tag);
  });

  it('refuses a character the font lacks, and a bad weight', () => {
    expect(() => subsetFont('王😀')).toThrow(/U\+1F600/);
    expect(() => subsetFont('王', 'light' as 'bold')).toThrow(FormatError);
  });
});
