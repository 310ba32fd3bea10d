// OFD through the one verify() entry: corpus files end to end, and hostile packages (zip bombs, traversal names,
// duplicate names, entity bombs, truncation, non-OFD ZIPs, 200 MB of junk) → FAILED / FORMAT_FAILURE with a named
// reason, never an exception or a `verify.internal` catch-all; memory stays bounded (measured in a child process).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCertificates, readZip, TrustStore, verify, type Report } from '@heyan/core';
import { ensureBuilt, repoRoot } from './helpers/cli.js';
import { internalErrors, reportProblems } from './helpers/report-shape.js';
import { localEnd, localRecord, spliceZip } from './helpers/zip-splice.js';
import { writeZip, type ZipMemberSpec } from './helpers/zip-writer.js';

const corpus = (name: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../shared/corpus/ofd-ses/ofd/${name}`, import.meta.url))));
const all = (r: Report) => [...r.checks, ...r.signatures.flatMap((s) => s.checks)];
const NS = 'http://www.ofdspec.org/2016';
const ofdXml = `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot><ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>`;
const base = (...extra: ZipMemberSpec[]): Uint8Array => writeZip([{ name: 'OFD.xml', data: ofdXml }, { name: 'Doc_0/Document.xml', data: `<ofd:Document xmlns:ofd="${NS}"/>` }, ...extra]);
const lol = (root: string): string =>
  `<?xml version="1.0"?><!DOCTYPE ${root} [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]><ofd:${root} xmlns:ofd="${NS}">&j;</ofd:${root}>`;

async function expectFormatFailure(bytes: Uint8Array, re: RegExp, format = 'ofd'): Promise<Report> {
  const r = await verify(bytes);
  expect(r.indication).toBe('FAILED');
  expect(r.subIndication).toBe('FORMAT_FAILURE');
  expect(r.format).toBe(format);
  expect(internalErrors(r)).toEqual([]);
  expect(reportProblems(r)).toEqual([]);
  const failed = all(r).filter((c) => c.status === 'failed');
  expect(failed.some((c) => re.test(c.message.en)), failed.map((c) => c.message.en).join('\n')).toBe(true);
  return r;
}

describe('verify() on OFD packages', () => {
  it.each([
    ['ofdrw-v4signed.ofd', '2020-10-10T07:11:20Z', 'INDETERMINATE'],
    ['ofdrw-allprotected.ofd', '2020-10-23T11:45:37Z', 'INDETERMINATE'],
    ['ofdrw-SESV4SignDoc.ofd', '2026-08-04T02:08:09Z', 'FAILED'],
    ['ofdrw-n.ofd', '2020-01-25T07:31:56Z', 'FAILED'],
    ['ofdrw-zsbk.ofd', '2020-10-10T06:58:41Z', 'FAILED'],
    ['ofdrw-DigitalSign.ofd', '2020-04-22T08:22:44Z', 'INDETERMINATE'],
  ])('%s is recognised as OFD and gets its verdict', async (name, at, indication) => {
    const r = await verify(corpus(name), { name, at: new Date(at) });
    expect(r.format).toBe('ofd');
    expect(r.indication).toBe(indication);
    expect(r.validationTime).toBe(new Date(at).toISOString());
    expect(r.signatures.every((s) => s.kind === 'ofd-seal' || s.kind === 'ofd-sign')).toBe(true);
    expect(reportProblems(r)).toEqual([]);
    expect(internalErrors(r)).toEqual([]);
  });
});

describe('hostile OFD packages', () => {
  it('a ZIP without OFD.xml: not an OFD package', async () => {
    await expectFormatFailure(writeZip([{ name: 'word/document.xml', data: '<w/>' }]), /not an OFD package/, 'unknown');
  });

  it('a ZIP refused by a limit is reported as OFD when its directory lists OFD.xml, else as unknown', async () => {
    const bomb = { name: 'Doc_0/Res/bomb.bin', data: new Uint8Array(64 << 20) };
    expect((await expectFormatFailure(base(bomb), /compression ratio/)).format).toBe('ofd');
    await expectFormatFailure(writeZip([{ name: 'word/document.xml', data: '<w/>' }, bomb]), /compression ratio/, 'unknown');
  });

  it('OFD.xml whose root is not <OFD>', async () => {
    await expectFormatFailure(writeZip([{ name: 'OFD.xml', data: '<Foo/>' }]), /not an OFD package/, 'unknown');
  });

  it('zip bomb: a high compression ratio', async () => {
    await expectFormatFailure(base({ name: 'Doc_0/Res/bomb.bin', data: new Uint8Array(64 << 20) }), /compression ratio over 200:1/);
  });

  it('zip bomb: huge declared sizes (ZIP64, 1 TiB)', async () => {
    await expectFormatFailure(base({ name: 'Doc_0/Res/huge.bin', data: 'x', size: 2 ** 40, zip64: true }), /declares 1099511627776 bytes/);
  });

  it('zip bomb: a member that inflates far beyond its declared size is stopped there', async () => {
    // Declared 100 bytes (harmless at open); the real stream is 32 MiB of zeros. Inflation stops at 101 bytes.
    await expectFormatFailure(base({ name: 'Doc_0/Signs/Signatures.xml', data: new Uint8Array(32 << 20), size: 100 }), /inflates beyond its declared 100 bytes/);
  });

  it('zip bomb: ten thousand and one members', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ name: `f/${i}`, data: '' }));
    await expectFormatFailure(base(...many), /10003 members exceed the limit of 10000/);
  });

  it.each([
    ['../evil.xml', /'\.\.' segment/],
    ['/abs/evil.xml', /absolute/],
    ['C:\\evil.xml', /backslash/],
    ['Doc_0/../../evil.xml', /'\.\.' segment/],
  ])('path traversal name %j', async (name, re) => {
    await expectFormatFailure(base({ name, data: 'x' }), re);
  });

  it('duplicate names', async () => {
    await expectFormatFailure(base({ name: 'OFD.xml', data: ofdXml }), /duplicate member name "OFD\.xml"/);
  });

  it('billion laughs in OFD.xml', async () => {
    await expectFormatFailure(writeZip([{ name: 'OFD.xml', data: lol('OFD') }]), /declares a DTD or entities/);
  });

  it('billion laughs in Signatures.xml', async () => {
    const r = await expectFormatFailure(base({ name: 'Doc_0/Signs/Signatures.xml', data: lol('Signatures') }), /declares a DTD or entities/);
    expect(r.checks.find((c) => c.id === 'ofd.signatures.list')?.status).toBe('failed');
  });

  it('billion laughs in a Signature.xml', async () => {
    const list = `<ofd:Signatures xmlns:ofd="${NS}"><ofd:Signature ID="1" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>`;
    const r = await expectFormatFailure(base({ name: 'Doc_0/Signs/Signatures.xml', data: list }, { name: 'Doc_0/Signs/Sign_0/Signature.xml', data: lol('Signature') }), /declares a DTD or entities/);
    expect(r.signatures[0]!.checks.find((c) => c.id === 'ofd.signature.file')?.status).toBe('failed');
  });

  it('a Signature BaseLoc escaping the package', async () => {
    const list = `<ofd:Signatures xmlns:ofd="${NS}"><ofd:Signature ID="1" BaseLoc="../../../etc/passwd"/></ofd:Signatures>`;
    await expectFormatFailure(base({ name: 'Doc_0/Signs/Signatures.xml', data: list }), /leaves the package/);
  });

  it('XML nested deeper than the limit', async () => {
    await expectFormatFailure(writeZip([{ name: 'OFD.xml', data: '<a>'.repeat(5000) + '</a>'.repeat(5000) }]), /deeper than 64/);
  });

  it('truncated packages fail at every cut', async () => {
    const full = corpus('ofdrw-v4signed.ofd');
    for (const n of [0, 10, 100, 1000, 5000, full.length - 100, full.length - 22, full.length - 1]) {
      const r = await verify(full.subarray(0, n));
      expect(r.indication, `cut at ${n}`).toBe('FAILED');
      expect(r.subIndication, `cut at ${n}`).toBe('FORMAT_FAILURE');
      expect(internalErrors(r), `cut at ${n}`).toEqual([]);
    }
  });
});

describe('hidden and twin entries in a signed OFD (one archive, one reading)', () => {
  const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(repoRoot, 'fixtures/ofd', name)));
  const pki = (name: string) => loadCertificates(readFileSync(join(repoRoot, 'fixtures/pki/sm2', name)))[0]!;
  const opts = { at: new Date('2030-01-01T00:00:00Z'), trust: new TrustStore().addAnchor(pki('root.pem')), certificates: [pki('intermediate.pem')] };
  const page = 'Doc_0/Pages/Page_0/Content.xml';
  const signed = fixture('signed-once.ofd');
  const evil = Buffer.concat([readZip(signed).read(page), Buffer.from('<!-- changed after signing -->')]);

  it('the untouched fixture PASSES (the baseline of the tests below)', async () => {
    expect((await verify(signed, opts)).indication).toBe('PASSED');
  });

  it('a second local record for a page, hidden in a gap between members, is refused', async () => {
    // A streaming reader (Java ZipInputStream) meets the hidden copy; the central directory still points at the original.
    const bytes = spliceZip(signed, localEnd(signed, page), localRecord(page, evil));
    const r = await expectFormatFailure(bytes, /hidden ZIP entries: \d+ bytes no member accounts for between "Doc_0\/Pages\/Page_0\/Content\.xml" and/);
    expect(r.signatures).toEqual([]);
  });

  it('a local record in the leading junk is refused; plain junk is a warning', async () => {
    await expectFormatFailure(Buffer.concat([localRecord(page, evil), signed]), /hidden ZIP entries: a local file header at offset 0/);
    const junk = await verify(Buffer.concat([Buffer.from('KGBrowser junk header\r\n'), signed]), opts);
    expect(junk.indication).toBe('PASSED');
    expect(junk.checks.find((c) => c.id === 'ofd.package')!.status).toBe('warning');
  });

  it.each([
    ['ofd.xml', 'OFD.xml', 'OFD.xml'],
    ['doc_0/document.xml', 'Doc_0/Document.xml', 'Doc_0/Document.xml'],
    ['Doc_0/Pages/Page_0/CONTENT.XML', page, page],
  ])('a case-only twin %j of a signed file is refused, naming both', async (twin, of, first) => {
    const zip = readZip(signed);
    const files = zip.entries.filter((e) => !e.isDirectory).map((e) => ({ name: e.name, data: zip.read(e) }));
    const copy = writeZip([...files, { name: twin, data: files.find((f) => f.name === of)!.data }]);
    expect((await verify(writeZip(files), opts)).indication).toBe('PASSED');
    const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    await expectFormatFailure(copy, new RegExp(`"${esc(first)}" and "${esc(twin)}" differ only in case`));
  });
});

describe('a package over the reference budget (64 Signature.xml × 10 000 References), in a child process', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('FAILED / FORMAT_FAILURE with a small report and bounded memory', () => {
    // The reviewer's file: every Signature.xml lists /OFD.xml 10 000 times. Per-file limits alone multiply.
    const signed = readZip(new Uint8Array(readFileSync(join(repoRoot, 'fixtures/ofd/signed-once.ofd'))));
    const files: ZipMemberSpec[] = signed.entries.filter((e) => !e.isDirectory).map((e) => ({ name: e.name, data: signed.read(e) }));
    const refs = '<ofd:Reference FileRef="/OFD.xml"><ofd:CheckValue>AAAA</ofd:CheckValue></ofd:Reference>'.repeat(10_000);
    const sig = `<?xml version="1.0" encoding="UTF-8"?><ofd:Signature xmlns:ofd="${NS}"><ofd:SignedInfo><ofd:Provider ProviderName="x"/><ofd:References CheckMethod="SM3">${refs}</ofd:References></ofd:SignedInfo><ofd:SignedValue>/Doc_0/Signs/Sign_0/SignedValue.dat</ofd:SignedValue></ofd:Signature>`;
    const list = `<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures xmlns:ofd="${NS}">${Array.from({ length: 64 }, (_, i) => `<ofd:Signature ID="${i}" BaseLoc="/Doc_0/Signs/S_${i}/Signature.xml"/>`).join('')}</ofd:Signatures>`;
    const bytes = writeZip([
      ...files.map((f) => (f.name === 'Doc_0/Signs/Signatures.xml' ? { ...f, data: list } : f)),
      ...Array.from({ length: 64 }, (_, i) => ({ name: `Doc_0/Signs/S_${i}/Signature.xml`, data: sig })),
    ]);
    expect(bytes.length).toBeLessThan(1 << 20);
    const file = join(mkdtempSync(join(tmpdir(), 'heyan-refflood-')), 'refflood.ofd');
    writeFileSync(file, bytes);
    const script = `
      import { readFileSync } from 'node:fs';
      const { verify } = await import(${JSON.stringify(join(repoRoot, 'packages/core/dist/index.js'))});
      const bytes = new Uint8Array(readFileSync(${JSON.stringify(file)}));
      globalThis.gc?.();
      const before = process.memoryUsage().rss;
      const r = await verify(bytes);
      const after = Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
      console.log(JSON.stringify({ indication: r.indication, sub: r.subIndication, format: r.format, growthMiB: Math.round((after - before) / 1048576), reportBytes: JSON.stringify(r).length, checks: r.checks.filter((c) => c.status === 'failed').map((c) => c.message.en) }));
    `;
    const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { indication: string; sub: string; format: string; growthMiB: number; reportBytes: number; checks: string[] };
    console.log(`reference flood: RSS growth ${r.growthMiB} MiB, report ${r.reportBytes} bytes`);
    expect(r.indication).toBe('FAILED');
    expect(r.sub).toBe('FORMAT_FAILURE');
    expect(r.format).toBe('ofd');
    expect(r.checks.join('\n')).toMatch(/over the package limit of 20000/);
    expect(r.reportBytes).toBeLessThan(100_000);
    expect(r.growthMiB).toBeLessThan(200);
  }, 120_000);
});

describe('200 MB of junk, in a child process', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  // The child allocates the input, then records RSS before and after verify(): the growth is what verification
  // costs on top of holding the input. Printed for the record; the bound is generous, no timing is asserted.
  const script = (kind: 'random' | 'zip-header') => `
    import { randomFillSync } from 'node:crypto';
    const { verify } = await import(${JSON.stringify(join(repoRoot, 'packages/core/dist/index.js'))});
    const bytes = new Uint8Array(200 * 1024 * 1024);
    for (let o = 0; o < bytes.length; o += 1 << 24) randomFillSync(bytes, o, Math.min(1 << 24, bytes.length - o));
    ${kind === 'zip-header' ? 'bytes.set([0x50, 0x4b, 0x03, 0x04]);' : ''}
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    const r = await verify(bytes);
    const after = Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    console.log(JSON.stringify({ indication: r.indication, sub: r.subIndication, format: r.format, growthMiB: Math.round((after - before) / 1048576), checks: r.checks.map((c) => c.id + ':' + c.status) }));
  `;

  it.each(['random', 'zip-header'] as const)('%s junk: FAILED / FORMAT_FAILURE, bounded memory', (kind) => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script(kind)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { indication: string; sub: string; growthMiB: number };
    console.log(`200 MB ${kind} junk: RSS growth ${r.growthMiB} MiB`);
    expect(r.indication).toBe('FAILED');
    expect(r.sub).toBe('FORMAT_FAILURE');
    expect(r.growthMiB).toBeLessThan(100);
  }, 120_000);
});
