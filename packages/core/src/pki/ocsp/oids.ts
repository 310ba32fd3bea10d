// OCSP object identifiers (RFC 6960, RFC 5940, Adobe PDF reference).

/** id-pkix-ocsp-basic: the only response type in use. */
export const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
/** id-pkix-ocsp-nonce (response extension). */
export const OID_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
/** id-pkix-ocsp-nocheck: the delegated responder's own certificate needs no revocation check. */
export const OID_OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';
/** id-ri-ocsp-response: OtherRevocationInfoFormat of CMS SignedData.crls carrying an OCSPResponse (RFC 5940). */
export const OID_RI_OCSP_RESPONSE = '1.3.6.1.5.5.7.16.2';
/** adbe-revocationInfoArchival signed attribute (PDF 1.6+, ISO 32000-1 12.8.3.3.2). */
export const OID_ADBE_REVOCATION_INFO_ARCHIVAL = '1.2.840.113583.1.1.8';
