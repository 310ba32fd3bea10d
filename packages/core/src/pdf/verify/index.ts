export { verifyPdf } from './verify-pdf.js';
export type { PdfVerifyOptions, PdfVerifyResult, PdfChangePolicy } from './types.js';
export { looksLikePdf } from './looks-like-pdf.js';
