export type { PdfAppearance, PdfSealImage, PdfSignerIdentity, PdfSubFilter, SignPdfOptions, TimestampPdfOptions } from './types.js';
export { signPdf, PLACEHOLDER_MARGIN, TIMESTAMP_TOKEN_RESERVE } from './sign-pdf.js';
export { timestampPdf } from './timestamp-pdf.js';
export { PdfPlacementError } from './placement-error.js';
