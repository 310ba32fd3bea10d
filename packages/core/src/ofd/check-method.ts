// The References CheckMethod: vendors write an OID (1.2.156.10197.1.401) or a name (SM3). dms360 writes
// 1.2.156.10197.1.401.2 ("SM3 with key") and digests SM3(Z_signer ‖ file): accepted, but reported as non-standard.
import { digestNameFromOid } from '../crypto/digest.js';
import { isWeak } from '../crypto/weak.js';
import type { DigestName } from '../crypto/types.js';

export const OID_SM3_WITH_KEY = '1.2.156.10197.1.401.2';

export interface CheckMethod {
  /** As written ('' when the attribute is absent). */
  written: string;
  digest: DigestName;
  /** 1.2.156.10197.1.401.2: each CheckValue may be SM3(Z ‖ file) with Z from the signer's key. */
  zPrefixed: boolean;
  /** 'md5' / 'sha1' when the digest is weak by the project rules. */
  weak?: string;
  /** The attribute was absent and the standard's default (MD5) was assumed. */
  defaulted: boolean;
}

const NAMES: Record<string, DigestName> = {
  sm3: 'sm3',
  sha1: 'sha1',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  md5: 'md5',
};

/** The digest a CheckMethod names, or undefined when it names none we know. */
export function parseCheckMethod(written: string | undefined): CheckMethod | undefined {
  const w = (written ?? '').trim();
  let digest: DigestName | undefined;
  let zPrefixed = false;
  if (w === '') digest = 'md5'; // GB/T 33190 table 67: CheckMethod defaults to MD5
  else if (w === OID_SM3_WITH_KEY) {
    digest = 'sm3';
    zPrefixed = true;
  } else if (/^\d+(\.\d+)+$/.test(w)) digest = digestNameFromOid(w);
  else digest = NAMES[w.toLowerCase().replace(/[^a-z0-9]/g, '')];
  if (!digest) return undefined;
  const out: CheckMethod = { written: w, digest, zPrefixed, defaulted: w === '' };
  const weak = isWeak({ digest });
  if (weak) out.weak = weak;
  return out;
}
