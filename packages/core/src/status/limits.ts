// Limits for status lists. The W3C minimum (herd privacy) is 131 072 entries; the maximum keeps one list, its
// decompression and its JWS within a few megabytes.

/** Entries of a list unless told otherwise, and the fewest a list may have (W3C herd-privacy minimum). */
export const DEFAULT_ENTRIES = 131_072;
export const MIN_ENTRIES = 131_072;
/** Most entries a list may have (32 Mi entries = 8 MiB of 2-bit entries). */
export const MAX_ENTRIES = 32 * 1024 * 1024;
/** Largest decompressed bitstring accepted, bytes: more is a GZIP bomb. */
export const MAX_BITSTRING_BYTES = (MAX_ENTRIES * 2) / 8;
/** Longest encodedList accepted, characters. */
export const MAX_ENCODED_LIST_CHARS = 12 * 1024 * 1024;
/** Largest status list JWS accepted, characters. */
export const MAX_STATUS_LIST_JWS = 16 * 1024 * 1024;
/** Default clock skew tolerated at both ends of a list's validity window, seconds. */
export const DEFAULT_SKEW_SECONDS = 300;
