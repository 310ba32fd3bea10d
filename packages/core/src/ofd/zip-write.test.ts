import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError } from '../errors.js';
import { readZip } from './zip-read.js';
import { ZipWriter, dosDateTime } from './zip-write.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/ofd-ses/ofd/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-zipw-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DATE = new Date('2030-01-02T03:04:06Z');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** An independent reader's opinion: Python's zipfile (CRC of every member + the listing). */
function pythonZip(bytes: Uint8Array): { bad: string | null; names: string[]; flags: number[]; made: number[]; attrs: number[]; dates: number[][]; sizes: number[] } {
  const f = join(tmp, `py-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(f, bytes);
  const script = [
    'import json,sys,zipfile',
    'z=zipfile.ZipFile(sys.argv[1])',
    'i=z.infolist()',
    'print(json.dumps({"bad":z.testzip(),"names":[x.filename for x in i],"flags":[x.flag_bits for x in i],',
    '"made":[x.create_system*256+x.create_version for x in i],"attrs":[x.external_attr for x in i],',
    '"dates":[list(x.date_time) for x in i],"sizes":[x.file_size for x in i]}))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script, f], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python3 zipfile: ${r.stderr}`);
  return JSON.parse(r.stdout) as ReturnType<typeof pythonZip>;
}

function unzipTest(bytes: Uint8Array): { code: number; out: string } {
  const f = join(tmp, `u-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(f, bytes);
  const r = spawnSync('unzip', ['-t', f], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('ZipWriter', () => {
  it('writes new members that our reader, Python zipfile and unzip -t all read back', () => {
    const text = enc('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD/>'.repeat(20));
    const bin = new Uint8Array(5000).map((_, i) => (i * 7919) & 0xff);
    const w = new ZipWriter({ date: DATE })
      .addFile('OFD.xml', text)
      .addDirectory('Doc_0')
      .addFile('Doc_0/图片.png', bin, { method: 'store' })
      .addFile('Doc_0/empty.xml', new Uint8Array(0));
    const zip = w.finish();

    const r = readZip(zip);
    expect(r.entries.map((e) => e.name)).toEqual(['OFD.xml', 'Doc_0/', 'Doc_0/图片.png', 'Doc_0/empty.xml']);
    expect(Buffer.from(r.read('OFD.xml')).equals(Buffer.from(text))).toBe(true);
    expect(Buffer.from(r.read('Doc_0/图片.png')).equals(Buffer.from(bin))).toBe(true);
    expect(r.read('Doc_0/empty.xml').length).toBe(0);
    expect(r.entry('OFD.xml')!.method).toBe(8);
    expect(r.entry('Doc_0/图片.png')!.method).toBe(0);
    expect(r.entry('Doc_0/')!.isDirectory).toBe(true);

    const py = pythonZip(zip);
    expect(py.bad).toBeNull();
    expect(py.names).toEqual(['OFD.xml', 'Doc_0/', 'Doc_0/图片.png', 'Doc_0/empty.xml']);
    // ofdrw's conventions: UTF-8 flag on every name, made by Unix 5.1, modes 100644 / 40755.
    expect(py.flags.every((f) => f === 0x800)).toBe(true);
    expect(py.made.every((m) => m === 0x0333)).toBe(true);
    expect(py.attrs).toEqual([0o100644 << 16, 0o40755 << 16, 0o100644 << 16, 0o100644 << 16].map((x) => x >>> 0));
    expect(py.dates[0]).toEqual([2030, 1, 2, 3, 4, 6]);

    const u = unzipTest(zip);
    expect(u.out).toContain('No errors detected');
    expect(u.code).toBe(0);
  });

  it('is deterministic for a given date', () => {
    const make = (): Uint8Array => new ZipWriter({ date: DATE }).addDirectory('a/').addFile('a/b.xml', enc('hello hello hello')).finish();
    expect(Buffer.from(make()).equals(Buffer.from(make()))).toBe(true);
    const later = new ZipWriter({ date: new Date('2031-01-01T00:00:00Z') }).addDirectory('a/').addFile('a/b.xml', enc('hello hello hello')).finish();
    expect(Buffer.from(make()).equals(Buffer.from(later))).toBe(false);
  });

  it('copies every member of a real OFD byte for byte (stored bytes, CRC, sizes, method, time)', () => {
    const src = new Uint8Array(readFileSync(join(corpus, 'ofdrw-zsbk.ofd')));
    const a = readZip(src);
    const w = new ZipWriter({ date: DATE });
    for (const e of a.entries) w.copyFrom(a, e);
    const out = w.finish();
    const b = readZip(out);
    expect(b.entries.length).toBe(a.entries.length);
    for (const e of a.entries) {
      const f = b.entry(e.name)!;
      expect(f, e.name).toBeDefined();
      expect([f.method, f.crc32, f.compressedSize, f.uncompressedSize, f.dosTime, f.dosDate]).toEqual([e.method, e.crc32, e.compressedSize, e.uncompressedSize, e.dosTime, e.dosDate]);
      expect(Buffer.from(b.raw(f)).equals(Buffer.from(a.raw(e))), e.name).toBe(true);
      expect(Buffer.from(b.read(f)).equals(Buffer.from(a.read(e))), e.name).toBe(true);
    }
    expect(pythonZip(out).bad).toBeNull();
    expect(unzipTest(out).code).toBe(0);
  });

  it('turns a copied member with a data descriptor into plain headers (v4signed.ofd uses flag bit 3)', () => {
    const src = new Uint8Array(readFileSync(join(corpus, 'ofdrw-v4signed.ofd')));
    const a = readZip(src);
    expect(a.entries.some((e) => e.flags & 0x08)).toBe(true);
    const w = new ZipWriter({ date: DATE });
    for (const e of a.entries) w.copyFrom(a, e);
    const out = w.finish();
    const b = readZip(out);
    for (const e of a.entries) expect(Buffer.from(b.read(e.name)).equals(Buffer.from(a.read(e))), e.name).toBe(true);
    expect(b.entries.every((e) => (e.flags & 0x08) === 0)).toBe(true);
    expect(unzipTest(out).code).toBe(0);
  });

  it('writes ZIP64 end records only when the member count needs them', () => {
    const small = new ZipWriter({ date: DATE }).addFile('a', enc('x')).finish();
    expect(Buffer.from(small).includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(false);

    const n = 0xffff + 2;
    const w = new ZipWriter({ date: DATE });
    for (let i = 0; i < n; i++) w.addFile(`f/${i}`, enc(String(i)), { method: 'store' });
    const big = w.finish();
    const r = readZip(big, { maxEntries: n });
    expect(r.entries.length).toBe(n);
    expect(new TextDecoder().decode(r.read(`f/${n - 1}`))).toBe(String(n - 1));
    const py = pythonZip(big);
    expect(py.bad).toBeNull();
    expect(py.names.length).toBe(n);
  });

  it('refuses names that read two ways, duplicates, and misuse', () => {
    const w = new ZipWriter({ date: DATE }).addFile('a/b', enc('1'));
    expect(() => w.addFile('a/b', enc('2'))).toThrow(FormatError);
    expect(() => w.addFile('../x', enc('2'))).toThrow(FormatError);
    expect(() => w.addFile('/abs', enc('2'))).toThrow(FormatError);
    expect(() => w.addFile('a\\b', enc('2'))).toThrow(FormatError);
    expect(() => w.addFile('dir/', enc('2'))).toThrow(FormatError);
    expect(() => w.addRaw('r', { method: 8, crc32: 0, compressedSize: 5, uncompressedSize: 1, data: new Uint8Array(4) })).toThrow(FormatError);
    w.finish();
    expect(() => w.addFile('c', enc('3'))).toThrow(FormatError);
  });

  it('deflates with raw deflate (no zlib header) that inflates to the input', () => {
    const data = enc('OFD '.repeat(1000));
    const zip = readZip(new ZipWriter({ date: DATE }).addFile('x', data).finish());
    const raw = zip.raw('x');
    expect(raw.length).toBeLessThan(data.length / 10);
    expect(Buffer.from(inflateRawSync(raw)).equals(Buffer.from(data))).toBe(true);
  });

  it('maps dates to DOS fields in UTC and clamps the range', () => {
    expect(dosDateTime(new Date('1980-01-01T00:00:00Z'))).toEqual({ dosTime: 0, dosDate: 0x21 });
    expect(dosDateTime(new Date('1970-01-01T00:00:00Z'))).toEqual({ dosTime: 0, dosDate: 0x21 });
    const d = dosDateTime(new Date('2026-08-04T10:08:09Z'));
    expect(d.dosDate).toBe(((2026 - 1980) << 9) | (8 << 5) | 4);
    expect(d.dosTime).toBe((10 << 11) | (8 << 5) | 4);
    expect(() => dosDateTime(new Date(Number.NaN))).toThrow(FormatError);
  });
});
