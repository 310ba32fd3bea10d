// Hostile and broken inputs: verify() must return FAILED / FORMAT_FAILURE with a named reason, never throw or hang,
// and never reach its `verify.internal` catch-all (that is where a TypeError in a parser ends up: a bug, not a
// verdict); the CLI exits 1 on such a file (3 is kept for usage errors and unreadable paths).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, issueCertificate, renderJson, renderText, signDetached, verify, type Report } from '@heyan/core';
import { ensureBuilt, heyan } from './helpers/cli.js';
import { INTERNAL_CHECK_ID, internalErrors, reportProblems } from './helpers/report-shape.js';

const DAY = 86_400_000;
// Built at module level: it.each needs the cases when tests are collected, before any beforeAll.
const key = generateKeyPair('p256');
const cert = issueCertificate({ subject: { CN: 'bad input test' }, publicKey: key.publicKey, issuerKey: key, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + DAY) });
const certDer = cert.der;
const certPem = cert.toPem();
const cmsDer = signDetached({ content: Buffer.from('content'), key, certificate: cert });

function deepNesting(depth: number, indefinite: boolean): Uint8Array {
  if (indefinite) {
    const b = new Uint8Array(depth * 4);
    for (let i = 0; i < depth; i++) b.set([0x30, 0x80], i * 2);
    return b; // the trailing zeros close every level
  }
  // Definite lengths from the inside out: SEQUENCE { SEQUENCE { ... NULL } }
  let inner: Uint8Array = Uint8Array.of(0x05, 0x00);
  for (let i = 0; i < depth; i++) {
    const n = inner.length;
    const hdr = n < 0x80 ? [0x30, n] : n < 0x100 ? [0x30, 0x81, n] : n < 0x10000 ? [0x30, 0x82, n >> 8, n & 0xff] : [0x30, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    const next = new Uint8Array(hdr.length + n);
    next.set(hdr);
    next.set(inner, hdr.length);
    inner = next;
  }
  return inner;
}

const cases: () => [string, Uint8Array][] = () => [
  ['random bytes', new Uint8Array(randomBytes(4096))],
  ['random bytes after a SEQUENCE tag', Uint8Array.from([0x30, ...randomBytes(1000)])],
  ['truncated certificate DER', certDer.subarray(0, certDer.length - 1)],
  ['certificate DER cut in its header', certDer.subarray(0, 3)],
  ['truncated CMS', cmsDer.subarray(0, Math.floor(cmsDer.length / 2))],
  ['a length past the end', Uint8Array.from([0x30, 0x84, 0x10, 0x00, 0x00, 0x00, ...certDer.subarray(4)])],
  ['an inner length past its container', (() => { const b = new Uint8Array(certDer); b[5] = 0xff; return b; })()],
  ['indefinite length never closed', Uint8Array.of(0x30, 0x80, 0x30, 0x80, 0x02, 0x01, 0x01)],
  ['indefinite length on a primitive', Uint8Array.of(0x30, 0x80, 0x04, 0x80, 0x41, 0x00, 0x00, 0x00, 0x00)],
  ['indefinite-length structure of no known kind', Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00)],
  ['nesting 10 000 deep (definite)', deepNesting(10_000, false)],
  ['nesting 100 000 deep (indefinite)', deepNesting(100_000, true)],
  ['a 5-octet length field', Uint8Array.of(0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00)],
  ['wrong PEM armour (END label differs)', Buffer.from(certPem.replace('END CERTIFICATE', 'END PRIVATE KEY'))],
  ['PEM with a broken base64 body', Buffer.from(certPem.replace(/\n(.{8})/, '\n$1*'))],
  ['PEM with no END line', Buffer.from(certPem.split('-----END')[0]!)],
  ['PEM armour around random bytes', Buffer.from(`-----BEGIN CERTIFICATE-----\n${randomBytes(300).toString('base64')}\n-----END CERTIFICATE-----\n`)],
  ['PKCS7 armour around a certificate', Buffer.from(certPem.replaceAll('CERTIFICATE', 'PKCS7'))],
  ['certificate with trailing garbage', Uint8Array.from([...certDer, 0x13, 0x37])],
];

async function expectFormatFailure(name: string, bytes: Uint8Array): Promise<Report> {
  const r = await verify(bytes, { name });
  expect(reportProblems(r), name).toEqual([]);
  expect(internalErrors(r), name).toEqual([]);
  expect(r.indication, name).toBe('FAILED');
  expect(r.subIndication, name).toBe('FORMAT_FAILURE');
  const reason = [...r.checks, ...r.signatures.flatMap((s) => s.checks)].find((c) => c.status === 'failed');
  expect(reason, name).toBeDefined();
  expect(reason!.message.en.length, name).toBeGreaterThan(10);
  // Both views render without throwing.
  expect(() => renderText(r, { verbose: true })).not.toThrow();
  expect(() => JSON.parse(renderJson(r))).not.toThrow();
  return r;
}

describe('verify() on broken input', () => {
  it.each(cases())('%s → FAILED / FORMAT_FAILURE with a reason', async (name, bytes) => {
    await expectFormatFailure(name, bytes);
  });

  it('the reason names the problem (nesting limit, length past the end, armour)', async () => {
    const deep = await verify(deepNesting(10_000, false));
    expect(JSON.stringify(deep.checks)).toMatch(/nesting deeper than 64/);
    const past = await verify(Uint8Array.from([0x30, 0x84, 0x10, 0x00, 0x00, 0x00, 0x05, 0x00]));
    expect(JSON.stringify(past.checks)).toMatch(/runs past the end/);
    const armour = await verify(Buffer.from(certPem.replace('END CERTIFICATE', 'END X509 CRL')));
    expect(JSON.stringify(armour.checks)).toMatch(/no matching \\"END CERTIFICATE\\"/);
  });

  it('50 MB of garbage in several flavours is rejected quickly, without throwing', async () => {
    const size = 50 * 1024 * 1024;
    const random = new Uint8Array(size);
    for (let o = 0; o < size; o += 65536) random.set(randomBytes(65536), o);
    random[0] = 0x30; // looks like DER at first glance
    random[1] = 0x84;
    for (const [name, bytes] of [
      ['random', random],
      ['zeros', new Uint8Array(size)],
      ['letters', new Uint8Array(size).fill(0x41)],
      ['PEM-armoured', Buffer.from(`-----BEGIN CERTIFICATE-----\n${Buffer.from(random.subarray(0, 30 * 1024 * 1024)).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`)],
    ] as [string, Uint8Array][]) {
      const r = await verify(bytes, { name });
      expect(r.indication, name).toBe('FAILED');
      expect(r.subIndication, name).toBe('FORMAT_FAILURE');
      expect(internalErrors(r), name).toEqual([]);
      expect(r.input.size).toBe(bytes.length);
    }
  });

  it('the verify.internal guard is live: a non-byte input reaches the catch-all and is caught by it', async () => {
    // So the assertions above could fail: this is the check id they forbid, and internalErrors() sees it.
    const r = await verify('not bytes' as unknown as Uint8Array);
    expect(r.checks.map((c) => c.id)).toContain(INTERNAL_CHECK_ID);
    expect(internalErrors(r)).toHaveLength(1);
  });
});

describe('the CLI on broken files', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'heyan-bad-'));
  });

  it('exits 1 (FAILED) for each broken file in one batch, with FORMAT_FAILURE in the JSON and nothing on stderr', () => {
    const files = cases().map(([name, bytes], i) => {
      const f = join(dir, `bad-${i}.bin`);
      writeFileSync(f, bytes);
      return { name, f };
    });
    const r = heyan(['verify', ...files.map((x) => x.f), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { summary: { failed: number }; reports: Report[] };
    expect(doc.summary.failed).toBe(files.length);
    for (const rep of doc.reports) {
      expect(rep.subIndication).toBe('FORMAT_FAILURE');
      expect(internalErrors(rep), rep.input.name).toEqual([]);
    }
  });

  it('a 50 MB random file: exit 1, one FAILED / FORMAT_FAILURE report, no verify.internal', () => {
    const f = join(dir, 'garbage-50mb.bin');
    const size = 50 * 1024 * 1024;
    const random = Buffer.alloc(size);
    for (let o = 0; o < size; o += 65536) randomBytes(65536).copy(random, o);
    writeFileSync(f, random);
    const r = heyan(['verify', f, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { summary: { total: number; failed: number }; reports: Report[] };
    expect(doc.summary).toMatchObject({ total: 1, failed: 1 });
    expect(doc.reports).toHaveLength(1);
    const rep = doc.reports[0]!;
    expect(rep.indication).toBe('FAILED');
    expect(rep.subIndication).toBe('FORMAT_FAILURE');
    expect(rep.input.size).toBe(size);
    expect(internalErrors(rep)).toEqual([]);
  });

  it('text output for a broken file: one report, exit 1, no stack trace', () => {
    const f = join(dir, 'deep.der');
    writeFileSync(f, deepNesting(10_000, false));
    const r = heyan(['verify', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FORMAT_FAILURE');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });
});
