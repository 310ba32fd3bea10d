// Electronic seals (电子印章, SESeal) and seal signatures (电子签章, SES_Signature): GM/T 0031-2014 (v1),
// GB/T 38540-2020 (v4), GM/T 0031-2025 (v5). See README.md.
export type * from './types.js';
export { decodeSeal } from './decode-seal.js';
export { decodeSesSignature } from './decode-signature.js';
export { isSeal, isSesSignature } from './shape.js';
export { createSeal, CERT_DIGEST_TYPE, type CreateSealOptions, type SesExtDataInput } from './encode-seal.js';
export { createSesSignature, type CreateSesSignatureOptions } from './encode-signature.js';
export { verifySeal, sealReport, summariseSeal, type SealVerifyOptions, type SealVerifyResult, type SealSummary } from './verify-seal.js';
export { verifySesSignature, type SesVerifyOptions, type SesSignatureReport, type SesDetails } from './verify-signature.js';
export { matchCertList, type CertListMatch } from './cert-list.js';
export { describeSeal, describeSesSignature, describeSealFile, decodeSealFile, type Described } from './describe.js';
export { pictureKindOf, pictureKindOfType, PICTURE_EXTENSIONS, PICTURE_TYPE_NAMES, type PictureKind } from './picture.js';
export { NONSTANDARD_SM2_OIDS } from './algorithm.js';
export { SEAL_CHECKS } from './checks.js';
export * as sealLimits from './limits.js';
