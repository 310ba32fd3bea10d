// readFontMetrics (the OFD writer's font reader, on font/'s table readers) against fontkit, an independent reader
// (a devDependency, loaded only here): the shipped CFF fonts and their subsets, and a TrueType ('glyf') font built
// below with a short hmtx (glyphs past numberOfHMetrics take the last advance) and names on three platforms. Truncated
// and hostile fonts are refused with FormatError, never a RangeError.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FormatError, UnsupportedError } from '../../errors.js';
import { fontFileBytes, subsetFont } from '../../font/index.js';
import { openOfd } from '../package.js';
import { attr, child, childrenNamed } from '../xml.js';
import { readFontMetrics } from './font-metrics.js';
import { writeOfd } from './write-ofd.js';

interface FkFont {
  postscriptName: string | null;
  familyName: string | null;
  unitsPerEm: number;
  'OS/2': { typoAscender: number; typoDescender: number };
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): FkFont };
const fk = (b: Uint8Array): FkFont => fontkit.create(Buffer.from(b));

/** fontkit's advance of the glyph a code point maps to, undefined for none (.notdef). */
function fkAdvance(f: FkFont, cp: number): number | undefined {
  if (!f.hasGlyphForCodePoint(cp)) return undefined;
  const g = f.glyphForCodePoint(cp);
  return g.id === 0 ? undefined : g.advanceWidth;
}

function expectAsFontkit(bytes: Uint8Array, text: string): void {
  const ours = readFontMetrics(bytes);
  const theirs = fk(bytes);
  expect({ ps: ours.postscriptName, family: ours.familyName, upm: ours.unitsPerEm }).toEqual({ ps: theirs.postscriptName, family: theirs.familyName, upm: theirs.unitsPerEm });
  expect([ours.ascent, ours.descent]).toEqual([theirs['OS/2'].typoAscender, theirs['OS/2'].typoDescender]);
  const cps = [...new Set([...text].map((c) => c.codePointAt(0)!))];
  expect(cps.map((cp) => ours.advance(cp))).toEqual(cps.map((cp) => fkAdvance(theirs, cp)));
}

// ---------------------------------------------------------------------------------------------------------------
// A minimal TrueType font: 5 glyphs (empty outlines), 3 long horizontal metrics, a format 4 cmap.

const u16 = (...v: number[]): Buffer => Buffer.concat(v.map((x) => Buffer.from([(x >> 8) & 0xff, x & 0xff])));
const u32 = (v: number): Buffer => Buffer.from([(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);

function nameTable(records: { platform: number; encoding: number; language: number; id: number; value: string }[]): Buffer {
  const strings: Buffer[] = [];
  let offset = 0;
  const recs = records.map((r) => {
    const s = r.platform === 1 ? Buffer.from(r.value, 'latin1') : Buffer.from(r.value, 'utf16le').swap16();
    strings.push(s);
    const rec = u16(r.platform, r.encoding, r.language, r.id, s.length, offset);
    offset += s.length;
    return rec;
  });
  return Buffer.concat([u16(0, records.length, 6 + 12 * records.length), ...recs, ...strings]);
}

/** `os2`: 'v1' (typo metrics), 'apple' (68-byte version 0, no typo metrics) or 'none' (no OS/2 table). */
function trueTypeFont(names: Parameters<typeof nameTable>[0], os2Kind: 'v1' | 'apple' | 'none' = 'v1'): Uint8Array {
  const NUM_GLYPHS = 5;
  const head = Buffer.alloc(54);
  u32(0x00010000).copy(head, 0);
  u32(0x5f0f3cf5).copy(head, 12);
  head.writeUInt16BE(2048, 18); // unitsPerEm
  head.writeInt16BE(-100, 38);
  head.writeInt16BE(1800, 42);
  head.writeInt16BE(0, 50); // short loca
  const hhea = Buffer.alloc(36);
  u32(0x00010000).copy(hhea, 0);
  hhea.writeInt16BE(1900, 4); // hhea ascender / descender: used only when OS/2 has no typo metrics
  hhea.writeInt16BE(-500, 6);
  hhea.writeUInt16BE(3, 34); // numberOfHMetrics
  const maxp = Buffer.concat([u32(0x00005000), u16(NUM_GLYPHS)]);
  const hmtx = Buffer.concat([u16(1000, 0), u16(1100, 10), u16(1234, 20), u16(30), u16(40)]);
  // cmap: A → 1, B → 2, 中 → 3; glyph 4 is not mapped.
  const segs = [
    { start: 0x41, end: 0x42, delta: (1 - 0x41) & 0xffff },
    { start: 0x4e2d, end: 0x4e2d, delta: (3 - 0x4e2d) & 0xffff },
    { start: 0xffff, end: 0xffff, delta: 1 },
  ];
  const sub = Buffer.concat([
    u16(4, 16 + segs.length * 8, 0, segs.length * 2, 4, 1, segs.length * 2 - 4),
    u16(...segs.map((s) => s.end)),
    u16(0),
    u16(...segs.map((s) => s.start)),
    u16(...segs.map((s) => s.delta)),
    u16(...segs.map(() => 0)),
  ]);
  const cmap = Buffer.concat([u16(0, 1, 3, 1), u32(12), sub]);
  const os2 = Buffer.alloc(os2Kind === 'apple' ? 68 : 86); // version 1 (fontkit reads a version 0 table as Apple's, without the typo fields)
  os2.writeUInt16BE(os2Kind === 'apple' ? 0 : 1, 0);
  os2.writeUInt16BE(400, 4);
  if (os2Kind === 'v1') {
    os2.writeInt16BE(1600, 68); // sTypoAscender
    os2.writeInt16BE(-448, 70); // sTypoDescender
  }
  const post = Buffer.concat([u32(0x00030000), Buffer.alloc(28)]);
  const loca = u16(...new Array<number>(NUM_GLYPHS + 1).fill(0));
  const glyf = Buffer.alloc(4);
  const tables: [string, Buffer][] = [
    ...(os2Kind === 'none' ? [] : [['OS/2', os2] as [string, Buffer]]),
    ['cmap', cmap],
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
    ['name', nameTable(names)],
    ['post', post],
  ];
  const dir: Buffer[] = [u32(0x00010000), u16(tables.length, 128, 3, tables.length * 16 - 128)];
  const bodies: Buffer[] = [];
  let offset = 12 + tables.length * 16;
  for (const [tag, data] of tables) {
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    dir.push(Buffer.from(tag, 'latin1'), u32(0), u32(offset), u32(data.length));
    bodies.push(padded);
    offset += padded.length;
  }
  return new Uint8Array(Buffer.concat([...dir, ...bodies]));
}

const NAMES = [
  { platform: 1, encoding: 0, language: 0, id: 6, value: 'MacOnly-Name' },
  { platform: 3, encoding: 1, language: 0x409, id: 1, value: 'Heyan Test' },
  { platform: 3, encoding: 1, language: 0x409, id: 6, value: 'HeyanTest-Regular' },
  { platform: 3, encoding: 1, language: 0x804, id: 1, value: '核验测试' },
];

describe('readFontMetrics', () => {
  it('the shipped fonts and their subsets (CFF outlines): names, unitsPerEm, OS/2 typo ascent/descent and every advance as fontkit reads them', () => {
    const text = '营业执照 名称 ABC xyz 0123456789（）：·—“”\u{1F101}';
    for (const weight of ['regular', 'bold'] as const) {
      const drawn = text.replace('\u{1F101}', '');
      const subset = subsetFont(drawn, weight).otf;
      expect(readFontMetrics(subset).format).toBe('otf');
      expectAsFontkit(subset, `${text}丁`); // 丁 is not in the subset; U+1F101 in neither
      expectAsFontkit(fontFileBytes(weight), text);
    }
  });

  it('a TrueType (glyf) font: format ttf, Windows English names first, the last long metric repeated, unmapped characters undefined', () => {
    const ttf = trueTypeFont(NAMES);
    const m = readFontMetrics(ttf);
    expect(m.format).toBe('ttf');
    expect(m.postscriptName).toBe('HeyanTest-Regular');
    expect(m.familyName).toBe('Heyan Test');
    expect([m.unitsPerEm, m.ascent, m.descent]).toEqual([2048, 1600, -448]);
    expect(['A', 'B', '中', 'C'].map((c) => m.advance(c.codePointAt(0)!))).toEqual([1100, 1234, 1234, undefined]);
    expectAsFontkit(ttf, 'AB中C ');
    // Without OS/2 typo metrics (Apple's 68-byte OS/2, or no OS/2 at all) hhea's ascender and descender are used.
    for (const kind of ['apple', 'none'] as const) {
      const f = readFontMetrics(trueTypeFont(NAMES, kind));
      expect([f.ascent, f.descent, f.advance(0x41)], kind).toEqual([1900, -500, 1100]);
    }
    // Only a Macintosh record: it is used.
    expect(readFontMetrics(trueTypeFont([NAMES[0]!])).postscriptName).toBe('MacOnly-Name');
  });

  it('written into an OFD: font_N.ttf, FontName and FamilyName from the name table (or a fallback when the names are unusable)', () => {
    const write = (font: Uint8Array): ReturnType<typeof openOfd> =>
      openOfd(writeOfd({ creationDate: new Date('2026-03-01T00:00:00Z'), fonts: [{ key: 't', data: font }], pages: [{ objects: [{ kind: 'text', font: 't', sizeMm: 5, xMm: 10, yMm: 20, text: 'AB中' }] }] }));
    const fontsOf = (pkg: ReturnType<typeof openOfd>) => childrenNamed(child(pkg.xml('Doc_0/PublicRes.xml'), 'Fonts'), 'Font');
    const pkg = write(trueTypeFont(NAMES));
    const [f] = fontsOf(pkg);
    expect([attr(f!, 'FontName'), attr(f!, 'FamilyName'), child(f!, 'FontFile')!.text]).toEqual(['HeyanTest-Regular', 'Heyan Test', expect.stringMatching(/^font_\d+\.ttf$/)]);
    // A PostScript name XML cannot hold is dropped: the family name stands in.
    const hostile = write(trueTypeFont([{ platform: 3, encoding: 1, language: 0x409, id: 6, value: 'Bad\u0001Name' }, NAMES[1]!]));
    expect(attr(fontsOf(hostile)[0]!, 'FontName')).toBe('Heyan Test');
  });

  it('refuses what is not one OpenType font, and truncated or corrupted tables, with FormatError / UnsupportedError', () => {
    expect(() => readFontMetrics(new TextEncoder().encode('not a font'))).toThrow(FormatError);
    expect(() => readFontMetrics(new TextEncoder().encode('ttcf....'))).toThrow(UnsupportedError);
    expect(() => readFontMetrics(new TextEncoder().encode('wOF2....'))).toThrow(UnsupportedError);
    expect(() => readFontMetrics('x' as unknown as Uint8Array)).toThrow(FormatError);
    const ttf = trueTypeFont(NAMES);
    for (let cut = 4; cut < ttf.length; cut += 7) {
      let error: unknown;
      try {
        const m = readFontMetrics(ttf.subarray(0, cut));
        for (const c of 'AB中C') m.advance(c.codePointAt(0)!);
      } catch (e) {
        error = e;
      }
      expect(error, `cut at ${cut}`).toBeInstanceOf(FormatError);
    }
    // Every byte of the name table's records flipped: names may go, but nothing else than FormatError is thrown.
    const at = Buffer.from(ttf).indexOf(Buffer.from(u16(0, NAMES.length, 6 + 12 * NAMES.length)));
    expect(at).toBeGreaterThan(0);
    for (let i = at; i < at + 6 + 12 * NAMES.length; i++) {
      const bad = new Uint8Array(ttf);
      bad[i]! ^= 0xff;
      try {
        readFontMetrics(bad);
      } catch (e) {
        expect(e, `byte ${i}`).toBeInstanceOf(FormatError);
      }
    }
  });
});
