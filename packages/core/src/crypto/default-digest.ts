// The digest a key signs with when none is named, the same for raw signatures, signData and CMS: SM3 for SM2 (the only
// one it may use), SHA-512 for Ed25519 (fixed by RFC 8032), SHA-384 for P-384 (matching the curve's strength),
// SHA-256 for P-256 and RSA.
import type { DigestName, KeyType, NamedCurve } from './types.js';

export function defaultDigestFor(key: { readonly type: KeyType; readonly curve?: NamedCurve | undefined }): DigestName {
  if (key.type === 'sm2') return 'sm3';
  if (key.type === 'ed25519') return 'sha512';
  if (key.type === 'ec' && key.curve === 'P-384') return 'sha384';
  return 'sha256';
}
