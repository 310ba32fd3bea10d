// Whether verify() loads the licence layer for a PDF or OFD. For what the verifier opened the test looks where the
// layer looks (verify.ts: a PDF's catalog here, an OFD's parts read from its package); the byte search below is for
// files that could not be opened: bytes a licence document cannot lack — a PDF's embedded file stream key, the file
// name, the XMP namespace; an OFD's member names (an attachment list or the credential file). False positives only
// cost the layer's own look (it then finds no licence parts and the report stays a plain one).
import type { PdfDocument } from '../../pdf/document/index.js';
import { CREDENTIAL_FILE_NAME, XMP_LICENSE_NS } from './names.js';

const PDF_MARKERS = ['EmbeddedFile', CREDENTIAL_FILE_NAME, XMP_LICENSE_NS].map((s) => Buffer.from(s, 'latin1'));
const OFD_MARKERS = ['Attach', CREDENTIAL_FILE_NAME].map((s) => Buffer.from(s, 'latin1'));

/** True when the document may carry licence parts (then the licence layer is worth loading). */
export function mayBeLicenseDocument(format: 'pdf' | 'ofd', bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (format === 'pdf' ? PDF_MARKERS : OFD_MARKERS).some((m) => b.indexOf(m) >= 0);
}

const NS = Buffer.from(XMP_LICENSE_NS, 'latin1');

/**
 * The same test for a PDF the verifier has opened, from its catalog instead of three scans of the whole file: an
 * associated file (/AF), an /EmbeddedFiles name tree, or XMP metadata naming the licence namespace (a compressed
 * metadata stream is left to the layer, which decodes it within its budgets). These are exactly where the layer looks
 * (pdf-embedded.ts), so no licence document is missed that the layer would read — also one whose file specification
 * sits in an object stream. Falls back to the byte search when the catalog cannot be read.
 */
export function pdfMayBeLicenseDocument(doc: PdfDocument, bytes: Uint8Array): boolean {
  try {
    const catalog = doc.catalog();
    if (!catalog) return mayBeLicenseDocument('pdf', bytes);
    if (catalog.has('AF')) return true;
    // As the layer reads it (PdfReadContext.dict): a dictionary, or the dictionary of a stream.
    const names = doc.resolve(catalog.get('Names'));
    const namesDict = names?.t === 'dict' ? names.v : names?.t === 'stream' ? names.dict : undefined;
    if (namesDict?.has('EmbeddedFiles')) return true;
    const meta = doc.resolve(catalog.get('Metadata'));
    if (meta?.t !== 'stream') return false;
    if (meta.dict.has('Filter')) return true;
    const raw = doc.streamData(meta, false);
    return raw !== undefined && Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).indexOf(NS) >= 0;
  } catch {
    return mayBeLicenseDocument('pdf', bytes);
  }
}
