// Object identifiers of RFC 3161 time-stamping (and the CMS attributes that carry tokens).
import { OID_SIGNATURE_TIMESTAMP_TOKEN } from '../cms/oids.js';

/** id-ct-TSTInfo: the eContentType of every time-stamp token (RFC 3161 §2.4.2). */
export const OID_CT_TST_INFO = '1.2.840.113549.1.9.16.1.4';

/** id-aa-signatureTimeStampToken: unsigned attribute holding a token over SignerInfo.signature (RFC 3161 App. A). */
export const OID_AA_SIGNATURE_TIMESTAMP_TOKEN = OID_SIGNATURE_TIMESTAMP_TOKEN;

/** id-aa-ets-contentTimestamp: signed attribute holding a token over the content (RFC 5126 §5.11.4). */
export const OID_AA_CONTENT_TIMESTAMP = '1.2.840.113549.1.9.16.2.20';

/** id-kp-timeStamping: the only extended key usage a TSA certificate may have (RFC 3161 §2.3). */
export const OID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/**
 * Default TSA policy of `createTsa`: a TEST policy in the documentation arc 1.3.6.1.4.1.32473 that RFC 5612 sets aside
 * for examples, so it can never collide with a real TSA's policy. A production TSA must configure its own policy OID.
 */
export const OID_HEYAN_TEST_TSA_POLICY = '1.3.6.1.4.1.32473.3161.1';
