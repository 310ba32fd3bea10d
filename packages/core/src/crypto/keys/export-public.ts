import type { PrivateKey, PublicKey } from '../types.js';
import { encodePem } from '../../asn1/index.js';

/** SubjectPublicKeyInfo as PEM text or DER bytes; a PrivateKey exports its public half. */
export function exportPublicKey(key: PublicKey | PrivateKey, opts: { format: 'pem' }): string;
export function exportPublicKey(key: PublicKey | PrivateKey, opts: { format: 'der' }): Uint8Array;
export function exportPublicKey(key: PublicKey | PrivateKey, opts: { format: 'pem' | 'der' }): Uint8Array | string;
export function exportPublicKey(key: PublicKey | PrivateKey, opts: { format: 'pem' | 'der' }): Uint8Array | string {
  const spki = 'publicKey' in key ? key.publicKey.spki : key.spki;
  return opts.format === 'der' ? Uint8Array.from(spki) : encodePem('PUBLIC KEY', spki);
}
