// Tolerances: a vendor quirk accepted while decoding. Recorded with the field it was seen in, reported as a warning.
import type { CheckDef } from '../report/check.js';
import { check } from '../report/check.js';
import type { Check } from '../report/types.js';
import type { Tolerance } from './types.js';

/** A tolerance from its catalogue entry; `detail` is appended to the message in both languages. */
export function tolerance(def: CheckDef, field?: string, detail?: { zh: string; en: string }): Tolerance {
  const base = def.failed;
  const where = field ? { zh: `（${field}）`, en: ` (${field})` } : { zh: '', en: '' };
  const message = detail
    ? { zh: `${base.zh}${where.zh}：${detail.zh}`, en: `${base.en}${where.en}: ${detail.en}` }
    : { zh: `${base.zh}${where.zh}`, en: `${base.en}${where.en}` };
  const t: Tolerance = { id: def.id, message };
  if (field) t.field = field;
  return t;
}

/** The warning check reporting a tolerance. */
export function toleranceCheck(t: Tolerance, defs: readonly CheckDef[]): Check {
  const def = defs.find((d) => d.id === t.id);
  const details: Record<string, unknown> = { tolerance: t.id };
  if (t.field) details.field = t.field;
  if (!def) return { id: t.id, status: 'warning', message: t.message, details };
  return check(def, 'warning', { message: t.message, details });
}

/** Collects tolerances, one per (id, field). */
export class Tolerances {
  readonly list: Tolerance[] = [];
  add(def: CheckDef, field?: string, detail?: { zh: string; en: string }): void {
    if (this.list.some((t) => t.id === def.id && t.field === field)) return;
    this.list.push(tolerance(def, field, detail));
  }
}
