// Millimetres from the top-left corner of the page's visible box → PDF user-space points [x0 y0 x1 y1].
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFContext, type PDFObject } from 'pdf-lib';
import { FormatError } from '../../errors.js';

const PT_PER_MM = 72 / 25.4;

/** The inherited /CropBox, else /MediaBox, normalised to [x0 y0 x1 y1]; Letter when neither is usable. */
export function pageBox(context: PDFContext, page: PDFDict): [number, number, number, number] {
  for (const key of ['CropBox', 'MediaBox']) {
    const box = inherited(context, page, key);
    const arr = box === undefined ? undefined : context.lookup(box);
    if (arr instanceof PDFArray && arr.size() === 4) {
      const n = [0, 1, 2, 3].map((i) => context.lookup(arr.get(i)));
      if (n.every((x) => x instanceof PDFNumber)) {
        const [a, b, c, d] = n.map((x) => (x as PDFNumber).asNumber()) as [number, number, number, number];
        return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
      }
    }
  }
  return [0, 0, 612, 792];
}

function inherited(context: PDFContext, page: PDFDict, key: string): PDFObject | undefined {
  let node: PDFDict | undefined = page;
  for (let depth = 0; node && depth < 64; depth++) {
    const v = node.get(PDFName.of(key));
    if (v !== undefined) return v;
    const parent: PDFObject | undefined = node.get(PDFName.of('Parent'));
    const p: PDFObject | undefined = parent === undefined ? undefined : context.lookup(parent);
    node = p instanceof PDFDict ? p : undefined;
  }
  return undefined;
}

/** Throws FormatError when the rectangle is empty or leaves the page. /Rotate is not applied: unrotated page space. */
export function rectToPoints(box: [number, number, number, number], mm: [number, number, number, number]): [number, number, number, number] {
  const [x, y, w, h] = mm;
  if (![x, y, w, h].every(Number.isFinite) || x < 0 || y < 0 || w <= 0 || h <= 0) {
    throw new FormatError(`the signature rectangle needs x, y ≥ 0 and a positive width and height in millimetres (got ${mm.join(',')})`);
  }
  const [bx0, , bx1, by1] = box;
  const x0 = bx0 + x * PT_PER_MM;
  const x1 = x0 + w * PT_PER_MM;
  const y1 = by1 - y * PT_PER_MM;
  const y0 = y1 - h * PT_PER_MM;
  const eps = 0.01;
  if (x1 > bx1 + eps || y0 < box[1] - eps) {
    const wMm = ((bx1 - bx0) / PT_PER_MM).toFixed(1);
    const hMm = ((by1 - box[1]) / PT_PER_MM).toFixed(1);
    throw new FormatError(`the signature rectangle ${mm.join(',')} (mm) does not fit the ${wMm} × ${hMm} mm page`);
  }
  return [x0, y0, x1, y1];
}

/** The default seal position: `size` millimetres, 20 mm from the right and bottom edges (clamped to the page). */
export function defaultRect(box: [number, number, number, number], size: [number, number]): [number, number, number, number] {
  const wMm = (box[2] - box[0]) / PT_PER_MM;
  const hMm = (box[3] - box[1]) / PT_PER_MM;
  const w = Math.min(size[0], wMm);
  const h = Math.min(size[1], hMm);
  return [Math.max(0, wMm - w - 20), Math.max(0, hMm - h - 20), w, h];
}
