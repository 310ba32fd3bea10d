// How the PKI parsers read DER. Certificates and CRLs are "DER" by name, but OpenSSL accepts non-minimal lengths in
// them and so must we ('definite'); indefinite lengths are still refused. PKCS#7 bundles are BER.
import type { Asn1ReaderOptions, TimeRules } from '../asn1/index.js';
import { MAX_ASN1_DEPTH, MAX_BUNDLE_BYTES, MAX_CERTIFICATE_BYTES, MAX_CERTIFICATE_NODES, MAX_CRL_BYTES, MAX_CRL_ENTRIES } from './limits.js';

/** Certificates, names, extension values. */
export const PKI_READER: Readonly<Asn1ReaderOptions> = Object.freeze({
  mode: 'definite',
  maxDepth: MAX_ASN1_DEPTH,
  maxElements: MAX_CERTIFICATE_NODES,
  maxBytes: MAX_CERTIFICATE_BYTES,
});

/** CRLs: up to MAX_CRL_ENTRIES entries of a few elements each (serial, date, entry extensions). */
export const CRL_READER: Readonly<Asn1ReaderOptions> = Object.freeze({
  mode: 'definite',
  maxDepth: MAX_ASN1_DEPTH,
  maxElements: 16 * MAX_CRL_ENTRIES,
  maxBytes: MAX_CRL_BYTES,
});

/** PKCS#7 "certs-only" bundles (.p7b/.p7c), which some producers write with indefinite lengths. */
export const BUNDLE_READER: Readonly<Asn1ReaderOptions> = Object.freeze({
  mode: 'ber',
  maxDepth: MAX_ASN1_DEPTH,
  maxElements: 4 * 1024 * 1024,
  maxBytes: MAX_BUNDLE_BYTES,
});

/** Validity and CRL times: RFC 5280, plus the fractional seconds some CAs put in GeneralizedTime. */
export const PKI_TIME: Readonly<TimeRules> = Object.freeze({ fractions: true });
