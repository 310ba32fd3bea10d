export { PDF_CHECKS } from './checks.js';
export { findRevisions, isRevisionEnd, DEFAULT_REVISION_LIMITS, type Revision, type RevisionLimits, type RevisionScan } from './revisions.js';
export {
  findSignatureDicts,
  DEFAULT_SIGNATURE_DICT_LIMITS,
  type SignatureDict,
  type SignatureDictLimits,
  type SignatureDictScan,
} from './signature-dicts.js';
export {
  checkByteRange,
  checkContents,
  contentsBytes,
  signedBytes,
  digestByteRange,
  type ByteRange,
  type ByteRangeOptions,
  type ByteRangeResult,
  type Coverage,
} from './byte-range.js';
export { verifyPdf, looksLikePdf, type PdfVerifyOptions, type PdfVerifyResult, type PdfChangePolicy } from './verify/index.js';
export * from './sign/index.js';
export {
  openPdf,
  DEFAULT_PDF_DOCUMENT_LIMITS,
  pageRefs,
  signatureFields,
  readDss,
  certification,
  pdfText,
  pdfDate,
  revisionEndingAt,
  type SignatureField,
} from './document/index.js';
export type { PdfDocument, PdfObj, PdfRevision, PdfDocumentLimits, XrefEntry } from './document/types.js';
export { analyseChanges, judgeChanges, PDF_CHANGE_CHECKS, type ChangeAnalysis, type PdfChange, type ModificationLevel, type ChangeCategory } from './changes/index.js';
