// parseLicenseRecord: JSON (text, bytes or a value) → a typed record plus named checks. Never throws: a record that
// cannot be read is one failed license.record.schema check and no record.
import { check, withDetail } from '../report/check.js';
import type { Check } from '../report/types.js';
import { LICENSE_CHECKS as C } from './checks.js';
import { parseRecordShape, RECORD_LIMITS, type LicenseRecord } from './model.js';
import { checkRecord, type RecordCheckOptions } from './record-checks.js';
import type { LicenseType } from './type-definition.js';
import { defaultLicenseTypes, type LicenseTypeRegistry } from './type-registry.js';

export interface ParseRecordOptions extends RecordCheckOptions {
  /** Where licence types are looked up (by certificateTypeCode); default the shipped types. */
  types?: Pick<LicenseTypeRegistry, 'get'>;
}

export interface ParsedLicenseRecord {
  /** The record, when its structure is right (even if other checks failed or warned). */
  record?: LicenseRecord;
  /** The licence type found for certificateTypeCode. */
  type?: LicenseType;
  /** Every check run, in order, passed ones included. */
  checks: Check[];
  /** The checks that did not pass (failed, warning, indeterminate): what to show. */
  issues: Check[];
}

function decode(input: unknown): { value: unknown } | { error: string } {
  if (input instanceof Uint8Array) {
    if (input.byteLength > RECORD_LIMITS.maxJsonBytes) return { error: `larger than ${RECORD_LIMITS.maxJsonBytes} bytes` };
    try {
      input = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { error: 'not UTF-8 text' };
    }
  }
  if (typeof input === 'string') {
    // UTF-8 is at most 3 bytes per UTF-16 unit: a cheap bound before measuring exactly.
    if (input.length > RECORD_LIMITS.maxJsonBytes || Buffer.byteLength(input, 'utf8') > RECORD_LIMITS.maxJsonBytes) return { error: `larger than ${RECORD_LIMITS.maxJsonBytes} bytes` };
    try {
      return { value: JSON.parse(input.replace(/^\uFEFF/, '')) as unknown };
    } catch (e) {
      return { error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  return { value: input };
}

const done = (checks: Check[], rest: Omit<ParsedLicenseRecord, 'checks' | 'issues'> = {}): ParsedLicenseRecord => ({
  ...rest,
  checks,
  issues: checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped'),
});

/**
 * Read a licence record (JSON text, UTF-8 bytes, or a parsed value) and check it: structure (zod), dates and
 * validity order, the GB/T 36904 identifier, holder / issuer / area / type codes, and the surface fields against
 * the licence type. Code problems are warnings unless `codes: 'fail'`. Never throws.
 */
export function parseLicenseRecord(input: unknown, opts: ParseRecordOptions = {}): ParsedLicenseRecord {
  try {
    const d = decode(input);
    if ('error' in d) return done([check(C.schema, 'failed', { message: withDetail(C.schema.failed, d.error, d.error), details: { problems: [{ path: '(record)', message: d.error }] } })]);
    const shape = parseRecordShape(d.value);
    if ('problems' in shape) {
      const list = shape.problems.slice(0, 10).map((p) => `${p.path}: ${p.message}`).join('; ');
      return done([check(C.schema, 'failed', { message: withDetail(C.schema.failed, list, list), details: { problems: shape.problems } })]);
    }
    const { record, unknownFields } = shape;
    const checks: Check[] = [check(C.schema, 'passed')];
    checks.push(
      unknownFields.length > 0
        ? check(C.unknownFields, 'warning', { message: withDetail(C.unknownFields.warning!, unknownFields.join('、'), unknownFields.join(', ')), details: { fields: unknownFields } })
        : check(C.unknownFields, 'passed'),
    );
    const type = (opts.types ?? defaultLicenseTypes()).get(record.certificateTypeCode);
    checks.push(...checkRecord(record, type, opts));
    return done(checks, type ? { record, type } : { record });
  } catch (e) {
    // Defensive: a bug here must not escape a verifier as an exception.
    const m = e instanceof Error ? e.message : String(e);
    return done([check(C.schema, 'failed', { message: withDetail(C.schema.failed, `内部错误：${m}`, `internal error: ${m}`), details: { internal: true } })]);
  }
}
