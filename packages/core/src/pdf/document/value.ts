// Document values (PdfObj) with decoded strings, built by the ONE PDF tokenizer (../lexer.ts: same tokens, limits
// and work meter as parseObjectAt) straight from the bytes, without an intermediate tree of lexer values. Strings are
// decoded from their file bytes here, so the byte scan in signature-dicts.ts stays cheap.
import { Parser, parseWith, type LexLimits } from '../lexer.js';
import { HEX_VAL, decodeCleanHex } from '../hex.js';
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
  const px = new Parser(buf, offset, limits, true, withOffsets);
  const obj = parseWith(px, offset, meter) as PdfObj | undefined;
  if (!obj) return undefined;
  // Strings are decoded once the object parsed: a decoding failure escapes to the caller, as it always did.
  decodePendingStrings(px);
  return { obj, end: px.pos };
}

/** Decode the strings the parser collected since its last reset (their spans in its buffer) into their values. */
export function decodePendingStrings(px: Parser): void {
  const { buf, strings, spans } = px;
  for (let i = 0; i < strings.length; i++) {
    const o = strings[i]!;
    const a = spans[2 * i]! + 1;
    const b = spans[2 * i + 1]! - 1;
    o.v = o.hex ? decodeHexString(buf, a, b) : decodeLiteralString(buf, a, b);
  }
}

/** Hex string body (between `<` and `>`): whitespace ignored, an odd final digit is padded with 0 (ISO 32000 7.3.4.3). */
export function decodeHexString(buf: Uint8Array, start: number, end: number): Uint8Array {
  // Almost always clean hex (a /Contents is thousands of digits): decoded natively.
  const clean = decodeCleanHex(buf, start, end);
  if (clean) return clean;
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
  return n === out.length ? out : out.subarray(0, n); // a view costs another typed array
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
  return n === out.length ? out : out.subarray(0, n); // a view costs another typed array
}
