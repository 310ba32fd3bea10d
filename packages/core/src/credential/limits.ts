// Parser limits for credentials and QR payloads. Generous for real licences, small enough that hostile input is cheap.

/** Largest compact JWS verifyJws accepts by default (status lists of 131 072 random 2-bit entries fit). */
export const MAX_JWS_BYTES = 256 * 1024;
/** Largest licence credential JWS (a licence record with its chain is a few KiB). */
export const MAX_CREDENTIAL_BYTES = 64 * 1024;
/** Deepest JSON nesting in a header or payload. */
export const MAX_JSON_DEPTH = 32;
/** Certificates in x5c. */
export const MAX_X5C = 8;
/** Characters of an SM2 user ID in the header. */
export const MAX_SM2_ID = 256;
/** QR text, characters (a version-40 QR holds at most 4296 alphanumeric characters). */
export const MAX_QR_TEXT = 4296;
/** Inflated QR claims, bytes (zip-bomb guard). */
export const MAX_QR_CLAIMS_BYTES = 8 * 1024;
/** PNG to decode a QR from: bytes and pixels. */
export const MAX_PNG_BYTES = 32 * 1024 * 1024;
export const MAX_PNG_PIXELS = 40_000_000;
