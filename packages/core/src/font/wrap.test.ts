// Line wrapping: the lines rebuild the text exactly, fit the width, obey basic 禁则, and break Latin at spaces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitError } from '../errors.js';
import { CLOSING, measureText, OPENING, wrapText } from './index.js';

const first = (s: string) => [...s][0]!;
const last = (s: string) => [...s].pop()!;

describe('wrapText', () => {
  it('business scope at 10.5 pt in 120 mm: joined = input, every line fits, no line starts with ，。；） or ends with （', () => {
    const scope = '软件开发；信息技术咨询服务；数据处理和存储支持服务；人工智能应用软件开发；网络与信息安全软件开发。（依法须经批准的项目，经相关部门批准后方可开展经营活动）';
    const lines = wrapText(scope, 60, 10.5);
    expect(lines.join('')).toBe(scope);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) {
      expect(measureText(l, 10.5)).toBeLessThanOrEqual(60 + 1e-9);
      expect(CLOSING.has(first(l))).toBe(false);
      expect(OPENING.has(last(l))).toBe(false);
    }
  });

  it('closing punctuation that would start a line takes the character before it along', () => {
    // Exactly 5 ideographs fit (5 × 10 pt = 17.64 mm in 18 mm); the 6th is 。, so 五 moves down with it.
    expect(wrapText('一二三四五。六七', 18, 10)).toEqual(['一二三四', '五。六七']);
    // Opening punctuation never ends a line: （ moves down with 六.
    expect(wrapText('一二三四（六七', 18, 10)).toEqual(['一二三四', '（六七']);
  });

  it('Latin words break at spaces (the space stays at the end of the line), CJK anywhere, long words are cut', () => {
    const t = 'Fuzhou Example Technology Co Ltd';
    const lines = wrapText(t, 30, 10);
    expect(lines.join('')).toBe(t);
    for (const l of lines.slice(0, -1)) expect(l.endsWith(' ')).toBe(true);
    expect(lines.every((l) => /^\S/.test(l))).toBe(true);
    expect(wrapText('福建省福州市鼓楼区示例路 1 号', 200, 10)).toEqual(['福建省福州市鼓楼区示例路 1 号']);
    const word = 'A'.repeat(60);
    const cut = wrapText(word, 20, 10);
    expect(cut.join('')).toBe(word);
    expect(cut.length).toBeGreaterThan(2);
    for (const l of cut) expect(measureText(l, 10)).toBeLessThanOrEqual(20 + 1e-9);
    expect(wrapText('', 50, 10)).toEqual([]);
  });

  it('property: for any mix of CJK, punctuation, Latin words and spaces every line fits and obeys 禁则', () => {
    // Units up to ≈ 27 mm (opening mark + word + closing mark): at 25 mm some are cut between characters, which must
    // still not start a line with a closing mark nor end one with an opening mark.
    const unit = fc
      .tuple(
        fc.option(fc.constantFrom(...'（「『《'), { nil: '' }),
        fc.constantFrom(...'营业执照福州示例有限公司', 'abc', 'XYZ019', 'No.', '2016-05-10'),
        fc.option(fc.constantFrom(...'，。、；：）」』》'), { nil: '' }),
        fc.constantFrom('', '', ' '),
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }).map((a) => a.join('')), fc.integer({ min: 25, max: 150 }), (text, width) => {
        const lines = wrapText(text, width, 10);
        expect(lines.join('')).toBe(text);
        for (const l of lines) {
          expect(l).not.toBe('');
          expect(measureText(l.trimEnd(), 10)).toBeLessThanOrEqual(width + 1e-9);
          expect(l.trimEnd()).not.toBe('');
          expect(CLOSING.has(first(l))).toBe(false);
          expect(OPENING.has(last(l))).toBe(false);
          expect(first(l)).not.toBe(' ');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses absurdly long input', () => {
    expect(() => wrapText('营'.repeat(100_001), 100, 10)).toThrow(LimitError);
  });
});
