// A minimal, bounded PDF lexer/parser for ONE direct object at a given offset. It records byte offsets of every
// value so that callers can compare them with a /ByteRange; it never follows references or reads streams.
// One parser (`Parser`) builds both the lexer's values (PdfValue, below) and the document model's (document/value.ts):
// the position is a field and character classes come from a table — V8 runs this far better, cold and warm, than
// closures sharing a captured position — and V8 has one set of hot functions to optimise, not two.
// The same Parser also reads content streams and CMaps (`operator`, below): the PostScript-like operand/operator
// grammar, permissive as viewers are, on the same character classes, words, names, numbers and string scans.

export type PdfValue =
  /** `entries`: the LAST occurrence of a repeated key wins (as qpdf, poppler/pdfsig and Acrobat read it); the earlier
   * occurrences are kept in `duplicates`, in file order, so signature checks can refuse ambiguous dictionaries. */
  | { kind: 'dict'; start: number; end: number; entries: Map<string, PdfEntry>; duplicates?: PdfDuplicate[] }
  | { kind: 'array'; start: number; end: number; items: PdfValue[] }
  | { kind: 'name'; start: number; end: number; name: string }
  | { kind: 'number'; start: number; end: number; value: number; integer: boolean }
  | { kind: 'hex'; start: number; end: number }
  | { kind: 'string'; start: number; end: number }
  | { kind: 'ref'; start: number; end: number; num: number; gen: number }
  | { kind: 'keyword'; start: number; end: number; word: string };

export interface PdfEntry {
  keyStart: number;
  value: PdfValue;
}

/** An occurrence of a dictionary key that a later occurrence of the same key overrides. */
export interface PdfDuplicate extends PdfEntry {
  key: string;
}

export interface LexLimits {
  /** Largest object span in bytes. */
  maxBytes: number;
  maxDepth: number;
  /** Most values parsed for one object. */
  maxValues: number;
}

/** Thrown (one shared instance: no stack trace per malformed object) when the object is malformed or a limit is hit. */
const STOP: Error = new (class Stop extends Error {})();

const REGULAR = 0;
const WS = 1;
const DELIM = 2;
/** Character class per byte: PDF whitespace (incl. NUL), delimiter, or regular. */
const CLASS = new Uint8Array(256);
for (const c of [0x20, 0x0a, 0x0d, 0x09, 0x0c, 0x00]) CLASS[c] = WS;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIM;
/** 1 for hex digits and PDF whitespace (what may appear inside `<…>`), else 0. */
const HEX_OR_WS = new Uint8Array(256);
for (let c = 0; c < 256; c++) HEX_OR_WS[c] = CLASS[c] === WS || isHex(c) ? 1 : 0;
/** The first character that ends a hex string body (not a hex digit, not whitespace: `>` or an error). */
const HEX_BODY_END = /[^0-9A-Fa-f \t\n\f\r\0]/;
/** Hex bodies longer than this are scanned natively (chunks of HEX_CHUNK): /Contents runs to tens of kilobytes. */
const HEX_NATIVE_FROM = 64;
const HEX_CHUNK = 4096;

/** True for a byte that is neither whitespace nor a delimiter (undefined, past the end, is not). */
function isRegularByte(c: number | undefined): boolean {
  return c !== undefined && CLASS[c] === REGULAR;
}

/** Document values (document/types.ts PdfObj) as Parser builds them; declared here so the lexer needs no import. */
export type LexObj =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'num'; v: number; int: boolean }
  | { t: 'name'; v: string }
  | { t: 'str'; v: Uint8Array; hex: boolean; start?: number; end?: number }
  | { t: 'array'; v: LexObj[] }
  | { t: 'dict'; v: Map<string, LexObj>; start?: number; end?: number }
  | { t: 'ref'; num: number; gen: number };

type LexStr = Extract<LexObj, { t: 'str' }>;
const EMPTY = new Uint8Array(0);

/**
 * Parses one direct object of `buf[start, limit)` (`value(0)`). `objs` false builds PdfValue (offsets of everything,
 * repeated keys recorded); true builds LexObj, with `offsets` on dictionaries and strings, the strings' bytes left for
 * the caller to decode (`strings`, with their spans in `spans`, two numbers each). `pos` is where the next token
 * starts; every `STOP` leaves it where the scan stopped (the work meter counts up to there).
 */
export class Parser {
  readonly buf: Uint8Array;
  readonly limit: number;
  pos: number;
  /** Values parsed so far (against maxValues). */
  values = 0;
  readonly maxDepth: number;
  readonly maxValues: number;
  /** The value of the last number classified by `numberKind`. */
  num = 0;
  readonly objs: boolean;
  readonly offsets: boolean;
  readonly strings: LexStr[] = [];
  readonly spans: number[] = [];

  constructor(buf: Uint8Array, start: number, limits: LexLimits, objs: boolean, offsets: boolean) {
    // Always a plain Uint8Array (callers hand in Buffers too): one element kind for V8, no deoptimisation on a switch.
    this.buf = buf.constructor === Uint8Array ? buf : new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    this.limit = Math.min(buf.length, start + limits.maxBytes);
    this.pos = start;
    this.maxDepth = limits.maxDepth;
    this.maxValues = limits.maxValues;
    this.objs = objs;
    this.offsets = offsets;
  }

  /** Skip whitespace and comments. */
  skip(): void {
    const buf = this.buf;
    const limit = this.limit;
    let p = this.pos;
    while (p < limit) {
      const c = buf[p]!;
      if (CLASS[c] === WS) p++;
      else if (c === 0x25) {
        while (p < limit && buf[p] !== 0x0a && buf[p] !== 0x0d) p++;
      } else break;
    }
    this.pos = p;
  }

  /** Move past the run of regular characters at `pos`; STOP when it reaches the limit (its end is unknown). */
  word(): void {
    const p = regularEnd(this.buf, this.pos, this.limit);
    this.pos = p;
    if (p >= this.limit) throw STOP;
  }

  /** After `<`: move past the hex string body and its `>`. */
  hexString(): void {
    const p = hexEnd(this.buf, this.pos, this.limit);
    this.pos = p;
    if (p >= this.limit || this.buf[p] !== 0x3e) throw STOP;
    this.pos = p + 1;
  }

  /** After `(`: move past the literal string body and its `)` (balanced parentheses, backslash escapes). */
  literalString(): void {
    if (!this.literalBody()) throw STOP;
  }

  /** After `(`: move past the body and its `)`; false when the data ends first (`pos` at or one past the limit). */
  literalBody(): boolean {
    const buf = this.buf;
    const limit = this.limit;
    let p = this.pos;
    let nest = 1;
    while (p < limit && nest > 0) {
      const h = buf[p]!;
      if (h === 0x5c) p += 2;
      else {
        if (h === 0x28) nest++;
        else if (h === 0x29) nest--;
        p++;
      }
    }
    this.pos = p;
    return nest === 0;
  }

  /** After `/`: the name's characters, `#xx` escapes decoded. */
  name(): string {
    const s = this.pos;
    if (s >= this.limit || CLASS[this.buf[s]!] !== REGULAR) return '';
    this.word();
    return nameText(this.buf, s, this.pos);
  }

  /**
   * The regular word buf[s, e): 0 when it is not a number, 1 for an integer `[+-]?\d+`, 2 for a real
   * `[+-]?(\d+\.\d*|\.\d+)`; the number's value is left in `num` (as Number() reads the word).
   */
  numberKind(s: number, e: number): 0 | 1 | 2 {
    const buf = this.buf;
    const c0 = buf[s]!;
    let i = c0 === 0x2b || c0 === 0x2d ? s + 1 : s;
    let digits = 0;
    let dot = false;
    let v = 0;
    for (; i < e; i++) {
      const c = buf[i]!;
      if (c >= 0x30 && c <= 0x39) {
        digits++;
        v = v * 10 + (c - 0x30);
      } else if (c === 0x2e && !dot) dot = true;
      else return 0;
    }
    if (digits === 0) return 0;
    // Up to 15 digits an integer is exact in a double; reals and longer numbers go through Number().
    if (dot || digits > 15) this.num = Number(latin1(buf, s, e));
    else this.num = c0 === 0x2d ? -v : v;
    return dot ? 2 : 1;
  }

  /**
   * After a non-negative integer: `g R` making it a reference? Returns the generation and moves past `R`, or
   * returns -1 and leaves `pos` where it was (a STOP can still come from a word running into the limit).
   */
  refGeneration(): number {
    const save = this.pos;
    this.skip();
    const buf = this.buf;
    const limit = this.limit;
    if (this.pos < limit && CLASS[buf[this.pos]!] === REGULAR) {
      // The generation word, read without building a string (hot: every reference).
      const gs = this.pos;
      this.word();
      const ge = this.pos;
      let digits = true;
      for (let i = gs; i < ge; i++) if (buf[i]! < 0x30 || buf[i]! > 0x39) digits = false;
      if (digits) {
        const gen = ge - gs <= 15 ? digitsValue(buf, gs, ge) : Number(latin1(buf, gs, ge));
        this.skip();
        const p = this.pos;
        if (p < limit && buf[p] === 0x52 && !isRegularByte(buf[p + 1])) {
          this.pos = p + 1;
          return gen;
        }
      }
    }
    this.pos = save;
    return -1;
  }

  value(depth: number): unknown {
    if (depth > this.maxDepth || ++this.values > this.maxValues) throw STOP;
    this.skip();
    const buf = this.buf;
    const s = this.pos;
    if (s >= this.limit) throw STOP;
    const c = buf[s]!;
    if (c === 0x3c) {
      if (buf[s + 1] === 0x3c) return this.dict(depth, s);
      this.pos = s + 1;
      this.hexString();
      return this.objs ? this.str(s, true) : { kind: 'hex', start: s, end: this.pos };
    }
    if (c === 0x28) {
      this.pos = s + 1;
      this.literalString();
      return this.objs ? this.str(s, false) : { kind: 'string', start: s, end: this.pos };
    }
    if (c === 0x5b) {
      this.pos = s + 1;
      const items: unknown[] = [];
      for (;;) {
        this.skip();
        if (this.pos >= this.limit) throw STOP;
        if (buf[this.pos] === 0x5d) {
          this.pos++;
          return this.objs ? { t: 'array', v: items } : { kind: 'array', start: s, end: this.pos, items };
        }
        items.push(this.value(depth + 1));
      }
    }
    if (c === 0x2f) {
      this.pos = s + 1;
      const name = this.name();
      return this.objs ? { t: 'name', v: name } : { kind: 'name', start: s, end: this.pos, name };
    }
    if (CLASS[c] !== REGULAR) throw STOP;
    this.word();
    const e = this.pos;
    const numKind = this.numberKind(s, e);
    if (numKind !== 0) {
      const n = this.num;
      const integer = numKind === 1 && Number.isSafeInteger(n);
      if (integer && n >= 0) {
        const gen = this.refGeneration();
        if (gen >= 0) return this.objs ? { t: 'ref', num: n, gen } : { kind: 'ref', start: s, end: this.pos, num: n, gen };
      }
      return this.objs ? { t: 'num', v: n, int: integer } : { kind: 'number', start: s, end: e, value: n, integer };
    }
    return this.objs ? keywordObj(buf, s, e) : { kind: 'keyword', start: s, end: e, word: latin1(buf, s, e) };
  }

  private str(s: number, hex: boolean): LexStr {
    const o: LexStr = this.offsets ? { t: 'str', v: EMPTY, hex, start: s, end: this.pos } : { t: 'str', v: EMPTY, hex };
    this.strings.push(o);
    this.spans.push(s, this.pos);
    return o;
  }

  private dict(depth: number, s: number): unknown {
    const buf = this.buf;
    this.pos = s + 2;
    const entries = new Map<string, unknown>();
    let duplicates: PdfDuplicate[] | undefined;
    for (;;) {
      this.skip();
      const p = this.pos;
      if (p + 1 >= this.limit) throw STOP;
      if (buf[p] === 0x3e && buf[p + 1] === 0x3e) {
        this.pos = p + 2;
        if (this.objs) return this.offsets ? { t: 'dict', v: entries, start: s, end: this.pos } : { t: 'dict', v: entries };
        return duplicates ? { kind: 'dict', start: s, end: this.pos, entries, duplicates } : { kind: 'dict', start: s, end: this.pos, entries };
      }
      const key = this.key(depth + 1);
      const v = this.value(depth + 1);
      if (this.objs) entries.set(key, v);
      else {
        // Repeated key: the last occurrence wins, like the viewers (a first-wins reader would check other bytes
        // than the ones a viewer uses); the overridden one is recorded.
        const earlier = entries.get(key) as PdfEntry | undefined;
        if (earlier) (duplicates ??= []).push({ key, ...earlier });
        entries.set(key, { keyStart: p, value: v as PdfValue });
      }
    }
  }

  /**
   * A dictionary key at `pos` (whitespace already skipped), counted as a value at `depth`: a name, or STOP. Anything
   * else is parsed as a value first (so limits and the work meter see what they always saw), then refused.
   */
  private key(depth: number): string {
    if (this.buf[this.pos] !== 0x2f) {
      this.value(depth);
      throw STOP;
    }
    if (depth > this.maxDepth || ++this.values > this.maxValues) throw STOP;
    this.pos++;
    return this.name();
  }

  // ---- content streams and CMaps (ISO 32000-1 7.8.2) ------------------------------------------------------------
  // Operands up to an operator word, read as viewers read them: stray delimiters are skipped, keywords inside arrays
  // and dictionaries ignored (so are entries whose key is no name), a string, array or dictionary left open ends with
  // the data, a word that starts like a number but is none is read by Number() (0 when not finite), and `R` is an
  // operator like any other. Only limits stop the scan: `maxValues` operands (nested ones included) for one operator,
  // arrays/dictionaries nested `maxDepth` deep, the caller's operator budget. Built with `objs` (values are LexObj);
  // strings are left in `strings`/`spans` for the caller to decode, as for objects (one left open spans to one past
  // the data).

  /** The operator word read where an operand was expected ('' when none). */
  opWord = '';
  /** Why `operator` stopped before the data ended ('' while it has not). */
  stopped = '';

  /**
   * The next operator, its operands pushed to `operands`; undefined at the end of the data or when a limit stopped
   * the scan (`stopped`). Inline images (BI … ID <binary> EI) are skipped, their bytes never read as operators. Every
   * operator read (BI included) takes one from `budget.operators`, which may be shared by several scans. Never throws.
   */
  operator(budget: { operators: number }, operands: LexObj[]): string | undefined {
    if (this.stopped !== '') return undefined;
    this.values = 0;
    this.strings.length = 0;
    this.spans.length = 0;
    try {
      for (;;) {
        const v = this.operand(0);
        if (v !== undefined) {
          this.bump();
          operands.push(v);
          continue;
        }
        const op = this.opWord;
        if (op === '') return undefined; // the end of the data
        this.opWord = '';
        if (--budget.operators < 0) this.stop('operator limit');
        if (op !== 'BI') return op;
        this.inlineImage();
        operands.length = 0;
        this.values = 0;
        this.strings.length = 0;
        this.spans.length = 0;
      }
    } catch (e) {
      if (e === STOP) return undefined;
      if (e instanceof RangeError) {
        this.stopped = 'nesting limit';
        return undefined;
      }
      throw e;
    }
  }

  private stop(why: string): never {
    this.stopped = why;
    throw STOP;
  }

  /** One more operand for the current operator. */
  private bump(): void {
    if (++this.values > this.maxValues) this.stop('operand limit');
  }

  /** A content operand at `pos`, or undefined: an operator word was read instead (`opWord`), or the data ended. */
  private operand(depth: number): LexObj | undefined {
    const buf = this.buf;
    const limit = this.limit;
    this.skip();
    // Stray delimiters (a lone `]`, `>`, `)`, braces) are skipped.
    while (this.pos < limit && isStray(buf[this.pos]!)) {
      this.pos++;
      this.skip();
    }
    const s = this.pos;
    if (s >= limit) return undefined;
    const c = buf[s]!;
    if (c === 0x2f) {
      this.pos = regularEnd(buf, s + 1, limit);
      return { t: 'name', v: nameText(buf, s + 1, this.pos) };
    }
    if (c === 0x28) {
      this.pos = s + 1;
      const end = this.literalBody() ? this.pos - 1 : limit;
      this.pos = Math.min(this.pos, limit);
      return this.pending(s, end, false);
    }
    if (c === 0x3c) {
      if (buf[s + 1] === 0x3c) return this.contentDict(depth);
      // The body runs to `>` (or the end of the data); what is not a hex digit in it is ignored.
      const gt = buf.indexOf(0x3e, s + 1);
      const end = gt < 0 || gt >= limit ? limit : gt;
      this.pos = Math.min(end + 1, limit);
      return this.pending(s, end, true);
    }
    if (c === 0x5b) {
      if (depth >= this.maxDepth) this.stop('nesting limit');
      this.pos = s + 1;
      const items: LexObj[] = [];
      for (;;) {
        this.skip();
        if (this.pos >= limit) break;
        if (buf[this.pos] === 0x5d) {
          this.pos++;
          break;
        }
        const v = this.element(depth + 1);
        if (v === undefined) break;
        if (v === null) continue;
        this.bump();
        items.push(v);
      }
      return { t: 'array', v: items };
    }
    // A regular word (every delimiter was handled above, so it is not empty).
    const e = (this.pos = regularEnd(buf, s, limit));
    const kind = this.numberKind(s, e);
    if (kind !== 0) {
      const n = this.num;
      return { t: 'num', v: Number.isFinite(n) ? n : 0, int: kind === 1 && Number.isSafeInteger(n) };
    }
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const n = Number(latin1(buf, s, e));
      return { t: 'num', v: Number.isFinite(n) ? n : 0, int: false };
    }
    const w = latin1(buf, s, e);
    if (w === 'true' || w === 'false') return { t: 'bool', v: w === 'true' };
    if (w === 'null') return { t: 'null' };
    this.opWord = w;
    return undefined;
  }

  /** An operand inside an array or dictionary: null for a keyword (dropped), undefined at the end of the data. */
  private element(depth: number): LexObj | null | undefined {
    const v = this.operand(depth);
    if (v !== undefined || this.opWord === '') return v;
    this.opWord = '';
    return null;
  }

  /** A string token from `s` whose body ends at `end` (its closing delimiter or the data's end), decoded later. */
  private pending(s: number, end: number, hex: boolean): LexStr {
    const o: LexStr = { t: 'str', v: EMPTY, hex };
    this.strings.push(o);
    this.spans.push(s, end + 1);
    return o;
  }

  /** After `<<` at `pos`: entries up to `>>`; a key with no value before `>>` ends the dictionary. */
  private contentDict(depth: number): LexObj {
    if (depth >= this.maxDepth) this.stop('nesting limit');
    this.pos += 2;
    const entries = new Map<string, LexObj>();
    for (;;) {
      this.skip();
      if (this.pos >= this.limit || this.dictEnd()) break;
      const k = this.element(depth + 1);
      if (k === undefined) break;
      if (k === null) continue;
      this.bump();
      this.skip();
      if (this.dictEnd()) break;
      const v = this.element(depth + 1);
      if (!v) continue;
      this.bump();
      if (k.t === 'name') entries.set(k.v, v);
    }
    return { t: 'dict', v: entries };
  }

  /** At `>>`: move past it. */
  private dictEnd(): boolean {
    if (this.buf[this.pos] !== 0x3e || this.buf[this.pos + 1] !== 0x3e) return false;
    this.pos += 2;
    return true;
  }

  /** After BI: the image dictionary up to ID, its one white-space byte, then the data up to `EI` between white space. */
  private inlineImage(): void {
    for (;;) {
      if (this.operand(0) !== undefined) continue;
      const w = this.opWord;
      if (w === '') return;
      this.opWord = '';
      if (w === 'ID') break;
    }
    const buf = this.buf;
    const limit = this.limit;
    for (let p = this.pos + 1; p < limit; p++) {
      p = buf.indexOf(0x45, p);
      if (p < 0 || p >= limit) break;
      if (p + 1 < limit && buf[p + 1] === 0x49 && CLASS[buf[p - 1]!] === WS && (p + 2 >= limit || CLASS[buf[p + 2]!] === WS)) {
        this.pos = p + 2;
        return;
      }
    }
    this.pos = limit;
  }
}

/** A delimiter that cannot start a content operand: skipped where one is expected. */
function isStray(c: number): boolean {
  return c === 0x5d || c === 0x29 || c === 0x7b || c === 0x7d || c === 0x3e;
}

/** A keyword as a document value: `true` and `false` are booleans, anything else null (as readers treat them). */
function keywordObj(buf: Uint8Array, s: number, e: number): LexObj {
  if (e - s === 4 && buf[s] === 0x74 && buf[s + 1] === 0x72 && buf[s + 2] === 0x75 && buf[s + 3] === 0x65) return { t: 'bool', v: true };
  if (e - s === 5 && buf[s] === 0x66 && buf[s + 1] === 0x61 && buf[s + 2] === 0x6c && buf[s + 3] === 0x73 && buf[s + 4] === 0x65)
    return { t: 'bool', v: false };
  return { t: 'null' };
}

/** Parse one direct object starting at `start` (after skipping whitespace/comments). undefined when malformed. */
export function parseObjectAt(
  buf: Uint8Array,
  start: number,
  limits: LexLimits,
  meter?: { bytes: number },
): PdfValue | undefined {
  return parseWith(new Parser(buf, start, limits, false, true), start, meter) as PdfValue | undefined;
}

/** `px.value(0)`, or undefined when the object is malformed or a limit is hit; `meter` counts the bytes looked at. */
export function parseWith(px: Parser, start: number, meter?: { bytes: number }): unknown {
  try {
    return px.value(0);
  } catch (e) {
    if (e === STOP || e instanceof RangeError) return undefined;
    throw e;
  } finally {
    // Lets callers bound the total work over many attempts.
    if (meter) meter.bytes += Math.max(0, px.pos - start);
  }
}

/** The end of the run of regular characters (not whitespace, not a delimiter) from `p`, at most `limit`. */
function regularEnd(buf: Uint8Array, p: number, limit: number): number {
  while (p < limit && CLASS[buf[p]!] === REGULAR) p++;
  return p;
}

const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, s: number, e: number): string }).latin1Slice;

/**
 * Where the scan of a hex string body from `p` stops: its closing `>`, a non-hex character, or `limit`. Long bodies
 * are searched natively, a chunk at a time (so a hostile `<` never costs more than the body plus one chunk).
 */
export function hexEnd(buf: Uint8Array, p: number, limit: number): number {
  const short = Math.min(limit, p + HEX_NATIVE_FROM);
  while (p < short) {
    const c = buf[p]!;
    if (c === 0x3e || HEX_OR_WS[c] === 0) return p;
    p++;
  }
  while (p < limit) {
    const e = Math.min(limit, p + HEX_CHUNK);
    const i = latin1Slice.call(buf, p, e).search(HEX_BODY_END);
    if (i >= 0) return p + i;
    p = e;
  }
  return p;
}

export function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** buf[s, e) as a Latin-1 string. */
export function latin1(buf: Uint8Array, s: number, e: number): string {
  // Native slice beyond a few characters; the plain loop wins for short words (most names and keys).
  if (e - s > 8) return latin1Slice.call(buf, s, e);
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(buf[i]!);
  return out;
}

/** The decimal value of the ASCII digits buf[s..e) (at most 15 digits: exact in a double). */
function digitsValue(buf: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 10 + (buf[i]! - 0x30);
  return v;
}

/** A name's characters buf[s, e) with `#xx` escapes decoded (a `#` without two hex digits stays as it is). */
function nameText(buf: Uint8Array, s: number, e: number): string {
  const raw = latin1(buf, s, e);
  if (!raw.includes('#')) return raw;
  return raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
