// PDF text strings (ISO 32000-2 7.9.2.2): UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding.
import type { PdfObj } from './types.js';

/** PDFDocEncoding where it differs from Latin-1 (0x18–0x1F, 0x7F–0xAD); -1 = undefined code. */
const DIFF: Record<number, number> = {
  0x18: 0x02d8, 0x19: 0x02c7, 0x1a: 0x02c6, 0x1b: 0x02d9, 0x1c: 0x02dd, 0x1d: 0x02db, 0x1e: 0x02da, 0x1f: 0x02dc,
  0x7f: -1,
  0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x0192, 0x87: 0x2044,
  0x88: 0x2039, 0x89: 0x203a, 0x8a: 0x2212, 0x8b: 0x2030, 0x8c: 0x201e, 0x8d: 0x201c, 0x8e: 0x201d, 0x8f: 0x2018,
  0x90: 0x2019, 0x91: 0x201a, 0x92: 0x2122, 0x93: 0xfb01, 0x94: 0xfb02, 0x95: 0x0141, 0x96: 0x0152, 0x97: 0x0160,
  0x98: 0x0178, 0x99: 0x017d, 0x9a: 0x0131, 0x9b: 0x0142, 0x9c: 0x0153, 0x9d: 0x0161, 0x9e: 0x017e, 0x9f: -1,
  0xa0: 0x20ac, 0xad: -1,
};

/** Decode a text string's bytes. */
export function decodeTextString(b: Uint8Array): string {
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return stripLangEscapes(utf16(b.subarray(2), false));
  // Not allowed by the standard but written by some tools: UTF-16LE with its BOM.
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return stripLangEscapes(utf16(b.subarray(2), true));
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return stripLangEscapes(new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(3)));
  let s = '';
  for (const c of b) {
    const d = DIFF[c];
    s += String.fromCharCode(d === undefined ? c : d < 0 ? 0xfffd : d);
  }
  return s;
}

function utf16(b: Uint8Array, le: boolean): string {
  let s = '';
  const n = b.length & ~1;
  for (let i = 0; i < n; i += 2) s += String.fromCharCode(le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
  if (b.length & 1) s += '\ufffd';
  // Lone surrogates stay as they are in JS strings; make them visible instead.
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Language/country escape sequences (U+001B … U+001B) carry no text. */
function stripLangEscapes(s: string): string {
  return s.replace(/\u001b[^\u001b]{0,8}\u001b/g, '');
}

/** The text of a string (or name) value; undefined for anything else. Never throws. */
export function pdfText(o: PdfObj | undefined): string | undefined {
  if (o?.t === 'str') return decodeTextString(o.v);
  if (o?.t === 'name') return o.v;
  return undefined;
}
