import type { Check, Indication, SubIndication } from './types.js';

export interface Verdict {
  indication: Indication;
  subIndication?: SubIndication;
}

/**
 * Fold checks into a verdict: any failed check makes FAILED (the first failure's sub-indication),
 * otherwise any indeterminate check makes INDETERMINATE; warnings and skips do not change PASSED.
 */
export function verdictOf(checks: readonly Check[]): Verdict {
  const failed = checks.find((c) => c.status === 'failed');
  if (failed) return failed.subIndication ? { indication: 'FAILED', subIndication: failed.subIndication } : { indication: 'FAILED' };
  const ind = checks.find((c) => c.status === 'indeterminate');
  if (ind) return ind.subIndication ? { indication: 'INDETERMINATE', subIndication: ind.subIndication } : { indication: 'INDETERMINATE' };
  return { indication: 'PASSED' };
}

/** Combine verdicts (e.g. of all signatures): FAILED beats INDETERMINATE beats PASSED. */
export function worstOf(verdicts: readonly Verdict[]): Verdict {
  return (
    verdicts.find((v) => v.indication === 'FAILED') ??
    verdicts.find((v) => v.indication === 'INDETERMINATE') ?? { indication: 'PASSED' }
  );
}
