// Where each character of a one-line text goes: the anchor and alignment give the start, the advances give every
// following position. Positions are rounded to µm one by one from the exact running sum (not by adding rounded
// advances), so no rounding error accumulates along a line: every glyph is within 0.5 µm of where the advances put
// it. A supplementary-plane character (outside the BMP) gets a TextCode of its own: readers disagree on whether
// DeltaX counts code points or UTF-16 units, and a run without such characters reads the same either way.
import { FormatError } from '../../errors.js';
import { um } from './xml-text.js';

export interface TextRun {
  /** Absolute x (µm) of the run's first character. */
  xUm: number;
  text: string;
  /** Distances (µm) from each character to the next, one fewer than the run's characters. */
  deltaUm: number[];
}

export interface PlacedText {
  runs: TextRun[];
  /** Left edge (first pen position) and right edge (last pen position + its advance), µm. */
  startUm: number;
  endUm: number;
}

/**
 * Place `chars` (code points as strings, one advance in mm each) with the anchor at `anchorMm` (left edge, centre
 * or right edge of the advance box, per `align`).
 */
export function placeText(chars: readonly string[], advancesMm: readonly number[], anchorMm: number, align: 'left' | 'center' | 'right' = 'left'): PlacedText {
  if (chars.length !== advancesMm.length) throw new FormatError(`${advancesMm.length} advances for ${chars.length} characters`);
  const width = advancesMm.reduce((a, b) => a + b, 0);
  const start = align === 'center' ? anchorMm - width / 2 : align === 'right' ? anchorMm - width : anchorMm;
  const pos: number[] = [];
  let pen = start;
  for (const a of advancesMm) {
    pos.push(um(pen));
    pen += a;
  }
  const runs: TextRun[] = [];
  let cur: TextRun | undefined;
  chars.forEach((c, i) => {
    const x = pos[i]!;
    if (c.codePointAt(0)! > 0xffff) {
      runs.push({ xUm: x, text: c, deltaUm: [] });
      cur = undefined;
      return;
    }
    if (!cur) {
      cur = { xUm: x, text: c, deltaUm: [] };
      runs.push(cur);
      return;
    }
    cur.deltaUm.push(x - pos[i - 1]!);
    cur.text += c;
  });
  return { runs, startUm: um(start), endUm: um(pen) };
}
