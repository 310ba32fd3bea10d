// Status history rules, pure: events ordered by effective time (then recording order), the transitions allowed,
// and the status at a point in time. The store keeps events append-only; these functions read them.
import type { LicenseStatus } from '../status/types.js';
import { RegistryError } from './errors.js';
import type { NewStatusEvent, StatusAction, StatusAt, StatusEvent } from './types.js';

/** Events in effective order: by `at`, ties by recording order. */
export function effectiveOrder<T extends Pick<StatusEvent, 'at'> & { seq: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
}

const NEXT: Record<StatusAction, (from: LicenseStatus | undefined) => LicenseStatus | undefined> = {
  register: (from) => (from === undefined ? 'valid' : undefined),
  suspend: (from) => (from === 'valid' ? 'suspended' : undefined),
  revoke: (from) => (from === 'valid' || from === 'suspended' ? 'revoked' : undefined),
  reinstate: (from) => (from === 'suspended' ? 'valid' : undefined),
};

const WHY: Record<StatusAction, string> = {
  register: 'a licence is registered once, before any other change',
  suspend: 'only a valid licence can be suspended',
  revoke: 'a revoked licence cannot be revoked again',
  reinstate: 'only a suspended licence can be reinstated (revocation is final)',
};

/** The status an action leads to from `from`, or undefined when the rules forbid it. */
export function transition(from: LicenseStatus | undefined, action: StatusAction): LicenseStatus | undefined {
  return NEXT[action](from);
}

/**
 * Replay a history (with a candidate event) in effective order and throw RegistryError at the first transition
 * the rules forbid. A back-dated event is judged where it falls, so it cannot contradict later events.
 */
export function checkHistory(events: readonly (Pick<StatusEvent, 'at' | 'action' | 'status'> & { seq: number })[]): void {
  let status: LicenseStatus | undefined;
  for (const e of effectiveOrder(events)) {
    const next = transition(status, e.action);
    if (next === undefined || next !== e.status) {
      throw new RegistryError(`${e.action} at ${e.at.toISOString()} is not allowed after "${status ?? 'nothing'}": ${WHY[e.action]}`);
    }
    status = next;
  }
}

/** Validate `candidate` appended to `history`. */
export function checkAppend(history: readonly StatusEvent[], candidate: NewStatusEvent): void {
  checkHistory([...history, { ...candidate, seq: Number.MAX_SAFE_INTEGER }]);
}

/** The status at `date` from a licence's events ('unknown' before the first one). */
export function statusAtFrom(events: readonly StatusEvent[], date: Date): StatusAt {
  let last: StatusEvent | undefined;
  for (const e of effectiveOrder(events)) {
    if (e.at.getTime() > date.getTime()) break;
    last = e;
  }
  if (!last) return { status: 'unknown' };
  const r: StatusAt = { status: last.status, since: last.at, action: last.action, event: last };
  if (last.reason !== undefined) r.reason = last.reason;
  if (last.actor !== undefined) r.actor = last.actor;
  return r;
}
