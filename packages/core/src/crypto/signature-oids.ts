// Digest → signature AlgorithmIdentifier OID for ECDSA and RSA PKCS#1 v1.5, as signers write them and raw-signature
// verification assumes them. Which digests a signer accepts is the signer's choice (signData refuses MD5 and SM3).
import type { DigestName } from './types.js';
import * as O from './oids.js';

export const ECDSA_SIGNATURE_OIDS: Readonly<Partial<Record<DigestName, string>>> = Object.freeze({
  sha1: O.OID_ECDSA_WITH_SHA1,
  sha224: O.OID_ECDSA_WITH_SHA224,
  sha256: O.OID_ECDSA_WITH_SHA256,
  sha384: O.OID_ECDSA_WITH_SHA384,
  sha512: O.OID_ECDSA_WITH_SHA512,
});

export const RSA_PKCS1_SIGNATURE_OIDS: Readonly<Partial<Record<DigestName, string>>> = Object.freeze({
  md5: O.OID_MD5_WITH_RSA,
  sha1: O.OID_SHA1_WITH_RSA,
  sha224: O.OID_SHA224_WITH_RSA,
  sha256: O.OID_SHA256_WITH_RSA,
  sha384: O.OID_SHA384_WITH_RSA,
  sha512: O.OID_SHA512_WITH_RSA,
  sm3: O.OID_SM3_WITH_RSA,
});
