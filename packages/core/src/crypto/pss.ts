// RSASSA-PSS-params (RFC 8017 A.2.3 / RFC 4055): hash, MGF1 hash, salt length, trailer field.
import { FormatError, UnsupportedError } from '../errors.js';
import type { DigestName } from './types.js';
import * as O from './oids.js';
import { algorithmIdentifier, children, derNull, explicit, integer, readOid, readRoot, readSequence, readSmallUint, seq, type El } from '../asn1/index.js';
import { digestLength, digestNameFromOid, digestOid } from './digest.js';

export interface PssParams {
  hash: DigestName;
  mgf1Hash: DigestName;
  saltLength: number;
  trailerField: number;
}

function hashOf(t: El): DigestName {
  const kids = readSequence(t, 'AlgorithmIdentifier', 64);
  const hashOid = readOid(kids[0], 'hash OID');
  const d = digestNameFromOid(hashOid);
  if (!d) throw new UnsupportedError(`unsupported PSS hash ${hashOid}`);
  return d;
}

/** Decode RSASSA-PSS parameters (absent → all defaults: SHA-1, MGF1-SHA-1, salt 20, trailer 1). */
export function decodePssParams(params: Uint8Array | undefined): PssParams {
  const out: PssParams = { hash: 'sha1', mgf1Hash: 'sha1', saltLength: 20, trailerField: 1 };
  if (!params || (params.length === 2 && params[0] === 0x05 && params[1] === 0)) return out;
  let last = -1;
  for (const f of readSequence(readRoot(params, 'RSASSA-PSS-params'), 'RSASSA-PSS-params', 64)) {
    const n = f.tag - 0xa0;
    if (n < 0 || n > 3 || n <= last) throw new FormatError('RSASSA-PSS-params: unexpected field');
    last = n;
    const inner = children(f, 'RSASSA-PSS-params', 64);
    if (inner.length !== 1) throw new FormatError('RSASSA-PSS-params: bad field');
    const v = inner[0]!;
    if (n === 0) out.hash = hashOf(v);
    else if (n === 1) {
      const kids = readSequence(v, 'maskGenAlgorithm', 64);
      const mgf = readOid(kids[0], 'MGF OID');
      if (mgf !== O.OID_MGF1) throw new UnsupportedError(`unsupported mask generation function ${mgf}`);
      if (!kids[1]) throw new FormatError('MGF1 without a hash');
      out.mgf1Hash = hashOf(kids[1]);
    } else if (n === 2) out.saltLength = readSmallUint(v, 'saltLength');
    else out.trailerField = readSmallUint(v, 'trailerField');
  }
  return out;
}

/** DER RSASSA-PSS-params with MGF1 over the same hash and salt = hash length (the common profile). */
export function encodePssParams(hash: DigestName, saltLength = digestLength(hash)): Uint8Array {
  const hashAlg = algorithmIdentifier(digestOid(hash), derNull());
  return seq(explicit(0, hashAlg), explicit(1, algorithmIdentifier(O.OID_MGF1, hashAlg)), explicit(2, integer(saltLength)));
}
