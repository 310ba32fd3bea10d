// Canonical JSON (RFC 8785 JCS for the values heyan signs): object members sorted by UTF-16 code units, no white
// space, strings and numbers as ECMAScript serialises them. Used for QR record digests (credential/) and trust
// bundle content (trust/), which restricts numbers to safe integers so no writer can format them differently.
import { FormatError } from '../errors.js';

export interface CanonicalJsonOptions {
  /** Refuse numbers that are not safe integers (default false: any finite number). */
  integersOnly?: boolean;
  /** Refuse objects that are not plain objects (default false). */
  plainObjectsOnly?: boolean;
}

export function writeCanonicalJson(value: unknown, opts: CanonicalJsonOptions = {}): string {
  const write = (v: unknown, depth: number): string => {
    if (depth > 64) throw new FormatError('canonical JSON: nested too deeply');
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'number') {
      if (opts.integersOnly && !Number.isSafeInteger(v)) throw new FormatError(`canonical JSON: ${v} is not a safe integer`);
      if (!Number.isFinite(v)) throw new FormatError('canonical JSON: non-finite number');
      return JSON.stringify(v);
    }
    if (Array.isArray(v)) return `[${v.map((x) => write(x, depth + 1)).join(',')}]`;
    if (typeof v === 'object' && (!opts.plainObjectsOnly || Object.getPrototypeOf(v) === Object.prototype)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(o[k], depth + 1)}`).join(',')}}`;
    }
    throw new FormatError(`canonical JSON: cannot write a ${typeof v}`);
  };
  return write(value, 0);
}
