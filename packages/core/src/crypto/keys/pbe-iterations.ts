// Iteration counts of password-based encryption, read from the ASN.1 before any key derivation runs: a hostile
// key file (PKCS#8, PKCS#12) can ask for billions of iterations, and node-forge's pure-JS derivations take about
// 3 µs (PKCS#12 KDF) to 10 µs (PBKDF2-SHA256) per iteration.
import { FormatError, LimitError } from '../../errors.js';
import { TAG_SEQUENCE, bytesToBigInt, readInteger, readOid, readSequence, type El } from '../../asn1/index.js';
import * as O from '../oids.js';

/**
 * Iterations node-forge may run for one file (MAC and every encryption together): 3 × 600 000 (the heaviest
 * common setting) fits, a hostile file is bounded to ≈ 30 s at worst. Typical files use 2048 … 600 000 per item.
 */
export const MAX_FORGE_ITERATIONS = 3_000_000;

// PBES1 (RFC 8018 A.3) and PKCS#12 PBE (RFC 7292 C): params SEQUENCE { salt OCTET STRING, iterationCount INTEGER }.
const PBES1 = new Set(['1.2.840.113549.1.5.1', '1.2.840.113549.1.5.3', '1.2.840.113549.1.5.4', '1.2.840.113549.1.5.6', '1.2.840.113549.1.5.10', '1.2.840.113549.1.5.11']);
const PKCS12_PBE = '1.2.840.113549.1.12.1.';

/** A positive INTEGER iteration count (as a number; counts beyond 2^53 come back as MAX_SAFE_INTEGER). */
export function iterationCount(e: El | undefined, what: string): number {
  const c = readInteger(e, what);
  if (c[0]! & 0x80) throw new FormatError(`${what}: negative iteration count`);
  const n = bytesToBigInt(c);
  if (n < 1n) throw new FormatError(`${what}: iteration count must be at least 1`);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

/**
 * The iteration count of a password-based encryption scheme: `oid` and its parameters element. undefined for a
 * scheme without one (an unknown OID, a KDF other than PBKDF2): those are refused later as unsupported.
 */
export function pbeIterations(oid: string, params: El | undefined): number | undefined {
  if (oid === O.OID_PBES2) {
    const [kdf] = readSequence(params, 'PBES2 parameters', 4);
    const [kdfOid, kdfParams] = readSequence(kdf, 'PBES2 keyDerivationFunc', 4);
    if (readOid(kdfOid, 'PBES2 KDF') !== O.OID_PBKDF2) return undefined;
    return iterationCount(readSequence(kdfParams, 'PBKDF2 parameters', 8)[1], 'PBKDF2 iterationCount');
  }
  if (PBES1.has(oid) || oid.startsWith(PKCS12_PBE)) return iterationCount(readSequence(params, 'PBE parameters', 4)[1], 'PBE iterationCount');
  return undefined;
}

/** The same for an AlgorithmIdentifier element. */
export function algorithmIterations(alg: El | undefined, what: string): number | undefined {
  if (!alg || alg.tag !== TAG_SEQUENCE) throw new FormatError(`${what}: AlgorithmIdentifier expected`);
  const [oid, params] = readSequence(alg, what, 4);
  return pbeIterations(readOid(oid, what), params);
}

/** Iterations spent so far against a limit; `spend` throws LimitError before the work when it would go past. */
export class IterationBudget {
  #used = 0;
  constructor(readonly max: number = MAX_FORGE_ITERATIONS) {}

  get used(): number {
    return this.#used;
  }

  spend(n: number, what: string): void {
    if (n > this.max - this.#used) {
      throw new LimitError(`${what}: ${n} iterations${this.#used ? ` (after ${this.#used})` : ''} exceed the limit of ${this.max} per file`);
    }
    this.#used += n;
  }
}
