// heyan code check (text, JSON, exit codes) and heyan license types / example (piped back into the model parser).
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLicenseRecord, shippedLicenseTypes } from '@heyan/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, repoRoot } from './helpers/cli.js';

beforeAll(() => ensureBuilt());

const VALID = ['91350100M000100Y43', '11010519491231002X', '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F'];

interface CodeJson {
  results: Array<{ value: string; kind: string | null; valid: boolean; reason?: string; expected?: string; expected18?: string; expected17?: string; message?: { zh: string; en: string } }>;
}

describe('heyan code check', () => {
  it('all valid → exit 0, one line per value in Chinese and English', () => {
    const r = heyan(['code', 'check', ...VALID]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^91350100M000100Y43 .*\[uscc\] 统一社会信用代码 .*有效 \/ valid$/);
    expect(lines[1]).toMatch(/\[id\] 公民身份号码 .*有效 \/ valid/);
    expect(lines[2]).toMatch(/\[license\] 电子证照标识 .*有效 \/ valid/);
  });

  it('one invalid → exit 1; the text names the expected check character in both languages', () => {
    const r = heyan(['code', 'check', '91350100M000100Y43', '91500106MA2CE71F65']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/有效 \/ valid/);
    expect(lines[1]).toMatch(/^91500106MA2CE71F65 .*无效 \/ invalid：校验位错误，应为 6 \/ wrong check character, expected 6/);
  });

  it('--json: one object, results in input order, kinds detected, expected characters', () => {
    const values = ['1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9', '91350100M0001TGQXM', '110105194912310021', 'hello', '91350211M0000XUF46', '11010519491231002X'];
    const r = heyan(['code', 'check', '--json', ...values]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as CodeJson;
    expect(Object.keys(j)).toEqual(['results']);
    expect(j.results.map((x) => x.value)).toEqual(values);
    expect(j.results.map((x) => x.kind)).toEqual(['license', 'uscc', 'id', null, 'uscc', 'id']);
    expect(j.results.map((x) => x.valid)).toEqual([true, false, false, false, false, true]);
    expect(j.results[1]).toMatchObject({ reason: 'check-character', expected18: '1' });
    expect(j.results[2]).toMatchObject({ reason: 'check-character', expected: 'X' });
    expect(j.results[3]).toMatchObject({ reason: 'unknown-kind' });
    expect(j.results[4]).toMatchObject({ expected18: 'R' });
    for (const x of j.results) expect(Object.keys(x).slice(0, 3)).toEqual(['value', 'kind', 'valid']);
  });

  it('--kind forces the kind', () => {
    const j = JSON.parse(heyan(['code', 'check', '--json', '--kind', 'uscc', '11010519491231002X']).stdout) as CodeJson;
    expect(j.results[0]).toMatchObject({ kind: 'uscc', valid: false });
  });

  it('the swagger example identifier does not validate: exit 1 with the computed character D', () => {
    const r = heyan(['code', 'check', '--json', '1.2.156.3005.2.11100000000013661B006.113700000045046442.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as CodeJson).results[0]).toMatchObject({ valid: false, expected: 'D' });
  });

  it('usage errors exit 3: no value, a bad --kind, an unknown subcommand', () => {
    expect(heyan(['code', 'check']).code).toBe(3);
    const bad = heyan(['code', 'check', '--kind', 'passport', 'X']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/--kind must be one of uscc, id, license/);
    expect(heyan(['code', 'verify', 'X']).code).toBe(3);
    expect(heyan(['code']).code).toBe(3);
    expect(heyan(['help', 'code']).stdout).toMatch(/heyan code check VALUE/);
  });
});

describe('heyan license', () => {
  const types = shippedLicenseTypes().list();

  it('types lists the shipped types (text and JSON)', () => {
    const r = heyan(['license', 'types']);
    expect(r.code).toBe(0);
    for (const t of types) expect(r.stdout).toContain(t.code);
    const j = JSON.parse(heyan(['license', 'types', '--json']).stdout) as { types: { code: string; name: string }[] };
    expect(j.types.map((t) => t.name).sort()).toEqual(types.map((t) => t.name).sort());
  });

  it.each(types.flatMap((t) => [t.code, t.name, t.aliases[0]!].map((q) => [t.name, q] as const)))('%s: example --type %s is a valid record (piped back into the parser)', (name, q) => {
    const r = heyan(['license', 'example', '--type', q]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const parsed = parseLicenseRecord(r.stdout, { codes: 'fail' });
    expect(parsed.issues).toEqual([]);
    expect(parsed.record?.certificateType).toBe(name);
  });

  it('--types DIR adds definitions: a fourth type without code changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-cli-types-'));
    copyFileSync(join(repoRoot, 'packages/core/src/license/testdata/special-operation.json'), join(dir, 'special-operation.json'));
    expect(heyan(['license', 'types', '--types', dir]).stdout).toContain('特种作业操作证');
    const r = heyan(['license', 'example', '--type', 'special-operation', '--types', dir]);
    expect(r.code).toBe(0);
    const types4 = shippedLicenseTypes();
    types4.addDirectory(dir);
    expect(parseLicenseRecord(r.stdout, { types: types4, codes: 'fail' }).issues).toEqual([]);
  });

  it('an unknown type or a missing --type is a usage error naming the known types', () => {
    const r = heyan(['license', 'example', '--type', 'passport']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/unknown licence type "passport".*business-licence/);
    expect(heyan(['license', 'example']).code).toBe(3);
    expect(heyan(['license', 'types', '--types', '/nonexistent-folder']).code).toBe(3);
    expect(heyan(['license', 'frobnicate']).code).toBe(3);
  });
});

describe('heyan code check: mistyped ID numbers and USCC "expected"', () => {
  it('an ID number with a bad birth date is checked as an ID number', () => {
    const r = heyan(['code', 'check', '11010519491331002X', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ value: '11010519491331002X', kind: 'id', valid: false });
  });
  it('--json of a USCC with a wrong position 18 has expected = expected18; with a wrong position 17, expected = expected17', () => {
    // 91350100M000100Y43 is valid: change position 18, then position 17.
    const r = heyan(['code', 'check', '91350100M000100Y44', '91350100M000100Y53', '--json']);
    const [a, b] = JSON.parse(r.stdout).results;
    expect(a).toMatchObject({ kind: 'uscc', valid: false, expected: '3', expected18: '3' });
    expect(a.expected17).toBeUndefined();
    expect(b).toMatchObject({ kind: 'uscc', valid: false, expected: '4', expected17: '4' });
  });
});
