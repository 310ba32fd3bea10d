// scripts/make-seal-picture.js and scripts/make-seals.js: the committed fixtures/seal/ pictures are exactly what the
// script draws (deterministic), the images are well-formed, and the sample seals and signatures it writes verify
// with the test PKI at a fixed time.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '@heyan/core';
import { ensureBuilt, repoRoot } from './helpers/cli.js';
import { AT, sm2Pki } from './helpers/seal-fixtures.js';

let dir: string;
let files: string[];
const read = (f: string): Uint8Array => new Uint8Array(readFileSync(join(dir, f)));

beforeAll(async () => {
  ensureBuilt(); // make-seals.js imports the built core
  dir = mkdtempSync(join(tmpdir(), 'heyan-make-seals-'));
  const script = (await import(pathToFileURL(join(repoRoot, 'scripts/make-seals.js')).href)) as { makeSeals: (out: string) => string[] };
  files = script.makeSeals(dir);
});

describe('make-seal-picture.js', () => {
  it('draws the committed pictures byte for byte', () => {
    for (const f of ['stamp.png', 'stamp.gif', 'stamp.jpg']) expect(Buffer.from(read(f)).equals(readFileSync(join(repoRoot, 'fixtures/seal', f))), f).toBe(true);
  });

  it('the PNG is a 240×240 RGBA image: red, transparent in the corner, opaque on the ring', () => {
    const png = Buffer.from(read('stamp.png'));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([240, 240, 8, 6]);
    const chunks: Buffer[] = [];
    for (let o = 8; o < png.length; ) {
      const len = png.readUInt32BE(o);
      if (png.subarray(o + 4, o + 8).toString('latin1') === 'IDAT') chunks.push(png.subarray(o + 8, o + 8 + len));
      o += 12 + len;
    }
    const raw = inflateSync(Buffer.concat(chunks));
    expect(raw.length).toBe(240 * (1 + 240 * 4));
    const px = (x: number, y: number): number[] => [...raw.subarray(y * 961 + 1 + x * 4, y * 961 + 5 + x * 4)];
    expect(px(2, 2)[3]).toBe(0);
    expect(px(120, 14)).toEqual([0xe6, 0x00, 0x12, 255]); // on the ring (radius 0.41–0.46 of the size)
    expect(px(120, 110)).toEqual([0xe6, 0x00, 0x12, 255]); // inside the star
  });

  it('the GIF and JPEG carry their signatures and 240×240 dimensions', () => {
    const gif = Buffer.from(read('stamp.gif'));
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect([gif.readUInt16LE(6), gif.readUInt16LE(8)]).toEqual([240, 240]);
    expect(gif[gif.length - 1]).toBe(0x3b);
    const jpg = Buffer.from(read('stamp.jpg'));
    expect([...jpg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...jpg.subarray(-2)]).toEqual([0xff, 0xd9]);
    const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
    expect([jpg.readUInt16BE(sof + 5), jpg.readUInt16BE(sof + 7), jpg[sof + 9]]).toEqual([240, 240, 3]);
  });
});

describe('make-seals.js', () => {
  it('writes the documented files', () => {
    expect(files.sort()).toEqual(['sample-content.txt', 'sample-signature-v4.dat', 'sample-signature-v5-ts.dat', 'sample-v4-digests.esl', 'sample-v4.esl', 'sample-v5.esl'].sort());
  });

  it('every sample verifies PASSED at 2030-01-01 with the SM2 test root', async () => {
    const { trust, crls } = sm2Pki();
    for (const f of files.filter((x) => !x.endsWith('.txt'))) {
      const r = await verify(read(f), { trust, crls, at: AT, content: read('sample-content.txt'), name: f });
      expect(r.indication, `${f}: ${JSON.stringify(r.signatures[0]?.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped'))}`).toBe('PASSED');
      expect(r.format).toBe(f.endsWith('.esl') ? 'seal' : 'ses-signature');
    }
  });
});
