// heyan verify --jobs N with a trust bundle (--bundle, opened and checked once by the main thread, rollback state
// included; workers reopen the same bytes at the same time) and a registry (--registry, opened read-only by every
// worker): the pool prints exactly what --jobs 1 prints for an auditor's batch of licence PDFs and OFDs — valid,
// revoked in the bundle's status list, revoked in the registry, changed after signing, issued by an issuer the bundle
// does not authorise — mixed with plain PDFs and CMS files. A refused bundle gives the same output as --jobs 1; a
// missing registry is exit 3 as before; a worker that cannot rebuild the bundle fails the run.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, repoRoot } from './helpers/cli.js';
import { REVOKED_INDEX, fixturePki, fixturePath, licenceWorldFor, type TypedWorld } from './helpers/credential-pki.js';
import { otherLicence } from './helpers/licence-docs.js';
import { testSeal } from '../packages/core/src/license/document/test-support.js';
import { exampleRecord } from '../packages/core/src/license/example.js';
import { issueLicenseDocument } from '../packages/core/src/license/issue-document.js';
import type { LicenseRecord } from '../packages/core/src/license/model.js';
import { openRegistry } from '../packages/core/src/registry/open-registry.js';
import type { Report } from '../packages/core/src/report/types.js';

const pki = fixturePki('sm2');
const maker = pki.party('seal-maker');
const seal = testSeal(pki.signer, { key: maker.key, cert: maker.cert });
const VALID_INDEX = 5;
const REASON = '以欺骗手段取得登记 registry-revocation';

let work: string;
let w: TypedWorld;
let at: string;
let bundlePath: string;
let registryPath: string;
/** Licence documents by role, then the whole batch (documents and plain files, some twice). */
const docs: Record<string, string> = {};
let inputs: string[] = [];

const bundleArgs = (state: string, root = fixturePath('pki/sm2/root.pem')): string[] => [
  '--bundle', bundlePath, '--bundle-root', root, '--bundle-signer', fixturePath('pki/sm2/seal-maker.pem'), '--bundle-state', join(work, state), '--at', at,
];
type Batch = { summary: { passed: number; failed: number; indeterminate: number }; reports: Report[] };
const reportOf = (b: Batch, path: string): Report => b.reports.find((r) => r.input.name === path)!;

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'heyan-jobs-bundle-'));
  w = licenceWorldFor(pki, '营业执照');
  at = w.at.toISOString();
  bundlePath = join(work, 'trust.hytb');
  writeFileSync(bundlePath, w.bundleBytes);
  const time = new Date(w.at.getTime() - 3_600_000);
  const issue = async (name: string, record: LicenseRecord, format: 'pdf' | 'ofd', index: number): Promise<Uint8Array> => {
    const d = await issueLicenseDocument({ record, format, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], seal, time, status: { listId: w.listId, index } });
    docs[name] = join(work, `${name}.${format}`);
    writeFileSync(docs[name], d.bytes);
    return d.bytes;
  };
  const other = otherLicence(w.record);
  await issue('valid', w.record, 'pdf', VALID_INDEX);
  await issue('valid-ofd', w.record, 'ofd', VALID_INDEX);
  await issue('list-revoked', w.record, 'pdf', REVOKED_INDEX);
  await issue('list-revoked-ofd', w.record, 'ofd', REVOKED_INDEX);
  await issue('registry-revoked', other, 'pdf', VALID_INDEX + 1);
  await issue('registry-revoked-ofd', other, 'ofd', VALID_INDEX + 1);
  // An issuer the bundle does not list, with the same key.
  await issue('unauthorised', exampleRecord('建筑业企业资质证书'), 'pdf', VALID_INDEX);
  // The licence identifier in the signed XMP metadata changed after signing (its last digit).
  const tampered = await issue('tampered', w.record, 'pdf', VALID_INDEX);
  const id = Buffer.from(tampered).indexOf(w.record.certificateIdentifier, 0, 'latin1');
  expect(id).toBeGreaterThan(0);
  const last = id + w.record.certificateIdentifier.length - 1;
  tampered[last] = tampered[last] === 0x30 ? 0x31 : 0x30;
  writeFileSync(docs.tampered!, tampered);

  registryPath = join(work, 'registry.sqlite');
  const registry = openRegistry(registryPath);
  await registry.register(w.record, { statusIndex: VALID_INDEX });
  await registry.register(other, { statusIndex: VALID_INDEX + 1 });
  await registry.setStatus(other.certificateIdentifier, 'revoked', { reason: REASON, at: new Date(w.at.getTime() - 1_800_000) });
  await registry.close();

  const plain = (dir: string, ext: RegExp): string[] => readdirSync(fixturePath(dir)).filter((n) => ext.test(n)).sort().map((n) => fixturePath(`${dir}/${n}`));
  const documents = Object.values(docs);
  inputs = [...documents, ...plain('demo', /\.(p7m|pdf)$/), ...plain('pdf/attacks', /\.pdf$/).slice(0, 6), ...documents];
  expect(inputs.length).toBeGreaterThan(20);
}, 120_000);

describe('verify --jobs with --bundle and --registry', () => {
  it('--bundle --json: --jobs 2, --jobs 3 and the default print what --jobs 1 prints; every verdict as expected', () => {
    const one = heyan(['verify', ...inputs, '--json', ...bundleArgs('s1.json'), '--jobs', '1']);
    expect(one.stderr).toBe('');
    const b = JSON.parse(one.stdout) as Batch;
    expect(b.reports.map((r) => r.input.name)).toEqual(inputs);
    const verdict = (name: string): string => `${reportOf(b, docs[name]!).indication}/${reportOf(b, docs[name]!).subIndication ?? ''}`;
    expect(verdict('valid')).toBe('PASSED/');
    expect(verdict('valid-ofd')).toBe('PASSED/');
    expect(verdict('list-revoked')).toBe('FAILED/REVOKED');
    expect(verdict('list-revoked-ofd')).toBe('FAILED/REVOKED');
    expect(verdict('tampered')).toMatch(/^FAILED/);
    expect(verdict('unauthorised')).not.toBe('PASSED/');
    // Every report names the bundle it used.
    for (const r of b.reports) expect(r.checks.find((c) => c.id === 'trust.bundle.used')?.status).toBe('passed');
    expect(one.code).toBe(1);
    for (const jobs of [['--jobs', '2'], ['--jobs', '3'], []]) {
      const many = heyan(['verify', ...inputs, '--json', ...bundleArgs('s1.json'), ...jobs]);
      expect(many.stderr).toBe('');
      expect(many.code).toBe(one.code);
      expect(many.stdout).toBe(one.stdout);
    }
  });

  it('--bundle --registry (text and --json): the pool prints what --jobs 1 prints; the registry decides the status', () => {
    const args = [...bundleArgs('s2.json'), '--registry', registryPath];
    const one = heyan(['verify', ...inputs, '--json', ...args, '--jobs', '1']);
    expect(one.stderr).toBe('');
    const b = JSON.parse(one.stdout) as Batch;
    for (const name of ['registry-revoked', 'registry-revoked-ofd']) {
      const r = reportOf(b, docs[name]!);
      expect([r.indication, r.subIndication]).toEqual(['FAILED', 'REVOKED']);
      expect(JSON.stringify(r)).toContain(REASON);
    }
    expect(reportOf(b, docs.valid!).indication).toBe('PASSED');
    const two = heyan(['verify', ...inputs, '--json', ...args, '--jobs', '2']);
    expect(two.stderr).toBe('');
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    const textOne = heyan(['verify', ...inputs, '--verbose', ...args, '--jobs', '1']);
    const textThree = heyan(['verify', ...inputs, '--verbose', ...args, '--jobs', '3']);
    expect(textThree.code).toBe(textOne.code);
    expect(textThree.stderr).toBe(textOne.stderr);
    expect(textThree.stdout).toBe(textOne.stdout);
    expect(textOne.stdout).toContain(REASON);
  });

  it('a refused bundle (signer not under the pinned root): every report carries the refusal, as with --jobs 1', () => {
    const args = bundleArgs('s3.json', fixturePath('pki/p256/root.pem'));
    const one = heyan(['verify', ...inputs, '--json', ...args, '--jobs', '1']);
    const two = heyan(['verify', ...inputs, '--json', ...args, '--jobs', '2']);
    const b = JSON.parse(one.stdout) as Batch;
    expect(b.summary.passed).toBe(0);
    for (const r of b.reports) {
      expect(r.checks[0]?.id).toBe('trust.bundle.used');
      expect(r.checks[0]?.status).not.toBe('passed');
    }
    expect(two.code).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
  });

  it('a registry that does not exist: exit 3 with one line, whatever --jobs', () => {
    for (const jobs of [['--jobs', '1'], ['--jobs', '2'], []]) {
      const r = heyan(['verify', ...inputs, '--json', ...bundleArgs('s4.json'), '--registry', join(work, 'none.sqlite'), ...jobs]);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^heyan: cannot read registry .*none\.sqlite: no such file/);
    }
  });
});

describe('verifyInPool with a BundleSpec and a registry (built module, real workers)', () => {
  type PoolModule = typeof import('../packages/cli/src/verify-pool.js');
  const load = async (): Promise<PoolModule> => (await import(pathToFileURL(join(repoRoot, 'packages/cli/dist/verify-pool.js')).href)) as PoolModule;
  const spec = (over: Partial<import('../packages/cli/src/commands/bundle-verify-option.js').BundleSpec> = {}) => ({
    trust: [],
    crl: [],
    at,
    registry: registryPath,
    bundle: {
      bytes: w.bundleBytes,
      anchors: [pki.root.der],
      intermediates: [],
      crls: [],
      signers: [maker.cert.der],
      time: w.at.getTime(),
      digest: w.bundle.digest,
      version: w.bundle.version,
      ...over,
    },
  });

  it('workers alone (this thread not verifying) print what `verify --jobs 1` prints', async () => {
    const pool = await load();
    const core = (await import(pathToFileURL(join(repoRoot, 'packages/core/dist/index.js')).href)) as typeof import('../packages/core/src/index.js');
    const mine = await pool.optionsFromSpec(spec());
    const got: Report[] = [];
    try {
      await pool.verifyInPool(inputs, { spec: spec(), jobs: 3, opts: mine.opts, emit: (r) => got.push(r), thisThreadVerifies: false });
    } finally {
      await mine.close?.();
    }
    const cli = heyan(['verify', ...inputs, '--json', ...bundleArgs('s5.json'), '--registry', registryPath, '--jobs', '1']);
    expect(`${core.renderJsonBatch(got)}\n`).toBe(cli.stdout);
  });

  it('a worker that cannot rebuild the accepted bundle fails the run, never verifies without it', async () => {
    const pool = await load();
    const mine = await pool.optionsFromSpec(spec());
    try {
      // Refused where the worker opens it (a year past its nextUpdate), and a bundle other than the one described.
      for (const [bad, why] of [
        [spec({ time: w.at.getTime() + 365 * 86_400_000 }), /could not start: cannot rebuild the accepted trust bundle: refused here/],
        [spec({ digest: '00'.repeat(32) }), /could not start: cannot rebuild the accepted trust bundle: got version 3/],
      ] as const) {
        const emitted: Report[] = [];
        const run = pool.verifyInPool(inputs.slice(0, 4), { spec: bad, jobs: 2, opts: mine.opts, emit: (r) => emitted.push(r), thisThreadVerifies: false });
        await expect(run).rejects.toThrow(why);
        expect(emitted).toEqual([]);
      }
    } finally {
      await mine.close?.();
    }
  });
});
