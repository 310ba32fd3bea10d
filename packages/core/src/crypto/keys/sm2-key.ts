// SM2 keys as DER: SPKI and PKCS#8 with id-ecPublicKey + curve 1.2.156.10197.1.301 (what OpenSSL and
// Chinese CAs write), SEC1 ECPrivateKey inside. Node's KeyObjects are not used for SM2 (empty user ID).
import { FormatError, KeyError } from '../../errors.js';
import type { PrivateKey, PublicKey } from '../types.js';
import { OID_EC_PUBLIC_KEY, OID_SM2_CURVE } from '../oids.js';
import {
  bigIntToBytes,
  bitString,
  bytesToBigInt,
  content,
  equalBytes,
  expectTag,
  explicit,
  integer,
  octets,
  oid,
  readBitString,
  readOid,
  readRoot,
  readSequence,
  readSmallInt,
  seq,
  children,
  TAG_OCTET_STRING,
  TAG_OID,
} from '../../asn1/index.js';
import { sm2Curve } from '../sm2/curve.js';

const SM2_ALG_ID = seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE));

export function sm2Spki(point: Uint8Array): Uint8Array {
  return seq(SM2_ALG_ID, bitString(point));
}

/** A PublicKey for an SM2 point (65-byte 04‖x‖y or 33-byte compressed). Throws FormatError if invalid. */
export function sm2PublicKeyFromPoint(point: Uint8Array): PublicKey {
  let uncompressed: Uint8Array;
  try {
    const P = sm2Curve.decodePoint(point);
    uncompressed = point.length === 65 ? Uint8Array.from(point) : P.toBytes(false);
  } catch (e) {
    throw new FormatError('SM2 public key is not a valid point on the curve', { cause: e });
  }
  return Object.freeze({ type: 'sm2', curve: 'SM2', bits: 256, spki: sm2Spki(uncompressed), point: uncompressed });
}

/** ECPrivateKey (RFC 5915) for SM2: version 1, d, [1] public key. */
function ecPrivateKey(d: Uint8Array, point: Uint8Array, withParams: boolean): Uint8Array {
  return seq(integer(1), octets(d), ...(withParams ? [explicit(0, oid(OID_SM2_CURVE))] : []), explicit(1, bitString(point)));
}

export function sm2Pkcs8(d: Uint8Array, point: Uint8Array): Uint8Array {
  return seq(integer(0), SM2_ALG_ID, octets(ecPrivateKey(d, point, false)));
}

export function sm2Sec1(d: Uint8Array, point: Uint8Array): Uint8Array {
  return ecPrivateKey(d, point, true);
}

/** A PrivateKey for the 32-byte SM2 scalar d. `embeddedPoint`, if the container had one, must match. */
export function sm2PrivateKeyFromScalar(d: Uint8Array, embeddedPoint?: Uint8Array): PrivateKey {
  if (d.length > 32) throw new KeyError('SM2 private key longer than 32 bytes');
  const x = bytesToBigInt(d);
  let point: Uint8Array;
  try {
    point = sm2Curve.publicFromPrivate(x).toBytes(false);
  } catch (e) {
    throw new KeyError('SM2 private key out of range [1, n-2]', { cause: e });
  }
  if (embeddedPoint) {
    let given: Uint8Array;
    try {
      given = sm2Curve.decodePoint(embeddedPoint).toBytes(false);
    } catch (e) {
      throw new KeyError('SM2 key file holds an invalid public key', { cause: e });
    }
    if (!equalBytes(given, point)) throw new KeyError('SM2 key file: public key does not match the private key');
  }
  const d32 = bigIntToBytes(x, 32);
  const publicKey = sm2PublicKeyFromPoint(point);
  return Object.freeze({ type: 'sm2', curve: 'SM2', bits: 256, pkcs8: sm2Pkcs8(d32, point), d: d32, publicKey });
}

/**
 * Parse an ECPrivateKey (SEC1) body: the scalar, the curve OID from [0] if present, the point from [1].
 */
export function parseEcPrivateKey(der: Uint8Array): { d: Uint8Array; curve?: string; point?: Uint8Array } {
  const kids = readSequence(readRoot(der, 'ECPrivateKey'), 'ECPrivateKey', 64);
  if (readSmallInt(kids[0], 'ECPrivateKey version') !== 1) throw new FormatError('ECPrivateKey version must be 1');
  const d = content(expectTag(kids[1], TAG_OCTET_STRING, 'ECPrivateKey privateKey'));
  const out: { d: Uint8Array; curve?: string; point?: Uint8Array } = { d };
  for (const k of kids.slice(2)) {
    if (k.tag === 0xa0) {
      const inner = children(k, 'ECPrivateKey parameters', 64)[0];
      if (!inner || inner.tag !== TAG_OID) throw new FormatError('ECPrivateKey: only named curves are supported');
      out.curve = readOid(inner, 'ECPrivateKey parameters');
    } else if (k.tag === 0xa1) {
      const inner = children(k, 'ECPrivateKey publicKey', 64)[0];
      if (!inner) throw new FormatError('ECPrivateKey: empty publicKey');
      out.point = readBitString(inner, 'ECPrivateKey publicKey');
    } else throw new FormatError('ECPrivateKey: unexpected element');
  }
  return out;
}
