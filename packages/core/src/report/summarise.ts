// Counts of a batch of reports by indication: the `summary` of `heyan verify --json`.
import type { Report } from './types.js';

export interface BatchSummary {
  total: number;
  passed: number;
  failed: number;
  indeterminate: number;
}

export function summarise(reports: readonly Pick<Report, 'indication'>[]): BatchSummary {
  const s: BatchSummary = { total: reports.length, passed: 0, failed: 0, indeterminate: 0 };
  for (const r of reports) {
    if (r.indication === 'PASSED') s.passed++;
    else if (r.indication === 'FAILED') s.failed++;
    else s.indeterminate++;
  }
  return s;
}
