// Size and count limits for time-stamp structures. A token carries a TSTInfo of a few hundred bytes and a short
// certificate chain; anything far larger is hostile or not a token.

/** Largest time-stamp token (ContentInfo) accepted. */
export const MAX_TOKEN_BYTES = 1024 * 1024;
/** Largest TimeStampResp accepted (a token plus a status). */
export const MAX_RESPONSE_BYTES = MAX_TOKEN_BYTES + 64 * 1024;
/** Largest encapsulated TSTInfo accepted. */
export const MAX_TST_INFO_BYTES = 64 * 1024;
/** Largest TimeStampReq accepted (a digest, a nonce, a policy and a few extensions). */
export const MAX_REQUEST_BYTES = 16 * 1024;
/** Extensions read from a TSTInfo or a request. */
export const MAX_EXTENSIONS = 32;
/** Longest nonce or serial number, in INTEGER contents octets (RFC 3161 asks for up to 160 bits; allow more). */
export const MAX_INTEGER_BYTES = 64;
/** Status strings read from a response. */
export const MAX_STATUS_STRINGS = 16;
/** SignerInfos read from a token (RFC 3161 allows exactly one; a few more are read to report the error). */
export const MAX_TOKEN_SIGNERS = 4;
/** Certificates read from a token. */
export const MAX_TOKEN_CERTIFICATES = 32;
/** Nesting depth inside tokens, requests and responses. */
export const MAX_DEPTH = 32;
