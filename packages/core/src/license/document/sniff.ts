// The cheap test verify() runs on every PDF and OFD before loading the licence layer: bytes that a licence document
// cannot lack, found by a plain byte search (no parsing). A PDF: the embedded file stream's /Type /EmbeddedFile
// (streams are never inside object streams, so the key is always in the clear), the file name, or the XMP namespace
// (metadata streams are usually uncompressed). An OFD: the ZIP central directory's member names (never compressed):
// an attachment list or the credential file. False positives only cost the layer's own look (it then finds no
// licence parts and the report stays a plain one).
import { CREDENTIAL_FILE_NAME, XMP_LICENSE_NS } from './names.js';

const PDF_MARKERS = ['EmbeddedFile', CREDENTIAL_FILE_NAME, XMP_LICENSE_NS].map((s) => Buffer.from(s, 'latin1'));
const OFD_MARKERS = ['Attach', CREDENTIAL_FILE_NAME].map((s) => Buffer.from(s, 'latin1'));

/** True when the document may carry licence parts (then the licence layer is worth loading). */
export function mayBeLicenseDocument(format: 'pdf' | 'ofd', bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (format === 'pdf' ? PDF_MARKERS : OFD_MARKERS).some((m) => b.indexOf(m) >= 0);
}
