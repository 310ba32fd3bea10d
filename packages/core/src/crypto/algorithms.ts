// The one signature-algorithm table, keyed by OID. Every verifier in heyan goes through it.
import type { DigestName, KeyType } from './types.js';
import * as O from './oids.js';

export type Scheme = 'sm2' | 'ecdsa' | 'rsa-pkcs1' | 'rsa-pss' | 'ed25519';

export interface SignatureAlgorithm {
  oid: string;
  /** Registry name, e.g. 'sm2-with-sm3'. For bare key algorithms the digest completes it. */
  name: string;
  /** null: a bare key algorithm (rsaEncryption, id-ecPublicKey, SM2) — the digest comes from CMS. */
  digest: DigestName | null;
  /** The scheme per key type this OID admits. */
  schemes: Partial<Record<KeyType, Scheme>>;
  /** 'pss': RSASSA-PSS-params; otherwise parameters must be absent or NULL. */
  params?: 'pss';
}

// sm3-with-rsa (1.2.156.10197.1.504) is absent on purpose: OpenSSL 3 refuses RSA with SM3.
const table: SignatureAlgorithm[] = [
  { oid: O.OID_SM2_WITH_SM3, name: 'sm2-with-sm3', digest: 'sm3', schemes: { sm2: 'sm2' } },
  { oid: O.OID_SM2_SIGN, name: 'sm2-with-sm3', digest: null, schemes: { sm2: 'sm2' } },
  { oid: O.OID_SM2_CURVE, name: 'sm2-with-sm3', digest: null, schemes: { sm2: 'sm2' } },
  { oid: O.OID_EC_PUBLIC_KEY, name: 'ecdsa', digest: null, schemes: { ec: 'ecdsa', sm2: 'sm2' } },
  { oid: O.OID_RSA_ENCRYPTION, name: 'rsa', digest: null, schemes: { rsa: 'rsa-pkcs1' } },
  { oid: O.OID_MD5_WITH_RSA, name: 'md5-with-rsa', digest: 'md5', schemes: { rsa: 'rsa-pkcs1' } },
  { oid: O.OID_SHA1_WITH_RSA, name: 'sha1-with-rsa', digest: 'sha1', schemes: { rsa: 'rsa-pkcs1' } },
  { oid: O.OID_SHA224_WITH_RSA, name: 'sha224-with-rsa', digest: 'sha224', schemes: { rsa: 'rsa-pkcs1' } },
  { oid: O.OID_SHA256_WITH_RSA, name: 'sha256-with-rsa', digest: 'sha256', schemes: { rsa: 'rsa-pkcs1' } },
  { oid: O.OID_SHA384_WITH_RSA, name: 'sha384-with-rsa', digest: 'sha384', schemes: { rsa: 'rsa-pkcs1' } },
  { oid: O.OID_SHA512_WITH_RSA, name: 'sha512-with-rsa', digest: 'sha512', schemes: { rsa: 'rsa-pkcs1' } },
  { oid: O.OID_RSASSA_PSS, name: 'rsassa-pss', digest: null, schemes: { rsa: 'rsa-pss' }, params: 'pss' },
  { oid: O.OID_ECDSA_WITH_SHA1, name: 'ecdsa-with-sha1', digest: 'sha1', schemes: { ec: 'ecdsa' } },
  { oid: O.OID_ECDSA_WITH_SHA224, name: 'ecdsa-with-sha224', digest: 'sha224', schemes: { ec: 'ecdsa' } },
  { oid: O.OID_ECDSA_WITH_SHA256, name: 'ecdsa-with-sha256', digest: 'sha256', schemes: { ec: 'ecdsa' } },
  { oid: O.OID_ECDSA_WITH_SHA384, name: 'ecdsa-with-sha384', digest: 'sha384', schemes: { ec: 'ecdsa' } },
  { oid: O.OID_ECDSA_WITH_SHA512, name: 'ecdsa-with-sha512', digest: 'sha512', schemes: { ec: 'ecdsa' } },
  { oid: O.OID_ED25519, name: 'ed25519', digest: null, schemes: { ed25519: 'ed25519' } },
];

export const SIGNATURE_ALGORITHMS: ReadonlyMap<string, SignatureAlgorithm> = new Map(table.map((a) => [a.oid, a]));

/** Human-readable names of every OID the crypto layer knows, for `inspect`. */
export const OID_NAMES: ReadonlyMap<string, string> = new Map<string, string>([
  [O.OID_SM2_WITH_SM3, 'sm2-with-sm3'],
  [O.OID_SM2_SIGN, 'sm2-sign (sm2-1)'],
  [O.OID_SM2_CURVE, 'sm2p256v1'],
  [O.OID_SM2_ENCRYPT, 'sm2-encrypt (sm2-3)'],
  [O.OID_SM3, 'sm3'],
  [O.OID_SM3_NOKEY, 'sm3 (without key)'],
  [O.OID_HMAC_SM3, 'sm3 (with key) / hmac-sm3'],
  [O.OID_SM3_WITH_RSA, 'sm3-with-rsa'],
  [O.OID_SM4_CBC, 'sm4-cbc'],
  [O.OID_EC_PUBLIC_KEY, 'ec-public-key'],
  [O.OID_P256, 'P-256 (prime256v1)'],
  [O.OID_P384, 'P-384 (secp384r1)'],
  [O.OID_P521, 'P-521 (secp521r1)'],
  [O.OID_SECP256K1, 'secp256k1'],
  [O.OID_RSA_ENCRYPTION, 'rsa-encryption'],
  [O.OID_MD5_WITH_RSA, 'md5-with-rsa'],
  [O.OID_SHA1_WITH_RSA, 'sha1-with-rsa'],
  [O.OID_SHA224_WITH_RSA, 'sha224-with-rsa'],
  [O.OID_SHA256_WITH_RSA, 'sha256-with-rsa'],
  [O.OID_SHA384_WITH_RSA, 'sha384-with-rsa'],
  [O.OID_SHA512_WITH_RSA, 'sha512-with-rsa'],
  [O.OID_RSASSA_PSS, 'rsassa-pss'],
  [O.OID_MGF1, 'mgf1'],
  [O.OID_ECDSA_WITH_SHA1, 'ecdsa-with-sha1'],
  [O.OID_ECDSA_WITH_SHA224, 'ecdsa-with-sha224'],
  [O.OID_ECDSA_WITH_SHA256, 'ecdsa-with-sha256'],
  [O.OID_ECDSA_WITH_SHA384, 'ecdsa-with-sha384'],
  [O.OID_ECDSA_WITH_SHA512, 'ecdsa-with-sha512'],
  [O.OID_ED25519, 'ed25519'],
  [O.OID_ED448, 'ed448'],
  [O.OID_MD5, 'md5'],
  [O.OID_SHA1, 'sha1'],
  [O.OID_SHA224, 'sha224'],
  [O.OID_SHA256, 'sha256'],
  [O.OID_SHA384, 'sha384'],
  [O.OID_SHA512, 'sha512'],
  [O.OID_PBES2, 'pbes2'],
  [O.OID_PBKDF2, 'pbkdf2'],
  [O.OID_HMAC_SHA1, 'hmac-sha1'],
  [O.OID_HMAC_SHA256, 'hmac-sha256'],
  [O.OID_AES128_CBC, 'aes-128-cbc'],
  [O.OID_AES256_CBC, 'aes-256-cbc'],
  [O.OID_DES_EDE3_CBC, 'des-ede3-cbc'],
]);
