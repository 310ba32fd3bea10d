// Offline trust bundles: signed, versioned roots + intermediates + CRLs + authorised issuers + status lists.
export { TrustBundle, type TrustBundleFields } from './bundle.js';
export { createTrustBundle, trustBundleContent } from './create-bundle.js';
export { openTrustBundle, REFRESH_ADVICE, type OpenTrustBundleOptions, type OpenTrustBundleResult } from './open-bundle.js';
export { inspectTrustBundle, type TrustBundleInspection } from './inspect-bundle.js';
export { bundleUsedCheck, withRefusedBundle } from './bundle-report.js';
export { mergeTrust } from './merge-trust.js';
export { canonicalJson } from './canonical-json.js';
export { areaCovers, areaPrefix } from './area-code.js';
export { keyIdMatches } from './key-id.js';
export { TRUST_CHECKS } from './checks.js';
export { EKU_HEYAN_TRUST_BUNDLE_SIGNING, authoriseBundleSigner, type SignerAuthorisation } from './signer-authorisation.js';
export * as trustBundleLimits from './limits.js';
export {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type AuthorisationProblem,
  type AuthorisationResult,
  type CreateTrustBundleOptions,
  type TrustBundleContent,
  type TrustBundleIssuer,
  type TrustBundleIssuerInput,
} from './types.js';
