export { Certificate } from './certificate.js';
export { loadCertificates, certificatesFromPkcs7 } from './load.js';
export { issueCertificate, type IssueCertificateOptions, type ExtraExtension } from './issue-certificate.js';
export { Crl, loadCrls, REVOCATION_REASONS, type CrlEntry, type RevocationReason, type IssuingDistributionPoint } from './crl.js';
export { issueCrl, type IssueCrlOptions, type RevokedEntryInput } from './issue-crl.js';
export { TrustStore } from './trust-store.js';
export { loadTrustStore, type LoadTrustStoreOptions } from './trust-store-fs.js';
export { buildCertificatePaths, type BuildPathsOptions, type BuildPathsResult } from './path-building.js';
export {
  validateCertificatePath,
  validateCertificateChain,
  type PathValidationOptions,
  type PathValidationResult,
  type CertificateUsage,
  type RevocationMode,
  type RevocationStatus,
} from './path-validation.js';
export { clearSignatureCache, configureSignatureCache, signatureCacheStats, verifySignedObject, type SignedObject } from './signature-cache.js';
export { PKI_CHECKS } from './checks.js';
export {
  KEY_USAGE_NAMES,
  type KeyUsageName,
  type CertificateExtensions,
  type BasicConstraints,
  type RawExtension,
  EKU_ANY,
  EKU_CLIENT_AUTH,
  EKU_CODE_SIGNING,
  EKU_DOCUMENT_SIGNING,
  EKU_EMAIL_PROTECTION,
  EKU_SERVER_AUTH,
  EKU_TIME_STAMPING,
  EKU_OCSP_SIGNING,
} from './extensions.js';
export { encodeName, parseNameDer, type NameInput, type ParsedName } from './name.js';
export { encodePem, type PemBlock } from '../asn1/index.js';
export { decodePemBlocks } from './pem-blocks.js';
export * as pkiLimits from './limits.js';
export { importPkcs12, exportPkcs12, type Pkcs12Contents, type ImportPkcs12Options } from './pkcs12.js';
export * from './ocsp/index.js';
