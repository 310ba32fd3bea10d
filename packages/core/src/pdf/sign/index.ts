export type { PdfAppearance, PdfSealImage, PdfSignerIdentity, PdfSubFilter, SignPdfOptions, TimestampPdfOptions } from './types.js';
export { signPdf, PLACEHOLDER_MARGIN } from './sign-pdf.js';
export { timestampPdf } from './timestamp-pdf.js';
