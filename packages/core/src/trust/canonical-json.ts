// Canonical JSON for signed content: object members sorted by UTF-16 code units (as RFC 8785 JCS), no white space.
// Only the values a bundle holds are allowed (strings, safe integers, booleans, null, arrays, plain objects), so
// number formatting never differs between writers.
import { FormatError } from '../errors.js';

export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

function write(v: unknown, depth: number): string {
  if (depth > 64) throw new FormatError('canonical JSON: nested too deeply');
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new FormatError(`canonical JSON: ${v} is not a safe integer`);
    return String(v);
  }
  if (Array.isArray(v)) return `[${v.map((x) => write(x, depth + 1)).join(',')}]`;
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const keys = Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${write((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
  }
  throw new FormatError(`canonical JSON: cannot write a ${typeof v}`);
}
