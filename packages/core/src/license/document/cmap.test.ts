// ToUnicode CMaps: codespace-driven code lengths, bfchar, bfrange (incrementing and array forms), UTF-16 surrogate
// pairs, unmapped codes, and the limits (size, mappings) for hostile CMaps.
import { describe, expect, it } from 'vitest';
import { parseToUnicode } from './cmap.js';
import { MAX_CMAP_BYTES, MAX_CMAP_ENTRIES } from './limits.js';

const L = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const wrap = (body: string): Uint8Array =>
  L(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n${body}\nendcmap CMapName currentdict /CMap defineresource pop end end`);
const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s/g, ''), 'hex'));

describe('parseToUnicode', () => {
  it('bfchar and bfrange (incrementing, array), two-byte codes, a surrogate pair', () => {
    const { cmap, problems } = parseToUnicode(
      wrap('1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0001> <4E2D> <0002> <D83DDE00> endbfchar\n2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<0078> <00790079>] endbfrange'),
      2,
    );
    expect(problems).toEqual([]);
    expect(cmap.entries).toBe(4);
    expect(cmap.decode(hex('0001 0002 0010 0011 0012 0020 0021'))).toBe('中😀ABCxyy');
    expect(cmap.decode(hex('0003'))).toBe('\uFFFD');
  });

  it('mixed code lengths by codespace: one byte 00–7F, two bytes 8000–FFFF', () => {
    const { cmap } = parseToUnicode(wrap('2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange\n2 beginbfchar <41> <0061> <8141> <4E00> endbfchar'), 2);
    expect(cmap.decode(hex('41 8141 41'))).toBe('a一a');
  });

  it('no codespace: the font kind decides (2 bytes for Type0, 1 for simple fonts)', () => {
    const body = wrap('1 beginbfchar <0041> <0042> endbfchar 1 beginbfchar <41> <0043> endbfchar');
    expect(parseToUnicode(body, 2).cmap.decode(hex('0041'))).toBe('B');
    expect(parseToUnicode(body, 1).cmap.decode(hex('41'))).toBe('C');
  });

  it('hostile: more mappings than the limit are cut with a problem; an oversized stream is not read', () => {
    const many = Array.from({ length: MAX_CMAP_ENTRIES + 10 }, (_, i) => `<${i.toString(16).padStart(6, '0')}><0041>`);
    const chunks: string[] = [];
    for (let i = 0; i < many.length; i += 100) chunks.push(`100 beginbfchar ${many.slice(i, i + 100).join('')} endbfchar`);
    const r = parseToUnicode(wrap(`1 begincodespacerange <000000> <FFFFFF> endcodespacerange ${chunks.join('\n')}`), 3);
    expect(r.problems.join()).toMatch(/more than 70000 mappings/);
    expect(r.cmap.entries).toBeLessThanOrEqual(MAX_CMAP_ENTRIES);
    const big = parseToUnicode(new Uint8Array(MAX_CMAP_BYTES + 1), 2);
    expect(big.problems.join()).toMatch(/not read/);
    expect(big.cmap.decode(hex('0041'))).toBe('\uFFFD');
  });

  it('a huge bfrange is kept as one range (not expanded), looked up by binary search', () => {
    const { cmap } = parseToUnicode(wrap('1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange 1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange'), 4);
    expect(cmap.entries).toBe(1);
    expect(cmap.decode(hex('00000001'))).toBe('B');
  });

  it('usecmap is reported, malformed entries are ignored', () => {
    const r = parseToUnicode(wrap('/Adobe-GB1-UCS2 usecmap 2 beginbfchar <0001> /space <0002> <0043> endbfchar 1 beginbfrange <0005> <0001> <0041> endbfrange'), 2);
    expect(r.problems).toEqual(['ToUnicode CMap uses the CMap Adobe-GB1-UCS2, which is not read']);
    expect(r.cmap.entries).toBe(1);
  });
});
