// openPdf: the revision chain (startxref → xref table/stream → /Prev, hybrid /XRefStm), or a repair scan when the
// chain is unusable, and lazy object loading as of any revision. Objects are parsed only when asked for and cached.
import { FormatError, LimitError } from '../../errors.js';
import type { LexLimits } from '../lexer.js';
import { DEFAULT_REVISION_LIMITS, findRevisions, type Revision } from '../revisions.js';
import { decodeFilters } from './filters.js';
import { objHeaderAt, parseIndirectAt, type ParsedObject } from './object.js';
import { repairScan } from './repair.js';
import type { PdfDocument, PdfDocumentLimits, PdfIrregularity, PdfIrregularityKind, PdfObj, PdfRevision, XrefEntry } from './types.js';
import { parseValueAt, type Dict } from './value.js';
import { filterSteps, readXrefNear, type XrefSection } from './xref.js';

export const DEFAULT_PDF_DOCUMENT_LIMITS: PdfDocumentLimits = {
  maxBytes: 512 * 1024 * 1024,
  maxRevisions: 1000,
  maxObjects: 2_000_000,
  maxDepth: 100,
  maxStreamBytes: 64 * 1024 * 1024,
  maxRefChain: 32,
  maxWorkBytes: 2 * 1024 * 1024 * 1024,
};

/** Bytes around a stale object offset searched for its `n g obj` header before the whole-file index is used. */
const OBJECT_SEARCH_WINDOW = 64;
/** Decoded object streams kept in memory at once. */
const OBJSTM_CACHE_BYTES = 256 * 1024 * 1024;
const MAX_WARNINGS = 200;
/** Lookups remembered per revision (see Doc.asOf) before they are forgotten. */
const AS_OF_ENTRIES = 1_000_000;
/** Source bytes of the parsed objects kept in the cache before it is emptied. */
const CACHE_BYTES = 256 * 1024 * 1024;

type Stream = Extract<PdfObj, { t: 'stream' }>;

interface ObjStm {
  data: Uint8Array;
  /** [object number, offset from /First] per member. */
  members: [number, number][];
  first: number;
  /** Numbers the header lists more than once (readers disagree on which member counts). */
  dups: Set<number>;
  /** What is wrong with the stream or its header as a whole (short header, repaired data), for every member. */
  flaws: string[];
}

/** The revision boundaries each document was opened with (see revisionMarkers). */
const MARKERS = new WeakMap<PdfDocument, Revision[]>();

/**
 * `findRevisions(doc.bytes).revisions` as scanned when `doc` was opened (the bytes must not have changed since), so a
 * caller holding the document need not scan the file again; undefined when it was opened under other limits.
 */
export function revisionMarkers(doc: PdfDocument): readonly Revision[] | undefined {
  return MARKERS.get(doc);
}

/** Most `n g obj` headers looked at in one revision's bytes for stray objects. */
const MAX_STRAY_SCAN = 1_000_000;

/**
 * Open a PDF. Throws FormatError when the bytes are not a PDF or nothing usable is found, LimitError when a limit is
 * exceeded; everything else is tolerated (with `warnings`). Encrypted files open with `encrypted: true`.
 */
export function openPdf(bytes: Uint8Array, limits: Partial<PdfDocumentLimits> = {}): PdfDocument {
  if (!(bytes instanceof Uint8Array)) throw new FormatError('PDF input must be bytes');
  const lim = { ...DEFAULT_PDF_DOCUMENT_LIMITS, ...limits };
  if (bytes.length > lim.maxBytes) throw new LimitError(`PDF larger than ${lim.maxBytes} bytes`);
  return new Doc(bytes, lim);
}

class Doc implements PdfDocument {
  readonly bytes: Uint8Array;
  readonly version?: string;
  revisions: PdfRevision[] = [];
  encrypted = false;
  readonly warnings: string[] = [];
  repaired = false;
  /** Offset of `%PDF-`. */
  readonly headerOffset: number;

  private readonly buf: Buffer;
  private readonly lim: PdfDocumentLimits;
  private readonly lex: LexLimits;
  private readonly meter = { bytes: 0 };
  /** key `${revision}:${num}` of the defining xref entry → object (null: unparsable). */
  private readonly cache = new Map<string, PdfObj | null>();
  /** Per revision asked for (as revIndex gives it): object number → its `cache` entry, so a repeated lookup needs no
   * xref walk and no key string. Emptied whenever `cache` is. */
  private asOf: (Map<number, PdfObj | null> | undefined)[] = [];
  private asOfEntries = 0;
  private readonly raw = new Map<string, { start: number; end: number; inStream?: number } | null>();
  private readonly loading = new Set<string>();
  /** key `${revision}:${num}` of in-use entries whose object could not be read: a header was there but the object
   * does not parse ('unparsable'), or none was found in that revision's bytes ('missing'). See parseFileObject. */
  private readonly broken = new Map<string, 'unparsable' | 'missing'>();
  private readonly objStms = new Map<string, ObjStm | null>();
  private objStmBytes = 0;
  private cacheBytes = 0;
  private headerIndex?: Map<number, number[]>;
  private workWarned = false;
  /** key `${revision}:${num}` → the repairs its definition needed (set when it is loaded). */
  private readonly objNotes = new Map<string, PdfIrregularity[]>();
  /** Revision index → repairs of its xref section(s). */
  private readonly revNotes = new Map<number, PdfIrregularity[]>();
  /** Stream object → its /Length was wrong; stream object → its decoding's repair (null: decoded as written). */
  private readonly lengthNotes = new WeakSet<object>();
  private readonly decodeNotes = new WeakMap<object, string | null>();

  constructor(bytes: Uint8Array, lim: PdfDocumentLimits) {
    this.bytes = bytes;
    this.lim = lim;
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.lex = { maxBytes: 256 * 1024 * 1024, maxDepth: lim.maxDepth, maxValues: 500_000 };
    const h = this.buf.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1');
    if (h < 0) throw new FormatError('not a PDF: no %PDF- header in the first 1024 bytes');
    this.headerOffset = h;
    if (h > 0) this.warn(`${h} bytes before the %PDF- header`);
    const m = /^%PDF-(\d+\.\d+)/.exec(this.buf.toString('latin1', h, Math.min(h + 16, bytes.length)));
    if (m) this.version = m[1]!;
    const scan = findRevisions(bytes, { maxRevisions: lim.maxRevisions * 4 });
    if (scan.truncated) throw new LimitError(`more than ${lim.maxRevisions * 4} %%EOF markers`);
    // Complete under a limit no larger than findRevisions' default: what findRevisions(bytes) returns.
    if (lim.maxRevisions * 4 <= DEFAULT_REVISION_LIMITS.maxRevisions) MARKERS.set(this, scan.revisions);
    const chain = this.readChain(scan.revisions);
    if (chain) this.revisions = chain;
    // Encrypted files keep their catalog in (encrypted) object streams at times: no repair for an unreadable one.
    const encrypted = chain?.some((r) => r.trailer.has('Encrypt')) ?? false;
    // A catalog that is where the chain says but cannot be parsed (or is no dictionary) is kept as it is: repairing
    // would bring back an older revision's catalog in its place.
    if (!chain || (!encrypted && !this.catalog() && !this.rootLocated())) {
      if (chain) this.warn('the xref chain does not lead to a catalog; objects were found by scanning');
      this.cache.clear();
      this.forgetAsOf();
      this.raw.clear();
      this.broken.clear();
      this.objStms.clear();
      this.objNotes.clear();
      this.revNotes.clear();
      this.revisions = repairScan(this.buf, scan.revisions, {
        lex: this.lex,
        meter: this.meter,
        maxObjects: lim.maxObjects,
        maxRevisions: lim.maxRevisions,
        maxStreamBytes: lim.maxStreamBytes,
        warn: (w) => this.warn(w),
      });
      this.repaired = true;
      if (this.revisions.length === 0) throw new FormatError('not a usable PDF: no xref and no objects found');
    }
    const last = this.revisions[this.revisions.length - 1]!;
    this.encrypted = last.trailer.has('Encrypt');
  }

  warn(m: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(m);
  }

  // ---- the chain --------------------------------------------------------------------------------------------

  /** Sections newest first via /Prev, grouped into revisions oldest first; undefined when the chain is unusable. */
  private readChain(markers: Revision[]): PdfRevision[] | undefined {
    const startMarker = [...markers].reverse().find((m) => m.xrefOffset !== undefined);
    if (!startMarker) {
      this.warn('no startxref found');
      return undefined;
    }
    const ctx = { lex: this.lex, meter: this.meter, maxObjects: this.lim.maxObjects, maxStreamBytes: this.lim.maxStreamBytes };
    const sections: (XrefSection & { hybrid?: boolean; notes?: string[] })[] = [];
    const seen = new Set<number>();
    // Repairs of a section are kept with it (they become its revision's irregularities).
    const noteOn = (sec: { notes?: string[] } | undefined, m: string): void => {
      this.warn(m);
      if (sec) (sec.notes ??= []).push(m);
    };
    let off: number | undefined = startMarker.xrefOffset!;
    while (off !== undefined) {
      if (seen.has(off)) {
        noteOn(sections.at(-1), `/Prev loop at offset ${off}; the chain stops there`);
        break;
      }
      if (sections.length >= this.lim.maxRevisions) throw new LimitError(`more than ${this.lim.maxRevisions} xref sections`);
      seen.add(off);
      const found: string[] = [];
      const sec: (XrefSection & { hybrid?: boolean; notes?: string[] }) | undefined = readXrefNear(this.bytes, off, ctx, (w) => {
        this.warn(w);
        found.push(w);
      });
      if (!sec) {
        this.warn(`no xref section at offset ${off}`);
        return undefined;
      }
      if (found.length) sec.notes = found;
      if (sec.dataRepaired) noteOn(sec, `xref stream at ${sec.offset}: ${sec.dataRepaired}`);
      if (seen.has(sec.offset) && sec.offset !== off) {
        noteOn(sections.at(-1), `/Prev loop at offset ${sec.offset}; the chain stops there`);
        break;
      }
      seen.add(sec.offset);
      const stm = intOf(sec.trailer.get('XRefStm'));
      if (sec.kind === 'table' && stm !== undefined) {
        const s = readXrefNear(this.bytes, stm, ctx, (w) => this.warn(w));
        if (s && s.kind === 'stream') {
          // Hybrid-reference file: the table wins; the stream adds objects the table leaves out or marks free.
          for (const [n, e] of s.entries) {
            const t = sec.entries.get(n);
            if (!t || t.kind === 'free') sec.entries.set(n, e);
          }
          sec.hybrid = true;
          noteOn(sec, 'hybrid-reference file (/XRefStm)');
          if (s.duplicates) sec.duplicates = [...new Set([...(sec.duplicates ?? []), ...s.duplicates])];
        } else noteOn(sec, `/XRefStm ${stm} does not lead to an xref stream`);
      }
      sections.push(sec);
      const prev = intOf(sec.trailer.get('Prev'));
      if (prev === 0) noteOn(sec, '/Prev 0 ignored');
      off = prev === 0 ? undefined : prev;
    }
    // A /Prev pointing forward joins two sections of one revision (linearized files: first-page xref + main xref).
    const groups: (XrefSection & { hybrid?: boolean; notes?: string[] })[][] = [];
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i]!;
      const newer = sections[i - 1];
      if (newer && s.offset > newer.offset) groups[groups.length - 1]!.push(s);
      else groups.push([s]);
    }
    groups.reverse();
    const endOf = (offset: number): Revision | undefined => markers.find((m) => m.startxref > offset);
    const revs: PdfRevision[] = [];
    for (const g of groups) {
      const head = g[0]!;
      const entries = new Map<number, XrefEntry>();
      for (const s of g) for (const [n, e] of s.entries) if (!entries.has(n)) entries.set(n, e);
      let marker: Revision | undefined;
      for (const s of g) {
        const m = endOf(s.offset);
        if (m && (!marker || m.end > marker.end)) marker = m;
      }
      const notes: PdfIrregularity[] = [];
      const index = revs.length;
      if (!marker) {
        this.warn(`no %%EOF after the xref section at ${head.offset}`);
        notes.push({ revision: index, kind: 'xref', detail: `no %%EOF after the xref section at ${head.offset}` });
      }
      for (const sec of g) {
        for (const m of sec.notes ?? []) notes.push({ revision: index, kind: 'xref', detail: m });
        for (const n of sec.duplicates ?? [])
          notes.push({ revision: index, num: n, kind: 'xref-entry', detail: `the xref section at ${sec.offset} lists object ${n} more than once` });
      }
      if (notes.length) this.revNotes.set(index, notes);
      const rev: PdfRevision = {
        index: revs.length,
        xrefOffset: head.offset,
        xrefKind: head.kind,
        end: marker ? marker.end : this.bytes.length,
        eofEnd: marker ? marker.eofEnd : this.bytes.length,
        trailer: head.trailer,
        entries,
      };
      if (g.length > 1) rev.sections = g.map((s) => s.offset);
      if (g.some((s) => s.hybrid)) rev.hybrid = true;
      revs.push(rev);
    }
    return revs;
  }

  // ---- lookup ------------------------------------------------------------------------------------------------

  private revIndex(rev: number | undefined): number {
    const last = this.revisions.length - 1;
    if (rev === undefined) return last;
    return Number.isInteger(rev) && rev >= 0 && rev <= last ? rev : -1;
  }

  definedIn(num: number, rev?: number): { revision: number; entry: XrefEntry } | undefined {
    const r = this.revIndex(rev);
    for (let i = r; i >= 0; i--) {
      const e = this.revisions[i]!.entries.get(num);
      if (e) return { revision: i, entry: e };
    }
    return undefined;
  }

  objectNumbers(rev?: number): number[] {
    const r = this.revIndex(rev);
    const seen = new Set<number>();
    const out: number[] = [];
    for (let i = r; i >= 0; i--) {
      for (const [n, e] of this.revisions[i]!.entries) {
        if (seen.has(n)) continue;
        seen.add(n);
        if (e.kind !== 'free' && n > 0) out.push(n);
      }
    }
    return out.sort((a, b) => a - b);
  }

  unreadable(num: number, rev?: number): boolean {
    try {
      const d = this.definedIn(num, rev);
      if (!d || d.entry.kind === 'free') return false;
      return this.load(num, rev) === undefined;
    } catch {
      return true;
    }
  }

  /** The last trailer's /Root object was found where its xref entry says (readable or not). */
  private rootLocated(): boolean {
    for (let i = this.revisions.length - 1; i >= 0; i--) {
      const root = this.revisions[i]!.trailer.get('Root');
      if (!root) continue;
      if (root.t !== 'ref') return false;
      const d = this.definedIn(root.num);
      if (!d || d.entry.kind !== 'offset') return false;
      const key = `${d.revision}:${root.num}`;
      return this.raw.has(key) || this.broken.get(key) === 'unparsable';
    }
    return false;
  }

  getObject(num: number, rev?: number): PdfObj | undefined {
    const r = this.revIndex(rev);
    const known = r >= 0 ? this.asOf[r]?.get(num) : undefined;
    if (known !== undefined) return known ?? undefined;
    try {
      return this.load(num, rev)?.obj;
    } catch {
      return undefined;
    }
  }

  /** Where the object's stored bytes lie: in the file, or (inStream = object stream number) in decoded data. */
  objectLocation(num: number, rev?: number): { start: number; end: number; inStream?: number; data?: Uint8Array } | undefined {
    try {
      const d = this.definedIn(num, rev);
      if (!d || d.entry.kind === 'free') return undefined;
      this.load(num, rev);
      const loc = this.raw.get(`${d.revision}:${num}`);
      if (!loc) return undefined;
      if (loc.inStream === undefined) return loc;
      const stm = this.objStm(loc.inStream, d.revision);
      return stm ? { ...loc, data: stm.data } : undefined;
    } catch {
      return undefined;
    }
  }

  private overBudget(): boolean {
    if (this.meter.bytes <= this.lim.maxWorkBytes) return false;
    if (!this.workWarned) this.warn('work limit reached: further objects are not loaded');
    this.workWarned = true;
    return true;
  }

  private load(num: number, rev?: number): { obj: PdfObj } | undefined {
    if (!Number.isSafeInteger(num) || num < 0) return undefined;
    const d = this.definedIn(num, rev);
    if (!d || d.entry.kind === 'free') return undefined;
    const key = `${d.revision}:${num}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.remember(num, rev, hit);
      return hit === null ? undefined : { obj: hit };
    }
    if (this.loading.has(key) || this.overBudget()) return undefined;
    this.loading.add(key);
    try {
      let obj: PdfObj | undefined;
      const notes: PdfIrregularity[] = [];
      const note = (kind: PdfIrregularityKind, detail: string): void => void notes.push({ revision: d.revision, num, kind, detail });
      if (d.entry.kind === 'offset') {
        const p = this.parseFileObject(num, d.entry.offset, d.entry.gen, d.revision, note);
        if (p) {
          obj = p.obj;
          this.raw.set(key, { start: p.start, end: p.end });
        }
      } else {
        const r = this.fromObjStm(num, d.entry.stream, d.entry.index, d.revision, note);
        if (r) {
          obj = r.obj;
          this.raw.set(key, { start: r.start, end: r.end, inStream: d.entry.stream });
        }
      }
      if (notes.length) this.objNotes.set(key, notes);
      else this.objNotes.delete(key);
      // Bounded cache: a file of many huge objects must not pin them all in memory.
      const span = this.raw.get(key);
      this.cacheBytes += span ? span.end - span.start : 0;
      if (this.cacheBytes > CACHE_BYTES) {
        this.cache.clear();
        this.forgetAsOf();
        this.cacheBytes = 0;
      }
      this.cache.set(key, obj ?? null);
      this.remember(num, rev, obj ?? null);
      return obj ? { obj } : undefined;
    } finally {
      this.loading.delete(key);
    }
  }

  private remember(num: number, rev: number | undefined, o: PdfObj | null): void {
    const r = this.revIndex(rev);
    if (r < 0) return;
    // One entry per revision asked for: bounded apart from the cache (many revisions × many objects).
    if (++this.asOfEntries > AS_OF_ENTRIES) this.forgetAsOf();
    (this.asOf[r] ??= new Map()).set(num, o);
  }

  private forgetAsOf(): void {
    this.asOf = [];
    this.asOfEntries = 0;
  }

  private parseCtx(rev: number) {
    return {
      lex: this.lex,
      meter: this.meter,
      resolveLength: (n: number): number | undefined => {
        const o = this.getObject(n, rev);
        return o?.t === 'num' && o.int && o.v >= 0 ? o.v : undefined;
      },
    };
  }

  /**
   * The object at its xref offset. A stale offset (no `num g obj` header there) is searched nearby, then in the
   * whole-file header index — both only inside the bytes of revision `rev` (the one whose xref entry this is): an
   * older revision's definition of the same number must never stand in for an update's object, or a forged object
   * that we cannot read (and other readers can) would silently resolve to the signed one. A header found for `num`
   * whose object cannot be parsed ends the search: the object is there and unreadable (`unreadable()`).
   */
  private parseFileObject(
    num: number,
    offset: number,
    gen: number,
    rev: number,
    note: (kind: PdfIrregularityKind, detail: string) => void,
  ): ParsedObject | undefined {
    const ctx = this.parseCtx(rev);
    // What a strict reader would not accept is noted (the object is still read): see PdfDocument.objectIrregularities.
    const found = (o: ParsedObject, how?: string): ParsedObject => {
      if (how !== undefined) note('offset', `object ${num} is not at its xref offset ${offset} (found at ${o.start}${how})`);
      if (o.gen !== gen) note('generation', `object ${num}: its xref entry says generation ${gen}, its header at ${o.start} says ${o.gen}`);
      if (o.lengthRepaired) {
        this.lengthNotes.add(o.obj);
        note('stream-length', `object ${num}: stream /Length wrong or unresolvable; its data was delimited by searching for endstream`);
      }
      if (o.noEndobj) note('endobj', `object ${num} at ${o.start} has no endobj`);
      return this.noteLength(o);
    };
    const { from, to } = this.revisionSpan(rev);
    let broken: number | undefined;
    const at = (p: number): ParsedObject | undefined => {
      if (p < 0 || p >= to) return undefined;
      const h = objHeaderAt(this.bytes, p);
      if (!h || h.num !== num) return undefined;
      const o = parseIndirectAt(this.bytes, p, ctx);
      if (!o) broken ??= p;
      return o;
    };
    // The exact offset may lie in an older revision's bytes (an update re-listing an unchanged object): that is what
    // the entry says, so it is taken; an offset past this revision's end cannot hold an object this revision wrote.
    const exact = at(offset);
    if (exact) return found(exact);
    if (broken === undefined) {
      for (let d = 1; d <= OBJECT_SEARCH_WINDOW && broken === undefined; d++) {
        for (const p of [offset - d, offset + d]) {
          if (p < from || p >= to || (p > 0 && isDigit(this.bytes[p - 1]))) continue;
          const o = at(p);
          if (o) {
            this.warn(`object ${num} announced at ${offset} found at ${p}`);
            return found(o, '');
          }
        }
      }
    }
    if (broken === undefined) {
      // Last resort: the last `num g obj` header inside this revision's own bytes.
      const cands = (this.index().get(num) ?? []).filter((p) => p >= from && p < to);
      for (let i = cands.length - 1; i >= 0 && broken === undefined; i--) {
        const o = at(cands[i]!);
        if (o) {
          this.warn(`object ${num} announced at ${offset} found at ${cands[i]} by scanning`);
          return found(o, ' by scanning');
        }
      }
    }
    this.broken.set(`${rev}:${num}`, broken !== undefined ? 'unparsable' : 'missing');
    this.warn(
      broken !== undefined
        ? `object ${num} of revision ${rev} at ${broken} cannot be parsed; it is unreadable (no other revision's definition is used)`
        : `object ${num} of revision ${rev} announced at ${offset} not found in that revision's bytes; it is unreadable`,
    );
    return undefined;
  }

  /** Bytes of revision `rev`: from the end of the revision before it to its own end. */
  private revisionSpan(rev: number): { from: number; to: number } {
    const r = this.revisions[rev];
    const prev = rev > 0 ? this.revisions[rev - 1] : undefined;
    const to = r ? Math.min(r.end, this.bytes.length) : this.bytes.length;
    return { from: Math.min(prev?.end ?? 0, to), to };
  }

  private noteLength(o: ParsedObject): ParsedObject {
    if (o.lengthRepaired) this.warn(`object ${o.num}: stream /Length wrong or unresolvable; endstream used`);
    return o;
  }

  /** Every `n g obj` header in the file, built once on demand. */
  private index(): Map<number, number[]> {
    if (this.headerIndex) return this.headerIndex;
    const idx = new Map<number, number[]>();
    for (const h of this.headersIn(0, this.bytes.length, this.lim.maxObjects)) {
      const l = idx.get(h.num);
      if (l) l.push(h.at);
      else idx.set(h.num, [h.at]);
    }
    this.headerIndex = idx;
    return idx;
  }

  /** The `n g obj` headers starting in [from, to), at most `max`. */
  private headersIn(from: number, to: number, max: number): { num: number; gen: number; at: number }[] {
    const out: { num: number; gen: number; at: number }[] = [];
    let p0 = from;
    for (;;) {
      const p = this.buf.indexOf('obj', p0, 'latin1');
      if (p < 0 || p >= to + 32) break;
      p0 = p + 3;
      const s = headerStart(this.bytes, p);
      if (s === undefined || s < from || s >= to) continue;
      const h = objHeaderAt(this.bytes, s);
      if (!h || h.body !== p + 3) continue;
      if (out.length >= max) break;
      out.push({ num: h.num, gen: h.gen, at: s });
    }
    return out;
  }

  // ---- irregularities ----------------------------------------------------------------------------------------

  objectIrregularities(num: number, rev?: number): PdfIrregularity[] {
    try {
      const d = this.definedIn(num, rev);
      if (!d || d.entry.kind === 'free') return [];
      const got = this.load(num, rev);
      const out = [...(this.objNotes.get(`${d.revision}:${num}`) ?? [])];
      if (got?.obj.t === 'stream' && !this.lengthNotes.has(got.obj)) {
        const why = this.streamIrregularity(got.obj);
        if (why) out.push({ revision: d.revision, num, kind: 'stream-data', detail: `object ${num}: stream data ${why}` });
      }
      return out;
    } catch {
      return [];
    }
  }

  irregularities(rev: number): PdfIrregularity[] {
    try {
      const r = this.revisions[rev];
      if (!r || !Number.isInteger(rev)) return [];
      const out = [...(this.revNotes.get(rev) ?? [])];
      for (const [num, e] of r.entries) if (num > 0 && e.kind !== 'free') out.push(...this.objectIrregularities(num, rev));
      out.push(...this.strayHeaders(rev));
      return out;
    } catch {
      return [];
    }
  }

  /**
   * `n g obj` headers in revision `rev`'s own bytes that none of its xref entries points at and that lie inside no
   * object it defines (stream data): dead definitions that a reader rebuilding the xref table by scanning would use.
   */
  private strayHeaders(rev: number): PdfIrregularity[] {
    const r = this.revisions[rev]!;
    const { from, to } = this.revisionSpan(rev);
    if (this.repaired || to <= from) return [];
    const spans: [number, number][] = [];
    // Where the entries point (read or unreadable: an unparsable object is reported as unreadable, not as stray).
    const pointed = new Set<string>();
    for (const [num, e] of r.entries) {
      if (e.kind !== 'offset') continue;
      pointed.add(`${num}@${e.offset}`);
      const loc = this.raw.get(`${rev}:${num}`);
      if (loc && loc.inStream === undefined) spans.push([loc.start, loc.end]);
    }
    const xrefs = new Set([r.xrefOffset, ...(r.sections ?? [])]);
    const stm = intOf(r.trailer.get('XRefStm'));
    if (stm !== undefined) xrefs.add(stm);
    const out: PdfIrregularity[] = [];
    for (const h of this.headersIn(from, to, MAX_STRAY_SCAN)) {
      if (xrefs.has(h.at) || pointed.has(`${h.num}@${h.at}`) || spans.some(([a, b]) => h.at >= a && h.at < b)) continue;
      // A cross-reference stream written without an entry for itself is not a definition anyone shows.
      if (this.isXrefStreamAt(h.at)) continue;
      out.push({
        revision: rev,
        num: h.num,
        kind: 'stray-object',
        detail: `'${h.num} ${h.gen} obj' at ${h.at} in revision ${rev}'s bytes is not where its xref section points (a reader rebuilding the xref would use it)`,
      });
      if (out.length >= 100) break;
    }
    return out;
  }

  private isXrefStreamAt(p: number): boolean {
    const h = objHeaderAt(this.bytes, p);
    if (!h) return false;
    const b = this.buf.toString('latin1', h.body, Math.min(this.bytes.length, h.body + 256));
    return /^\s*<<[^]*\/Type\s*\/XRef\b/.test(b);
  }

  streamIrregularity(s: Stream): string | undefined {
    try {
      if (s?.t !== 'stream') return undefined;
      if (this.lengthNotes.has(s)) return '/Length wrong or unresolvable (delimited by searching for endstream)';
      if (!this.decodeNotes.has(s)) this.decode(s);
      return this.decodeNotes.get(s) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private objStm(streamNum: number, rev: number): ObjStm | undefined {
    const d = this.definedIn(streamNum, rev);
    if (!d || d.entry.kind !== 'offset') return undefined;
    const key = `${d.revision}:${streamNum}`;
    const hit = this.objStms.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const s = this.getObject(streamNum, rev);
    let out: ObjStm | null = null;
    if (s?.t === 'stream') {
      const n = intOf(this.resolve(s.dict.get('N'), rev));
      const first = intOf(this.resolve(s.dict.get('First'), rev));
      const data = this.decode(s, rev);
      if (n !== undefined && first !== undefined && data && n <= this.lim.maxObjects && first <= data.length) {
        // A trailing space lets the lexer end a number or keyword at the very end of the data.
        const padded = new Uint8Array(data.length + 1);
        padded.set(data);
        padded[data.length] = 0x20;
        const members: [number, number][] = [];
        let p = 0;
        const tok = /\s*(\d+)\s+(\d+)/y;
        const head = Buffer.from(padded.buffer, 0, first).toString('latin1');
        for (let i = 0; i < n; i++) {
          tok.lastIndex = p;
          const m = tok.exec(head);
          if (!m) break;
          members.push([Number(m[1]), Number(m[2])]);
          p = tok.lastIndex;
        }
        const dups = new Set<number>();
        const nums = new Set<number>();
        for (const [m] of members) (nums.has(m) ? dups : nums).add(m);
        const flaws: string[] = [];
        const repaired = this.streamIrregularity(s);
        if (repaired) flaws.push(`object stream ${streamNum}: ${repaired}`);
        out = { data: padded, members, first, dups, flaws };
        if (members.length < n) {
          this.warn(`object stream ${streamNum}: header lists ${members.length} of ${n} objects`);
          flaws.push(`object stream ${streamNum}: header lists ${members.length} of ${n} objects`);
        }
      } else if (!data) this.warn(`object stream ${streamNum} could not be decoded`);
    }
    if (out) {
      this.objStmBytes += out.data.length;
      if (this.objStmBytes > OBJSTM_CACHE_BYTES) {
        this.objStms.clear();
        this.objStmBytes = out.data.length;
      }
    }
    this.objStms.set(key, out);
    return out ?? undefined;
  }

  private fromObjStm(
    num: number,
    streamNum: number,
    index: number,
    rev: number,
    note: (kind: PdfIrregularityKind, detail: string) => void,
  ): { obj: PdfObj; start: number; end: number } | undefined {
    const stm = this.objStm(streamNum, rev);
    if (!stm) return undefined;
    let m = stm.members[index];
    if (!m || m[0] !== num) {
      // Readers differ here (poppler: null; we and others: the member with that number).
      note('object-stream', `object ${num}: member ${index} of object stream ${streamNum} is ${m ? `object ${m[0]}` : 'missing'}; found by number`);
      m = stm.members.find((x) => x[0] === num);
    }
    if (stm.dups.has(num)) note('object-stream', `object stream ${streamNum} lists object ${num} more than once`);
    for (const f of stm.flaws) note('object-stream', f);
    if (!m) return undefined;
    const start = stm.first + m[1];
    if (start >= stm.data.length) return undefined;
    const v = parseValueAt(stm.data, start, this.lex, this.meter, false);
    if (!v || v.obj.t === 'stream') return undefined;
    return { obj: v.obj, start, end: v.end };
  }

  resolve(o: PdfObj | undefined, rev?: number): PdfObj | undefined {
    let cur = o;
    for (let i = 0; i <= this.lim.maxRefChain; i++) {
      if (cur?.t !== 'ref') return cur;
      // ISO 32000-1 7.3.10 / poppler: a reference whose generation is not the xref entry's is to a free object (null).
      if (!this.generationMatches(cur.num, cur.gen, rev)) return undefined;
      cur = this.getObject(cur.num, rev);
    }
    return undefined;
  }

  /** The xref entry defining `num` as of `rev` has generation `gen` (objects in object streams have generation 0). */
  private generationMatches(num: number, gen: number, rev?: number): boolean {
    const d = this.definedIn(num, rev);
    if (!d || d.entry.kind === 'free') return true; // absent: getObject gives undefined anyway
    return d.entry.kind === 'offset' ? d.entry.gen === gen : gen === 0;
  }

  private decode(s: Stream, rev?: number, maxBytes = this.lim.maxStreamBytes): Uint8Array | undefined {
    const raw = this.rawData(s);
    const steps = filterSteps(s.dict, (o) => this.resolve(o, rev));
    if (steps.length === 0) {
      this.decodeNotes.set(s, null);
      return raw;
    }
    const r = decodeFilters(raw, steps, Math.min(maxBytes, this.lim.maxStreamBytes));
    if (r.ok) this.decodeNotes.set(s, r.repaired ?? null);
    return r.ok ? r.data : undefined;
  }

  private rawData(s: Stream): Uint8Array {
    const a = Math.min(Math.max(0, s.dataStart), this.bytes.length);
    return this.bytes.subarray(a, Math.min(this.bytes.length, a + Math.max(0, s.dataLength)));
  }

  streamData(s: Stream, decode = true, maxBytes?: number): Uint8Array | undefined {
    try {
      if (s?.t !== 'stream') return undefined;
      return decode ? this.decode(s, undefined, maxBytes) : this.rawData(s);
    } catch {
      return undefined;
    }
  }

  catalog(rev?: number): Map<string, PdfObj> | undefined {
    try {
      const r = this.revIndex(rev);
      // An update's trailer may lack /Root (broken writers): an older trailer's /Root then still names the catalog.
      for (let i = r; i >= 0; i--) {
        const root = this.revisions[i]!.trailer.get('Root');
        if (!root) continue;
        const c = this.resolve(root, r);
        return c?.t === 'dict' ? c.v : undefined;
      }
      return undefined;
    } catch {
      return undefined;
    }
  }
}

function intOf(o: PdfObj | undefined): number | undefined {
  return o?.t === 'num' && o.int && o.v >= 0 ? o.v : undefined;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** Given `obj` at `p`, where its `n g ` header would start (digits, whitespace, digits, whitespace). */
export function headerStart(b: Uint8Array, p: number): number | undefined {
  let q = p - 1;
  const ws = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
  let n = 0;
  while (q >= 0 && ws(b[q]) && n++ < 16) q--;
  n = 0;
  while (q >= 0 && isDigit(b[q]) && n++ < 6) q--;
  if (n === 0) return undefined;
  const g = q;
  n = 0;
  while (q >= 0 && ws(b[q]) && n++ < 16) q--;
  if (q === g) return undefined;
  n = 0;
  while (q >= 0 && isDigit(b[q]) && n++ < 11) q--;
  if (n === 0) return undefined;
  return q + 1;
}

export type { Dict };
