import type { Check, CheckStatus, Message, SubIndication } from './types.js';

/**
 * A catalogue entry: the stable id, what is checked, and the messages for each outcome.
 * Modules declare their entries in `<module>/checks.ts`; `report/catalogue.ts` lists them all.
 */
export interface CheckDef {
  id: string;
  /** What is checked, shown when it passed. */
  passed: Message;
  /** Shown when it failed (and for warning/indeterminate unless those are given). */
  failed: Message;
  warning?: Message;
  indeterminate?: Message;
  skipped?: Message;
  /** The sub-indication a failure of this check implies. */
  subIndication?: SubIndication;
  /** Sub-indication when indeterminate. */
  indeterminateSubIndication?: SubIndication;
}

export function defineChecks<T extends Record<string, Omit<CheckDef, 'id'> & { id: string }>>(defs: T): T {
  return defs;
}

export interface CheckOptions {
  /** Overrides the catalogue message, e.g. to name the field that failed. */
  message?: Message;
  details?: Record<string, unknown>;
  subIndication?: SubIndication;
}

/** Build a Check from its catalogue entry. */
export function check(def: CheckDef, status: CheckStatus, opts: CheckOptions = {}): Check {
  const message =
    opts.message ??
    (status === 'passed'
      ? def.passed
      : status === 'warning'
        ? (def.warning ?? def.failed)
        : status === 'indeterminate'
          ? (def.indeterminate ?? def.failed)
          : status === 'skipped'
            ? (def.skipped ?? { zh: `未执行：${def.passed.zh}`, en: `Not run: ${def.passed.en}` })
            : def.failed);
  const c: Check = { id: def.id, status, message };
  const sub =
    opts.subIndication ??
    (status === 'failed' ? def.subIndication : status === 'indeterminate' ? def.indeterminateSubIndication : undefined);
  if (sub) c.subIndication = sub;
  if (opts.details) c.details = opts.details;
  return c;
}

/** Append a detail sentence to a message in both languages. */
export function withDetail(m: Message, zh: string, en: string): Message {
  return { zh: `${m.zh}：${zh}`, en: `${m.en}: ${en}` };
}
