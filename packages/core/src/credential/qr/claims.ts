// The minimal claims a licence QR carries (CBOR map with small integer keys), and the 128-bit digest that binds them
// to the full licence record: SM3 (SM2 signers) or SHA-256 (others) of the record's RFC 8785 canonical JSON.
import { createHash } from 'node:crypto';
import { FormatError } from '../../errors.js';
import { sm3 } from '../../crypto/index.js';
import { utf8Bytes } from '../../asn1/index.js';
import type { Certificate } from '../../pki/index.js';
import { canonicalJson } from '../canonical-json.js';
import type { JwsAlgorithm } from '../jws/algorithms.js';
import type { CborValue } from './cbor.js';

export interface QrClaims {
  /** 电子证照标识. */
  identifier: string;
  /** 证照类型代码. */
  typeCode: string;
  /** 持证主体. */
  holder: string;
  /** 持证主体代码. */
  holderCode: string;
  /** 证照颁发机构代码. */
  issuerCode: string;
  /** 证照所属管辖属地编码. */
  areaCode: string;
  /** Validity start, seconds since the epoch. */
  validFrom: number;
  /** Validity end, seconds since the epoch; absent = long-term. */
  validUntil?: number;
  statusList?: string;
  statusIndex?: number;
  /** 16 bytes: SM3 or SHA-256 of the canonical record, truncated. */
  digest: Uint8Array;
}

const K = { identifier: 1, typeCode: 2, holder: 3, holderCode: 4, issuerCode: 5, areaCode: 6, validFrom: 7, validUntil: 8, statusList: 9, statusIndex: 10, digest: 11 } as const;
const TEXT = ['identifier', 'typeCode', 'holder', 'holderCode', 'issuerCode', 'areaCode'] as const;
const MAX_TEXT = 512;

/** The digest algorithm the QR of `alg` uses. */
export function digestNameFor(alg: JwsAlgorithm): 'sm3' | 'sha256' {
  return alg === 'SM2SM3' ? 'sm3' : 'sha256';
}

/** First 16 bytes of SM3 / SHA-256 over the record's canonical JSON. */
export function recordDigest(record: unknown, digest: 'sm3' | 'sha256'): Uint8Array {
  const bytes = utf8Bytes(canonicalJson(record));
  const full = digest === 'sm3' ? sm3(bytes) : new Uint8Array(createHash('sha256').update(bytes).digest());
  return full.slice(0, 16);
}

/** Key id of a QR signer: the first 8 bytes of SHA-256 of its certificate (as EU DCC). */
export function qrKeyId(cert: Certificate): Uint8Array {
  return new Uint8Array(Buffer.from(cert.fingerprintSha256.slice(0, 16), 'hex'));
}

export function claimsToCbor(c: QrClaims): Map<number, CborValue> {
  const m = new Map<number, CborValue>();
  for (const k of TEXT) m.set(K[k], c[k]);
  m.set(K.validFrom, c.validFrom);
  if (c.validUntil !== undefined) m.set(K.validUntil, c.validUntil);
  if (c.statusList !== undefined) m.set(K.statusList, c.statusList);
  if (c.statusIndex !== undefined) m.set(K.statusIndex, c.statusIndex);
  m.set(K.digest, c.digest);
  return m;
}

/** Read and type-check the claims map. Throws FormatError. */
export function claimsFromCbor(v: CborValue): QrClaims {
  if (!(v instanceof Map)) throw new FormatError('QR claims are not a CBOR map');
  const known = new Set<number | string>(Object.values(K));
  for (const k of v.keys()) if (!known.has(k)) throw new FormatError(`unknown QR claim ${JSON.stringify(k)}`);
  const text = (k: number, name: string): string => {
    const s = v.get(k);
    if (typeof s !== 'string' || s.length === 0 || s.length > MAX_TEXT) throw new FormatError(`QR claim ${name} is missing or not text`);
    return s;
  };
  const uint = (k: number, name: string): number => {
    const n = v.get(k);
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new FormatError(`QR claim ${name} is not a non-negative integer`);
    return n;
  };
  const digest = v.get(K.digest);
  if (!(digest instanceof Uint8Array) || digest.length !== 16) throw new FormatError('QR claim digest must be 16 bytes');
  const out: QrClaims = {
    identifier: text(K.identifier, 'identifier'),
    typeCode: text(K.typeCode, 'typeCode'),
    holder: text(K.holder, 'holder'),
    holderCode: text(K.holderCode, 'holderCode'),
    issuerCode: text(K.issuerCode, 'issuerCode'),
    areaCode: text(K.areaCode, 'areaCode'),
    validFrom: uint(K.validFrom, 'validFrom'),
    digest,
  };
  if (v.has(K.validUntil)) out.validUntil = uint(K.validUntil, 'validUntil');
  if (v.has(K.statusList) !== v.has(K.statusIndex)) throw new FormatError('QR claims statusList and statusIndex come together');
  if (v.has(K.statusList)) {
    out.statusList = text(K.statusList, 'statusList');
    out.statusIndex = uint(K.statusIndex, 'statusIndex');
  }
  return out;
}
