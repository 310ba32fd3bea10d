// The content-stream tokenizer was rebuilt on the PDF object parser's Parser (pdf/lexer.ts: one tokenizer, its
// primitives shared). Its results must not change: scanContent is compared here with the code it replaced (kept below,
// verbatim but for names) on random token soups, mutated content streams and CMaps of issued licence PDFs and of the
// PDF corpus, and hostile input — operators, operands, decoded strings, where and why each scan stopped.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePki, repoRoot } from '../../../../../test/helpers/credential-pki.js';
import { exampleRecord } from '../example.js';
import { issueLicenseDocument } from '../issue-document.js';
import { defaultLicenseTypes } from '../type-registry.js';
import { scanContent, type Operand, type ScanLimits } from './content-lexer.js';
import { licencePdf, pageLines, testSeal } from './test-support.js';

// ---- the replaced code ------------------------------------------------------------------------------------------

type RefOperand =
  | { k: 'num'; v: number }
  | { k: 'name'; v: string }
  | { k: 'str'; v: Uint8Array }
  | { k: 'arr'; v: RefOperand[] }
  | { k: 'dict'; v: Map<string, RefOperand> }
  | { k: 'bool'; v: boolean }
  | { k: 'null' };

const WS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

function regular(c: number): boolean {
  return WS[c] === 0 && DELIM[c] === 0;
}

class Stop extends Error {}

/**
 * Tokenize `data`, calling `onOp(operator, operands)` for each operator (operands in order). `onOp` returning false
 * stops the scan. Numbers that do not parse are 0, unknown keywords are operators (the caller ignores them).
 */
function refScanContent(data: Uint8Array, onOp: (op: string, operands: RefOperand[]) => boolean | void, limits: ScanLimits): { stopped?: string } {
  const n = data.length;
  let p = 0;
  let count = 0; // operands (nested elements included) since the last operator

  const skipWs = (): void => {
    for (;;) {
      while (p < n && WS[data[p]!] === 1) p++;
      if (p < n && data[p] === 0x25) {
        while (p < n && data[p] !== 0x0a && data[p] !== 0x0d) p++;
        continue;
      }
      return;
    }
  };

  const word = (): string => {
    const s = p;
    while (p < n && regular(data[p]!)) p++;
    return Buffer.from(data.buffer, data.byteOffset + s, p - s).toString('latin1');
  };

  const name = (): string => {
    p++; // '/'
    const s = p;
    while (p < n && regular(data[p]!)) p++;
    let out = '';
    for (let i = s; i < p; i++) {
      const c = data[i]!;
      if (c === 0x23 && i + 2 < p && HEX[data[i + 1]!]! >= 0 && HEX[data[i + 2]!]! >= 0) {
        out += String.fromCharCode(HEX[data[i + 1]!]! * 16 + HEX[data[i + 2]!]!);
        i += 2;
      } else out += String.fromCharCode(c);
    }
    return out;
  };

  const hexString = (): Uint8Array => {
    p++; // '<'
    const out: number[] = [];
    let hi = -1;
    while (p < n && data[p] !== 0x3e) {
      const h = HEX[data[p++]!]!;
      if (h < 0) continue;
      if (hi < 0) hi = h;
      else {
        out.push(hi * 16 + h);
        hi = -1;
      }
    }
    if (hi >= 0) out.push(hi * 16);
    p++; // '>'
    return Uint8Array.from(out);
  };

  const literalString = (): Uint8Array => {
    p++; // '('
    const out: number[] = [];
    let depth = 1;
    while (p < n) {
      const c = data[p++]!;
      if (c === 0x5c) {
        if (p >= n) break;
        const e = data[p++]!;
        if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && p < n && data[p]! >= 0x30 && data[p]! <= 0x37; k++) v = v * 8 + (data[p++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (data[p] === 0x0a) p++; // line continuation
        } else if (e !== 0x0a) {
          const map: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
          out.push(map[e] ?? e);
        }
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      if (c === 0x0d) {
        if (data[p] === 0x0a) p++;
        out.push(0x0a);
        continue;
      }
      out.push(c);
    }
    return Uint8Array.from(out);
  };

  const number = (w: string): RefOperand => {
    const v = Number(w);
    return { k: 'num', v: Number.isFinite(v) ? v : 0 };
  };

  const bump = (): void => {
    if (++count > limits.maxOperands) throw new Stop('operand limit');
  };

  // One operand (or undefined when an operator word was read instead: returned through `opWord`).
  let opWord: string | undefined;
  const value = (depth: number): RefOperand | undefined => {
    skipWs();
    // Stray delimiters (a lone ']', '>', ')', braces) are skipped.
    while (p < n && (data[p] === 0x5d || data[p] === 0x29 || data[p] === 0x7b || data[p] === 0x7d || data[p] === 0x3e)) {
      p++;
      skipWs();
    }
    if (p >= n) return undefined;
    const c = data[p]!;
    if (c === 0x2f) return { k: 'name', v: name() };
    if (c === 0x28) return { k: 'str', v: literalString() };
    if (c === 0x3c) {
      if (data[p + 1] === 0x3c) {
        if (depth >= limits.maxDepth) throw new Stop('nesting limit');
        p += 2;
        const m = new Map<string, RefOperand>();
        for (;;) {
          skipWs();
          if (p >= n) break;
          if (data[p] === 0x3e && data[p + 1] === 0x3e) {
            p += 2;
            break;
          }
          const k = value(depth + 1);
          if (k === undefined) {
            if (opWord === undefined) break;
            opWord = undefined; // stray keyword inside a dictionary: ignored
            continue;
          }
          bump();
          skipWs();
          if (data[p] === 0x3e && data[p + 1] === 0x3e) {
            p += 2;
            break; // a key without a value ends the dictionary
          }
          const v = value(depth + 1);
          if (v === undefined) {
            opWord = undefined;
            continue;
          }
          bump();
          if (k.k === 'name') m.set(k.v, v);
        }
        return { k: 'dict', v: m };
      }
      return { k: 'str', v: hexString() };
    }
    if (c === 0x5b) {
      if (depth >= limits.maxDepth) throw new Stop('nesting limit');
      p++;
      const arr: RefOperand[] = [];
      for (;;) {
        skipWs();
        if (p >= n) break;
        if (data[p] === 0x5d) {
          p++;
          break;
        }
        const v = value(depth + 1);
        if (v === undefined) {
          if (opWord === undefined) break;
          opWord = undefined; // keyword inside an array: ignored
          continue;
        }
        bump();
        arr.push(v);
      }
      return { k: 'arr', v: arr };
    }
    const w = word();
    if (w.length === 0) {
      p++; // cannot happen after the skips above; advance anyway so the scan always ends
      return undefined;
    }
    const f = w.charCodeAt(0);
    if ((f >= 0x30 && f <= 0x39) || f === 0x2b || f === 0x2d || f === 0x2e) return number(w);
    if (w === 'true' || w === 'false') return { k: 'bool', v: w === 'true' };
    if (w === 'null') return { k: 'null' };
    opWord = w;
    return undefined;
  };

  // BI <key value>* ID <one white-space byte> data EI: find EI between white space (or the end).
  const skipInlineImage = (): void => {
    for (;;) {
      const v = value(0);
      if (v === undefined) {
        if (opWord === undefined) return;
        const w = opWord;
        opWord = undefined;
        if (w === 'ID') break;
      }
    }
    p++; // the single white-space byte after ID
    while (p < n) {
      if (data[p] === 0x45 && data[p + 1] === 0x49 && (p === 0 || WS[data[p - 1]!] === 1) && (p + 2 >= n || WS[data[p + 2]!] === 1)) {
        p += 2;
        return;
      }
      p++;
    }
  };

  try {
    let operands: RefOperand[] = [];
    while (p < n) {
      const v = value(0);
      if (v !== undefined) {
        bump();
        operands.push(v);
        continue;
      }
      if (opWord === undefined) break; // end of data
      const op = opWord;
      opWord = undefined;
      if (--limits.budget.operators < 0) return { stopped: 'operator limit' };
      if (op === 'BI') {
        skipInlineImage();
        operands = [];
        count = 0;
        continue;
      }
      if (onOp(op, operands) === false) return { stopped: 'stopped by caller' };
      operands = [];
      count = 0;
    }
    return {};
  } catch (e) {
    if (e instanceof Stop) return { stopped: e.message };
    if (e instanceof RangeError) return { stopped: 'nesting limit' };
    throw e;
  }
}

// ---- comparison -------------------------------------------------------------------------------------------------

/** An operand as plain data: kinds, values, string bytes as hex, dictionary entries in order, -0 kept apart. */
type Plain = string | number | boolean | null | Plain[];
function plainRef(o: RefOperand): Plain {
  switch (o.k) {
    case 'num': return ['num', Object.is(o.v, -0) ? '-0' : o.v];
    case 'name': return ['name', o.v];
    case 'str': return ['str', Buffer.from(o.v).toString('hex')];
    case 'arr': return ['arr', o.v.map(plainRef)];
    case 'dict': return ['dict', [...o.v].map(([k, v]) => [k, plainRef(v)])];
    case 'bool': return ['bool', o.v];
    case 'null': return ['null'];
  }
}
function plainNew(o: Operand): Plain {
  switch (o.t) {
    case 'num': return ['num', Object.is(o.v, -0) ? '-0' : o.v];
    case 'name': return ['name', o.v];
    case 'str': return ['str', Buffer.from(o.v).toString('hex')];
    case 'array': return ['arr', o.v.map(plainNew)];
    case 'dict': return ['dict', [...o.v].map(([k, v]) => [k, plainNew(v)])];
    case 'bool': return ['bool', o.v];
    case 'null': return ['null'];
    default: return ['unexpected', o.t];
  }
}

interface Lim {
  operators: number;
  maxOperands: number;
  maxDepth: number;
  /** The callback returns false at this operator (counted from 0). */
  stopAt?: number;
}
const PAGE_LIM: Lim = { operators: 200_000, maxOperands: 10_000, maxDepth: 16 };
const CMAP_LIM: Lim = { operators: 100_000, maxOperands: 70_000 * 3 + 16, maxDepth: 8 };

type Run = { ops: Plain[]; stopped?: string; budgetLeft: number };
function runBoth(data: Uint8Array, lim: Lim, scans = 1): { ref: Run; now: Run } {
  const go = <O,>(scan: (d: Uint8Array, cb: (op: string, a: O[]) => boolean, l: ScanLimits) => { stopped?: string }, plain: (o: O) => Plain): Run => {
    const budget = { operators: lim.operators };
    const ops: Plain[] = [];
    let stopped: string | undefined;
    // `scans` > 1: the same budget object over several scans of the data (as page 1 runs its forms).
    for (let s = 0; s < scans; s++) {
      let n = 0;
      const r = scan(data, (op, args) => {
        ops.push([op, args.map(plain)]);
        return lim.stopAt === undefined || n++ !== lim.stopAt;
      }, { budget, maxOperands: lim.maxOperands, maxDepth: lim.maxDepth });
      stopped = r.stopped ?? stopped;
      ops.push(['end', r.stopped ?? '']);
    }
    return { ops, ...(stopped ? { stopped } : {}), budgetLeft: budget.operators };
  };
  return { ref: go(refScanContent, plainRef), now: go(scanContent, plainNew) };
}
function same(data: Uint8Array, lim: Lim, scans = 1): Run {
  const { ref, now } = runBoth(data, lim, scans);
  expect(now).toEqual(ref);
  return ref;
}

const L = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const cat = (...parts: (string | Uint8Array)[]): Uint8Array => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? L(p) : p))));

// ---- generators -------------------------------------------------------------------------------------------------

const ws = fc.constantFrom(' ', ' ', '\n', '\r', '\r\n', '\t', '\f', '\0', '', '% note\n');
/** Mostly true: an unterminated string, array or dictionary swallows the rest of the data. */
const closed = fc.integer({ min: 0, max: 15 }).map((n) => n > 0);
const ascii = (chars: string, max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));
const byteText = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b).toString('latin1'));
const numberTok = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true }).map(String),
  fc.constantFrom('1e5', '0x1F', '0b11', '0o7', '1.2.3', '+', '-', '.', '--1', '1-2', '-.5', '+.5', '5.', '00012', '-0', '-0.0', '1e400', '-1e400', '1_0', '9\xa0', '1\x0b', 'Infinity', '-Infinity', 'NaN'),
  fc.tuple(fc.constantFrom('', '+', '-'), fc.integer({ min: 1, max: 600 }), fc.boolean()).map(([s, n, dot]) => `${s}${'9'.repeat(n)}${dot ? '.5' : ''}`),
  fc.tuple(fc.constantFrom('', '+', '-', '.'), ascii('0123456789.eE+-xabc', 12)).map(([a, b]) => `${a}${b}`),
);
const nameTok = ascii('abcXYZ019#_-.*\xa0\x80\xff', 10).map((s) => `/${s}`);
const literalTok = fc.tuple(
  fc.array(fc.oneof(ascii('ab ()\\\r\n\t', 1), fc.constantFrom('\\n', '\\r', '\\t', '\\b', '\\f', '\\(', '\\)', '\\\\', '\\\r\n', '\\\n', '\\\r', '\\1', '\\12', '\\123', '\\777', '\\8', '\\'), byteText(3)), { maxLength: 12 }),
  closed,
).map(([body, close]) => `(${body.join('')}${close ? ')' : ''}`);
const hexTok = fc.tuple(ascii('0123456789abcdefABCDEF \n\tgz)(', 24), closed).map(([b, close]) => `<${b}${close ? '>' : ''}`);
const opTok = fc.oneof(
  fc.constantFrom('q', 'Q', 'BT', 'ET', 'Tf', 'Tj', 'TJ', "'", '"', 'BDC', 'BMC', 'EMC', 'Do', 'cm', 're', 'f', 'R', 'obj', 'endobj', 'true', 'false', 'null', 'ID', 'EI', 'BI', 'def', 'usecmap', 'begincodespacerange', 'endcodespacerange', 'beginbfchar', 'endbfchar', 'beginbfrange', 'endbfrange'),
  ascii('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ*\'"', 6).filter((s) => s.length > 0),
);
const strayTok = fc.constantFrom(')', ']', '>', '}', '{', '>>', '{}');
const inlineImage = fc.tuple(
  fc.array(fc.constantFrom('/W 4', '/H 1', '/CS /G', '/BPC 8', '/F /AHx', '/D [1 0]', '/DP << /K -1 >>', '(s)', 'x'), { maxLength: 5 }),
  fc.array(fc.oneof(byteText(8), fc.constantFrom('EI', ' EI', 'EI ', 'xEIx', ' EIx', '\nEI\n', 'E', 'I')), { maxLength: 6 }),
  fc.constantFrom(' ', '\n', '\r', 'x', ''),
  fc.constantFrom('\nEI', ' EI ', 'EI', '', '\nEIQ'),
).map(([dict, data, sep, end]) => `BI ${dict.join(' ')} ID${sep}${data.join('')}${end}`);

const { tokens } = fc.letrec<{ tokens: string; value: string; array: string; dict: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, numberTok, nameTok, literalTok, hexTok, opTok, strayTok, tie('array'), tie('dict')),
  array: fc.tuple(fc.array(fc.tuple(tie('value'), ws), { maxLength: 6 }), closed).map(([v, close]) => `[${v.flat().join('')}${close ? ']' : ''}`),
  dict: fc.tuple(fc.array(fc.tuple(nameTok, ws, tie('value'), ws), { maxLength: 4 }), closed).map(([v, close]) => `<<${v.flat().join('')}${close ? '>>' : ''}`),
  tokens: fc
    .array(fc.tuple(fc.oneof({ arbitrary: tie('value'), weight: 30 }, { arbitrary: inlineImage, weight: 1 }, { arbitrary: byteText(6), weight: 1 }), ws), { maxLength: 60, size: 'medium' })
    .map((t) => t.flat().join('')),
}));

const limits: fc.Arbitrary<Lim> = fc.oneof(
  fc.constant(PAGE_LIM),
  fc.record({ operators: fc.integer({ min: 0, max: 60 }), maxOperands: fc.integer({ min: 0, max: 40 }), maxDepth: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ operators: fc.integer({ min: 0, max: 1000 }), maxOperands: fc.integer({ min: 0, max: 1000 }), maxDepth: fc.integer({ min: 0, max: 64 }), stopAt: fc.nat(30) }, { requiredKeys: ['operators', 'maxOperands', 'maxDepth'] }),
);

// ---- seeds: the streams of issued licence PDFs and of the corpus, inflated where they are Flate ---------------------

/** Every stream body of a PDF (inflated when it inflates), at most `max` bytes of each. */
function streamsOf(pdf: Uint8Array, max = 1 << 20): Uint8Array[] {
  const b = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  const out: Uint8Array[] = [];
  for (let p = b.indexOf('stream'); p >= 0; p = b.indexOf('stream', p + 6)) {
    if (b[p - 1] === 0x64) continue; // endstream
    let s = p + 6;
    if (b[s] === 0x0d) s++;
    if (b[s] !== 0x0a) continue;
    const e = b.indexOf('endstream', ++s);
    if (e < 0) break;
    let body: Buffer = b.subarray(s, e);
    try {
      body = inflateSync(body, { maxOutputLength: 16 << 20 });
    } catch {
      // not Flate (or damaged): the raw bytes are a seed too
    }
    if (body.length > 0) out.push(new Uint8Array(body.subarray(0, max)));
    p = e;
  }
  return out;
}

const seeds: Uint8Array[] = [];
const licenceSeeds: Uint8Array[] = [];

beforeAll(async () => {
  const pki = fixturePki('sm2');
  const maker = pki.party('seal-maker');
  const seal = testSeal(pki.signer, { key: maker.key, cert: maker.cert });
  for (const type of defaultLicenseTypes().list()) {
    const record = exampleRecord(type.code);
    const issued = await issueLicenseDocument({ record, format: 'pdf', key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], seal, time: new Date('2026-01-01T00:00:00Z') });
    licenceSeeds.push(...streamsOf(issued.bytes));
  }
  // The test PDFs' page: TJ arrays, the ' operator, marked content with /ActualText.
  const lines = pageLines(exampleRecord('business-licence'));
  licenceSeeds.push(...streamsOf(licencePdf({ lines, credential: null, xmpIdentifier: null, qr: 'HEYAN', operators: 'TJ', actualText: new Map([[1, 'x\u00a0y']]) })));
  const dir = join(repoRoot, '../shared/corpus/pdf');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.pdf')).sort()) seeds.push(...streamsOf(new Uint8Array(readFileSync(join(dir, f)))));
  seeds.push(...licenceSeeds);
}, 120_000);

const mutation = fc.oneof(
  fc.record({ k: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ k: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(tokens, inlineImage, strayTok, fc.constantFrom('[', '<<', '(', '<', 'BI', 'ID ', ' EI ', '\\', '%')) }),
  fc.record({ k: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ k: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ k: fc.constant('splice' as const), at: fc.nat(), other: fc.nat(), from: fc.nat(), len: fc.integer({ min: 1, max: 512 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(seed: Uint8Array, muts: Mutation[], pool: Uint8Array[]): Uint8Array {
  let b = Buffer.from(seed);
  for (const m of muts) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    if (m.k === 'flip') {
      if (b.length > 0) b[at % b.length] = m.byte;
    } else if (m.k === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.text, 'latin1'), b.subarray(at)]);
    else if (m.k === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
    else if (m.k === 'truncate') b = b.subarray(0, at);
    else {
      const o = pool[m.other % pool.length]!;
      const from = o.length === 0 ? 0 : m.from % o.length;
      b = Buffer.concat([b.subarray(0, at), o.subarray(from, from + m.len), b.subarray(at)]);
    }
  }
  return new Uint8Array(b);
}

// ---- properties -------------------------------------------------------------------------------------------------

describe('scanContent against the tokenizer it replaced', () => {
  it('the seeds are there: streams of three issued licence PDFs (content, CMaps, forms) and of the corpus', () => {
    expect(licenceSeeds.length).toBeGreaterThanOrEqual(9);
    expect(seeds.length).toBeGreaterThan(licenceSeeds.length + 20);
    // The licence streams hold what the licence layer reads: shown text and ToUnicode mappings.
    const text = licenceSeeds.map((s) => Buffer.from(s).toString('latin1')).join('\n');
    expect(text).toMatch(/\bTJ\b|\bTj\b/);
    expect(text).toMatch(/endbfchar|endbfrange/);
  });

  it('every seed as it is, with the page limits and with the CMap limits', () => {
    let ops = 0;
    for (const s of seeds) {
      ops += same(s, PAGE_LIM).ops.length;
      same(s, CMAP_LIM);
    }
    expect(ops).toBeGreaterThan(1000);
  });

  it('random token soups (nesting, strings, escapes, numbers, inline images, stray delimiters), random limits', () => {
    fc.assert(fc.property(tokens, limits, fc.integer({ min: 1, max: 2 }), (t, lim, scans) => void same(L(t), lim, scans)), { numRuns: 3000 });
  });

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), limits, (b, lim) => void same(b, lim)), { numRuns: 1000 });
  });

  it('mutated licence and corpus streams: flipped bytes, inserted tokens, deletions, truncation, splices', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), limits, (i, muts, lim) => {
        const pool = i % 2 === 0 ? licenceSeeds : seeds;
        same(mutate(pool[i % pool.length]!, muts, seeds), lim);
      }),
      { numRuns: 1500 },
    );
  });

  it('hostile input: deep nesting, unterminated strings/arrays/dicts, huge numbers, inline images with "EI" inside, budgets', () => {
    const deep = ['['.repeat(100_000), '<<'.repeat(100_000), '[<< /A '.repeat(20_000), '[('.repeat(50_000), `${'['.repeat(15)}${']'.repeat(15)} x`];
    for (const d of deep) for (const lim of [PAGE_LIM, CMAP_LIM, { ...PAGE_LIM, maxDepth: 0 }]) same(L(d), lim);
    const unterminated = ['(a(b(c\\', '(abc', '<4142', '<41 zz 4', '[1 2 (x', '<< /A 1 /B', '<< /A', '<< /A >', '/F1 12 Tf [(a) -5 (b', 'BI /W 1 ID'];
    for (const u of unterminated) same(L(`q ${u}`), PAGE_LIM);
    const huge = [`${'9'.repeat(100_000)} x`, '1e400 -1e400 x', `-${'9'.repeat(400)}.5 x`, `${'1'.repeat(16)} ${'1'.repeat(15)} x`, `.${'0'.repeat(400)}1 x`];
    for (const h of huge) same(L(h), PAGE_LIM);
    const bin = (s: string) => cat('q BI /W 4 /H 1 /BPC 8 /CS /G ID ', Uint8Array.from([0x45, 0x49, 0x00, 0xff]), s, ' Q (after) Tj');
    for (const tail of ['xEIx EI', 'EIEI EI', '\nEI', 'EI\x00EI EI', '', ' EI', 'EI']) same(bin(tail), PAGE_LIM);
    same(cat('BI ID\nEI'), PAGE_LIM);
    same(cat('BI ID'), PAGE_LIM);
    // Budgets: exhausted in one scan, and shared by two.
    for (const operators of [0, 1, 2, 3, 999, 1000, 1001]) {
      same(L('q Q '.repeat(500)), { ...PAGE_LIM, operators });
      same(L('a BI ID x EI b'), { ...PAGE_LIM, operators }, 2);
    }
    same(L(`${'1 '.repeat(10_001)}x`), PAGE_LIM);
    same(L(`[${'1 '.repeat(10_000)}] x`), PAGE_LIM);
    same(L(`<< ${'/A 1 '.repeat(5_000)}>> x`), PAGE_LIM);
  });
});
