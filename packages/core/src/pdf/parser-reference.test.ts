// The tokenizer, the document-value builder, the hex decoders and the signature-dictionary scan were rewritten for
// speed (a parser object instead of closures, document values built directly, native decoding of clean hex, one lex
// per signature dictionary). Their results must not change: each is compared here with the code it replaced (kept
// below, verbatim but for names) on random and hostile input — values, offsets, key order, the work meter, limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentsBytes } from './byte-range.js';
import { appendUpdate, buildPdf } from './changes/test-helpers.js';
import { openPdf, revisionMarkers } from './document/index.js';
import { decodeHexString, decodeLiteralString, parseValueAt } from './document/value.js';
import type { PdfObj } from './document/types.js';
import { decodeCleanHex } from './hex.js';
import { parseObjectAt, type LexLimits, type PdfDuplicate, type PdfEntry, type PdfValue } from './lexer.js';
import { findRevisions } from './revisions.js';
import { findSignatureDicts, type SignatureDict, type SignatureDictLimits } from './signature-dicts.js';

// ---- the replaced code ------------------------------------------------------------------------------------------

class Stop extends Error {}
const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelim = (c: number): boolean =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const isRegular = (c: number | undefined): c is number => c !== undefined && !isWs(c) && !isDelim(c);
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const HEX_OR_WS = new Uint8Array(256);
for (let c = 0; c < 256; c++) HEX_OR_WS[c] = isWs(c) || isHex(c) ? 1 : 0;

function refParseObjectAt(buf: Uint8Array, start: number, limits: LexLimits, meter?: { bytes: number }): PdfValue | undefined {
  const limit = Math.min(buf.length, start + limits.maxBytes);
  let pos = start;
  let values = 0;
  const skip = (): void => {
    while (pos < limit) {
      const c = buf[pos]!;
      if (isWs(c)) pos++;
      else if (c === 0x25) {
        while (pos < limit && buf[pos] !== 0x0a && buf[pos] !== 0x0d) pos++;
      } else break;
    }
  };
  const regularWord = (): string => {
    const s = pos;
    while (pos < limit && isRegular(buf[pos])) pos++;
    if (pos >= limit) throw new Stop();
    return refLatin1(buf, s, pos);
  };
  const value = (depth: number): PdfValue => {
    if (depth > limits.maxDepth || ++values > limits.maxValues) throw new Stop();
    skip();
    if (pos >= limit) throw new Stop();
    const s = pos;
    const c = buf[pos]!;
    if (c === 0x3c && buf[pos + 1] === 0x3c) {
      pos += 2;
      const entries = new Map<string, PdfEntry>();
      let duplicates: PdfDuplicate[] | undefined;
      for (;;) {
        skip();
        if (pos + 1 >= limit) throw new Stop();
        if (buf[pos] === 0x3e && buf[pos + 1] === 0x3e) {
          pos += 2;
          return duplicates ? { kind: 'dict', start: s, end: pos, entries, duplicates } : { kind: 'dict', start: s, end: pos, entries };
        }
        const keyStart = pos;
        const key = value(depth + 1);
        if (key.kind !== 'name') throw new Stop();
        const v = value(depth + 1);
        const earlier = entries.get(key.name);
        if (earlier) (duplicates ??= []).push({ key: key.name, ...earlier });
        entries.set(key.name, { keyStart, value: v });
      }
    }
    if (c === 0x3c) {
      pos++;
      while (pos < limit && buf[pos] !== 0x3e && HEX_OR_WS[buf[pos]!] !== 0) pos++;
      if (pos >= limit || buf[pos] !== 0x3e) throw new Stop();
      pos++;
      return { kind: 'hex', start: s, end: pos };
    }
    if (c === 0x28) {
      pos++;
      let nest = 1;
      while (pos < limit && nest > 0) {
        const h = buf[pos]!;
        if (h === 0x5c) pos += 2;
        else {
          if (h === 0x28) nest++;
          else if (h === 0x29) nest--;
          pos++;
        }
      }
      if (nest > 0 || pos > limit) throw new Stop();
      return { kind: 'string', start: s, end: pos };
    }
    if (c === 0x5b) {
      pos++;
      const items: PdfValue[] = [];
      for (;;) {
        skip();
        if (pos >= limit) throw new Stop();
        if (buf[pos] === 0x5d) {
          pos++;
          return { kind: 'array', start: s, end: pos, items };
        }
        items.push(value(depth + 1));
      }
    }
    if (c === 0x2f) {
      pos++;
      const raw = pos < limit && isRegular(buf[pos]) ? regularWord() : '';
      return { kind: 'name', start: s, end: pos, name: raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw };
    }
    if (!isRegular(c)) throw new Stop();
    const word = regularWord();
    const numKind = refNumberKind(word);
    if (numKind !== 0) {
      const n = Number(word);
      const integer = numKind === 1 && Number.isSafeInteger(n);
      const num: PdfValue = { kind: 'number', start: s, end: pos, value: n, integer };
      if (integer && n >= 0) {
        const save = pos;
        skip();
        if (pos < limit && isRegular(buf[pos])) {
          const gs = pos;
          while (pos < limit && isRegular(buf[pos])) pos++;
          if (pos >= limit) throw new Stop();
          let digits = true;
          for (let i = gs; i < pos; i++) if (buf[i]! < 0x30 || buf[i]! > 0x39) digits = false;
          if (digits) {
            const gen = Number(refLatin1(buf, gs, pos));
            skip();
            if (pos < limit && buf[pos] === 0x52 && !isRegular(buf[pos + 1])) {
              pos++;
              return { kind: 'ref', start: s, end: pos, num: n, gen };
            }
          }
        }
        pos = save;
      }
      return num;
    }
    return { kind: 'keyword', start: s, end: pos, word };
  };
  try {
    return value(0);
  } catch (e) {
    if (e instanceof Stop || e instanceof RangeError) return undefined;
    throw e;
  } finally {
    if (meter) meter.bytes += Math.max(0, pos - start);
  }
}

function refLatin1(buf: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(buf[i]!);
  return out;
}

function refNumberKind(w: string): 0 | 1 | 2 {
  let i = 0;
  const c0 = w.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) i = 1;
  let digits = 0;
  let dot = false;
  for (; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && !dot) dot = true;
    else return 0;
  }
  if (digits === 0) return 0;
  return dot ? 2 : 1;
}

function refToPdfObj(buf: Uint8Array, v: PdfValue, withOffsets: boolean): PdfObj {
  switch (v.kind) {
    case 'dict': {
      const m = new Map<string, PdfObj>();
      for (const [k, e] of v.entries) m.set(k, refToPdfObj(buf, e.value, withOffsets));
      return withOffsets ? { t: 'dict', v: m, start: v.start, end: v.end } : { t: 'dict', v: m };
    }
    case 'array':
      return { t: 'array', v: v.items.map((i) => refToPdfObj(buf, i, withOffsets)) };
    case 'name':
      return { t: 'name', v: v.name };
    case 'number':
      return { t: 'num', v: v.value, int: v.integer };
    case 'hex': {
      const s = refDecodeHex(buf, v.start + 1, v.end - 1);
      return withOffsets ? { t: 'str', v: s, hex: true, start: v.start, end: v.end } : { t: 'str', v: s, hex: true };
    }
    case 'string': {
      const s = decodeLiteralString(buf, v.start + 1, v.end - 1);
      return withOffsets ? { t: 'str', v: s, hex: false, start: v.start, end: v.end } : { t: 'str', v: s, hex: false };
    }
    case 'ref':
      return { t: 'ref', num: v.num, gen: v.gen };
    case 'keyword':
      return v.word === 'true' ? { t: 'bool', v: true } : v.word === 'false' ? { t: 'bool', v: false } : { t: 'null' };
  }
}

const hexVal = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;

function refDecodeHex(buf: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, (end - start + 1) >> 1));
  let n = 0;
  let hi = -1;
  for (let i = start; i < end; i++) {
    const h = hexVal(buf[i]!);
    if (h < 0) continue;
    if (hi < 0) hi = h;
    else {
      out[n++] = (hi << 4) | h;
      hi = -1;
    }
  }
  if (hi >= 0) out[n++] = hi << 4;
  return out.subarray(0, n);
}

function refContentsBytes(pdf: Uint8Array, sig: SignatureDict): Uint8Array | undefined {
  const ct = sig.contents;
  if (!ct || ct.start < 0 || ct.end > pdf.length || ct.end - ct.start < 2) return undefined;
  if (pdf[ct.start] !== 0x3c || pdf[ct.end - 1] !== 0x3e) return undefined;
  const out = new Uint8Array((ct.end - ct.start - 2 + 1) >> 1);
  let n = 0;
  let hi = -1;
  for (let i = ct.start + 1; i < ct.end - 1; i++) {
    const ch = pdf[i]!;
    if (isWs(ch)) continue;
    if (!isHex(ch)) return undefined;
    const v = ch <= 0x39 ? ch - 0x30 : (ch | 0x20) - 0x57;
    if (hi < 0) hi = v;
    else {
      out[n++] = (hi << 4) | v;
      hi = -1;
    }
  }
  if (hi >= 0) out[n++] = hi << 4;
  return n === 0 ? undefined : out.subarray(0, n);
}

const KEYS = ['/ByteRange', '/Sig', '/DocTimeStamp'].map((k) => Buffer.from(k, 'latin1'));
type RefDict = Extract<PdfValue, { kind: 'dict' }>;

/** The scan as it was: every key hit lexes its candidate dictionaries afresh. */
function refFindSignatureDicts(pdf: Uint8Array, lim: SignatureDictLimits): { signatures: SignatureDict[]; truncated: boolean } {
  const found = new Map<number, SignatureDict>();
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let hits = 0;
  let truncated = false;
  const lex = { maxBytes: lim.maxDictBytes, maxDepth: 32, maxValues: 100_000 };
  const meter = { bytes: 0 };
  outer: for (const key of KEYS) {
    let from = 0;
    for (;;) {
      const p = buf.indexOf(key, from);
      if (p < 0) break;
      from = p + key.length;
      const next = buf[p + key.length];
      if (next !== undefined && !isWs(next) && !isDelim(next)) continue;
      if (++hits > lim.maxHits || meter.bytes > lim.maxWorkBytes) {
        truncated = true;
        break outer;
      }
      let dict: RefDict | undefined;
      let q = p;
      for (let tries = 0; tries < lim.maxCandidates && !dict; tries++) {
        q = q <= 0 ? -1 : buf.lastIndexOf('<<', q - 1, 'latin1');
        if (q < 0 || p - q > lim.maxDictBytes || meter.bytes > lim.maxWorkBytes) break;
        const v = refParseObjectAt(buf, q, lex, meter);
        if (!v || v.kind !== 'dict' || v.end <= p) continue;
        for (const e of [...v.entries.values(), ...(v.duplicates ?? [])]) if (e.keyStart === p || e.value.start === p) dict = v;
      }
      if (!dict || found.has(dict.start)) continue;
      const sig = refToSignatureDict(dict);
      if (!sig) continue;
      if (found.size >= lim.maxSignatures) {
        truncated = true;
        break outer;
      }
      found.set(dict.start, sig);
    }
  }
  return { signatures: [...found.values()].sort((a, b) => a.start - b.start), truncated };
}

function refToSignatureDict(d: RefDict): SignatureDict | undefined {
  const name = (k: string): string | undefined => {
    const v = d.entries.get(k)?.value;
    return v?.kind === 'name' ? v.name : undefined;
  };
  const type = name('Type');
  const filter = name('Filter');
  const c = d.entries.get('Contents')?.value;
  const br = d.entries.get('ByteRange')?.value;
  if (!(type === 'Sig' || type === 'DocTimeStamp' || (c !== undefined && br !== undefined && filter !== undefined))) return undefined;
  const out: SignatureDict = { start: d.start, end: d.end };
  if (type !== undefined) out.type = type;
  if (filter !== undefined) out.filter = filter;
  const sf = name('SubFilter');
  if (sf !== undefined) out.subFilter = sf;
  if (c?.kind === 'hex') out.contents = { start: c.start, end: c.end };
  else if (c) out.contentsKind = c.kind;
  if (br?.kind === 'array') out.byteRange = { start: br.start, end: br.end, values: br.items.map((i) => (i.kind === 'number' && i.integer ? i.value : null)) };
  else if (br) out.byteRangeKind = br.kind;
  const dups = refDuplicateKeyPaths(d);
  if (dups.length) out.duplicateKeys = dups;
  return out;
}

function refDuplicateKeyPaths(v: PdfValue, path = '', out: string[] = []): string[] {
  if (out.length >= 64) return out;
  if (v.kind === 'dict') {
    for (const key of new Set((v.duplicates ?? []).map((d) => d.key))) if (out.length < 64) out.push(`${path}/${key}`);
    for (const [k, e] of v.entries) refDuplicateKeyPaths(e.value, `${path}/${k} `, out);
  } else if (v.kind === 'array') v.items.forEach((x, i) => refDuplicateKeyPaths(x, `${path.trimEnd()}[${i}] `, out));
  return out;
}

// ---- comparison -------------------------------------------------------------------------------------------------

/** Everything observable, in order: Map entry order, property order, -0, byte contents and the array type. */
function show(x: unknown): string {
  if (x === undefined) return 'U';
  if (x instanceof Map) return `{${[...x].map(([k, v]) => `${JSON.stringify(k)}:${show(v)}`).join(',')}}`;
  if (x instanceof Uint8Array) return `${x.constructor.name}<${Buffer.from(x).toString('hex')}>`;
  if (Array.isArray(x)) return `[${x.map(show).join(',')}]`;
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (x && typeof x === 'object') return `(${Object.entries(x).map(([k, v]) => `${k}=${show(v)}`).join(';')})`;
  return JSON.stringify(x);
}

const TOKENS = [
  '<<', '>>', '[', ']', '/', '/Name', '/Type', '/Sig', '/ByteRange', '/Contents', '/A#20B', '/#4', '/a#zz', '(', ')', '(a(b)c)', '(x\\)y)',
  '\\', '<', '>', '<0a 1B>', '<abc>', '<>', '<0g>', ' ', '\n', '\r\n', '\t', '\0', '\f', '%c\n', '%', '12', '0', '-0', '+5', '-.5', '5.', '1.2.3',
  '.', '+', '-', '3 0 R', '3 0 R ', '0 0R', '3 00 R', '12 65535 R', '7 -1 R', '1 2', 'R', 'Rx', 'true', 'false', 'null', 'obj', '{', '}',
  '123456789012345678', '9007199254740993', '1e5', '[0 1 2 3]', '<</K 1/K 2>>', '<</K[<</P 1/P 2>>]>>',
];
const soup = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.uint8Array({ minLength: 1, maxLength: 3 }).map((b) => Buffer.from(b).toString('latin1'))), { maxLength: 40 }),
    fc.constantFrom('', ' '),
  )
  .map(([parts, sep]) => Buffer.from(parts.join(sep), 'latin1'));
const limitsFor = (n: number): fc.Arbitrary<LexLimits> =>
  fc.record({ maxBytes: fc.integer({ min: 1, max: n + 8 }), maxDepth: fc.integer({ min: 0, max: 6 }), maxValues: fc.integer({ min: 1, max: 60 }) });
const LOOSE: LexLimits = { maxBytes: 1 << 20, maxDepth: 100, maxValues: 100_000 };

function compareAt(buf: Uint8Array, at: number, lim: LexLimits): void {
  const m1 = { bytes: 0 };
  const m2 = { bytes: 0 };
  expect(show(parseObjectAt(buf, at, lim, m1))).toBe(show(refParseObjectAt(buf, at, lim, m2)));
  expect(m1.bytes).toBe(m2.bytes);
  for (const withOffsets of [true, false]) {
    const m3 = { bytes: 0 };
    const m4 = { bytes: 0 };
    const old = refParseObjectAt(buf, at, lim, m4);
    const want = old ? { obj: refToPdfObj(buf, old, withOffsets), end: old.end } : undefined;
    expect(show(parseValueAt(buf, at, lim, m3, withOffsets))).toBe(show(want));
    expect(m3.bytes).toBe(m4.bytes);
  }
}

describe('the tokenizer and the document values match the code they replaced', () => {
  it('on token soup, at every offset, under tight and loose limits (property)', () => {
    fc.assert(
      fc.property(soup.chain((b) => fc.tuple(fc.constant(b), limitsFor(b.length))), ([buf, lim]) => {
        for (let at = 0; at < buf.length; at++) {
          compareAt(buf, at, lim);
          compareAt(buf, at, LOOSE);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (buf) => {
        for (let at = 0; at < buf.length; at++) compareAt(buf, at, LOOSE);
      }),
      { numRuns: 300 },
    );
  });

  it('in Buffers, subarrays and after the end', () => {
    const text = '%PDF\n1 0 obj <</Type/Page/Kids[2 0 R 3 0 R]/V (a\\)b)/H <4142 43>/N -0/R 1.50/B true/F false/Z null>> endobj';
    const bytes = Buffer.from(`xx${text}`, 'latin1');
    for (const buf of [bytes, new Uint8Array(bytes), new Uint8Array(bytes).subarray(2), bytes.subarray(2)]) {
      for (let at = 0; at <= buf.length + 1; at++) compareAt(buf, at, LOOSE);
    }
  });

  it('long hex strings: every chunk boundary, a bad character anywhere, the limit inside the body', () => {
    for (const len of [0, 1, 63, 64, 65, 4095, 4096, 4097, 4160, 4161, 8192 + 64, 8192 + 65]) {
      const body = 'aF09'.repeat(len).slice(0, len);
      const ok = Buffer.from(`<${body}>`, 'latin1');
      compareAt(ok, 0, LOOSE);
      for (const cut of [1, len, len + 1, len + 2]) compareAt(ok, 0, { ...LOOSE, maxBytes: cut });
      for (const at of new Set([0, 1, 62, 63, 64, 65, len >> 1, len - 1].filter((i) => i >= 0 && i < len))) {
        for (const bad of ['g', ' ', '\n', '\0', '\u00ff', '<', '>']) {
          compareAt(Buffer.from(`<${body.slice(0, at)}${bad}${body.slice(at + 1)}>`, 'latin1'), 0, LOOSE);
        }
      }
    }
  });

  it('nesting past the depth limit fails the same way; past the stack, it still fails', () => {
    const deep = Buffer.from('['.repeat(200_000) + ']'.repeat(200_000), 'latin1');
    compareAt(deep, 0, LOOSE);
    // Where the stack runs out depends on frame sizes (so does the meter); that it is refused does not.
    const huge = { maxBytes: 1 << 20, maxDepth: 1_000_000, maxValues: 1_000_000 };
    expect(parseObjectAt(deep, 0, huge)).toBe(undefined);
    expect(parseValueAt(deep, 0, huge)).toBe(undefined);
    expect(refParseObjectAt(deep, 0, huge)).toBe(undefined);
  });
});

describe('hex decoding matches the decoders it replaced', () => {
  const hexish = fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'.split(''), ' ', '\n', '\r', '\t', '\f', '\0', 'g', 'Z', '>', '<', '\u00e9'), { maxLength: 300 });
  const clean = fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'.split('')), { minLength: 60, maxLength: 300 });

  it('decodeHexString: whitespace, odd length, stray characters, clean runs long enough for Node (property)', () => {
    fc.assert(
      fc.property(fc.oneof(hexish, clean), fc.nat(5), (chars, pad) => {
        const buf = Buffer.from(`${'x'.repeat(pad)}${chars.join('')}${'y'.repeat(pad)}`, 'latin1');
        for (const [a, b] of [[pad, pad + chars.length], [0, buf.length], [pad + 1, pad + chars.length - 1]] as const) {
          if (a > b) continue;
          const got = decodeHexString(buf, a, b);
          expect(got.constructor).toBe(Uint8Array);
          expect(Buffer.from(got).toString('hex')).toBe(Buffer.from(refDecodeHex(buf, a, b)).toString('hex'));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('contentsBytes: the same bytes, or refusal, for any /Contents span (property)', () => {
    fc.assert(
      fc.property(fc.oneof(hexish, clean), fc.nat(3), fc.integer({ min: -2, max: 2 }), (chars, pad, shift) => {
        const buf = Buffer.from(`${' '.repeat(pad)}<${chars.join('')}>`, 'latin1');
        const sig: SignatureDict = { start: pad, end: buf.length, contents: { start: pad + Math.min(0, shift), end: buf.length + Math.max(0, shift) } };
        const got = contentsBytes(buf, sig);
        const want = refContentsBytes(buf, sig);
        expect(got && Buffer.from(got).toString('hex')).toBe(want && Buffer.from(want).toString('hex'));
        if (got) expect(got.constructor).toBe(Uint8Array);
      }),
      { numRuns: 1000 },
    );
  });

  it('decodeCleanHex takes only clean text of 64 digits or more, inside the buffer', () => {
    const d = (s: string, a = 0, b = s.length): string | undefined => {
      const r = decodeCleanHex(Buffer.from(s, 'latin1'), a, b);
      return r && Buffer.from(r).toString('hex');
    };
    const h64 = '0123456789abcdef'.repeat(4);
    expect(d(h64)).toBe(h64);
    expect(d(`${h64}F`)).toBe(`${h64}f0`);
    expect(d(h64.slice(1))).toBe(undefined);
    expect(d(`${h64} 00`)).toBe(undefined);
    expect(d(`${h64}0g`)).toBe(undefined);
    expect(d(`${h64}g`)).toBe(undefined);
    expect(d(`g${h64}`)).toBe(undefined);
    expect(d(h64, -1, 64)).toBe(undefined);
    expect(d(h64, 0, 65)).toBe(undefined);
  });
});

describe('the signature-dictionary scan matches the scan it replaced', () => {
  const part = fc.oneof(
    fc.constantFrom(
      '<</Type/Sig/Filter/F/ByteRange[0 5 9 3]/Contents<0a0b>>>',
      '<</Type /Sig /Prop_Build <</App <</Name /x>> >> /ByteRange [0 1 2 3] /Contents <00ff> /ByteRange [0 1 2 4]>>',
      '<</FT/Sig/T(a)/V 3 0 R>>',
      '<</Type/DocTimeStamp/Contents<' + '0'.repeat(200) + '>>>',
      '<</ByteRange[1 2]/Filter/X/Contents(s)>>',
      '/SigFlags 3',
      '<</A<</Sig 1>>/Sig 2>>',
      '<</Reference[<</TransformParams<</P 1/P 2>>>>]/Type/Sig>>',
    ),
    fc.constantFrom(...TOKENS),
  );
  const file = fc.array(part, { maxLength: 25 }).map((p) => Buffer.from(p.join(' '), 'latin1'));
  const limits = fc.record({
    maxSignatures: fc.integer({ min: 0, max: 4 }),
    maxHits: fc.integer({ min: 0, max: 12 }),
    maxDictBytes: fc.integer({ min: 1, max: 400 }),
    maxCandidates: fc.integer({ min: 0, max: 6 }),
    maxWorkBytes: fc.integer({ min: 0, max: 2000 }),
  });

  it('the same dictionaries, offsets, repeated keys and truncation, with and without tight limits (property)', () => {
    fc.assert(
      fc.property(file, limits, (buf, lim) => {
        expect(show(findSignatureDicts(buf, lim))).toBe(show(refFindSignatureDicts(buf, lim)));
        const dflt = { maxSignatures: 256, maxHits: 10_000, maxDictBytes: 4 * 1024 * 1024, maxCandidates: 64, maxWorkBytes: 512 * 1024 * 1024 };
        expect(show(findSignatureDicts(buf))).toBe(show(refFindSignatureDicts(buf, dflt)));
      }),
      { numRuns: 500 },
    );
  });

  it('a dictionary met by several keys is lexed once but metered each time: the work limit falls where it did', () => {
    const sig = '<</Type/Sig/Filter/F/ByteRange[0 5 9 3]/Contents<' + '0'.repeat(1000) + '>>>';
    const buf = Buffer.from(`${sig} ${sig}`, 'latin1');
    for (let max = 0; max < 4 * sig.length; max += 37) {
      const lim = { maxSignatures: 256, maxHits: 10_000, maxDictBytes: 4096, maxCandidates: 64, maxWorkBytes: max };
      expect(show(findSignatureDicts(buf, lim))).toBe(show(refFindSignatureDicts(buf, lim)));
    }
  });
});

describe('the verifier reuses the document model\'s revision scan', () => {
  it('revisionMarkers is findRevisions of the bytes opened, and only under limits findRevisions would not cut', () => {
    const obj = (n: number, body: string): string => `${n} 0 obj\n${body}\nendobj\n`;
    let pdf = `%PDF-1.7\n${obj(1, '<</Type/Catalog/Pages 2 0 R>>')}${obj(2, '<</Type/Pages/Kids[]/Count 0>>')}`;
    const xref = pdf.length;
    pdf += `xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n${String(pdf.indexOf('2 0 obj')).padStart(10, '0')} 00000 n \ntrailer\n<</Size 3/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
    pdf += `% junk\nstartxref\n${xref}\n%%EOF`;
    const bytes = Buffer.from(pdf, 'latin1');
    const doc = openPdf(bytes);
    expect(revisionMarkers(doc)).toEqual(findRevisions(bytes).revisions);
    expect(revisionMarkers(doc)).toHaveLength(2);
    expect(revisionMarkers(openPdf(bytes, { maxRevisions: 2000 }))).toBe(undefined);
  });
});

describe('object lookups remembered per revision', () => {
  it('each revision asked for gets its own definition, in any order of asking, free and unreadable ones included', () => {
    const v0 = buildPdf({ 1: '<< /Type /Catalog /Pages 2 0 R >>', 2: '<< /Type /Pages /Kids [] /Count 0 >>', 3: '(first)', 4: '(four)' }, { root: 1 });
    const v1 = appendUpdate(v0, { 3: '(second)', 4: null, 5: '<< /Broken [ >>' }, { root: 1 });
    const v2 = appendUpdate(v1, { 3: '(third)' }, { root: 1 });
    const text = (o: PdfObj | undefined): string | undefined => (o?.t === 'str' ? Buffer.from(o.v).toString('latin1') : o?.t);
    const doc = openPdf(v2);
    const asked: [number, number | undefined, string | undefined][] = [
      [3, 0, 'first'], [3, 2, 'third'], [3, undefined, 'third'], [3, 1, 'second'], [3, 0, 'first'], [3, 1, 'second'],
      [4, 0, 'four'], [4, 1, undefined], [4, 2, undefined], [4, 0, 'four'], [5, 0, undefined], [5, 2, undefined], [5, 1, undefined],
      [3, -1, undefined], [3, 7, undefined], [3, 1.5, undefined], [3, 2, 'third'],
    ];
    for (const [num, rev, want] of asked) expect([num, rev, text(doc.getObject(num, rev))]).toEqual([num, rev, want]);
    expect(doc.unreadable(5)).toBe(true);
    expect(text(doc.resolve({ t: 'ref', num: 3, gen: 0 }, 1))).toBe('second');
    expect(doc.resolve({ t: 'ref', num: 3, gen: 1 }, 1)).toBe(undefined);
  });
});
