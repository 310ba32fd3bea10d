// Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters of a 31-symbol alphabet.
//   1 registration authority · 2 organisation category · 3–8 GB/T 2260 area · 9–17 organisation code (GB 11714,
//   its own check character at 17) · 18 check character (weights 3ⁱ mod 31).
// Legally valid pilot-era codes fail the position-18 check (see reference A4): callers report failures as warnings
// by default (see model.ts, policy `codes`).
import { FormatError } from '../../errors.js';
import { normaliseCode } from './normalise.js';
import { reasonMessage, type CodeResult } from './result.js';

/** GB 32100 alphabet: digits and upper-case letters without I, O, S, V, Z; value = index. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export interface UsccParts {
  /** Position 1: registration authority (登记管理部门代码), e.g. 1 机构编制, 5 民政, 9 工商/市场监管, Y 其他. */
  authority: string;
  /** Position 2: organisation category (机构类别代码), meaning depends on the authority. */
  category: string;
  /** Positions 3–8: GB/T 2260 administrative-division code. */
  area: string;
  /** Positions 9–17: the organisation code (GB 11714) including its check character. */
  orgCode: string;
}

export interface UsccResult extends CodeResult {
  /** The position-18 check character the first 17 call for, when position 18 differs. */
  expected18?: string;
  /** The first wrong check character's expected value: expected17 when position 17 is wrong, else expected18. */
  expected?: string;
  /** The organisation-code check character positions 9–16 call for, when position 17 differs. */
  expected17?: string;
  parts?: UsccParts;
}

/** Position-18 check character of the first 17 characters. Throws FormatError on a character outside the alphabet. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new FormatError('a USCC check character is computed over 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new FormatError(`USCC: character ${JSON.stringify(first17[i])} is not in the GB 32100 alphabet`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 organisation-code check character of 8 characters (digits, A–Z as 10–35): 0–9 or X. */
export function orgCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new FormatError('an organisation-code check character is computed over 8 digits or upper-case letters');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/**
 * Validate a USCC: length, alphabet, the organisation-code check character (position 17) and the code's check
 * character (position 18). Never throws. The expected characters are given only where the code differs.
 */
export function validateUscc(input: unknown): UsccResult {
  const n = normaliseCode(input);
  const s = n.value;
  const warnings = n.warnings;
  if (n.reason) return { valid: false, value: s, reason: n.reason, message: reasonMessage(n.reason), warnings };
  if (s.length !== 18) {
    return { valid: false, value: s, reason: 'length', message: reasonMessage('length', { zh: `应为 18 位，实为 ${s.length} 位`, en: `18 expected, ${s.length} given` }), warnings };
  }
  const bad = [...s].find((c) => !USCC_ALPHABET.includes(c));
  if (bad !== undefined) {
    return {
      valid: false,
      value: s,
      reason: 'characters',
      message: reasonMessage('characters', { zh: `“${bad}”不在 GB 32100 字符集中（不用 I、O、S、V、Z）`, en: `"${bad}" is not in the GB 32100 alphabet (no I, O, S, V, Z)` }),
      warnings,
    };
  }
  const parts: UsccParts = { authority: s[0]!, category: s[1]!, area: s.slice(2, 8), orgCode: s.slice(8, 17) };
  if (!/^\d{6}$/.test(parts.area)) warnings.push('area-code');
  const result: UsccResult = { valid: true, value: s, warnings, parts };
  const c17 = orgCodeCheckCharacter(s.slice(8, 16));
  const c18 = usccCheckCharacter(s.slice(0, 17));
  if (c18 !== s[17]) {
    result.valid = false;
    result.expected18 = c18;
    result.reason = 'check-character';
    result.message = reasonMessage('check-character', { expected: c18 });
  }
  if (c17 !== s[16]) {
    result.valid = false;
    result.expected17 = c17;
    // Position 17 is the deeper error: fixing it changes the position-18 character too, so name it first.
    result.reason = 'org-code-check-character';
    result.message = reasonMessage('org-code-check-character', { expected: c17 });
  }
  const first = result.expected17 ?? result.expected18;
  if (first !== undefined) result.expected = first;
  return result;
}

/**
 * Complete positions 1–16 into a USCC: the organisation-code check character (17) and the code's check character (18)
 * are computed. Throws FormatError for a wrong length or a character outside the GB 32100 alphabet.
 */
export function makeUscc(first16: string): string {
  if (first16.length !== 16) throw new FormatError('makeUscc needs positions 1–16 (16 characters)');
  const bad = [...first16].find((c) => !USCC_ALPHABET.includes(c));
  if (bad !== undefined) throw new FormatError(`USCC: character ${JSON.stringify(bad)} is not in the GB 32100 alphabet`);
  const first17 = first16 + orgCodeCheckCharacter(first16.slice(8, 16));
  return first17 + usccCheckCharacter(first17);
}
