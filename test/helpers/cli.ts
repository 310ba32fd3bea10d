// Test helper: run the built `heyan` binary. Builds it first when dist is missing or older than a source file
// (so `npx vitest run test/...` works without `npm test`'s pretest build). A lock folder keeps parallel test
// files from running two builds at once.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const binPath = join(repoRoot, 'packages/cli/dist/bin.js');
/** What bin.js runs when it is up to date (scripts/bundle-cli.js). */
const bundlePath = join(repoRoot, 'packages/cli/dist/heyan.mjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function mtime(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

// tsc does not rewrite outputs whose text is unchanged, so a stamp written after each build marks "built at".
const stampPath = join(repoRoot, 'node_modules/.heyan-build-stamp');

function stale(): boolean {
  const outputs = Math.min(mtime(binPath), mtime(bundlePath), mtime(join(repoRoot, 'packages/core/dist/index.js')));
  const built = outputs === 0 ? 0 : Math.max(outputs, mtime(stampPath));
  const src = Math.max(newestSource(join(repoRoot, 'packages/core/src')), newestSource(join(repoRoot, 'packages/cli/src')));
  return built === 0 || built < src;
}

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export function ensureBuilt(): void {
  if (!stale()) return;
  const lock = join(repoRoot, 'node_modules/.heyan-build-lock');
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000) rmSync(lock, { recursive: true, force: true }); // a crashed build left it behind
      sleep(200);
    }
  }
  try {
    if (stale()) {
      const started = Date.now();
      try {
        execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', 'packages/core', 'packages/cli'], { cwd: repoRoot, stdio: 'pipe' });
      } catch (e) {
        // `npm test` builds first and fails on type errors; here (a single test file run while other code is
        // half-written) tsc still emitted, so go on with what was built and say why.
        if (mtime(binPath) === 0) throw e;
        process.stderr.write(`ensureBuilt: tsc reported errors; using the emitted output\n${String((e as { stdout?: unknown }).stdout ?? '')}\n`);
      }
      // The rest of `npm run build`: the CLI bundle bin.js runs (without it, bin.js runs tsc's output).
      execFileSync(process.execPath, [join(repoRoot, 'scripts/bundle-cli.js')], { cwd: repoRoot, stdio: 'pipe' });
      writeFileSync(stampPath, String(started));
      utimesSync(stampPath, started / 1000, started / 1000); // sources saved during the build stay newer
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function heyan(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Run {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [binPath, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env,
    encoding: 'utf8',
    input: opts.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function openssl(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A verify --json document. */
export interface BatchJson {
  summary: { total: number; passed: number; failed: number; indeterminate: number };
  reports: Array<{
    input: { name?: string; sha256: string; size: number };
    format: string;
    indication: string;
    subIndication?: string;
    validationTime: string;
    signatures: Array<{ index: number; kind: string; indication: string; subIndication?: string; algorithm?: string; signer?: { subject: string }; checks: Array<{ id: string; status: string }> }>;
    checks: Array<{ id: string; status: string; message: { zh: string; en: string } }>;
    advice?: { zh: string; en: string };
  }>;
}

export function json(r: Run): BatchJson {
  return JSON.parse(r.stdout) as BatchJson;
}

export interface ServedTsa {
  child: ChildProcess;
  /** Base URL ("http://127.0.0.1:PORT/"); tokens are served at `${url}tsa`. */
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** `heyan tsa serve --port 0 …args` started from the built binary; resolves once it prints its "listening on" line. */
export function serveTsa(args: string[]): Promise<ServedTsa> {
  const child = spawn(process.execPath, [binPath, 'tsa', 'serve', '--port', '0', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec((out += d.toString()));
      if (m) resolve({ child, url: m[1]!, stderr: () => err, exit });
    });
    void exit.then((code) => reject(new Error(`heyan tsa serve exited ${code}: ${err}`)));
  });
}

/** Stop a served TSA if it still runs. */
export function stopTsa(s: ServedTsa | undefined, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (s && s.child.exitCode === null && s.child.signalCode === null) s.child.kill(signal);
}
