// Signing with any supported private key; returns the AlgorithmIdentifier to embed next to it.
import { constants, sign as nodeSign } from 'node:crypto';
import { KeyError, UnsupportedError } from '../errors.js';
import type { AlgorithmIdentifier, DigestName, PrivateKey } from './types.js';
import * as O from './oids.js';
import { defaultDigestFor } from './default-digest.js';
import { digestLength, nodeDigestName } from './digest.js';
import { encodePssParams } from './pss.js';
import { ECDSA_SIGNATURE_OIDS, RSA_PKCS1_SIGNATURE_OIDS } from './signature-oids.js';
import { sm2Sign } from './sm2/sign.js';

export interface SignDataOptions {
  key: PrivateKey;
  data: Uint8Array;
  /** Default: SM3 for SM2, SHA-384 for P-384, SHA-256 for P-256 and RSA. Ignored by Ed25519. */
  digest?: DigestName;
  /** SM2 user ID, default '1234567812345678'. */
  sm2Id?: Uint8Array | string;
  /** RSA only: PKCS#1 v1.5 (default) or PSS (MGF1 with the same hash, salt = hash length). */
  rsaPadding?: 'pkcs1' | 'pss';
}

export interface SignDataResult {
  signature: Uint8Array;
  algorithm: AlgorithmIdentifier;
  name: string;
}

const NULL = Uint8Array.of(0x05, 0x00);

/** Sign `data`. Throws UnsupportedError for a digest the key type cannot use, KeyError for a bad key. */
export function signData(opts: SignDataOptions): SignDataResult {
  const { key, data } = opts;
  switch (key.type) {
    case 'sm2': {
      if (opts.digest && opts.digest !== 'sm3') throw new UnsupportedError('SM2 signs with SM3 only');
      if (!key.d) throw new KeyError('SM2 private key without its scalar');
      const signature = sm2Sign(key.d, data, { id: opts.sm2Id, publicKey: key.publicKey.point });
      return { signature, algorithm: { oid: O.OID_SM2_WITH_SM3 }, name: 'sm2-with-sm3' };
    }
    case 'ec': {
      const digest = opts.digest ?? defaultDigestFor(key);
      const oid = ECDSA_SIGNATURE_OIDS[digest];
      if (!oid) throw new UnsupportedError(`ECDSA with ${digest} is not supported`);
      const signature = new Uint8Array(nodeSign(nodeDigestName(digest), data, requireKo(key)));
      return { signature, algorithm: { oid }, name: `ecdsa-with-${digest}` };
    }
    case 'rsa': {
      const digest = opts.digest ?? defaultDigestFor(key);
      if (digest === 'md5' || digest === 'sm3') throw new UnsupportedError(`RSA with ${digest} is not supported`);
      if (opts.rsaPadding === 'pss') {
        const signature = new Uint8Array(
          nodeSign(nodeDigestName(digest), data, {
            key: requireKo(key),
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: digestLength(digest),
          }),
        );
        return { signature, algorithm: { oid: O.OID_RSASSA_PSS, params: encodePssParams(digest) }, name: 'rsassa-pss' };
      }
      const oid = RSA_PKCS1_SIGNATURE_OIDS[digest];
      if (!oid) throw new UnsupportedError(`RSA with ${digest} is not supported`);
      const signature = new Uint8Array(
        nodeSign(nodeDigestName(digest), data, { key: requireKo(key), padding: constants.RSA_PKCS1_PADDING }),
      );
      return { signature, algorithm: { oid, params: NULL }, name: `${digest}-with-rsa` };
    }
    case 'ed25519': {
      const signature = new Uint8Array(nodeSign(null, data, requireKo(key)));
      return { signature, algorithm: { oid: O.OID_ED25519 }, name: 'ed25519' };
    }
    default:
      throw new UnsupportedError(`cannot sign with key type ${String((key as { type: unknown }).type)}`);
  }
}

function requireKo(key: PrivateKey) {
  if (!key.keyObject) throw new KeyError(`${key.type} private key without a KeyObject`);
  return key.keyObject;
}
