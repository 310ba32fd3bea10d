// Parser and search limits for hostile input. Generous for real PKI, small enough to bound time and memory.

/** Largest certificate accepted (real ones are 0.5–4 KiB; some carry images or long policies). */
export const MAX_CERTIFICATE_BYTES = 256 * 1024;
/** Largest CRL accepted (national CAs publish CRLs of a few MiB). */
export const MAX_CRL_BYTES = 64 * 1024 * 1024;
/** Largest PEM/DER certificate bundle or trust file. */
export const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
/** Most certificates taken from one bundle. */
export const MAX_CERTIFICATES_PER_BUNDLE = 1000;
/** Most PEM blocks in one text. */
export const MAX_PEM_BLOCKS = 2000;
/** Most entries read from one CRL. */
export const MAX_CRL_ENTRIES = 2_000_000;
/** ASN.1 nesting depth: a certificate needs about 10. */
export const MAX_ASN1_DEPTH = 64;
/** ASN.1 node count of one certificate. */
export const MAX_CERTIFICATE_NODES = 20_000;
/** Longest path, leaf and anchor included. */
export const MAX_PATH_LENGTH = 10;
/** Candidate paths tried before giving up. */
export const MAX_CANDIDATE_PATHS = 8;
/** Issuer look-ups during one path search (bounds cross-certificate meshes). */
export const MAX_PATH_SEARCH_STEPS = 256;
/** Files read when loading a trust store from folders. */
export const MAX_TRUST_FILES = 10_000;
