// JWS algorithms (RFC 7518, RFC 8037) and the private SM2SM3 (README.md). Signatures go through node:crypto and our
// SM2 layer synchronously: jose 6 is WebCrypto-based and async only, so it serves the tests as the independent check.
import { constants, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { KeyError, UnsupportedError } from '../../errors.js';
import type { KeyType, NamedCurve, PrivateKey, PublicKey } from '../../crypto/types.js';
import { sm2Sign, sm2Verify } from '../../crypto/index.js';

export type JwsAlgorithm = 'ES256' | 'ES384' | 'EdDSA' | 'Ed25519' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'SM2SM3';

interface AlgSpec {
  keyType: KeyType;
  curve?: NamedCurve;
  hash?: 'sha256' | 'sha384' | 'sha512';
  /** Fixed signature length (r‖s, Ed25519); RSA is the modulus length. */
  sigLength?: number;
  pss?: boolean;
  /** Human name for reports (crypto registry style). */
  name: string;
}

export const JWS_ALGORITHMS: Readonly<Record<JwsAlgorithm, AlgSpec>> = {
  ES256: { keyType: 'ec', curve: 'P-256', hash: 'sha256', sigLength: 64, name: 'ecdsa-with-sha256' },
  ES384: { keyType: 'ec', curve: 'P-384', hash: 'sha384', sigLength: 96, name: 'ecdsa-with-sha384' },
  EdDSA: { keyType: 'ed25519', sigLength: 64, name: 'ed25519' },
  Ed25519: { keyType: 'ed25519', sigLength: 64, name: 'ed25519' },
  RS256: { keyType: 'rsa', hash: 'sha256', name: 'sha256-with-rsa' },
  RS384: { keyType: 'rsa', hash: 'sha384', name: 'sha384-with-rsa' },
  RS512: { keyType: 'rsa', hash: 'sha512', name: 'sha512-with-rsa' },
  PS256: { keyType: 'rsa', hash: 'sha256', pss: true, name: 'rsassa-pss-sha256' },
  PS384: { keyType: 'rsa', hash: 'sha384', pss: true, name: 'rsassa-pss-sha384' },
  PS512: { keyType: 'rsa', hash: 'sha512', pss: true, name: 'rsassa-pss-sha512' },
  SM2SM3: { keyType: 'sm2', curve: 'SM2', sigLength: 64, name: 'sm2-with-sm3' },
};

/** RFC 7518 section 3.3 / 3.5: RSA keys below 2048 bits must not be used. */
export const MIN_RSA_BITS = 2048;

export function isJwsAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return typeof alg === 'string' && Object.prototype.hasOwnProperty.call(JWS_ALGORITHMS, alg);
}

/** The algorithm a key signs with unless told otherwise. */
export function defaultJwsAlgorithm(key: PublicKey): JwsAlgorithm {
  switch (key.type) {
    case 'sm2':
      return 'SM2SM3';
    case 'ec':
      if (key.curve === 'P-256') return 'ES256';
      if (key.curve === 'P-384') return 'ES384';
      break;
    case 'ed25519':
      return 'EdDSA';
    case 'rsa':
      return 'RS256';
  }
  throw new UnsupportedError(`no JWS algorithm for a ${key.type}${key.curve ? ` ${key.curve}` : ''} key`);
}

/** Why `key` cannot be used with `alg`, or undefined when it can. */
export function keyAlgorithmMismatch(alg: JwsAlgorithm, key: PublicKey): string | undefined {
  const s = JWS_ALGORITHMS[alg];
  const have = `${key.type}${key.curve ? ` ${key.curve}` : ''}${key.type === 'rsa' ? ` ${key.bits}` : ''}`;
  if (key.type !== s.keyType || (s.curve && key.curve !== s.curve)) return `${alg} needs a ${s.keyType}${s.curve ? ` ${s.curve}` : ''} key, the certificate has a ${have} key`;
  if (key.type === 'rsa' && key.bits < MIN_RSA_BITS) return `${alg} needs an RSA key of at least ${MIN_RSA_BITS} bits, the certificate has ${key.bits}`;
  return undefined;
}

/** Sign the JWS signing input. Throws KeyError / UnsupportedError. */
export function signWithAlgorithm(alg: JwsAlgorithm, key: PrivateKey, data: Uint8Array, sm2Id?: string): Uint8Array {
  const mismatch = keyAlgorithmMismatch(alg, key.publicKey);
  if (mismatch) throw new KeyError(mismatch);
  const s = JWS_ALGORITHMS[alg];
  if (s.keyType === 'sm2') {
    if (!key.d) throw new KeyError('SM2 private key without its scalar');
    return sm2Sign(key.d, data, { format: 'raw', publicKey: key.publicKey.point, ...(sm2Id !== undefined ? { id: sm2Id } : {}) });
  }
  if (!key.keyObject) throw new KeyError(`${key.type} private key without a KeyObject`);
  if (s.keyType === 'ed25519') return new Uint8Array(nodeSign(null, data, key.keyObject));
  if (s.keyType === 'ec') return new Uint8Array(nodeSign(s.hash!, data, { key: key.keyObject, dsaEncoding: 'ieee-p1363' }));
  return new Uint8Array(
    nodeSign(s.hash!, data, s.pss
      ? { key: key.keyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : { key: key.keyObject, padding: constants.RSA_PKCS1_PADDING }),
  );
}

/**
 * Verify; false for a wrong signature, a wrong length or any error (never throws). The caller checks the key with
 * `keyAlgorithmMismatch` first so that it can report why.
 */
export function verifyWithAlgorithm(alg: JwsAlgorithm, key: PublicKey, data: Uint8Array, sig: Uint8Array, sm2Id?: string): boolean {
  try {
    if (keyAlgorithmMismatch(alg, key)) return false;
    const s = JWS_ALGORITHMS[alg];
    if (s.sigLength !== undefined && sig.length !== s.sigLength) return false;
    if (s.keyType === 'sm2') {
      if (!key.point) return false;
      return sm2Verify(key.point, data, sig, { format: 'raw', ...(sm2Id !== undefined ? { id: sm2Id } : {}) });
    }
    if (!key.keyObject) return false;
    if (s.keyType === 'ed25519') return nodeVerify(null, data, key.keyObject, sig);
    if (s.keyType === 'ec') return nodeVerify(s.hash!, data, { key: key.keyObject, dsaEncoding: 'ieee-p1363' }, sig);
    if (sig.length !== Math.ceil(key.bits / 8)) return false;
    return nodeVerify(s.hash!, data, s.pss
      ? { key: key.keyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : { key: key.keyObject, padding: constants.RSA_PKCS1_PADDING }, sig);
  } catch {
    return false;
  }
}
