// Limits for trust bundles: a national bundle (every issuing authority, their keys, CRLs and status lists) stays
// well below these; anything larger is hostile or a mistake.

/** Largest bundle file, bytes. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
export const MAX_ROOTS = 256;
export const MAX_INTERMEDIATES = 4096;
export const MAX_CRLS = 1024;
export const MAX_ISSUERS = 20_000;
/** Certificates per issuer (current and retired keys). */
export const MAX_ISSUER_CERTIFICATES = 64;
export const MAX_LICENSE_TYPES = 1000;
export const MAX_AREA_CODES = 1000;
export const MAX_STATUS_LISTS = 4096;
/** Longest issuer name, characters. */
export const MAX_NAME_CHARS = 512;
/** Highest bundle version (a JSON number that stays exact). */
export const MAX_VERSION = Number.MAX_SAFE_INTEGER;
/** Grace after nextUpdate by default, seconds (a bundle is still used, with a warning). */
export const DEFAULT_GRACE_SECONDS = 0;
/** Clock skew tolerated for issuedAt in the future, seconds. */
export const DEFAULT_SKEW_SECONDS = 300;
