// scripts/make-ofd.js: the OFD fixtures it writes (into a temp folder) and the committed ones in fixtures/ofd/ verify
// with the current test PKI; the unsigned ones are well-formed OFDs with no signature; unzip accepts all of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustStore, loadCertificates, openOfd, readDocumentStructure, readSignatureDocument, readZip, verifyOfd } from '@heyan/core';
import { ensureBuilt, repoRoot } from './helpers/cli.js';

const AT = new Date('2030-01-01T00:00:00Z');
let dir: string;
let trust: TrustStore;

beforeAll(async () => {
  ensureBuilt(); // the script imports the built core
  const script = (await import(pathToFileURL(join(repoRoot, 'scripts/make-ofd.js')).href)) as { makeOfdFixtures: (out: string) => { seal: string } };
  dir = mkdtempSync(join(tmpdir(), 'heyan-make-ofd-'));
  script.makeOfdFixtures(dir);
  const cert = (f: string) => loadCertificates(new Uint8Array(readFileSync(join(repoRoot, 'fixtures/pki/sm2', f))))[0]!;
  trust = new TrustStore().addAnchor(cert('root.pem')).addIntermediate(cert('intermediate.pem'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXPECTED = { 'signed-once.ofd': 1, 'signed-twice.ofd': 2, 'signed-protected.ofd': 1, 'signed-timestamped.ofd': 1 } as const;

describe.each([
  ['written now', () => dir],
  ['committed fixtures/ofd', () => join(repoRoot, 'fixtures/ofd')],
])('make-ofd.js fixtures (%s)', (_, folder) => {
  const read = (f: string): Uint8Array => new Uint8Array(readFileSync(join(folder(), f)));

  it.each(Object.entries(EXPECTED))('%s verifies PASSED at 2030-01-01 with the SM2 test PKI', (file, count) => {
    const r = verifyOfd(read(file), { trust, time: AT });
    expect(r.checks.concat(r.signatures.flatMap((s) => s.checks)).filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => c.id)).toEqual([]);
    expect(r.indication).toBe('PASSED');
    expect(r.signatures).toHaveLength(count);
  });

  it('the unsigned documents are OFDs without signatures, with 1 and 2 pages', () => {
    for (const [file, pages] of [['unsigned.ofd', 1], ['unsigned-2p.ofd', 2]] as const) {
      const pkg = openOfd(read(file));
      expect(pkg.docBodies[0]!.signaturesLoc).toBeUndefined();
      expect(readDocumentStructure(pkg, pkg.docBodies[0]!.docRoot!).pages).toHaveLength(pages);
      const r = verifyOfd(read(file), { trust, time: AT });
      expect(r.indication).toBe('FAILED');
      expect(r.checks.find((c) => c.id === 'ofd.signatures.present')?.status).toBe('failed');
    }
  });

  it('signed-timestamped carries a timestamp that verifies (1 s after the signing time)', () => {
    const r = verifyOfd(read('signed-timestamped.ofd'), { trust, time: AT });
    expect(r.signatures[0]!.checks.find((c) => c.id === 'seal.signature.timestamp')?.status).toBe('passed');
    expect(r.signatures[0]!.timestamp?.time).toBe('2026-01-15T08:00:01.000Z');
  });

  it('signed-protected references Signatures.xml; signed-twice has Sign_1 covering Sign_0', () => {
    const locked = openOfd(read('signed-protected.ofd'));
    expect(readSignatureDocument(locked, 'Doc_0/Signs/Sign_0/Signature.xml').references.map((r) => r.path)).toContain('Doc_0/Signs/Signatures.xml');
    const twice = openOfd(read('signed-twice.ofd'));
    const refs = readSignatureDocument(twice, 'Doc_0/Signs/Sign_1/Signature.xml').references.map((r) => r.path);
    expect(refs).toEqual(expect.arrayContaining(['Doc_0/Signs/Sign_0/Signature.xml', 'Doc_0/Signs/Sign_0/SignedValue.dat', 'Doc_0/Signs/Sign_0/Seal.esl']));
  });

  it('unzip -t accepts every file, and signed-once has the member list of ofdrw-SESV4SignDoc.ofd', () => {
    for (const f of ['unsigned.ofd', 'unsigned-2p.ofd', ...Object.keys(EXPECTED)]) {
      const u = spawnSync('unzip', ['-t', join(folder(), f)], { encoding: 'utf8' });
      expect(u.stdout, f).toContain('No errors detected');
    }
    const ofdrw = readZip(new Uint8Array(readFileSync(join(repoRoot, '../shared/corpus/ofd-ses/ofd/ofdrw-SESV4SignDoc.ofd')))).entries.map((e) => e.name);
    expect(new Set(readZip(read('signed-once.ofd')).entries.map((e) => e.name))).toEqual(new Set(ofdrw));
  });
});
