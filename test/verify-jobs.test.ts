// heyan verify --jobs N: the pool (this thread + N − 1 worker threads) gives the same output, byte for byte, and the
// same exit code as the sequential loop (--jobs 1), for a mixed batch (PDFs that pass, fail and are indeterminate,
// CMS, certificates, OFD, a detached .p7s beside its content); reports in input order; an unreadable input stops the
// run after the reports before it; a worker that cannot start fails the run.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, repoRoot } from './helpers/cli.js';

const fx = (...p: string[]): string => join(repoRoot, 'fixtures', ...p);
const families = ['sm2', 'p256', 'rsa'];
const trustArgs = families.flatMap((f) => ['--trust', fx('pki', f, 'root.pem'), '--crl', fx('pki', f, 'intermediate.crl.pem')]);
// A fixed validation time: reports carry it, so runs are comparable byte for byte.
const AT = ['--at', '2026-06-01T00:00:00Z'];
let inputs: string[] = [];
let work: string;

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'heyan-jobs-'));
  // X.p7s beside X: the sequential loop and the workers both find the detached content.
  const content = join(work, 'licence.txt');
  writeFileSync(content, 'licence 91110000TEST00001X\n');
  const s = heyan(['sign', 'cms', '--key', fx('pki', 'rsa', 'signer.key.pem'), '--cert', fx('pki', 'rsa', 'chain.pem'), '--content', content, '--out', `${content}.p7s`]);
  expect(s.code).toBe(0);
  const list = (dir: string, ext: RegExp): string[] => readdirSync(fx(dir)).filter((n) => ext.test(n)).sort().map((n) => fx(dir, n));
  inputs = [
    ...list('pdf/attacks', /\.pdf$/),
    `${content}.p7s`,
    ...list('demo', /\.(p7m|pdf|pem)$/),
    ...list('ofd', /\.ofd$/),
    fx('pki', 'rsa', 'expired.pem'),
  ];
  expect(inputs.length).toBeGreaterThan(30);
});

describe('verify --jobs', () => {
  it('--json: --jobs 2 and --jobs 3 print exactly what --jobs 1 prints, with the same exit code', () => {
    const one = heyan(['verify', ...inputs, '--json', ...AT, ...trustArgs, '--jobs', '1']);
    expect(one.stderr).toBe('');
    const doc = JSON.parse(one.stdout) as { summary: { passed: number; failed: number; indeterminate: number }; reports: { input: { name: string } }[] };
    // The batch is mixed, so the exit code and the order both mean something.
    expect(doc.summary.passed).toBeGreaterThan(0);
    expect(doc.summary.failed).toBeGreaterThan(0);
    expect(doc.reports.map((r) => r.input.name)).toEqual(inputs);
    expect(one.code).toBe(1);
    for (const jobs of ['2', '3']) {
      const many = heyan(['verify', ...inputs, '--json', ...AT, ...trustArgs, '--jobs', jobs]);
      expect(many.stderr).toBe('');
      expect(many.code).toBe(one.code);
      expect(many.stdout).toBe(one.stdout);
    }
  });

  it('text output, the default --jobs, and the options a worker rebuilds (--weak, --pdf-policy, --id, --revocation): same', () => {
    const opts = ['--weak', 'fail', '--pdf-policy', 'general', '--id', '1234567812345678', '--revocation', 'if-available', ...AT, ...trustArgs];
    const one = heyan(['verify', ...inputs, ...opts, '--verbose', '--jobs', '1']);
    const two = heyan(['verify', ...inputs, ...opts, '--verbose', '--jobs', '2']);
    expect(two.code).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('licence.txt.p7s');
    // The default (as many jobs as cores, at least 2 here) too.
    const dflt = heyan(['verify', ...inputs, ...opts, '--verbose']);
    expect(dflt.code).toBe(one.code);
    expect(dflt.stdout).toBe(one.stdout);
  });

  it('--jobs must be a whole number ≥ 1: exit 3 with one line', () => {
    for (const bad of ['0', 'x', '-1', '2.5']) {
      const r = heyan(['verify', ...inputs.slice(0, 2), '--jobs', bad]);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^heyan: .*--jobs/);
    }
  });
});

describe('verifyInPool (built module, real workers)', () => {
  type PoolModule = typeof import('../packages/cli/src/verify-pool.js');
  const load = async (): Promise<PoolModule> => (await import(pathToFileURL(join(repoRoot, 'packages/cli/dist/verify-pool.js')).href)) as PoolModule;
  const spec = { trust: families.map((f) => fx('pki', f, 'root.pem')), crl: [], at: '2026-06-01T00:00:00.000Z' };

  it('workers alone (this thread not verifying) print what `verify --jobs 1` prints for the same options', async () => {
    const pool = await load();
    const core = (await import(pathToFileURL(join(repoRoot, 'packages/core/dist/index.js')).href)) as typeof import('../packages/core/src/index.js');
    // Every option a worker rebuilds, as a PoolSpec and as the command line verify.ts reads.
    const full = {
      trust: families.map((f) => fx('pki', f, 'root.pem')),
      crl: families.map((f) => fx('pki', f, 'intermediate.crl.pem')),
      at: '2026-06-01T00:00:00.000Z',
      id: '1234567812345678',
      weak: 'fail' as const,
      pdfPolicy: 'general' as const,
      revocation: 'if-available' as const,
    };
    const args = [...AT, ...trustArgs, '--id', full.id, '--weak', 'fail', '--pdf-policy', 'general', '--revocation', 'if-available'];
    const { opts } = await pool.optionsFromSpec(full);
    const got: import('../packages/core/src/index.js').Report[] = [];
    await pool.verifyInPool(inputs, { spec: full, jobs: 3, opts, emit: (r) => got.push(r), thisThreadVerifies: false });
    expect(got.map((r) => r.input.name)).toEqual(inputs);
    const cli = heyan(['verify', ...inputs, '--json', ...args, '--jobs', '1']);
    expect(`${core.renderJsonBatch(got)}\n`).toBe(cli.stdout);
  });

  it('an input that cannot be read stops the run after the reports before it (UsageError, as --jobs 1)', async () => {
    const pool = await load();
    const { opts } = await pool.optionsFromSpec(spec);
    const some = [inputs[0]!, inputs[1]!, join(work, 'missing.pdf'), inputs[2]!, inputs[3]!, inputs[4]!];
    const names: (string | undefined)[] = [];
    const run = pool.verifyInPool(some, { spec, jobs: 3, opts, emit: (r) => names.push(r.input.name) });
    await expect(run).rejects.toMatchObject({ name: 'UsageError', message: expect.stringMatching(/cannot read input .*missing\.pdf: no such file/) });
    expect(names).toEqual(some.slice(0, 2));
  });

  it('a worker that cannot load its options fails the run', async () => {
    const pool = await load();
    const { opts } = await pool.optionsFromSpec(spec);
    const bad = { ...spec, crl: [join(work, 'no-such.crl')] };
    const run = pool.verifyInPool(inputs.slice(0, 4), { spec: bad, jobs: 2, opts, emit: () => {}, thisThreadVerifies: false });
    await expect(run).rejects.toThrow(/verification worker could not start: cannot read CRL/);
  });
});
