// The JSON view of a Report (the EU DSS "detailed report" for machines). Key order is fixed per type so that
// output diffs cleanly between runs and versions; keys unknown to this file follow in sorted order.
import type { Report } from './types.js';
import { summarise, type BatchSummary } from './summarise.js';

type ShapeName = 'report' | 'input' | 'signature' | 'check' | 'message' | 'certificate' | 'timestamp' | 'batch' | 'summary';
type Shape = { keys: readonly string[]; children?: Readonly<Record<string, ShapeName>> };

const SHAPES: Record<ShapeName, Shape> = {
  report: {
    keys: ['input', 'format', 'indication', 'subIndication', 'validationTime', 'signatures', 'license', 'checks', 'advice'],
    children: { input: 'input', signatures: 'signature', checks: 'check', advice: 'message' },
  },
  input: { keys: ['name', 'sha256', 'size'] },
  signature: {
    keys: [
      'index', 'kind', 'indication', 'subIndication', 'signer', 'chain', 'signingTime', 'timestamp', 'algorithm',
      'coverage', 'modifications', 'checks',
    ],
    children: { signer: 'certificate', chain: 'certificate', timestamp: 'timestamp', checks: 'check' },
  },
  check: { keys: ['id', 'status', 'subIndication', 'message', 'details'], children: { message: 'message' } },
  message: { keys: ['zh', 'en'] },
  certificate: {
    keys: ['subject', 'issuer', 'serialNumber', 'notBefore', 'notAfter', 'publicKeyAlgorithm', 'fingerprintSha256'],
  },
  timestamp: { keys: ['time', 'tsa', 'indication', 'subIndication'], children: { tsa: 'certificate' } },
  batch: { keys: ['summary', 'reports'], children: { summary: 'summary', reports: 'report' } },
  summary: { keys: ['total', 'passed', 'failed', 'indeterminate'] },
};

const MAX_DEPTH = 64;

/**
 * A plain JSON value with fixed key order: Dates become ISO strings, byte arrays hex, bigints decimal strings,
 * undefined members are dropped, cycles and excessive depth become null.
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
  return JSON.stringify(toJsonValue(report, 'report'), null, opts.pretty === false ? undefined : 2);
}

export interface BatchJson {
  summary: BatchSummary;
  reports: Report[];
}

/** The `heyan verify --json` document: `{ summary: {total, passed, failed, indeterminate}, reports: [...] }`. */
export function renderJsonBatch(reports: readonly Report[], opts: JsonRenderOptions = {}): string {
  const doc: BatchJson = { summary: summarise(reports), reports: [...reports] };
  return JSON.stringify(toJsonValue(doc, 'batch'), null, opts.pretty === false ? undefined : 2);
}
