// One cross-reference section: a classic `xref` table with its `trailer`, or an xref stream (/Type /XRef). Offsets
// that are off by a few bytes are tolerated by looking for the section near the announced offset.
import type { LexLimits } from '../lexer.js';
import { decodeFilters, type FilterStep } from './filters.js';
import { keywordAt, objHeaderAt, parseIndirectAt, skipWs } from './object.js';
import type { PdfObj, XrefEntry } from './types.js';
import { parseValueAt, type Dict } from './value.js';

export interface XrefSection {
  /** Where the section really starts (the `xref` keyword or the stream's object header). */
  offset: number;
  kind: 'table' | 'stream';
  entries: Map<number, XrefEntry>;
  trailer: Dict;
  /** Object numbers the section lists more than once (the first entry is used; other readers may use another). */
  duplicates?: number[];
  /** An xref stream whose data decoded only through a lenient path (filters.ts `repaired`). */
  dataRepaired?: string;
}

export interface XrefContext {
  lex: LexLimits;
  meter: { bytes: number };
  maxObjects: number;
  maxStreamBytes: number;
}

/** How far from the announced offset a section is looked for. */
export const XREF_SEARCH_WINDOW = 1024;

/** Read the section at `offset`, or the nearest one within XREF_SEARCH_WINDOW bytes. */
export function readXrefNear(
  buf: Uint8Array,
  offset: number,
  ctx: XrefContext,
  warn: (m: string) => void,
): XrefSection | undefined {
  const exact = readXrefAt(buf, offset, ctx);
  if (exact) return exact;
  // Nearest first: offsets written by a buggy tool (or shifted by junk before %PDF) are usually off by a little.
  for (let d = 1; d <= XREF_SEARCH_WINDOW; d++) {
    for (const p of [offset - d, offset + d]) {
      if (p < 0 || p >= buf.length) continue;
      const c = buf[p];
      if (c !== 0x78 && !(c! >= 0x30 && c! <= 0x39)) continue;
      if (c !== 0x78 && p > 0 && buf[p - 1]! >= 0x30 && buf[p - 1]! <= 0x39) continue;
      const s = readXrefAt(buf, p, ctx);
      if (s) {
        warn(`xref section announced at ${offset} found at ${p} (off by ${p - offset} bytes)`);
        return s;
      }
    }
  }
  return undefined;
}

export function readXrefAt(buf: Uint8Array, offset: number, ctx: XrefContext): XrefSection | undefined {
  if (offset < 0 || offset >= buf.length) return undefined;
  if (keywordAt(buf, offset, 'xref')) return readTable(buf, offset, ctx);
  const h = objHeaderAt(buf, offset);
  // Cheap pre-check before a full parse: an xref stream's dictionary names /XRef near its start.
  if (h && mentionsXRef(buf, h.body)) return readStream(buf, offset, ctx);
  return undefined;
}

function mentionsXRef(buf: Uint8Array, from: number): boolean {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const i = b.indexOf('/XRef', from, 'latin1');
  return i >= 0 && i - from < 4096;
}

function readInt(buf: Uint8Array, p: number): { v: number; end: number } | undefined {
  let q = p;
  let v = 0;
  while (q < buf.length && buf[q]! >= 0x30 && buf[q]! <= 0x39 && q - p < 12) v = v * 10 + (buf[q++]! - 0x30);
  return q === p ? undefined : { v, end: q };
}

function readTable(buf: Uint8Array, offset: number, ctx: XrefContext): XrefSection | undefined {
  const entries = new Map<number, XrefEntry>();
  const duplicates = new Set<number>();
  let p = skipWs(buf, offset + 4);
  let total = 0;
  for (;;) {
    if (keywordAt(buf, p, 'trailer')) break;
    const first = readInt(buf, p);
    if (!first) return undefined;
    p = first.end;
    while (buf[p] === 0x20 || buf[p] === 0x09) p++;
    const count = readInt(buf, p);
    if (!count) return undefined;
    p = count.end;
    // Each entry takes 20 bytes (18 at the very least); a larger count cannot be real.
    if (count.v > (buf.length - p) / 18 + 1) return undefined;
    total += count.v;
    if (total > ctx.maxObjects) return undefined;
    for (let i = 0; i < count.v; i++) {
      p = skipWs(buf, p);
      const off = readInt(buf, p);
      if (!off) return undefined;
      p = off.end;
      while (buf[p] === 0x20) p++;
      const gen = readInt(buf, p);
      if (!gen) return undefined;
      p = gen.end;
      while (buf[p] === 0x20) p++;
      const kind = buf[p++];
      const num = first.v + i;
      if (entries.has(num)) {
        duplicates.add(num);
        continue;
      }
      if (kind === 0x6e) entries.set(num, { kind: 'offset', offset: off.v, gen: gen.v });
      else if (kind === 0x66) entries.set(num, { kind: 'free', gen: gen.v });
      else return undefined;
    }
    p = skipWs(buf, p);
  }
  const t = parseValueAt(buf, skipWs(buf, p + 7), ctx.lex, ctx.meter);
  if (!t || t.obj.t !== 'dict') return undefined;
  return withDuplicates({ offset, kind: 'table', entries, trailer: t.obj.v }, duplicates);
}

const num = (o: PdfObj | undefined): number | undefined => (o?.t === 'num' && o.int && o.v >= 0 ? o.v : undefined);

function readStream(buf: Uint8Array, offset: number, ctx: XrefContext): XrefSection | undefined {
  const o = parseIndirectAt(buf, offset, { lex: ctx.lex, meter: ctx.meter });
  if (!o || o.obj.t !== 'stream') return undefined;
  const dict = o.obj.dict;
  const type = dict.get('Type');
  if (type?.t !== 'name' || type.v !== 'XRef') return undefined;
  const w = dict.get('W');
  if (w?.t !== 'array' || w.v.length < 3) return undefined;
  const widths = w.v.slice(0, 3).map(num);
  if (widths.some((x) => x === undefined || x > 8)) return undefined;
  const [w1, w2, w3] = widths as [number, number, number];
  const rowLen = w1 + w2 + w3;
  if (rowLen === 0) return undefined;
  const size = num(dict.get('Size'));
  const index = dict.get('Index');
  const ranges: [number, number][] = [];
  if (index?.t === 'array') {
    for (let i = 0; i + 1 < index.v.length; i += 2) {
      const a = num(index.v[i]);
      const b = num(index.v[i + 1]);
      if (a === undefined || b === undefined) return undefined;
      ranges.push([a, b]);
    }
  } else if (size !== undefined) ranges.push([0, size]);
  else return undefined;
  const total = ranges.reduce((s, [, c]) => s + c, 0);
  if (total > ctx.maxObjects) return undefined;
  const raw = buf.subarray(o.obj.dataStart, o.obj.dataStart + o.obj.dataLength);
  const data = decodeFilters(raw, filterSteps(dict), Math.min(ctx.maxStreamBytes, total * rowLen + 4096));
  if (!data.ok) return undefined;
  const d = data.data;
  const entries = new Map<number, XrefEntry>();
  const duplicates = new Set<number>();
  const field = (p: number, n: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + d[p + i]!;
    return v;
  };
  let p = 0;
  for (const [first, count] of ranges) {
    for (let i = 0; i < count; i++, p += rowLen) {
      if (p + rowLen > d.length) break;
      const type = w1 === 0 ? 1 : field(p, w1);
      const f2 = field(p + w1, w2);
      const f3 = field(p + w1 + w2, w3);
      const n = first + i;
      if (entries.has(n)) {
        duplicates.add(n);
        continue;
      }
      if (type === 0) entries.set(n, { kind: 'free', gen: f3 });
      else if (type === 1) entries.set(n, { kind: 'offset', offset: f2, gen: f3 });
      else if (type === 2) entries.set(n, { kind: 'compressed', stream: f2, index: f3 });
      // Other types are reserved: a reference to them is the null object (7.5.8.3).
    }
  }
  const sec = withDuplicates({ offset, kind: 'stream', entries, trailer: dict }, duplicates);
  if (data.repaired) sec.dataRepaired = data.repaired;
  if (o.lengthRepaired) sec.dataRepaired = `/Length wrong${data.repaired ? `; ${data.repaired}` : ''}`;
  return sec;
}

function withDuplicates(s: XrefSection, duplicates: Set<number>): XrefSection {
  if (duplicates.size) s.duplicates = [...duplicates].sort((a, b) => a - b);
  return s;
}

/** The /Filter + /DecodeParms of a stream dictionary as steps (direct values only; indirect ones are resolved by the caller). */
export function filterSteps(dict: Dict, resolve: (o: PdfObj | undefined) => PdfObj | undefined = (o) => o): FilterStep[] {
  const f = resolve(dict.get('Filter'));
  const p = resolve(dict.get('DecodeParms') ?? dict.get('DP'));
  const names = f?.t === 'name' ? [f] : f?.t === 'array' ? f.v.map(resolve) : [];
  const parms = p?.t === 'array' ? p.v.map(resolve) : [p];
  return names.map((n, i) => {
    const pr = parms[i];
    return { name: n?.t === 'name' ? n.v : '?', parms: pr?.t === 'dict' ? pr.v : undefined };
  });
}
