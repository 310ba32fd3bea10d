// Where the visible stamp goes: the page's box (its own Area, else the document's PageArea), the stamp size (the
// seal picture's size in mm by default) and the position from the page's top-left corner, as a StampAnnot Boundary.
import { FormatError } from '../errors.js';
import type { OfdPackage } from './package.js';
import { child } from './xml.js';
import { StampPlacementError } from './sign-errors.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Default distance of the stamp from the right and bottom page edges (mm): where an official seal sits. */
export const DEFAULT_MARGIN = { right: 20, bottom: 30 } as const;

/** An ST_Box "x y w h" (numbers separated by spaces), or undefined when it is not one. */
export function parseBox(text: string | undefined): Box | undefined {
  if (text === undefined) return undefined;
  const n = text.trim().split(/\s+/).map(Number);
  if (n.length !== 4 || !n.every(Number.isFinite)) return undefined;
  const [x, y, w, h] = n as [number, number, number, number];
  return w > 0 && h > 0 ? { x, y, w, h } : undefined;
}

/**
 * The physical box of a page: `<Page><Area><PhysicalBox>` in its content, else Document.xml
 * `<CommonData><PageArea><PhysicalBox>`. Throws FormatError when neither is readable.
 */
export function pageBox(pkg: OfdPackage, docRoot: string, pagePath: string | undefined): Box {
  if (pagePath !== undefined) {
    const own = parseBox(child(child(pkg.xml(pagePath, pagePath), 'Area'), 'PhysicalBox')?.text);
    if (own) return own;
  }
  const doc = pkg.xml(docRoot, docRoot);
  const box = parseBox(child(child(child(doc, 'CommonData'), 'PageArea'), 'PhysicalBox')?.text);
  if (!box) throw new FormatError(`${docRoot} has no readable PageArea PhysicalBox, so the page size is unknown`);
  return box;
}

function finitePositive(v: number): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/**
 * The stamp's Boundary on a page of size `page`. `at` is the top-left corner in mm from the page's top-left
 * (default: DEFAULT_MARGIN from the bottom-right corner). Throws StampPlacementError when the stamp would leave
 * the page.
 */
export function placeStamp(page: Box, size: { w: number; h: number }, at?: { x: number; y: number }): Box {
  if (!finitePositive(size.w) || !finitePositive(size.h)) throw new StampPlacementError(`stamp size ${size.w}×${size.h} mm is not positive`);
  if (size.w > page.w || size.h > page.h) throw new StampPlacementError(`a ${size.w}×${size.h} mm stamp does not fit on a ${page.w}×${page.h} mm page`);
  const x = at ? at.x : Math.max(0, page.w - size.w - DEFAULT_MARGIN.right);
  const y = at ? at.y : Math.max(0, page.h - size.h - DEFAULT_MARGIN.bottom);
  if (!Number.isFinite(x) || !Number.isFinite(y) || x < 0 || y < 0 || x + size.w > page.w + 1e-9 || y + size.h > page.h + 1e-9) {
    throw new StampPlacementError(`a ${size.w}×${size.h} mm stamp at (${x}, ${y}) mm leaves the ${page.w}×${page.h} mm page`);
  }
  return { x, y, w: size.w, h: size.h };
}

/** "x y w h" with at most 3 decimals, no exponent. */
export function formatBoundary(b: Box): string {
  const f = (v: number): string => {
    const r = Math.round(v * 1000) / 1000;
    return Object.is(r, -0) ? '0' : String(r);
  };
  return `${f(b.x)} ${f(b.y)} ${f(b.w)} ${f(b.h)}`;
}
