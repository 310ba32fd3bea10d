// writeOfd: a one-document OFD package (GB/T 33190-2016) from pages of text, path and image objects, embedded
// fonts, PNG images, attachments and DocInfo metadata. Laid out as ofdrw lays out its output (directory entries,
// Doc_0/ with Document.xml, PublicRes.xml, DocumentRes.xml, Res/, Pages/Page_N/Content.xml, Attachs/), every part
// in the OFD namespace with the `ofd:` prefix. IDs come from one counter (pages first, then fonts, images, each
// page's layer and objects, attachments) and MaxUnitID is the last one, so the signer's IDs start above them.
// Deterministic: the same input gives the same bytes (member order fixed, ZIP times = creationDate, DocID derived
// from the content unless given).
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { FormatError, LimitError } from '../../errors.js';
import { ZipWriter } from '../zip-write.js';
import { attachmentsXml, type AttachmentEntry } from './attachments-xml.js';
import { documentXml } from './document-xml.js';
import { readFontMetrics, type FontMetrics } from './font-metrics.js';
import { OFD_WRITE_LIMITS as L } from './limits.js';
import { DOC_ID_PLACEHOLDER, ofdXml } from './ofd-xml.js';
import { pageContent, type PageContent, type PageFont } from './page-content.js';
import { documentResXml, publicResXml, type FontResource, type ImageResource } from './res-xml.js';
import type { OfdFontInput, OfdWriteInput } from './types.js';
import { checkPositiveMm, xmlText } from './xml-text.js';

const UTF8 = new TextEncoder();
const A4 = { widthMm: 210, heightMm: 297 } as const;
const DOC = 'Doc_0/';
const PLAIN_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;

function bytesOf(b: unknown, what: string): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new FormatError(`${what} must be bytes`);
  if (b.length > L.maxMemberBytes) throw new LimitError(`${what} of ${b.length} bytes exceeds the ${L.maxMemberBytes}-byte member limit`);
  return b;
}

function sha256Hex(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Throw FormatError unless `b` is a PNG with a non-empty IHDR. */
function checkPng(b: Uint8Array, what: string): void {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const ok = b.length >= 33 && sig.every((v, i) => b[i] === v) && String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) === 'IHDR';
  if (!ok) throw new FormatError(`${what} is not a PNG image`);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (view.getUint32(16) === 0 || view.getUint32(20) === 0) throw new FormatError(`${what} is a PNG of zero size`);
}

interface UsedFont extends PageFont {
  input: OfdFontInput;
}

/**
 * Write an OFD package. Throws FormatError for input it cannot write faithfully (unknown font key, a character the
 * font has no glyph for, text XML cannot hold, a non-PNG image, bad numbers) and LimitError beyond OFD_WRITE_LIMITS
 * or the reader's limits.
 */
export function writeOfd(input: OfdWriteInput): Uint8Array {
  if (input === null || typeof input !== 'object') throw new FormatError('writeOfd: no input');
  const created = input.creationDate;
  if (!(created instanceof Date) || Number.isNaN(created.getTime())) throw new FormatError('writeOfd: creationDate is not a valid date');
  const info = input.info ?? {};
  if (info.docId !== undefined && !/^[0-9A-Fa-f]{32}$/.test(info.docId)) throw new FormatError('DocID must be 32 hexadecimal digits');
  const pages = input.pages;
  if (!Array.isArray(pages) || pages.length === 0) throw new FormatError('an OFD document needs at least one page');
  if (pages.length > L.maxPages) throw new LimitError(`${pages.length} pages, over the limit of ${L.maxPages}`);
  const fonts = input.fonts ?? [];
  if (!Array.isArray(fonts)) throw new FormatError('fonts is not a list');
  if (fonts.length > L.maxFonts) throw new LimitError(`${fonts.length} fonts, over the limit of ${L.maxFonts}`);
  const attachments = input.attachments ?? [];
  if (!Array.isArray(attachments)) throw new FormatError('attachments is not a list');
  if (attachments.length > L.maxAttachments) throw new LimitError(`${attachments.length} attachments, over the limit of ${L.maxAttachments}`);
  const area = input.pageArea ?? A4;
  checkPositiveMm(area.widthMm, 'page area width');
  checkPositiveMm(area.heightMm, 'page area height');

  let lastId = 0;
  const nextId = (): number => ++lastId;
  const pageIds = pages.map(() => nextId());

  // Fonts: only those a (non-empty) text uses are embedded, in the order given.
  const byKey = new Map<string, OfdFontInput>();
  for (const f of fonts) {
    if (typeof f?.key !== 'string' || f.key === '') throw new FormatError('a font has no key');
    if (byKey.has(f.key)) throw new FormatError(`font key ${JSON.stringify(f.key)} is given twice`);
    byKey.set(f.key, f);
  }
  const usedKeys = new Set<string>();
  const pngs: Uint8Array[] = [];
  pages.forEach((p, i) => {
    if (!Array.isArray(p?.objects)) throw new FormatError(`page ${i + 1}: objects is not a list`);
    if (p.objects.length > L.maxObjectsPerPage) throw new LimitError(`page ${i + 1} has ${p.objects.length} objects, over the limit of ${L.maxObjectsPerPage}`);
    for (const o of p.objects) {
      if (o?.kind === 'text' && o.text !== '') {
        if (!byKey.has(o.font)) throw new FormatError(`page ${i + 1}: a text uses the font ${JSON.stringify(o.font)}, which is not given`);
        usedKeys.add(o.font);
      } else if (o?.kind === 'image') pngs.push(o.png);
    }
  });
  const used = new Map<string, UsedFont>();
  for (const f of fonts) {
    if (!usedKeys.has(f.key)) continue;
    const data = bytesOf(f.data, `font ${JSON.stringify(f.key)}`);
    const metrics: FontMetrics = readFontMetrics(data);
    used.set(f.key, { id: nextId(), metrics, input: f });
  }

  // Images: one resource per distinct PNG, in order of first use.
  const images = new Map<string, ImageResource & { data: Uint8Array }>();
  const known = new Map<Uint8Array, string>();
  for (const png of pngs) {
    if (known.has(png)) continue;
    const data = bytesOf(png, 'an image');
    checkPng(data, 'an image');
    const hash = sha256Hex(data);
    known.set(png, hash);
    if (images.has(hash)) continue;
    if (images.size >= L.maxImages) throw new LimitError(`more than ${L.maxImages} distinct images`);
    const id = nextId();
    images.set(hash, { id, file: `image_${id}.png`, data });
  }

  const contents: PageContent[] = [];
  let contentBytes = 0;
  pages.forEach((p, i) => {
    const c = pageContent(p, i, { nextId, area, font: (key) => used.get(key)!, image: (png) => images.get(known.get(png)!)!.id });
    contentBytes += c.xml.length;
    if (contentBytes > L.maxTotalBytes) throw new LimitError(`the pages would hold more than ${L.maxTotalBytes} bytes`);
    contents.push(c);
  });

  // Attachments.
  const files = new Set<string>();
  const attachList: (AttachmentEntry & { data: Uint8Array })[] = attachments.map((a, i) => {
    const what = `attachment ${i + 1}`;
    if (typeof a?.name !== 'string' || a.name.trim() === '') throw new FormatError(`${what} has no name`);
    xmlText(a.name, `${what} name`);
    if (a.format !== undefined) xmlText(a.format, `${what} format`);
    const data = bytesOf(a.data, what);
    const id = nextId();
    let file: string;
    if (a.fileName !== undefined) {
      if (typeof a.fileName !== 'string' || !PLAIN_FILE.test(a.fileName)) throw new FormatError(`${what}: file name ${JSON.stringify(a.fileName)} is not a plain file name ([A-Za-z0-9._-], at most 100)`);
      file = a.fileName;
    } else if (PLAIN_FILE.test(a.name)) file = a.name;
    else file = `attachment_${id}${a.format !== undefined && /^[A-Za-z0-9]{1,10}$/.test(a.format) ? `.${a.format}` : ''}`;
    if (file.toLowerCase() === 'attachments.xml' || files.has(file.toLowerCase())) {
      if (a.fileName !== undefined) throw new FormatError(`${what}: file name ${JSON.stringify(file)} is already used`);
      file = `attachment_${id}`;
    }
    files.add(file.toLowerCase());
    return { id, name: a.name, ...(a.format !== undefined ? { format: a.format } : {}), creationDate: created, bytes: data.length, visible: a.visible ?? true, file, data };
  });

  const fontRes: (FontResource & { data: Uint8Array })[] = [...used.values()].map((f) => {
    const fontName = f.input.fontName ?? f.metrics.postscriptName ?? f.metrics.familyName ?? `Font${f.id}`;
    const familyName = f.input.familyName ?? f.metrics.familyName;
    return {
      id: f.id,
      fontName,
      ...(familyName !== undefined ? { familyName } : {}),
      bold: f.input.bold === true,
      italic: f.input.italic === true,
      file: `font_${f.id}.${f.metrics.format}`,
      data: f.input.data,
    };
  });

  // Members in their fixed order; directories as ofdrw writes them.
  const members: [string, Uint8Array | null, 'deflate' | 'store'][] = [];
  const dir = (name: string): void => void members.push([name, null, 'store']);
  const file = (name: string, data: Uint8Array | string, method: 'deflate' | 'store' = 'deflate'): void => void members.push([name, typeof data === 'string' ? UTF8.encode(data) : data, method]);
  const attachDir = `${DOC}Attachs/`;
  file('OFD.xml', ofdXml(info, created, `${DOC}Document.xml`));
  dir(DOC);
  file(
    `${DOC}Document.xml`,
    documentXml({
      maxUnitId: lastId,
      area,
      ...(fontRes.length ? { publicRes: 'PublicRes.xml' } : {}),
      ...(images.size ? { documentRes: 'DocumentRes.xml' } : {}),
      pages: pageIds.map((id, i) => ({ id, baseLoc: `Pages/Page_${i}/Content.xml` })),
      ...(attachList.length ? { attachments: 'Attachs/Attachments.xml' } : {}),
    }),
  );
  if (fontRes.length) file(`${DOC}PublicRes.xml`, publicResXml(fontRes));
  if (images.size) file(`${DOC}DocumentRes.xml`, documentResXml([...images.values()]));
  dir(`${DOC}Pages/`);
  contents.forEach((c, i) => {
    dir(`${DOC}Pages/Page_${i}/`);
    file(`${DOC}Pages/Page_${i}/Content.xml`, c.xml);
  });
  if (fontRes.length || images.size) dir(`${DOC}Res/`);
  for (const f of fontRes) file(`${DOC}Res/${f.file}`, f.data);
  for (const m of images.values()) file(`${DOC}Res/${m.file}`, m.data, 'store');
  if (attachList.length) {
    dir(attachDir);
    file(`${attachDir}Attachments.xml`, attachmentsXml(attachList));
    for (const a of attachList) file(`${attachDir}${a.file}`, a.data);
  }

  if (members.length > L.maxMembers) throw new LimitError(`the package would have ${members.length} members, over the limit of ${L.maxMembers}`);
  let total = 0;
  for (const [name, data] of members) {
    if (!data) continue;
    if (name.endsWith('.xml') && data.length > L.maxXmlBytes) throw new LimitError(`${name} would be ${data.length} bytes, over the ${L.maxXmlBytes}-byte XML limit`);
    total += data.length;
  }
  if (total > L.maxTotalBytes) throw new LimitError(`the package would hold ${total} bytes, over the ${L.maxTotalBytes}-byte limit`);

  // DocID: given, or derived from every other byte of the package (OFD.xml with the placeholder included).
  let docId = info.docId?.toLowerCase();
  if (docId === undefined) {
    const h = createHash('sha256').update('heyan OFD DocID\u0000');
    for (const [name, data] of members) {
      h.update(`${name}\u0000${data ? data.length : -1}\u0000`);
      if (data) h.update(data);
    }
    docId = h.digest('hex').slice(0, 32);
  }
  const ofd = members[0]!;
  ofd[1] = UTF8.encode(new TextDecoder().decode(ofd[1]!).replace(`<ofd:DocID>${DOC_ID_PLACEHOLDER}</ofd:DocID>`, `<ofd:DocID>${docId}</ofd:DocID>`));

  const w = new ZipWriter({ date: created });
  for (const [name, data, method] of members) {
    if (!data) w.addDirectory(name);
    else if (method === 'store') w.addFile(name, data, { method: 'store' });
    else addDeflated(w, name, data);
  }
  return w.finish();
}

/** Deflate, unless the member is large and would compress beyond the reader's bomb ratio: then store it. */
function addDeflated(w: ZipWriter, name: string, data: Uint8Array): void {
  const packed = deflateRawSync(data, { level: 6 });
  if (data.length > L.ratioFloorBytes && data.length / Math.max(1, packed.length) > L.maxCompressionRatio) {
    w.addFile(name, data, { method: 'store' });
    return;
  }
  w.addRaw(name, { method: 8, crc32: crc32(data) >>> 0, compressedSize: packed.length, uncompressedSize: data.length, data: packed });
}
