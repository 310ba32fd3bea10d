// Signed licence credentials (compact JWS, W3C VC 2.0 shaped) and their QR payloads. See README.md.
export { signJws, verifyJws, JWS_ALGORITHMS, defaultJwsAlgorithm, isJwsAlgorithm, type SignJwsOptions, type VerifyJwsOptions, type VerifyJwsResult, type JwsAlgorithm } from './jws/index.js';
export { issueCredential, type IssueCredentialOptions, type IssuedCredential } from './issue.js';
export { verifyCredential, type VerifyCredentialOptions, type CredentialVerification } from './verify.js';
export * from './qr/index.js';
export {
  LICENSE_CREDENTIAL_TYP,
  LICENSE_CREDENTIAL_TYPE,
  VC_CONTEXT_V2,
  readCredentialPayload,
  type CredentialStatusEntry,
  type LicenseCredentialPayload,
} from './payload.js';
export type { CredentialLicenseSummary, LicenseSummaryField } from './summary.js';
export type { LicenseStatusOutcome } from './judge.js';
export { CREDENTIAL_CHECKS } from './checks.js';
export type { CredentialTrustBundle, StatusRegistry, LicenseStatusValue } from './trust-types.js';
export * as credentialLimits from './limits.js';
