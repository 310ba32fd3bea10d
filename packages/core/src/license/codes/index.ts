export * from './iso7064.js';
export { normaliseCode, MAX_CODE_LENGTH, type Normalised } from './normalise.js';
export { isAreaCode, kindLabel, reasonMessage, WARNING_MESSAGES, type CodeKind, type CodeReason, type CodeResult, type CodeWarning } from './result.js';
export { makeUscc, orgCodeCheckCharacter, usccCheckCharacter, validateUscc, USCC_ALPHABET, type UsccParts, type UsccResult } from './uscc.js';
export { makeResidentId, validateResidentId, type ResidentIdOptions, type ResidentIdResult } from './resident-id.js';
export {
  LICENSE_ID_ROOT,
  licenseIdCheckCharacter,
  makeLicenseId,
  parseLicenseId,
  validateLicenseId,
  type LicenseIdBody,
  type LicenseIdParts,
  type LicenseIdResult,
} from './license-id.js';
export { detectCodeKind } from './detect.js';
export { checkCode, type CodeCheck } from './check-code.js';
