// Property test: mutated seals and seal signatures (real vendor files of all three versions, and our v5 samples with
// timestamps) never make verify() throw, always give a well-formed Report, and every failure in it is a named one
// (no `verify.internal`, no engine error text). Mutations aim at the structure as well as anywhere: most of a seal is
// its picture, where a flip only breaks the maker signature. 2 400 cases in total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { internalErrors, reportProblems } from '../../../../test/helpers/report-shape.js';
import { AT, corpus, fixture, ofdMember, sm2Pki } from '../../../../test/helpers/seal-fixtures.js';
import { Asn1Reader, type El } from '../asn1/index.js';
import { HeyanError } from '../errors.js';
import { verify } from '../verify.js';
import { decodeSeal, decodeSesSignature } from './index.js';

const SEEDS: Record<string, () => Uint8Array> = {
  'UserV1.esl (v1)': () => corpus('seals/ofdrw-UserV1.esl'),
  'UserV4.esl (v4)': () => corpus('seals/ofdrw-UserV4.esl'),
  'UserV5.esl (v5)': () => corpus('seals/ofdrw-UserV5.esl'),
  'GOMAIN signature (v4)': () => corpus('signatures/gomain-jiangsu-tax-v4/SignedValue.dat'),
  'oesplugin signature (raw r‖s)': () => corpus('signatures/oesplugin-zibo-v4-raw-rs/SignedValue.dat'),
  'dms360 signature (v1)': () => ofdMember('ofdrw-n.ofd', 'Doc_0/Signs/Sign_0/SignedValue.dat'),
  'sample v5 seal with timestamp': () => fixture('seal/sample-v5.esl'),
  'sample v5 signature with timestamps': () => fixture('seal/sample-signature-v5-ts.dat'),
};
const RUNS_PER_SEED = 300;

type Mutation =
  | { op: 'flip'; at: Position; bit: number }
  | { op: 'truncate'; at: Position }
  | { op: 'insert'; at: Position; bytes: Uint8Array }
  | { op: 'delete'; at: Position; n: number }
  | { op: 'set'; at: Position; value: number }
  /** Structure-aware: the identifier or first length octet of the k-th element of the seed's ASN.1 tree. */
  | { op: 'header'; k: number; length: boolean; value: number; flip: number };

/** Where: a fraction of the whole input, of its first 160 bytes (headers), or of its first / last 1.5 KiB. */
type Position = { zone: 'any' | 'start' | 'head' | 'tail'; f: number };

const position: fc.Arbitrary<Position> = fc.record({ zone: fc.constantFrom('any' as const, 'start' as const, 'head' as const, 'tail' as const), f: fc.double({ min: 0, max: 1, noNaN: true }) });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant('delete' as const), at: position, n: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('set' as const), at: position, value: fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x04, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x30, 0x80, 0x81, 0x82, 0x84, 0xa0, 0xff) }),
  fc.record({
    op: fc.constant('header' as const),
    k: fc.nat(),
    length: fc.boolean(),
    value: fc.constantFrom(-1, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x30, 0x31, 0x80, 0xa0, 0xa1),
    flip: fc.integer({ min: 0, max: 7 }),
  }),
);

/** Offsets of every element header in the seed (constructed elements walked; primitives are leaves). */
function headers(der: Uint8Array): number[] {
  const out: number[] = [];
  const r = new Asn1Reader(der, { mode: 'ber', maxElements: 100_000 });
  const walk = (e: El): void => {
    out.push(e.offset);
    if ((e.tag & 0x20) !== 0) for (const c of r.children(e)) walk(c);
  };
  walk(r.read(0, der.length, 0));
  return out;
}

function index(len: number, p: Position): number {
  const w = Math.min(len, p.zone === 'start' ? 160 : 1536);
  const i = p.zone === 'any' ? Math.floor(p.f * len) : p.zone === 'tail' ? len - w + Math.floor(p.f * w) : Math.floor(p.f * w);
  return Math.max(0, Math.min(len - 1, i));
}

function apply(seed: Uint8Array, tree: readonly number[], ms: readonly Mutation[]): Uint8Array {
  let b = new Uint8Array(seed);
  for (const m of ms) {
    if (b.length === 0) break;
    if (m.op === 'header') {
      const at = Math.min(b.length - 1, tree[m.k % tree.length]! + (m.length ? 1 : 0));
      b[at] = m.value < 0 ? b[at]! ^ (1 << m.flip) : m.value;
      continue;
    }
    const i = index(b.length, m.at);
    switch (m.op) {
      case 'flip':
        b[i] = b[i]! ^ (1 << m.bit);
        break;
      case 'truncate':
        b = b.subarray(0, i);
        break;
      case 'insert':
        b = Uint8Array.from([...b.subarray(0, i), ...m.bytes, ...b.subarray(i)]);
        break;
      case 'delete':
        b = Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + m.n)]);
        break;
      case 'set':
        b[i] = m.value;
        break;
    }
  }
  return b;
}

describe('mutated seals and seal signatures through verify()', () => {
  const { trust, crls } = sm2Pki();
  for (const [name, seed] of Object.entries(SEEDS)) {
    it(`${name}: ${RUNS_PER_SEED} mutations, no throw, no internal error`, async () => {
      const bytes = seed();
      const tree = headers(bytes);
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
          const input = apply(bytes, tree, ms);
          const r = await verify(input, { trust, crls, at: AT, content: Uint8Array.of(1, 2, 3) });
          expect(reportProblems(r)).toEqual([]);
          expect(internalErrors(r)).toEqual([]);
          seen.add(`${r.format}/${r.indication}`);
          // The decoders themselves throw only the named errors.
          for (const decode of [decodeSeal, decodeSesSignature]) {
            try {
              decode(input);
            } catch (e) {
              if (!(e instanceof HeyanError)) throw e;
            }
          }
        }),
        { numRuns: RUNS_PER_SEED, seed: 20260115 },
      );
      // The mutations reached the seal verifiers, not only the sniffer.
      expect([...seen].some((s) => s.startsWith('seal/') || s.startsWith('ses-signature/'))).toBe(true);
    });
  }
});
