// The strict JSON reader agrees with JSON.parse on every valid document without duplicate names (fast-check), and
// refuses what JSON.parse lets through: duplicate members, excessive depth, invalid UTF-8; "__proto__" stays data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../errors.js';
import { parseJson, parseJsonBytes } from './json.js';

describe('parseJson', () => {
  it('equals JSON.parse on random documents', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        expect(parseJson(text, 't', { maxDepth: 100 })).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
  it('reads escapes, surrogate pairs and numbers as JSON.parse does', () => {
    const t = '{"a":"\\u00e9\\n\\"\\/\\ud83d\\ude00","b":[-0.5e-3,1E2,0,true,false,null],"c":{}}';
    expect(parseJson(t, 't')).toEqual(JSON.parse(t));
  });
  it('keeps "__proto__" as an own member and never touches the prototype', () => {
    const o = parseJson('{"__proto__":{"polluted":1},"x":1}', 't') as Record<string, unknown>;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__', 'x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it.each(['{"a":1,"a":2}', '{"a":1,}', '[1,]', '01', '1.', '"\u0001"', "{'a':1}", 'NaN', '1e999', '[1] x', '"\\x"', '"\\u12"', ''])('refuses %j', (t) => {
    expect(() => parseJson(t, 't')).toThrow(FormatError);
  });
  it('limits depth; bytes must be UTF-8 without BOM', () => {
    expect(() => parseJson('['.repeat(33) + ']'.repeat(33), 't')).toThrow(LimitError);
    expect(parseJson('['.repeat(32) + ']'.repeat(32), 't')).toBeDefined();
    expect(() => parseJsonBytes(Uint8Array.of(0x22, 0xc3, 0x22), 't')).toThrow(/UTF-8/);
    expect(() => parseJsonBytes(Uint8Array.of(0xef, 0xbb, 0xbf, 0x31), 't')).toThrow(FormatError);
  });
});
