import { KeyError } from '../../errors.js';
import { bytesToBigInt, bigIntToBytes } from '../../asn1/index.js';
import { sm3 } from '../sm3.js';
import { sm2Curve } from './curve.js';
import { encodeRsDer } from './der.js';

export interface Sm2SignOptions {
  /** User ID, default '1234567812345678' (a string is UTF-8). */
  id?: Uint8Array | string;
  /** 'der' (default) or raw 64-byte r‖s. */
  format?: 'der' | 'raw';
  /** Fixed nonce — for reproducing test vectors only; never in production. */
  k?: bigint;
  /** The signer's public key 04‖x‖y, saves one scalar multiplication when given. */
  publicKey?: Uint8Array;
}

function encode(r: bigint, s: bigint, format: 'der' | 'raw' | undefined): Uint8Array {
  if (format === 'raw') return Uint8Array.from([...bigIntToBytes(r, 32), ...bigIntToBytes(s, 32)]);
  return encodeRsDer(r, s);
}

function scalar(d: Uint8Array): bigint {
  if (!(d instanceof Uint8Array) || d.length !== 32) throw new KeyError('SM2 private key must be 32 bytes');
  const x = bytesToBigInt(d);
  if (x < 1n || x > sm2Curve.n - 2n) throw new KeyError('SM2 private key out of range');
  return x;
}

/** SM2 signature (GB/T 32918.2) of `message` with Z from the user ID; k from the CSPRNG. */
export function sm2Sign(d: Uint8Array, message: Uint8Array, opts: Sm2SignOptions = {}): Uint8Array {
  const di = scalar(d);
  const P = opts.publicKey ? sm2Curve.decodePoint(opts.publicKey) : sm2Curve.publicFromPrivate(di);
  const e = sm3(sm2Curve.z(P, opts.id), message);
  const { r, s } = sm2Curve.signE(di, e, opts.k);
  return encode(r, s, opts.format);
}

/** Sign a precomputed e (32 bytes), for formats that define their own hash input. */
export function sm2SignDigest(d: Uint8Array, e: Uint8Array, opts: Pick<Sm2SignOptions, 'format' | 'k'> = {}): Uint8Array {
  if (e.length !== 32) throw new RangeError('SM2 digest e must be 32 bytes');
  const { r, s } = sm2Curve.signE(scalar(d), e, opts.k);
  return encode(r, s, opts.format);
}
