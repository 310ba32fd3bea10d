// Property test over the signed OFD fixtures: random byte flips anywhere in the ZIP, and random mutations of one
// member's content rezipped (bit flips, deletions, XML-ish insertions, truncation). verify() must never throw, give a
// well-formed report with no internal error (a parser bug), and never PASS a package whose covered member content
// changed. 1 200 cases, in-process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCertificates, readZip, TrustStore, verify, type Report, type ZipArchive } from '@heyan/core';
import { repoRoot } from './helpers/cli.js';
import { internalErrors, reportProblems } from './helpers/report-shape.js';
import { writeZip } from './helpers/zip-writer.js';

const pki = (name: string) => loadCertificates(readFileSync(join(repoRoot, 'fixtures/pki/sm2', name)))[0]!;
const opts = { at: new Date('2030-01-01T00:00:00Z'), trust: new TrustStore().addAnchor(pki('root.pem')), certificates: [pki('intermediate.pem')] };
const NAMES = ['signed-once.ofd', 'signed-twice.ofd', 'signed-protected.ofd', 'signed-timestamped.ofd'] as const;

interface Seed {
  name: string;
  bytes: Uint8Array;
  zip: ZipArchive;
  files: { name: string; data: Uint8Array }[];
  /** Members whose content a signature protects (Signatures.xml only in WholeProtected mode). */
  covered: string[];
}

const seeds: Seed[] = NAMES.map((name) => {
  const bytes = new Uint8Array(readFileSync(join(repoRoot, 'fixtures/ofd', name)));
  const zip = readZip(bytes);
  const files = zip.entries.filter((e) => !e.isDirectory).map((e) => ({ name: e.name, data: new Uint8Array(zip.read(e)) }));
  const covered = files.map((f) => f.name).filter((n) => !n.endsWith('Signatures.xml') || name === 'signed-protected.ofd');
  return { name, bytes, zip, files, covered };
});

function expectSound(r: Report, what: string): void {
  expect(internalErrors(r), what).toEqual([]);
  expect(reportProblems(r), what).toEqual([]);
}

describe('OFD mutation fuzz', () => {
  it('the fixtures PASS unmutated (the baseline of the properties)', async () => {
    for (const s of seeds) expect((await verify(s.bytes, opts)).indication, s.name).toBe('PASSED');
  });

  it('byte flips anywhere in the package: no internal error; a flip that changes a member never PASSES', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: seeds.length - 1 }), fc.nat(), fc.integer({ min: 0, max: 7 }), async (k, p, bit) => {
        const s = seeds[k]!;
        const pos = p % s.bytes.length;
        const b = new Uint8Array(s.bytes);
        b[pos] = b[pos]! ^ (1 << bit);
        const r = await verify(b, opts);
        const what = `${s.name} bit ${bit} of byte ${pos}`;
        expectSound(r, what);
        // Inside a member's stored data: does the member still inflate to what was signed? (Padding bits after the
        // end of a deflate stream are ignored by every inflater: such a flip changes nothing.)
        const hit = s.zip.entries.find((e) => !e.isDirectory && pos >= e.dataOffset && pos < e.dataOffset + e.compressedSize);
        if (hit && s.covered.includes(hit.name)) {
          const raw = b.subarray(hit.dataOffset, hit.dataOffset + hit.compressedSize);
          let same = false;
          try {
            const out = hit.method === 8 ? inflateRawSync(raw) : raw;
            same = Buffer.compare(out, s.zip.read(hit)) === 0;
          } catch {
            same = false;
          }
          if (!same) expect(r.indication, what).not.toBe('PASSED');
        }
      }),
      { numRuns: 500, seed: 0x0fd1 },
    );
  }, 300_000);

  type Op = { op: 'flip'; pos: number; bit: number } | { op: 'delete'; pos: number; len: number } | { op: 'insert'; pos: number; text: string } | { op: 'truncate'; len: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('flip' as const), pos: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ op: fc.constant('delete' as const), pos: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
    fc.record({
      op: fc.constant('insert' as const),
      pos: fc.nat(),
      text: fc.constantFrom('<', '>', '"', '&amp;', '/', '..', ' ', '\n', ' ID="1"', '<ofd:Page/>', '\u0000', '&#0;', '<![CDATA[x]]>', 'xmlns:ofd="x"', '<!DOCTYPE x>', '核'),
    }),
    fc.record({ op: fc.constant('truncate' as const), len: fc.nat() }),
  );
  const mutate = (d: Uint8Array, m: Op): Uint8Array => {
    if (d.length === 0) return Buffer.from('x');
    switch (m.op) {
      case 'flip': {
        const out = new Uint8Array(d);
        out[m.pos % d.length] = out[m.pos % d.length]! ^ (1 << m.bit);
        return out;
      }
      case 'delete': {
        const p = m.pos % d.length;
        return Buffer.concat([d.subarray(0, p), d.subarray(p + m.len)]);
      }
      case 'insert': {
        const p = m.pos % (d.length + 1);
        return Buffer.concat([d.subarray(0, p), Buffer.from(m.text), d.subarray(p)]);
      }
      case 'truncate':
        return d.subarray(0, m.len % d.length);
    }
  };

  it('a covered member mutated and rezipped: no internal error, never PASSED', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: seeds.length - 1 }), fc.nat(), fc.array(op, { minLength: 1, maxLength: 3 }), async (k, f, ops) => {
        const s = seeds[k]!;
        const target = s.covered[f % s.covered.length]!;
        const original = s.files.find((x) => x.name === target)!.data;
        const changed = ops.reduce(mutate, original);
        fc.pre(Buffer.compare(changed, original) !== 0);
        const r = await verify(writeZip(s.files.map((x) => ({ name: x.name, data: x.name === target ? changed : x.data }))), opts);
        const what = `${s.name}: ${target} ${JSON.stringify(ops)}`;
        expectSound(r, what);
        expect(r.indication, what).not.toBe('PASSED');
      }),
      { numRuns: 700, seed: 0x0fd2 },
    );
  }, 300_000);
});
