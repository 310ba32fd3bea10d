// The JSON view of a Report (the EU DSS "detailed report" for machines). Key order is fixed per type so that
// output diffs cleanly between runs and versions; keys unknown to this file follow in sorted order.
import type { Report } from './types.js';
import { summarise, type BatchSummary } from './summarise.js';
import { MAX_DEPTH, SHAPES, type Shape, type ShapeName } from './json-shapes.js';
import { toJsonText } from './json-text.js';

/**
 * A plain JSON value with fixed key order: Dates become ISO strings, byte arrays hex, bigints decimal strings,
 * undefined members are dropped, cycles and excessive depth become null. The renderers below stringify the same
 * value, built faster by toJsonText (json-text.ts).
 */
export function toJsonValue(value: unknown, shape?: ShapeName, depth = 0, seen = new Set<object>()): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return null; // functions, symbols
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (depth >= MAX_DEPTH || seen.has(value)) return null;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => toJsonValue(v, shape, depth + 1, seen));
    const obj = value as Record<string, unknown>;
    const s: Shape | undefined = shape ? SHAPES[shape] : undefined;
    const known = s?.keys ?? [];
    const rest = Object.keys(obj)
      .filter((k) => !known.includes(k))
      .sort();
    const out: Record<string, unknown> = {};
    for (const k of [...known, ...rest]) {
      if (!(k in obj) || obj[k] === undefined || typeof obj[k] === 'function') continue;
      out[k] = toJsonValue(obj[k], s?.children?.[k], depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

export interface JsonRenderOptions {
  /** Indent with two spaces (default true). */
  pretty?: boolean;
}

/** One report as JSON text. */
export function renderJson(report: Report, opts: JsonRenderOptions = {}): string {
  return toJsonText(report, 'report', 0, opts.pretty !== false);
}

export interface BatchJson {
  summary: BatchSummary;
  reports: Report[];
}

/** The `heyan verify --json` document: `{ summary: {total, passed, failed, indeterminate}, reports: [...] }`. */
export function renderJsonBatch(reports: readonly Report[], opts: JsonRenderOptions = {}): string {
  const doc: BatchJson = { summary: summarise(reports), reports: [...reports] };
  return toJsonText(doc, 'batch', 0, opts.pretty !== false);
}
