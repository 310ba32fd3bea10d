// Object identifiers for CMS SignedData (RFC 5652, RFC 5035, RFC 6211) and GB/T 35275 (GM/T 0010).

/** PKCS#7 / CMS content types. */
export const OID_DATA = '1.2.840.113549.1.7.1';
export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

/** GB/T 35275-2017 (GM/T 0010-2012) content types. */
export const OID_GM_DATA = '1.2.156.10197.6.1.4.2.1';
export const OID_GM_SIGNED_DATA = '1.2.156.10197.6.1.4.2.2';

/** Signed attributes. */
export const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
export const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
/** ESS signingCertificate (RFC 2634, ESSCertID with SHA-1). */
export const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
/** ESS signingCertificateV2 (RFC 5035, ESSCertIDv2). */
export const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
/** RFC 6211 CMSAlgorithmProtection. */
export const OID_CMS_ALGORITHM_PROTECTION = '1.2.840.113549.1.9.52';

/** Unsigned attribute: RFC 3161 signature timestamp token (id-aa-timeStampToken). */
export const OID_SIGNATURE_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

export const SIGNED_DATA_TYPES: readonly string[] = [OID_SIGNED_DATA, OID_GM_SIGNED_DATA];
