// Reads what an incremental update needs, through pdf-lib (reading only: pdf-lib's save() would rewrite the file).
// Objects that the update changes are re-serialised from pdf-lib's parse of their latest version.
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFContext, type PDFObject } from 'pdf-lib';
import { FormatError, LimitError, UnsupportedError } from '../../errors.js';
import { readTail, type PdfTail } from './read-tail.js';

export interface PdfForUpdate {
  pdf: Uint8Array;
  tail: PdfTail;
  context: PDFContext;
  catalogRef: PDFRef;
  catalog: PDFDict;
  /** Page objects in order. */
  pages: { ref: PDFRef; dict: PDFDict }[];
  /** Fully qualified names of every field. */
  fieldNames: Set<string>;
  /** Filled signature fields (/FT /Sig with /V), document timestamps included. */
  signatureCount: number;
  /** DocMDP permissions of a certification signature, when the document has one. */
  docMdp?: 1 | 2 | 3;
  /** One past the highest object number in use. */
  nextObject: number;
}

/** Largest input accepted. */
export const MAX_PDF_BYTES = 512 * 1024 * 1024;
const MAX_FIELDS = 100_000;
const MAX_FIELD_DEPTH = 64;

/** Throws FormatError (not a PDF / unreadable), UnsupportedError (encrypted), LimitError (too large). */
export async function openForUpdate(pdf: Uint8Array): Promise<PdfForUpdate> {
  if (pdf.length > MAX_PDF_BYTES) throw new LimitError(`the PDF has ${pdf.length} bytes; at most ${MAX_PDF_BYTES} are signed`);
  const tail = readTail(pdf);
  if (tail.encrypted) throw new UnsupportedError('the PDF is encrypted: heyan does not sign encrypted PDFs (decrypt it first, e.g. qpdf --decrypt)');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (e) {
    throw new FormatError(`the PDF cannot be read: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const context = doc.context;
  const catalogRef = context.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new FormatError('the trailer /Root is not a reference');
  const catalog = context.lookup(catalogRef);
  if (!(catalog instanceof PDFDict)) throw new FormatError('the document catalog is missing');

  let pages: { ref: PDFRef; dict: PDFDict }[];
  try {
    pages = doc.getPages().map((p) => ({ ref: p.ref, dict: p.node }));
  } catch (e) {
    throw new FormatError(`the page tree cannot be read: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (pages.length === 0) throw new FormatError('the PDF has no pages');

  const fieldNames = new Set<string>();
  let signatureCount = 0;
  const seen = new Set<PDFObject>();
  const walk = (kids: PDFArray | undefined, prefix: string, inheritedFt: string | undefined, depth: number): void => {
    if (!kids || depth > MAX_FIELD_DEPTH) return;
    for (let i = 0; i < kids.size(); i++) {
      const raw = kids.get(i);
      const field = context.lookup(raw);
      if (!(field instanceof PDFDict) || seen.has(field)) continue;
      seen.add(field);
      if (seen.size > MAX_FIELDS) throw new LimitError('too many form fields');
      const t = textOf(field.get(PDFName.of('T')));
      const name = t === undefined ? prefix : prefix ? `${prefix}.${t}` : t;
      const ftObj = field.get(PDFName.of('FT'));
      const ft = ftObj instanceof PDFName ? ftObj.decodeText() : inheritedFt;
      if (t !== undefined) fieldNames.add(name);
      if (ft === 'Sig' && field.get(PDFName.of('V')) !== undefined) signatureCount++;
      walk(lookupArray(context, field.get(PDFName.of('Kids'))), name, ft, depth + 1);
    }
  };
  const acroForm = lookupDict(context, catalog.get(PDFName.of('AcroForm')));
  walk(lookupArray(context, acroForm?.get(PDFName.of('Fields'))), '', undefined, 0);

  const docMdp = readDocMdp(context, catalog);
  return {
    pdf,
    tail,
    context,
    catalogRef,
    catalog,
    pages,
    fieldNames,
    signatureCount,
    ...(docMdp !== undefined ? { docMdp } : {}),
    nextObject: Math.max(tail.size, context.largestObjectNumber + 1),
  };
}

/** /Root /Perms /DocMDP → signature dictionary → /Reference → DocMDP /TransformParams /P (default 2, ISO 32000-1 Table 254). */
function readDocMdp(context: PDFContext, catalog: PDFDict): 1 | 2 | 3 | undefined {
  const perms = lookupDict(context, catalog.get(PDFName.of('Perms')));
  const sig = lookupDict(context, perms?.get(PDFName.of('DocMDP')));
  if (!sig) return undefined;
  const refs = lookupArray(context, sig.get(PDFName.of('Reference')));
  for (let i = 0; refs && i < refs.size(); i++) {
    const r = lookupDict(context, refs.get(i));
    const method = r?.get(PDFName.of('TransformMethod'));
    if (!(method instanceof PDFName) || method.decodeText() !== 'DocMDP') continue;
    const p = lookupDict(context, r!.get(PDFName.of('TransformParams')))?.get(PDFName.of('P'));
    const n = p instanceof PDFNumber ? p.asNumber() : 2;
    return n === 1 || n === 3 ? n : 2;
  }
  return 2;
}

export function lookupDict(context: PDFContext, o: PDFObject | undefined): PDFDict | undefined {
  const v = o === undefined ? undefined : context.lookup(o);
  return v instanceof PDFDict ? v : undefined;
}

export function lookupArray(context: PDFContext, o: PDFObject | undefined): PDFArray | undefined {
  const v = o === undefined ? undefined : context.lookup(o);
  return v instanceof PDFArray ? v : undefined;
}

function textOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
}

/** The exact bytes pdf-lib writes for an object (latin-1 safe: strings keep their raw bytes). */
export function serialize(o: PDFObject): Uint8Array {
  const out = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(out, 0);
  return out;
}
