// Draw a LicensePage (draw-list.ts) as one PDF page with pdf-lib's object model and a content stream written here:
// text in the subset CJK font (one subset per weight used, codes = CIDs), lines, rectangles and PNG images.
// Each text that stands for something (`role`) is wrapped in a marked-content sequence `/HeyanText <</Role (…)>>
// BDC … EMC`, so a reader of the content stream can tell which text shows which record field; viewers ignore it.
import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import { FormatError, LimitError } from '../../errors.js';
import { subsetFont, type FontSubset, type FontWeight } from '../../font/index.js';
import type { DrawItem, DrawText, LicensePage, Rgb } from './draw-list.js';
import { embedCidFont, unicodeOfCids, utf16Hex } from './pdf-font.js';
import { embedPngImage } from './pdf-image.js';
import type { PdfLib } from './pdf-lib.js';

export const PT_PER_MM = 72 / 25.4;
/** Limits for a page handed in by a caller. */
export const PAGE_LIMITS = { maxItems: 5000, maxTextChars: 200_000, maxImageBytes: 8 * 1024 * 1024, maxSideMm: 2000 } as const;

/** A number in PDF syntax: at most 3 decimals, no exponent, no "-0". */
export function num(v: number): string {
  const s = String(Number(v.toFixed(3)));
  return s === '-0' ? '0' : s;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkColor(c: Rgb | undefined, what: string): void {
  if (c === undefined) return;
  if (!Array.isArray(c) || c.length !== 3 || !c.every((x) => finite(x) && x >= 0 && x <= 1)) throw new FormatError(`${what}: a colour is three numbers 0..1`);
}

/** Throws FormatError / LimitError when the page is not something we can draw. */
export function checkPage(page: LicensePage): void {
  const side = (v: unknown) => finite(v) && v > 0 && v <= PAGE_LIMITS.maxSideMm;
  if (!page || !side(page.widthMm) || !side(page.heightMm)) throw new FormatError('page: width and height must be positive millimetres');
  if (!Array.isArray(page.items)) throw new FormatError('page: items must be an array');
  if (page.items.length > PAGE_LIMITS.maxItems) throw new LimitError(`page: more than ${PAGE_LIMITS.maxItems} items`);
  let chars = 0;
  page.items.forEach((it, i) => {
    const w = `page item ${i}`;
    switch (it?.kind) {
      case 'text':
        if (typeof it.text !== 'string' || !finite(it.xMm) || !finite(it.yMm) || !finite(it.sizePt) || it.sizePt <= 0 || it.sizePt > 500) throw new FormatError(`${w}: bad text item`);
        if (/[\r\n]/.test(it.text)) throw new FormatError(`${w}: a text item is one line`);
        if (it.weight !== undefined && it.weight !== 'regular' && it.weight !== 'bold') throw new FormatError(`${w}: bad weight`);
        if (it.align !== undefined && !['left', 'center', 'right'].includes(it.align)) throw new FormatError(`${w}: bad align`);
        if (it.role !== undefined && (typeof it.role !== 'string' || it.role.length > 200)) throw new FormatError(`${w}: bad role`);
        checkColor(it.color, w);
        chars += it.text.length;
        break;
      case 'line':
        if (![it.x1Mm, it.y1Mm, it.x2Mm, it.y2Mm, it.widthPt].every(finite) || it.widthPt < 0) throw new FormatError(`${w}: bad line`);
        checkColor(it.color, w);
        break;
      case 'rect':
        if (![it.xMm, it.yMm, it.wMm, it.hMm].every(finite) || (it.strokePt !== undefined && (!finite(it.strokePt) || it.strokePt < 0))) throw new FormatError(`${w}: bad rect`);
        checkColor(it.stroke, w);
        checkColor(it.fill, w);
        break;
      case 'image':
        if (![it.xMm, it.yMm, it.wMm, it.hMm].every(finite) || it.wMm <= 0 || it.hMm <= 0) throw new FormatError(`${w}: bad image rectangle`);
        if (!(it.png instanceof Uint8Array)) throw new FormatError(`${w}: the image must be PNG bytes`);
        if (it.png.length > PAGE_LIMITS.maxImageBytes) throw new LimitError(`${w}: image larger than ${PAGE_LIMITS.maxImageBytes} bytes`);
        break;
      default:
        throw new FormatError(`${w}: unknown kind`);
    }
  });
  if (chars > PAGE_LIMITS.maxTextChars) throw new LimitError(`page: more than ${PAGE_LIMITS.maxTextChars} characters of text`);
}

const rgb = (c: Rgb | undefined, op: 'rg' | 'RG'): string => {
  const [r, g, b] = c ?? [0, 0, 0];
  return `${num(r)} ${num(g)} ${num(b)} ${op}`;
};

const asciiHex = (s: string): string => [...s].map((c) => (c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')).join('').toUpperCase();

export interface DrawnPage {
  page: PDFPage;
  /** The font subsets embedded, by weight. */
  fonts: Partial<Record<FontWeight, FontSubset>>;
}

/** Add the page to the document: fonts subset to its text, images embedded, one content stream. */
export async function drawLicensePage(lib: PdfLib, doc: PDFDocument, page: LicensePage): Promise<DrawnPage> {
  checkPage(page);
  const { PDFName } = lib;
  const W = page.widthMm * PT_PER_MM;
  const H = page.heightMm * PT_PER_MM;
  const x = (mm: number) => num(mm * PT_PER_MM);
  const y = (mm: number) => num(H - mm * PT_PER_MM);

  const texts = page.items.filter((i): i is DrawText => i.kind === 'text' && i.text !== '');
  const fonts: Partial<Record<FontWeight, FontSubset>> = {};
  const fontName: Partial<Record<FontWeight, string>> = {};
  const cidText: Partial<Record<FontWeight, Map<number, string>>> = {};
  for (const weight of ['regular', 'bold'] as const) {
    const used = texts.filter((t) => (t.weight ?? 'regular') === weight).map((t) => t.text);
    if (used.length === 0) continue;
    fonts[weight] = subsetFont(used, weight);
    fontName[weight] = weight === 'regular' ? 'F0' : 'F1';
    cidText[weight] = unicodeOfCids(fonts[weight]);
  }

  const pdfPage = doc.addPage([W, H]);
  for (const weight of ['regular', 'bold'] as const) {
    const f = fonts[weight];
    if (f) pdfPage.node.setFontDictionary(PDFName.of(fontName[weight]!), embedCidFont(lib, doc, f));
  }
  const images = new Map<Uint8Array, string>();
  for (const it of page.items) {
    if (it.kind !== 'image' || images.has(it.png)) continue;
    const name = `Im${images.size}`;
    let ref: PDFRef;
    try {
      ref = await embedPngImage(lib, doc, it.png);
    } catch (e) {
      if (e instanceof LimitError) throw e;
      throw new FormatError(`page image: ${(e as Error).message}`);
    }
    pdfPage.node.setXObject(PDFName.of(name), ref);
    images.set(it.png, name);
  }

  const ops: string[] = [];
  const draw = (it: DrawItem): void => {
    switch (it.kind) {
      case 'text': {
        if (it.text === '') return;
        const weight = it.weight ?? 'regular';
        const f = fonts[weight]!;
        const cids = f.cidsOf(it.text);
        let advance = 0;
        for (const ch of it.text) advance += f.glyphs.get(ch.codePointAt(0)!)!.advance;
        const widthMm = ((advance / f.unitsPerEm) * it.sizePt) / PT_PER_MM;
        const left = it.align === 'center' ? it.xMm - widthMm / 2 : it.align === 'right' ? it.xMm - widthMm : it.xMm;
        const hex = cids.map((c) => c.toString(16).toUpperCase().padStart(4, '0')).join('');
        // Two characters sharing one glyph share one ToUnicode entry: such a text also carries its ActualText.
        const map = cidText[weight]!;
        const ambiguous = [...it.text].some((ch, i) => map.get(cids[i]!) !== ch);
        const open: string[] = [];
        if (it.role !== undefined) open.push(`/HeyanText <</Role <${asciiHex(it.role)}>>> BDC`);
        if (ambiguous) open.push(`/Span <</ActualText <FEFF${utf16Hex(it.text)}>>> BDC`);
        ops.push(
          ...open,
          'BT',
          rgb(it.color, 'rg'),
          `/${fontName[weight]} ${num(it.sizePt)} Tf`,
          `1 0 0 1 ${x(left)} ${y(it.yMm)} Tm`,
          `<${hex}> Tj`,
          'ET',
          ...open.map(() => 'EMC'),
        );
        return;
      }
      case 'line':
        ops.push('q', `${num(it.widthPt)} w`, rgb(it.color, 'RG'), `${x(it.x1Mm)} ${y(it.y1Mm)} m`, `${x(it.x2Mm)} ${y(it.y2Mm)} l`, 'S', 'Q');
        return;
      case 'rect': {
        const stroke = it.stroke !== undefined || it.strokePt !== undefined;
        const fill = it.fill !== undefined;
        if (!stroke && !fill) return;
        ops.push('q');
        if (stroke) ops.push(`${num(it.strokePt ?? 1)} w`, rgb(it.stroke, 'RG'));
        if (fill) ops.push(rgb(it.fill, 'rg'));
        ops.push(`${x(it.xMm)} ${y(it.yMm + it.hMm)} ${num(it.wMm * PT_PER_MM)} ${num(it.hMm * PT_PER_MM)} re`, stroke && fill ? 'B' : fill ? 'f' : 'S', 'Q');
        return;
      }
      case 'image':
        ops.push('q', `${num(it.wMm * PT_PER_MM)} 0 0 ${num(it.hMm * PT_PER_MM)} ${x(it.xMm)} ${y(it.yMm + it.hMm)} cm`, `/${images.get(it.png)!} Do`, 'Q');
        return;
    }
  };
  for (const it of page.items) draw(it);
  const ctx = doc.context;
  const content = ctx.register(ctx.stream(deflateSync(new TextEncoder().encode(ops.join('\n') + '\n'), { level: 9 }), { Filter: 'FlateDecode' }));
  pdfPage.node.set(PDFName.of('Contents'), content);
  return { page: pdfPage, fonts };
}
