import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../errors.js';
import { makeResidentId, validateResidentId } from './resident-id.js';

const NOW = new Date('2025-06-01T00:00:00Z');

describe('GB 11643 resident identity numbers', () => {
  it('11010519491231002X (the standard example) is valid: born 1949-12-31, female', () => {
    expect(validateResidentId('11010519491231002X', { now: NOW })).toEqual({
      valid: true,
      value: '11010519491231002X',
      warnings: [],
      addressCode: '110105',
      sex: 'female',
      birthDate: '1949-12-31',
    });
  });

  it('a wrong check character gives the expected one', () => {
    const r = validateResidentId('110105194912310021', { now: NOW });
    expect(r).toMatchObject({ valid: false, reason: 'check-character', expected: 'X' });
    expect(r.message?.zh).toBe('校验位错误，应为 X');
  });

  it('lower-case x is read as X, with a warning', () => {
    expect(validateResidentId('11010519491231002x', { now: NOW })).toMatchObject({ valid: true, value: '11010519491231002X', warnings: ['lower-case'] });
  });

  it('birth dates must be real days, not before 1850 and not after today (China time)', () => {
    const bad = (d: string) => validateResidentId(makeResidentId(`110105${d}002`), { now: NOW });
    expect(bad('19490230')).toMatchObject({ valid: false, reason: 'birth-date' });
    expect(bad('19491301')).toMatchObject({ valid: false, reason: 'birth-date' });
    expect(bad('18491231')).toMatchObject({ valid: false, reason: 'birth-date' });
    expect(bad('20250602')).toMatchObject({ valid: false, reason: 'birth-date' });
    // 2025-06-01 08:00 in Beijing at 00:00 UTC: born today is fine.
    expect(bad('20250601')).toMatchObject({ valid: true, birthDate: '2025-06-01' });
    expect(bad('20000229').valid).toBe(true);
    expect(bad('19000229').valid).toBe(false); // 1900 was not a leap year
  });

  it('a wrong date and a wrong check character: the date is the reason, the expected character is still given', () => {
    const right = makeResidentId('11010519490230002');
    const wrong = right.slice(0, 17) + (right.endsWith('1') ? '2' : '1');
    const r = validateResidentId(wrong, { now: NOW });
    expect(r.reason).toBe('birth-date');
    expect(r.expected).toBe(right.slice(-1));
  });

  it('the 15-digit form is recognised: no check character, the 18-digit form is given', () => {
    expect(validateResidentId('110105491231002', { now: NOW })).toMatchObject({
      valid: true,
      legacy15: true,
      warnings: ['legacy-15'],
      birthDate: '1949-12-31',
      sex: 'female',
      upgraded: '11010519491231002X',
    });
    expect(validateResidentId('110105490231002', { now: NOW })).toMatchObject({ valid: false, reason: 'birth-date', legacy15: true });
  });

  it.each([
    ['', 'empty'],
    ['1101051949123100', 'length'],
    ['1101051949123100X2', 'characters'],
    ['11010519491231002Y', 'characters'],
    ['11010549123100X', 'characters'],
  ])('%j → %s', (v, reason) => {
    expect(validateResidentId(v, { now: NOW })).toMatchObject({ valid: false, reason });
  });

  it('an address code outside the GB/T 2260 provinces is a warning, not invalidity', () => {
    expect(validateResidentId(makeResidentId('99010519491231002'), { now: NOW })).toMatchObject({ valid: true, warnings: ['address-code'] });
  });

  it('makeResidentId refuses anything but 17 digits', () => {
    expect(() => makeResidentId('1101051949123100')).toThrow(FormatError);
    expect(() => makeResidentId('1101051949123100A')).toThrow(FormatError);
  });
});

const first17 = fc
  .tuple(fc.constantFrom('110105', '350102', '440305', '650102'), fc.date({ min: new Date('1900-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
  .map(([area, d, seq]) => `${area}${d.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`);

describe('properties (fast-check)', () => {
  it('generated numbers validate, with the birth date and sex they were made with', () => {
    fc.assert(
      fc.property(first17, (f) => {
        const r = validateResidentId(makeResidentId(f), { now: NOW });
        expect(r.valid).toBe(true);
        expect(r.birthDate?.replace(/-/g, '')).toBe(f.slice(6, 14));
        expect(r.sex).toBe(Number(f.slice(14, 17)) % 2 ? 'male' : 'female');
      }),
    );
  });

  // MOD 11-2: weights 2^k mod 11 are non-zero and adjacent ones differ, 11 is prime: every single substitution and
  // every adjacent transposition changes the sum mod 11. (A changed date may also fail the date check: still invalid.)
  it('every single substitution and adjacent transposition is detected', () => {
    fc.assert(
      fc.property(first17, fc.nat(), fc.nat(), (f, i, j) => {
        const id = makeResidentId(f);
        const pos = i % 18;
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const other = alphabet.replace(id[pos]!, '')[j % (alphabet.length - 1)]!;
        expect(validateResidentId(id.slice(0, pos) + other + id.slice(pos + 1), { now: NOW }).valid).toBe(false);
        const t = i % 17;
        if (id[t] !== id[t + 1]) expect(validateResidentId(id.slice(0, t) + id[t + 1] + id[t] + id.slice(t + 2), { now: NOW }).valid).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
