// Lays out the incremental update of one signature or document timestamp: signature dictionary with a zero-filled
// /Contents placeholder and a fixed-width /ByteRange, the field/widget, the appearance, and the changed page, /Annots,
// /AcroForm, /Fields and catalog objects. Earlier signatures' objects are never rewritten; only the /Fields and
// /Annots arrays (or the dictionaries holding them directly) gain an entry.
import { PDFDict, PDFName, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';
import { FormatError } from '../../errors.js';
import type { ByteRange } from '../byte-range.js';
import type { ImageXObject } from './image-xobject.js';
import { writeIncrementalUpdate, type UpdateObject } from './incremental-update.js';
import { lookupArray, lookupDict, serialize, type PdfForUpdate } from './open-for-update.js';
import { pdfNumber, pdfTextString, ref } from './pdf-syntax.js';

export interface LayoutInput {
  /** Signature dictionary entries other than /ByteRange and /Contents (e.g. `/Type /Sig /Filter … /M (…)`). */
  sigEntries: string;
  /** Bytes reserved for the CMS (the hex placeholder has twice as many digits). */
  contentsCapacity: number;
  fieldName: string;
  /** 0-based page index and rectangle in PDF user space (points); absent: invisible on page 1. */
  appearance?: { pageIndex: number; rect: [number, number, number, number]; image: ImageXObject };
  /** DocMDP P: adds /Reference to the signature dictionary and /Perms /DocMDP to the catalog. */
  certify?: 1 | 2 | 3;
}

export interface Layout {
  bytes: Uint8Array;
  byteRange: ByteRange;
  /** Offset of the first hex digit inside `/Contents <…>`. */
  contentsHexStart: number;
  contentsCapacity: number;
}

/** Width reserved between `[` and `]` for "0 a b c" with up to 10-digit numbers. */
const BYTE_RANGE_WIDTH = 34;
const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');

export function layoutUpdate(doc: PdfForUpdate, input: LayoutInput): Layout {
  const { context } = doc;
  let next = doc.nextObject;
  const alloc = (): number => next++;
  const objects: UpdateObject[] = [];
  const add = (num: number, body: Uint8Array | string, gen = 0): void => {
    objects.push({ num, gen, body: typeof body === 'string' ? enc(body) : body });
  };
  const rewrite = (r: PDFRef, o: PDFObject): void => {
    const i = objects.findIndex((x) => x.num === r.objectNumber);
    if (i >= 0) objects.splice(i, 1);
    add(r.objectNumber, serialize(o), r.generationNumber);
  };

  const sigNum = alloc();
  const widgetNum = alloc();
  const pageIndex = input.appearance?.pageIndex ?? 0;
  const page = doc.pages[pageIndex];
  if (!page) throw new FormatError(`page ${pageIndex + 1} does not exist (the document has ${doc.pages.length})`);

  // Signature dictionary.
  const reference = input.certify
    ? ` /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${input.certify} /V /1.2 >> >>]`
    : '';
  const sigBody = `<< ${input.sigEntries}${reference} /ByteRange [${' '.repeat(BYTE_RANGE_WIDTH)}] /Contents <${'0'.repeat(input.contentsCapacity * 2)}> >>`;
  add(sigNum, sigBody);

  // Field merged with its widget annotation. /F 132 = Print + Locked.
  let rect = '[0 0 0 0]';
  let ap = '';
  if (input.appearance) {
    const [x0, y0, x1, y1] = input.appearance.rect;
    rect = `[${[x0, y0, x1, y1].map(pdfNumber).join(' ')}]`;
    const img = input.appearance.image;
    const imgNum = alloc();
    let smask = '';
    if (img.smask) {
      const smaskNum = alloc();
      add(smaskNum, streamBody(img.smask.dict, img.smask.data));
      smask = ` /SMask ${ref(smaskNum)}`;
    }
    add(imgNum, streamBody(img.dict + smask, img.data));
    const w = x1 - x0;
    const h = y1 - y0;
    // Fit the image into the box keeping its aspect ratio, centred.
    const aspect = img.width / img.height;
    const dw = Math.min(w, h * aspect);
    const dh = dw / aspect;
    const content = `q ${pdfNumber(dw)} 0 0 ${pdfNumber(dh)} ${pdfNumber((w - dw) / 2)} ${pdfNumber((h - dh) / 2)} cm /Im0 Do Q`;
    const formNum = alloc();
    add(
      formNum,
      streamBody(`/Type /XObject /Subtype /Form /FormType 1 /BBox [0 0 ${pdfNumber(w)} ${pdfNumber(h)}] /Resources << /XObject << /Im0 ${ref(imgNum)} >> >>`, enc(content)),
    );
    ap = ` /AP << /N ${ref(formNum)} >>`;
  }
  add(
    widgetNum,
    `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${pdfTextString(input.fieldName)} /V ${ref(sigNum)} /F 132 /P ${ref(page.ref.objectNumber, page.ref.generationNumber)} /Rect ${rect}${ap} >>`,
  );
  const widgetRef = PDFRef.of(widgetNum);

  // The page's /Annots gains the widget.
  const annotsRaw = page.dict.get(PDFName.of('Annots'));
  const annotsArr = lookupArray(context, annotsRaw);
  if (annotsRaw instanceof PDFRef && annotsArr) {
    annotsArr.push(widgetRef);
    rewrite(annotsRaw, annotsArr);
  } else {
    if (annotsArr) annotsArr.push(widgetRef);
    else page.dict.set(PDFName.of('Annots'), context.obj([widgetRef]));
    rewrite(page.ref, page.dict);
  }

  // /AcroForm /Fields gains the field; /SigFlags 3 (SignaturesExist | AppendOnly).
  let catalogChanged = false;
  const acroRaw = doc.catalog.get(PDFName.of('AcroForm'));
  let acro = lookupDict(context, acroRaw);
  if (!acro) {
    acro = context.obj({}) as PDFDict;
    doc.catalog.set(PDFName.of('AcroForm'), acro);
    catalogChanged = true;
  }
  const fieldsRaw = acro.get(PDFName.of('Fields'));
  const fields = lookupArray(context, fieldsRaw);
  let acroChanged = false;
  if (fieldsRaw instanceof PDFRef && fields) {
    fields.push(widgetRef);
    rewrite(fieldsRaw, fields);
  } else {
    if (fields) fields.push(widgetRef);
    else acro.set(PDFName.of('Fields'), context.obj([widgetRef]));
    acroChanged = true;
  }
  const sigFlags = acro.get(PDFName.of('SigFlags'));
  if (!(sigFlags instanceof PDFNumber) || (sigFlags.asNumber() & 3) !== 3) {
    acro.set(PDFName.of('SigFlags'), PDFNumber.of(((sigFlags instanceof PDFNumber ? sigFlags.asNumber() : 0) | 3) >>> 0));
    acroChanged = true;
  }
  if (acroChanged) {
    if (acroRaw instanceof PDFRef && !catalogChanged) rewrite(acroRaw, acro);
    else catalogChanged = true;
  }

  if (input.certify) {
    const permsRaw = doc.catalog.get(PDFName.of('Perms'));
    const perms = lookupDict(context, permsRaw) ?? (context.obj({}) as PDFDict);
    perms.set(PDFName.of('DocMDP'), PDFRef.of(sigNum));
    if (permsRaw instanceof PDFRef) rewrite(permsRaw, perms);
    else {
      doc.catalog.set(PDFName.of('Perms'), perms);
      catalogChanged = true;
    }
  }
  if (catalogChanged) rewrite(doc.catalogRef, doc.catalog);

  const size = doc.tail.kind === 'stream' ? next + 1 : next;
  const written = writeIncrementalUpdate(doc.pdf, doc.tail, objects, size);
  const bytes = written.bytes;
  const sigAt = written.bodyOffsets.get(sigNum)!;
  const brAt = sigAt + sigBody.indexOf('/ByteRange [') + '/ByteRange ['.length;
  const lt = sigAt + sigBody.indexOf('/Contents <') + '/Contents '.length;
  const gtEnd = lt + 2 + input.contentsCapacity * 2;
  const byteRange: ByteRange = [0, lt, gtEnd, bytes.length - gtEnd];
  const brText = byteRange.join(' ').padEnd(BYTE_RANGE_WIDTH, ' ');
  if (brText.length > BYTE_RANGE_WIDTH) throw new FormatError('the signed PDF would be too large for a 10-digit /ByteRange');
  bytes.set(enc(brText), brAt);
  return { bytes, byteRange, contentsHexStart: lt + 1, contentsCapacity: input.contentsCapacity };
}

function streamBody(dict: string, data: Uint8Array): Uint8Array {
  return Buffer.concat([enc(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, enc('\nendstream')]);
}

/** Writes the CMS (hex, upper case) into the placeholder; the rest stays zero. Throws when it does not fit. */
export function fillContents(layout: Layout, cms: Uint8Array): void {
  if (cms.length > layout.contentsCapacity) throw new FormatError(`the CMS (${cms.length} bytes) does not fit the ${layout.contentsCapacity}-byte placeholder`);
  layout.bytes.set(enc(Buffer.from(cms).toString('hex').toUpperCase()), layout.contentsHexStart);
}

