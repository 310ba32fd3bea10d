// The licence as OFD, end to end: a business-licence page (title, labels and values of the example record, frame,
// rules, the signed QR code) rendered with the shipped font subsets, the real credential attached, sealed with the
// SES seal of fixtures/ofd (SM2 test PKI). Judged by our verifier (verifyOfd: PASSED, references cover every content
// file, tampering FAILED), OpenSSL (every CheckValue is the SM3 of the member), fontconfig's fc-query (every drawn
// character is in the embedded font) and font/measure (an independent reader of the font's widths).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrImage, issueCredential, renderQr } from '../../credential/index.js';
import type { PrivateKey } from '../../crypto/types.js';
import { fontFileBytes, measureText } from '../../font/index.js';
import { exampleRecord, FIELD_LABELS, getLicenseType, shippedLicenseTypes, type LicenseRecord } from '../../license/index.js';
import { layoutLicense } from '../../license/render/layout.js';
import type { DrawItem, DrawText, LicensePage } from '../../license/render/draw-list.js';
import type { Certificate, TrustStore } from '../../pki/index.js';
import { tsaTimestampSource } from '../../tsp/index.js';
import { readDocumentStructure } from '../document.js';
import { openOfd, type OfdPackage } from '../package.js';
import { readSignatureDocument } from '../signatures.js';
import { AT, SIGNED_AT, allChecks as all, ofdTestSigner, opensslSm3Base64, pageTexts as readPageTexts, rebuildOfd as rebuild, testTsa, type PageText } from '../test-support.js';
import { verifyOfd, type OfdVerifyResult } from '../verify.js';
import { attr, child, childrenNamed } from '../xml.js';
import { readZip } from '../zip-read.js';
import { LICENSE_CREDENTIAL_ATTACHMENT, licenseOfdInput, renderLicenseOfd } from './render-license.js';
import { sealLicenseOfd, sealLicenseOfdAsync } from './seal-license.js';

const CREATED = new Date('2026-03-01T09:00:00Z');
const tmp = mkdtempSync(join(tmpdir(), 'heyan-licofd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let key: PrivateKey;
let cert: Certificate;
let seal: Uint8Array;
let trust: TrustStore;
let record: LicenseRecord;
let jws: string;
let qrText: string;
let page: LicensePage;
let unsigned: Uint8Array;
let sealed: Uint8Array;

const PAGE = 'Doc_0/Pages/Page_0/Content.xml';

/** A business-licence page laid out by hand the way a layout would: title, label/value rows, rules, frame, QR. */
function businessLicencePage(r: LicenseRecord, qrPng: Uint8Array): LicensePage {
  const type = getLicenseType('business-licence')!;
  const items: DrawItem[] = [
    { kind: 'rect', xMm: 12, yMm: 12, wMm: 186, hMm: 273, strokePt: 2, stroke: [0.7, 0.1, 0.1] },
    { kind: 'rect', xMm: 15, yMm: 15, wMm: 180, hMm: 267, strokePt: 0.5, stroke: [0.7, 0.1, 0.1] },
    { kind: 'text', xMm: 105, yMm: 45, sizePt: 28, text: r.certificateName, weight: 'bold', align: 'center', color: [0.6, 0, 0], role: 'title' },
    { kind: 'text', xMm: 105, yMm: 56, sizePt: 10, text: `统一社会信用代码 ${r.certificateHolderCode}`, align: 'center', role: 'value:certificateHolderCode' },
    { kind: 'line', x1Mm: 25, y1Mm: 62, x2Mm: 185, y2Mm: 62, widthPt: 0.75, color: [0.7, 0.1, 0.1] },
  ];
  const rows: [string, string, string][] = [
    [FIELD_LABELS.certificateHolder.zh, 'certificateHolder', r.certificateHolder],
    ...type.fields.map((f): [string, string, string] => [f.label.zh, `surface.${f.key}`, String(r.surface?.[f.key] ?? '')]),
    [FIELD_LABELS.issueDept.zh, 'issueDept', r.issueDept],
    [FIELD_LABELS.issueDate.zh, 'issueDate', r.issueDate],
  ];
  let y = 75;
  for (const [label, field, value] of rows) {
    items.push({ kind: 'text', xMm: 30, yMm: y, sizePt: 11, text: label, weight: 'bold', role: `label:${field}` });
    // A layout wraps long values; two lines are enough here.
    const lines = value.length > 30 ? [value.slice(0, 30), value.slice(30)] : [value];
    for (const l of lines) {
      items.push({ kind: 'text', xMm: 62, yMm: y, sizePt: 11, text: l, role: `value:${field}` });
      y += 7;
    }
    y += 3;
  }
  items.push(
    { kind: 'rect', xMm: 25, yMm: 228, wMm: 40, hMm: 1, fill: [0.7, 0.1, 0.1] },
    { kind: 'image', xMm: 25, yMm: 232, wMm: 35, hMm: 35, png: qrPng, role: 'qr' },
    { kind: 'text', xMm: 185, yMm: 272, sizePt: 8, text: r.certificateIdentifier, align: 'right', color: [0.3, 0.3, 0.3], role: 'identifier' },
  );
  return { widthMm: 210, heightMm: 297, items, sealRect: { xMm: 130, yMm: 215, wMm: 40, hMm: 40 } };
}

const render = (p: LicensePage = page, extra: Partial<Parameters<typeof renderLicenseOfd>[1]> = {}): Uint8Array =>
  renderLicenseOfd(p, { credentialJws: jws, identifier: record.certificateIdentifier, title: record.certificateName, author: record.issueDept, creationDate: CREATED, ...extra });
const sealIt = (ofd: Uint8Array, extra: Partial<Parameters<typeof sealLicenseOfd>[1]> = {}): Uint8Array =>
  sealLicenseOfd(ofd, { seal, key, certificate: cert, rect: page.sealRect, signingTime: SIGNED_AT, ...extra });
const verify = (ofd: Uint8Array): OfdVerifyResult => verifyOfd(ofd, { trust, time: AT });
const failed = (r: OfdVerifyResult): string[] => all(r).filter((c) => c.status === 'failed').map((c) => c.id);
/** Texts of the licence page as an OFD reader sees them. */
const pageTexts = (pkg: OfdPackage): PageText[] => readPageTexts(pkg, PAGE);

/** Unicode coverage of a font file according to fontconfig (fc-query), an implementation independent of ours. */
function fcCharset(font: Uint8Array): (cp: number) => boolean {
  const f = join(tmp, `f${Math.random().toString(36).slice(2)}.otf`);
  writeFileSync(f, font);
  const r = spawnSync('fc-query', ['--format=%{charset}', f], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fc-query: ${r.stderr}`);
  const ranges = r.stdout
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => s.split('-').map((h) => parseInt(h, 16)) as [number, number?]);
  return (cp) => ranges.some(([a, b]) => cp >= a && cp <= (b ?? a));
}

beforeAll(() => {
  ({ key, cert, seal, trust } = ofdTestSigner());
  record = exampleRecord('business-licence');
  const issued = issueCredential({ record, key, certificate: cert });
  jws = issued.jws;
  qrText = issued.qr;
  page = businessLicencePage(record, renderQr(issued.qr, { format: 'png' }));
  unsigned = render();
  sealed = sealIt(unsigned);
});

describe('renderLicenseOfd', () => {
  it('the package re-opens: one page, both font subsets, the QR image, the credential attachment, the identifier', () => {
    const pkg = openOfd(unsigned);
    const body = pkg.docBodies[0]!;
    expect(body.docInfo).toMatchObject({ title: '营业执照', author: record.issueDept, creator: 'heyan', creationDate: '2026-03-01' });
    const s = readDocumentStructure(pkg, body.docRoot!);
    expect(s.problems).toEqual([]);
    expect(s.pages).toHaveLength(1);
    expect(new Set(pkg.files)).toEqual(new Set([...s.roles.keys(), 'OFD.xml']));
    const custom = childrenNamed(child(child(child(pkg.ofd, 'DocBody'), 'DocInfo'), 'CustomDatas'), 'CustomData');
    expect(custom.map((c) => [attr(c, 'Name'), c.text])).toEqual([['licenseIdentifier', record.certificateIdentifier]]);
    const att = childrenNamed(pkg.xml('Doc_0/Attachs/Attachments.xml'), 'Attachment');
    expect(att.map((a) => [attr(a, 'Name'), attr(a, 'Format'), child(a, 'FileLoc')!.text])).toEqual([[LICENSE_CREDENTIAL_ATTACHMENT, 'jws', LICENSE_CREDENTIAL_ATTACHMENT]]);
    expect(new TextDecoder().decode(pkg.read(`Doc_0/Attachs/${LICENSE_CREDENTIAL_ATTACHMENT}`))).toBe(jws);
    const fonts = childrenNamed(child(pkg.xml('Doc_0/PublicRes.xml'), 'Fonts'), 'Font');
    expect(fonts.map((f) => [attr(f, 'FontName'), attr(f, 'Bold')])).toEqual([
      ['NotoSansHans-Regular', undefined],
      ['NotoSansHans-Bold', 'true'],
    ]);
    // The QR image is the one rendered, and it still decodes to the licence's signed QR text.
    const media = child(child(pkg.xml('Doc_0/DocumentRes.xml'), 'MultiMedias'), 'MultiMedia')!;
    const png = pkg.read(`Doc_0/Res/${child(media, 'MediaFile')!.text}`);
    expect(decodeQrImage(png)).toBe(qrText);
    const img = child(child(child(pkg.xml(PAGE), 'Content'), 'Layer'), 'ImageObject')!;
    expect([attr(img, 'Name'), attr(img, 'Boundary'), attr(img, 'ResourceID')]).toEqual(['qr', '25 232 35 35', attr(media, 'ID')]);
  });

  it('the page text read back from Content.xml is the draw list\u2019s text, item by item, with roles as Names and weights as fonts', () => {
    const pkg = openOfd(unsigned);
    const texts = pageTexts(pkg);
    const drawn = page.items.filter((i): i is DrawText => i.kind === 'text' && i.text !== '');
    expect(texts.map((t) => t.text)).toEqual(drawn.map((d) => d.text));
    expect(texts.map((t) => t.name)).toEqual(drawn.map((d) => d.role));
    const fontIds = Object.fromEntries(childrenNamed(child(pkg.xml('Doc_0/PublicRes.xml'), 'Fonts'), 'Font').map((f) => [attr(f, 'Bold') === 'true' ? 'bold' : 'regular', attr(f, 'ID')]));
    texts.forEach((t, i) => {
      expect(t.font).toBe(fontIds[drawn[i]!.weight ?? 'regular']);
      expect(t.weight).toBeUndefined(); // a real bold font: no synthetic weight
      expect(t.size).toBeCloseTo((drawn[i]!.sizePt * 25.4) / 72, 3);
    });
    // The holder's name and the licence number are on the page.
    expect(texts.some((t) => t.text === record.certificateHolder && t.name === 'value:certificateHolder')).toBe(true);
    expect(texts.some((t) => t.text.includes(record.certificateHolderCode))).toBe(true);
  });

  it('every character sits where the PDF writer\u2019s measure puts it (font/measure reads the widths independently)', () => {
    const texts = pageTexts(openOfd(unsigned));
    const drawn = page.items.filter((i): i is DrawText => i.kind === 'text' && i.text !== '');
    texts.forEach((t, i) => {
      const d = drawn[i]!;
      const weight = d.weight ?? 'regular';
      const width = measureText(d.text, d.sizePt, weight);
      const left = d.align === 'center' ? d.xMm - width / 2 : d.align === 'right' ? d.xMm - width : d.xMm;
      const chars = [...d.text];
      chars.forEach((_, k) => expect(Math.abs(t.xs[k]! - (left + measureText(chars.slice(0, k).join(''), d.sizePt, weight))), `${d.text} [${k}]`).toBeLessThanOrEqual(0.0006));
      expect(t.baseline).toBeCloseTo(d.yMm, 6);
    });
  });

  it('every character drawn is in the embedded font of its weight, according to fontconfig', () => {
    const pkg = openOfd(unsigned);
    const fonts = childrenNamed(child(pkg.xml('Doc_0/PublicRes.xml'), 'Fonts'), 'Font');
    const has = new Map(fonts.map((f) => [attr(f, 'ID')!, fcCharset(pkg.read(`Doc_0/Res/${child(f, 'FontFile')!.text}`))]));
    let checked = 0;
    for (const t of pageTexts(pkg)) {
      for (const ch of t.text) {
        expect(has.get(t.font ?? '')!(ch.codePointAt(0)!), `${ch} in font ${t.font}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // Subsets: far smaller than the shipped 8 MB fonts.
    for (const f of fonts) expect(pkg.entry(`Doc_0/Res/${child(f, 'FontFile')!.text}`)!.uncompressedSize).toBeLessThan(fontFileBytes('regular').length / 50);
  });

  it('is deterministic, and refuses a credential that is not a compact JWS or a missing identifier', () => {
    expect(Buffer.from(render()).equals(Buffer.from(unsigned))).toBe(true);
    expect(() => render(page, { credentialJws: '{"not":"a jws"}' })).toThrow(/compact JWS/);
    expect(() => render(page, { identifier: ' ' })).toThrow(/identifier/);
  });

  it('a bold text without a bold font program uses the regular font with Weight 700; a zero-width line is a hairline', () => {
    const input = licenseOfdInput({ ...page, items: [...page.items, { kind: 'line', x1Mm: 20, y1Mm: 280, x2Mm: 60, y2Mm: 280, widthPt: 0 }] }, {
      credentialJws: jws,
      identifier: record.certificateIdentifier,
      title: 't',
      creationDate: CREATED,
      fonts: { regular: fontFileBytes('regular') },
    });
    const objects = input.pages[0]!.objects;
    const title = objects.find((o) => o.kind === 'text' && o.name === 'title');
    expect(title).toMatchObject({ font: 'regular', weight: 700 });
    expect(objects[objects.length - 1]).toMatchObject({ kind: 'line', widthMm: (0.25 * 25.4) / 72 });
    expect(input.fonts.map((f) => f.key)).toEqual(['regular']);
  });
});

describe('sealLicenseOfd', () => {
  it('unsealed, the verifier finds the package and its structure sound and only the signature (and so its coverage) missing', () => {
    const r = verify(unsigned);
    expect(r.ofd).toBe(true);
    const status = Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
    expect(status['ofd.package']).toBe('passed');
    expect(status['ofd.structure']).toBe('passed');
    // Nothing signs it yet, so nothing is covered either.
    expect(r.checks.filter((c) => c.status === 'failed').map((c) => c.id).sort()).toEqual(['ofd.coverage', 'ofd.signatures.present']);
  });


  it('verifies with our OFD verifier: PASSED, every check passed, coverage complete', () => {
    const r = verify(sealed);
    const bad = all(r).filter((c) => c.status === 'failed' || c.status === 'indeterminate');
    expect(bad.map((c) => `${c.id}: ${c.message.en}`)).toEqual([]);
    expect(r.indication).toBe('PASSED');
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]!.indication).toBe('PASSED');
    expect(all(r).find((c) => c.id === 'ofd.coverage')?.status).toBe('passed');
    expect(all(r).find((c) => c.id === 'ofd.coverage.extras')?.status).toBe('passed');
  });

  it('the signature\u2019s References cover every member except the signature\u2019s own files, and each CheckValue is the SM3 of the member (OpenSSL)', () => {
    const pkg = openOfd(sealed);
    const sigPath = 'Doc_0/Signs/Sign_0/Signature.xml';
    const sig = readSignatureDocument(pkg, sigPath);
    const own = new Set([sigPath, 'Doc_0/Signs/Sign_0/SignedValue.dat', 'Doc_0/Signs/Signatures.xml']);
    const refs = sig.references.map((r) => r.path!);
    expect(new Set(refs)).toEqual(new Set(pkg.files.filter((f) => !own.has(f))));
    expect(refs).toHaveLength(new Set(refs).size);
    // Every member written by renderLicenseOfd is among them, and so is the seal file.
    for (const f of openOfd(unsigned).files) expect(refs).toContain(f);
    expect(refs).toContain('Doc_0/Signs/Sign_0/Seal.esl');
    for (const r of sig.references) expect(r.checkValue, r.path).toBe(opensslSm3Base64(pkg.read(r.path!), tmp));
    // The members of the unsigned package are carried over unchanged, OFD.xml excepted (it gains <Signatures>).
    const before = readZip(unsigned);
    const after = readZip(sealed);
    for (const e of before.entries) if (e.name !== 'OFD.xml') expect(Buffer.from(after.raw(after.entry(e.name)!)).equals(Buffer.from(before.raw(e))), e.name).toBe(true);
  });

  it('the stamp is on the layout\u2019s seal rectangle of page 1', () => {
    const pkg = openOfd(sealed);
    const sig = readSignatureDocument(pkg, 'Doc_0/Signs/Sign_0/Signature.xml');
    expect(sig.stampAnnots).toHaveLength(1);
    const a = sig.stampAnnots[0]!;
    expect(a.pageRef).toBe(readDocumentStructure(pkg, 'Doc_0/Document.xml').pages[0]!.id);
    expect(a.boundary).toBe('130 215 40 40');
    // Its ID is above every object ID of the document.
    const maxUnit = Number(child(child(pkg.xml('Doc_0/Document.xml'), 'CommonData'), 'MaxUnitID')!.text);
    expect(Number(a.id)).toBeGreaterThan(maxUnit);
  });

  it('a timestamped seal signature verifies with its timestamp: in-process TSA (sync) and a TimestampSource (async)', async () => {
    const sync = verify(sealIt(unsigned, { timestamp: testTsa() }));
    const viaSource = verify(await sealLicenseOfdAsync(unsigned, { seal, key, certificate: cert, rect: page.sealRect, signingTime: SIGNED_AT, timestamp: tsaTimestampSource(testTsa(9000)) }));
    for (const [r, after] of [[sync, 5000], [viaSource, 9000]] as const) {
      expect(r.indication).toBe('PASSED');
      expect(r.signatures[0]!.checks.find((c) => c.id === 'seal.signature.timestamp')?.status).toBe('passed');
      expect(r.signatures[0]!.timestamp?.time).toBe(new Date(SIGNED_AT.getTime() + after).toISOString());
    }
    // The stamp is on the seal rectangle either way.
    const annot = readSignatureDocument(openOfd(await sealLicenseOfdAsync(unsigned, { seal, key, certificate: cert, rect: page.sealRect, signingTime: SIGNED_AT })), 'Doc_0/Signs/Sign_0/Signature.xml').stampAnnots[0]!;
    expect(annot.boundary).toBe('130 215 40 40');
  });

  it('changed text, a swapped credential or an added attachment after sealing: FAILED with the specific check', () => {
    const pkg = openOfd(sealed);
    const content = new TextDecoder().decode(pkg.read(PAGE));
    expect(content).toContain(record.certificateHolder);
    const forged = rebuild(sealed, { [PAGE]: new TextEncoder().encode(content.replace(record.certificateHolder, '福州冒名科技有限公司')) });
    const r1 = verify(forged);
    expect(r1.indication).toBe('FAILED');
    expect(failed(r1)).toContain('ofd.reference.digest');
    expect(JSON.stringify(all(r1).filter((c) => c.id === 'ofd.reference.digest'))).toContain('Content.xml');

    const other = issueCredential({ record: { ...record, certificateHolder: '福州另一科技有限公司' }, key, certificate: cert }).jws;
    const swapped = rebuild(sealed, { [`Doc_0/Attachs/${LICENSE_CREDENTIAL_ATTACHMENT}`]: new TextEncoder().encode(other) });
    const r2 = verify(swapped);
    expect(r2.indication).toBe('FAILED');
    expect(JSON.stringify(all(r2).filter((c) => c.id === 'ofd.reference.digest'))).toContain(LICENSE_CREDENTIAL_ATTACHMENT);

    const added = rebuild(sealed, {}, { 'Doc_0/Attachs/extra.jws': new TextEncoder().encode(other) });
    expect(failed(verify(added))).toContain('ofd.coverage');
  });

  it('reports the package size of a sealed business licence with subset fonts', () => {
    const z = readZip(sealed);
    const sizes = Object.fromEntries(z.entries.filter((e) => !e.isDirectory).map((e) => [e.name, `${e.uncompressedSize}/${e.compressedSize}`]));
    console.log(`business licence OFD: unsigned ${unsigned.length} bytes, sealed ${sealed.length} bytes; members (size/stored):`, sizes);
    // The seal file is the issuer's seal, byte for byte.
    expect(Buffer.from(z.read(z.entry('Doc_0/Signs/Sign_0/Seal.esl')!)).equals(Buffer.from(seal))).toBe(true);
  });
});

describe('shipped licence types, laid out by layoutLicense', () => {
  it.each(shippedLicenseTypes().list().map((t) => [t.name, t] as const))('%s: rendered, sealed, PASSED; the text read back is the layout\u2019s; References complete', (_name, type) => {
    const rec = exampleRecord(type.code);
    const issued = issueCredential({ record: rec, key, certificate: cert });
    const p = layoutLicense(rec, type, { qrPng: renderQr(issued.qr, { format: 'png' }) });
    const ofd = renderLicenseOfd(p, { credentialJws: issued.jws, identifier: rec.certificateIdentifier, title: rec.certificateName, author: rec.issueDept, creationDate: CREATED });
    const out = sealLicenseOfd(ofd, { seal, key, certificate: cert, rect: p.sealRect, signingTime: SIGNED_AT });
    const r = verify(out);
    expect(all(r).filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => c.id)).toEqual([]);
    expect(r.indication).toBe('PASSED');
    const pkg = openOfd(out);
    const drawn = p.items.filter((i): i is DrawText => i.kind === 'text' && i.text !== '');
    const texts = pageTexts(pkg);
    expect(texts.map((t) => t.text)).toEqual(drawn.map((d) => d.text));
    expect(texts.map((t) => t.name)).toEqual(drawn.map((d) => d.role));
    texts.forEach((t, i) => expect(Math.abs(t.xs[0]! - drawn[i]!.xMm)).toBeLessThanOrEqual(0.0006)); // the layout left-aligns
    expect(texts.some((t) => t.text === rec.certificateHolder)).toBe(true);
    const refs = readSignatureDocument(pkg, 'Doc_0/Signs/Sign_0/Signature.xml').references.map((x) => x.path!);
    const own = new Set(['Doc_0/Signs/Sign_0/Signature.xml', 'Doc_0/Signs/Sign_0/SignedValue.dat', 'Doc_0/Signs/Signatures.xml']);
    expect(new Set(refs)).toEqual(new Set(pkg.files.filter((f) => !own.has(f))));
    const annot = readSignatureDocument(pkg, 'Doc_0/Signs/Sign_0/Signature.xml').stampAnnots[0]!;
    const { xMm, yMm, wMm, hMm } = p.sealRect;
    expect(annot.boundary!.split(' ').map(Number)).toEqual([xMm, yMm, wMm, hMm].map((v) => Math.round(v * 1000) / 1000));
    console.log(`${type.name}: OFD unsigned ${ofd.length} bytes, sealed ${out.length} bytes`);
  });
});
