// ISO/IEC 7064 check character systems, generic over the alphabet (hybrid M+1,M) or modulus and radix (pure).
// GB/T 36904 licence identifiers use hybrid MOD 37,36; GB 11643 resident ID numbers use pure MOD 11-2.
import { FormatError } from '../../errors.js';

/** Digits then upper-case letters: the MOD 37,36 alphabet (value = index). */
export const ISO7064_ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ISO7064_DIGITS = '0123456789';

function valueOf(alphabet: string, c: string, what: string): number {
  const v = alphabet.indexOf(c);
  // A single code unit only: indexOf('') is 0 and a multi-character string could match a substring.
  if (c.length !== 1 || v < 0) throw new FormatError(`${what}: character ${JSON.stringify(c)} is not in the alphabet`);
  return v;
}

/** Running state of a hybrid system after `body`; starts at M. */
function hybridState(body: string, alphabet: string): number {
  const m = alphabet.length;
  let p = m;
  for (const c of body) {
    let s = (p + valueOf(alphabet, c, 'ISO 7064 hybrid')) % m;
    if (s === 0) s = m;
    p = (2 * s) % (m + 1);
  }
  return p;
}

/**
 * Hybrid system MOD (M+1),M check character (ISO/IEC 7064 §5), M = alphabet length; the body and the check
 * character share the alphabet. Throws FormatError for a character outside it.
 */
export function hybridCheckCharacter(body: string, alphabet: string = ISO7064_ALPHANUMERIC): string {
  const m = alphabet.length;
  const p = hybridState(body, alphabet);
  return alphabet[(m + 1 - p) % m]!;
}

/** True when the last character of `full` is the hybrid check character of the rest. Never throws. */
export function hybridIsValid(full: string, alphabet: string = ISO7064_ALPHANUMERIC): boolean {
  if (full.length < 2) return false;
  try {
    const m = alphabet.length;
    const p = hybridState(full.slice(0, -1), alphabet);
    // The standard's validation form: one more step with the check character must leave the residue 1.
    return (p + valueOf(alphabet, full.slice(-1), 'ISO 7064 hybrid')) % m === 1;
  } catch {
    return false;
  }
}

/** A pure system with one check character: MOD 11-2 (numeric, check 0-9 or X) or MOD 37-2 (alphanumeric, check *). */
export interface PureSystem {
  modulus: number;
  radix: number;
  /** Alphabet of the body; value = index. */
  alphabet: string;
  /** Alphabet of the check character, `modulus` symbols; value = index. */
  checkAlphabet: string;
}

export const MOD_11_2: PureSystem = { modulus: 11, radix: 2, alphabet: ISO7064_DIGITS, checkAlphabet: `${ISO7064_DIGITS}X` };
export const MOD_37_2: PureSystem = { modulus: 37, radix: 2, alphabet: ISO7064_ALPHANUMERIC, checkAlphabet: `${ISO7064_ALPHANUMERIC}*` };

/** Check character of a pure system (ISO/IEC 7064 §4): Σ aᵢ·rⁱ ≡ 1 (mod M) over body and check. */
export function pureCheckCharacter(body: string, system: PureSystem = MOD_11_2): string {
  const { modulus: m, radix: r } = system;
  let p = 0;
  for (const c of body) p = ((p + valueOf(system.alphabet, c, 'ISO 7064 pure')) * r) % m;
  return system.checkAlphabet[(m + 1 - p) % m]!;
}

/** True when the last character of `full` is the pure-system check character of the rest. Never throws. */
export function pureIsValid(full: string, system: PureSystem = MOD_11_2): boolean {
  if (full.length < 2) return false;
  try {
    return pureCheckCharacter(full.slice(0, -1), system) === full.slice(-1);
  } catch {
    return false;
  }
}

/** GB/T 36904 licence identifiers: hybrid MOD 37,36 over digits and upper-case letters. */
export const mod37_36 = (body: string): string => hybridCheckCharacter(body, ISO7064_ALPHANUMERIC);
/** GB 11643 resident ID numbers: pure MOD 11-2 (check 0-9 or X). */
export const mod11_2 = (body: string): string => pureCheckCharacter(body, MOD_11_2);
