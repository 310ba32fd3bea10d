// writeOfd: the package re-opens with our reader (openOfd, readDocumentStructure) and, independently, with Python's
// zipfile and ElementTree (every XML part well-formed, every element in the OFD namespace); IDs, references and
// positions are what the input asked for; hostile and odd input is refused with the right error or written
// faithfully; output is deterministic.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../../errors.js';
import { renderQr } from '../../credential/index.js';
import { subsetFont } from '../../font/index.js';
import { readDocumentStructure } from '../document.js';
import { openOfd, type OfdPackage } from '../package.js';
import { pageTexts } from '../test-support.js';
import { attr, child, childrenNamed, OFD_NS, type XmlElement } from '../xml.js';
import { readZip } from '../zip-read.js';
import { DEFAULT_OFD_LIMITS } from '../limits.js';
import { OFD_WRITE_LIMITS } from './limits.js';
import { placeText } from './place-text.js';
import type { OfdObjectInput, OfdWriteInput } from './types.js';
import { writeOfd } from './write-ofd.js';

const CREATED = new Date('2026-03-01T10:00:00Z');
const tmp = mkdtempSync(join(tmpdir(), 'heyan-ofdwrite-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let font: Uint8Array;
let qrPng: Uint8Array;
let full: Uint8Array;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const OBJECTS: OfdObjectInput[] = [
  { kind: 'text', font: 'r', sizeMm: 5, xMm: 105, yMm: 30, text: '营业执照', align: 'center', color: [0.6, 0, 0], name: 'title' },
  { kind: 'text', font: 'r', sizeMm: 3.5, xMm: 20, yMm: 50, text: '名称 <&>"\' 福州示例科技有限公司', name: 'value:certificateHolder' },
  { kind: 'text', font: 'r', sizeMm: 3.5, xMm: 190, yMm: 60, text: '91350100M000100Y43', align: 'right' },
  { kind: 'line', x1Mm: 20, y1Mm: 70, x2Mm: 190, y2Mm: 70, widthMm: 0.3, color: [0, 0, 0] },
  { kind: 'rect', xMm: 10, yMm: 10, wMm: 190, hMm: 277, stroke: { widthMm: 0.5, color: [0.8, 0.1, 0.1] } },
  { kind: 'rect', xMm: 20, yMm: 80, wMm: 30, hMm: 5, fill: [0.9, 0.9, 0.9] },
  { kind: 'image', xMm: 160, yMm: 230, wMm: 30, hMm: 30, png: new Uint8Array(0), name: 'qr' },
];

function input(over: Partial<OfdWriteInput> = {}): OfdWriteInput {
  return {
    info: { title: '测试 <文档> & "OFD"', author: '福州市市场监督管理局', customData: [{ name: 'licenseIdentifier', value: 'ID&<1>' }] },
    creationDate: CREATED,
    fonts: [{ key: 'r', data: font }],
    pages: [{ objects: OBJECTS.map((o) => (o.kind === 'image' ? { ...o, png: qrPng } : o)) }],
    attachments: [{ name: 'license-credential.jws', format: 'jws', data: utf8('eyJhbGciOiJFUzI1NiJ9.e30.c2ln') }],
    ...over,
  };
}

/** Every element of a tree, depth first. */
function walk(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
  out.push(el);
  for (const c of el.children) walk(c, out);
  return out;
}

/** Python's zipfile and ElementTree: CRCs, and every XML part parsed with every element in the OFD namespace. */
function pythonCheck(ofd: Uint8Array): { bad: string | null; xml: Record<string, { root: string; foreign: string[]; elements: number }> } {
  const f = join(tmp, `p${Math.random().toString(36).slice(2)}.ofd`);
  writeFileSync(f, ofd);
  const script = `
import sys, json, zipfile, xml.etree.ElementTree as ET
NS = '{${OFD_NS}}'
z = zipfile.ZipFile(sys.argv[1])
out = {'bad': z.testzip(), 'xml': {}}
for n in z.namelist():
    if n.endswith('.xml'):
        root = ET.fromstring(z.read(n))
        els = list(root.iter())
        out['xml'][n] = {'root': root.tag[len(NS):] if root.tag.startswith(NS) else root.tag,
                         'foreign': [e.tag for e in els if not e.tag.startswith(NS)], 'elements': len(els)}
print(json.dumps(out))
`;
  const r = spawnSync('python3', ['-c', script, f], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python: ${r.stderr}`);
  return JSON.parse(r.stdout) as { bad: string | null; xml: Record<string, { root: string; foreign: string[]; elements: number }> };
}

beforeAll(() => {
  // The shipped font (Noto Sans Hans Regular, CFF OpenType) subset to every character the tests draw.
  font = subsetFont(['营业执照名称 <&>"\' 福州示例科技有限公司 91350100M000100Y43 证 号\u{1F101}码 ABC x'], 'regular').otf;
  qrPng = renderQr('HY1:TEST', { format: 'png', scale: 4 });
  full = writeOfd(input());
});

describe('writeOfd: structure', () => {
  it('re-opens with openOfd + readDocumentStructure: one page, the font, the image, the attachment, every file with a role', () => {
    const pkg = openOfd(full);
    expect(pkg.version).toBe('1.0');
    expect(pkg.docType).toBe('OFD');
    const body = pkg.docBodies[0]!;
    expect(body.problems).toEqual([]);
    expect(body.docInfo).toMatchObject({ title: '测试 <文档> & "OFD"', author: '福州市市场监督管理局', creator: 'heyan', creationDate: '2026-03-01' });
    expect(body.docInfo.docId).toMatch(/^[0-9a-f]{32}$/);
    const s = readDocumentStructure(pkg, body.docRoot!);
    expect(s.problems).toEqual([]);
    expect(s.notes).toEqual([]);
    expect(s.pages).toEqual([{ id: '1', path: 'Doc_0/Pages/Page_0/Content.xml' }]);
    // Every file of the package is named by the structure (no extras a verifier would warn about).
    expect(new Set(pkg.files)).toEqual(new Set([...s.roles.keys(), 'OFD.xml']));
    const roles = Object.fromEntries(s.roles);
    expect(roles).toMatchObject({
      'Doc_0/PublicRes.xml': 'resource-list',
      'Doc_0/DocumentRes.xml': 'resource-list',
      'Doc_0/Attachs/Attachments.xml': 'attachment-list',
      'Doc_0/Attachs/license-credential.jws': 'attachment',
    });
    const resources = pkg.files.filter((f) => roles[f] === 'resource');
    expect(resources).toHaveLength(2);
    // The embedded font and the image are the input bytes.
    expect(Buffer.from(pkg.read(resources.find((f) => f.endsWith('.otf'))!)).equals(Buffer.from(font))).toBe(true);
    expect(Buffer.from(pkg.read(resources.find((f) => f.endsWith('.png'))!)).equals(Buffer.from(qrPng))).toBe(true);
    expect(new TextDecoder().decode(pkg.read('Doc_0/Attachs/license-credential.jws'))).toBe('eyJhbGciOiJFUzI1NiJ9.e30.c2ln');
    // CustomData, escaped and read back.
    const custom = childrenNamed(child(child(child(pkg.ofd, 'DocBody'), 'DocInfo'), 'CustomDatas'), 'CustomData');
    expect(custom.map((c) => [attr(c, 'Name'), c.text])).toEqual([['licenseIdentifier', 'ID&<1>']]);
  });

  it('every XML part is well-formed and in the OFD namespace, for our parser and for Python ElementTree', () => {
    const pkg = openOfd(full);
    const parts = pkg.files.filter((f) => f.endsWith('.xml'));
    expect(parts.sort()).toEqual(['Doc_0/Attachs/Attachments.xml', 'Doc_0/Document.xml', 'Doc_0/DocumentRes.xml', 'Doc_0/Pages/Page_0/Content.xml', 'Doc_0/PublicRes.xml', 'OFD.xml']);
    for (const p of parts) for (const el of walk(pkg.xml(p))) expect(el.ns, `${p} <${el.name}>`).toBe(OFD_NS);
    const py = pythonCheck(full);
    expect(py.bad).toBeNull();
    expect(Object.keys(py.xml).sort()).toEqual(parts.sort());
    expect(Object.fromEntries(Object.entries(py.xml).map(([k, v]) => [k, v.root]))).toEqual({
      'OFD.xml': 'OFD',
      'Doc_0/Document.xml': 'Document',
      'Doc_0/PublicRes.xml': 'Res',
      'Doc_0/DocumentRes.xml': 'Res',
      'Doc_0/Pages/Page_0/Content.xml': 'Page',
      'Doc_0/Attachs/Attachments.xml': 'Attachments',
    });
    for (const [k, v] of Object.entries(py.xml)) expect(v.foreign, k).toEqual([]);
    // Same element counts in both parsers.
    for (const p of parts) expect(walk(pkg.xml(p)).length, p).toBe(py.xml[p]!.elements);
  });

  it('IDs are unique across the document, MaxUnitID is the largest, and every reference names a declared resource', () => {
    const pkg = openOfd(full);
    const ids: string[] = [];
    const parts = pkg.files.filter((f) => f.endsWith('.xml') && f !== 'OFD.xml');
    for (const p of parts) for (const el of walk(pkg.xml(p))) if (attr(el, 'ID') !== undefined && el.name !== 'Signature') ids.push(attr(el, 'ID')!);
    expect(new Set(ids).size).toBe(ids.length);
    const doc = pkg.xml('Doc_0/Document.xml');
    expect(Number(child(child(doc, 'CommonData'), 'MaxUnitID')!.text)).toBe(Math.max(...ids.map(Number)));
    const fonts = childrenNamed(child(pkg.xml('Doc_0/PublicRes.xml'), 'Fonts'), 'Font').map((f) => attr(f, 'ID'));
    const media = childrenNamed(child(pkg.xml('Doc_0/DocumentRes.xml'), 'MultiMedias'), 'MultiMedia').map((m) => attr(m, 'ID'));
    const layer = child(child(pkg.xml('Doc_0/Pages/Page_0/Content.xml'), 'Content'), 'Layer')!;
    expect(layer.children.map((c) => c.name)).toEqual(['TextObject', 'TextObject', 'TextObject', 'PathObject', 'PathObject', 'PathObject', 'ImageObject']);
    for (const t of childrenNamed(layer, 'TextObject')) expect(fonts).toContain(attr(t, 'Font'));
    for (const im of childrenNamed(layer, 'ImageObject')) expect(media).toContain(attr(im, 'ResourceID'));
    // Every graphic unit has an ID and a Boundary (required by GB/T 33190).
    for (const o of layer.children) {
      expect(attr(o, 'ID')).toMatch(/^\d+$/);
      expect(attr(o, 'Boundary')!.split(' ').map(Number).every(Number.isFinite)).toBe(true);
    }
  });

  it('texts come back as written, at the asked positions: centred, right-aligned, names kept, characters escaped', () => {
    const pkg = openOfd(full);
    const texts = pageTexts(pkg, 'Doc_0/Pages/Page_0/Content.xml');
    expect(texts.map((t) => t.text)).toEqual(['营业执照', '名称 <&>"\' 福州示例科技有限公司', '91350100M000100Y43']);
    expect(texts.map((t) => t.name)).toEqual(['title', 'value:certificateHolder', undefined]);
    // Noto Sans CJK ideographs advance exactly 1 em: 4 characters of 5 mm centred on 105 start at 95.
    expect(texts[0]!.xs).toEqual([95, 100, 105, 110]);
    expect(texts[0]!.baseline).toBeCloseTo(30, 6);
    expect(texts[0]!.size).toBe(5);
    // The holder's name in ideographs: 3.5 mm apart.
    const t1 = texts[1]!;
    const ideo = t1.xs.slice(-10);
    for (let i = 1; i < ideo.length; i++) expect(ideo[i]! - ideo[i - 1]!).toBeCloseTo(3.5, 6);
    expect(t1.xs[0]).toBeCloseTo(20, 6);
    // Right-aligned: the last glyph's advance ends at 190 (digits and Latin, widths from the font).
    const t2 = texts[2]!;
    const last = t2.xs[t2.xs.length - 1]!;
    expect(last).toBeLessThan(190);
    expect(last).toBeGreaterThan(187);
  });

  it('paths and images: Boundary and AbbreviatedData put the line, the frame and the image where asked', () => {
    const pkg = openOfd(full);
    const layer = child(child(pkg.xml('Doc_0/Pages/Page_0/Content.xml'), 'Content'), 'Layer')!;
    const [line, frame, box] = childrenNamed(layer, 'PathObject');
    const abs = (p: XmlElement): number[][] => {
      const [bx, by] = attr(p, 'Boundary')!.split(' ').map(Number) as [number, number];
      const nums = child(p, 'AbbreviatedData')!.text.split(' ').filter((s) => /^-?[\d.]+$/.test(s)).map(Number);
      const pts: number[][] = [];
      for (let i = 0; i < nums.length; i += 2) pts.push([+(bx + nums[i]!).toFixed(6), +(by + nums[i + 1]!).toFixed(6)]);
      return pts;
    };
    expect(abs(line!)).toEqual([[20, 70], [190, 70]]);
    expect(attr(line!, 'LineWidth')).toBe('0.3');
    expect(abs(frame!)).toEqual([[10, 10], [200, 10], [200, 287], [10, 287]]);
    expect(child(frame!, 'AbbreviatedData')!.text.endsWith(' C')).toBe(true);
    expect(attr(frame!, 'Fill')).toBe('false');
    expect(attr(box!, 'Stroke')).toBe('false');
    expect(attr(child(box!, 'FillColor'), 'Value')).toBe('230 230 230');
    const img = child(layer, 'ImageObject')!;
    expect(attr(img, 'Boundary')).toBe('160 230 30 30');
    expect(attr(img, 'CTM')).toBe('30 0 0 30 0 0');
    expect(attr(img, 'Name')).toBe('qr');
  });

  it('layout follows ofdrw: directory entries, members in a fixed order, PNG stored, XML and font deflated', () => {
    const z = readZip(full);
    expect(z.entries.map((e) => e.name)).toEqual([
      'OFD.xml',
      'Doc_0/',
      'Doc_0/Document.xml',
      'Doc_0/PublicRes.xml',
      'Doc_0/DocumentRes.xml',
      'Doc_0/Pages/',
      'Doc_0/Pages/Page_0/',
      'Doc_0/Pages/Page_0/Content.xml',
      'Doc_0/Res/',
      'Doc_0/Res/font_2.otf',
      'Doc_0/Res/image_3.png',
      'Doc_0/Attachs/',
      'Doc_0/Attachs/Attachments.xml',
      'Doc_0/Attachs/license-credential.jws',
    ]);
    expect(z.entry('Doc_0/Res/image_3.png')!.method).toBe(0);
    expect(z.entry('Doc_0/Res/font_2.otf')!.method).toBe(8);
    expect(z.entry('OFD.xml')!.method).toBe(8);
  });

  it('is deterministic: same input, same bytes; another date changes the ZIP times and the DocID', () => {
    expect(Buffer.from(writeOfd(input())).equals(Buffer.from(full))).toBe(true);
    const later = writeOfd(input({ creationDate: new Date('2026-03-02T10:00:00Z') }));
    const a = readZip(full).entry('OFD.xml')!;
    const b = readZip(later).entry('OFD.xml')!;
    expect(b.dosDate).not.toBe(a.dosDate);
    expect(openOfd(later).docBodies[0]!.docInfo.docId).not.toBe(openOfd(full).docBodies[0]!.docInfo.docId);
    // A given DocID is written as given (lower case).
    const given = writeOfd(input({ info: { docId: 'ABCDEF0123456789ABCDEF0123456789' } }));
    expect(openOfd(given).docBodies[0]!.docInfo.docId).toBe('abcdef0123456789abcdef0123456789');
  });
});

describe('writeOfd: odd and hostile input', () => {
  const page = (objects: OfdObjectInput[]): Partial<OfdWriteInput> => ({ pages: [{ objects }] });
  const text = (t: string, extra: Partial<OfdObjectInput> = {}): OfdObjectInput => ({ kind: 'text', font: 'r', sizeMm: 4, xMm: 20, yMm: 40, text: t, ...extra }) as OfdObjectInput;

  it('control characters, unpaired surrogates and line breaks are refused, not dropped', () => {
    expect(() => writeOfd(input(page([text('a\u0001b')])))).toThrow(/U\+0001/);
    expect(() => writeOfd(input(page([text('a\ud800b')])))).toThrow(/unpaired surrogate/);
    expect(() => writeOfd(input(page([text('line\nbreak')])))).toThrow(FormatError);
    expect(() => writeOfd(input(page([text('tab\there')])))).toThrow(FormatError);
    expect(() => writeOfd(input({ info: { title: 'bell\u0007' } }))).toThrow(/U\+0007/);
    expect(() => writeOfd(input({ info: { customData: [{ name: 'x', value: '\uffff' }] } }))).toThrow(FormatError);
    expect(() => writeOfd(input({ attachments: [{ name: 'a\u0000', data: utf8('x') }] }))).toThrow(FormatError);
  });

  it('metadata with XML specials and line breaks round-trips exactly (escaped, line breaks as character references)', () => {
    const title = 'a<b>&c"d\'e\r\nf\tg  ]]> </ofd:Title>';
    const out = writeOfd(input({ info: { title, customData: [{ name: 'n"&<', value: 'v\n<x/>' }] } }));
    const pkg = openOfd(out);
    // Our parser trims element text; compare with Python, which does not.
    const f = join(tmp, 'meta.ofd');
    writeFileSync(f, out);
    const r = spawnSync('python3', ['-c', `import sys, zipfile, json, xml.etree.ElementTree as ET
NS='{${OFD_NS}}'
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read('OFD.xml'))
info = root.find(NS+'DocBody').find(NS+'DocInfo')
c = info.find(NS+'CustomDatas').find(NS+'CustomData')
print(json.dumps([info.find(NS+'Title').text, c.get('Name'), c.text]))`, f], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([title, 'n"&<', 'v\n<x/>']);
    expect(pkg.docBodies[0]!.docInfo.title).toBe(title.trim());
  });

  it('an empty page is a valid page (empty layer); no page at all is refused', () => {
    const out = writeOfd(input({ pages: [{ objects: [] }], attachments: [] }));
    const pkg = openOfd(out);
    const s = readDocumentStructure(pkg, 'Doc_0/Document.xml');
    expect(s.problems).toEqual([]);
    expect(s.pages).toHaveLength(1);
    expect(child(child(pkg.xml('Doc_0/Pages/Page_0/Content.xml'), 'Content'), 'Layer')!.children).toEqual([]);
    // Nothing uses the font: it is not embedded, and there is no empty resource list.
    expect(pkg.files).toEqual(['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/Pages/Page_0/Content.xml']);
    expect(() => writeOfd(input({ pages: [] }))).toThrow(/at least one page/);
    // An empty text draws nothing; a rect with neither stroke nor fill too.
    const quiet = openOfd(writeOfd(input(page([text(''), { kind: 'rect', xMm: 1, yMm: 1, wMm: 1, hMm: 1 }]))));
    expect(child(child(quiet.xml('Doc_0/Pages/Page_0/Content.xml'), 'Content'), 'Layer')!.children).toEqual([]);
  });

  it('a page whose Content.xml would pass the reader\u2019s XML size limit is refused before it is assembled', () => {
    const big = text('证'.repeat(OFD_WRITE_LIMITS.maxTextChars), { sizeMm: 0.01 });
    const n = Math.ceil(OFD_WRITE_LIMITS.maxXmlBytes / 80_000) + 1;
    expect(n).toBeLessThanOrEqual(OFD_WRITE_LIMITS.maxObjectsPerPage);
    expect(() => writeOfd(input(page(Array.from({ length: n }, () => big))))).toThrow(/XML limit/);
  });

  it('a very long text is written and re-opens; beyond the limit it is refused', () => {
    const long = '证'.repeat(OFD_WRITE_LIMITS.maxTextChars);
    const pkg = openOfd(writeOfd(input(page([text(long, { sizeMm: 1 })]))));
    const t = pageTexts(pkg, 'Doc_0/Pages/Page_0/Content.xml');
    expect(t[0]!.text).toBe(long);
    expect(t[0]!.xs[OFD_WRITE_LIMITS.maxTextChars - 1]).toBeCloseTo(20 + (OFD_WRITE_LIMITS.maxTextChars - 1), 6);
    expect(() => writeOfd(input(page([text(`${long}证`)])))).toThrow(LimitError);
  });

  it('characters the font has no glyph for are refused (no tofu in an issued licence)', () => {
    expect(() => writeOfd(input(page([text('名称 \u{1F600}')])))).toThrow(/no glyph for "😀" \(U\+1F600\)/);
    expect(() => writeOfd(input(page([text('\u0e01')])))).toThrow(/U\+0E01/);
    // In the shipped font but not in the subset given: refused too.
    expect(() => writeOfd(input(page([text('龙')])))).toThrow(/no glyph for "龙"/);
  });

  it('a character outside the BMP gets a TextCode of its own, positions unchanged', () => {
    const pkg = openOfd(writeOfd(input(page([text('号\u{1F101}码', { sizeMm: 4 })]))));
    const layer = child(child(pkg.xml('Doc_0/Pages/Page_0/Content.xml'), 'Content'), 'Layer')!;
    const codes = childrenNamed(child(layer, 'TextObject'), 'TextCode');
    expect(codes.map((c) => c.text)).toEqual(['号', '\u{1F101}', '码']);
    const t = pageTexts(pkg, 'Doc_0/Pages/Page_0/Content.xml')[0]!;
    expect(t.xs[0]).toBeCloseTo(20, 6);
    expect(t.xs[1]).toBeCloseTo(24, 6);
  });

  it('given advances are used as they are', () => {
    const pkg = openOfd(writeOfd(input(page([text('ABC', { advancesMm: [1, 2.5, 3] })]))));
    expect(pageTexts(pkg, 'Doc_0/Pages/Page_0/Content.xml')[0]!.xs).toEqual([20, 21, 23.5]);
    expect(() => writeOfd(input(page([text('ABC', { advancesMm: [1, 2] })])))).toThrow(/2 advances given for 3 characters/);
  });

  it('bad numbers, unknown fonts, non-PNG images, duplicate names and bad IDs are refused', () => {
    expect(() => writeOfd(input(page([text('x', { xMm: NaN })])))).toThrow(/not a finite number/);
    expect(() => writeOfd(input(page([text('x', { sizeMm: 0 })])))).toThrow(/not positive/);
    expect(() => writeOfd(input(page([text('x', { yMm: 1e9 })])))).toThrow(LimitError);
    expect(() => writeOfd(input(page([text('x', { font: 'nope' })])))).toThrow(/font "nope"/);
    expect(() => writeOfd(input(page([text('x', { color: [2, 0, 0] })])))).toThrow(/within 0..1/);
    expect(() => writeOfd(input(page([text('x', { weight: 650 })])))).toThrow(/weight/);
    expect(() => writeOfd(input(page([{ kind: 'image', xMm: 0, yMm: 0, wMm: 1, hMm: 1, png: utf8('GIF89a not a png at all, really not') }])))).toThrow(/not a PNG/);
    expect(() => writeOfd(input(page([{ kind: 'line', x1Mm: 0, y1Mm: 0, x2Mm: 1, y2Mm: 1, widthMm: -1 }])))).toThrow(/not positive/);
    expect(() => writeOfd(input(page([{ kind: 'ellipse' } as unknown as OfdObjectInput])))).toThrow(/unknown object kind/);
    expect(() => writeOfd(input({ info: { docId: 'xyz' } }))).toThrow(/32 hexadecimal/);
    expect(() => writeOfd(input({ info: { customData: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] } }))).toThrow(/twice/);
    expect(() => writeOfd(input({ fonts: [{ key: 'r', data: font }, { key: 'r', data: font }] }))).toThrow(/twice/);
    expect(() => writeOfd(input({ fonts: [{ key: 'r', data: utf8('not a font program at all') }] }))).toThrow(FormatError);
    expect(() => writeOfd(input({ creationDate: new Date(NaN) }))).toThrow(/creationDate/);
    expect(() => writeOfd(input({ attachments: [{ name: 'x', fileName: '../evil', data: utf8('x') }] }))).toThrow(/plain file name/);
  });

  it('identical images share one resource; attachment names that are not file names get a safe file name', () => {
    const img = { kind: 'image' as const, xMm: 0, yMm: 0, wMm: 10, hMm: 10, png: qrPng };
    const out = writeOfd(
      input({
        pages: [{ objects: [img, { ...img, xMm: 20, png: new Uint8Array(qrPng) }] }],
        attachments: [
          { name: '证照凭据.jws', format: 'jws', data: utf8('a') },
          { name: 'same', data: utf8('b') },
          { name: 'SAME', data: utf8('c') },
        ],
      }),
    );
    const pkg = openOfd(out);
    expect(pkg.files.filter((f) => f.endsWith('.png'))).toHaveLength(1);
    const list = childrenNamed(pkg.xml('Doc_0/Attachs/Attachments.xml'), 'Attachment');
    expect(list.map((a) => [attr(a, 'Name'), child(a, 'FileLoc')!.text])).toEqual([
      ['证照凭据.jws', `attachment_${attr(list[0]!, 'ID')}.jws`],
      ['same', 'same'],
      ['SAME', `attachment_${attr(list[2]!, 'ID')}`],
    ]);
    expect(readDocumentStructure(pkg, 'Doc_0/Document.xml').problems).toEqual([]);
  });

  it('a large, very compressible member is stored rather than exceed the reader\u2019s compression-ratio limit', () => {
    const zeros = new Uint8Array(2 * 1024 * 1024);
    const out = writeOfd(input({ attachments: [{ name: 'zeros.bin', data: zeros }] }));
    const z = readZip(out);
    expect(z.entry('Doc_0/Attachs/zeros.bin')!.method).toBe(0);
    expect(DEFAULT_OFD_LIMITS.maxCompressionRatio).toBeLessThan(zeros.length / 3000);
    expect(Buffer.from(openOfd(out).read('Doc_0/Attachs/zeros.bin')).equals(Buffer.from(zeros))).toBe(true);
  });
});

describe('placeText', () => {
  it('rounds positions from the exact running sum: no drift along a line', () => {
    const n = 1000;
    const adv = Array.from({ length: n }, () => 3.7041666);
    const p = placeText(Array.from({ length: n }, () => '字'), adv, 10, 'left');
    expect(p.runs).toHaveLength(1);
    let x = p.runs[0]!.xUm;
    p.runs[0]!.deltaUm.forEach((d, i) => {
      x += d;
      expect(Math.abs(x / 1000 - (10 + (i + 1) * 3.7041666))).toBeLessThanOrEqual(0.0005 + 1e-9);
    });
    expect(p.endUm).toBe(Math.round((10 + n * 3.7041666) * 1000));
  });
});
