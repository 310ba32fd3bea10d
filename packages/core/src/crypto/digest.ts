// Message digests by registry name, all through node:crypto.
import { createHash } from 'node:crypto';
import type { DigestName } from './types.js';
import { UnsupportedError } from '../errors.js';
import * as O from './oids.js';
import { sm3 } from './sm3.js';

const NODE_NAME: Record<DigestName, string> = {
  sm3: 'sm3',
  sha1: 'sha1',
  md5: 'md5',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};

const LENGTH: Record<DigestName, number> = { sm3: 32, sha1: 20, md5: 16, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

const OID_OF: Record<DigestName, string> = {
  sm3: O.OID_SM3,
  sha1: O.OID_SHA1,
  md5: O.OID_MD5,
  sha224: O.OID_SHA224,
  sha256: O.OID_SHA256,
  sha384: O.OID_SHA384,
  sha512: O.OID_SHA512,
};

const BY_OID: ReadonlyMap<string, DigestName> = new Map<string, DigestName>([
  ...Object.entries(OID_OF).map(([n, o]) => [o, n as DigestName] as const),
  [O.OID_SM3_NOKEY, 'sm3'],
]);

export function isDigestName(x: unknown): x is DigestName {
  return typeof x === 'string' && Object.hasOwn(NODE_NAME, x);
}

/** Digest of the concatenation of `parts`. */
export function digest(name: DigestName, ...parts: Uint8Array[]): Uint8Array {
  if (name === 'sm3') return sm3(...parts);
  const n = NODE_NAME[name];
  if (!n) throw new UnsupportedError(`unknown digest ${String(name)}`);
  const h = createHash(n);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** Digest name for a digest AlgorithmIdentifier OID (1.2.156.10197.1.401 and .401.1 both mean SM3). */
export function digestNameFromOid(oid: string): DigestName | undefined {
  return BY_OID.get(oid);
}

export function digestOid(name: DigestName): string {
  const o = OID_OF[name];
  if (!o) throw new UnsupportedError(`unknown digest ${String(name)}`);
  return o;
}

/** Output length in bytes. */
export function digestLength(name: DigestName): number {
  const l = LENGTH[name];
  if (!l) throw new UnsupportedError(`unknown digest ${String(name)}`);
  return l;
}

/** node:crypto's name for the digest (used by sign/verify). */
export function nodeDigestName(name: DigestName): string {
  return NODE_NAME[name];
}
