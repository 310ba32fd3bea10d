export * from './oids.js';
export { CMS_CHECKS } from './checks.js';
export { DEFAULT_CMS_LIMITS } from './types.js';
export type { CmsAttribute, CmsLimits, ParsedSignedData, ParsedSignerInfo, SignerIdentifier } from './types.js';
export { parseSignedData } from './parse.js';
export { findSignerCertificate, matchesSid } from './find-signer.js';
export {
  verifyCmsSignatureOnly,
  signerDigestName,
  type CmsPolicy,
  type CmsSignatureOnlyOptions,
  type CmsSignatureOnlyResult,
} from './verify-signer.js';
export { verifySignedData, type CmsVerifyOptions, type CmsVerifyResult, type CmsSignerResult } from './verify.js';
export { signDetached, signEncapsulated, signingCertificateV2Value, type SignCmsOptions } from './sign.js';
export { addUnsignedAttribute } from './add-unsigned-attribute.js';
export {
  decodeSigningCertificateValue,
  decodeAlgorithmProtectionValue,
  decodeSigningTimeValue,
  decodeMessageDigestValue,
  decodeContentTypeValue,
  type EssCertId,
  type AlgorithmProtection,
} from './attributes.js';
export type { RevocationOption } from './signer-path.js';
