// Base45 against the RFC 9285 examples (sections 4.3 and 4.4), round trips of random bytes, and the invalid forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../errors.js';
import { base45Decode, base45Encode } from './base45.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('RFC 9285 vectors', () => {
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ])('%s ↔ %s', (plain, encoded) => {
    expect(base45Encode(ascii(plain))).toBe(encoded);
    expect(new TextDecoder().decode(base45Decode(encoded))).toBe(plain);
  });
  it('FGW is 65535 (the largest triple; GGW = 65536 is invalid); the empty string is empty', () => {
    expect([...base45Decode('FGW')]).toEqual([255, 255]);
    expect(base45Encode(Uint8Array.of(255, 255))).toBe('FGW');
    expect(base45Decode('')).toEqual(new Uint8Array(0));
  });
});

describe('invalid input', () => {
  it.each(['GGW', 'GGX', 'ZZZ', ':::', '66', 'A', 'ABCD', 'aBC', 'AB=', 'É00'])('%s → FormatError', (s) => {
    expect(() => base45Decode(s)).toThrow(FormatError);
  });
});

it('round-trips any bytes and uses only the alphabet', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      const e = base45Encode(b);
      expect(e).toMatch(/^[0-9A-Z $%*+\-./:]*$/);
      expect(e.length).toBe(Math.floor(b.length / 2) * 3 + (b.length % 2) * 2);
      expect(base45Decode(e)).toEqual(b);
    }),
  );
});
