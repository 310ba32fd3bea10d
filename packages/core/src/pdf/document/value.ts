// Turns the lexer's offset-keeping values (../lexer.ts, the ONE PDF tokenizer) into document values (PdfObj) with
// decoded strings. Strings are decoded from their file bytes here, so the byte scan in signature-dicts.ts stays cheap.
import { parseObjectAt, type LexLimits, type PdfValue } from '../lexer.js';
import type { PdfObj } from './types.js';

export type Dict = Map<string, PdfObj>;

/** Parse one direct value at `offset` of `buf`; undefined when malformed or a limit is hit. */
export function parseValueAt(
  buf: Uint8Array,
  offset: number,
  limits: LexLimits,
  meter?: { bytes: number },
  withOffsets = true,
): { obj: PdfObj; end: number } | undefined {
  const v = parseObjectAt(buf, offset, limits, meter);
  if (!v) return undefined;
  return { obj: toPdfObj(buf, v, withOffsets), end: v.end };
}

/** Lexer value → PdfObj. Unknown keywords become null (as readers treat them); `true`/`false`/`null` as such. */
export function toPdfObj(buf: Uint8Array, v: PdfValue, withOffsets = true): PdfObj {
  switch (v.kind) {
    case 'dict': {
      const m: Dict = new Map();
      for (const [k, e] of v.entries) m.set(k, toPdfObj(buf, e.value, withOffsets));
      return withOffsets ? { t: 'dict', v: m, start: v.start, end: v.end } : { t: 'dict', v: m };
    }
    case 'array':
      return { t: 'array', v: v.items.map((i) => toPdfObj(buf, i, withOffsets)) };
    case 'name':
      return { t: 'name', v: v.name };
    case 'number':
      return { t: 'num', v: v.value, int: v.integer };
    case 'hex': {
      const s = decodeHexString(buf, v.start + 1, v.end - 1);
      return withOffsets ? { t: 'str', v: s, hex: true, start: v.start, end: v.end } : { t: 'str', v: s, hex: true };
    }
    case 'string': {
      const s = decodeLiteralString(buf, v.start + 1, v.end - 1);
      return withOffsets ? { t: 'str', v: s, hex: false, start: v.start, end: v.end } : { t: 'str', v: s, hex: false };
    }
    case 'ref':
      return { t: 'ref', num: v.num, gen: v.gen };
    case 'keyword':
      if (v.word === 'true') return { t: 'bool', v: true };
      if (v.word === 'false') return { t: 'bool', v: false };
      return { t: 'null' };
  }
}

const hexVal = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;

/** hexVal by table lookup (hex strings such as /Contents are long). */
const HEX_VAL = Int8Array.from({ length: 256 }, (_, c) => hexVal(c));

/** Hex string body (between `<` and `>`): whitespace ignored, an odd final digit is padded with 0 (ISO 32000 7.3.4.3). */
export function decodeHexString(buf: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, (end - start + 1) >> 1));
  let n = 0;
  let hi = -1;
  for (let i = start; i < end; i++) {
    const h = HEX_VAL[buf[i]!]!;
    if (h < 0) continue;
    if (hi < 0) hi = h;
    else {
      out[n++] = (hi << 4) | h;
      hi = -1;
    }
  }
  if (hi >= 0) out[n++] = hi << 4;
  return out.subarray(0, n);
}

/** Literal string body (between `(` and `)`): escapes, octal, line continuations, EOL normalised to LF (7.3.4.2). */
export function decodeLiteralString(buf: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, end - start));
  let n = 0;
  let i = start;
  while (i < end) {
    const c = buf[i]!;
    if (c === 0x5c) {
      i++;
      if (i >= end) break;
      const e = buf[i]!;
      if (e >= 0x30 && e <= 0x37) {
        let val = 0;
        let k = 0;
        while (k < 3 && i < end && buf[i]! >= 0x30 && buf[i]! <= 0x37) {
          val = val * 8 + (buf[i]! - 0x30);
          i++;
          k++;
        }
        out[n++] = val & 0xff;
        continue;
      }
      i++;
      switch (e) {
        case 0x6e: out[n++] = 0x0a; break; // \n
        case 0x72: out[n++] = 0x0d; break; // \r
        case 0x74: out[n++] = 0x09; break; // \t
        case 0x62: out[n++] = 0x08; break; // \b
        case 0x66: out[n++] = 0x0c; break; // \f
        case 0x0d: if (i < end && buf[i] === 0x0a) i++; break; // line continuation
        case 0x0a: break;
        default: out[n++] = e; // \( \) \\ and unknown escapes: the character itself
      }
      continue;
    }
    if (c === 0x0d) {
      out[n++] = 0x0a;
      i++;
      if (i < end && buf[i] === 0x0a) i++;
      continue;
    }
    out[n++] = c;
    i++;
  }
  return out.subarray(0, n);
}
