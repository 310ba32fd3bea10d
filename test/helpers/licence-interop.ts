// Helpers for test/license-document-interop.test.ts: the signature cut out of a PDF by its /ByteRange alone, and
// the embedded font programs of a PDF page read back through qpdf's JSON and fontkit.
// Shared with packages/core/src/license/render/render-pdf.test.ts (unsigned renders get the same font checks).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

export interface ToolRun {
  code: number;
  out: string;
  err: string;
}

/** A tool's exit code, stdout and stderr; a tool that is not installed throws (CI installs them: no silent skip). */
export function tool(cmd: string, args: string[], opts: { cwd?: string } = {}): ToolRun {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The one signature of a PDF found by its /ByteRange alone: the gap must be exactly `<hex>`; the CMS is cut to its DER length. */
export function byteRangeSignature(pdf: Uint8Array): { byteRange: [number, number, number, number]; cms: Uint8Array; signed: Uint8Array } {
  const text = Buffer.from(pdf).toString('latin1');
  const all = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (all.length !== 1) throw new Error(`expected one /ByteRange, found ${all.length}`);
  const br = all[0]!.slice(1, 5).map(Number) as [number, number, number, number];
  const gap = text.slice(br[0] + br[1], br[2]);
  const m = /^<([0-9A-Fa-f]+)>$/.exec(gap);
  if (br[0] !== 0 || !m) throw new Error('the /ByteRange gap is not the /Contents hex string');
  const padded = Buffer.from(m[1]!, 'hex');
  // DER SEQUENCE header: 0x30, then a short or long length.
  if (padded[0] !== 0x30) throw new Error('/Contents is not a DER SEQUENCE');
  const l0 = padded[1]!;
  let len = l0;
  let head = 2;
  if (l0 & 0x80) {
    len = 0;
    for (let i = 0; i < (l0 & 0x7f); i++) len = len * 256 + padded[2 + i]!;
    head += l0 & 0x7f;
  }
  const signed = Buffer.concat([pdf.subarray(br[0], br[0] + br[1]), pdf.subarray(br[2], br[2] + br[3])]);
  return { byteRange: br, cms: padded.subarray(0, head + len), signed };
}

// ---- Embedded fonts through qpdf's JSON (streams decoded) and fontkit ----

export interface QpdfObject {
  value?: unknown;
  stream?: { dict: Record<string, unknown>; data?: string };
}

export function qpdfObjects(path: string): Record<string, QpdfObject> {
  const r = tool('qpdf', ['--json', '--json-stream-data=inline', '--decode-level=generalized', path]);
  if (r.code !== 0) throw new Error(`qpdf --json: ${r.err}`);
  return (JSON.parse(r.out) as { qpdf: [unknown, Record<string, QpdfObject>] }).qpdf[1];
}

export const streamData = (o: QpdfObject): Buffer => Buffer.from(o.stream!.data!, 'base64');

interface FkFont {
  getGlyph(gid: number): { path: { commands: unknown[] } };
  'CFF ': { isCIDFont: boolean; topDict: { charset: { version: number; glyphs?: number[]; ranges?: Array<{ first: number; nLeft: number }> } } };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): FkFont };

/** fontkit reads a bare CFF table wrapped in a one-table OpenType file. */
function readCff(cff: Buffer): FkFont {
  const head = Buffer.alloc(28);
  head.write('OTTO', 0, 'latin1');
  head.writeUInt16BE(1, 4);
  head.write('CFF ', 12, 'latin1');
  head.writeUInt32BE(28, 20);
  head.writeUInt32BE(cff.length, 24);
  return fontkit.create(Buffer.concat([head, cff]));
}

export interface PageFont {
  /** The FontFile3 subtype. */
  subtype: unknown;
  isCid: boolean;
  /** CID → number of outline commands of its glyph in the embedded program (absent: no glyph for that CID). */
  outline(cid: number): number | undefined;
  /** CID → text, from the font's ToUnicode CMap (bfchar entries). */
  toUnicode: Map<number, string>;
}

/** Every font of page 1 by resource name, read back from the PDF's objects, and the page's content stream. */
export function pageFonts(path: string): { fonts: Map<string, PageFont>; content: string } {
  const objects = qpdfObjects(path);
  const byRef = (ref: unknown) => objects[`obj:${String(ref)}`]!;
  const pageObj = Object.values(objects).find((o) => (o.value as Record<string, unknown> | undefined)?.['/Type'] === '/Page')!.value as Record<string, unknown>;
  const fontRes = (pageObj['/Resources'] as Record<string, unknown>)['/Font'] as Record<string, string>;
  const fonts = new Map<string, PageFont>();
  for (const [name, ref] of Object.entries(fontRes)) {
    const type0 = byRef(ref).value as Record<string, unknown>;
    const cidFont = byRef((type0['/DescendantFonts'] as string[])[0]).value as Record<string, unknown>;
    const fd = byRef(cidFont['/FontDescriptor']).value as Record<string, unknown>;
    const program = byRef(fd['/FontFile3']);
    const font = readCff(streamData(program));
    const cs = font['CFF '].topDict.charset;
    const gidOfCid = new Map<number, number>();
    if (cs.version === 0) cs.glyphs!.forEach((cid, i) => gidOfCid.set(cid, i + 1));
    else {
      let g = 1;
      for (const r of cs.ranges!) for (let k = 0; k <= r.nLeft; k++) gidOfCid.set(r.first + k, g++);
    }
    const toUnicode = new Map<number, string>();
    for (const m of streamData(byRef(type0['/ToUnicode'])).toString('latin1').matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>/g)) {
      toUnicode.set(parseInt(m[1]!, 16), Buffer.from(m[2]!, 'hex').swap16().toString('utf16le'));
    }
    fonts.set(name.slice(1), {
      subtype: program.stream!.dict['/Subtype'],
      isCid: font['CFF '].isCIDFont,
      outline: (cid) => {
        const gid = gidOfCid.get(cid);
        return gid === undefined || gid === 0 ? undefined : font.getGlyph(gid).path.commands.length;
      },
      toUnicode,
    });
  }
  return { fonts, content: streamData(byRef(pageObj['/Contents'])).toString('latin1') };
}

/**
 * The characters a page's text-showing operators draw, each with the font and CID drawing it: the text is the span's
 * /ActualText when there is one (characters that share a glyph), else the ToUnicode text of each CID.
 */
export function drawnCharacters(fonts: Map<string, PageFont>, content: string): Array<{ ch: string; font: string; cid: number }> {
  const out: Array<{ ch: string; font: string; cid: number }> = [];
  // Marked-content stack: each BDC pushes its ActualText (or nothing), each EMC pops.
  const marked: Array<string[] | undefined> = [];
  let font = '';
  for (const line of content.split('\n')) {
    const bdc = /BDC$/.test(line);
    if (bdc) {
      const a = /\/ActualText <FEFF([0-9A-Fa-f]*)>/.exec(line);
      marked.push(a ? [...Buffer.from(a[1]!, 'hex').swap16().toString('utf16le')] : undefined);
    } else if (line === 'EMC') marked.pop();
    const tf = /^\/(\w+) [\d.]+ Tf$/.exec(line);
    if (tf) font = tf[1]!;
    const tj = /^<([0-9A-Fa-f]*)> Tj$/.exec(line);
    if (!tj) continue;
    const cids = (tj[1]!.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16));
    const actual = [...marked].reverse().find((m) => m !== undefined);
    if (actual && actual.length !== cids.length) throw new Error(`ActualText of ${actual.length} characters over ${cids.length} glyphs`);
    cids.forEach((cid, i) => out.push({ ch: actual ? actual[i]! : (fonts.get(font)?.toUnicode.get(cid) ?? '\ufffd'), font, cid }));
  }
  return out;
}
