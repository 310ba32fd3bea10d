// A minimal, bounded PDF lexer/parser for ONE direct object at a given offset. It records byte offsets of every
// value so that callers can compare them with a /ByteRange; it never follows references or reads streams.

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

class Stop extends Error {}

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelim = (c: number): boolean =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const isRegular = (c: number | undefined): c is number => c !== undefined && !isWs(c) && !isDelim(c);
/** 1 for hex digits and PDF whitespace (what may appear inside `<…>`), else 0. */
const HEX_OR_WS = new Uint8Array(256);
for (let c = 0; c < 256; c++) HEX_OR_WS[c] = isWs(c) || isHex(c) ? 1 : 0;

/** Parse one direct object starting at `start` (after skipping whitespace/comments). undefined when malformed. */
export function parseObjectAt(
  buf: Uint8Array,
  start: number,
  limits: LexLimits,
  meter?: { bytes: number },
): PdfValue | undefined {
  const limit = Math.min(buf.length, start + limits.maxBytes);
  let pos = start;
  let values = 0;

  const skip = (): void => {
    while (pos < limit) {
      const c = buf[pos]!;
      if (isWs(c)) pos++;
      else if (c === 0x25) {
        while (pos < limit && buf[pos] !== 0x0a && buf[pos] !== 0x0d) pos++;
      } else break;
    }
  };

  const regularWord = (): string => {
    const s = pos;
    while (pos < limit && isRegular(buf[pos])) pos++;
    if (pos >= limit) throw new Stop();
    return latin1(buf, s, pos);
  };

  const value = (depth: number): PdfValue => {
    if (depth > limits.maxDepth || ++values > limits.maxValues) throw new Stop();
    skip();
    if (pos >= limit) throw new Stop();
    const s = pos;
    const c = buf[pos]!;
    if (c === 0x3c && buf[pos + 1] === 0x3c) {
      pos += 2;
      const entries = new Map<string, PdfEntry>();
      let duplicates: PdfDuplicate[] | undefined;
      for (;;) {
        skip();
        if (pos + 1 >= limit) throw new Stop();
        if (buf[pos] === 0x3e && buf[pos + 1] === 0x3e) {
          pos += 2;
          return duplicates ? { kind: 'dict', start: s, end: pos, entries, duplicates } : { kind: 'dict', start: s, end: pos, entries };
        }
        const keyStart = pos;
        const key = value(depth + 1);
        if (key.kind !== 'name') throw new Stop();
        const v = value(depth + 1);
        // Repeated key: the last occurrence wins, like the viewers (a first-wins reader would check other bytes
        // than the ones a viewer uses); the overridden one is recorded.
        const earlier = entries.get(key.name);
        if (earlier) (duplicates ??= []).push({ key: key.name, ...earlier });
        entries.set(key.name, { keyStart, value: v });
      }
    }
    if (c === 0x3c) {
      pos++;
      // Out of line, on locals: /Contents hex strings are thousands of characters (`pos` is a closure variable).
      pos = hexEnd(buf, pos, limit);
      if (pos >= limit || buf[pos] !== 0x3e) throw new Stop();
      pos++;
      return { kind: 'hex', start: s, end: pos };
    }
    if (c === 0x28) {
      pos++;
      let nest = 1;
      while (pos < limit && nest > 0) {
        const h = buf[pos]!;
        if (h === 0x5c) pos += 2;
        else {
          if (h === 0x28) nest++;
          else if (h === 0x29) nest--;
          pos++;
        }
      }
      if (nest > 0 || pos > limit) throw new Stop();
      return { kind: 'string', start: s, end: pos };
    }
    if (c === 0x5b) {
      pos++;
      const items: PdfValue[] = [];
      for (;;) {
        skip();
        if (pos >= limit) throw new Stop();
        if (buf[pos] === 0x5d) {
          pos++;
          return { kind: 'array', start: s, end: pos, items };
        }
        items.push(value(depth + 1));
      }
    }
    if (c === 0x2f) {
      pos++;
      const raw = pos < limit && isRegular(buf[pos]) ? regularWord() : '';
      return { kind: 'name', start: s, end: pos, name: decodeName(raw) };
    }
    if (!isRegular(c)) throw new Stop();
    const word = regularWord();
    const numKind = numberKind(word);
    if (numKind !== 0) {
      const n = Number(word);
      const integer = numKind === 1 && Number.isSafeInteger(n);
      const num: PdfValue = { kind: 'number', start: s, end: pos, value: n, integer };
      // `n g R` is a reference: look ahead without consuming when it is not.
      if (integer && n >= 0) {
        const save = pos;
        skip();
        if (pos < limit && isRegular(buf[pos])) {
          // The generation word, read without building a string (hot: every reference).
          const gs = pos;
          while (pos < limit && isRegular(buf[pos])) pos++;
          if (pos >= limit) throw new Stop();
          let digits = true;
          for (let i = gs; i < pos; i++) if (buf[i]! < 0x30 || buf[i]! > 0x39) digits = false;
          if (digits) {
            const gen = pos - gs <= 15 ? digitsValue(buf, gs, pos) : Number(latin1(buf, gs, pos));
            skip();
            if (pos < limit && buf[pos] === 0x52 && !isRegular(buf[pos + 1])) {
              pos++;
              return { kind: 'ref', start: s, end: pos, num: n, gen };
            }
          }
        }
        pos = save;
      }
      return num;
    }
    return { kind: 'keyword', start: s, end: pos, word };
  };

  try {
    return value(0);
  } catch (e) {
    if (e instanceof Stop || e instanceof RangeError) return undefined;
    throw e;
  } finally {
    // Lets callers bound the total work over many attempts.
    if (meter) meter.bytes += Math.max(0, pos - start);
  }
}

/** Where the scan of a hex string body from `p` stops: its closing `>`, a non-hex character, or `limit`. */
function hexEnd(buf: Uint8Array, p: number, limit: number): number {
  while (p < limit) {
    const c = buf[p]!;
    if (c === 0x3e || HEX_OR_WS[c] === 0) return p;
    p++;
  }
  return p;
}

export function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, s: number, e: number): string }).latin1Slice;

function latin1(buf: Uint8Array, s: number, e: number): string {
  // Native slice beyond a few characters (≈ 2× faster there); the plain loop wins for short words.
  if (e - s > 8) return latin1Slice.call(buf, s, e);
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(buf[i]!);
  return out;
}

/** 0: not a number; 1: an integer `[+-]?\d+`; 2: a real `[+-]?(\d+\.\d*|\.\d+)` (no regex: hot path). */
function numberKind(w: string): 0 | 1 | 2 {
  let i = 0;
  const c0 = w.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) i = 1;
  let digits = 0;
  let dot = false;
  for (; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && !dot) dot = true;
    else return 0;
  }
  if (digits === 0) return 0;
  return dot ? 2 : 1;
}

/** The decimal value of the ASCII digits buf[s..e) (at most 15 digits: exact in a double). */
function digitsValue(buf: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 10 + (buf[i]! - 0x30);
  return v;
}

function decodeName(raw: string): string {
  if (!raw.includes('#')) return raw;
  return raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
