// Red-team helpers for licence documents (test/license-document-redteam.test.ts): what an attacker can do to a
// genuine licence PDF / OFD without the issuer's key (incremental updates the change analysis permits, members the
// OFD signatures leave uncovered, a second signer), and pages a signing oracle could be made to sign (text drawn
// invisibly, QR codes hidden past the reader's image budget). Every helper returns new bytes; none re-saves a file.
import { deflateSync } from 'node:zlib';
import type { Certificate } from '../../packages/core/src/pki/certificate.js';
import type { PrivateKey } from '../../packages/core/src/crypto/types.js';
import { CidFont, appendUpdate, qrImage, stampPng, writePdf } from '../../packages/core/src/license/document/test-support.js';
import { signOfd } from '../../packages/core/src/ofd/sign.js';
import { readZip } from '../../packages/core/src/ofd/zip-read.js';
import { ZipWriter } from '../../packages/core/src/ofd/zip-write.js';
import { openPdf, pageRefs, type PdfObj } from '../../packages/core/src/pdf/document/index.js';
import { serializeObj } from '../../packages/core/src/pdf/sign/serialize.js';
import { signPdf } from '../../packages/core/src/pdf/sign/index.js';

export interface Signer {
  key: PrivateKey;
  certificate: Certificate;
  chain?: Certificate[];
}

const L = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Page 1's object number and dictionary (final revision). */
function pageOne(pdf: Uint8Array): { num: number; dict: Map<string, PdfObj> } {
  const doc = openPdf(pdf);
  const ref = pageRefs(doc, undefined, { maxPages: 1 }).refs[0]!;
  const page = doc.resolve({ t: 'ref', num: ref.num, gen: ref.gen });
  if (page?.t !== 'dict') throw new Error('no page 1');
  return { num: ref.num, dict: page.v };
}

/** A second, visible signature after the issuer's: `signer` signs with `png` as its appearance at `rect` (mm). */
export function addVisibleSignature(pdf: Uint8Array, signer: Signer, rect: [number, number, number, number], png = stampPng()): Promise<Uint8Array> {
  return signPdf(pdf, { signer, appearance: { page: 1, rect, image: { png } }, signingTime: new Date('2026-12-30T10:00:00Z') });
}

/** A second, invisible signature after the issuer's. */
export function addInvisibleSignature(pdf: Uint8Array, signer: Signer): Promise<Uint8Array> {
  return signPdf(pdf, { signer, signingTime: new Date('2026-12-30T10:00:00Z') });
}

/** Highest object number in use + 1, read from the final xref (robust for pdf-lib object streams too). */
function nextObject(pdf: Uint8Array): number {
  const doc = openPdf(pdf);
  let max = 0;
  for (const r of doc.revisions) {
    for (const n of r.entries.keys()) max = Math.max(max, n);
    const size = r.trailer.get('Size');
    if (size?.t === 'num') max = Math.max(max, size.v - 1);
  }
  return max + 1;
}

/**
 * A FreeText annotation on page 1 after signing: a white box over `rect` (PDF points) with `text` drawn in it by the
 * annotation's appearance (Helvetica: ASCII only, enough to show another licence number).
 */
export function addFreeTextAnnotation(pdf: Uint8Array, rect: [number, number, number, number], text: string): Uint8Array {
  const page = pageOne(pdf);
  const n = nextObject(pdf);
  const [x1, y1, x2, y2] = rect;
  const w = x2 - x1;
  const h = y2 - y1;
  const ap = `q 1 g 0 0 ${w} ${h} re f Q BT /Helv 10 Tf 0 g 2 ${h / 3} Td (${text}) Tj ET`;
  const annots = page.dict.get('Annots');
  const list = annots?.t === 'array' ? annots.v.map((o) => serializeObj(o)).join(' ') : '';
  const dict = new Map(page.dict);
  dict.delete('Annots');
  const pageText = serializeObj({ t: 'dict', v: dict }).replace(/>>\s*$/, ` /Annots [${list} ${n} 0 R] >>`);
  return appendUpdate(pdf, {
    [page.num]: pageText,
    [n]: `<< /Type /Annot /Subtype /FreeText /Rect [${x1} ${y1} ${x2} ${y2}] /Contents (${text}) /DA (/Helv 10 Tf 0 g) /F 4 /P ${page.num} 0 R /AP << /N ${n + 1} 0 R >> >>`,
    [n + 1]: { dict: `/Type /XObject /Subtype /Form /BBox [0 0 ${w} ${h}] /Resources << /Font << /Helv << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>`, data: new Uint8Array(L(ap)) },
  });
}

/** A second page after signing, drawing `text` (Helvetica). */
export function addPage(pdf: Uint8Array, text: string): Uint8Array {
  const doc = openPdf(pdf);
  const catalog = doc.catalog()!;
  const pagesRef = catalog.get('Pages');
  if (pagesRef?.t !== 'ref') throw new Error('no /Pages');
  const pages = doc.resolve(pagesRef);
  if (pages?.t !== 'dict') throw new Error('bad /Pages');
  const kids = pages.v.get('Kids');
  if (kids?.t !== 'array') throw new Error('no /Kids');
  const n = nextObject(pdf);
  const tree = new Map(pages.v);
  tree.set('Kids', { t: 'array', v: [...kids.v, { t: 'ref', num: n, gen: 0 }] });
  tree.set('Count', { t: 'num', v: kids.v.length + 1, int: true });
  return appendUpdate(pdf, {
    [pagesRef.num]: serializeObj({ t: 'dict', v: tree }),
    [n]: `<< /Type /Page /Parent ${pagesRef.num} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents ${n + 1} 0 R >>`,
    [n + 1]: { dict: '', data: new Uint8Array(L(`BT /F1 24 Tf 72 700 Td (${text}) Tj ET`)) },
  });
}

/** /Info replaced after signing with a /Title naming someone else (viewers show it in the window title). */
export function retitle(pdf: Uint8Array, title: string): Uint8Array {
  const n = nextObject(pdf);
  const text = Buffer.from(pdf).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(text)![1];
  const body = L(`\n${n} 0 obj\n<< /Title <FEFF${Buffer.from(title, 'utf16le').swap16().toString('hex')}> >>\nendobj\n`);
  const at = pdf.length + 1;
  const xref = `xref\n0 1\n0000000000 65535 f \n${n} 1\n${String(at).padStart(10, '0')} 00000 n \n`;
  const tail = L(`${xref}trailer\n<< /Size ${n + 1} /Root ${root} /Info ${n} 0 R /Prev ${prev} >>\nstartxref\n${pdf.length + body.length}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), body, tail]));
}

// ---- pages a signing oracle might be asked to sign (hand-built licence PDFs, test-support's object layout) ----

export interface DrawnLine {
  text: string;
  /** Operators before the show (inside BT, e.g. '3 Tr', '/F1 0 Tf'); reset after the line. */
  state?: string;
}

/**
 * A licence PDF page with per-line graphics state (objects as test-support.licencePdf: 1 catalog … 13 XMP), and
 * `qrs.length` images (QR codes of the given texts, each 60 pt on the page, `scales[i]` pixels per module, default 3).
 */
export function licencePdfDrawn(o: { lines: DrawnLine[]; qrs: string[]; credential: string; identifier: string; scales?: number[] }): Uint8Array {
  const font = new CidFont();
  const ops: string[] = ['BT', '/F1 10 Tf'];
  o.lines.forEach((l, i) => {
    const hex = font.encode(l.text);
    ops.push('q', `1 0 0 1 56 ${800 - i * 14} Tm`, ...(l.state ? [l.state] : []), `${hex} Tj`, '0 Tr /F1 10 Tf 0 g', 'Q');
  });
  ops.push('ET');
  o.qrs.forEach((_, i) => ops.push(`q 60 0 0 60 ${20 + (i % 8) * 65} ${100 + Math.floor(i / 8) * 65} cm /Im${i} Do Q`));
  const images = o.qrs.map((t, i) => qrImage(t, { scale: o.scales?.[i] ?? 3 }).image);
  const base = 14;
  const xobjects = images.map((_, i) => `/Im${i} ${base + i} 0 R`).join(' ');
  const cred = Buffer.from(o.credential);
  const xmp =
    `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:hy="urn:heyan:license:1.0"><hy:identifier>${o.identifier}</hy:identifier></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(license-credential.jws) 11 0 R] >> >> /AF [11 0 R] /Metadata 13 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 4 0 R >> /XObject << ${xobjects} >> >> /Contents 8 0 R >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /HeyanTestSans /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /HeyanTestSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /CIDToGIDMap /Identity >>',
    '<< /Type /FontDescriptor /FontName /HeyanTestSans /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>',
    { dict: '', data: new Uint8Array(L(font.toUnicode())) },
    { dict: '/Filter /FlateDecode', data: new Uint8Array(deflateSync(L(ops.join('\n')))) },
    'null',
    'null',
    '<< /Type /Filespec /F (license-credential.jws) /EF << /F 12 0 R >> /AFRelationship /Source >>',
    { dict: '/Type /EmbeddedFile /Subtype /application#2Fjose', data: new Uint8Array(cred) },
    { dict: '/Type /Metadata /Subtype /XML', data: new Uint8Array(Buffer.from(xmp, 'utf8')) },
    ...images,
  ];
  return writePdf(objects);
}

// ---- OFD ----

/** The OFD with members changed, added (`add`) or dropped (change returns null); every other member as it was. */
export function rewriteOfd(bytes: Uint8Array, change: (name: string, data: Uint8Array) => Uint8Array | null = (_, d) => d, add: Record<string, Uint8Array | string> = {}): Uint8Array {
  const zip = readZip(bytes);
  const out = new ZipWriter();
  for (const e of zip.entries) {
    if (e.isDirectory) {
      out.addDirectory(e.name);
      continue;
    }
    const d = change(e.name, zip.read(e));
    if (d) out.addFile(e.name, d);
  }
  for (const [name, d] of Object.entries(add)) out.addFile(name, typeof d === 'string' ? new TextEncoder().encode(d) : d);
  return out.finish();
}

export const ofdText = (bytes: Uint8Array, member: string): string => {
  const zip = readZip(bytes);
  const e = zip.entry(member);
  if (!e) throw new Error(`no ${member}`);
  return new TextDecoder().decode(zip.read(e));
};

export const ofdMembers = (bytes: Uint8Array): string[] => readZip(bytes).entries.filter((e) => !e.isDirectory).map((e) => e.name);

/** A second seal on page 1 by another sealer (ContinueSign: the issuer's seal stays, Signatures.xml gains one). */
export function addOfdSeal(ofd: Uint8Array, seal: Uint8Array, signer: Signer, at: { x: number; y: number }): Uint8Array {
  return signOfd({ ofd, seal, key: signer.key, certificate: signer.certificate, page: 1, at, signingTime: new Date('2026-12-30T10:00:00Z') });
}
