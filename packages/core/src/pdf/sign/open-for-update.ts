// Reads what an incremental update needs through the project's document model (pdf/document): the xref chain as of
// the last revision decides which definition of an object is current — the same view the verifier and viewers have.
// (A body scan that keeps the last `n g obj` in the file, as pdf-lib does, would let an unlisted shadow copy of a
// page be re-serialised into the signed update: the signer would then sign, and make current, a page nobody saw.)
import { FormatError, LimitError, UnsupportedError } from '../../errors.js';
import { certification } from '../document/docmdp.js';
import { signatureFields } from '../document/fields.js';
import { openPdf } from '../document/open.js';
import { pageRefs, type PageRef } from '../document/pages.js';
import { pdfText } from '../document/text.js';
import type { PdfDocument, PdfObj } from '../document/types.js';
import { readTail, type PdfTail } from './read-tail.js';

export interface ObjRef {
  num: number;
  gen: number;
}

export interface PdfForUpdate {
  pdf: Uint8Array;
  tail: PdfTail;
  doc: PdfDocument;
  catalogRef: ObjRef;
  /** Page objects in order. */
  pages: PageRef[];
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

/** Throws FormatError (not a PDF / unreadable), UnsupportedError (encrypted, repaired), LimitError (too large). */
export function openForUpdate(pdf: Uint8Array): PdfForUpdate {
  if (pdf.length > MAX_PDF_BYTES) throw new LimitError(`the PDF has ${pdf.length} bytes; at most ${MAX_PDF_BYTES} are signed`);
  const tail = readTail(pdf);
  if (tail.encrypted) throw new UnsupportedError('the PDF is encrypted: heyan does not sign encrypted PDFs (decrypt it first, e.g. qpdf --decrypt)');
  const doc = openPdf(pdf, { maxBytes: MAX_PDF_BYTES });
  if (doc.encrypted) throw new UnsupportedError('the PDF is encrypted: heyan does not sign encrypted PDFs (decrypt it first, e.g. qpdf --decrypt)');
  // A repaired file has no trustworthy xref: which copy of an object is current is a guess an update must not build on.
  if (doc.repaired) throw new UnsupportedError('the PDF\'s cross-reference data is broken (objects had to be found by scanning): repair it first (e.g. qpdf in.pdf out.pdf), then sign');
  const last = doc.revisions[doc.revisions.length - 1]!;
  const root = last.trailer.get('Root');
  if (root?.t !== 'ref') throw new FormatError('the trailer /Root is not a reference');
  const catalogRef = { num: root.num, gen: root.gen };
  if (doc.unreadable(root.num)) throw new UnsupportedError(`the document catalog (object ${root.num}) cannot be read`);
  if (!doc.catalog()) throw new FormatError('the document catalog is missing');

  const tree = pageRefs(doc);
  if (tree.truncated) throw new FormatError('the page tree cannot be read completely (a broken node, a cycle or a limit)');
  if (tree.refs.length === 0) throw new FormatError('the PDF has no pages');

  const fieldNames = allFieldNames(doc);
  const signatureCount = signatureFields(doc).filter((f) => f.valueDict !== undefined).length;
  const docMdp = certification(doc)?.p;
  let highest = 0;
  for (const n of doc.objectNumbers()) if (n > highest) highest = n;
  return {
    pdf,
    tail,
    doc,
    catalogRef,
    pages: tree.refs,
    fieldNames,
    signatureCount,
    ...(docMdp !== undefined ? { docMdp } : {}),
    nextObject: Math.max(tail.size, highest + 1),
  };
}

/** Fully qualified names of every field under /AcroForm /Fields (any type), bounded and cycle-protected. */
function allFieldNames(doc: PdfDocument): Set<string> {
  const names = new Set<string>();
  const seen = new Set<number>();
  const R = (o: PdfObj | undefined): PdfObj | undefined => doc.resolve(o);
  const walk = (kids: PdfObj | undefined, prefix: string, depth: number): void => {
    const arr = R(kids);
    if (arr?.t !== 'array' || depth > MAX_FIELD_DEPTH) return;
    for (const k of arr.v) {
      if (k.t === 'ref') {
        if (seen.has(k.num)) continue;
        seen.add(k.num);
      }
      if (seen.size > MAX_FIELDS) throw new LimitError('too many form fields');
      const field = R(k);
      if (field?.t !== 'dict') continue;
      const t = pdfText(R(field.v.get('T')));
      const name = t === undefined ? prefix : prefix ? `${prefix}.${t}` : t;
      if (t !== undefined) names.add(name);
      walk(field.v.get('Kids'), name, depth + 1);
    }
  };
  const acro = R(doc.catalog()?.get('AcroForm'));
  if (acro?.t === 'dict') walk(acro.v.get('Fields'), '', 0);
  return names;
}
