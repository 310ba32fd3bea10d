// UTCTime and GeneralizedTime. Reading follows RFC 5280 4.1.2.5 (Zulu, seconds present, no fractions) unless the
// caller relaxes it for what real producers write; writing always follows it.
import { FormatError } from '../errors.js';
import { latin1 } from './bytes.js';
import { content, type El } from './reader.js';
import { TAG_GENERALIZED_TIME, TAG_UTC_TIME } from './tags.js';

export interface TimeRules {
  /** Accept fractional seconds in GeneralizedTime ("…SS.fffZ", also with a comma): CRLs and CMS signing times. */
  fractions?: boolean;
  /** Accept UTCTime without seconds ("YYMMDDHHMMZ", allowed by X.680 and seen in old CMS). */
  utcWithoutSeconds?: boolean;
}

const UTC = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/;
const GENERALIZED = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/;
/** Longest fraction accepted; digits past the milliseconds are dropped. */
const MAX_FRACTION_DIGITS = 12;

/** The instant of a time string; `utc` selects the two-digit-year form (1950–2049, RFC 5280). */
export function parseTime(s: string, utc: boolean, what: string, rules: TimeRules = {}): Date {
  const m = (utc ? UTC : GENERALIZED).exec(s);
  const bad = (): never => {
    throw new FormatError(`${what}: bad time "${s.slice(0, 32)}"`);
  };
  if (!m) return bad();
  if (utc && m[6] === undefined && !rules.utcWithoutSeconds) return bad();
  const frac = m[7];
  if (frac !== undefined && (!rules.fractions || frac.length > MAX_FRACTION_DIGITS)) return bad();
  let year = Number(m[1]);
  if (utc) year += year < 50 ? 2000 : 1900;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const se = Number(m[6] ?? 0);
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  const dt = new Date(0);
  // setUTCFullYear: Date.UTC would read years 0–99 as 1900–1999.
  dt.setUTCFullYear(year, mo - 1, d);
  dt.setUTCHours(h, mi, se, ms);
  if (mo < 1 || mo > 12 || dt.getUTCDate() !== d || dt.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || se > 59)
    throw new FormatError(`${what}: impossible date "${s}"`);
  return dt;
}

/** Time from a UTCTime or GeneralizedTime element. */
export function readTime(e: El | undefined, what: string, rules: TimeRules = {}): Date {
  if (!e || (e.tag !== TAG_UTC_TIME && e.tag !== TAG_GENERALIZED_TIME)) throw new FormatError(`${what}: UTCTime or GeneralizedTime expected`);
  return parseTime(latin1(content(e)), e.tag === TAG_UTC_TIME, what, rules);
}

/** RFC 5280 / RFC 5652 text of a time, whole seconds: [UTCTime for 1950–2049, the string]. Throws FormatError. */
export function formatTime(d: Date, what = 'time'): { utc: boolean; text: string } {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new FormatError(`${what}: invalid date`);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new FormatError(`${what}: year ${y} out of range`);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const rest = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
  const utc = y >= 1950 && y <= 2049;
  return { utc, text: utc ? `${p2(y % 100)}${rest}` : `${String(y).padStart(4, '0')}${rest}` };
}
