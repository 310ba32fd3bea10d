// Compact JWS (RFC 7515 section 7.1) with the signer's certificate chain in `x5c`.
import { FormatError, KeyError } from '../../errors.js';
import type { PrivateKey } from '../../crypto/types.js';
import { equalBytes, utf8Bytes } from '../../asn1/index.js';
import type { Certificate } from '../../pki/index.js';
import { defaultJwsAlgorithm, isJwsAlgorithm, signWithAlgorithm, type JwsAlgorithm } from './algorithms.js';
import { base64Encode, base64urlEncode } from './base64url.js';

export interface SignJwsOptions {
  key: PrivateKey;
  /** The signer's certificate; its key must be `key`'s public key. */
  certificate: Certificate;
  /** Intermediates (leaf excluded), put after the leaf in `x5c`. */
  chain?: readonly Certificate[];
  /** Default from the key: SM2 → SM2SM3, P-256 → ES256, P-384 → ES384, Ed25519 → EdDSA, RSA → RS256. */
  alg?: JwsAlgorithm;
  typ?: string;
  /** More protected header parameters; may not set alg, x5c or crit. */
  extraHeader?: Record<string, unknown>;
  /** SM2SM3 only: a user ID other than the default '1234567812345678', written to the header as `sm2id`. */
  sm2Id?: string;
}

const RESERVED = new Set(['alg', 'x5c', 'crit', 'sm2id', 'b64']);

/** Sign `payload` (an object is serialised with JSON.stringify). Throws KeyError, UnsupportedError, FormatError. */
export function signJws(payload: object | Uint8Array, opts: SignJwsOptions): string {
  const { key, certificate } = opts;
  if (!equalBytes(key.publicKey.spki, certificate.spki)) throw new KeyError('the private key does not belong to the certificate');
  const alg = opts.alg ?? defaultJwsAlgorithm(key.publicKey);
  if (!isJwsAlgorithm(alg)) throw new FormatError(`unsupported JWS algorithm ${String(alg)}`);
  if (opts.sm2Id !== undefined && alg !== 'SM2SM3') throw new FormatError('sm2Id applies to SM2SM3 only');
  const header: Record<string, unknown> = { alg };
  if (opts.typ !== undefined) header.typ = opts.typ;
  for (const [k, v] of Object.entries(opts.extraHeader ?? {})) {
    if (RESERVED.has(k)) throw new FormatError(`extraHeader may not set "${k}"`);
    header[k] = v;
  }
  if (opts.sm2Id !== undefined) header.sm2id = opts.sm2Id;
  header.x5c = [certificate, ...(opts.chain ?? []).filter((c) => c.fingerprintSha256 !== certificate.fingerprintSha256)].map((c) => base64Encode(c.der));
  const body = payload instanceof Uint8Array ? payload : utf8Bytes(JSON.stringify(payload));
  const input = `${base64urlEncode(JSON.stringify(header))}.${base64urlEncode(body)}`;
  const sig = signWithAlgorithm(alg, key, utf8Bytes(input), opts.sm2Id);
  return `${input}.${base64urlEncode(sig)}`;
}
