import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError, UnsupportedError } from '../errors.js';
import { localEnd, localRecord, spliceZip } from '../../../../test/helpers/zip-splice.js';
import { writeZip, type ZipMemberSpec } from '../../../../test/helpers/zip-writer.js';
import { looksLikeZip, readZip } from './zip-read.js';

const corpusDir = fileURLToPath(new URL('../../../../../shared/corpus/ofd-ses/ofd/', import.meta.url));
const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.ofd'));

function throwsWith(f: () => unknown, cls: new (...a: never[]) => Error, re: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, 'expected an error').toBeInstanceOf(cls);
  expect((err as Error).message).toMatch(re);
}

const simple: ZipMemberSpec[] = [
  { name: 'OFD.xml', data: '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>' },
  { name: 'Doc_0/', data: '' },
  { name: 'Doc_0/a.bin', data: new Uint8Array(randomBytes(3000)), method: 0 },
  { name: 'Doc_0/empty.txt', data: '' },
];

describe('readZip on real OFD packages', () => {
  it.each(corpus)('%s: every member equals what Info-ZIP unzip extracts', (f) => {
    const bytes = readFileSync(join(corpusDir, f));
    const zip = readZip(bytes);
    const listed = execFileSync('unzip', ['-Z1', join(corpusDir, f)], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(zip.entries.map((e) => e.name).sort()).toEqual(listed.sort());
    expect(zip.prefixBytes).toBe(0);
    for (const e of zip.entries) {
      if (e.isDirectory) continue;
      const expected = execFileSync('unzip', ['-p', join(corpusDir, f), e.name], { maxBuffer: 64 << 20 });
      expect(Buffer.compare(zip.read(e), expected), e.name).toBe(0);
      // The raw bytes are the stored stream: inflating them gives the member again (copy without recompression).
      const raw = zip.raw(e);
      expect(raw.length).toBe(e.compressedSize);
      if (e.method === 8) expect(Buffer.compare(inflateRawSync(raw), expected)).toBe(0);
    }
  });
});

describe('readZip layouts', () => {
  it('reads stored, deflated, empty members and directories', () => {
    const zip = readZip(writeZip(simple));
    expect(zip.entries.map((e) => [e.name, e.isDirectory, e.method])).toEqual([
      ['OFD.xml', false, 8],
      ['Doc_0/', true, 0],
      ['Doc_0/a.bin', false, 0],
      ['Doc_0/empty.txt', false, 0],
    ]);
    expect(Buffer.from(zip.read('OFD.xml')).toString()).toContain('ofd:OFD');
    expect(Buffer.compare(zip.read('Doc_0/a.bin'), Buffer.from(simple[2]!.data as Uint8Array))).toBe(0);
    expect(zip.read('Doc_0/empty.txt').length).toBe(0);
    expect(zip.warnings).toEqual([]);
  });

  it('tolerates junk before the first local header (KingGrid) using the end-anchored offsets', () => {
    const prefix = new Uint8Array(randomBytes(777));
    const zip = readZip(writeZip(simple, { prefix }));
    expect(zip.prefixBytes).toBe(777);
    expect(zip.warnings.join()).toMatch(/777 bytes before the ZIP data/);
    expect(Buffer.compare(zip.read('Doc_0/a.bin'), Buffer.from(simple[2]!.data as Uint8Array))).toBe(0);
  });

  it('reads ZIP64 end records and extra fields (own writer)', () => {
    const zip = readZip(writeZip(simple, { zip64: true }));
    expect(zip.entries).toHaveLength(4);
    expect(Buffer.from(zip.read('OFD.xml')).toString()).toContain('ofd:OFD');
  });

  it('reads ZIP64 as written by Python zipfile (an independent writer) and with a junk prefix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofd-zip64-'));
    const out = join(dir, 'z64.zip');
    execFileSync('python3', [
      '-c',
      'import zipfile,sys\nwith zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED) as z:\n  z.writestr("OFD.xml","<a/>"*100)\n  with z.open("big.bin","w",force_zip64=True) as f: f.write(b"x"*5000)\n',
      out,
    ]);
    const bytes = readFileSync(out);
    const zip = readZip(bytes);
    expect(Buffer.from(zip.read('big.bin')).toString()).toBe('x'.repeat(5000));
    const junk = readZip(Buffer.concat([randomBytes(100), bytes]));
    expect(junk.prefixBytes).toBe(100);
    expect(Buffer.from(junk.read('OFD.xml')).toString()).toBe('<a/>'.repeat(100));
  });

  it('inflates lazily: a corrupt member only fails when it is read', () => {
    const bytes = writeZip([
      { name: 'good.txt', data: 'hello' },
      { name: 'bad.bin', data: 'x'.repeat(100), raw: Uint8Array.of(0xff, 0xff, 0xff, 0xff) },
    ]);
    const zip = readZip(bytes);
    expect(Buffer.from(zip.read('good.txt')).toString()).toBe('hello');
    throwsWith(() => zip.read('bad.bin'), FormatError, /does not inflate/);
  });

  it('looksLikeZip', () => {
    expect(looksLikeZip(writeZip(simple))).toBe(true);
    expect(looksLikeZip(writeZip(simple, { prefix: new Uint8Array(50) }))).toBe(true);
    expect(looksLikeZip(new Uint8Array(randomBytes(5000)).map((b) => (b === 0x50 ? 0 : b)))).toBe(false);
    expect(looksLikeZip(new Uint8Array(3))).toBe(false);
  });
});

describe('readZip refuses hostile archives', () => {
  it('a high-ratio member (zip bomb)', () => {
    throwsWith(() => readZip(writeZip([{ name: 'bomb', data: new Uint8Array(8 << 20) }])), LimitError, /compression ratio over 200:1/);
  });

  it('a member declaring more than the per-entry limit, and a total over the limit', () => {
    throwsWith(() => readZip(writeZip([{ name: 'a', data: 'x', size: 65 << 20, compressedSize: 1 << 20, raw: new Uint8Array(1 << 20) }])), LimitError, /over the 67108864-byte limit/);
    const m = (n: number): ZipMemberSpec => ({ name: `m${n}`, data: new Uint8Array(1000), method: 0 });
    throwsWith(() => readZip(writeZip([m(1), m(2), m(3)]), { maxTotalBytes: 2500 }), LimitError, /total limit/);
  });

  it('a member that inflates beyond its declared size is stopped at that size', () => {
    const real = new Uint8Array(4 << 20); // 4 MiB of zeros, declared as 1000 bytes
    const zip = readZip(writeZip([{ name: 'liar', data: real, size: 1000 }]));
    throwsWith(() => zip.read('liar'), LimitError, /inflates beyond its declared 1000 bytes/);
  });

  it('a member that inflates to less than declared', () => {
    const zip = readZip(writeZip([{ name: 'short', data: 'abc', size: 10 }]));
    throwsWith(() => zip.read('short'), FormatError, /inflates to 3 bytes, not the declared 10/);
  });

  it('too many entries, and a count the central directory cannot hold', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: 'x' }));
    throwsWith(() => readZip(writeZip(many), { maxEntries: 10 }), LimitError, /11 members exceed the limit of 10/);
    throwsWith(() => readZip(writeZip(simple, { count: 5000 })), FormatError, /cannot hold 5000 members/);
  });

  it.each([
    ['../x', /'\.\.' segment/],
    ['Doc_0/../../x', /'\.\.' segment/],
    ['/abs/x', /absolute/],
    ['C:\\x', /backslash/],
    ['C:/x', /drive letter/],
    ['a\\b', /backslash/],
    ['a//b', /empty or '\.' segment/],
    ['./a', /empty or '\.' segment/],
    ['a\u0000b', /NUL/],
  ])('the member name %j', (name, re) => {
    throwsWith(() => readZip(writeZip([{ name, data: 'x' }])), FormatError, re);
  });

  it('duplicate names, exact, after Unicode normalisation, and case-only twins (naming both)', () => {
    throwsWith(() => readZip(writeZip([{ name: 'a.xml', data: '1' }, { name: 'a.xml', data: '2' }])), FormatError, /duplicate member name/);
    throwsWith(() => readZip(writeZip([{ name: 'caf\u00e9', data: '1' }, { name: 'cafe\u0301', data: '2' }])), FormatError, /duplicate member name/);
    // On a case-insensitive file system one twin replaces the other: refused, whatever the order.
    throwsWith(() => readZip(writeZip([{ name: 'Doc_0/Pages/x', data: '1' }, { name: 'Doc_0/pages/x', data: '2' }])), FormatError, /"Doc_0\/Pages\/x" and "Doc_0\/pages\/x" differ only in case/);
    throwsWith(() => readZip(writeZip([{ name: 'ofd.xml', data: '1' }, { name: 'OFD.xml', data: '2' }])), FormatError, /"ofd\.xml" and "OFD\.xml" differ only in case/);
    throwsWith(() => readZip(writeZip([{ name: 'Doc_0/', data: '' }, { name: 'DOC_0/', data: '' }])), FormatError, /differ only in case/);
  });

  it('a name longer than the limit', () => {
    throwsWith(() => readZip(writeZip([{ name: 'a'.repeat(300), data: 'x' }]), { maxNameBytes: 256 }), LimitError, /300 bytes exceeds/);
  });

  it('encrypted members and unknown compression methods', () => {
    throwsWith(() => readZip(writeZip([{ name: 'e', data: 'x', flags: 1 }])), FormatError, /encrypted/);
    throwsWith(() => readZip(writeZip([{ name: 'b', data: 'x', method: 12, raw: new Uint8Array(5) }])), UnsupportedError, /method 12/);
  });

  it('a local header that disagrees with the central directory', () => {
    throwsWith(() => readZip(writeZip([{ name: 'a.xml', localName: 'b.xml', data: 'x' }])), FormatError, /local header name differs/);
  });

  it('overlapping member data', () => {
    const data = deflateRawSync(Buffer.from('hello'));
    // The first member claims 40 more compressed bytes than it has: its data runs into the next local header.
    throwsWith(() => readZip(writeZip([{ name: 'a', data: 'hello', raw: data, compressedSize: data.length + 40 }, { name: 'b', data: new Uint8Array(200), method: 0 }])), FormatError, /overlap/);
  });

  it('a data descriptor after the data is part of the member (with or without its signature, 32/64-bit sizes)', () => {
    const data = Buffer.from('hello hello hello');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const u32 = (n: number): Buffer => Buffer.from(Uint32Array.of(n).buffer);
    const u64 = (n: number): Buffer => Buffer.from(BigUint64Array.of(BigInt(n)).buffer);
    const forms: [string, Buffer][] = [
      ['signature, 32-bit', Buffer.concat([u32(0x08074b50), u32(crc), u32(packed.length), u32(data.length)])],
      ['no signature, 32-bit', Buffer.concat([u32(crc), u32(packed.length), u32(data.length)])],
      ['signature, 64-bit', Buffer.concat([u32(0x08074b50), u32(crc), u64(packed.length), u64(data.length)])],
    ];
    for (const [what, dd] of forms) {
      const base = writeZip([{ name: 'a.txt', data, flags: 0x08 }, { name: 'b.txt', data: 'b' }]);
      const bytes = spliceZip(base, localEnd(base, 'a.txt'), dd);
      const zip = readZip(bytes);
      expect(Buffer.from(zip.read('a.txt')).toString(), what).toBe(data.toString());
      expect(zip.entry('a.txt')!.descriptorSize, what).toBe(dd.length);
    }
    // Flag 8 without a descriptor: the next local header follows the data directly.
    throwsWith(() => readZip(writeZip([{ name: 'a.txt', data, flags: 0x08 }, { name: 'b.txt', data: 'b' }])), FormatError, /data descriptor of "a\.txt" is missing/);
  });

  it('hidden ZIP entries: a local record in a gap between members, or after the last one', () => {
    const base = writeZip(simple);
    const hidden = localRecord('Doc_0/a.bin', 'the copy a streaming reader would take');
    throwsWith(() => readZip(spliceZip(base, localEnd(base, 'OFD.xml'), hidden)), FormatError, /hidden ZIP entries: \d+ bytes no member accounts for between "OFD\.xml" and "Doc_0\/"/);
    throwsWith(() => readZip(spliceZip(base, localEnd(base, 'Doc_0/empty.txt'), hidden)), FormatError, /hidden ZIP entries: .* between "Doc_0\/empty\.txt" and the central directory/);
    // Any gap, signature or not: nothing may sit between members.
    throwsWith(() => readZip(spliceZip(base, localEnd(base, 'OFD.xml'), Buffer.alloc(7))), FormatError, /hidden ZIP entries: 7 bytes/);
  });

  it('hidden ZIP entries: a local header inside the junk prefix; plain junk stays a warning', () => {
    const base = writeZip(simple);
    throwsWith(() => readZip(Buffer.concat([localRecord('OFD.xml', '<evil/>'), base])), FormatError, /hidden ZIP entries: a local file header at offset 0/);
    throwsWith(() => readZip(Buffer.concat([Buffer.from('junk PK\x03\x04 junk'), base])), FormatError, /a local file header at offset 5/);
    const junk = readZip(Buffer.concat([Buffer.from('KGBrowser junk PK\x01\x02'), base]));
    expect(junk.prefixBytes).toBe(19);
    expect(junk.warnings.join()).toMatch(/19 bytes before the ZIP data/);
  });

  it('a CRC mismatch is found when the member is read', () => {
    const zip = readZip(writeZip([{ name: 'a', data: 'hello', crc: 1234 }]));
    throwsWith(() => zip.read('a'), FormatError, /CRC-32 mismatch/);
  });

  it('non-ZIP input', () => {
    throwsWith(() => readZip(new Uint8Array(randomBytes(1000)).map((b) => (b === 0x50 ? 0 : b))), FormatError, /not a ZIP archive/);
    throwsWith(() => readZip(new Uint8Array(0)), FormatError, /not a ZIP archive/);
  });

  it('an archive cut at any point fails with a named error (no hang, no other exception)', () => {
    const full = writeZip(simple);
    for (let n = 0; n < full.length; n += 7) {
      let err: unknown;
      try {
        const zip = readZip(full.subarray(0, n));
        for (const e of zip.entries) zip.read(e);
      } catch (e) {
        err = e;
      }
      expect(err, `cut at ${n}`).toBeInstanceOf(FormatError);
    }
  });

  it('a central directory offset pointing past its real position', () => {
    throwsWith(() => readZip(writeZip(simple, { cdOffset: 999999 })), FormatError, /points past its real position/);
  });
});
