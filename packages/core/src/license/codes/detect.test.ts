import { describe, expect, it } from 'vitest';
import { checkCode } from './check-code.js';
import { detectCodeKind } from './detect.js';
import { makeUscc } from './uscc.js';

describe('detectCodeKind', () => {
  it.each([
    ['1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F', 'license'],
    ['1.2.156.3005.2.anything', 'license'],
    ['1.2.156.3005.3.11100000000013338W032.11220000013544541J.2430599.001.F', 'license'], // wrong root: reported as such
    ['1.2.156', undefined],
    ['91350100M000100Y43', 'uscc'],
    ['91350100M0001TGQXM', 'uscc'],
    ['11010519491231002X', 'id'],
    ['11010519491231002x', 'id'],
    ['110105491231002', 'id'],
    ['110105194913310021', 'id'], // month 13: a mistyped ID number (17 digits first, not a valid USCC)
    ['11010519491331002X', 'id'], // the same with an X: reported as an ID number with a bad birth date
    [makeUscc('9135010012345678'), 'uscc'], // 17 digits first but a valid USCC (and no valid ID number)
    ['91350100I000100Y43', 'uscc'], // 18 alphanumerics: checked (and refused) as a USCC
    ['hello', undefined],
    ['', undefined],
    ['1234567', undefined],
  ])('%j → %s', (v, kind) => {
    expect(detectCodeKind(v)).toBe(kind);
  });

  it('an all-digit value that fits both kinds goes to the one whose check character holds', () => {
    // USCCs of digits only whose positions 7–14 read as a birth date (2000-01-01): both shapes fit.
    const both: string[] = [];
    for (let n = 0; n < 100; n++) {
      const u = makeUscc(`11110020000101${String(n).padStart(2, '0')}`);
      if (/^\d{18}$/.test(u)) both.push(u);
    }
    expect(both.length).toBeGreaterThan(0);
    let usccWins = 0;
    for (const u of both) {
      const idValid = checkCode(u, 'id').valid;
      expect(detectCodeKind(u)).toBe(idValid ? 'id' : 'uscc');
      if (!idValid) usccWins++;
    }
    expect(usccWins).toBeGreaterThan(0);
    // A valid ID number that is not a valid USCC stays an ID number.
    expect(checkCode('11010519491231002X', 'uscc').valid).toBe(false);
    expect(detectCodeKind('11010519491231002X')).toBe('id');
  });
});

describe('checkCode', () => {
  it('keeps the input as given, reports the normalised value, the kind and the reason', () => {
    expect(checkCode(' 91350100M0001TGQXM ')).toMatchObject({ value: ' 91350100M0001TGQXM ', normalized: '91350100M0001TGQXM', kind: 'uscc', valid: false, expected18: '1' });
    expect(checkCode('hello')).toMatchObject({ value: 'hello', kind: null, valid: false, reason: 'unknown-kind' });
  });

  it('a forced kind is used even when another would be detected', () => {
    expect(checkCode('11010519491231002X', 'uscc')).toMatchObject({ kind: 'uscc' });
    expect(checkCode('91350100M000100Y43', 'id')).toMatchObject({ kind: 'id', valid: false, reason: 'characters' });
  });
});

describe('a mistyped ID number is checked as one; USCC results name the first wrong check character', () => {
  it('11010519491331002X → id, invalid because of the birth date', () => {
    const r = checkCode('11010519491331002X');
    expect(r.kind).toBe('id');
    expect(r.valid).toBe(false);
  });
  it('USCC expected = expected17 when position 17 is wrong, else expected18', () => {
    const good = makeUscc('9135010012345678');
    const bad18 = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const r18 = checkCode(bad18, 'uscc') as { expected?: string; expected17?: string; expected18?: string };
    expect([r18.expected, r18.expected17, r18.expected18]).toEqual([good[17], undefined, good[17]]);
    const bad17 = `${good.slice(0, 16)}${good[16] === '0' ? '1' : '0'}${good[17]}`;
    const r17 = checkCode(bad17, 'uscc') as { expected?: string; expected17?: string; expected18?: string };
    expect(r17.expected17).toBe(good[16]);
    expect(r17.expected).toBe(good[16]);
  });
});
