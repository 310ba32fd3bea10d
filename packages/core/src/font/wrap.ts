// Line breaking for Chinese with Latin runs: a line may break between any two CJK characters, and at spaces (after
// them) between Latin words; basic 禁则: no line starts with closing punctuation (，。、；：）」』》 …) and none ends
// with opening punctuation (（「『《 …). A word wider than the line is cut between characters. The lines concatenated
// are exactly the input (spaces stay at the end of the line they follow), so a reader of the page recovers the value
// by joining its lines.
import { LimitError } from '../errors.js';
import type { FontWeight } from './font-files.js';
import { fontMetrics, MM_PER_PT } from './measure.js';

/** No line may start with one of these. */
export const CLOSING = new Set([...'，。、；：？！）」』》】〕〉｝］〗〙〛”’…‥—～·・％‰℃°,.;:?!)]}%']);
/** No line may end with one of these. */
export const OPENING = new Set([...'（「『《【〔〈｛［〖〘〚“‘([{']);

export const MAX_WRAP_CHARS = 100_000;

/** Characters that break like ideographs: CJK symbols, kana, ideographs, compatibility and full-width forms. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t';

/** Unbreakable pieces: a wide character, or a run of other non-space characters; trailing spaces belong to it. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let curIsWord = false;
  let trailingSpace = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isSpace(ch)) {
      cur += ch;
      trailingSpace = true;
      continue;
    }
    const wide = isWide(cp);
    // A new piece after spaces, at every wide character, and where a word meets a wide character.
    if (cur !== '' && (trailingSpace || wide || !curIsWord)) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
    curIsWord = !wide;
    trailingSpace = false;
  }
  if (cur !== '') out.push(cur);
  // 禁则: glue closing punctuation to the piece before, opening punctuation to the piece after.
  const glued: string[] = [];
  for (const t of out) {
    const first = String.fromCodePoint(t.codePointAt(0)!);
    const prev = glued[glued.length - 1];
    if (prev !== undefined && (CLOSING.has(first) || endsWithOpening(prev))) glued[glued.length - 1] = prev + t;
    else glued.push(t);
  }
  return glued;
}

/** Ends with opening punctuation itself (a space after it is a break opportunity). */
function endsWithOpening(t: string): boolean {
  const last = [...t].pop();
  return last !== undefined && OPENING.has(last);
}

/**
 * Break the text into lines no wider than `maxWidthMm` at `sizePt`. Returns [] for ''. Lines joined = the text.
 * Throws LimitError past MAX_WRAP_CHARS characters.
 */
export function wrapText(text: string, maxWidthMm: number, sizePt: number, weight: FontWeight = 'regular'): string[] {
  if (text.length > MAX_WRAP_CHARS) throw new LimitError(`text longer than ${MAX_WRAP_CHARS} characters to wrap`);
  if (text === '') return [];
  const m = fontMetrics(weight);
  const max = ((maxWidthMm / MM_PER_PT) / sizePt) * m.unitsPerEm; // font units
  const adv = (s: string): number => {
    let w = 0;
    for (const ch of s) w += m.advance(m.glyphId(ch.codePointAt(0)!));
    return w;
  };
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const t of tokens(text)) {
    const visible = adv(t.trimEnd()); // trailing spaces may hang past the edge
    if (line !== '' && width + visible > max) {
      lines.push(line);
      line = '';
      width = 0;
    }
    if (line === '' && visible > max) {
      // Wider than a whole line: cut between characters.
      for (const ch of t) {
        const w = adv(ch);
        if (line !== '' && width + w > max && !isSpace(ch)) {
          // 禁则 inside the cut too: carry characters down rather than start with closing or end with opening marks.
          const kept = [...line];
          const carried: string[] = [];
          if (CLOSING.has(ch)) do carried.unshift(kept.pop()!); while (kept.length > 1 && CLOSING.has(carried[0]!));
          while (kept.length > 1 && OPENING.has(kept[kept.length - 1]!)) carried.unshift(kept.pop()!);
          lines.push(kept.join(''));
          line = carried.join('');
          width = adv(line);
        }
        line += ch;
        width += w;
      }
      continue;
    }
    line += t;
    width += adv(t);
  }
  if (line !== '') lines.push(line);
  return lines;
}
