// Signature algorithm identifiers in SES structures: a bare OID (no AlgorithmIdentifier, no parameters).
// GB/T 38540 names SM2-with-SM3 (1.2.156.10197.1.501); a few other OIDs for the same thing occur in the wild.
import { OID_SM2_CURVE, OID_SM2_SIGN, OID_SM2_WITH_SM3 } from '../crypto/oids.js';
import { SIGNATURE_ALGORITHMS } from '../crypto/algorithms.js';
import type { AlgorithmIdentifier, DigestName } from '../crypto/types.js';

/** Non-standard OIDs taken to mean SM2-with-SM3, and why they occur. */
export const NONSTANDARD_SM2_OIDS: ReadonlyMap<string, string> = new Map([
  // ofdrw OIDs.SM3withSM2 drops the ".1" arc.
  ['1.2.156.10197.501', 'SM2-with-SM3 without its ".1" arc (ofdrw OIDs.SM3withSM2)'],
  [OID_SM2_SIGN, 'the SM2 signature key algorithm (sm2-1) instead of SM2-with-SM3'],
  [OID_SM2_CURVE, 'the SM2 curve OID instead of SM2-with-SM3'],
]);

/** The AlgorithmIdentifier to verify with: a known non-standard SM2 OID becomes SM2-with-SM3. */
export function effectiveAlgorithm(oid: string): AlgorithmIdentifier {
  return { oid: NONSTANDARD_SM2_OIDS.has(oid) ? OID_SM2_WITH_SM3 : oid };
}

/** The digest an algorithm OID names (sm3 for SM2), if any. */
export function digestOfAlgorithm(oid: string): DigestName | undefined {
  const a = SIGNATURE_ALGORITHMS.get(effectiveAlgorithm(oid).oid);
  return a?.digest ?? undefined;
}

/** True for OIDs whose signatures are (r, s) pairs, where a raw 64-byte r‖s may stand in for DER. */
export function isRsAlgorithm(oid: string): boolean {
  const a = SIGNATURE_ALGORITHMS.get(effectiveAlgorithm(oid).oid);
  return !a || a.schemes.sm2 !== undefined || a.schemes.ec !== undefined;
}
