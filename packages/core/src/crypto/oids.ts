// Object identifiers the crypto layer knows. GB/T 35275 (CMS) OIDs live in cms/.

// SM2 / SM3 (GM/T 0006, GB/T 33560)
export const OID_SM2_CURVE = '1.2.156.10197.1.301';
/** sm2-1: the SM2 signature key algorithm (used by GB/T 35275 SignerInfo.digestEncryptionAlgorithm). */
export const OID_SM2_SIGN = '1.2.156.10197.1.301.1';
export const OID_SM2_ENCRYPT = '1.2.156.10197.1.301.3';
export const OID_SM2_WITH_SM3 = '1.2.156.10197.1.501';
export const OID_SM3 = '1.2.156.10197.1.401';
/** "SM3 without key" — the same digest under a longer OID. */
export const OID_SM3_NOKEY = '1.2.156.10197.1.401.1';
export const OID_SM3_WITH_RSA = '1.2.156.10197.1.504';
export const OID_SM4_CBC = '1.2.156.10197.1.104.2';

// Elliptic curves (RFC 5480, SEC 2)
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const OID_P256 = '1.2.840.10045.3.1.7';
export const OID_P384 = '1.3.132.0.34';
export const OID_P521 = '1.3.132.0.35';
export const OID_SECP256K1 = '1.3.132.0.10';

// ECDSA (RFC 5758, ANSI X9.62)
export const OID_ECDSA_WITH_SHA1 = '1.2.840.10045.4.1';
export const OID_ECDSA_WITH_SHA224 = '1.2.840.10045.4.3.1';
export const OID_ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
export const OID_ECDSA_WITH_SHA384 = '1.2.840.10045.4.3.3';
export const OID_ECDSA_WITH_SHA512 = '1.2.840.10045.4.3.4';

// RSA (RFC 8017)
export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_MD5_WITH_RSA = '1.2.840.113549.1.1.4';
export const OID_SHA1_WITH_RSA = '1.2.840.113549.1.1.5';
export const OID_MGF1 = '1.2.840.113549.1.1.8';
export const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';
export const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
export const OID_SHA384_WITH_RSA = '1.2.840.113549.1.1.12';
export const OID_SHA512_WITH_RSA = '1.2.840.113549.1.1.13';
export const OID_SHA224_WITH_RSA = '1.2.840.113549.1.1.14';

// EdDSA (RFC 8410)
export const OID_ED25519 = '1.3.101.112';
export const OID_ED448 = '1.3.101.113';

// Digests
export const OID_MD5 = '1.2.840.113549.2.5';
export const OID_SHA1 = '1.3.14.3.2.26';
export const OID_SHA224 = '2.16.840.1.101.3.4.2.4';
export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const OID_SHA384 = '2.16.840.1.101.3.4.2.2';
export const OID_SHA512 = '2.16.840.1.101.3.4.2.3';

// Password-based encryption of private keys (RFC 8018, PKCS#12)
export const OID_PBES2 = '1.2.840.113549.1.5.13';
export const OID_PBKDF2 = '1.2.840.113549.1.5.12';
export const OID_HMAC_SHA1 = '1.2.840.113549.2.7';
export const OID_HMAC_SHA224 = '1.2.840.113549.2.8';
export const OID_HMAC_SHA256 = '1.2.840.113549.2.9';
export const OID_HMAC_SHA384 = '1.2.840.113549.2.10';
export const OID_HMAC_SHA512 = '1.2.840.113549.2.11';
export const OID_HMAC_SM3 = '1.2.156.10197.1.401.2';
export const OID_AES128_CBC = '2.16.840.1.101.3.4.1.2';
export const OID_AES192_CBC = '2.16.840.1.101.3.4.1.22';
export const OID_AES256_CBC = '2.16.840.1.101.3.4.1.42';
export const OID_DES_EDE3_CBC = '1.2.840.113549.3.7';
