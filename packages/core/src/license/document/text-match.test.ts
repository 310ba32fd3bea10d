// The page-text rule: white space ignored, values wrapped over items, a value starts an item (or follows a colon or
// its label) and ends one (or is followed by its unit); date fields in Chinese or dotted forms. And the XMP
// identifier reader (element and attribute forms, any prefix bound to the namespace).
import { describe, expect, it } from 'vitest';
import { exampleRecord } from '../example.js';
import { xmpIdentifiers } from './pdf-embedded.js';
import { expectedValues, glyphText, missingValues, PageText, sameGlyphText, type ExpectedValue } from './text-match.js';

const v = (value: string, o: Partial<ExpectedValue> = {}): ExpectedValue => ({ key: 'k', label: { zh: '名称', en: 'Name' }, labels: ['名称', 'Name'], value, variants: [value], ...o });

describe('PageText.shows', () => {
  it('a value that is an item, or items in a row (wrapped), white space ignored', () => {
    const p = new PageText(['标题', '福州示例科技', '有限公司', '福建省福州市 鼓楼区', '示例路1号']);
    expect(p.shows(v('福州示例科技有限公司'))).toBe(true);
    expect(p.shows(v('福建省福州市鼓楼区示例路 1 号'))).toBe(true);
  });

  it('inside another value is not shown: a superstring or a different prefix', () => {
    const p = new PageText(['张三丰', '李张三']);
    expect(p.shows(v('张三'))).toBe(false);
    expect(new PageText(['张三', '丰']).shows(v('张三'))).toBe(true);
  });

  it('after a colon or its own label in the same item; followed by its unit', () => {
    expect(new PageText(['编号：91350100M000100Y43']).shows(v('91350100M000100Y43'))).toBe(true);
    expect(new PageText(['No.: 91350100M000100Y43']).shows(v('91350100M000100Y43'))).toBe(true);
    expect(new PageText(['名称 福州示例']).shows(v('福州示例'))).toBe(true);
    expect(new PageText(['旧名称福州示例']).shows(v('福州示例'))).toBe(true); // ends with the label 名称
    expect(new PageText(['其他福州示例']).shows(v('福州示例'))).toBe(false);
    expect(new PageText(['500 万元']).shows(v('500', { suffix: '万元' }))).toBe(true);
    expect(new PageText(['5000 万元']).shows(v('500', { suffix: '万元' }))).toBe(false);
    expect(new PageText(['500 元']).shows(v('500', { suffix: '万元' }))).toBe(false);
  });

  it('expected values of a record: number, holder, codes, issuer, identifier, every surface value; date variants', () => {
    const r = exampleRecord('营业执照');
    const e = expectedValues(r);
    expect(e.map((x) => x.key)).toEqual([
      'certificateNumber',
      'certificateHolder',
      'certificateHolderCode',
      'issueDept',
      'certificateIdentifier',
      'surface.entityType',
      'surface.legalRepresentative',
      'surface.registeredCapital',
      'surface.establishedDate',
      'surface.address',
      'surface.businessScope',
    ]);
    const date = e.find((x) => x.key === 'surface.establishedDate')!;
    expect(date.variants).toEqual(['2016-05-10', '2016年05月10日', '2016年5月10日', '2016.05.10', '2016/05/10']);
    expect(e.find((x) => x.key === 'surface.registeredCapital')?.suffix).toBe('万元');
    for (const shown of ['2016年5月10日', '2016.05.10']) expect(missingValues(['成立日期', shown], [date])).toEqual([]);
    expect(missingValues(['成立日期', '2016年05月11日'], [date])).toEqual([date]);
  });
});

describe('sameGlyphText: may an /ActualText stand for the glyphs drawn?', () => {
  it('yes where one glyph stands for both characters: space / U+00A0, hyphen / U+2011, minus / fullwidth hyphen-minus', () => {
    expect(sameGlyphText('示例路\u00a01\u00a0号', '示例路 1 号')).toBe(true);
    expect(sameGlyphText('福州示例\u2011科技', '福州示例-科技')).toBe(true);
    expect(sameGlyphText('福州示例-科技', '福州示例\u2011科技')).toBe(true);
    expect(sameGlyphText('\u2212\uff0d', '\uff0d\u2212')).toBe(true);
    expect(sameGlyphText('\u2013', '\u2012')).toBe(true);
  });

  it('yes for radicals drawn as their ideograph and compatibility ideographs (canonically the same)', () => {
    expect(sameGlyphText('\u2e85', '\u4ebb')).toBe(true); // ⺅ / 亻 (CJK Radicals Supplement)
    expect(sameGlyphText('\u2f08', '\u4eba')).toBe(true); // ⼈ / 人 (Kangxi radical)
    expect(sameGlyphText('\uf902', '\u8eca')).toBe(true); // 車 compatibility ideograph / 車
    expect(glyphText(' 张 三 ')).toBe('张三');
  });

  it('no for any other text: another name, a superset, text over no glyphs, look-alikes that are other glyphs', () => {
    expect(sameGlyphText('福州示例科技有限公司', '厦门另一家贸易有限公司')).toBe(false);
    expect(sameGlyphText('福州示例科技有限公司', '福州示例科技')).toBe(false);
    expect(sameGlyphText('福州示例科技有限公司', '')).toBe(false);
    expect(sameGlyphText('1', '\u2460')).toBe(false); // ① is not 1 on paper (NFKC would say it is)
    expect(sameGlyphText('A', '\uff21')).toBe(false); // fullwidth Ａ: another glyph
    expect(sameGlyphText('-', '\u2014')).toBe(false); // em dash
    expect(sameGlyphText('\u2e85', '\u4eba')).toBe(false); // ⺅ is not 人
    expect(sameGlyphText(' ', '')).toBe(true); // white space alone: nothing to hide
  });
});

describe('xmpIdentifiers', () => {
  it('element and attribute forms, under any prefix bound to urn:heyan:license:1.0; entities decoded', () => {
    expect(xmpIdentifiers('<x xmlns:hy="urn:heyan:license:1.0"><hy:identifier>1.2.3&amp;x</hy:identifier></x>')).toEqual(['1.2.3&x']);
    expect(xmpIdentifiers(`<rdf:Description xmlns:lic='urn:heyan:license:1.0' lic:identifier="A.B"/>`)).toEqual(['A.B']);
    expect(xmpIdentifiers('<x xmlns:hy="urn:other"><hy:identifier>1</hy:identifier></x>')).toEqual([]);
    expect(xmpIdentifiers('<x xmlns:hy="urn:heyan:license:1.0"><hy:identifier> </hy:identifier></x>')).toEqual([]);
  });
});
