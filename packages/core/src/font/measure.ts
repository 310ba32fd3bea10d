// Text widths with the shipped font, from the whole font's cmap and hmtx (no subset needed), so the layout can
// measure and wrap before anything is embedded. A subset keeps every advance width unchanged (subset.ts checks it),
// so what is measured here is what the PDF /W array and the OFD DeltaX say.
import { checkWeight, fontFileBytes, type FontWeight } from './font-files.js';
import { readFontMetrics, type FontMetrics } from './metrics.js';

const metrics = new Map<FontWeight, FontMetrics>();

/** Metrics of the whole shipped font of a weight (opened once per process). */
export function fontMetrics(weight: FontWeight = 'regular'): FontMetrics {
  let m = metrics.get(checkWeight(weight));
  if (!m) {
    m = readFontMetrics(fontFileBytes(weight));
    metrics.set(weight, m);
  }
  return m;
}

export const MM_PER_PT = 25.4 / 72;

/** Sum of the advance widths of the text's code points, in font units (no kerning: text is not shaped). */
export function textAdvance(text: string, weight: FontWeight = 'regular'): number {
  const m = fontMetrics(weight);
  let w = 0;
  for (const ch of text) w += m.advance(m.glyphId(ch.codePointAt(0)!));
  return w;
}

/** Width of one line of text at a size, in millimetres. */
export function measureText(text: string, sizePt: number, weight: FontWeight = 'regular'): number {
  const m = fontMetrics(weight);
  return ((textAdvance(text, weight) / m.unitsPerEm) * sizePt) * MM_PER_PT;
}

/** The distinct characters of the text the font has no glyph for, in order of appearance. */
export function missingCharacters(text: string, weight: FontWeight = 'regular'): string[] {
  const m = fontMetrics(weight);
  const out = new Set<string>();
  for (const ch of text) if (m.glyphId(ch.codePointAt(0)!) === 0) out.add(ch);
  return [...out];
}
