// CBOR subset against RFC 8949 Appendix A examples, deterministic map order (section 4.2.1), and the strict decoder's
// refusals (non-shortest heads, indefinite lengths, duplicates, floats, trailing bytes, depth).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../../errors.js';
import { CborTagged, cborDecode, cborEncode, type CborValue } from './cbor.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

describe('RFC 8949 Appendix A', () => {
  const vectors: [CborValue, string][] = [
    [0, '00'],
    [1, '01'],
    [10, '0a'],
    [23, '17'],
    [24, '1818'],
    [25, '1819'],
    [100, '1864'],
    [1000, '1903e8'],
    [1000000, '1a000f4240'],
    [1000000000000, '1b000000e8d4a51000'],
    [Number.MAX_SAFE_INTEGER, '1b001fffffffffffff'],
    [-1, '20'],
    [-10, '29'],
    [-100, '3863'],
    [-1000, '3903e7'],
    [new Uint8Array(0), '40'],
    [Uint8Array.of(1, 2, 3, 4), '4401020304'],
    ['', '60'],
    ['a', '6161'],
    ['IETF', '6449455446'],
    ['"\\', '62225c'],
    ['\u00fc', '62c3bc'],
    ['\u6c34', '63e6b0b4'],
    ['\ud800\udd51', '64f0908591'],
    [[], '80'],
    [[1, 2, 3], '83010203'],
    [[1, [2, 3], [4, 5]], '8301820203820405'],
    [Array.from({ length: 25 }, (_, i) => i + 1), '98190102030405060708090a0b0c0d0e0f101112131415161718181819'],
    [new Map(), 'a0'],
    [new Map([[1, 2], [3, 4]]), 'a201020304'],
    [new Map<string, CborValue>([['a', 1], ['b', [2, 3]]]), 'a26161016162820203'],
    [['a', new Map([['b', 'c']])], '826161a161626163'],
    [new CborTagged(1, 1363896240), 'c11a514b67b0'],
  ];
  it.each(vectors.map(([v, h]) => [h, v] as const))('%s', (h, v) => {
    expect(hex(cborEncode(v))).toBe(h);
    expect(cborDecode(unhex(h))).toEqual(v);
  });
});

describe('deterministic encoding', () => {
  it('sorts map keys by their encoded bytes (RFC 8949 4.2.1), whatever the insertion order', () => {
    const m = new Map<number | string, CborValue>([['b', 1], [10, 2], [-1, 3], ['aa', 4], [100, 5], [1, 6]]);
    // Encoded keys: 01, 0a, 1864, 20, 6162, 626161.
    expect(hex(cborEncode(m))).toBe('a601060a02186405200361620162616104');
  });
  it('round-trips random values', () => {
    const leaf = fc.oneof(fc.maxSafeInteger(), fc.string(), fc.uint8Array());
    const value = fc.letrec<{ v: CborValue }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 5 }), fc.array(fc.tuple(fc.integer(), tie('v')), { maxLength: 5 }).map((e) => new Map(e))),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(cborDecode(cborEncode(v), { maxDepth: 64 })).toEqual(v);
      }),
    );
  });
});

describe('strict decoding', () => {
  it.each([
    ['1817', 'non-shortest'],
    ['190017', 'non-shortest'],
    ['1a0000ffff', 'non-shortest'],
    ['1b00000000ffffffff', 'non-shortest'],
    ['5f42010243030405ff', 'indefinite'],
    ['9fff', 'indefinite'],
    ['a201020103', 'duplicate'],
    ['f93c00', 'floats'],
    ['f5', 'floats'],
    ['0000', 'trailing'],
    ['62c3', 'truncated'],
    ['62ffff', 'UTF-8'],
    ['a1800102', 'keys'],
    ['1c', 'reserved'],
  ])('%s → %s', (h, why) => {
    expect(() => cborDecode(unhex(h))).toThrow(new RegExp(why));
  });
  it('limits depth, counts and integer range', () => {
    expect(() => cborDecode(unhex('8181818181818181818100'))).toThrow(LimitError);
    expect(() => cborDecode(unhex('9864' + '00'.repeat(100)))).toThrow(LimitError);
    expect(() => cborDecode(unhex('1b0020000000000000'))).toThrow(LimitError);
    expect(() => cborDecode(unhex('5affffffff'))).toThrow(FormatError);
  });
});
