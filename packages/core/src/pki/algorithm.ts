// AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }, decoded to the crypto layer's shape.
import { FormatError } from '../errors.js';
import type { AlgorithmIdentifier } from '../crypto/types.js';
import { TAG_SEQUENCE, algorithmIdentifier, children, encoding, equalBytes, readOid, type El } from '../asn1/index.js';

export function algorithmOf(e: El | undefined, what: string): AlgorithmIdentifier {
  if (!e || e.tag !== TAG_SEQUENCE) throw new FormatError(`${what}: bad AlgorithmIdentifier`);
  const parts = children(e, what, 3);
  if (parts.length < 1 || parts.length > 2) throw new FormatError(`${what}: bad AlgorithmIdentifier`);
  const oid = readOid(parts[0], what);
  return parts[1] ? { oid, params: encoding(parts[1]) } : { oid };
}

/** DER of an AlgorithmIdentifier. */
export function encodeAlgorithm(a: AlgorithmIdentifier): Uint8Array {
  return algorithmIdentifier(a.oid, a.params);
}

/**
 * Same algorithm? An absent and a NULL parameter are treated alike (RFC 5754 allows both for the
 * SHA-2 RSA OIDs and producers differ), anything else must be byte-equal.
 */
export function sameAlgorithm(a: AlgorithmIdentifier, b: AlgorithmIdentifier): boolean {
  if (a.oid !== b.oid) return false;
  const pa = a.params && !isNull(a.params) ? a.params : undefined;
  const pb = b.params && !isNull(b.params) ? b.params : undefined;
  if (!pa || !pb) return !pa && !pb;
  return equalBytes(pa, pb);
}

function isNull(p: Uint8Array): boolean {
  return p.length === 2 && p[0] === 0x05 && p[1] === 0x00;
}
