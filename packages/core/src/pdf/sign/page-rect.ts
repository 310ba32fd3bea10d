// Millimetres as the user SEES the page (origin at the top-left corner of the displayed, i.e. /Rotate-d, CropBox —
// MediaBox when none) → the widget rectangle in PDF user space [x0 y0 x1 y1], and the appearance matrix that keeps the
// picture upright on a rotated page.
import { FormatError } from '../../errors.js';
import type { PdfDocument, PdfObj } from '../document/types.js';
import { PdfPlacementError } from './placement-error.js';

const PT_PER_MM = 72 / 25.4;
/** Smallest side of a visible signature. */
export const MIN_RECT_MM = 1;

export interface PageGeometry {
  /** The inherited /CropBox, else /MediaBox, normalised to [x0 y0 x1 y1]; Letter when neither is usable. */
  box: [number, number, number, number];
  /** Inherited /Rotate normalised to 0, 90, 180 or 270 (clockwise, as displayed). */
  rotate: 0 | 90 | 180 | 270;
}

export interface PlacedRect {
  /** The widget's /Rect in user space. */
  rect: [number, number, number, number];
  /** Width and height as displayed, in points (the appearance form's /BBox). */
  size: [number, number];
  rotate: 0 | 90 | 180 | 270;
}

export function pageGeometry(doc: PdfDocument, page: { num: number; gen: number }): PageGeometry {
  const pageDict = doc.resolve({ t: 'ref', num: page.num, gen: page.gen });
  const dict = pageDict?.t === 'dict' ? pageDict.v : undefined;
  let box: PageGeometry['box'] = [0, 0, 612, 792];
  for (const key of ['CropBox', 'MediaBox']) {
    const arr = doc.resolve(inherited(doc, dict, key));
    if (arr?.t !== 'array' || arr.v.length !== 4) continue;
    const n = arr.v.map((x) => doc.resolve(x));
    if (!n.every((x) => x?.t === 'num' && Number.isFinite(x.v))) continue;
    const [a, b, c, d] = n.map((x) => (x as { v: number }).v) as [number, number, number, number];
    if (a === c || b === d) continue;
    box = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
    break;
  }
  const r = doc.resolve(inherited(doc, dict, 'Rotate'));
  // ISO 32000-1 Table 30: a multiple of 90; other values are ignored by readers (taken as 0 here too).
  const deg = r?.t === 'num' && r.int && r.v % 90 === 0 ? (((r.v % 360) + 360) % 360) as 0 | 90 | 180 | 270 : 0;
  return { box, rotate: deg };
}

function inherited(doc: PdfDocument, page: Map<string, PdfObj> | undefined, key: string): PdfObj | undefined {
  let node = page;
  for (let depth = 0; node && depth < 64; depth++) {
    const v = node.get(key);
    if (v !== undefined) return v;
    const p = doc.resolve(node.get('Parent'));
    node = p?.t === 'dict' ? p.v : undefined;
  }
  return undefined;
}

/** Displayed width and height of the page, in points. */
export function displayedSize(g: PageGeometry): [number, number] {
  const w = g.box[2] - g.box[0];
  const h = g.box[3] - g.box[1];
  return g.rotate === 90 || g.rotate === 270 ? [h, w] : [w, h];
}

/**
 * Throws FormatError when a side is under 1 mm or not a finite number, PdfPlacementError when the rectangle leaves
 * the displayed page.
 */
export function rectToPoints(g: PageGeometry, mm: [number, number, number, number]): PlacedRect {
  const [x, y, w, h] = mm;
  if (![x, y, w, h].every(Number.isFinite) || w < MIN_RECT_MM || h < MIN_RECT_MM) {
    throw new FormatError(`the signature rectangle needs a width and height of at least ${MIN_RECT_MM} mm (got ${mm.join(',')})`);
  }
  const [dw, dh] = displayedSize(g);
  const eps = 0.01;
  const u0 = x * PT_PER_MM;
  const v0 = y * PT_PER_MM;
  const u1 = u0 + w * PT_PER_MM;
  const v1 = v0 + h * PT_PER_MM;
  if (x < 0 || y < 0 || u1 > dw + eps || v1 > dh + eps) {
    throw new PdfPlacementError(
      `the signature rectangle ${mm.join(',')} (mm) does not fit the ${(dw / PT_PER_MM).toFixed(1)} × ${(dh / PT_PER_MM).toFixed(1)} mm page (as displayed)`,
    );
  }
  // Displayed (u right, v down from the top-left) → user space, per rotation (the viewer turns the page clockwise).
  const [bx0, by0, bx1, by1] = g.box;
  const map = (u: number, v: number): [number, number] => {
    switch (g.rotate) {
      case 0: return [bx0 + u, by1 - v];
      case 90: return [bx0 + v, by0 + u];
      case 180: return [bx1 - u, by0 + v];
      case 270: return [bx1 - v, by1 - u];
    }
  };
  const [ax, ay] = map(u0, v0);
  const [cx, cy] = map(u1, v1);
  return {
    rect: [Math.min(ax, cx), Math.min(ay, cy), Math.max(ax, cx), Math.max(ay, cy)],
    size: [u1 - u0, v1 - v0],
    rotate: g.rotate,
  };
}

/**
 * The appearance form's /Matrix: turns the form counter-clockwise by the page rotation (so the viewer's clockwise turn
 * leaves it upright) and moves its transformed /BBox back to the origin. `size` is the displayed width and height.
 */
export function appearanceMatrix(rotate: 0 | 90 | 180 | 270, size: [number, number]): [number, number, number, number, number, number] | undefined {
  const [w, h] = size;
  switch (rotate) {
    case 0: return undefined;
    case 90: return [0, 1, -1, 0, h, 0];
    case 180: return [-1, 0, 0, -1, w, h];
    case 270: return [0, -1, 1, 0, 0, w];
  }
}

/** The default seal position: `size` millimetres, 20 mm from the displayed right and bottom edges (clamped). */
export function defaultRect(g: PageGeometry, size: [number, number]): [number, number, number, number] {
  const [dw, dh] = displayedSize(g);
  const wMm = dw / PT_PER_MM;
  const hMm = dh / PT_PER_MM;
  const w = Math.min(size[0], wMm);
  const h = Math.min(size[1], hMm);
  return [Math.max(0, wMm - w - 20), Math.max(0, hMm - h - 20), w, h];
}
