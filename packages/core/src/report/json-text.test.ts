// toJsonText against the text it replaces — JSON.stringify(toJsonValue(…)) — byte for byte: on the reports of real
// inputs (fixtures and the shared corpus, trusted and untrusted) and on generated hostile values.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../pki/trust-store.js';
import { verify } from '../verify.js';
import { SHAPES, type ShapeName } from './json-shapes.js';
import { toJsonText } from './json-text.js';
import { renderJson, renderJsonBatch, toJsonValue } from './render-json.js';
import { summarise } from './summarise.js';
import type { Report } from './types.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const files = (dir: string, ext: RegExp): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((n) => ext.test(n))
    .sort()
    .map((n) => join(dir, n));

/** The old rendering: the plain value, stringified, its lines indented as at `depth`. */
function reference(value: unknown, shape: ShapeName | undefined, depth: number, pretty: boolean): string {
  const text = JSON.stringify(toJsonValue(value, shape, depth), null, pretty ? 2 : undefined);
  return pretty ? text.replaceAll('\n', `\n${'  '.repeat(depth)}`) : text;
}

/** The CLI's old per-report piece: stringified inside two arrays and cut out. */
function oldReportPiece(report: Report): string {
  const nested = JSON.stringify([[toJsonValue(report, 'report', 2)]], null, 2);
  return nested.slice('[\n  [\n    '.length, nested.length - '\n  ]\n]'.length);
}

/** Equal strings; else a short failure around the first difference (a diff of two large texts is no help). */
function same(got: string, want: string): void {
  if (got === want) return;
  let i = 0;
  while (got[i] === want[i]) i++;
  const from = Math.max(0, i - 80);
  expect(`at ${i}: ${got.slice(from, i + 80)}`).toBe(`at ${i}: ${want.slice(from, i + 80)}`);
}

const SHAPE_NAMES = Object.keys(SHAPES) as ShapeName[];

describe('toJsonText on real reports', () => {
  const reports: Report[] = [];

  beforeAll(async () => {
    const pki = join(repo, 'fixtures/pki');
    const trust = TrustStore.fromBytes(
      ['sm2', 'p256', 'rsa'].flatMap((f) => ['root.pem', 'root.crl.pem', 'intermediate.crl.pem'].map((n) => new Uint8Array(readFileSync(join(pki, f, n))))),
    );
    const inputs = [
      ...files(join(repo, 'fixtures'), /\.(pdf|ofd|p7m|p7s|pem|esl|dat)$/),
      ...files(join(repo, '../shared/corpus'), /\.(pdf|ofd|esl|dat|pem)$/),
    ];
    expect(inputs.length).toBeGreaterThan(80);
    const at = new Date('2026-06-01T00:00:00Z');
    for (const path of inputs) {
      const bytes = new Uint8Array(readFileSync(path));
      reports.push(await verify(bytes, { name: path, at, trust }));
      if (path.endsWith('.pdf')) reports.push(await verify(bytes, { name: path, at }));
    }
    // Mixed verdicts and PDF reports with their 58 checks per signature: the outputs compared mean something.
    expect(new Set(reports.map((r) => r.indication)).size).toBe(3);
    expect(reports.some((r) => r.signatures.some((s) => s.checks.length > 50))).toBe(true);
  }, 120_000);

  it('gives exactly JSON.stringify(toJsonValue(report)), pretty and compact, at any depth', () => {
    for (const r of reports) {
      same(toJsonText(r, 'report'), reference(r, 'report', 0, true));
      same(renderJson(r), reference(r, 'report', 0, true));
      same(renderJson(r, { pretty: false }), reference(r, 'report', 0, false));
      same(toJsonText(r, 'report', 2), oldReportPiece(r));
      same(toJsonText(r, undefined, 1), reference(r, undefined, 1, true));
    }
  });

  it('gives exactly the old batch document', () => {
    const doc = { summary: summarise(reports), reports };
    same(renderJsonBatch(reports), reference(doc, 'batch', 0, true));
    same(renderJsonBatch(reports, { pretty: false }), reference(doc, 'batch', 0, false));
    same(renderJsonBatch([]), reference({ summary: summarise([]), reports: [] }, 'batch', 0, true));
  });
});

// Hostile values are generated as descriptions and built fresh for each run (cycles need mutation).
type Spec =
  | { t: 'prim'; v: unknown }
  | { t: 'date'; ms: number }
  | { t: 'bytes'; data: number[]; off: number; buffer: boolean }
  | { t: 'fn' | 'sym' | 'map' | 'set' | 'u16' | 'clamped' | 'regexp' | 'error' | 'boxed' | 'arraybuffer' | 'dataview' }
  | { t: 'arr'; items: Spec[]; holes: number[]; extra: number }
  | { t: 'obj'; entries: [string, Spec][]; proto: 'plain' | 'null' | 'inherit' }
  | { t: 'shaped'; shape: ShapeName; entries: [number, Spec][] }
  | { t: 'deep'; n: number; leaf: Spec; arrays: boolean }
  | { t: 'ref'; up: number }
  | { t: 'dup'; s: Spec };

const shapeKeys = [...new Set(SHAPE_NAMES.flatMap((n) => SHAPES[n].keys))];
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 8 }).map((cs) => String.fromCharCode(...cs));
const str = fc.oneof(
  anyUnits,
  fc.string(),
  fc.constantFrom('\ud800', 'a\udc00', '\udc00\ud800', '\ud83d\ude00', '\u2028\u2029', '\u0000\u001f\u007f', '"\\/', '核验', ''),
);
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...shapeKeys) },
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'toJSON', 'pdf', 'length'),
  fc.constantFrom('0', '1', '2', '10', '01', '-1', '1.5', '1e3', '4294967294', '4294967295', '9007199254740993', ' 1'),
  str,
);
const prim = fc.oneof(
  str,
  fc.double(),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e21, 5e-324, Number.MAX_VALUE, true, false, null, undefined),
  fc.bigInt(),
);

const spec = fc.letrec<{ s: Spec }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'medium', maxDepth: 6, withCrossShrink: true },
    { weight: 4, arbitrary: prim.map((v): Spec => ({ t: 'prim', v })) },
    fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.constantFrom(NaN, 8.64e15 + 1, -1e20)).map((ms): Spec => ({ t: 'date', ms })),
    fc.record({ data: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 }), off: fc.nat(7), buffer: fc.boolean() }).map((b): Spec => ({ t: 'bytes', ...b })),
    fc
      .constantFrom('fn', 'sym', 'map', 'set', 'u16', 'clamped', 'regexp', 'error', 'boxed', 'arraybuffer', 'dataview')
      .map((t) => ({ t }) as Spec),
    fc
      .record({ items: fc.array(tie('s'), { maxLength: 5 }), holes: fc.array(fc.nat(6), { maxLength: 3 }), extra: fc.nat(3) })
      .map((a): Spec => ({ t: 'arr', ...a })),
    { weight: 3, arbitrary: fc
      .record({ entries: fc.array(fc.tuple(key, tie('s')), { maxLength: 7 }), proto: fc.constantFrom('plain', 'null', 'inherit') })
      .map((o) => ({ t: 'obj', ...o }) as Spec) },
    // Keys of one shape only: toJsonText's path for objects whose keys are all known.
    { weight: 2, arbitrary: fc
      .record({ shape: fc.constantFrom(...SHAPE_NAMES), entries: fc.array(fc.tuple(fc.nat(), tie('s')), { maxLength: 9 }) })
      .map((o): Spec => ({ t: 'shaped', ...o })) },
    fc.record({ n: fc.integer({ min: 55, max: 75 }), leaf: tie('s'), arrays: fc.boolean() }).map((d): Spec => ({ t: 'deep', ...d })),
    fc.nat(8).map((up): Spec => ({ t: 'ref', up })),
    tie('s').map((s): Spec => ({ t: 'dup', s })),
  ),
})).s;

const inherited = { indication: 'INHERITED', zh: '继承', size: 7, checks: [{ id: 'x' }], details: { b: 1, a: 2 } };

function build(s: Spec, ancestors: object[] = []): unknown {
  const define = (o: object, k: string, v: unknown): void => {
    // defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it.
    Reflect.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  };
  switch (s.t) {
    case 'prim':
      return s.v;
    case 'date':
      return new Date(s.ms);
    case 'bytes': {
      const all = new Uint8Array(s.off + s.data.length + 3).fill(0xee);
      all.set(s.data, s.off);
      return s.buffer ? Buffer.from(all.buffer, s.off, s.data.length) : new Uint8Array(all.buffer, s.off, s.data.length);
    }
    case 'fn':
      return () => 1;
    case 'sym':
      return Symbol('s');
    case 'map':
      return new Map([['a', 1]]);
    case 'set':
      return new Set([1]);
    case 'u16':
      return Uint16Array.of(1, 513);
    case 'clamped':
      return Uint8ClampedArray.of(1, 2);
    case 'regexp':
      return /x/g;
    case 'error':
      return Object.assign(new Error('boom'), { code: 'E1' });
    case 'boxed':
      return new String('ab');
    case 'arraybuffer':
      return new ArrayBuffer(4);
    case 'dataview':
      return new DataView(new ArrayBuffer(2));
    case 'arr': {
      const a: unknown[] = [];
      ancestors.push(a);
      s.items.forEach((it, i) => (a[i] = build(it, ancestors)));
      ancestors.pop();
      a.length += s.extra; // trailing holes
      for (const h of s.holes) if (h < a.length) delete a[h];
      return a;
    }
    case 'obj': {
      const o: object = s.proto === 'null' ? Object.create(null) : s.proto === 'inherit' ? Object.create(inherited) : {};
      ancestors.push(o);
      for (const [k, v] of s.entries) define(o, k, build(v, ancestors));
      ancestors.pop();
      return o;
    }
    case 'shaped': {
      const o: Record<string, unknown> = {};
      const keys = SHAPES[s.shape].keys;
      ancestors.push(o);
      for (const [i, v] of s.entries) o[keys[i % keys.length]!] = build(v, ancestors);
      ancestors.pop();
      return o;
    }
    case 'deep': {
      let v = build(s.leaf, ancestors);
      for (let i = 0; i < s.n; i++) v = s.arrays ? [v] : { [i % 2 ? 'checks' : 'details']: v };
      return v;
    }
    case 'ref':
      return ancestors.length ? ancestors[ancestors.length - 1 - (s.up % ancestors.length)] : null;
    case 'dup': {
      const v = build(s.s, ancestors);
      return [v, { again: v }, v];
    }
  }
}

describe('toJsonText on hostile values', () => {
  const shape = fc.option(fc.constantFrom(...SHAPE_NAMES), { nil: undefined });

  it('gives exactly JSON.stringify(toJsonValue(value, shape, depth)), pretty and compact', () => {
    fc.assert(
      fc.property(spec, shape, fc.oneof(fc.constantFrom(0, 1, 2), fc.nat(70)), (s, other, depth) => {
        const v = build(s);
        const sh = s.t === 'shaped' && depth % 3 !== 0 ? s.shape : other;
        same(toJsonText(v, sh, depth), reference(v, sh, depth, true));
        same(toJsonText(v, sh, depth, false), reference(v, sh, depth, false));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives exactly the old text for real reports with hostile values put anywhere in them', async () => {
    const bytes = new Uint8Array(readFileSync(join(repo, 'fixtures/pdf/attacks/base-signed-sm2.pdf')));
    const base = await verify(bytes, { name: 'x.pdf', at: new Date('2026-06-01T00:00:00Z') });
    // A member is added (a key) or replaced (the index of one of the object's keys).
    const member = fc.oneof(key, fc.nat());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), member, spec), { minLength: 1, maxLength: 4 }), (edits) => {
        const r = structuredClone(base) as unknown as Record<string, unknown>;
        for (const [path, m, s] of edits) {
          // Walk down by child index while there are objects, then set one member there.
          let at: Record<string, unknown> = r;
          for (const p of path) {
            const children = Object.values(at).filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null);
            if (children.length === 0) break;
            at = children[p % children.length]!;
          }
          const own = Object.keys(at);
          const k = typeof m === 'string' ? m : own.length ? own[m % own.length]! : 'x';
          // Not an array's length or index (a length of 2³² − 1 is another test: of memory), nor its constructor:
          // toJsonValue's map() then throws (no species constructor) where toJsonText writes the array.
          if ((Array.isArray(at) || ArrayBuffer.isView(at)) && (k === 'length' || k === 'constructor' || /^\d/.test(k))) continue;
          Reflect.defineProperty(at, k, { value: build(s, [r, at]), enumerable: true, writable: true, configurable: true });
        }
        same(toJsonText(r, 'report'), reference(r, 'report', 0, true));
        same(toJsonText(r, 'report', 2), oldReportPiece(r as unknown as Report));
        same(toJsonText(r, 'report', 0, false), reference(r, 'report', 0, false));
      }),
      { numRuns: 300 },
    );
  });

  it('orders index keys numerically first and drops "__proto__", as the plain object did', () => {
    const o = JSON.parse('{"b":1,"10":2,"2":3,"__proto__":{"x":1},"01":4,"4294967295":5,"4294967294":6,"a":7}') as unknown;
    expect(toJsonText(o, undefined, 0, false)).toBe('{"2":3,"10":2,"4294967294":6,"01":4,"4294967295":5,"a":7,"b":1}');
    same(toJsonText(o, undefined, 0, false), reference(o, undefined, 0, false));
  });

  it('indents deeper values in a second pass, the same', () => {
    const v = { checks: [{ id: 'a', message: { zh: '甲', en: 'a' }, details: { n: [1, { x: 2 }] } }] };
    for (const depth of [3, 4, 5, 9]) same(toJsonText(v, 'signature', depth), reference(v, 'signature', depth, true));
  });

  it('rejects a depth that is not a non-negative integer', () => {
    expect(() => toJsonText({}, undefined, -1)).toThrow(RangeError);
    expect(() => toJsonText({}, undefined, 0.5)).toThrow(RangeError);
  });
});
