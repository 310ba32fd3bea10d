import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../errors.js';
import {
  hybridCheckCharacter,
  hybridIsValid,
  ISO7064_ALPHANUMERIC,
  MOD_11_2,
  MOD_37_2,
  mod11_2,
  mod37_36,
  pureCheckCharacter,
  pureIsValid,
} from './iso7064.js';

const A = ISO7064_ALPHANUMERIC;

describe('pure system MOD 11-2', () => {
  it('matches the ORCID identifiers (ORCID uses ISO 7064 MOD 11-2) and the GB 11643 example', () => {
    expect(mod11_2('000000021825009')).toBe('7'); // 0000-0002-1825-0097
    expect(mod11_2('000000021694233')).toBe('X'); // 0000-0002-1694-233X
    expect(mod11_2('000000015109370')).toBe('0'); // 0000-0001-5109-3700
    expect(mod11_2('11010519491231002')).toBe('X'); // GB 11643 example 11010519491231002X
    expect(pureIsValid('11010519491231002X', MOD_11_2)).toBe(true);
    expect(pureIsValid('110105194912310021', MOD_11_2)).toBe(false);
  });

  it('detects every single substitution and every adjacent transposition (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (body, i, j) => {
        const full = body + mod11_2(body);
        expect(pureIsValid(full, MOD_11_2)).toBe(true);
        const pos = i % full.length;
        const alphabet = pos === full.length - 1 ? '0123456789X' : '0123456789';
        const other = alphabet.replace(full[pos]!, '')[j % (alphabet.length - 1)]!;
        expect(pureIsValid(full.slice(0, pos) + other + full.slice(pos + 1), MOD_11_2)).toBe(false);
        const t = i % (full.length - 1);
        if (full[t] !== full[t + 1]) {
          const swapped = full.slice(0, t) + full[t + 1] + full[t] + full.slice(t + 2);
          expect(pureIsValid(swapped, MOD_11_2)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('pure system MOD 37-2 (generic pure code path)', () => {
  it('generated check characters validate, single substitutions are detected', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...A), minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (body, i, j) => {
        const full = body + pureCheckCharacter(body, MOD_37_2);
        expect(pureIsValid(full, MOD_37_2)).toBe(true);
        const pos = i % body.length;
        const other = A.replace(body[pos]!, '')[j % 35]!;
        expect(pureIsValid(full.slice(0, pos) + other + full.slice(pos + 1), MOD_37_2)).toBe(false);
      }),
    );
  });
});

describe('hybrid system MOD 37,36', () => {
  it('gives the check characters of the GB/T 36904 identifiers in the reference', () => {
    expect(mod37_36('11100000000013338W01111430000006122244L20230000403001')).toBe('U');
    expect(mod37_36('11100000000013338W03211220000013544541J2430599001')).toBe('F');
    expect(mod37_36('11100000000013338W00911330105002500287C2025052201002')).toBe('0');
    expect(mod37_36('11100000MB03271699022' + '340100' + '000000016' + '001')).toBe('9');
  });

  it('refuses characters outside the alphabet (lower case included) with FormatError; validation says false', () => {
    expect(() => mod37_36('abc')).toThrow(FormatError);
    expect(() => mod37_36('12-3')).toThrow(FormatError);
    expect(() => mod37_36('1\u{20000}')).toThrow(FormatError);
    expect(hybridIsValid('a1')).toBe(false);
    expect(hybridIsValid('')).toBe(false);
    expect(hybridIsValid('U')).toBe(false);
  });

  it('is generic over the alphabet: MOD 11,10 and MOD 27,26 generate and validate', () => {
    for (const alphabet of ['0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', A]) {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 40 }), (body) => {
          expect(hybridIsValid(body + hybridCheckCharacter(body, alphabet), alphabet)).toBe(true);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('detects every single substitution, at every position including the check character (exhaustive, 2-character bodies)', () => {
    let tried = 0;
    for (const a of A) {
      for (const b of A) {
        const full = a + b + mod37_36(a + b);
        for (let pos = 0; pos < 3; pos++) {
          for (const c of A) {
            if (c === full[pos]) continue;
            tried++;
            expect(hybridIsValid(full.slice(0, pos) + c + full.slice(pos + 1)), full).toBe(false);
          }
        }
      }
    }
    expect(tried).toBe(36 * 36 * 3 * 35);
  });

  // What the hybrid system does NOT guarantee: an adjacent transposition ab → ba goes undetected exactly when the
  // running sums (p + a) mod 36 and (p + b) mod 36 are 18 and 19 (then 2·18 ≡ 36 and 2·19 ≡ 1 mod 37 swap back).
  // Every state p before the pair is reached by some 1-character prefix, so this enumeration covers all cases.
  it('adjacent transpositions: all detected except 36 state/pair combinations whose running sums are 18 and 19 (exhaustive)', () => {
    const step = (p: number, v: number): number => (2 * ((p + v) % 36 || 36)) % 37;
    const states = new Set<number>();
    const undetected: string[] = [];
    for (const x of A) {
      const p = step(36, A.indexOf(x));
      states.add(p);
      for (let a = 0; a < 36; a++) {
        for (let b = a + 1; b < 36; b++) {
          const body = x + A[a]! + A[b]!;
          const swapped = x + A[b]! + A[a]! + mod37_36(body);
          if (hybridIsValid(swapped)) {
            undetected.push(body);
            expect([(p + a) % 36, (p + b) % 36].sort()).toEqual([18, 19]);
          }
        }
      }
    }
    expect(states.size).toBe(36);
    expect(undetected.length).toBe(36);
  });

  it('swapping the last body character with the check character goes undetected in exactly 2 of 1260 cases', () => {
    let undetected = 0;
    let tried = 0;
    for (const x of A) {
      for (const a of A) {
        const c = mod37_36(x + a);
        if (c === a) continue;
        tried++;
        if (hybridIsValid(x + c + a)) undetected++;
      }
    }
    expect(tried).toBe(1260);
    expect(undetected).toBe(2);
  });
});
