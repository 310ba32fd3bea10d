// A minimal, bounded PDF lexer/parser for ONE direct object at a given offset. It records byte offsets of every
// value so that callers can compare them with a /ByteRange; it never follows references or reads streams.
// One parser (`Parser`) builds both the lexer's values (PdfValue, below) and the document model's (document/value.ts):
// the position is a field and character classes come from a table — V8 runs this far better, cold and warm, than
// closures sharing a captured position — and V8 has one set of hot functions to optimise, not two.

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
    const buf = this.buf;
    const limit = this.limit;
    let p = this.pos;
    while (p < limit && CLASS[buf[p]!] === REGULAR) p++;
    this.pos = p;
    if (p >= limit) throw STOP;
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
    if (nest > 0 || p > limit) throw STOP;
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
