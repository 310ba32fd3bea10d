// SubjectPublicKeyInfo → PublicKey. Runs for every certificate the PKI code reads.
import { createPublicKey } from 'node:crypto';
import { FormatError, UnsupportedError } from '../../errors.js';
import type { PublicKey } from '../types.js';
import * as O from '../oids.js';
import { TAG_OID, bitString, encoding, readBitString, readOid, readRoot, readSequence, seq, toHex } from '../../asn1/index.js';
import { sm2PublicKeyFromPoint } from './sm2-key.js';
import { publicKeyFromKeyObject } from './node-key.js';

const SM2_KEY_ALGS = new Set([O.OID_SM2_CURVE, O.OID_SM2_SIGN]);
const NODE_KEY_ALGS = new Set([O.OID_RSA_ENCRYPTION, O.OID_RSASSA_PSS, O.OID_ED25519]);
const NODE_CURVES = new Set([O.OID_P256, O.OID_P384]);

/** The algorithm OID, curve OID (if the parameters are one) and key bits of an SPKI. */
export function parseSpki(spki: Uint8Array): { alg: string; curve?: string; key: Uint8Array } {
  const [algT, keyT, extra] = readSequence(readRoot(spki, 'SubjectPublicKeyInfo'), 'SubjectPublicKeyInfo', 64);
  if (extra) throw new FormatError('SubjectPublicKeyInfo: unexpected element');
  const algKids = readSequence(algT, 'SPKI algorithm', 64);
  const alg = readOid(algKids[0], 'SPKI algorithm OID');
  const p = algKids[1];
  const curve = p && p.tag === TAG_OID ? readOid(p, 'SPKI curve') : undefined;
  const key = readBitString(keyT, 'SPKI subjectPublicKey');
  return curve === undefined ? { alg, key } : { alg, curve, key };
}

/**
 * Decode a DER SubjectPublicKeyInfo. SM2 is recognised as id-ecPublicKey + 1.2.156.10197.1.301 and
 * as the bare SM2 OIDs some producers write. Throws FormatError (malformed) or UnsupportedError.
 */
export function publicKeyFromSpki(spki: Uint8Array): PublicKey {
  // OpenSSL 3's decoder costs ≈ 0.1 ms per key; CA keys repeat across chains, so keep recent ones.
  const id = spki.byteLength <= MAX_CACHED_SPKI ? toHex(spki) : undefined;
  const hit = id === undefined ? undefined : cache.get(id);
  if (hit) {
    cache.delete(id!);
    cache.set(id!, hit);
    return hit;
  }
  const pub = decode(spki);
  if (id !== undefined) {
    cache.set(id, pub);
    if (cache.size > MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
  }
  return pub;
}

const MAX_CACHED_KEYS = 256;
const MAX_CACHED_SPKI = 4096;
const cache = new Map<string, PublicKey>();

function decode(spki: Uint8Array): PublicKey {
  const { alg, curve, key } = parseSpki(spki);
  if ((alg === O.OID_EC_PUBLIC_KEY && curve === O.OID_SM2_CURVE) || (SM2_KEY_ALGS.has(alg) && (curve === undefined || curve === O.OID_SM2_CURVE)))
    return sm2PublicKeyFromPoint(key);
  if (alg === O.OID_EC_PUBLIC_KEY) {
    if (curve === undefined) throw new UnsupportedError('EC public key with explicit curve parameters is not supported');
    if (!NODE_CURVES.has(curve)) throw new UnsupportedError(`unsupported EC curve ${curve}`);
  } else if (!NODE_KEY_ALGS.has(alg)) throw new UnsupportedError(`unsupported public key algorithm ${alg}`);
  let ko;
  try {
    ko = createPublicKey({ key: Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength), format: 'der', type: 'spki' });
  } catch (e) {
    throw new FormatError(`invalid public key: ${(e as Error).message}`, { cause: e });
  }
  // The input is strict DER already; keep it unless the EC point is compressed (canonical is 04‖x‖y,
  // and OpenSSL would re-export the compressed form).
  if (alg === O.OID_EC_PUBLIC_KEY && key[0] !== 0x04) {
    const jwk = ko.export({ format: 'jwk' });
    const xy = Buffer.concat([Buffer.of(4), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
    const algId = encoding(readSequence(readRoot(spki, 'SubjectPublicKeyInfo'), 'SubjectPublicKeyInfo')[0]!);
    return publicKeyFromKeyObject(ko, seq(algId, bitString(xy)));
  }
  return publicKeyFromKeyObject(ko, Uint8Array.from(spki));
}
