// Bitstring entries and their encoding, against the W3C specification's example list and the bit order the spec
// defines (index 0 = most significant bit of the first byte), checked with node:zlib independently.
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../errors.js';
import { createBitstring, entryCount, readStatusEntry, writeStatusEntry } from './bitstring.js';
import { decodeBitstring } from './decode-bitstring.js';
import { encodeBitstring } from './encode-bitstring.js';

// W3C Bitstring Status List v1.0, example "BitstringStatusListCredential": 131 072 zero bits.
const SPEC_EMPTY = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';
// A published 1-bit test vector (ssi crate, "one revocation on index 1"): bit 1 set.
const ONE_BIT_1 = 'uH4sIAAAAAAAA_-3AsQAAAAACsNDypwqjZ2sAAAAAAAAAAAAAAAAAAACAtwE3F1_NAEAAAA';

describe('2-bit entries', () => {
  it('round-trips every value at both ends of a 131 072-entry list without touching neighbours', () => {
    const n = 131_072;
    const bits = createBitstring(n, 2);
    expect(bits.length).toBe(32 * 1024);
    expect(entryCount(bits, 2)).toBe(n);
    for (const i of [0, 1, 2, 3, 4, n - 4, n - 3, n - 2, n - 1]) {
      for (const v of [3, 1, 2, 0, 2]) {
        writeStatusEntry(bits, i, v, 2);
        expect(readStatusEntry(bits, i, 2)).toBe(v);
      }
    }
    // Last writes left value 2 at each of those indexes; everything else is still 0.
    const set = new Set([0, 1, 2, 3, 4, n - 4, n - 3, n - 2, n - 1]);
    const stray: number[] = [];
    for (let i = 0; i < n; i++) if (!set.has(i) && readStatusEntry(bits, i, 2) !== 0) stray.push(i);
    expect(stray).toEqual([]);
    for (const i of set) expect(readStatusEntry(bits, i, 2)).toBe(2);
  });

  it('lays entries out most significant bit first, as the W3C spec defines', () => {
    const bits = createBitstring(131_072, 2);
    writeStatusEntry(bits, 0, 2, 2); // 10xxxxxx
    writeStatusEntry(bits, 3, 1, 2); // xxxxxx01
    writeStatusEntry(bits, 131_071, 3, 2); // last two bits of the last byte
    expect(bits[0]).toBe(0b1000_0001);
    expect(bits[bits.length - 1]).toBe(0b0000_0011);
  });

  it('refuses out-of-range indexes and values', () => {
    const bits = createBitstring(16, 2);
    expect(() => readStatusEntry(bits, 16, 2)).toThrow(FormatError);
    expect(() => readStatusEntry(bits, -1, 2)).toThrow(FormatError);
    expect(() => readStatusEntry(bits, 1.5, 2)).toThrow(FormatError);
    expect(() => writeStatusEntry(bits, 0, 4, 2)).toThrow(FormatError);
    expect(() => createBitstring(0, 2)).toThrow(FormatError);
  });
});

describe('encodedList', () => {
  it('decodes the W3C example to 16 KB of zeros', () => {
    const bits = decodeBitstring(SPEC_EMPTY);
    expect(bits.length).toBe(16 * 1024);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it('reads a published vector with bit 1 set as 2-bit entry 0 = 1 (suspended)', () => {
    const bits = decodeBitstring(ONE_BIT_1);
    expect(readStatusEntry(bits, 0, 1)).toBe(0);
    expect(readStatusEntry(bits, 1, 1)).toBe(1);
    expect(readStatusEntry(bits, 0, 2)).toBe(1);
    expect(readStatusEntry(bits, 1, 2)).toBe(0);
  });

  it('encodes as multibase base64url GZIP that node:zlib reads back', () => {
    const bits = createBitstring(131_072, 2);
    writeStatusEntry(bits, 77_777, 2, 2);
    const enc = encodeBitstring(bits);
    expect(enc[0]).toBe('u');
    expect(enc.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new Uint8Array(gunzipSync(Buffer.from(enc.slice(1), 'base64url')))).toEqual(bits);
    expect(decodeBitstring(enc)).toEqual(bits);
  });

  it('a GZIP bomb stops at the limit with a LimitError', () => {
    // 64 MiB of zeros compress to ~64 KB; the default limit is 8 MiB.
    const bomb = `u${gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }).toString('base64url')}`;
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => decodeBitstring(bomb)).toThrow(LimitError);
    expect(() => decodeBitstring(SPEC_EMPTY, { maxBytes: 1000 })).toThrow(LimitError);
  });

  it('refuses what is not multibase base64url GZIP', () => {
    for (const bad of ['', 'H4sI', 'zABC', 'u', 'u!!!!', 'uAAAA', `u${Buffer.from('not gzip at all, plain').toString('base64url')}`, `${SPEC_EMPTY.slice(0, -10)}`]) {
      expect(() => decodeBitstring(bad), bad).toThrow(FormatError);
    }
    expect(() => decodeBitstring('u' + 'A'.repeat(100), { maxChars: 50 })).toThrow(LimitError);
  });

  it('hostile encodedLists only ever raise FormatError or LimitError', () => {
    const valid = encodeBitstring(createBitstring(131_072, 2));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.tuple(fc.nat(valid.length - 1), fc.string({ minLength: 1, maxLength: 3 })).map(([at, s]) => valid.slice(0, at) + s + valid.slice(at + s.length))), (text) => {
        try {
          decodeBitstring(text);
        } catch (e) {
          expect(e instanceof FormatError || e instanceof LimitError, String(e)).toBe(true);
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });
});
