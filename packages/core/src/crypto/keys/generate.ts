import { generateKeyPairSync } from 'node:crypto';
import { UnsupportedError } from '../../errors.js';
import type { PrivateKey } from '../types.js';
import { sm2GenerateKeyPair } from '../sm2/keygen.js';
import { sm2PrivateKeyFromScalar } from './sm2-key.js';
import { privateKeyFromKeyObject } from './node-key.js';

export type KeyAlgorithm = 'sm2' | 'p256' | 'p384' | 'rsa2048' | 'rsa3072' | 'rsa4096' | 'ed25519';

export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['sm2', 'p256', 'p384', 'rsa2048', 'rsa3072', 'rsa4096', 'ed25519'];

/** A new key pair (CSPRNG). RSA keys use e = 65537. */
export function generateKeyPair(alg: KeyAlgorithm): PrivateKey {
  switch (alg) {
    case 'sm2': {
      const { d, point } = sm2GenerateKeyPair();
      return sm2PrivateKeyFromScalar(d, point);
    }
    case 'p256':
    case 'p384':
      return privateKeyFromKeyObject(
        generateKeyPairSync('ec', { namedCurve: alg === 'p256' ? 'P-256' : 'P-384' }).privateKey,
      );
    case 'rsa2048':
    case 'rsa3072':
    case 'rsa4096':
      return privateKeyFromKeyObject(
        generateKeyPairSync('rsa', { modulusLength: Number(alg.slice(3)), publicExponent: 0x10001 }).privateKey,
      );
    case 'ed25519':
      return privateKeyFromKeyObject(generateKeyPairSync('ed25519').privateKey);
    default:
      throw new UnsupportedError(`unknown key algorithm ${String(alg)}`);
  }
}
