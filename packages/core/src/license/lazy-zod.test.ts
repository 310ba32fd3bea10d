// The licence schemas are built on first use (lazy-zod.ts): the exported stand-ins must behave as the zod schemas they
// stand for — parsing, reflection, composition with schemas of zod's ES build — and RECORD_FIELDS (no longer read
// from the schema) must list exactly the schema's keys, in its order.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecord } from './example.js';
import { lazySchema } from './lazy-zod.js';
import { RECORD_FIELDS, licenseRecordSchema, surfaceSchema } from './model.js';
import { licenseTypeSchema, surfaceFieldSchema } from './type-definition.js';

describe('lazily built licence schemas', () => {
  it('RECORD_FIELDS is the record schema’s key list, in order', () => {
    expect(RECORD_FIELDS).toEqual(Object.keys(licenseRecordSchema.shape));
  });

  it('parse and safeParse as zod schemas: a valid example passes, a broken one names the field', () => {
    const rec = exampleRecord('营业执照');
    expect(licenseRecordSchema.parse(rec).certificateNumber).toBe(rec.certificateNumber);
    const bad = licenseRecordSchema.safeParse({ ...rec, certificateHolderType: 'x' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['certificateHolderType']);
    expect(surfaceSchema.safeParse({ a: 1, b: 'x' }).success).toBe(true);
    expect(surfaceSchema.safeParse({ a: {} }).success).toBe(false);
    expect(surfaceFieldSchema.safeParse({ key: 'a', label: { zh: '甲', en: 'A' }, kind: 'text', required: true }).success).toBe(true);
    expect(licenseTypeSchema.safeParse({}).success).toBe(false);
  });

  it('instanceof, keys, spread and composition with zod’s ES build work through the stand-in', () => {
    expect(licenseRecordSchema instanceof z.ZodObject).toBe(true);
    expect(Object.keys(licenseRecordSchema).length).toBeGreaterThan(0);
    expect(() => ({ ...licenseRecordSchema })).not.toThrow();
    const wrapper = z.object({ record: licenseRecordSchema, note: z.string() });
    const rec = exampleRecord('营业执照');
    expect(wrapper.safeParse({ record: rec, note: 'n' }).success).toBe(true);
    expect(wrapper.safeParse({ record: { ...rec, issueDept: '' }, note: 'n' }).success).toBe(false);
    expect(licenseRecordSchema.extend({ extra: z.number() }).safeParse({ ...rec, extra: 1 }).success).toBe(true);
  });

  it('builds once, on first touch', () => {
    let builds = 0;
    const s = lazySchema(() => {
      builds++;
      return z.string().min(2);
    });
    expect(builds).toBe(0);
    expect(s.safeParse('ab').success).toBe(true);
    expect(s.safeParse('a').success).toBe(false);
    expect(builds).toBe(1);
  });
});
