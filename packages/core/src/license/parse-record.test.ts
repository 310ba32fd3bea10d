import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Check } from '../report/types.js';
import { checkCode } from './codes/check-code.js';
import { exampleRecord } from './example.js';
import { FIELD_LABELS, RECORD_FIELDS, type LicenseRecord } from './model.js';
import { parseLicenseRecord } from './parse-record.js';
import { shippedLicenseTypes } from './type-registry.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const TYPES = shippedLicenseTypes().list();
const byId = (checks: Check[], id: string): Check | undefined => checks.find((c) => c.id === id);
const bl = (): LicenseRecord => exampleRecord('business-licence');

describe('shipped examples', () => {
  it('there are the three shipped types', () => {
    expect(TYPES.map((t) => t.name).sort()).toEqual(['建筑业企业资质证书', '注册建造师注册证书', '营业执照'].sort());
  });

  it.each(TYPES.map((t) => [t.name, t.code] as const))('%s: the example parses clean, even with codes: fail', (_name, code) => {
    const rec = exampleRecord(code);
    for (const codes of ['warn', 'fail'] as const) {
      const r = parseLicenseRecord(rec, { codes, now: NOW });
      expect(r.issues).toEqual([]);
      expect(r.record).toEqual(rec);
      expect(r.type?.code).toBe(code);
      expect(r.checks.every((c) => c.status === 'passed')).toBe(true);
      // Every check of the catalogue that applies ran, identifier and code checks included.
      for (const id of ['license.record.schema', 'license.id.check-character', 'license.id.consistency', 'license.issuer.uscc', 'license.area.code', 'license.surface.required', 'license.surface.kind']) {
        expect(byId(r.checks, id)?.status, id).toBe('passed');
      }
    }
  });

  it.each(TYPES.map((t) => [t.name, t.code] as const))('%s: the example codes are valid by themselves (checkCode)', (_name, code) => {
    const rec = exampleRecord(code);
    expect(checkCode(rec.certificateIdentifier, 'license').valid).toBe(true);
    expect(checkCode(rec.certificateHolderCode, rec.certificateHolderType === '001' ? 'uscc' : 'id').valid).toBe(true);
    expect(checkCode(rec.issueDeptCode, 'uscc').valid).toBe(true);
    expect(checkCode(rec.certificateTypeCode.slice(0, 18), 'uscc').valid).toBe(true);
  });

  it('reads JSON text and UTF-8 bytes (with a BOM) the same as a value', () => {
    const rec = bl();
    const text = JSON.stringify(rec);
    expect(parseLicenseRecord(text).issues).toEqual([]);
    expect(parseLicenseRecord(new TextEncoder().encode(`\uFEFF${text}`)).issues).toEqual([]);
  });

  it('FIELD_LABELS has a Chinese and an English label for every record field', () => {
    for (const f of RECORD_FIELDS) {
      expect(FIELD_LABELS[f].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(FIELD_LABELS[f].en.length).toBeGreaterThan(0);
    }
    expect(Object.keys(FIELD_LABELS).sort()).toEqual([...RECORD_FIELDS].sort());
  });
});

describe('structure', () => {
  it('a missing required field is license.record.schema failed, naming the field; no record', () => {
    const { certificateHolderCode: _, ...rest } = bl();
    const r = parseLicenseRecord(rest);
    expect(r.record).toBeUndefined();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ id: 'license.record.schema', status: 'failed', subIndication: 'FORMAT_FAILURE' });
    expect(r.issues[0]!.message.en).toContain('certificateHolderCode');
  });

  it.each([
    ['not JSON', '{"certificateType":'],
    ['an array', '[]'],
    ['a string', '"x"'],
    ['null', 'null'],
    ['a wrong holder type', JSON.stringify({ ...bl(), certificateHolderType: '1' })],
    ['an empty holder name', JSON.stringify({ ...bl(), certificateHolder: '  ' })],
    ['an object as a surface value', JSON.stringify({ ...bl(), surface: { a: { b: 1 } } })],
  ])('%s → license.record.schema failed', (_what, text) => {
    const r = parseLicenseRecord(text);
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.record.schema', 'failed']]);
  });

  it('oversize input is refused before parsing', () => {
    const r = parseLicenseRecord(`{"x":"${'a'.repeat(1024 * 1024)}"}`);
    expect(r.issues[0]?.message.en).toMatch(/larger than/);
  });

  it('undefined top-level fields are a warning and dropped', () => {
    const r = parseLicenseRecord({ ...bl(), certificateStatus: '01' });
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.record.unknown-fields', 'warning']]);
    expect(r.record).not.toHaveProperty('certificateStatus');
  });

  it('long-term validity: an absent end, null, "" or 长期 all read as no end date', () => {
    for (const end of [undefined, null, '', '长期']) {
      const r = parseLicenseRecord({ ...bl(), certificateValidateEnd: end });
      expect(r.issues).toEqual([]);
      expect(r.record?.certificateValidateEnd).toBeUndefined();
    }
  });

  it('never throws, whatever the input (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), fc.record({ ...Object.fromEntries(RECORD_FIELDS.map((f) => [f, fc.oneof(fc.string(), fc.integer(), fc.constant(null))])) })), (v) => {
        const r = parseLicenseRecord(v);
        expect(Array.isArray(r.issues)).toBe(true);
        expect(r.checks.length).toBeGreaterThan(0);
        expect(r.checks.every((c) => c.id.startsWith('license.'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dates and validity', () => {
  it('a bad date is license.record.date failed, naming the field', () => {
    const r = parseLicenseRecord({ ...bl(), issueDate: '2024-02-30' });
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.record.date', 'failed']]);
    expect(r.issues[0]!.details).toEqual({ fields: ['issueDate'] });
    expect(r.issues[0]!.message.zh).toContain('证照颁发日期');
    expect(parseLicenseRecord({ ...bl(), certificateValidateStart: '2024/01/01' }).issues.map((c) => c.id)).toEqual(['license.record.date']);
  });

  it('an end before the start is license.validity.order failed', () => {
    const rec = exampleRecord('registered-constructor');
    const r = parseLicenseRecord({ ...rec, certificateValidateStart: '2024-06-01', certificateValidateEnd: '2024-05-31' }, { now: NOW });
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.validity.order', 'failed']]);
    expect(r.issues[0]!.details).toEqual({ start: '2024-06-01', end: '2024-05-31' });
    // equal start and end is a one-day licence, not an error
    expect(parseLicenseRecord({ ...rec, certificateValidateEnd: '2024-06-01' }, { now: NOW }).issues).toEqual([]);
  });
});

describe('codes: warning by default, failed under codes: fail', () => {
  const cases: [string, (r: LicenseRecord) => LicenseRecord, string, Record<string, unknown>][] = [
    ['identifier check character', (r) => ({ ...r, certificateIdentifier: `${r.certificateIdentifier.slice(0, -1)}${r.certificateIdentifier.endsWith('A') ? 'B' : 'A'}` }), 'license.id.check-character', { expected: 'L' }],
    ['holder USCC', (r) => ({ ...r, certificateHolderCode: '91350100M0001TGQXM' }), 'license.holder.uscc', { expected18: '1' }],
    ['issuer USCC', (r) => ({ ...r, issueDeptCode: '91500106MA2CE71F65' }), 'license.issuer.uscc', { expected18: '6' }],
    ['area code', (r) => ({ ...r, certificateAreaCode: '990000' }), 'license.area.code', {}],
    ['type code', (r) => ({ ...r, certificateTypeCode: 'X1' }), 'license.type.code', { reason: 'format' }],
  ];

  it.each(cases)('%s', (_what, change, id, details) => {
    const rec = change(bl());
    for (const [codes, status] of [[undefined, 'warning'], ['warn', 'warning'], ['fail', 'failed']] as const) {
      const r = parseLicenseRecord(rec, codes ? { codes } : {});
      const c = byId(r.issues, id);
      expect(c?.status, `${id} ${codes}`).toBe(status);
      expect(c?.details).toMatchObject(details);
      expect(c?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a holder ID number with a wrong check character: license.holder.resident-id, expected X', () => {
    const rec = exampleRecord('registered-constructor');
    const r = parseLicenseRecord({ ...rec, certificateHolderCode: '110105194912310021' }, { now: NOW });
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.holder.resident-id', 'warning']]);
    expect(r.issues[0]!.details).toMatchObject({ field: 'certificateHolderCode', reason: 'check-character', expected: 'X' });
    expect(r.issues[0]!.message.zh).toContain('应为 X');
    // The number itself is personal data: it is not copied into the details.
    expect(JSON.stringify(r.issues[0]!.details)).not.toContain('110105194912310021');
    expect(parseLicenseRecord({ ...rec, certificateHolderCode: '110105194912310021' }, { now: NOW, codes: 'fail' }).issues[0]!.status).toBe('failed');
  });

  it('a lower-case holder code is valid but a warning, whatever the policy', () => {
    const r = parseLicenseRecord({ ...exampleRecord('registered-constructor'), certificateHolderCode: '11010519491231002x' }, { now: NOW, codes: 'fail' });
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.holder.resident-id', 'warning']]);
  });

  it('an identifier whose type or issuer code differs from the record is license.id.consistency', () => {
    const rec = bl();
    const r = parseLicenseRecord({ ...rec, certificateTypeCode: '11100000000013338W902' });
    // The surface then belongs to another type as well: that type's checks speak too.
    expect(byId(r.issues, 'license.id.consistency')?.status).toBe('warning');
    const ok = parseLicenseRecord({ ...rec, certificateIdentifier: '1.2.156.3005.2.11100000MB0A00106R001.350100.2024000001.001.' + 'X' });
    expect(byId(ok.checks, 'license.id.consistency')?.status).toBe('passed'); // the area code may stand for the issuer
  });

  it('a malformed identifier: license.id.format by policy, the check character and consistency skipped', () => {
    const r = parseLicenseRecord({ ...bl(), certificateIdentifier: 'ZZ-1' }, { codes: 'fail' });
    expect(byId(r.checks, 'license.id.format')?.status).toBe('failed');
    expect(byId(r.checks, 'license.id.check-character')?.status).toBe('skipped');
    expect(byId(r.checks, 'license.id.consistency')?.status).toBe('skipped');
  });
});

describe('surface fields against the licence type', () => {
  it('a missing required surface field: license.surface.required failed, naming it', () => {
    const rec = bl();
    delete (rec.surface as Record<string, unknown>).legalRepresentative;
    const r = parseLicenseRecord(rec);
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.surface.required', 'failed']]);
    expect(r.issues[0]!.details).toEqual({ fields: ['legalRepresentative'] });
    expect(r.issues[0]!.message.zh).toContain('法定代表人');
  });

  it('a value that does not fit its kind: license.surface.kind failed', () => {
    const rec = bl();
    const r = parseLicenseRecord({ ...rec, surface: { ...rec.surface, registeredCapital: '伍佰万元', establishedDate: '2016-13-01' } });
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.surface.kind', 'failed']]);
    expect(r.issues[0]!.details).toEqual({ fields: ['registeredCapital', 'establishedDate'] });
    const neg = parseLicenseRecord({ ...rec, surface: { ...rec.surface, registeredCapital: -1 } });
    expect(neg.issues.map((c) => c.id)).toEqual(['license.surface.kind']);
    const c = exampleRecord('registered-constructor');
    expect(parseLicenseRecord({ ...c, surface: { ...c.surface, level: '三级' } }, { now: NOW }).issues.map((x) => x.id)).toEqual(['license.surface.kind']);
    expect(parseLicenseRecord({ ...c, surface: { ...c.surface, registrationNumber: '京 2112' } }, { now: NOW }).issues.map((x) => x.id)).toEqual(['license.surface.kind']);
  });

  it('a code-kind surface field with a bad check character: license.surface.code by policy', () => {
    const c = exampleRecord('registered-constructor');
    const rec = { ...c, surface: { ...c.surface, employerCode: '91350100M0001TGQXM' } };
    expect(parseLicenseRecord(rec, { now: NOW }).issues.map((x) => [x.id, x.status])).toEqual([['license.surface.code', 'warning']]);
    expect(parseLicenseRecord(rec, { now: NOW, codes: 'fail' }).issues.map((x) => [x.id, x.status])).toEqual([['license.surface.code', 'failed']]);
  });

  it('surface fields the type does not define are a warning', () => {
    const rec = bl();
    const r = parseLicenseRecord({ ...rec, surface: { ...rec.surface, colour: 'red' } });
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.surface.unknown-fields', 'warning']]);
  });

  it('the holder type must be the one of the licence type', () => {
    const r = parseLicenseRecord({ ...bl(), certificateHolderType: '111', certificateHolderCode: '11010519491231002X' }, { now: NOW });
    expect(r.issues.map((c) => [c.id, c.status])).toEqual([['license.holder.type', 'failed']]);
  });

  it('an unregistered type: license.type.known warning and the surface checks skipped', () => {
    const rec = { ...bl(), certificateTypeCode: '11100000000013338W032', certificateIdentifier: '1.2.156.3005.2.11100000000013338W032.11350100MB0B002030.2024000001.001.X' };
    const r = parseLicenseRecord(rec);
    expect(r.type).toBeUndefined();
    expect(byId(r.checks, 'license.type.known')?.status).toBe('warning');
    for (const id of ['license.surface.required', 'license.surface.kind', 'license.surface.code', 'license.surface.unknown-fields']) expect(byId(r.checks, id)?.status).toBe('skipped');
  });
});
