import { describe, expect, it } from 'vitest';
import { FormatError, UnsupportedError } from '../errors.js';
import { addSignatureToList, addSignaturesToOfdXml, escapeXml, newSignatureList, newSignatureXml, scanTags } from './sign-xml.js';
import { child, childText, childrenNamed, parseXml, OFD_NS } from './xml.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const LIMITS = { maxBytes: 1 << 20, maxDepth: 64, maxElements: 10_000 };
const parse = (b: Uint8Array) => parseXml(b, LIMITS);

/** `after` is `before` with exactly `inserted` put in at one place: every other byte is unchanged. */
function expectInsertion(before: Uint8Array, after: Uint8Array, inserted: string): void {
  const a = Buffer.from(before);
  const b = Buffer.from(after);
  const ins = Buffer.from(inserted, 'utf8');
  expect(b.length).toBe(a.length + ins.length);
  let p = 0;
  while (p < a.length && a[p] === b[p]) p++;
  // The insertion point may be ambiguous when the inserted text repeats what follows; find one that fits.
  for (let q = p; q >= 0; q--) {
    if (b.subarray(q, q + ins.length).equals(ins) && b.subarray(0, q).equals(a.subarray(0, q)) && b.subarray(q + ins.length).equals(a.subarray(q))) return;
  }
  throw new Error(`not a pure insertion of ${inserted}`);
}

describe('escapeXml', () => {
  it('escapes markup characters and refuses characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(escapeXml('印章 R&W')).toBe('印章 R&amp;W');
    expect(() => escapeXml('a\u0001b')).toThrow(FormatError);
    // What we escape parses back to the original (attribute and text).
    const tricky = `<x> & "y" 'z' 印`;
    const root = parse(enc(`<r a="${escapeXml(tricky)}">${escapeXml(tricky)}</r>`));
    expect(root.attrs.a).toBe(tricky);
    expect(root.text).toBe(tricky);
  });
});

describe('scanTags', () => {
  it('skips comments, CDATA and processing instructions and tracks depth and byte offsets', () => {
    const xml = enc('<?xml version="1.0"?><!-- <a> --><r x="1>2"><![CDATA[<b></b>]]><中 y=\'/\'/><c>t</c></r>');
    const tags = scanTags(xml);
    expect(tags.map((t) => [t.kind, t.qname, t.depth])).toEqual([
      ['start', 'r', 1],
      ['empty', '中', 2],
      ['start', 'c', 2],
      ['end', 'c', 2],
      ['end', 'r', 1],
    ]);
    for (const t of tags) expect(xml[t.start]).toBe(0x3c);
    expect(dec(xml.subarray(tags[1]!.start, tags[1]!.end))).toBe("<中 y='/'/>");
  });

  it('refuses a DTD', () => {
    expect(() => scanTags(enc('<!DOCTYPE r [<!ENTITY a "b">]><r/>'))).toThrow(FormatError);
  });
});

const OFD_XML = enc(
  '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID><!-- </ofd:DocBody> --></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody><ofd:DocBody><ofd:DocRoot>Doc_1/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
);

describe('addSignaturesToOfdXml', () => {
  it('inserts <ofd:Signatures> as the last child of the first DocBody and changes nothing else', () => {
    const out = addSignaturesToOfdXml(OFD_XML, '/Doc_0/Signs/Signatures.xml');
    expectInsertion(OFD_XML, out, '<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures>');
    const bodies = childrenNamed(parse(out), 'DocBody');
    expect(bodies[0]!.children.map((c) => c.name)).toEqual(['DocInfo', 'DocRoot', 'Signatures']);
    expect(childText(bodies[0], 'Signatures')).toBe('/Doc_0/Signs/Signatures.xml');
    expect(child(bodies[0], 'Signatures')!.ns).toBe(OFD_NS);
    expect(child(bodies[1], 'Signatures')).toBeUndefined();
  });

  it('uses the prefix of the document (a default namespace, another prefix)', () => {
    const plain = enc(`<OFD xmlns="${OFD_NS}"><DocBody><DocRoot>a.xml</DocRoot></DocBody></OFD>`);
    const a = parse(addSignaturesToOfdXml(plain, 'S.xml'));
    expect(child(child(a, 'DocBody'), 'Signatures')!.ns).toBe(OFD_NS);
    const other = enc(`<o:OFD xmlns:o="${OFD_NS}"><o:DocBody><o:DocRoot>a.xml</o:DocRoot></o:DocBody></o:OFD>`);
    const out = dec(addSignaturesToOfdXml(other, 'S.xml'));
    expect(out).toContain('<o:Signatures>S.xml</o:Signatures></o:DocBody>');
    expect(child(child(parse(enc(out)), 'DocBody'), 'Signatures')!.ns).toBe(OFD_NS);
  });

  it('refuses what it cannot edit safely', () => {
    expect(() => addSignaturesToOfdXml(enc(`<ofd:OFD xmlns:ofd="${OFD_NS}"/>`), 'S.xml')).toThrow(FormatError);
    expect(() => addSignaturesToOfdXml(enc(`<ofd:OFD xmlns:ofd="${OFD_NS}"><ofd:DocBody><ofd:DocRoot>a</ofd:DocRoot><ofd:Signatures/></ofd:DocBody></ofd:OFD>`), 'S.xml')).toThrow(FormatError);
    expect(() => addSignaturesToOfdXml(enc(`<?xml version="1.0" encoding="GBK"?><OFD><DocBody/></OFD>`), 'S.xml')).toThrow(UnsupportedError);
    expect(() => addSignaturesToOfdXml(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]), 'S.xml')).toThrow(UnsupportedError);
  });
});

describe('addSignatureToList', () => {
  const entry = { id: '9', type: 'Seal' as const, baseLoc: '/Doc_0/Signs/Sign_1/Signature.xml' };
  const NEW = '<ofd:Signature ID="9" Type="Seal" BaseLoc="/Doc_0/Signs/Sign_1/Signature.xml"/>';

  it('appends after the last Signature and replaces the MaxSignId text in place', () => {
    const before = enc(`<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:MaxSignId>6</ofd:MaxSignId><ofd:Signature ID="5" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/></ofd:Signatures>`);
    const out = addSignatureToList(before, entry, '10');
    expect(dec(out)).toBe(dec(before).replace('>6<', '>10<').replace('</ofd:Signatures>', `${NEW}</ofd:Signatures>`));
    const root = parse(out);
    expect(childText(root, 'MaxSignId')).toBe('10');
    expect(childrenNamed(root, 'Signature').map((s) => s.attrs.ID)).toEqual(['5', '9']);
  });

  it('keeps the list together when MaxSignId comes after it (ofdrw 2.x order)', () => {
    const before = enc(`<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:Signature ID="1" Type="Seal" BaseLoc="/a"/><ofd:MaxSignId>2</ofd:MaxSignId></ofd:Signatures>`);
    const out = dec(addSignatureToList(before, entry, '10'));
    expect(out).toBe(`<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:Signature ID="1" Type="Seal" BaseLoc="/a"/>${NEW}<ofd:MaxSignId>10</ofd:MaxSignId></ofd:Signatures>`);
  });

  it('adds MaxSignId when absent, fills an empty one, and opens an empty list', () => {
    const none = dec(addSignatureToList(enc(`<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:Signature ID="1" BaseLoc="/a"/></ofd:Signatures>`), entry, '3'));
    expect(none).toBe(`<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:MaxSignId>3</ofd:MaxSignId><ofd:Signature ID="1" BaseLoc="/a"/>${NEW}</ofd:Signatures>`);
    const empty = dec(addSignatureToList(enc(`<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:MaxSignId/></ofd:Signatures>`), entry, '3'));
    expect(empty).toBe(`<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:MaxSignId>3</ofd:MaxSignId>${NEW}</ofd:Signatures>`);
    const closed = dec(addSignatureToList(enc(`<ofd:Signatures xmlns:ofd="${OFD_NS}" />`), entry, '3'));
    expect(closed).toBe(`<ofd:Signatures xmlns:ofd="${OFD_NS}" ><ofd:MaxSignId>3</ofd:MaxSignId>${NEW}</ofd:Signatures>`);
    expect(childrenNamed(parse(enc(closed)), 'Signature')).toHaveLength(1);
  });

  it('refuses a part that is not a signature list', () => {
    expect(() => addSignatureToList(enc('<ofd:Signature xmlns:ofd="x"/>'), entry, '1')).toThrow(FormatError);
  });
});

describe('new parts', () => {
  it('newSignatureList and newSignatureXml parse back to what they were given', () => {
    const list = parse(newSignatureList({ id: '5', type: 'Seal', baseLoc: '/Doc_0/Signs/Sign_0/Signature.xml' }, '6'));
    expect(list.ns).toBe(OFD_NS);
    expect(childText(list, 'MaxSignId')).toBe('6');
    expect(child(list, 'Signature')!.attrs).toMatchObject({ ID: '5', Type: 'Seal', BaseLoc: '/Doc_0/Signs/Sign_0/Signature.xml' });

    const xml = newSignatureXml({
      provider: { name: 'heyan & co', company: '核验', version: '1' },
      signatureMethod: '1.2.156.10197.1.501',
      signatureDateTime: '2026-01-15T08:00:00Z',
      checkMethod: '1.2.156.10197.1.401',
      references: [{ fileRef: '/Doc_0/页 1.xml', checkValue: 'AAA=' }],
      stampAnnots: [{ id: '6', pageRef: '1', boundary: '1 2 3 4' }],
      sealLoc: '/Doc_0/Signs/Sign_0/Seal.esl',
      signedValueLoc: '/Doc_0/Signs/Sign_0/SignedValue.dat',
    });
    expect(dec(xml).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signature xmlns:ofd="http://www.ofdspec.org/2016">')).toBe(true);
    const sig = parse(xml);
    const info = child(sig, 'SignedInfo')!;
    // GB/T 33190 order: Provider, SignatureMethod, SignatureDateTime, References, StampAnnot, Seal; then SignedValue.
    expect(info.children.map((c) => c.name)).toEqual(['Provider', 'SignatureMethod', 'SignatureDateTime', 'References', 'StampAnnot', 'Seal']);
    expect(sig.children.map((c) => c.name)).toEqual(['SignedInfo', 'SignedValue']);
    expect(child(info, 'Provider')!.attrs).toMatchObject({ ProviderName: 'heyan & co', Company: '核验', Version: '1' });
    expect(child(child(info, 'References'), 'Reference')!.attrs.FileRef).toBe('/Doc_0/页 1.xml');
  });
});
