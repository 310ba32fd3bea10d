// Small helpers over PdfObj values for the change analysis: the work budget, per-key comparison, reference
// collection and short English renderings for change details.
import type { PdfDocument, PdfObj } from '../document/types.js';
import { equalObjects, pdfText } from '../document/index.js';

export type Dict = Map<string, PdfObj>;

/** Shared work counter: every object load and every compared node costs one unit; depth is bounded per value. */
export class Budget {
  visits = 0;
  truncated = false;
  constructor(
    readonly maxObjects: number,
    readonly maxDepth: number,
  ) {}
  /** false (and truncated) once the budget is spent. */
  spend(n = 1): boolean {
    this.visits += n;
    if (this.visits > this.maxObjects) this.truncated = true;
    return !this.truncated;
  }
}

export const refKey = (num: number, gen = 0): string => `${num} ${gen} R`;

export function dictOf(o: PdfObj | undefined): Dict | undefined {
  if (!o) return undefined;
  if (o.t === 'dict') return o.v;
  if (o.t === 'stream') return o.dict;
  return undefined;
}

export function nameOf(o: PdfObj | undefined): string | undefined {
  return o?.t === 'name' ? o.v : undefined;
}

/**
 * Structural equality of two values read from (possibly) different revisions — the document model's equalObjects:
 * references by identity (never followed), streams by decoded data. Unproven equality (limits) counts as a change.
 */
export function sameValue(doc: PdfDocument, a: PdfObj | undefined, b: PdfObj | undefined, budget: Budget): boolean {
  if (!budget.spend()) return false;
  return equalObjects(a, b, doc, { maxDepth: budget.maxDepth });
}

/** Keys whose values differ between two dictionaries (missing == null). */
export function changedKeys(doc: PdfDocument, a: Dict | undefined, b: Dict | undefined, budget: Budget): string[] {
  const out: string[] = [];
  const keys = new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])]);
  for (const k of keys) {
    const va = a?.get(k);
    const vb = b?.get(k);
    if ((va === undefined || va.t === 'null') && (vb === undefined || vb.t === 'null')) continue;
    if (!sameValue(doc, va, vb, budget)) out.push(k);
  }
  return out.sort();
}

/** Every reference inside a value (not following them), with the key path that leads to it. */
export function refsIn(o: PdfObj | undefined, budget: Budget, path = '', depth = 0, out: { num: number; gen: number; path: string }[] = []): typeof out {
  if (!o) return out;
  if (depth > budget.maxDepth) {
    budget.truncated = true;
    return out;
  }
  switch (o.t) {
    case 'ref':
      out.push({ num: o.num, gen: o.gen, path });
      break;
    case 'array':
      o.v.forEach((x, i) => refsIn(x, budget, `${path}[${i}]`, depth + 1, out));
      break;
    case 'dict':
      for (const [k, v] of o.v) refsIn(v, budget, `${path} /${k}`, depth + 1, out);
      break;
    case 'stream':
      for (const [k, v] of o.dict) refsIn(v, budget, `${path} /${k}`, depth + 1, out);
      break;
    default:
  }
  return out;
}

/** A short English rendering of a value for change details. */
export function show(o: PdfObj | undefined, depth = 0): string {
  if (!o) return 'nothing';
  switch (o.t) {
    case 'null':
      return 'null';
    case 'bool':
      return String(o.v);
    case 'num':
      return String(o.v);
    case 'name':
      return `/${o.v}`;
    case 'str': {
      const s = pdfText(o) ?? '';
      return `'${s.length > 60 ? `${s.slice(0, 57)}...` : s}'`;
    }
    case 'ref':
      return refKey(o.num, o.gen);
    case 'array':
      if (depth > 0 || o.v.length > 8) return `[${o.v.length} items]`;
      return `[${o.v.map((x) => show(x, depth + 1)).join(' ')}]`;
    case 'dict':
      return `<<${[...o.v.keys()].slice(0, 6).map((k) => `/${k}`).join(' ')}${o.v.size > 6 ? ' ...' : ''}>>`;
    case 'stream':
      return 'a stream';
  }
}
