// Licence documents (licence PDF / OFD): reading their licence parts and verifying them against the embedded
// credential. See README.md.
export { readPdfLicenseParts } from './read-pdf.js';
export { readOfdLicenseParts } from './read-ofd.js';
export { verifyLicenseDocument, type LicenseDocumentOptions, type LicenseDocumentLayer, type DocumentVerification } from './verify-document.js';
export { mayBeLicenseDocument } from './sniff.js';
export { LICENSE_DOCUMENT_CHECKS } from './checks.js';
export { CREDENTIAL_FILE_NAME, XMP_LICENSE_NS, OFD_IDENTIFIER_DATA } from './names.js';
export type { LicenseDocumentParts, PdfLicenseParts, OfdLicenseParts, LicenseParts, ReadOptions } from './types.js';
