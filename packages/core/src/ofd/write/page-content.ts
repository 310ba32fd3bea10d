// One page's Content.xml: a single Layer holding the page's objects in input order, each a TextObject, PathObject or
// ImageObject with its own ID. Every object's coordinates are relative to its Boundary (GB/T 33190 §8.5: a graphic
// unit draws in the box's own space), so objects are positioned by their Boundary, and the Boundary of a text is
// wide enough for its glyphs (readers may clip to it).
import { FormatError, LimitError } from '../../errors.js';
import { OFD_NS } from '../xml.js';
import type { FontMetrics } from './font-metrics.js';
import { OFD_WRITE_LIMITS } from './limits.js';
import { placeText } from './place-text.js';
import type { OfdImageInput, OfdLineInput, OfdPageInput, OfdRectInput, OfdTextInput } from './types.js';
import { boxUm, checkMm, checkPositiveMm, checkXmlChars, fmtUm, rgbValue, um, xmlText } from './xml-text.js';

export const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

export interface PageFont {
  id: number;
  metrics: FontMetrics;
}

export interface PageContext {
  /** The next free object ID. */
  nextId(): number;
  /** The embedded font a text names. */
  font(key: string): PageFont;
  /** The MultiMedia ID of an image. */
  image(png: Uint8Array): number;
  /** The document's page area (mm), for deciding whether the page needs its own Area. */
  area: { widthMm: number; heightMm: number };
}

export interface PageContent {
  xml: Uint8Array;
  elements: number;
}

const UTF8 = new TextEncoder();

function nameAttr(name: string | undefined, what: string): string {
  return name === undefined ? '' : ` Name="${xmlText(name, `${what} name`)}"`;
}

function describeChar(c: string): string {
  const cp = c.codePointAt(0)!;
  return `${JSON.stringify(c)} (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}

function textObject(t: OfdTextInput, what: string, ctx: PageContext, count: (n: number) => void): string {
  if (typeof t.text !== 'string') throw new FormatError(`${what}: text is not a string`);
  checkXmlChars(t.text, what);
  if (/[\t\r\n]/.test(t.text)) throw new FormatError(`${what}: a text object is one line; tab, CR and LF are refused`);
  const chars = [...t.text];
  if (chars.length > OFD_WRITE_LIMITS.maxTextChars) throw new LimitError(`${what}: ${chars.length} characters, over the limit of ${OFD_WRITE_LIMITS.maxTextChars}`);
  // Size is written to 6 decimals (nm): 10 pt stays 3.527778 mm, so glyphs are scaled as the PDF scales them and
  // the advances computed for that size are the ones a reader derives from the font.
  const sizeText = String(Number(checkPositiveMm(t.sizeMm, `${what} size`).toFixed(6)));
  const size = Number(sizeText);
  const sizeUm = um(size);
  if (sizeUm === 0) throw new FormatError(`${what}: size below 1 µm`);
  checkMm(t.xMm, `${what} x`);
  checkMm(t.yMm, `${what} y`);
  const align = t.align ?? 'left';
  if (align !== 'left' && align !== 'center' && align !== 'right') throw new FormatError(`${what}: unknown alignment ${JSON.stringify(align)}`);
  const font = ctx.font(t.font);
  const m = font.metrics;
  // A character the font cannot draw would show as a box (or another font's glyph): refuse it.
  const missing = [...new Set(chars.filter((c) => m.advance(c.codePointAt(0)!) === undefined))];
  if (missing.length) {
    throw new FormatError(`${what}: the font "${t.font}" has no glyph for ${missing.slice(0, 10).map(describeChar).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`);
  }
  let advances: readonly number[];
  if (t.advancesMm !== undefined) {
    if (!Array.isArray(t.advancesMm) || t.advancesMm.length !== chars.length) throw new FormatError(`${what}: ${String(t.advancesMm?.length)} advances given for ${chars.length} characters`);
    advances = t.advancesMm.map((a, i) => checkMm(a, `${what} advance ${i}`));
  } else advances = chars.map((c) => (m.advance(c.codePointAt(0)!)! * size) / m.unitsPerEm);
  const placed = placeText(chars, advances, t.xMm, align);
  checkMm(placed.startUm / 1000, `${what} start`);
  checkMm(placed.endUm / 1000, `${what} end`);

  // Boundary: the advance box widened by a quarter em each side (overhangs), from above the ascender to below the
  // descender (at least 1 em up and ¼ em down, plus the same margin).
  const pad = Math.ceil(sizeUm / 4);
  const up = Math.ceil((sizeUm * Math.max(1, m.ascent / m.unitsPerEm)) + pad);
  const down = Math.ceil((sizeUm * Math.max(0.25, -m.descent / m.unitsPerEm)) + pad);
  const baseline = um(t.yMm);
  const left = Math.min(placed.startUm, placed.endUm) - pad;
  const right = Math.max(placed.startUm, placed.endUm) + pad;
  const weight = t.weight;
  if (weight !== undefined && !(Number.isInteger(weight) && weight >= 100 && weight <= 900 && weight % 100 === 0)) throw new FormatError(`${what}: weight ${String(weight)} is not one of 100, 200, …, 900`);
  const codes = placed.runs.map((r) => {
    const delta = r.deltaUm.length ? ` DeltaX="${r.deltaUm.map(fmtUm).join(' ')}"` : '';
    return `<ofd:TextCode X="${fmtUm(r.xUm - left)}" Y="${fmtUm(up)}"${delta}>${xmlText(r.text, what, Infinity)}</ofd:TextCode>`;
  });
  const fill = t.color !== undefined ? `<ofd:FillColor Value="${rgbValue(t.color, `${what} colour`)}"/>` : '';
  count(1 + (fill ? 1 : 0) + codes.length);
  return (
    `<ofd:TextObject ID="${ctx.nextId()}"${nameAttr(t.name, what)} Boundary="${boxUm(left, baseline - up, right - left, up + down)}" Font="${font.id}" Size="${sizeText}"` +
    `${weight !== undefined ? ` Weight="${weight}"` : ''}>${fill}${codes.join('')}</ofd:TextObject>`
  );
}

function pathObject(id: number, name: string, box: [number, number, number, number], data: string, stroke: { widthUm: number; color?: string } | undefined, fill: string | undefined): string {
  const [x, y, w, h] = box;
  return (
    `<ofd:PathObject ID="${id}"${name} Boundary="${boxUm(x, y, w, h)}"${stroke ? ` LineWidth="${fmtUm(stroke.widthUm)}"` : ''} Stroke="${stroke ? 'true' : 'false'}" Fill="${fill ? 'true' : 'false'}">` +
    `${fill ? `<ofd:FillColor Value="${fill}"/>` : ''}${stroke?.color ? `<ofd:StrokeColor Value="${stroke.color}"/>` : ''}<ofd:AbbreviatedData>${data}</ofd:AbbreviatedData></ofd:PathObject>`
  );
}

function lineObject(l: OfdLineInput, what: string, ctx: PageContext, count: (n: number) => void): string {
  const [x1, y1, x2, y2] = [l.x1Mm, l.y1Mm, l.x2Mm, l.y2Mm].map((v, i) => um(checkMm(v, `${what} ${['x1', 'y1', 'x2', 'y2'][i]}`))) as [number, number, number, number];
  const w = um(checkPositiveMm(l.widthMm, `${what} width`));
  if (w === 0) throw new FormatError(`${what}: width below 1 µm`);
  const half = Math.ceil(w / 2);
  const bx = Math.min(x1, x2) - half;
  const by = Math.min(y1, y2) - half;
  const color = l.color !== undefined ? rgbValue(l.color, `${what} colour`) : undefined;
  count(2 + (color ? 1 : 0));
  const data = `M ${fmtUm(x1 - bx)} ${fmtUm(y1 - by)} L ${fmtUm(x2 - bx)} ${fmtUm(y2 - by)}`;
  return pathObject(ctx.nextId(), nameAttr(l.name, what), [bx, by, Math.abs(x2 - x1) + 2 * half, Math.abs(y2 - y1) + 2 * half], data, { widthUm: w, ...(color ? { color } : {}) }, undefined);
}

function rectObject(r: OfdRectInput, what: string, ctx: PageContext, count: (n: number) => void): string | undefined {
  const x = um(checkMm(r.xMm, `${what} x`));
  const y = um(checkMm(r.yMm, `${what} y`));
  const w = um(checkPositiveMm(r.wMm, `${what} width`));
  const h = um(checkPositiveMm(r.hMm, `${what} height`));
  const fill = r.fill !== undefined ? rgbValue(r.fill, `${what} fill`) : undefined;
  let stroke: { widthUm: number; color?: string } | undefined;
  if (r.stroke !== undefined) {
    const sw = um(checkPositiveMm(r.stroke.widthMm, `${what} stroke width`));
    stroke = { widthUm: sw, ...(r.stroke.color !== undefined ? { color: rgbValue(r.stroke.color, `${what} stroke colour`) } : {}) };
  }
  if (!fill && !stroke) return undefined;
  const half = stroke ? Math.ceil(stroke.widthUm / 2) : 0;
  const [a, b, c, d] = [half, half, half + w, half + h].map(fmtUm) as [string, string, string, string];
  count(2 + (fill ? 1 : 0) + (stroke?.color ? 1 : 0));
  return pathObject(ctx.nextId(), nameAttr(r.name, what), [x - half, y - half, w + 2 * half, h + 2 * half], `M ${a} ${b} L ${c} ${b} L ${c} ${d} L ${a} ${d} C`, stroke, fill);
}

function imageObject(im: OfdImageInput, what: string, ctx: PageContext, count: (n: number) => void): string {
  const x = um(checkMm(im.xMm, `${what} x`));
  const y = um(checkMm(im.yMm, `${what} y`));
  const w = um(checkPositiveMm(im.wMm, `${what} width`));
  const h = um(checkPositiveMm(im.hMm, `${what} height`));
  if (w === 0 || h === 0) throw new FormatError(`${what}: size below 1 µm`);
  const resource = ctx.image(im.png);
  count(1);
  // The image fills the unit square of its own space; CTM scales it to the Boundary's size.
  return `<ofd:ImageObject ID="${ctx.nextId()}"${nameAttr(im.name, what)} Boundary="${boxUm(x, y, w, h)}" CTM="${fmtUm(w)} 0 0 ${fmtUm(h)} 0 0" ResourceID="${resource}"/>`;
}

/** The Content.xml of page `index` (0-based). Throws FormatError / LimitError for input it cannot write. */
export function pageContent(page: OfdPageInput, index: number, ctx: PageContext): PageContent {
  const objects = page.objects;
  if (!Array.isArray(objects)) throw new FormatError(`page ${index + 1}: objects is not a list`);
  if (objects.length > OFD_WRITE_LIMITS.maxObjectsPerPage) throw new LimitError(`page ${index + 1} has ${objects.length} objects, over the limit of ${OFD_WRITE_LIMITS.maxObjectsPerPage}`);
  let elements = 3; // Page, Content, Layer
  const count = (n: number): void => {
    elements += n;
    if (elements > OFD_WRITE_LIMITS.maxXmlElements) throw new LimitError(`page ${index + 1} would have more than ${OFD_WRITE_LIMITS.maxXmlElements} XML elements`);
  };
  let area = '';
  const w = page.widthMm ?? ctx.area.widthMm;
  const h = page.heightMm ?? ctx.area.heightMm;
  if (w !== ctx.area.widthMm || h !== ctx.area.heightMm) {
    area = `<ofd:Area><ofd:PhysicalBox>0 0 ${fmtUm(um(checkPositiveMm(w, `page ${index + 1} width`)))} ${fmtUm(um(checkPositiveMm(h, `page ${index + 1} height`)))}</ofd:PhysicalBox></ofd:Area>`;
    count(2);
  }
  const layerId = ctx.nextId();
  const parts: string[] = [];
  let chars = 0;
  objects.forEach((o, i) => {
    const what = `page ${index + 1} object ${i + 1} (${String((o as { kind?: unknown } | undefined)?.kind)})`;
    let xml: string | undefined;
    switch (o?.kind) {
      case 'text':
        xml = o.text === '' ? undefined : textObject(o, what, ctx, count);
        break;
      case 'line':
        xml = lineObject(o, what, ctx, count);
        break;
      case 'rect':
        xml = rectObject(o, what, ctx, count);
        break;
      case 'image':
        xml = imageObject(o, what, ctx, count);
        break;
      default:
        throw new FormatError(`${what}: unknown object kind`);
    }
    if (xml === undefined) return;
    // Bound the work before the part is assembled (characters ≤ UTF-8 bytes: a lower bound of the final size).
    chars += xml.length;
    if (chars > OFD_WRITE_LIMITS.maxXmlBytes) throw new LimitError(`page ${index + 1} Content.xml would exceed the ${OFD_WRITE_LIMITS.maxXmlBytes}-byte XML limit`);
    parts.push(xml);
  });
  const xml = UTF8.encode(`${DECL}<ofd:Page xmlns:ofd="${OFD_NS}">${area}<ofd:Content><ofd:Layer ID="${layerId}">${parts.join('')}</ofd:Layer></ofd:Content></ofd:Page>`);
  if (xml.length > OFD_WRITE_LIMITS.maxXmlBytes) throw new LimitError(`page ${index + 1} Content.xml would be ${xml.length} bytes, over the ${OFD_WRITE_LIMITS.maxXmlBytes}-byte XML limit`);
  return { xml, elements };
}
