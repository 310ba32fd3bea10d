import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../errors.js';
import { attr, child, childrenNamed, childText, decodeEntities, OFD_NS, parseXml } from './xml.js';

const limits = { maxBytes: 1 << 20, maxDepth: 16, maxElements: 1000 };
const parse = (s: string | Uint8Array, l = limits) => parseXml(typeof s === 'string' ? Buffer.from(s) : s, l, 'test.xml');

function throwsWith(f: () => unknown, cls: new (...a: never[]) => Error, re: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(cls);
  expect((err as Error).message).toMatch(re);
}

describe('parseXml', () => {
  const body = '<Signatures><MaxSignId>2</MaxSignId><Signature ID="1" BaseLoc="/a &amp; b"/><Signature ID="2"/></Signatures>';

  it.each([
    ['ofd: prefix', `<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:MaxSignId>2</ofd:MaxSignId><ofd:Signature ID="1" BaseLoc="/a &amp; b"/><ofd:Signature ID="2"/></ofd:Signatures>`],
    ['another prefix', `<x:Signatures xmlns:x="${OFD_NS}"><x:MaxSignId>2</x:MaxSignId><x:Signature ID="1" BaseLoc="/a &amp; b"/><x:Signature ID="2"/></x:Signatures>`],
    ['default namespace', body.replace('<Signatures>', `<Signatures xmlns="${OFD_NS}">`)],
    ['no namespace', body],
  ])('finds elements by name with %s', (_, xml) => {
    const root = parse(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
    expect(root.name).toBe('Signatures');
    expect(childText(root, 'MaxSignId')).toBe('2');
    const sigs = childrenNamed(root, 'Signature');
    expect(sigs.map((s) => attr(s, 'ID'))).toEqual(['1', '2']);
    expect(attr(sigs[0], 'BaseLoc')).toBe('/a & b');
  });

  it('ignores elements of a foreign namespace', () => {
    const root = parse(`<ofd:Signature xmlns:ofd="${OFD_NS}" xmlns:e="urn:evil"><e:SignedValue>/evil</e:SignedValue><ofd:SignedValue>/good</ofd:SignedValue></ofd:Signature>`);
    expect(childText(root, 'SignedValue')).toBe('/good');
    expect(child(root, 'SignedValue')?.ns).toBe(OFD_NS);
  });

  it('decodes the predefined entities and character references only; CDATA is literal', () => {
    const root = parse('<a><b>&lt;x&gt; &#x4E2D;&#25991; &unknown; <![CDATA[&amp;]]></b></a>');
    expect(childText(root, 'b')).toBe('<x> 中文 &unknown; &amp;');
    expect(decodeEntities('&#0; &#x110000; &#xD800;')).toBe('&#0; &#x110000; &#xD800;');
  });

  it('reads a UTF-8 BOM, UTF-16 and a GBK declaration', () => {
    expect(parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>中</a>')])).text).toBe('中');
    expect(parse(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>中</a>', 'utf16le')])).text).toBe('中');
    const gbk = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="GBK"?><a>'), Buffer.from([0xd6, 0xd0]), Buffer.from('</a>')]);
    expect(parse(gbk).text).toBe('中');
  });

  it('refuses any DOCTYPE or ENTITY declaration (billion laughs never reaches the parser)', () => {
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    throwsWith(() => parse(lol), FormatError, /DTD or entities/);
    throwsWith(() => parse('<!doctype a><a/>'), FormatError, /DTD or entities/);
    throwsWith(() => parse('<a><!ENTITY x "y"></a>'), FormatError, /DTD or entities/);
  });

  it('refuses malformed XML, several roots, unbound prefixes and invalid UTF-8', () => {
    throwsWith(() => parse('<a><b></a>'), FormatError, /not well-formed/);
    throwsWith(() => parse('<a/><b/>'), FormatError, /not well-formed|root/);
    throwsWith(() => parse('<p:a/>'), FormatError, /unbound namespace prefix "p"/);
    throwsWith(() => parse(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])), FormatError, /not valid text/);
    throwsWith(() => parse(''), FormatError, /not well-formed/);
  });

  it('enforces size, depth and element-count limits', () => {
    throwsWith(() => parse('<a>' + 'x'.repeat(100) + '</a>', { ...limits, maxBytes: 50 }), LimitError, /exceeds the 50-byte XML limit/);
    throwsWith(() => parse('<a>'.repeat(20) + '</a>'.repeat(20)), LimitError, /deeper than 16/);
    throwsWith(() => parse(`<a>${'<b/>'.repeat(1000)}</a>`), LimitError, /more than 1000 elements/);
  });

  it('refuses element names that would pollute object prototypes, without crashing', () => {
    throwsWith(() => parse('<a><__proto__ x="1"/></a>'), FormatError, /cannot be parsed|not well-formed/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
