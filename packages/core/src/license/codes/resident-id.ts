// Citizen identity number (公民身份号码), GB 11643-1999: 6-digit address code, birth date YYYYMMDD, 3-digit sequence
// (odd = male, even = female), ISO/IEC 7064 MOD 11-2 check character (0-9 or X). The 15-digit numbers of
// GB 11643-1989 (YYMMDD in the 20th century, no check character) are recognised and reported as such.
// The number is personal data: callers should log digests of it, not the number.
import { FormatError } from '../../errors.js';
import { mod11_2 } from './iso7064.js';
import { normaliseCode } from './normalise.js';
import { isAreaCode, reasonMessage, type CodeResult } from './result.js';

export interface ResidentIdOptions {
  /** "Today" for the birth-date check (a birth date after today is invalid); default now. */
  now?: Date;
}

export interface ResidentIdResult extends CodeResult {
  /** The check character the first 17 digits call for, when the number has another. */
  expected?: string;
  /** YYYY-MM-DD, when the date part is a real date. */
  birthDate?: string;
  sex?: 'male' | 'female';
  /** The 6-digit address code (GB/T 2260 at the time of issue). */
  addressCode?: string;
  /** True for a 15-digit GB 11643-1989 number: nothing to check but the date. */
  legacy15?: boolean;
  /** For a valid 15-digit number: its 18-digit form (19 inserted before the year, check character added). */
  upgraded?: string;
}

/** Birth dates before this are taken as typing errors. */
const EARLIEST_BIRTH = '1850-01-01';

/** YYYY-MM-DD of a real calendar day, or undefined. */
function calendarDate(yyyymmdd: string): string | undefined {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Today's date in China (UTC+8), so a child born today in Beijing is not "in the future" before 08:00 UTC. */
function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Check the date part; returns the reason text when it is not acceptable. */
function dateProblem(date: string | undefined, now: Date): { zh: string; en: string } | undefined {
  if (date === undefined) return { zh: '不是有效的日历日期', en: 'not a calendar date' };
  if (date < EARLIEST_BIRTH) return { zh: `早于 ${EARLIEST_BIRTH}`, en: `before ${EARLIEST_BIRTH}` };
  if (date > todayInChina(now)) return { zh: '晚于今天', en: 'after today' };
  return undefined;
}

/** Validate a resident identity number (18 digits, or the old 15-digit form). Never throws. */
export function validateResidentId(input: unknown, opts: ResidentIdOptions = {}): ResidentIdResult {
  const now = opts.now ?? new Date();
  const n = normaliseCode(input);
  const s = n.value;
  const warnings = n.warnings;
  if (n.reason) return { valid: false, value: s, reason: n.reason, message: reasonMessage(n.reason), warnings };
  if (s.length !== 18 && s.length !== 15) {
    return { valid: false, value: s, reason: 'length', message: reasonMessage('length', { zh: `应为 18 位（或旧版 15 位），实为 ${s.length} 位`, en: `18 (or the old 15) expected, ${s.length} given` }), warnings };
  }
  const legacy = s.length === 15;
  if (legacy ? !/^\d{15}$/.test(s) : !/^\d{17}[\dX]$/.test(s)) {
    return {
      valid: false,
      value: s,
      reason: 'characters',
      message: reasonMessage('characters', legacy ? { zh: '15 位号码只含数字', en: 'a 15-digit number has digits only' } : { zh: '前 17 位为数字，第 18 位为数字或 X', en: '17 digits and a digit or X' }),
      warnings,
    };
  }
  const addressCode = s.slice(0, 6);
  if (!isAreaCode(addressCode)) warnings.push('address-code');
  const dateDigits = legacy ? `19${s.slice(6, 12)}` : s.slice(6, 14);
  const birthDate = calendarDate(dateDigits);
  const sequence = legacy ? s.slice(12, 15) : s.slice(14, 17);
  const sex = Number(sequence) % 2 === 1 ? 'male' : 'female';
  const result: ResidentIdResult = { valid: true, value: s, warnings, addressCode, sex };
  if (birthDate !== undefined) result.birthDate = birthDate;
  if (legacy) {
    result.legacy15 = true;
    warnings.push('legacy-15');
  } else {
    const expected = mod11_2(s.slice(0, 17));
    if (expected !== s[17]) {
      result.valid = false;
      result.expected = expected;
      result.reason = 'check-character';
      result.message = reasonMessage('check-character', { expected });
    }
  }
  const problem = dateProblem(birthDate, now);
  if (problem) {
    result.valid = false;
    // The date is the more basic error; the expected check character (if any) is still reported.
    result.reason = 'birth-date';
    result.message = reasonMessage('birth-date', problem);
  }
  if (legacy && result.valid) {
    const first17 = `${addressCode}${dateDigits}${sequence}`;
    result.upgraded = first17 + mod11_2(first17);
  }
  return result;
}

/** Complete 17 digits into an 18-digit number with its MOD 11-2 check character. Throws FormatError on non-digits. */
export function makeResidentId(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new FormatError('makeResidentId needs 17 digits');
  return first17 + mod11_2(first17);
}
