import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../errors.js';
import { makeUscc, orgCodeCheckCharacter, usccCheckCharacter, USCC_ALPHABET, validateUscc } from './uscc.js';

describe('GB 32100 samples (reference A4)', () => {
  it.each(['91350100M000100Y43', '11100000000013338W', '11430000006122244L', '11220000013544541J', '11330105002500287C', '11100000MB03271699'])(
    '%s is valid, both check characters',
    (code) => {
      const r = validateUscc(code);
      expect(r).toMatchObject({ valid: true, value: code, warnings: [] });
      expect(r.expected17).toBeUndefined();
      expect(r.expected18).toBeUndefined();
    },
  );

  it('splits the official example into its parts', () => {
    expect(validateUscc('91350100M000100Y43').parts).toEqual({ authority: '9', category: '1', area: '350100', orgCode: 'M000100Y4' });
  });

  it.each([
    ['91350100M0001TGQXM', '1'],
    ['91350211M0000XUF46', 'R'],
    ['91350203M0001FUE2P', 'J'],
    ['91500106MA2CE71F65', '6'],
  ])('pilot-era / test-invoice code %s fails the position-18 check; expected %s', (code, expected) => {
    const r = validateUscc(code);
    expect(r).toMatchObject({ valid: false, reason: 'check-character', expected18: expected });
    // Their organisation codes (positions 9–17) are right.
    expect(r.expected17).toBeUndefined();
    expect(r.message?.en).toBe(`wrong check character, expected ${expected}`);
  });
});

describe('validation details', () => {
  it('a wrong organisation-code check character (position 17) is named first, with both expected characters', () => {
    const r = validateUscc('91350100M000100Y53');
    expect(r.valid).toBe(false);
    expect(r.reason).toBe('org-code-check-character');
    expect(r.expected17).toBe('4');
    expect(r.expected18).toBe(usccCheckCharacter('91350100M000100Y5'));
  });

  it('organisation-code check character: r = 10 → X, r = 11 → 0', () => {
    expect(orgCodeCheckCharacter('M0001TGQ')).toBe('X');
    // Σ = 0 → r = 11 → '0'
    expect(orgCodeCheckCharacter('00000000')).toBe('0');
  });

  it.each([
    ['', 'empty'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100I000100Y43', 'characters'], // I is not in the alphabet
    ['91350100O000100Y43', 'characters'],
    ['9135 0100M000100Y4', 'characters'],
  ])('%j → %s', (code, reason) => {
    expect(validateUscc(code)).toMatchObject({ valid: false, reason });
  });

  it('lower case is checked as upper case with a warning; a non-digit area is a warning', () => {
    expect(validateUscc(' 91350100m000100y43 ')).toMatchObject({ valid: true, value: '91350100M000100Y43', warnings: ['lower-case'] });
    const odd = makeUscc('91A50100M000100Y');
    expect(validateUscc(odd)).toMatchObject({ valid: true, warnings: ['area-code'] });
  });

  it('makeUscc refuses bad input', () => {
    expect(() => makeUscc('91350100M000100')).toThrow(FormatError);
    expect(() => makeUscc('91350100M000100I')).toThrow(FormatError);
  });
});

const first16 = fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 16, maxLength: 16 });

describe('properties (fast-check)', () => {
  it('makeUscc always validates', () => {
    fc.assert(
      fc.property(first16, (f) => {
        expect(validateUscc(makeUscc(f)).valid).toBe(true);
      }),
    );
  });

  // Weights 3ⁱ mod 31 are non-zero and adjacent weights differ (31 is prime), so the position-18 check alone detects
  // every single substitution and every adjacent transposition within the 31-symbol alphabet.
  it('every single substitution (within the alphabet) and every adjacent transposition is detected', () => {
    fc.assert(
      fc.property(first16, fc.nat(), fc.nat(), (f, i, j) => {
        const code = makeUscc(f);
        const pos = i % 18;
        const other = USCC_ALPHABET.replace(code[pos]!, '')[j % 30]!;
        expect(validateUscc(code.slice(0, pos) + other + code.slice(pos + 1)).valid).toBe(false);
        const t = i % 17;
        if (code[t] !== code[t + 1]) expect(validateUscc(code.slice(0, t) + code[t + 1] + code[t] + code.slice(t + 2)).valid).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
