// AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }, decoded to the crypto layer's shape.
import * as asn1js from 'asn1js';
import { FormatError } from '../errors.js';
import type { AlgorithmIdentifier } from '../crypto/types.js';
import { TAG_SEQUENCE, derWrap, elBytes, elChildren, elOid, equalBytes, type El } from './asn1.js';

export function algorithmOf(e: El | undefined, what: string): AlgorithmIdentifier {
  if (!e || e.tag !== TAG_SEQUENCE) throw new FormatError(`${what}: bad AlgorithmIdentifier`);
  const parts = elChildren(e, what, 3);
  if (parts.length < 1 || parts.length > 2) throw new FormatError(`${what}: bad AlgorithmIdentifier`);
  const oid = elOid(parts[0], what);
  return parts[1] ? { oid, params: elBytes(parts[1]) } : { oid };
}

/** DER of an AlgorithmIdentifier. */
export function encodeAlgorithm(a: AlgorithmIdentifier): Uint8Array {
  const oid = new Uint8Array(new asn1js.ObjectIdentifier({ value: a.oid }).toBER(false));
  return derWrap(0x30, oid, a.params ?? new Uint8Array(0));
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
