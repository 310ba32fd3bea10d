// COSE_Sign1 (RFC 9052 section 4.2), tagged 18, the way EU DCC QR codes use it: protected header {1: alg, 4: kid},
// empty unprotected header, the claims as payload, and the signature over
// Sig_structure ["Signature1", protected, h'', payload]. Signatures are raw (r‖s for ECDSA and SM2, 64 bytes for
// Ed25519, modulus-sized for RSA). SM2 has no registered COSE algorithm: we use a private-use value.
import { FormatError } from '../../errors.js';
import type { PrivateKey, PublicKey } from '../../crypto/types.js';
import { signWithAlgorithm, verifyWithAlgorithm, type JwsAlgorithm } from '../jws/algorithms.js';
import { CborTagged, cborDecode, cborEncode, type CborValue } from './cbor.js';

export const COSE_SIGN1_TAG = 18;

/** COSE algorithm values (IANA "COSE Algorithms"); SM2SM3 in the private-use range (below -65536). */
export const COSE_ALGS: Readonly<Record<JwsAlgorithm, number>> = {
  ES256: -7,
  ES384: -35,
  EdDSA: -8,
  Ed25519: -19,
  RS256: -257,
  RS384: -258,
  RS512: -259,
  PS256: -37,
  PS384: -38,
  PS512: -39,
  SM2SM3: -65_600,
};

export function joseAlgFromCose(v: number): JwsAlgorithm | undefined {
  return (Object.keys(COSE_ALGS) as JwsAlgorithm[]).find((k) => COSE_ALGS[k] === v);
}

const H_ALG = 1;
const H_KID = 4;

export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return cborEncode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

export function signCoseSign1(payload: Uint8Array, opts: { key: PrivateKey; alg: JwsAlgorithm; kid: Uint8Array }): Uint8Array {
  const protectedBytes = cborEncode(new Map<number, CborValue>([[H_ALG, COSE_ALGS[opts.alg]], [H_KID, opts.kid]]));
  const signature = signWithAlgorithm(opts.alg, opts.key, sigStructure(protectedBytes, payload));
  return cborEncode(new CborTagged(COSE_SIGN1_TAG, [protectedBytes, new Map(), payload, signature]));
}

export interface CoseSign1 {
  /** Algorithm value as found. */
  coseAlg: number;
  alg?: JwsAlgorithm;
  kid: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
  /** The bytes the signature covers. */
  toBeSigned: Uint8Array;
}

/** Decode a (tagged or untagged) COSE_Sign1. Throws FormatError / LimitError. */
export function decodeCoseSign1(bytes: Uint8Array): CoseSign1 {
  let v = cborDecode(bytes);
  if (v instanceof CborTagged) {
    if (v.tag !== COSE_SIGN1_TAG) throw new FormatError(`CBOR tag ${v.tag} is not COSE_Sign1 (18)`);
    v = v.value;
  }
  if (!Array.isArray(v) || v.length !== 4) throw new FormatError('not a COSE_Sign1 array of 4 items');
  const [p, u, payload, signature] = v;
  if (!(p instanceof Uint8Array) || !(u instanceof Map) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array))
    throw new FormatError('COSE_Sign1 items have the wrong types');
  if (u.size !== 0) throw new FormatError('unprotected header parameters are not accepted');
  const h = p.length === 0 ? new Map() : cborDecode(p);
  if (!(h instanceof Map)) throw new FormatError('protected header is not a map');
  for (const k of h.keys()) if (k !== H_ALG && k !== H_KID) throw new FormatError(`unexpected protected header parameter ${JSON.stringify(k)}`);
  const alg = h.get(H_ALG);
  const kid = h.get(H_KID);
  if (typeof alg !== 'number') throw new FormatError('protected header has no algorithm');
  if (!(kid instanceof Uint8Array) || kid.length === 0 || kid.length > 32) throw new FormatError('protected header has no usable kid');
  const out: CoseSign1 = { coseAlg: alg, kid, payload, signature, toBeSigned: sigStructure(p, payload) };
  const j = joseAlgFromCose(alg);
  if (j) out.alg = j;
  return out;
}

export function verifyCoseSign1(m: CoseSign1, key: PublicKey): boolean {
  return m.alg !== undefined && verifyWithAlgorithm(m.alg, key, m.toBeSigned, m.signature);
}
