export { DEFAULT_OFD_LIMITS, ofdLimits, type OfdLimits } from './limits.js';
export { readZip, looksLikeZip, type ZipArchive, type ZipEntry } from './zip-read.js';
export { OFD_NS, parseXml, type XmlElement, type XmlLimits } from './xml.js';
export { resolveLoc, dirOf, displayPath } from './loc.js';
export { openOfd, ofdFromZip, type OfdPackage, type OfdDocBody, type OfdDocInfo } from './package.js';
export { readDocumentStructure, type DocumentStructure, type OfdPage, type FileRole } from './document.js';
export {
  readSignatureList,
  readSignatureDocument,
  type SignatureList,
  type SignatureListEntry,
  type SignatureDocument,
  type OfdReference,
  type OfdStampAnnot,
  type OfdProvider,
} from './signatures.js';
export { parseCheckMethod, OID_SM3_WITH_KEY, type CheckMethod } from './check-method.js';
export { parseSignatureDateTime, type StatedTime } from './signature-time.js';
export { OFD_CHECKS } from './checks.js';
export { verifyOfd, type OfdVerifyResult, type OfdDocumentInfo, type OfdDocumentSummary, type OfdSignatureReport, type OfdSignatureDetails } from './verify.js';
export type { OfdVerifyOptions } from './verify-context.js';
export { ZipWriter, dosDateTime, type ZipWriteOptions, type AddFileOptions, type RawMember } from './zip-write.js';
export { signOfd, signOfdAsync, OFD_SIGNATURE_METHOD_SM2_SM3, OFD_CHECK_METHOD_SM3, type SignOfdOptions, type SignOfdAsyncOptions, type OfdTimestampSource } from './sign.js';
export { DocumentProtectedError, StampPlacementError } from './sign-errors.js';
export {
  writeOfd,
  OFD_WRITE_LIMITS,
  renderLicenseOfd,
  licenseOfdInput,
  sealLicenseOfd,
  sealLicenseOfdAsync,
  LICENSE_CREDENTIAL_ATTACHMENT,
  LICENSE_IDENTIFIER_CUSTOM_DATA,
  type RenderLicenseOfdOptions,
  type SealLicenseOfdOptions,
  type SealLicenseOfdAsyncOptions,
  type OfdWriteInput,
  type OfdDocInfoInput,
  type OfdFontInput,
  type OfdPageInput,
  type OfdObjectInput,
  type OfdTextInput,
  type OfdLineInput,
  type OfdRectInput,
  type OfdImageInput,
  type OfdAttachmentInput,
  type OfdRgb,
} from './write/index.js';
