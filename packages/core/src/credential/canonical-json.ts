// JSON Canonicalization Scheme (RFC 8785) for the values licence records hold. The QR digest of the full record is
// taken over this form, so any holder of the record can recompute it.
import { writeCanonicalJson } from '../lib/canonical-json.js';

export function canonicalJson(v: unknown): string {
  return writeCanonicalJson(v);
}
