import { KeyError } from '../../errors.js';
import { bigIntToBytes, bytesToBigInt } from '../../asn1/index.js';
import { sm2Curve } from './curve.js';

/** A fresh SM2 key pair: d (32 bytes, in [1, n−2]) and the point 04‖x‖y. */
export function sm2GenerateKeyPair(): { d: Uint8Array; point: Uint8Array } {
  const d = sm2Curve.randomScalar();
  return { d: bigIntToBytes(d, 32), point: sm2Curve.publicFromPrivate(d).toBytes(false) };
}

/** 04‖x‖y for a private scalar d. Throws KeyError when d is not a valid SM2 private key. */
export function sm2PublicFromPrivate(d: Uint8Array): Uint8Array {
  if (!(d instanceof Uint8Array) || d.length !== 32) throw new KeyError('SM2 private key must be 32 bytes');
  try {
    return sm2Curve.publicFromPrivate(bytesToBigInt(d)).toBytes(false);
  } catch (e) {
    throw new KeyError('SM2 private key out of range', { cause: e });
  }
}
