// Which kind of code a value looks like. Only shapes are used, plus the check characters to settle an 18-character
// value that could be both a resident ID number and a USCC (digits and X are in both alphabets).
import { pureIsValid, MOD_11_2 } from './iso7064.js';
import { LICENSE_ID_ROOT } from './license-id.js';
import { normaliseCode } from './normalise.js';
import type { CodeKind } from './result.js';
import { validateUscc } from './uscc.js';

/** Digits 7–14 read as a birth date from 1800 to 2099 (a real calendar day). */
function plausibleBirthDate(s: string): boolean {
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1800 || y > 2099) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * 'license' for anything under the e-licence root (or dotted under 1.2.156), 'id' for 15 digits or 18 characters whose
 * first 17 are digits (unless it is a valid USCC and not a valid ID number), 'uscc' for other 18-character
 * alphanumeric values; undefined otherwise.
 * The same normalisation as the validators (trim, upper case).
 */
export function detectCodeKind(input: unknown): CodeKind | undefined {
  const n = normaliseCode(input);
  if (n.reason) return undefined;
  const s = n.value;
  // Anything under the Chinese OID arc with dots is meant as an identifier: validation then names the wrong root.
  if (s.startsWith(`${LICENSE_ID_ROOT}.`) || (s.startsWith('1.2.156.') && s.split('.').length >= 6)) return 'license';
  if (/^\d{15}$/.test(s)) return 'id';
  if (s.length !== 18 || !/^[0-9A-Z]{18}$/.test(s)) return undefined;
  // 17 digits first: an ID number unless it passes as a USCC (both check characters) and not as an ID number. A
  // mistyped ID number (bad birth date or check digit) is then reported as an ID number, not as a strange USCC.
  if (/^\d{17}/.test(s)) {
    const idValid = /^\d{17}[\dX]$/.test(s) && plausibleBirthDate(s) && pureIsValid(s, MOD_11_2);
    return validateUscc(s).valid && !idValid ? 'uscc' : 'id';
  }
  return 'uscc';
}
