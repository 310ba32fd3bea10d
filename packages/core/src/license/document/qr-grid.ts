// The fast path of the QR search: a licence page's QR image is a clean module grid (the renderer draws each module as
// an s × s square of pure black or white, one pixel value per square, with a white quiet zone). Such an image is
// recognised exactly — the top-left finder pattern's first row gives the module size, every pixel is checked to lie
// in a uniform 0/255 square of that grid, the quiet zone is white and the three finder patterns sit at the corners —
// and redrawn at one pixel per module with a 4-module quiet zone: the same symbol, 1/s² of the pixels for jsqr
// (≈ 680² → 93² px on a licence). Anything else (photos, scans, anti-aliased or scaled codes) is no grid: the caller
// searches the full image, as it does when jsqr reads nothing from the small one.
import type { Rgba } from './qr-pixels.js';

/** One luminance byte per pixel (gray images: 1- and 8-bit DeviceGray, gray PNGs). */
export interface Gray {
  width: number;
  height: number;
  gray: Uint8Array;
}

/** Symbol sizes of QR versions 1..40. */
const MIN_SYMBOL = 21;
const MAX_SYMBOL = 177;
/** Quiet zone drawn around the symbol in the small image (ISO/IEC 18004 asks for 4 modules). */
const QUIET = 4;
const FINDER = ['#######', '#.....#', '#.###.#', '#.###.#', '#.###.#', '#.....#', '#######'];

/** Module size, quiet zone and symbol size of a clean grid image, or undefined. */
function gridGeometry(img: Gray): { m: number; q: number; n: number } | undefined {
  const { width: w, height: h, gray } = img;
  if (w !== h || w < MIN_SYMBOL) return undefined;
  // The first dark pixel (row-major) is the top-left corner of the top-left finder pattern; its row run is 7 modules.
  let first = 0;
  while (first < gray.length && gray[first] === 255) first++;
  if (first === gray.length || gray[first] !== 0) return undefined;
  const y0 = Math.floor(first / w);
  const x0 = first - y0 * w;
  let run = 0;
  while (x0 + run < w && gray[first + run] === 0) run++;
  const m = run / 7;
  if (!Number.isInteger(m) || x0 !== y0 || x0 % m !== 0 || w % m !== 0) return undefined;
  const q = x0 / m;
  const n = w / m - 2 * q;
  if (q < 1 || n < MIN_SYMBOL || n > MAX_SYMBOL || (n - 17) % 4 !== 0) return undefined;
  return { m, q, n };
}

/** True when every pixel equals the top-left pixel of its m × m square and that pixel is 0 or 255. */
function uniformSquares(img: Gray, m: number): boolean {
  const { width: w, gray } = img;
  for (let y = 0; y < w; y++) {
    const row = y * w;
    if (y % m !== 0) {
      // Inside a row of squares: the pixel row repeats the square's first row.
      const top = (y - (y % m)) * w;
      if (Buffer.compare(gray.subarray(row, row + w), gray.subarray(top, top + w)) !== 0) return false;
      continue;
    }
    for (let x = 0; x < w; x += m) {
      const v = gray[row + x]!;
      if (v !== 0 && v !== 255) return false;
      for (let k = 1; k < m; k++) if (gray[row + x + k] !== v) return false;
    }
  }
  return true;
}

/**
 * The symbol redrawn at one pixel per module with a white 4-module quiet zone (RGBA, as jsqr takes it), when `img` is
 * a clean module grid with the three finder patterns in place; otherwise undefined. Cost: one pass over the pixels.
 */
export function gridImage(img: Gray): Rgba | undefined {
  const g = gridGeometry(img);
  if (!g || !uniformSquares(img, g.m)) return undefined;
  const { m, q, n } = g;
  const w = img.width;
  const dark = (r: number, c: number): boolean => img.gray[(r * m * w) + c * m] === 0;
  const modules = n + 2 * q;
  // The quiet zone around the symbol is white.
  for (let r = 0; r < modules; r++) {
    for (let c = 0; c < modules; c++) {
      const inside = r >= q && r < q + n && c >= q && c < q + n;
      if (!inside && dark(r, c)) return undefined;
    }
  }
  // Finder patterns at the top-left, top-right and bottom-left corners of the symbol.
  for (const [r0, c0] of [[q, q], [q, q + n - 7], [q + n - 7, q]] as const) {
    for (let r = 0; r < 7; r++) for (let c = 0; c < 7; c++) if (dark(r0 + r, c0 + c) !== (FINDER[r]![c] === '#')) return undefined;
  }
  const side = n + 2 * QUIET;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!dark(q + r, q + c)) continue;
      const o = ((r + QUIET) * side + c + QUIET) * 4;
      data[o] = data[o + 1] = data[o + 2] = 0;
    }
  }
  return { width: side, height: side, data };
}
