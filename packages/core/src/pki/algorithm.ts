// AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }, decoded to the crypto layer's shape.
import * as asn1js from 'asn1js';
import { FormatError } from '../errors.js';
import type { AlgorithmIdentifier } from '../crypto/types.js';
import { children, encodedBytes, equalBytes, oidOf, type Node } from './asn1.js';

export function algorithmOf(n: Node | undefined, what: string): AlgorithmIdentifier {
  const parts = children(n);
  if (!(n instanceof asn1js.Sequence) || parts.length < 1 || parts.length > 2) throw new FormatError(`${what}: bad AlgorithmIdentifier`);
  const oid = oidOf(parts[0], what);
  return parts[1] ? { oid, params: encodedBytes(parts[1]) } : { oid };
}

/** DER of an AlgorithmIdentifier. */
export function encodeAlgorithm(a: AlgorithmIdentifier): Uint8Array {
  const oid = new asn1js.ObjectIdentifier({ value: a.oid }).toBER(false);
  const params = a.params ?? new Uint8Array(0);
  const body = new Uint8Array(oid.byteLength + params.length);
  body.set(new Uint8Array(oid), 0);
  body.set(params, oid.byteLength);
  return wrapSequence(body);
}

function wrapSequence(body: Uint8Array): Uint8Array {
  const len = body.length;
  if (len > 0xffff) throw new FormatError('AlgorithmIdentifier: parameters too long');
  const header = len < 0x80 ? [0x30, len] : len < 0x100 ? [0x30, 0x81, len] : [0x30, 0x82, len >> 8, len & 0xff];
  const out = new Uint8Array(header.length + len);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
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
