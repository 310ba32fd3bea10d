// JSON Canonicalization Scheme (RFC 8785) for the values licence records hold: object members sorted by UTF-16 code
// units, no whitespace, strings and numbers as ECMAScript serialises them (which is what RFC 8785 specifies).
// The QR digest of the full record is taken over this form, so any holder of the record can recompute it.
import { FormatError } from '../errors.js';

export function canonicalJson(v: unknown, depth = 0): string {
  if (depth > 64) throw new FormatError('canonical JSON: nested too deeply');
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new FormatError('canonical JSON: non-finite number');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x, depth + 1)).join(',')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
  }
  throw new FormatError(`canonical JSON: cannot serialise a ${typeof v}`);
}
