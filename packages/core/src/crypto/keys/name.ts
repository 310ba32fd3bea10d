import type { PrivateKey, PublicKey } from '../types.js';

/** Short name for reports: 'sm2', 'ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'ed25519'. */
export function publicKeyAlgorithmName(pub: PublicKey | PrivateKey): string {
  switch (pub.type) {
    case 'sm2':
      return 'sm2';
    case 'ec':
      return pub.curve === 'P-384' ? 'ecdsa-p384' : pub.curve === 'P-256' ? 'ecdsa-p256' : 'ecdsa';
    case 'rsa':
      return `rsa-${pub.bits}`;
    case 'ed25519':
      return 'ed25519';
    default:
      return String((pub as { type: unknown }).type);
  }
}
