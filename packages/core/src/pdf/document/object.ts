// One indirect object `n g obj … endobj` at a file offset, including a stream's data position. /Length may be
// indirect (asked back through `resolveLength`) or wrong: then the data runs to the next `endstream`.
import type { LexLimits } from '../lexer.js';
import type { PdfObj } from './types.js';
import { parseValueAt } from './value.js';

export interface ParsedObject {
  num: number;
  gen: number;
  obj: PdfObj;
  /** Offset of the object number (the `n` of `n g obj`). */
  start: number;
  /** After `endobj` when present, else after the value (or `endstream`). */
  end: number;
  /** The stream's /Length was missing, indirect and unresolvable, or wrong: `endstream` was searched for. */
  lengthRepaired?: boolean;
  /** No `endobj` after the value (or after `endstream`). */
  noEndobj?: boolean;
}

export interface ObjectParseContext {
  lex: LexLimits;
  meter: { bytes: number };
  /** Resolve an indirect /Length (undefined when it cannot be). */
  resolveLength?: (num: number, gen: number) => number | undefined;
}

const isWs = (c: number | undefined): boolean =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isDelim = (c: number | undefined): boolean => c !== undefined && '()<>[]{}/%'.includes(String.fromCharCode(c));

const ENDSTREAM = Buffer.from('endstream', 'latin1');

export function skipWs(buf: Uint8Array, p: number): number {
  while (p < buf.length) {
    const c = buf[p];
    if (isWs(c)) p++;
    else if (c === 0x25) {
      while (p < buf.length && buf[p] !== 0x0a && buf[p] !== 0x0d) p++;
    } else break;
  }
  return p;
}

/** True when `buf` holds the keyword `word` at `p`, not followed by a regular character. */
export function keywordAt(buf: Uint8Array, p: number, word: string): boolean {
  if (p + word.length > buf.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[p + i] !== word.charCodeAt(i)) return false;
  const n = buf[p + word.length];
  return n === undefined || isWs(n) || isDelim(n);
}

/** `n g obj` header at `p` (no leading whitespace skipped): the numbers and the offset after `obj`. */
export function objHeaderAt(buf: Uint8Array, p: number): { num: number; gen: number; body: number } | undefined {
  let q = p;
  let num = 0;
  let digits = 0;
  while (isDigit(buf[q]) && digits < 11) num = num * 10 + (buf[q++]! - 0x30), digits++;
  if (digits === 0 || !isWs(buf[q])) return undefined;
  while (isWs(buf[q])) q++;
  let gen = 0;
  digits = 0;
  while (isDigit(buf[q]) && digits < 6) gen = gen * 10 + (buf[q++]! - 0x30), digits++;
  if (digits === 0) return undefined;
  while (isWs(buf[q])) q++;
  if (buf[q] !== 0x6f || buf[q + 1] !== 0x62 || buf[q + 2] !== 0x6a) return undefined;
  const after = buf[q + 3];
  // `obj` must end the keyword (`objx` is not a header); a value may follow without whitespace.
  if (after !== undefined && !isWs(after) && !isDelim(after) && !isDigit(after) && after !== 0x2d && after !== 0x2b && after !== 0x2e)
    return undefined;
  return { num, gen, body: q + 3 };
}

/** Parse the indirect object whose header starts at `p`. undefined when there is none or it is malformed. */
export function parseIndirectAt(buf: Uint8Array, p: number, ctx: ObjectParseContext): ParsedObject | undefined {
  const h = objHeaderAt(buf, p);
  if (!h) return undefined;
  const v = parseValueAt(buf, h.body, ctx.lex, ctx.meter);
  if (!v) return undefined;
  let q = skipWs(buf, v.end);
  if (v.obj.t === 'dict' && keywordAt(buf, q, 'stream')) {
    q += 6;
    // The keyword is followed by CRLF or LF; a lone CR is tolerated.
    if (buf[q] === 0x0d) q++;
    if (buf[q] === 0x0a) q++;
    const dataStart = q;
    const dict = v.obj.v;
    let len: number | undefined;
    const l = dict.get('Length');
    if (l?.t === 'num' && l.int && l.v >= 0) len = l.v;
    else if (l?.t === 'ref' && ctx.resolveLength) len = ctx.resolveLength(l.num, l.gen);
    let dataLength: number | undefined;
    let streamEnd: number | undefined;
    let lengthRepaired = false;
    if (len !== undefined && dataStart + len <= buf.length) {
      const e = skipWs(buf, dataStart + len);
      if (keywordAt(buf, e, 'endstream')) {
        dataLength = len;
        streamEnd = e + 9;
      }
    }
    if (dataLength === undefined) {
      lengthRepaired = true;
      const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
      const e = b.indexOf(ENDSTREAM, dataStart);
      if (e >= 0) {
        let d = e;
        // The EOL before `endstream` is not data.
        if (buf[d - 1] === 0x0a) d--;
        if (buf[d - 1] === 0x0d) d--;
        dataLength = Math.max(0, d - dataStart);
        streamEnd = e + 9;
      } else {
        // Truncated file: the data runs to the end (or /Length if it fits).
        dataLength = len !== undefined ? Math.min(len, buf.length - dataStart) : buf.length - dataStart;
        streamEnd = dataStart + dataLength;
      }
    }
    const start = v.obj.start ?? h.body;
    let end = skipWs(buf, streamEnd!);
    const closed = keywordAt(buf, end, 'endobj');
    end = closed ? end + 6 : streamEnd!;
    const obj: PdfObj = { t: 'stream', dict, dataStart, dataLength, start, end: streamEnd! };
    const out: ParsedObject = { num: h.num, gen: h.gen, obj, start: p, end };
    if (lengthRepaired) out.lengthRepaired = true;
    if (!closed) out.noEndobj = true;
    return out;
  }
  const closed = keywordAt(buf, q, 'endobj');
  const out: ParsedObject = { num: h.num, gen: h.gen, obj: v.obj, start: p, end: closed ? q + 6 : v.end };
  if (!closed) out.noEndobj = true;
  return out;
}
