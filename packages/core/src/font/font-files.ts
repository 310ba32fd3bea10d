// The shipped CJK font: Noto Sans Hans (Regular and Bold) from the npm package @embedpdf/fonts-sc (OFL-1.1), a
// CID-keyed CFF OpenType font (ROS Adobe-Identity-0) covering every GB 2312 character. The package exports only its
// JS entry, so the .otf files are found next to it; createRequire resolves the same way from src/ and dist/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FormatError } from '../errors.js';

export type FontWeight = 'regular' | 'bold';
export const FONT_WEIGHTS: readonly FontWeight[] = ['regular', 'bold'];

/** Where the font comes from and under which licence (see README.md). */
export const FONT_SOURCE = {
  family: 'Noto Sans Hans',
  package: '@embedpdf/fonts-sc',
  packageVersion: '1.0.0',
  licence: 'OFL-1.1',
  files: { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
} as const;

/** Throws FormatError unless `w` is a weight we ship. */
export function checkWeight(w: unknown): FontWeight {
  if (w !== 'regular' && w !== 'bold') throw new FormatError(`font weight must be 'regular' or 'bold', not ${String(w)}`);
  return w;
}

/** Absolute path of the font file of a weight. */
export function fontFilePath(weight: FontWeight = 'regular'): string {
  checkWeight(weight);
  const entry = createRequire(import.meta.url).resolve(FONT_SOURCE.package);
  // entry = <package>/dist/index.cjs
  return join(dirname(entry), '..', 'fonts', FONT_SOURCE.files[weight]);
}

const bytes = new Map<FontWeight, Uint8Array>();

/** The whole font file of a weight, read once per process (≈ 8 MB each). */
export function fontFileBytes(weight: FontWeight = 'regular'): Uint8Array {
  let b = bytes.get(checkWeight(weight));
  if (!b) {
    b = new Uint8Array(readFileSync(fontFilePath(weight)));
    bytes.set(weight, b);
  }
  return b;
}

/** The weights whose file has been read (for tests and diagnostics). */
export function fontFilesRead(): FontWeight[] {
  return [...bytes.keys()];
}
