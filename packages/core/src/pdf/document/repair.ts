// Repair: when the xref chain is unusable, objects are found by scanning for `n g obj` headers. One revision per
// `%%EOF` boundary (objects defined between the previous boundary and it; a later definition in the same stretch
// wins), plus one for bytes after the last `%%EOF` that hold objects (a truncated update).
import { LimitError } from '../../errors.js';
import type { LexLimits } from '../lexer.js';
import type { Revision } from '../revisions.js';
import { decodeFilters } from './filters.js';
import { keywordAt, objHeaderAt, parseIndirectAt, skipWs } from './object.js';
import type { PdfObj, PdfRevision, XrefEntry } from './types.js';
import { parseValueAt, type Dict } from './value.js';
import { filterSteps } from './xref.js';

export interface RepairContext {
  lex: LexLimits;
  meter: { bytes: number };
  maxObjects: number;
  maxRevisions: number;
  maxStreamBytes: number;
  warn: (m: string) => void;
}

interface Header {
  start: number;
  num: number;
  gen: number;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isWs = (c: number | undefined): boolean =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

export function repairScan(buf: Buffer, markers: Revision[], ctx: RepairContext): PdfRevision[] {
  const headers = scanHeaders(buf, ctx.maxObjects);
  const bounds = markers.map((m) => m);
  const segments: { from: number; to: number; marker?: Revision }[] = [];
  let from = 0;
  for (const m of bounds) {
    segments.push({ from, to: m.end, marker: m });
    from = m.end;
  }
  if (from < buf.length) segments.push({ from, to: buf.length });

  const revs: PdfRevision[] = [];
  let h = 0;
  let prevTrailer: Dict | undefined;
  for (const seg of segments) {
    const entries = new Map<number, XrefEntry>();
    const mine: Header[] = [];
    while (h < headers.length && headers[h]!.start < seg.to) mine.push(headers[h++]!);
    for (const x of mine) entries.set(x.num, { kind: 'offset', offset: x.start, gen: x.gen });
    addObjStmMembers(buf, seg, mine, entries, ctx);
    let trailer = findTrailer(buf, seg, mine, ctx) ?? (prevTrailer ? new Map(prevTrailer) : undefined);
    // An update with no objects is still a revision (a ByteRange may end there); the first one must hold objects.
    if (entries.size === 0 && (!seg.marker || revs.length === 0)) continue;
    trailer ??= new Map();
    if (!trailer.has('Root')) {
      const cat = findCatalog(buf, headers, seg.to, ctx);
      if (cat) trailer.set('Root', { t: 'ref', num: cat.num, gen: cat.gen });
    }
    prevTrailer = trailer;
    if (revs.length >= ctx.maxRevisions) throw new LimitError(`more than ${ctx.maxRevisions} revisions`);
    const x = findXref(buf, seg);
    revs.push({
      index: revs.length,
      xrefOffset: x?.offset ?? -1,
      xrefKind: x?.kind ?? 'table',
      end: seg.to,
      eofEnd: seg.marker ? seg.marker.eofEnd : seg.to,
      trailer,
      entries,
    });
    if (!seg.marker) ctx.warn('bytes after the last %%EOF hold objects (truncated or unfinished update)');
  }
  if (revs.length > 0) ctx.warn(`xref rebuilt by scanning: ${headers.length} object headers, ${revs.length} revision(s)`);
  return revs;
}

/** Every `n g obj` header, in file order. */
export function scanHeaders(buf: Buffer, maxObjects: number): Header[] {
  const out: Header[] = [];
  let from = 0;
  for (;;) {
    const p = buf.indexOf('obj', from, 'latin1');
    if (p < 0) break;
    from = p + 3;
    // Walk back over `n ws g ws`.
    let q = p - 1;
    let k = 0;
    while (q >= 0 && isWs(buf[q]) && k++ < 16) q--;
    k = 0;
    while (q >= 0 && isDigit(buf[q]) && k++ < 6) q--;
    if (k === 0 || !isWs(buf[q])) continue;
    k = 0;
    while (q >= 0 && isWs(buf[q]) && k++ < 16) q--;
    k = 0;
    while (q >= 0 && isDigit(buf[q]) && k++ < 11) q--;
    if (k === 0) continue;
    const s = q + 1;
    const hd = objHeaderAt(buf, s);
    if (!hd || hd.body !== p + 3) continue;
    if (out.length >= maxObjects) throw new LimitError(`more than ${maxObjects} objects`);
    out.push({ start: s, num: hd.num, gen: hd.gen });
  }
  return out;
}

/** The header whose object contains `pos` (the last header before it). */
function headerBefore(headers: Header[], pos: number): Header | undefined {
  let lo = 0;
  let hi = headers.length - 1;
  let best: Header | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (headers[mid]!.start < pos) {
      best = headers[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function occurrences(buf: Buffer, word: string, from: number, to: number, max = 10_000): number[] {
  const out: number[] = [];
  let p = from;
  while (out.length < max) {
    const i = buf.indexOf(word, p, 'latin1');
    if (i < 0 || i >= to) break;
    out.push(i);
    p = i + word.length;
  }
  return out;
}

function addObjStmMembers(
  buf: Buffer,
  seg: { from: number; to: number },
  mine: Header[],
  entries: Map<number, XrefEntry>,
  ctx: RepairContext,
): void {
  const done = new Set<number>();
  for (const pos of occurrences(buf, '/ObjStm', seg.from, seg.to)) {
    const hd = headerBefore(mine, pos);
    if (!hd || done.has(hd.start)) continue;
    done.add(hd.start);
    const o = parseIndirectAt(buf, hd.start, { lex: ctx.lex, meter: ctx.meter });
    if (o?.obj.t !== 'stream') continue;
    const t = o.obj.dict.get('Type');
    const n = o.obj.dict.get('N');
    const first = o.obj.dict.get('First');
    if (t?.t !== 'name' || t.v !== 'ObjStm' || n?.t !== 'num' || first?.t !== 'num') continue;
    const raw = buf.subarray(o.obj.dataStart, o.obj.dataStart + o.obj.dataLength);
    const d = decodeFilters(raw, filterSteps(o.obj.dict), ctx.maxStreamBytes);
    if (!d.ok) continue;
    const head = Buffer.from(d.data.buffer, d.data.byteOffset, Math.min(d.data.length, first.v)).toString('latin1');
    const tok = /\s*(\d+)\s+(\d+)/y;
    for (let i = 0; i < Math.min(n.v, ctx.maxObjects); i++) {
      const m = tok.exec(head);
      if (!m) break;
      const num = Number(m[1]);
      if (!entries.has(num)) entries.set(num, { kind: 'compressed', stream: hd.num, index: i });
    }
  }
}

function findTrailer(buf: Buffer, seg: { from: number; to: number }, mine: Header[], ctx: RepairContext): Dict | undefined {
  const ts = occurrences(buf, 'trailer', seg.from, seg.to);
  for (let i = ts.length - 1; i >= 0; i--) {
    const p = ts[i]!;
    if (!keywordAt(buf, p, 'trailer')) continue;
    const v = parseValueAt(buf, skipWs(buf, p + 7), ctx.lex, ctx.meter);
    if (v?.obj.t === 'dict') return v.obj.v;
  }
  const xs = occurrences(buf, '/XRef', seg.from, seg.to);
  for (let i = xs.length - 1; i >= 0; i--) {
    const hd = headerBefore(mine, xs[i]!);
    if (!hd) continue;
    const o = parseIndirectAt(buf, hd.start, { lex: ctx.lex, meter: ctx.meter });
    const t = o?.obj.t === 'stream' ? o.obj.dict.get('Type') : undefined;
    if (o?.obj.t === 'stream' && t?.t === 'name' && t.v === 'XRef') return new Map(o.obj.dict);
  }
  return undefined;
}

function findCatalog(buf: Buffer, headers: Header[], to: number, ctx: RepairContext): Header | undefined {
  const cs = occurrences(buf, '/Catalog', 0, to);
  for (let i = cs.length - 1; i >= 0; i--) {
    const hd = headerBefore(headers, cs[i]!);
    if (!hd) continue;
    const o = parseIndirectAt(buf, hd.start, { lex: ctx.lex, meter: ctx.meter });
    const t: PdfObj | undefined = o?.obj.t === 'dict' ? o.obj.v.get('Type') : undefined;
    if (t?.t === 'name' && t.v === 'Catalog') return hd;
  }
  return undefined;
}

function findXref(buf: Buffer, seg: { from: number; to: number; marker?: Revision }): { offset: number; kind: 'table' | 'stream' } | undefined {
  const x = seg.marker?.xrefOffset;
  if (x !== undefined && x >= seg.from && x < seg.to) return { offset: x, kind: keywordAt(buf, x, 'xref') ? 'table' : 'stream' };
  return undefined;
}
