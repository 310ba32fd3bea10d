// The content-stream tokenizer: operand kinds, string escapes (against ISO 32000-1 7.3.4), inline images skipped,
// stray delimiters, and every limit ending the scan instead of hanging or throwing.
import { describe, expect, it } from 'vitest';
import { scanContent, type Operand } from './content-lexer.js';

const L = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const limits = () => ({ budget: { operators: 1000 }, maxOperands: 100, maxDepth: 8 });
function ops(s: string | Uint8Array, lim = limits()): { list: [string, Operand[]][]; stopped?: string } {
  const list: [string, Operand[]][] = [];
  const r = scanContent(typeof s === 'string' ? L(s) : s, (op, args) => {
    list.push([op, args]);
  }, lim);
  return { list, ...(r.stopped ? { stopped: r.stopped } : {}) };
}
const str = (o: Operand | undefined): string => (o?.t === 'str' ? Buffer.from(o.v).toString('latin1') : `<${o?.t}>`);

describe('scanContent', () => {
  it('operators with their operands: numbers, names (#xx), hex and literal strings, arrays, dictionaries, booleans', () => {
    const { list } = ops('BT /F#31 12 Tf -3.5 .5 +2 Td [(a) -120 <4142 4>] TJ /P <</MCID 3 /A [1 2]>> BDC true false null x ET');
    expect(list.map(([op]) => op)).toEqual(['BT', 'Tf', 'Td', 'TJ', 'BDC', 'x', 'ET']);
    expect(list[1]![1]).toEqual([{ t: 'name', v: 'F1' }, { t: 'num', v: 12, int: true }]);
    expect(list[2]![1]).toEqual([{ t: 'num', v: -3.5, int: false }, { t: 'num', v: 0.5, int: false }, { t: 'num', v: 2, int: true }]);
    const tj = list[3]![1][0]!;
    expect(tj.t === 'array' && tj.v.map(str)).toEqual(['a', '<num>', 'AB@']);
    const bdc = list[4]![1][1]!;
    expect(bdc.t === 'dict' && [...bdc.v.keys()]).toEqual(['MCID', 'A']);
    expect(list[5]![1].map((o) => o.t)).toEqual(['bool', 'bool', 'null']);
  });

  it('R is an operator like any other (no references in content); a word that starts like a number is read by Number()', () => {
    const { list } = ops('1 0 R 1e2 0x10 1.2.3 - Do');
    expect(list.map(([op, a]) => [op, a.map((o) => (o.t === 'num' ? o.v : o.t))])).toEqual([['R', [1, 0]], ['Do', [100, 16, 0, 0]]]);
  });

  it('literal strings: escapes, octal, balanced parentheses, line continuation, CR LF as LF', () => {
    const { list } = ops('(a\\n\\r\\t\\b\\f\\(\\)\\\\) Tj (\\101\\0615\\7) Tj (x(y)z) Tj (ab\\\ncd) Tj (p\r\nq) Tj');
    expect(list.map(([, a]) => str(a[0]))).toEqual(['a\n\r\t\b\f()\\', 'A15\x07', 'x(y)z', 'abcd', 'p\nq']);
  });

  it('inline images are skipped, their bytes never read as operators', () => {
    const img = Buffer.concat([L('q BI /W 4 /H 1 /CS /G /BPC 8 ID '), Buffer.from([0x54, 0x6a, 0x28, 0x29, 0x0a]), L('\nEI Q (after) Tj')]);
    expect(ops(new Uint8Array(img)).list.map(([op]) => op)).toEqual(['q', 'Q', 'Tj']);
  });

  it('comments and stray delimiters are skipped; an unterminated string or array ends at the end of data', () => {
    expect(ops('% comment Tj\n] ) } (x) Tj > { >> (y) Tj').list.map(([, a]) => str(a[0]))).toEqual(['x', 'y']);
    expect(ops('[(a) (b').list).toEqual([]);
    expect(ops('(never closed Tj').list).toEqual([]);
    expect(ops('<< /A >> /N Do').list.map(([op]) => op)).toEqual(['Do']);
  });

  it('limits: operators, operands, nesting — each stops the scan with a reason', () => {
    expect(ops('q Q '.repeat(2000)).stopped).toBe('operator limit');
    expect(ops('1 '.repeat(500) + 'x').stopped).toBe('operand limit');
    expect(ops('['.repeat(100_000)).stopped).toBe('nesting limit');
    expect(ops('<<'.repeat(100_000)).stopped).toBe('nesting limit');
    // The budget is shared: a second scan with the same object starts where the first ended.
    const lim = { budget: { operators: 3 }, maxOperands: 100, maxDepth: 8 };
    expect(ops('a b', lim).stopped).toBeUndefined();
    expect(ops('c d', lim).stopped).toBe('operator limit');
  });

  it('the callback can stop the scan', () => {
    let n = 0;
    expect(scanContent(L('a b c'), () => ++n < 2, limits())).toEqual({ stopped: 'stopped by caller' });
    expect(n).toBe(2);
  });
});
