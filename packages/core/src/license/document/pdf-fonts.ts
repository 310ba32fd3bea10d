// Text of shown strings by font: the ToUnicode CMap when the font has one (what licence PDFs carry: Type0,
// Identity-H, 2-byte codes), UTF-16BE for Type0 fonts with a predefined Unicode CMap (UniGB-UCS2-H …), else the bytes
// as WinAnsi / Latin-1 — best effort, enough to see that a value is not there.
import { parseToUnicode, type ToUnicode } from './cmap.js';
import { MAX_CMAP_BYTES } from './limits.js';
import type { PdfDict, PdfReadContext } from './pdf-context.js';

export interface FontDecoder {
  decode(bytes: Uint8Array): string;
}

/** WinAnsiEncoding 0x80–0x9F (the rest is Latin-1); undefined codes → U+FFFD. */
const WIN_ANSI_80: readonly number[] = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

export function winAnsiChar(b: number): string {
  return String.fromCharCode(b >= 0x80 && b <= 0x9f ? WIN_ANSI_80[b - 0x80]! : b);
}

const winAnsi: FontDecoder = {
  decode(b) {
    let s = '';
    for (const c of b) s += winAnsiChar(c);
    return s;
  },
};

const utf16be: FontDecoder = {
  decode(b) {
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return s;
  },
};

/** Simple fonts: one byte per code; codes the ToUnicode CMap does not map fall back to WinAnsi. */
function simpleWith(cmap: ToUnicode): FontDecoder {
  return {
    decode(b) {
      let s = '';
      for (const c of b) {
        const t = cmap.decode(Uint8Array.of(c));
        s += t === '\uFFFD' ? winAnsiChar(c) : t;
      }
      return s;
    },
  };
}

/** The decoder of a font dictionary (`what` names it in problems). Never throws. */
export function fontDecoder(ctx: PdfReadContext, font: PdfDict, what: string): FontDecoder {
  const subtype = ctx.name(font.get('Subtype'));
  const type0 = subtype === 'Type0';
  const tu = ctx.stream(font.get('ToUnicode'));
  if (tu) {
    const data = ctx.data(tu, `${what} ToUnicode CMap`, MAX_CMAP_BYTES);
    if (data) {
      const { cmap, problems } = parseToUnicode(data, type0 ? 2 : 1);
      for (const p of problems) ctx.problem(`${what}: ${p}`);
      return type0 ? cmap : simpleWith(cmap);
    }
  }
  if (type0) {
    const enc = ctx.name(font.get('Encoding'));
    if (enc && /^Uni.*-(UCS2|UTF16)-[HV]$/.test(enc)) return utf16be;
    ctx.problem(`${what}: a Type0 font without a usable ToUnicode CMap; its text is read as Latin-1 (best effort)`);
  }
  return winAnsi;
}
