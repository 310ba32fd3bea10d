// Test-only: licence PDFs and OFDs written by hand, as the contract in names.ts describes them, so the licence layer
// can be tested without the issuer side (license/render, ofd/write). The PDF is raw syntax: a Type0 / Identity-H
// font with a ToUnicode CMap and no font program (text extraction needs none), the QR PNG from renderQr as a Flate
// image XObject (gray or RGB, optional PNG predictor and soft mask), the credential as an embedded + associated file,
// XMP with hy:identifier. The OFD: OFD.xml CustomData, Attachments.xml, TextObjects, an ImageObject on a PNG
// MultiMedia. Each can be made wrong in one way. Kept free of vitest.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type Pngjs from 'pngjs';
import { renderQr } from '../../credential/qr/render.js';
import type { PrivateKey } from '../../crypto/types.js';
import { signOfd } from '../../ofd/sign.js';
import { ZipWriter } from '../../ofd/zip-write.js';
import { signPdf } from '../../pdf/sign/sign-pdf.js';
import type { Certificate } from '../../pki/certificate.js';
import { createSeal } from '../../seal/encode-seal.js';
import { FIELD_LABELS, type LicenseRecord } from '../model.js';
import { getLicenseType } from '../type-registry.js';

const png = createRequire(import.meta.url)('pngjs') as typeof Pngjs;

/** What page 1 shows, item by item: labels and values apart, long values wrapped, a few written other ways. */
export function pageLines(record: LicenseRecord, wrap = 16): string[] {
  const lines: string[] = [record.certificateType];
  const wrapped = (v: string): string[] => {
    const cps = [...v];
    const out: string[] = [];
    for (let i = 0; i < cps.length; i += wrap) out.push(cps.slice(i, i + wrap).join(''));
    return out;
  };
  lines.push(`编号：${record.certificateNumber}`);
  lines.push('名称', ...wrapped(record.certificateHolder));
  lines.push('统一社会信用代码', record.certificateHolderCode);
  const type = getLicenseType(record.certificateTypeCode);
  for (const f of type?.fields ?? []) {
    const v = record.surface[f.key];
    if (v === undefined || v === '') continue;
    lines.push(f.label.zh);
    if (f.kind === 'date') {
      const [y, m, d] = String(v).split('-');
      lines.push(`${y}年${m}月${d}日`);
    } else if (f.unit) lines.push(`${String(v)} ${f.unit}`);
    else lines.push(...wrapped(String(v)));
  }
  lines.push(`${FIELD_LABELS.issueDept.zh}${record.issueDept}`);
  lines.push('电子证照标识：', ...wrapped(record.certificateIdentifier));
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF

type PdfObject = string | { dict: string; data: Uint8Array };

const L = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Objects 1..n serialised with a classic xref table. */
export function writePdf(objects: PdfObject[], trailer = '/Root 1 0 R'): Uint8Array {
  const parts: Buffer[] = [L('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(size);
    const body = typeof o === 'string' ? L(`${i + 1} 0 obj\n${o}\nendobj\n`) : Buffer.concat([L(`${i + 1} 0 obj\n<< ${o.dict} /Length ${o.data.length} >>\nstream\n`), Buffer.from(o.data), L('\nendstream\nendobj\n')]);
    parts.push(body);
    size += body.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(L(`${xref}trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${size}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** An incremental update replacing or adding objects (classic xref, /Prev = the last startxref). */
export function appendUpdate(pdf: Uint8Array, objects: Record<number, PdfObject>): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  // /Size of the trailers only (an embedded file's /Params has a /Size too).
  const sizes = [...text.matchAll(/trailer\s*<<\s*\/Size (\d+)/g)].map((m) => Number(m[1]));
  let size = Math.max(...sizes, ...Object.keys(objects).map((n) => Number(n) + 1));
  const parts: Buffer[] = [Buffer.from(pdf), L('\n')];
  let at = pdf.length + 1;
  const entries: string[] = [];
  for (const [n, o] of Object.entries(objects)) {
    const body = typeof o === 'string' ? L(`${n} 0 obj\n${o}\nendobj\n`) : Buffer.concat([L(`${n} 0 obj\n<< ${o.dict} /Length ${o.data.length} >>\nstream\n`), Buffer.from(o.data), L('\nendstream\nendobj\n')]);
    entries.push(`${n} 1\n${String(at).padStart(10, '0')} 00000 n \n`);
    parts.push(body);
    at += body.length;
  }
  size = Math.max(size, ...Object.keys(objects).map((n) => Number(n) + 1));
  const root = /\/Root (\d+ \d+ R)/.exec(text)![1];
  parts.push(L(`xref\n0 1\n0000000000 65535 f \n${entries.join('')}trailer\n<< /Size ${size} /Root ${root} /Prev ${prev} >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** CIDs 1..n for the code points of the page (Identity-H: two bytes each) and the ToUnicode CMap for them. */
export class CidFont {
  readonly cids = new Map<string, number>();

  encode(s: string): string {
    let hex = '';
    for (const ch of s) {
      let cid = this.cids.get(ch);
      if (cid === undefined) this.cids.set(ch, (cid = this.cids.size + 1));
      hex += cid.toString(16).padStart(4, '0');
    }
    return `<${hex}>`;
  }

  toUnicode(extra = ''): string {
    const entries = [...this.cids].map(([ch, cid]) => `<${cid.toString(16).padStart(4, '0')}> <${Buffer.from(ch, 'utf16le').swap16().toString('hex')}>`);
    const chunks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) chunks.push(`${entries.slice(i, i + 100).length} beginbfchar\n${entries.slice(i, i + 100).join('\n')}\nendbfchar`);
    return (
      '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
      '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
      `${chunks.join('\n')}\n${extra}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`
    );
  }
}

export interface QrImageSpec {
  /** Pixels per module (default 4). */
  scale?: number;
  rgb?: boolean;
  /** PNG Up predictor (/Predictor 12). */
  predictor?: boolean;
  /** White made transparent through a soft mask, with black RGB under it (unreadable unless composited). */
  smask?: boolean;
  /** Corrupt Flate data. */
  broken?: boolean;
  /** One bit per pixel (DeviceGray, as the renderer embeds the QR), instead of 8. */
  oneBit?: boolean;
}

/** The QR of `text` as a Flate image XObject stream (and its soft mask). */
export function qrImage(text: string, spec: QrImageSpec = {}): { image: { dict: string; data: Uint8Array }; smask?: { dict: string; data: Uint8Array }; width: number } {
  const decoded = png.PNG.sync.read(Buffer.from(renderQr(text, { format: 'png', scale: spec.scale ?? 4 })));
  const w = decoded.width;
  const h = decoded.height;
  const n = spec.rgb ? 3 : 1;
  const samples = Buffer.alloc(w * h * n);
  const alpha = Buffer.alloc(w * h);
  for (let i = 0; i < w * h; i++) {
    const v = decoded.data[i * 4]!;
    alpha[i] = v < 128 ? 255 : 0;
    for (let c = 0; c < n; c++) samples[i * n + c] = spec.smask ? 0 : v;
  }
  const rows = (data: Buffer, rb: number): Buffer => {
    if (!spec.predictor) return data;
    const out = Buffer.alloc((rb + 1) * h);
    for (let y = 0; y < h; y++) {
      out[y * (rb + 1)] = 2; // Up
      for (let x = 0; x < rb; x++) out[y * (rb + 1) + 1 + x] = (data[y * rb + x]! - (y > 0 ? data[(y - 1) * rb + x]! : 0)) & 0xff;
    }
    return out;
  };
  const bpc = spec.oneBit ? 1 : 8;
  const parms = (colors: number) => (spec.predictor ? ` /DecodeParms << /Predictor 12 /Colors ${colors} /BitsPerComponent ${bpc} /Columns ${w} >>` : '');
  let packed = samples;
  if (spec.oneBit) {
    const rb = Math.ceil(w / 8);
    packed = Buffer.alloc(rb * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (samples[y * w + x]! >= 128) packed[y * rb + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  let data = new Uint8Array(deflateSync(rows(packed, spec.oneBit ? Math.ceil(w / 8) : w * n)));
  if (spec.broken) data = data.map((b, i) => (i > 2 ? b ^ 0x5a : b));
  const image = { dict: `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /${spec.rgb ? 'DeviceRGB' : 'DeviceGray'} /BitsPerComponent ${bpc} /Filter /FlateDecode${parms(n)}`, data };
  if (!spec.smask) return { image, width: w };
  const maskParms = spec.predictor ? ` /DecodeParms << /Predictor 12 /Colors 1 /BitsPerComponent 8 /Columns ${w} >>` : '';
  return { image, smask: { dict: `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode${maskParms}`, data: new Uint8Array(deflateSync(rows(alpha, w))) }, width: w };
}

export interface LicencePdfSpec {
  /** Text items of page 1 (default pageLines of the record the credential carries). */
  lines: string[];
  /** Bytes of license-credential.jws; null: no embedded file. */
  credential: string | Uint8Array | null;
  /** Compress the embedded file (default true). */
  compressCredential?: boolean;
  /** File name of the embedded file (default license-credential.jws). */
  credentialName?: string;
  /** Only in the name tree (no /AF), or only in /AF. */
  credentialIn?: 'both' | 'names' | 'af';
  /** XMP hy:identifier; null: no metadata. */
  xmpIdentifier: string | null;
  /** QR text drawn; null: no image. */
  qr: string | null;
  image?: QrImageSpec;
  /** Extra text appended inside the ToUnicode CMap (hostile CMaps). */
  cmapExtra?: string;
  /** Replace the ToUnicode CMap stream entirely. */
  cmap?: Uint8Array;
  /** Show text with TJ arrays and the ' operator instead of Tj (same text). */
  operators?: 'Tj' | 'TJ';
  /** Line index → the /ActualText of that line (the line itself is what the glyphs show). */
  actualText?: ReadonlyMap<number, string>;
}

const XMP = (id: string): string =>
  `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description rdf:about="" xmlns:hy="urn:heyan:license:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><hy:identifier>${id}</hy:identifier></rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>`;

/** Page 1's ToUnicode CMap (object 7) and content stream (object 8, Flate) for these text items. */
export function pageStreams(
  lines: readonly string[],
  o: { image?: boolean; operators?: 'Tj' | 'TJ'; cmapExtra?: string; actualText?: ReadonlyMap<number, string> } = {},
): { cmap: Uint8Array; content: Uint8Array } {
  const font = new CidFont();
  const ops: string[] = ['BT', '/F1 10 Tf', '12 TL', '1 0 0 1 56 800 Tm'];
  lines.forEach((line, i) => {
    const hex = font.encode(line);
    // As the renderer marks its texts: a role, and an /ActualText where the shown glyphs do not give the text back.
    const actual = o.actualText?.get(i);
    ops.push(`/HeyanText <</Role <${Buffer.from(`line:${i}`).toString('hex')}>>> BDC`);
    if (actual !== undefined) ops.push(`/Span <</ActualText <FEFF${Buffer.from(actual, 'utf16le').swap16().toString('hex')}>>> BDC`);
    if (o.operators === 'TJ') ops.push(i === 0 ? `[${hex}] TJ` : `${hex} '`);
    else ops.push(`1 0 0 1 56 ${800 - i * 14} Tm`, `${hex} Tj`);
    ops.push(actual !== undefined ? 'EMC EMC' : 'EMC');
  });
  ops.push('ET');
  if (o.image !== false) ops.push('q 90 0 0 90 460 700 cm /Im1 Do Q');
  return {
    cmap: new Uint8Array(Buffer.from(font.toUnicode(o.cmapExtra ?? ''), 'latin1')),
    content: new Uint8Array(deflateSync(Buffer.from(ops.join('\n'), 'latin1'))),
  };
}

/**
 * An unsigned licence PDF. Objects: 1 catalog, 2 pages, 3 page, 4 Type0 font, 5 CIDFont, 6 descriptor, 7 ToUnicode,
 * 8 content, 9 image, 10 soft mask, 11 file specification, 12 embedded file, 13 XMP.
 */
export function licencePdf(spec: LicencePdfSpec): Uint8Array {
  const img = spec.qr !== null ? qrImage(spec.qr, spec.image) : undefined;
  const { cmap, content } = pageStreams(spec.lines, {
    image: img !== undefined,
    ...(spec.operators ? { operators: spec.operators } : {}),
    ...(spec.cmapExtra ? { cmapExtra: spec.cmapExtra } : {}),
    ...(spec.actualText ? { actualText: spec.actualText } : {}),
  });
  const cred = spec.credential === null ? undefined : typeof spec.credential === 'string' ? Buffer.from(spec.credential) : Buffer.from(spec.credential);
  const where = spec.credentialIn ?? 'both';
  const fileName = spec.credentialName ?? 'license-credential.jws';
  const names = cred && where !== 'af' ? ` /Names << /EmbeddedFiles << /Names [(${fileName}) 11 0 R] >> >>` : '';
  const af = cred && where !== 'names' ? ' /AF [11 0 R]' : '';
  const meta = spec.xmpIdentifier !== null ? ' /Metadata 13 0 R' : '';
  const compress = spec.compressCredential !== false;
  const objects: PdfObject[] = [
    `<< /Type /Catalog /Pages 2 0 R${names}${af}${meta} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 4 0 R >>${img ? ' /XObject << /Im1 9 0 R >>' : ''} >> /Contents 8 0 R >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /HeyanTestSans /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /HeyanTestSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /CIDToGIDMap /Identity >>',
    '<< /Type /FontDescriptor /FontName /HeyanTestSans /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>',
    { dict: '', data: spec.cmap ?? cmap },
    { dict: '/Filter /FlateDecode', data: content },
    img ? { dict: `${img.image.dict}${img.smask ? ' /SMask 10 0 R' : ''}`, data: img.image.data } : 'null',
    img?.smask ? { dict: img.smask.dict, data: img.smask.data } : 'null',
    cred ? `<< /Type /Filespec /F (${fileName}) /UF <FEFF${Buffer.from(fileName, 'utf16le').swap16().toString('hex').toUpperCase()}> /EF << /F 12 0 R /UF 12 0 R >> /AFRelationship /Source /Desc (licence credential) >>` : 'null',
    cred
      ? { dict: `/Type /EmbeddedFile /Subtype /application#2Fjose${compress ? ' /Filter /FlateDecode' : ''} /Params << /Size ${cred.length} >>`, data: compress ? new Uint8Array(deflateSync(cred)) : new Uint8Array(cred) }
      : 'null',
    spec.xmpIdentifier !== null ? { dict: '/Type /Metadata /Subtype /XML', data: new Uint8Array(Buffer.from(XMP(spec.xmpIdentifier), 'utf8')) } : 'null',
  ];
  return writePdf(objects);
}

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
export const stampPng = (): Uint8Array => new Uint8Array(readFileSync(join(repo, 'fixtures/seal/stamp.png')));

/** signPdf with a visible seal on page 1 (PAdES; SM2 / ECDSA / RSA by the key). */
export function signLicencePdf(pdf: Uint8Array, signer: { key: PrivateKey; certificate: Certificate; chain?: Certificate[] }): Promise<Uint8Array> {
  return signPdf(pdf, { signer, appearance: { page: 1, rect: [130, 220, 40, 40], image: { png: stampPng() } }, signingTime: new Date('2026-03-01T10:00:00Z') });
}

// ---------------------------------------------------------------------------------------------------------------
// OFD

const NS = 'http://www.ofdspec.org/2016';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface LicenceOfdSpec {
  lines: string[];
  credential: string | Uint8Array | null;
  customIdentifier: string | null;
  qr: string | null;
  /** Split each line into TextCodes of at most this many characters (one TextObject per line). */
  codesPerObject?: number;
}

/** An unsigned licence OFD (one document, one A4 page). */
export function licenceOfd(spec: LicenceOfdSpec): Uint8Array {
  const w = new ZipWriter({ date: new Date('2026-03-01T10:00:00Z') });
  const custom = spec.customIdentifier !== null ? `<ofd:CustomDatas><ofd:CustomData Name="licenseIdentifier">${esc(spec.customIdentifier)}</ofd:CustomData></ofd:CustomDatas>` : '';
  w.addFile(
    'OFD.xml',
    Buffer.from(
      `${DECL}<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0123456789abcdef0123456789abcdef</ofd:DocID>` +
        `<ofd:CreationDate>2026-03-01</ofd:CreationDate><ofd:Creator>heyan-test</ofd:Creator>${custom}</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
    ),
  );
  let id = 10;
  const objects: string[] = [];
  const per = spec.codesPerObject ?? 1000;
  spec.lines.forEach((line, i) => {
    const y = 20 + i * 6;
    const cps = [...line];
    const codes: string[] = [];
    for (let k = 0; k < cps.length; k += per) codes.push(`<ofd:TextCode X="${k * 4}" Y="4">${esc(cps.slice(k, k + per).join(''))}</ofd:TextCode>`);
    objects.push(`<ofd:TextObject ID="${id++}" Boundary="20 ${y} 170 6" Font="2" Size="4">${codes.join('')}</ofd:TextObject>`);
  });
  if (spec.qr !== null) objects.push(`<ofd:ImageObject ID="${id++}" Boundary="150 20 30 30" CTM="30 0 0 30 0 0" ResourceID="3"/>`);
  w.addFile('Doc_0/Pages/Page_0/Content.xml', Buffer.from(`${DECL}<ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="4">${objects.join('')}</ofd:Layer></ofd:Content></ofd:Page>`));
  w.addFile('Doc_0/PublicRes.xml', Buffer.from(`${DECL}<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="SimSun" FamilyName="SimSun"/></ofd:Fonts></ofd:Res>`));
  if (spec.qr !== null) {
    w.addFile('Doc_0/DocumentRes.xml', Buffer.from(`${DECL}<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="3" Type="Image" Format="PNG"><ofd:MediaFile>qr.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>`));
    w.addFile('Doc_0/Res/qr.png', renderQr(spec.qr, { format: 'png', scale: 4 }));
  }
  const cred = spec.credential === null ? undefined : typeof spec.credential === 'string' ? Buffer.from(spec.credential) : Buffer.from(spec.credential);
  if (cred) {
    w.addFile(
      'Doc_0/Attachs/Attachments.xml',
      Buffer.from(`${DECL}<ofd:Attachments xmlns:ofd="${NS}"><ofd:Attachment ID="${id++}" Name="license-credential.jws" Format="jws" CreationDate="2026-03-01T10:00:00Z" Size="${(cred.length / 1024).toFixed(3)}"><ofd:FileLoc>license-credential.jws</ofd:FileLoc></ofd:Attachment></ofd:Attachments>`),
    );
    w.addFile('Doc_0/Attachs/license-credential.jws', cred);
  }
  w.addFile(
    'Doc_0/Document.xml',
    Buffer.from(
      `${DECL}<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>` +
        `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>${spec.qr !== null ? '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>' : ''}</ofd:CommonData>` +
        `<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>${cred ? '<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>' : ''}</ofd:Document>`,
    ),
  );
  return w.finish();
}

/** An electronic seal for `signer`, made by `maker` (SES v4, the stamp picture). */
export function testSeal(signer: Certificate, maker: { key: PrivateKey; cert: Certificate }): Uint8Array {
  return createSeal({
    esID: '35010000000001',
    type: 1,
    name: '福州市市场监督管理局证照专用章',
    signerCertificates: [signer],
    picture: { type: 'png', data: stampPng(), widthMm: 40, heightMm: 40 },
    createDate: new Date('2026-01-01T00:00:00Z'),
    validStart: new Date('2026-01-01T00:00:00Z'),
    validEnd: new Date('2036-01-01T00:00:00Z'),
    makerKey: maker.key,
    makerCertificate: maker.cert,
  });
}

export function signLicenceOfd(ofd: Uint8Array, seal: Uint8Array, signer: { key: PrivateKey; certificate: Certificate }): Uint8Array {
  return signOfd({ ofd, seal, key: signer.key, certificate: signer.certificate, signingTime: new Date('2026-03-01T10:00:00Z'), page: 1, at: { x: 120, y: 200 } });
}
