import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError, UnsupportedError } from '../errors.js';
import { makeLicenseId, parseLicenseId } from './codes/license-id.js';
import { exampleRecord } from './example.js';
import { parseLicenseRecord } from './parse-record.js';
import { defaultLicenseTypes, getLicenseType, LicenseTypeRegistry, loadLicenseTypes, shippedLicenseTypes, SHIPPED_TYPES_DIR } from './type-registry.js';

const FOURTH = new URL('./testdata/special-operation.json', import.meta.url);
const fourth = (): Record<string, unknown> => JSON.parse(readFileSync(FOURTH, 'utf8')) as Record<string, unknown>;

describe('shipped types', () => {
  it('are found by code, Chinese name and alias (case-insensitive, trimmed)', () => {
    const bl = getLicenseType('营业执照');
    expect(bl?.code).toBe('11100000MB0A00106R001');
    expect(getLicenseType('11100000MB0A00106R001')).toBe(bl);
    expect(getLicenseType(' Business-Licence ')).toBe(bl);
    expect(getLicenseType('registered-constructor')?.name).toBe('注册建造师注册证书');
    expect(getLicenseType('建筑业企业资质证书')?.holderType).toBe('001');
    expect(getLicenseType('no such type')).toBeUndefined();
  });

  it('each has required and optional fields with zh/en labels, kinds, and a display order', () => {
    for (const t of shippedLicenseTypes().list()) {
      expect(t.fields.length).toBeGreaterThan(3);
      expect(t.fields.some((f) => f.required)).toBe(true);
      for (const f of t.fields) {
        expect(f.label.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(['text', 'date', 'money', 'code']).toContain(f.kind);
      }
      expect(t.code).toMatch(/^[0-9A-Z]{18}\d{3}$/);
    }
    expect(shippedLicenseTypes().list().some((t) => t.fields.some((f) => !f.required))).toBe(true);
  });

  it('definitions are frozen and examples are handed out as copies', () => {
    const t = getLicenseType('business-licence')!;
    expect(Object.isFrozen(t.example.surface)).toBe(true);
    const a = exampleRecord('business-licence');
    a.certificateHolder = 'changed';
    (a.surface as Record<string, unknown>).address = 'changed';
    expect(exampleRecord('business-licence').certificateHolder).not.toBe('changed');
    expect(exampleRecord('business-licence').surface.address).not.toBe('changed');
  });

  it('the default registry cannot be added to; shippedLicenseTypes() gives an independent one', () => {
    expect('add' in defaultLicenseTypes()).toBe(false);
    const r = shippedLicenseTypes();
    r.add(fourth());
    expect(r.size).toBe(4);
    expect(defaultLicenseTypes().size).toBe(3);
    expect(shippedLicenseTypes().size).toBe(3);
  });

  it('exampleRecord of an unknown type throws UnsupportedError naming the known ones', () => {
    expect(() => exampleRecord('nope')).toThrow(UnsupportedError);
    expect(() => exampleRecord('nope')).toThrow(/business-licence/);
  });
});

describe('a fourth type from a JSON file, at run time, without code changes', () => {
  it('addFile: the new type is found, its example is valid and parses clean against it', () => {
    const r = shippedLicenseTypes();
    const t = r.addFile(FOURTH);
    expect(t.name).toBe('特种作业操作证');
    expect(r.get('special-operation')).toBe(t);
    const rec = exampleRecord('特种作业操作证', r);
    const parsed = parseLicenseRecord(rec, { types: r, codes: 'fail', now: new Date('2025-06-01T00:00:00Z') });
    expect(parsed.issues).toEqual([]);
    expect(parsed.type?.code).toBe('11100000MB0D00408Q001');
    // Without the registry that knows it, the same record is of an unknown type.
    expect(parseLicenseRecord(rec).issues.map((c) => c.id)).toContain('license.type.known');
    // And its surface rules apply: a missing required field is reported.
    const { operationItem: _, ...surface } = rec.surface;
    expect(parseLicenseRecord({ ...rec, surface }, { types: r }).issues.map((c) => c.id)).toEqual(['license.surface.required']);
  });

  it('loadLicenseTypes reads a folder of definitions, or definitions in memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-types-'));
    writeFileSync(join(dir, 'special.json'), JSON.stringify(fourth()));
    writeFileSync(join(dir, 'notes.txt'), 'not a definition');
    const fromDir = loadLicenseTypes(dir);
    expect(fromDir.list().map((t) => t.name)).toEqual(['特种作业操作证']);
    expect(loadLicenseTypes([fourth()]).get('special-operation')?.name).toBe('特种作业操作证');
    expect(loadLicenseTypes(SHIPPED_TYPES_DIR).size).toBe(3);
  });
});

describe('bad definitions are refused with FormatError', () => {
  const withChange = (f: (d: Record<string, any>) => void): Record<string, unknown> => {
    const d = fourth() as Record<string, any>;
    f(d);
    return d;
  };

  it.each([
    ['an unknown field kind', (d: Record<string, any>) => (d.fields[0].kind = 'colour'), /kind/],
    ['a duplicate field key', (d: Record<string, any>) => d.fields.push({ ...d.fields[0] }), /unique/],
    ['a unit on a text field', (d: Record<string, any>) => (d.fields[0].unit = '元'), /unit/],
    ['a lower-case code', (d: Record<string, any>) => (d.code = 'abc'), /code/],
    ['an unknown property', (d: Record<string, any>) => (d.colour = 'red'), /colour|Unrecognized/i],
    ['an example with a wrong identifier check character', (d: Record<string, any>) => (d.example.certificateIdentifier = d.example.certificateIdentifier.replace(/\.P$/, '.Q')), /license\.id\.check-character/],
    ['an example with a wrong holder ID check character', (d: Record<string, any>) => (d.example.certificateHolderCode = '110105194912310021'), /license\.holder\.resident-id/],
    ['an example missing a required surface field', (d: Record<string, any>) => delete d.example.surface.sex, /license\.surface\.required/],
    ['an example of another type code', (d: Record<string, any>) => (d.example.certificateTypeCode = '11100000000013338W901'), /not the type's code/],
  ])('%s', (_what, change, message) => {
    expect(() => new LicenseTypeRegistry([withChange(change)])).toThrow(FormatError);
    expect(() => new LicenseTypeRegistry([withChange(change)])).toThrow(message);
  });

  it('a code, name or alias already registered', () => {
    const r = shippedLicenseTypes();
    r.add(fourth());
    expect(() => r.add(fourth())).toThrow(/already registered/);
    // Same name as a shipped type under a new code (identifier recomputed so the example itself is valid).
    const renamed = withChange((d) => {
      const code = '11100000MB0D00408Q002';
      const { issuerCode, serial, version } = parseLicenseId(d.example.certificateIdentifier);
      Object.assign(d, { code, name: '营业执照', aliases: [] });
      Object.assign(d.example, { certificateTypeCode: code, certificateType: '营业执照', certificateIdentifier: makeLicenseId({ typeCode: code, issuerCode, serial, version }) });
    });
    expect(new LicenseTypeRegistry([renamed]).size).toBe(1);
    expect(() => r.add(renamed)).toThrow(/"营业执照" is already registered/);
    const aliased = withChange((d) => {
      const code = '11100000MB0D00408Q003';
      const { issuerCode, serial, version } = parseLicenseId(d.example.certificateIdentifier);
      Object.assign(d, { code, name: '另一种证照', aliases: ['Business-Licence'.toLowerCase()] });
      Object.assign(d.example, { certificateTypeCode: code, certificateType: '另一种证照', certificateIdentifier: makeLicenseId({ typeCode: code, issuerCode, serial, version }) });
    });
    expect(() => r.add(aliased)).toThrow(/"business-licence" is already registered/);
  });

  it('unreadable, non-JSON and oversize files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-types-bad-'));
    writeFileSync(join(dir, 'broken.json'), '{');
    expect(() => loadLicenseTypes(dir)).toThrow(FormatError);
    expect(() => new LicenseTypeRegistry().addFile(join(dir, 'missing.json'))).toThrow(FormatError);
    expect(() => loadLicenseTypes(join(dir, 'no-folder'))).toThrow(FormatError);
    const big = join(dir, 'big');
    mkdirSync(big);
    writeFileSync(join(big, 'big.json'), `"${'x'.repeat(300 * 1024)}"`);
    expect(() => loadLicenseTypes(big)).toThrow(LimitError);
  });
});
