// serializeObj against the document model's own parser: every value written parses back to the same decoded value
// (names with # escapes, literal/hex strings with any bytes, reals without exponent, refs, nesting). Property-based.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PdfObj } from '../document/types.js';
import { parseValueAt } from '../document/value.js';
import { serializeObj } from './serialize.js';

const LIMITS = { maxBytes: 1 << 24, maxDepth: 200, maxValues: 1_000_000 };
const parse = (s: string): PdfObj => {
  const bytes = Buffer.from(`${s} `, 'latin1');
  const r = parseValueAt(bytes, 0, LIMITS, undefined, false);
  if (!r) throw new Error(`does not parse: ${s}`);
  return r.obj;
};
/** Compare decoded values only (the writer picks literal or hex as it was read; both decode the same). */
const norm = (o: PdfObj): unknown => {
  switch (o.t) {
    case 'str': return { str: Buffer.from(o.v).toString('hex') };
    case 'array': return o.v.map(norm);
    case 'dict': return Object.fromEntries([...o.v].map(([k, v]) => [`/${k}`, norm(v)]));
    case 'num': return { num: o.v };
    default: return o;
  }
};

const latin1Name = fc.string({ unit: fc.integer({ min: 1, max: 255 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 });
const bytes = fc.uint8Array({ maxLength: 40 });
const leaf: fc.Arbitrary<PdfObj> = fc.oneof(
  fc.constant<PdfObj>({ t: 'null' }),
  fc.boolean().map((v): PdfObj => ({ t: 'bool', v })),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((v): PdfObj => ({ t: 'num', v, int: true })),
  // Reals as a reader keeps them: up to 6 decimals.
  fc.integer({ min: -1e12, max: 1e12 }).map((n): PdfObj => ({ t: 'num', v: n / 1e6, int: false })),
  latin1Name.map((v): PdfObj => ({ t: 'name', v })),
  fc.tuple(bytes, fc.boolean()).map(([v, hex]): PdfObj => ({ t: 'str', v, hex })),
  fc.tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 0, max: 65535 })).map(([num, gen]): PdfObj => ({ t: 'ref', num, gen })),
);
const obj = fc.letrec<{ o: PdfObj }>((tie) => ({
  o: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('o'), { maxLength: 5 }).map((v): PdfObj => ({ t: 'array', v })),
    fc.uniqueArray(fc.tuple(latin1Name, tie('o')), { maxLength: 5, selector: (e) => e[0] }).map((e): PdfObj => ({ t: 'dict', v: new Map(e) })),
  ),
})).o;

describe('serializeObj', () => {
  it('round-trips through the document model parser (property)', () => {
    fc.assert(
      fc.property(obj, (o) => {
        expect(norm(parse(serializeObj(o)))).toEqual(norm(o));
      }),
      { numRuns: 500 },
    );
  });

  it('escapes delimiters in names and strings; numbers never use an exponent', () => {
    expect(serializeObj({ t: 'name', v: 'A B/C#(x)' })).toBe('/A#20B#2FC#23#28x#29');
    expect(serializeObj({ t: 'str', v: Buffer.from('a)b(c\\\r\n\0', 'latin1'), hex: false })).toBe('(a\\)b\\(c\\\\\\015\\012\\000)');
    expect(serializeObj({ t: 'str', v: Buffer.from('/Contents <', 'latin1'), hex: true })).toBe('<2F436F6E74656E7473203C>');
    expect(serializeObj({ t: 'num', v: 1e-7, int: false })).toBe('0.0000001');
    expect(serializeObj({ t: 'num', v: 1e21, int: false })).not.toMatch(/e/);
    expect(serializeObj({ t: 'num', v: 12345678901234, int: true })).toBe('12345678901234');
  });

  it('refuses streams (the signer never rewrites one)', () => {
    expect(() => serializeObj({ t: 'stream', dict: new Map(), dataStart: 0, dataLength: 0 })).toThrow(/streams/);
  });
});
