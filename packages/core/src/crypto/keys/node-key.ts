// PublicKey / PrivateKey wrappers around node:crypto KeyObjects (RSA, ECDSA P-256/P-384, Ed25519).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { UnsupportedError } from '../../errors.js';
import type { NamedCurve, PrivateKey, PublicKey } from '../types.js';

const CURVES: Record<string, { curve: NamedCurve; bits: number }> = {
  prime256v1: { curve: 'P-256', bits: 256 },
  secp384r1: { curve: 'P-384', bits: 384 },
};

function describe(ko: KeyObject): Pick<PublicKey, 'type' | 'curve' | 'bits'> {
  const t = ko.asymmetricKeyType;
  if (t === 'rsa' || t === 'rsa-pss') {
    const bits = ko.asymmetricKeyDetails?.modulusLength;
    if (!bits) throw new UnsupportedError('RSA key without a modulus length');
    return { type: 'rsa', bits };
  }
  if (t === 'ec') {
    const c = CURVES[ko.asymmetricKeyDetails?.namedCurve ?? ''];
    if (!c) throw new UnsupportedError(`unsupported EC curve ${ko.asymmetricKeyDetails?.namedCurve ?? '(unknown)'}`);
    return { type: 'ec', curve: c.curve, bits: c.bits };
  }
  if (t === 'ed25519') return { type: 'ed25519', bits: 256 };
  throw new UnsupportedError(`unsupported key type ${t ?? '(unknown)'}`);
}

export function publicKeyFromKeyObject(ko: KeyObject, spki?: Uint8Array): PublicKey {
  const d = describe(ko);
  const der = spki ?? new Uint8Array(ko.export({ format: 'der', type: 'spki' }));
  return Object.freeze({ ...d, spki: der, keyObject: ko });
}

export function privateKeyFromKeyObject(ko: KeyObject): PrivateKey {
  const d = describe(ko);
  const pkcs8 = new Uint8Array(ko.export({ format: 'der', type: 'pkcs8' }));
  return Object.freeze({ ...d, pkcs8, keyObject: ko, publicKey: publicKeyFromKeyObject(createPublicKey(ko)) });
}
