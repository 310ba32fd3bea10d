// The JSON text of a report value, fast on a cold JIT: exactly JSON.stringify(toJsonValue(value, shape, depth), null,
// 2) (or compact), indented as a value nested at `depth` of an indented document. `heyan verify --json` renders each
// report once, mostly before V8 has optimised anything; a report is ≈ 37 kB of text (58 checks per PDF signature).
//
// The value is toJsonValue's, built by ONE function (it tiers up as one; no spread, includes, filter or closure per
// object), and the text is JSON.stringify's, which escapes and indents in C++. Measured on the bench reports (text
// and UTF-8 of the first 100 in a fresh process): toJsonValue + stringify ≈ 48 ms, this ≈ 36 ms; a hand-written
// writer emitting the text itself ≈ 44 ms, slower cold (escaping each string and concatenating in unoptimised JS,
// then a rope to flatten), though ≈ 15 % faster once optimised.
import { MAX_DEPTH, SHAPES, type ShapeName } from './json-shapes.js';

/** A shape with its keys as a Set and its children resolved, built once. */
interface Plan {
  keys: readonly string[];
  known: ReadonlySet<string>;
  children: readonly (Plan | undefined)[];
}

const PLANS = new Map<string, Plan>();
for (const [name, { keys }] of Object.entries(SHAPES)) PLANS.set(name, { keys, known: new Set(keys), children: [] });
for (const [name, { keys, children }] of Object.entries(SHAPES)) {
  const kids = PLANS.get(name)!.children as (Plan | undefined)[];
  for (const k of keys) kids.push(children?.[k] === undefined ? undefined : PLANS.get(children[k]));
}

/**
 * toJsonValue(v, shape, depth) for JSON.stringify: the same members in the same order with the same conversions
 * (array holes become null, which stringify writes for a hole too). `seen` holds the objects being converted.
 */
function plainValue(v: unknown, plan: Plan | undefined, depth: number, seen: object[]): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'number': // NaN and ±Infinity: stringify writes null, as toJsonValue gives
      return v;
    case 'bigint':
      return v.toString();
    case 'object':
      if (v !== null) break;
      return null;
    default:
      return null; // undefined, functions, symbols
  }
  const o = v as object;
  if (o instanceof Date) return Number.isNaN(o.getTime()) ? null : o.toISOString();
  if (o instanceof Uint8Array) return Buffer.from(o.buffer, o.byteOffset, o.byteLength).toString('hex');
  if (depth >= MAX_DEPTH || seen.includes(o)) return null;
  seen.push(o);
  let out: unknown;
  if (Array.isArray(o)) {
    const n = o.length;
    const a = new Array<unknown>(n);
    for (let i = 0; i < n; i++) a[i] = plainValue(o[i], plan, depth + 1, seen);
    out = a;
  } else {
    const obj = o as Record<string, unknown>;
    const res: Record<string, unknown> = {};
    // Own keys the shape does not know, sorted; none (the usual case) skips the filter and sort.
    let rest: string[] | undefined = Object.keys(obj);
    if (plan) {
      let allKnown = true;
      for (let i = 0; i < rest.length; i++) {
        if (!plan.known.has(rest[i]!)) {
          allKnown = false;
          break;
        }
      }
      rest = allKnown ? undefined : rest.filter((k) => !plan.known.has(k));
      const { keys, children } = plan;
      for (let i = 0; i < keys.length; i++) {
        // A known key may be inherited (toJsonValue tests it with `in`); an absent one reads as undefined.
        const k = keys[i]!;
        const x = obj[k];
        if (x !== undefined && typeof x !== 'function') res[k] = plainValue(x, children[i], depth + 1, seen);
      }
    }
    if (rest !== undefined) {
      if (rest.length > 1) rest.sort();
      for (let i = 0; i < rest.length; i++) {
        const k = rest[i]!;
        const x = obj[k];
        // Assigning "__proto__" would set the prototype, so toJsonValue's object never has that member.
        if (x !== undefined && typeof x !== 'function' && k !== '__proto__') res[k] = plainValue(x, undefined, depth + 1, seen);
      }
    }
    // Array-index keys come first in numeric order, here as in toJsonValue's object: the engine orders them.
    out = res;
  }
  seen.pop();
  return out;
}

export type JsonShapeName = ShapeName;

/** Depths the text is cut out of arrays for; deeper ones (none in use) indent the lines in a second pass. */
const MAX_WRAP = 4;

/**
 * JSON text of `value` as JSON.stringify(toJsonValue(value, shape, depth), null, pretty ? 2 : undefined) gives it,
 * except that when pretty, its lines after the first are indented as for a value nested at `depth` in an indented
 * document (2·depth more spaces), so it can be placed there as is.
 */
export function toJsonText(value: unknown, shape?: JsonShapeName, depth = 0, pretty = true): string {
  if (!Number.isSafeInteger(depth) || depth < 0) throw new RangeError('toJsonText: depth must be a non-negative integer');
  const v = plainValue(value, shape === undefined ? undefined : PLANS.get(shape), depth, []);
  if (!pretty) return JSON.stringify(v);
  if (depth === 0) return JSON.stringify(v, null, 2);
  const indent = '  '.repeat(depth);
  if (depth <= MAX_WRAP) {
    // Stringified inside `depth` arrays, a value is indented as at that depth: cut it out (a substring, not a copy).
    let wrapped: unknown = v;
    let open = '';
    let close = '';
    for (let i = 1; i <= depth; i++) {
      wrapped = [wrapped];
      open += `[\n${'  '.repeat(i)}`;
      close = `\n${'  '.repeat(i - 1)}]${close}`;
    }
    const text = JSON.stringify(wrapped, null, 2);
    if (text.startsWith(open) && text.endsWith(close)) return text.slice(open.length, text.length - close.length);
  }
  // A JSON text has no raw line breaks inside strings.
  return JSON.stringify(v, null, 2).replaceAll('\n', `\n${indent}`);
}
