// Input normalisation shared by every code validator. The rule, and why:
// - surrounding white space (including the ideographic space U+3000 and no-break spaces) is removed: pasted
//   values carry it, and it is never part of a code;
// - lower-case ASCII letters are upper-cased and the result carries the warning 'lower-case': the standards define
//   upper case only, but no code has lower-case letters of its own, so "x" at the end of an ID number can only mean
//   "X" — rejecting it would turn a typing habit into a false alarm;
// - nothing else is changed: inner spaces, hyphens, full-width digits or letters make the value invalid
//   ('characters'), because guessing there could hide a real transcription error.
import type { CodeReason, CodeWarning } from './result.js';

/** Longer inputs are refused before any work ('too-long'): no code is near this long. */
export const MAX_CODE_LENGTH = 256;

export interface Normalised {
  value: string;
  warnings: CodeWarning[];
  /** Set when the value is refused before validation. */
  reason?: Extract<CodeReason, 'empty' | 'too-long'>;
}

export function normaliseCode(input: unknown): Normalised {
  if (typeof input !== 'string') return { value: '', warnings: [], reason: 'empty' };
  // Refuse hostile lengths before trimming or copying them.
  if (input.length > MAX_CODE_LENGTH * 4) return { value: input.slice(0, MAX_CODE_LENGTH), warnings: [], reason: 'too-long' };
  const trimmed = input.trim();
  if (trimmed === '') return { value: '', warnings: [], reason: 'empty' };
  if (trimmed.length > MAX_CODE_LENGTH) return { value: trimmed.slice(0, MAX_CODE_LENGTH), warnings: [], reason: 'too-long' };
  const upper = trimmed.replace(/[a-z]+/g, (m) => m.toUpperCase());
  return { value: upper, warnings: upper !== trimmed ? ['lower-case'] : [] };
}
