// RSASSA-PSS-params (RFC 8017 A.2.3 / RFC 4055): hash, MGF1 hash, salt length, trailer field.
import { FormatError, UnsupportedError } from '../errors.js';
import type { DigestName } from './types.js';
import * as O from './oids.js';
import * as D from './lib/der.js';
import { digestLength, digestNameFromOid, digestOid } from './digest.js';

export interface PssParams {
  hash: DigestName;
  mgf1Hash: DigestName;
  saltLength: number;
  trailerField: number;
}

function hashOf(buf: Uint8Array, t: D.Tlv): DigestName {
  const kids = D.children(buf, D.expectTag(t, D.TAG_SEQUENCE, 'AlgorithmIdentifier'));
  const oid = D.readOid(buf, D.expectTag(kids[0], D.TAG_OID, 'hash OID'));
  const d = digestNameFromOid(oid);
  if (!d) throw new UnsupportedError(`unsupported PSS hash ${oid}`);
  return d;
}

/** Decode RSASSA-PSS parameters (absent → all defaults: SHA-1, MGF1-SHA-1, salt 20, trailer 1). */
export function decodePssParams(params: Uint8Array | undefined): PssParams {
  const out: PssParams = { hash: 'sha1', mgf1Hash: 'sha1', saltLength: 20, trailerField: 1 };
  if (!params || (params.length === 2 && params[0] === 0x05 && params[1] === 0)) return out;
  const root = D.readRoot(params, D.TAG_SEQUENCE);
  let last = -1;
  for (const f of D.children(params, root)) {
    const n = f.tag - 0xa0;
    if (n < 0 || n > 3 || n <= last) throw new FormatError('RSASSA-PSS-params: unexpected field');
    last = n;
    const inner = D.children(params, f);
    if (inner.length !== 1) throw new FormatError('RSASSA-PSS-params: bad field');
    const v = inner[0]!;
    if (n === 0) out.hash = hashOf(params, v);
    else if (n === 1) {
      const kids = D.children(params, D.expectTag(v, D.TAG_SEQUENCE, 'maskGenAlgorithm'));
      const mgf = D.readOid(params, D.expectTag(kids[0], D.TAG_OID, 'MGF OID'));
      if (mgf !== O.OID_MGF1) throw new UnsupportedError(`unsupported mask generation function ${mgf}`);
      if (!kids[1]) throw new FormatError('MGF1 without a hash');
      out.mgf1Hash = hashOf(params, kids[1]);
    } else if (n === 2) out.saltLength = D.readSmallInt(params, v);
    else out.trailerField = D.readSmallInt(params, v);
  }
  return out;
}

/** DER RSASSA-PSS-params with MGF1 over the same hash and salt = hash length (the common profile). */
export function encodePssParams(hash: DigestName, saltLength = digestLength(hash)): Uint8Array {
  const hashAlg = D.seq(D.oid(digestOid(hash)), D.derNull());
  return D.seq(D.ctx(0, hashAlg), D.ctx(1, D.seq(D.oid(O.OID_MGF1), hashAlg)), D.ctx(2, D.integer(saltLength)));
}
