// Bundle content: canonical JSON restricted to what a bundle holds (strings, safe integers, booleans, null, arrays,
// plain objects), so number formatting never differs between writers.
import { writeCanonicalJson } from '../lib/canonical-json.js';

export function canonicalJson(value: unknown): string {
  return writeCanonicalJson(value, { integersOnly: true, plainObjectsOnly: true });
}
