// Every GB 2312 character on one PDF page, through the subsetter and the PDF font writer, checked by poppler
// (pdffonts, pdftotext, pdftoppm), qpdf, and by reading the embedded font program back (qpdf's JSON, decoded
// streams) with fontkit: every CID drawn has the outline the original font has for its character — no missing glyphs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrawItem } from '../license/render/draw-list.js';
import { pdfLib } from '../license/render/pdf-lib.js';
import { drawLicensePage } from '../license/render/pdf-page.js';
import { fontFileBytes } from './index.js';

interface FkGlyph {
  id: number;
  path: { commands: unknown[]; toSVG(): string };
}
interface FkFont {
  glyphForCodePoint(cp: number): FkGlyph;
  getGlyph(gid: number): FkGlyph;
  'CFF ': { isCIDFont: boolean; topDict: { charset: { version: number; glyphs?: number[]; ranges?: Array<{ first: number; nLeft: number }> } } };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): FkFont };

const tmp = mkdtempSync(join(tmpdir(), 'heyan-font-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(cmd: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** GB 2312 rows A1–F7 as decoded by the WHATWG gbk decoder, one string per row (private-use cells skipped). */
function gb2312Rows(): string[] {
  const dec = new TextDecoder('gbk');
  const rows: string[] = [];
  for (let r = 0xa1; r <= 0xf7; r++) {
    let row = '';
    for (let c = 0xa1; c <= 0xfe; c++) {
      const s = dec.decode(new Uint8Array([r, c]));
      const cp = s.codePointAt(0)!;
      if (s !== '\ufffd' && !(cp >= 0xe000 && cp <= 0xf8ff)) row += s;
    }
    if (row) rows.push(row);
  }
  return rows;
}

/** A minimal OpenType wrapper around a bare CFF table, so fontkit can read the font program of a PDF. */
function wrapCff(cff: Uint8Array): Buffer {
  const head = Buffer.alloc(28);
  head.write('OTTO', 0, 'latin1');
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(16, 6);
  head.write('CFF ', 12, 'latin1');
  head.writeUInt32BE(28, 20);
  head.writeUInt32BE(cff.length, 24);
  return Buffer.concat([head, cff]);
}

interface QpdfObject {
  value?: Record<string, unknown>;
  stream?: { dict: Record<string, unknown>; data?: string };
}

/** Objects of a PDF as qpdf reads them, streams decoded. */
function qpdfObjects(path: string): Record<string, QpdfObject> {
  const r = run('qpdf', ['--json', '--json-stream-data=inline', '--decode-level=generalized', path]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.out) as { qpdf: [unknown, Record<string, QpdfObject>] }).qpdf[1];
}

const rows = gb2312Rows();
const chars = rows.join('');
let path = '';

beforeAll(async () => {
  const items: DrawItem[] = rows.map((text, i) => ({ kind: 'text', xMm: 14, yMm: 14 + i * 3.4, sizePt: 5, text }));
  const lib = pdfLib();
  const doc = await lib.PDFDocument.create();
  await drawLicensePage(lib, doc, { widthMm: 210, heightMm: 297, items, sealRect: { xMm: 0, yMm: 0, wMm: 1, hMm: 1 } });
  path = join(tmp, 'gb2312.pdf');
  writeFileSync(path, await doc.save({ useObjectStreams: false }));
});

describe('a page with every GB 2312 character', () => {
  it('has 7 478 characters; pdffonts: one CID Type 0C font, embedded, subset, with ToUnicode', () => {
    expect([...chars]).toHaveLength(7478);
    const r = run('pdffonts', [path]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const fonts = r.out.split('\n').slice(2).filter(Boolean);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes\s/);
  });

  it('pdftotext returns exactly the characters (U+3000 comes out as white space, like the line breaks)', () => {
    const r = run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.replace(/[\s\f]/gu, '')).toBe(chars.replace(/\s/gu, ''));
  });

  it('qpdf --check is clean; pdftoppm renders without a word on stderr', () => {
    const q = run('qpdf', ['--check', path]);
    expect(q.code).toBe(0);
    expect(q.out).toContain('No syntax or stream encoding errors found');
    expect(q.err).toBe('');
    const p = run('pdftoppm', ['-r', '72', '-png', path, join(tmp, 'gb2312')]);
    expect(p.code).toBe(0);
    expect(p.err).toBe('');
    expect(readFileSync(join(tmp, 'gb2312-1.png')).length).toBeGreaterThan(10_000);
  });

  it('the embedded font program has, for the CID of every character, the outline of that character in the original font', () => {
    const objects = qpdfObjects(path);
    const fontFiles = Object.values(objects).filter((o) => o.stream?.dict['/Subtype'] === '/CIDFontType0C');
    expect(fontFiles).toHaveLength(1);
    const embedded = fontkit.create(wrapCff(Buffer.from(fontFiles[0]!.stream!.data!, 'base64')));
    const cff = embedded['CFF '];
    expect(cff.isCIDFont).toBe(true);
    // CID → glyph index of the embedded program (fontkit's charset decoding).
    const cs = cff.topDict.charset;
    const gidOfCid = new Map<number, number>();
    if (cs.version === 0) cs.glyphs!.forEach((cid, i) => gidOfCid.set(cid, i + 1));
    else {
      let g = 1;
      for (const r of cs.ranges!) for (let k = 0; k <= r.nLeft; k++) gidOfCid.set(r.first + k, g++);
    }
    // The CIDs the page shows, from its content stream (hex strings of Tj) and its ToUnicode CMap.
    const content = Object.values(objects).find((o) => o.stream?.data && Buffer.from(o.stream.data, 'base64').toString('latin1').includes(' Tj'))!;
    const shown = [...Buffer.from(content.stream!.data!, 'base64').toString('latin1').matchAll(/<([0-9A-F]+)> Tj/g)].flatMap((m) => m[1]!.match(/.{4}/g)!.map((h) => parseInt(h, 16)));
    expect(shown).toHaveLength(7478);
    const toUnicode = Object.values(objects).find((o) => o.stream?.data && Buffer.from(o.stream.data, 'base64').toString('latin1').includes('beginbfchar'))!;
    const uni = new Map<number, string>();
    for (const m of Buffer.from(toUnicode.stream!.data!, 'base64').toString('latin1').matchAll(/<([0-9A-F]{4})> <([0-9A-F]+)>/g)) {
      uni.set(parseInt(m[1]!, 16), Buffer.from(m[2]!, 'hex').swap16().toString('utf16le'));
    }
    const original = fontkit.create(Buffer.from(fontFileBytes('regular')));
    let bad = 0;
    let blank = 0;
    for (const [i, cid] of shown.entries()) {
      const ch = [...chars][i]!;
      const gid = gidOfCid.get(cid);
      if (gid === undefined || gid === 0 || uni.get(cid) !== ch) {
        bad++;
        continue;
      }
      const path = embedded.getGlyph(gid).path;
      if (path.commands.length === 0) blank++;
      if (path.toSVG() !== original.glyphForCodePoint(ch.codePointAt(0)!).path.toSVG()) bad++;
    }
    expect(bad).toBe(0);
    expect(blank).toBe(1); // U+3000 ideographic space, the only blank glyph of GB 2312
  });
});

describe('characters that share a glyph', () => {
  it('each text still extracts as written (ActualText where the ToUnicode entry names the other character)', async () => {
    // U+0020/U+00A0, U+002D/U+2011, U+2212/U+FF0D, U+2E85/U+4EBB have one glyph each in Noto Sans Hans.
    const texts = ['A-B C', 'A\u2011B\u00a0C', '\u2212\uff0d', '\u4ebb\u2e85'];
    const items: DrawItem[] = texts.map((text, i) => ({ kind: 'text', xMm: 20, yMm: 20 + i * 10, sizePt: 12, text }));
    const lib = pdfLib();
    const doc = await lib.PDFDocument.create();
    await drawLicensePage(lib, doc, { widthMm: 210, heightMm: 297, items, sealRect: { xMm: 0, yMm: 0, wMm: 1, hMm: 1 } });
    const p = join(tmp, 'shared.pdf');
    writeFileSync(p, await doc.save({ useObjectStreams: false }));
    const r = run('pdftotext', ['-enc', 'UTF-8', p, '-']);
    expect(r.err).toBe('');
    expect(r.out.split('\n').filter((l) => l.trim() !== '' && l !== '\f')).toEqual(texts);
    expect(run('qpdf', ['--check', p]).code).toBe(0);
  });
});
