// Limits for hostile seal input. Real seals are 5–40 KiB (the stamp image dominates); signatures add a few KiB.

/** Largest SESeal accepted. */
export const MAX_SEAL_BYTES = 16 * 1024 * 1024;
/** Largest SES_Signature accepted (it embeds a seal). */
export const MAX_SES_SIGNATURE_BYTES = 32 * 1024 * 1024;
/** Largest stamp image written by createSeal. */
export const MAX_PICTURE_BYTES = 8 * 1024 * 1024;
/** Most entries in a certList. */
export const MAX_CERT_LIST = 256;
/** Most ExtData entries in one ExtensionDatas. */
export const MAX_EXT_DATAS = 64;
/** ASN.1 nesting: a signature needs 8 levels. */
export const MAX_SES_DEPTH = 16;
/** ASN.1 element headers read for one structure. */
export const MAX_SES_ELEMENTS = 100_000;
/** Largest printed size of a stamp, in millimetres, accepted by createSeal. */
export const MAX_PICTURE_MM = 1000;
