// Structural check of a Report: what every consumer (renderers, server, scripts reading --json) relies on.
// Returns the list of problems; empty means well-formed.
import type { Report } from '@heyan/core';

const INDICATIONS = new Set(['PASSED', 'FAILED', 'INDETERMINATE']);
const STATUSES = new Set(['passed', 'failed', 'warning', 'indeterminate', 'skipped']);
const ID = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function checkList(where: string, checks: unknown, out: string[]): void {
  if (!Array.isArray(checks)) {
    out.push(`${where}.checks is not an array`);
    return;
  }
  checks.forEach((c: any, i) => {
    const w = `${where}.checks[${i}]`;
    if (typeof c?.id !== 'string' || !ID.test(c.id)) out.push(`${w}.id ${String(c?.id)}`);
    if (!STATUSES.has(c?.status)) out.push(`${w}.status ${String(c?.status)}`);
    if (typeof c?.message?.zh !== 'string' || !c.message.zh || typeof c?.message?.en !== 'string' || !c.message.en) out.push(`${w}.message`);
  });
}

export function reportProblems(r: Report): string[] {
  const out: string[] = [];
  if (!r || typeof r !== 'object') return ['not an object'];
  if (!/^[0-9a-f]{64}$/.test(r.input?.sha256 ?? '')) out.push('input.sha256');
  if (!Number.isInteger(r.input?.size) || r.input.size < 0) out.push('input.size');
  if (typeof r.format !== 'string' || !r.format) out.push('format');
  if (!INDICATIONS.has(r.indication)) out.push(`indication ${String(r.indication)}`);
  if (r.indication === 'PASSED' && r.subIndication !== undefined) out.push('PASSED with a sub-indication');
  if (r.indication !== 'PASSED' && !r.advice) out.push('not PASSED but no advice');
  if (r.indication === 'FAILED' && r.signatures.length === 0 && r.subIndication === undefined) out.push('FAILED without signatures or sub-indication');
  if (!ISO.test(r.validationTime ?? '')) out.push('validationTime');
  checkList('report', r.checks, out);
  if (!Array.isArray(r.signatures)) out.push('signatures');
  else
    r.signatures.forEach((s, i) => {
      if (s.index !== i) out.push(`signatures[${i}].index`);
      if (typeof s.kind !== 'string') out.push(`signatures[${i}].kind`);
      if (!INDICATIONS.has(s.indication)) out.push(`signatures[${i}].indication`);
      checkList(`signatures[${i}]`, s.checks, out);
    });
  // The overall verdict is never better than a signature's.
  const rank = { PASSED: 0, INDETERMINATE: 1, FAILED: 2 } as const;
  for (const s of r.signatures ?? []) if (rank[s.indication] > rank[r.indication]) out.push('report verdict better than a signature verdict');
  return out;
}

/** The id verify() gives to an exception it did not anticipate (a TypeError, a RangeError: a bug, not bad input). */
export const INTERNAL_CHECK_ID = 'verify.internal';

/**
 * Checks that betray a bug rather than a named, anticipated failure: verify()'s `verify.internal` catch-all, and any
 * check whose message carries a JavaScript engine error (the defensive catch-alls in the CMS and path verifiers turn
 * those into ordinary-looking checks). Empty means every failure in the report was one a parser or verifier named.
 */
export function internalErrors(r: Pick<Report, 'checks' | 'signatures'>): string[] {
  const all = [...(r.checks ?? []), ...(r.signatures ?? []).flatMap((s) => s.checks ?? [])];
  const out: string[] = [];
  for (const c of all) {
    const text = `${c.message?.en ?? ''} ${JSON.stringify(c.details ?? {})}`;
    if (c.id === INTERNAL_CHECK_ID) out.push(`${c.id}: ${text}`);
    else if (ENGINE_ERROR.test(text)) out.push(`${c.id} carries an engine error: ${text}`);
  }
  return out;
}

// V8's wording for the usual programming errors (undefined access, bad calls, runaway recursion, bad lengths).
const ENGINE_ERROR =
  /Cannot read propert|Cannot set propert|Cannot destructure|is not a function|is not iterable|is not a constructor|Maximum call stack|Invalid array length|Invalid typed array length|Cannot convert .* to a BigInt|\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/;
