// Is a signer certificate in a seal's certList? certListType 1 lists DER certificates (byte equality); 2 lists
// digests whose hash the standard leaves open: SM3 and SHA-256 over the DER certificate are both tried.
import { createHash } from 'node:crypto';
import { equalBytes } from '../asn1/index.js';
import { sm3 } from '../crypto/sm3.js';
import type { SesCertList } from './types.js';

export interface CertListMatch {
  matched: boolean;
  /** How it matched: the certificate itself, or its SM3 / SHA-256 digest. */
  how?: 'certificate' | 'sm3' | 'sha256';
  /** Position in the list. */
  index?: number;
}

export function matchCertList(list: SesCertList, certificate: Uint8Array): CertListMatch {
  if (list.kind === 'certs') {
    const i = list.certs.findIndex((c) => equalBytes(c, certificate));
    return i >= 0 ? { matched: true, how: 'certificate', index: i } : { matched: false };
  }
  const sm3d = sm3(certificate);
  const sha256d = new Uint8Array(createHash('sha256').update(certificate).digest());
  for (let i = 0; i < list.digests.length; i++) {
    const v = list.digests[i]!.value;
    if (equalBytes(v, sm3d)) return { matched: true, how: 'sm3', index: i };
    if (equalBytes(v, sha256d)) return { matched: true, how: 'sha256', index: i };
  }
  return { matched: false };
}
