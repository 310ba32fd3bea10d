// quickLicenseType (type-definition.ts), the definition reader without zod, against licenseTypeSchema: on plain JSON
// data it accepts exactly what the schema accepts and returns the same value; the shipped definitions are read by it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { licenseTypeSchema, quickLicenseType } from './type-definition.js';
import { SHIPPED_TYPES_DIR } from './type-registry.js';

const dir = fileURLToPath(SHIPPED_TYPES_DIR);
const SHIPPED = readdirSync(dir)
  .filter((n) => n.endsWith('.json'))
  .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as Record<string, unknown>);

function agree(input: unknown): void {
  const quick = quickLicenseType(input);
  const z = licenseTypeSchema.safeParse(input);
  const what = JSON.stringify(input)?.slice(0, 400);
  expect(quick !== undefined, what).toBe(z.success);
  if (quick !== undefined && z.success) expect(isDeepStrictEqual(quick, z.data), what).toBe(true);
}

type Json = unknown;
/** Every path into a JSON value (object keys and array indexes), the root included. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

// Values at the rules' edges: sizes 7/12/16/20/48/60 and past them, 0..1 colours, 4096 lengths, 200/40-character
// strings, kinds, code kinds, QR positions, borders, layout references that exist and do not, blank and long text.
const pool = fc.constantFrom<Json>(
  '', 'a', 'A', '1a', 'key_1', 'money', 'text', 'code', 'date', 'uscc', 'id', 'license', 'other', 'top-left', 'middle', 'none', 'single', 'double',
  'surface.entityType', 'surface.registeredCapital', 'surface.nope', 'validity', 'certificateNumber', 'issueDept', 'certificateIdentifier',
  '万元', 'x'.repeat(21), 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(1001), 'ABC123', 'abc', '001', '01', 'dup', 'a-b', '-a',
  0, 0.5, 1, 1.5, 2, 6.9, 7, 11.5, 12, 16, 16.5, 20, 30, 48, 49, 60, 61, 100, 4096, 4097, -1, Number.NaN, Number.POSITIVE_INFINITY,
  true, false, null, undefined, [], [0.1, 0.2, 0.3], [0.1, 0.2], [0.1, 0.2, 0.3, 0.4], [0.1, 2, 0.3], ['a'], ['surface.entityType'], ['validity', 'nope'],
  {}, { zh: '甲', en: 'A' }, { zh: '', en: 'A' }, { zh: '甲', en: 'A', x: 1 }, { sizeMm: 30 }, { sizeMm: 10 }, { position: 'top-left' }, { 'surface.nope': 'x' }, { validity: '期限' },
);
type Op = { path: (string | number)[]; kind: 'set' | 'delete' | 'add'; value: Json; key: string };
function apply(def: Json, ops: Op[]): Json {
  const d = structuredClone(def) as Record<string, unknown>;
  for (const op of ops) {
    if (op.path.length === 0) continue;
    let parent: any = d;
    for (const p of op.path.slice(0, -1)) parent = parent?.[p];
    if (!parent || typeof parent !== 'object') continue;
    const last = op.path[op.path.length - 1]!;
    if (op.kind === 'set') parent[last] = structuredClone(op.value);
    else if (op.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      const target = parent[last];
      if (Array.isArray(target)) target.push(structuredClone(op.value));
      else if (target && typeof target === 'object') target[op.key] = structuredClone(op.value);
    }
  }
  return d;
}
const mutated = fc.constantFrom(...SHIPPED).chain((def) => {
  const all = paths(def);
  const op = fc.record({ path: fc.constantFrom(...all), kind: fc.constantFrom<Op['kind']>('set', 'set', 'delete', 'add'), value: pool, key: fc.constantFrom('extra', 'unit', 'codeKind', 'values', 'maxLength', 'layout', 'source', '$schema', 'seal', 'qr') });
  return fc.array(op, { minLength: 1, maxLength: 3 }).map((ops) => apply(def, ops));
});

describe('quickLicenseType against licenseTypeSchema', () => {
  it('every shipped definition is read quickly, to the same value (aliases defaulted when absent too)', () => {
    for (const d of SHIPPED) {
      expect(quickLicenseType(d)).toBeDefined();
      agree(d);
      const { aliases: _a, ...noAliases } = d;
      agree(noAliases);
      agree({ ...d, aliases: undefined, layout: undefined });
    }
  });

  it('shipped definitions with one to three changes (set, remove, add anywhere in the tree)', () => {
    fc.assert(fc.property(mutated, (d) => agree(d)), { numRuns: 4000 });
  });

  it('every rule at its edges: each value set into each shipped definition (each field for field properties)', () => {
    const x = (n: number, c = 'x') => c.repeat(n);
    const sizes = (lo: number, hi: number) => [lo - 0.1, lo, hi, hi + 0.1, String(lo), Number.NaN];
    const top: [string, Json[]][] = [
      ['$schema', [x(200), x(201), 1]],
      ['code', ['', 'abc', x(64, 'A'), x(65, 'A'), 'A-1']],
      ['name', ['', x(100), x(101)]],
      ['nameEn', ['', x(200), x(201)]],
      ['aliases', [[], ['Bad'], ['a-b'], ['-a'], [x(64, 'a')], [x(65, 'a')], Array.from({ length: 20 }, (_, i) => `a${i}`), Array.from({ length: 21 }, (_, i) => `a${i}`), 'a']],
      ['holderType', ['01', '0001', '111', 111]],
      ['source', [x(1000), x(1001)]],
      ['fields', [[], Array.from({ length: 101 }, (_, i) => ({ key: `k${i}`, label: { zh: '甲', en: 'A' }, kind: 'text', required: false }))]],
      ['layout.titleSizePt', sizes(12, 48)],
      ['layout.bodySizePt', sizes(7, 16)],
      ['layout.accent', [[0, 0, 0], [1, 1, 1], [-0.1, 0, 0], [0, 0, 1.1], [0, 0], [0, 0, 0, 0], 'red', [0, '0', 0]]],
      ['layout.border', ['none', 'single', 'double', 'dotted']],
      ['layout.subtitleEn', [true, false, 'true']],
      ['layout.labels', [{}, { validity: 'x' }, { 'surface.nope': 'x' }, { bogus: 'x' }, { certificateNumber: '' }, { certificateNumber: x(40) }, { certificateNumber: x(41) }, Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`surface.k${i}`, 'x']))]],
      ['layout.halfWidth', [[], ['validity'], ['issueDept'], ['surface.nope'], Array.from({ length: 104 }, () => 'validity'), Array.from({ length: 103 }, () => 'validity')]],
      ['layout.qr', [{}, { position: 'top-left' }, { position: 'middle' }, ...sizes(20, 60).map((sizeMm) => ({ sizeMm })), { x: 1 }]],
      ['layout.seal', [{}, ...sizes(20, 60).map((sizeMm) => ({ sizeMm })), { position: 'top-left' }]],
    ];
    const field: [string, Json[]][] = [
      ['key', ['', '1a', 'a-b', x(64, 'a'), x(65, 'a')]],
      ['label', [{ zh: '', en: 'a' }, { zh: x(200), en: 'a' }, { zh: x(201), en: 'a' }, { zh: '甲' }]],
      ['kind', ['text', 'date', 'money', 'code', 'number']],
      ['required', [true, 'yes']],
      ['unit', ['', '元', x(20), x(21)]],
      ['codeKind', ['uscc', 'id', 'license', 'other']],
      ['values', [[], ['a'], [''], [x(200)], [x(201)], Array.from({ length: 200 }, (_, i) => `v${i}`), Array.from({ length: 201 }, (_, i) => `v${i}`)]],
      ['maxLength', [0, 1, 1.5, 4096, 4097, '10']],
    ];
    const set = (def: Json, path: string, v: Json): Json => apply(def, [{ path: path.split('.'), kind: 'set', value: v, key: '' }]);
    for (const d of SHIPPED) {
      for (const [path, values] of top) for (const v of values) agree(set(d, path, v));
      const n = (d.fields as unknown[]).length;
      for (let i = 0; i < n; i++) for (const [k, values] of field) for (const v of values) agree(apply(d, [{ path: ['fields', i, k], kind: 'set', value: v, key: '' }]));
      if (n > 1) agree(apply(d, [{ path: ['fields', 1, 'key'], kind: 'set', value: (d.fields as { key: string }[])[0]!.key, key: '' }]));
    }
  });

  it('what is not plain JSON data is left to zod', () => {
    const d = SHIPPED[0]!;
    expect(quickLicenseType(Object.assign(Object.create(null) as object, d))).toBeUndefined();
    expect(quickLicenseType({ ...d, layout: Object.assign(Object.create(null) as object, d.layout) })).toBeUndefined();
    expect(quickLicenseType(JSON.parse(`{"__proto__": 1, ${JSON.stringify(d).slice(1)}`))).toBeUndefined();
  });
});
