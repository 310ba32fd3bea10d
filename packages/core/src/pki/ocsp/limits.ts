// Bounds for hostile OCSP input. Real responses are 1–5 KiB with one SingleResponse and 0–3 certificates.
import type { Asn1ReaderOptions } from '../../asn1/index.js';

/** Largest OCSPResponse accepted. */
export const MAX_OCSP_BYTES = 1024 * 1024;
/** SingleResponses read from one response. */
export const MAX_OCSP_SINGLE_RESPONSES = 4096;
/** Certificates read from BasicOCSPResponse.certs. */
export const MAX_OCSP_CERTIFICATES = 32;
/** OCSP responses taken from one CMS (SignedData.crls plus adbe-revocationInfoArchival). */
export const MAX_CMS_OCSP_RESPONSES = 256;
/** Clock skew tolerated between a responder and the validation time (OpenSSL's default validity period). */
export const OCSP_SKEW_MS = 5 * 60 * 1000;
/**
 * How long a response without nextUpdate counts as current after its thisUpdate. RFC 6960 4.2.2.1 leaves it to
 * local policy; one day is what responders that do set nextUpdate typically give.
 */
export const OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE_MS = 24 * 60 * 60 * 1000;

/** Like certificates and CRLs: definite lengths, non-minimal ones tolerated (OpenSSL accepts them). */
export const OCSP_READER: Readonly<Asn1ReaderOptions> = Object.freeze({
  mode: 'definite',
  maxDepth: 64,
  maxElements: 200_000,
  maxBytes: MAX_OCSP_BYTES,
});
