// quickRecord (model.ts), the record reader without zod, against licenseRecordSchema: on plain JSON data it accepts
// exactly what the schema accepts and returns the same value (key order and absent keys included); whatever it leaves
// to zod is zod's. And the verification path of a valid licence never loads zod.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AT, fixturePki, licenceWorld, LIST_ID } from '../../../../test/helpers/credential-pki.js';
import { issueCredential } from '../credential/issue.js';
import { verify } from '../verify.js';
import { exampleRecord } from './example.js';
import { zodLoaded } from './lazy-zod.js';
import { licenseRecordSchema, parseRecordShape, quickRecord, RECORD_FIELDS } from './model.js';
import { parseLicenseRecord } from './parse-record.js';
import { shippedLicenseTypes } from './type-registry.js';

const EXAMPLES = shippedLicenseTypes().list().map((t) => exampleRecord(t.code));

// First, before any test below touches a schema: this file's module instance of lazy-zod has not loaded zod yet.
describe('the verification path of a valid licence', () => {
  it('never loads zod: shipped types, example records, a credential verified with verify()', async () => {
    const w = licenceWorld(fixturePki('sm2'));
    const { jws } = issueCredential({ record: w.record, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate], status: { listId: LIST_ID, index: 5 } });
    for (const r of EXAMPLES) expect(parseLicenseRecord(JSON.stringify(r)).issues).toEqual([]);
    const report = await verify(new TextEncoder().encode(jws), { bundle: w.bundle, at: AT });
    expect(report.indication).toBe('PASSED');
    expect(zodLoaded()).toBe(false);
    // The probe works: a record the quick reader does not accept is zod's to describe.
    const bad = parseLicenseRecord({ ...w.record, certificateHolderType: 'x' });
    expect(bad.checks[0]?.message.en).toContain('certificateHolderType: three digits');
    expect(zodLoaded()).toBe(true);
  });
});

/** Both readers on one input: the same decision and the same value on plain data; a quick result is always zod's. */
function agree(input: unknown): void {
  const quick = quickRecord(input);
  const z = licenseRecordSchema.safeParse(input);
  expect(quick !== undefined, JSON.stringify(input)?.slice(0, 300)).toBe(z.success);
  if (quick !== undefined && z.success) expect(isDeepStrictEqual(quick, z.data), JSON.stringify(input)?.slice(0, 300)).toBe(true);
}

const ABSENT = Symbol('absent');
const long = (n: number, c = 'a') => c.repeat(n);
// Values at and around every limit and rule of the schema: lengths 64/256/4096 (and one more), blank strings (also
// U+3000, which trim() removes), the long-term words, three digits and not, every JSON type, NaN and infinities.
const scalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', ' ', '\t\n', '\u3000', '长期', ' 长期 ', '永久', '长期有效', '2025-01-01', '001', '111', '12', '0011', 'abc', '١٢٣', long(64), long(65), long(256), long(257), long(4096), long(4097), ` ${long(100)} `),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, undefined, true, false, Number.NaN, Number.POSITIVE_INFINITY, -0),
);
const value = fc.oneof({ weight: 6, arbitrary: scalar }, { weight: 1, arbitrary: fc.constantFrom({}, [], ['a'], { a: 1 }) });
const surfaceKey = fc.oneof(fc.string({ maxLength: 4 }).filter((k) => k !== '__proto__'), fc.constantFrom('', 'k', long(64, 'k'), long(65, 'k'), '0', '12', 'constructor', 'toString'));
const surface = fc.oneof(
  fc.dictionary(surfaceKey, value, { maxKeys: 6, noNullPrototype: true }),
  fc.constantFrom(ABSENT, undefined, null, [], 'x', 1),
  fc.constantFrom(200, 201).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i % 2 ? 'v' : i]))),
);
const field = (k: string) => (k === 'surface' ? surface : fc.oneof({ weight: 1, arbitrary: fc.constant(ABSENT) }, { weight: 8, arbitrary: value }));
const generated = fc
  .tuple(fc.tuple(...RECORD_FIELDS.map(field)), fc.option(fc.dictionary(fc.string({ maxLength: 5 }).filter((k) => k !== '__proto__'), value, { maxKeys: 2, noNullPrototype: true }), { nil: undefined }))
  .map(([vs, extra]) => {
    const o: Record<string, unknown> = { ...extra };
    RECORD_FIELDS.forEach((k, i) => {
      if (vs[i] !== ABSENT) o[k] = vs[i];
    });
    return o;
  });
/** A shipped example with one field (or one surface field) replaced or removed. */
const mutated = fc.tuple(fc.constantFrom(...EXAMPLES), fc.constantFrom<string>(...RECORD_FIELDS, 'surface.*'), fc.oneof(value, fc.constant(ABSENT)), surfaceKey).map(([ex, k, v, sk]) => {
  const o: Record<string, unknown> = structuredClone(ex);
  const target = k === 'surface.*' ? (o.surface as Record<string, unknown>) : o;
  const key = k === 'surface.*' ? sk : k;
  if (v === ABSENT) delete target[key];
  else target[key] = v;
  return o;
});

describe('quickRecord against licenseRecordSchema', () => {
  it('every shipped example (and as JSON text parsed back) is read quickly, to the same value', () => {
    for (const r of EXAMPLES) {
      expect(quickRecord(r)).toBeDefined();
      agree(r);
      agree(JSON.parse(JSON.stringify(r)));
    }
  });

  it('the end date forms: absent, undefined, null, long-term words, a date', () => {
    const base = EXAMPLES[0]!;
    for (const end of [ABSENT, undefined, null, '', '长期', ' 永久 ', '长期有效', '2030-01-01', 'garbage', long(65), 7]) {
      const o: Record<string, unknown> = { ...base };
      if (end === ABSENT) delete o.certificateValidateEnd;
      else o.certificateValidateEnd = end;
      agree(o);
    }
  });

  it('generated records', () => {
    fc.assert(fc.property(generated, (o) => agree(o)), { numRuns: 3000 });
  });

  it('shipped examples with one field changed or removed', () => {
    fc.assert(fc.property(mutated, (o) => agree(o)), { numRuns: 3000 });
  });

  it('what is not plain JSON data is left to zod, and parseRecordShape still gives zod’s answer', () => {
    const base = EXAMPLES[0]!;
    const protoKey = JSON.parse(`{"__proto__": "x", "a": "b"}`) as Record<string, unknown>;
    const odd: unknown[] = [
      Object.assign(Object.create(null) as object, base),
      { ...base, surface: Object.assign(Object.create(null) as object, { a: 'b' }) },
      { ...base, surface: protoKey },
      Object.assign(Object.create({ certificateType: 'inherited' }) as object, { ...base, certificateType: undefined }),
      new (class Rec {
        constructor() {
          Object.assign(this, base);
        }
      })(),
    ];
    for (const o of odd) {
      expect(quickRecord(o)).toBeUndefined();
      const z = licenseRecordSchema.safeParse(o);
      const shape = parseRecordShape(o);
      if (z.success) expect('record' in shape && shape.record).toEqual(z.data);
      else expect('problems' in shape).toBe(true);
    }
  });
});
