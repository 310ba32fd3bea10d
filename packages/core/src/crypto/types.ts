import type { KeyObject } from 'node:crypto';

/** Key families heyan signs and verifies with. */
export type KeyType = 'sm2' | 'ec' | 'rsa' | 'ed25519';
export type NamedCurve = 'SM2' | 'P-256' | 'P-384';

/** A public key, decoded once and reusable. `spki` is the canonical DER SubjectPublicKeyInfo. */
export interface PublicKey {
  readonly type: KeyType;
  /** For 'sm2' and 'ec'. */
  readonly curve?: NamedCurve;
  /** Modulus size for RSA, field size for EC/SM2, 256 for Ed25519. */
  readonly bits: number;
  readonly spki: Uint8Array;
  /** SM2 only: the uncompressed point 04‖x‖y (65 bytes). */
  readonly point?: Uint8Array;
  /** Node KeyObject for every type except SM2 (Node's SM2 uses an empty user ID and is never used). */
  readonly keyObject?: KeyObject;
}

/** A private key. `pkcs8` is the unencrypted DER PrivateKeyInfo. */
export interface PrivateKey {
  readonly type: KeyType;
  readonly curve?: NamedCurve;
  readonly bits: number;
  readonly pkcs8: Uint8Array;
  /** SM2 only: the 32-byte scalar d. */
  readonly d?: Uint8Array;
  readonly keyObject?: KeyObject;
  readonly publicKey: PublicKey;
}

/** Digest algorithms known to the registry. */
export type DigestName = 'sm3' | 'sha1' | 'md5' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** DER AlgorithmIdentifier, decoded. `params` is the DER of the parameters, absent when omitted. */
export interface AlgorithmIdentifier {
  oid: string;
  params?: Uint8Array;
}

/** What to do with weak algorithms (SHA-1, MD5, RSA < 2048). */
export type WeakAlgorithmPolicy = 'warn' | 'fail';

export interface SignatureVerifyInput {
  /** The signature AlgorithmIdentifier as found in the structure (certificate, CMS SignerInfo, ...). */
  algorithm: AlgorithmIdentifier;
  /**
   * CMS SignerInfo only: the digestAlgorithm, needed when `algorithm` is a bare key algorithm
   * (rsaEncryption, id-ecPublicKey, sm2 1.2.156.10197.1.301.1) that does not name the digest.
   */
  digestAlgorithm?: AlgorithmIdentifier;
  publicKey: PublicKey;
  data: Uint8Array;
  signature: Uint8Array;
  /** SM2 user ID; default '1234567812345678'. */
  sm2Id?: Uint8Array | string;
  /** Accept raw 64-byte r‖s for SM2/ECDSA (only where the container format is known to use it). */
  allowRawSignature?: boolean;
}

export interface SignatureVerifyResult {
  /** true only when the signature verifies under a known algorithm with a matching key. */
  ok: boolean;
  /** Registry name, e.g. 'sm2-with-sm3', 'sha256-with-rsa', 'rsassa-pss', 'ecdsa-with-sha256', 'ed25519'. */
  algorithm?: string;
  digest?: DigestName;
  /** Set when the algorithm or key is weak by the project's rules: 'sha1' | 'md5' | 'rsa-1024' ... */
  weak?: string;
  /** Set when ok is false for a reason other than a wrong signature (unknown OID, key mismatch, malformed). */
  error?: string;
  /** Set when a raw r‖s signature was accepted (a tolerance the caller should report). */
  rawSignature?: boolean;
}
