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
