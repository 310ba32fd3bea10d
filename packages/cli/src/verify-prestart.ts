// Worker threads for `heyan verify --jobs N`, started by cli.ts before the library is loaded: a worker spends about
// 0.2 s of CPU loading @heyan/core, and started here it does so on another core while this thread loads its own
// copy, instead of after it. This module imports nothing heavy. The guess (a verify command with several inputs) is
// cheap to get wrong: verify-pool.ts takes the workers it needs and stops the others; unused ones never keep the
// process alive.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

// Bundled (scripts/bundle-cli.js), this module is part of a heyan*.mjs file and the worker is heyan-worker.mjs.
const WORKER_URL = new URL(import.meta.url.endsWith('.mjs') ? './heyan-worker.mjs' : './verify-worker.js', import.meta.url);

// verify's options that take a value (so their values are not counted as inputs), and those that always verify
// sequentially (see POOL_OPTIONS in verify-pool.ts). Out of date here only costs a wasted or a missing head start.
const VALUE_OPTIONS = [
  'content', 'signature', 'cert', 'trust', 'crl', 'at', 'id', 'weak', 'qr', 'qr-image', 'registry', 'pdf-policy',
  'revocation', 'jobs', 'bundle', 'bundle-root', 'bundle-signer', 'bundle-state', 'bundle-grace',
];
const SEQUENTIAL = ['signature', 'qr', 'qr-image', 'help', 'h'];

/**
 * Inputs each worker needs before the default uses it: a worker's start (loading the bundled library, warming up
 * its compiler) costs about 0.1 s of CPU, as much as verifying thirty files, and it runs at the lowest priority
 * (verify-worker.ts), so it only pays off on batches of some size.
 */
const INPUTS_PER_WORKER = 64;

/**
 * --jobs when not given: one thread per core, at most one per input and one worker per INPUTS_PER_WORKER inputs.
 * Workers run niced, so V8's compiler and collector threads of the busy main thread still get CPU first. Measured on
 * 2 cores with the bundled CLI (200 PDFs): --jobs 2 0.78–0.85 s against 0.79–0.92 s for --jobs 1; before the CLI was
 * bundled a worker took ≈ 0.3 s to load ~300 modules and was slower than none, hence the earlier cores − 1.
 */
export function defaultJobs(inputs: number): number {
  return Math.max(1, Math.min(availableParallelism(), inputs, 1 + Math.floor(inputs / INPUTS_PER_WORKER)));
}

let started: Worker[] = [];
const gone = new WeakSet<Worker>();

/** A new verification worker (it loads the library at once and waits for its options). */
export function startVerifyWorker(): Worker {
  return new Worker(WORKER_URL);
}

/** Start the workers `heyan <argv>` will probably use: jobs − 1 for a verify command with several inputs. */
export function prestartVerifyWorkers(argv: readonly string[]): void {
  if (argv[0] !== 'verify') return;
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    const options = Object.fromEntries(VALUE_OPTIONS.map((o) => [o, { type: 'string' as const, multiple: true }]));
    ({ values, positionals } = parseArgs({ args: argv.slice(1), options, strict: false, allowPositionals: true }));
  } catch {
    return; // verify.ts reports the problem
  }
  if (SEQUENTIAL.some((o) => values[o] !== undefined)) return;
  const jobsText = (values.jobs as string[] | undefined)?.at(-1);
  const inputs = positionals.length;
  const jobs = jobsText === undefined ? defaultJobs(inputs) : /^[1-9][0-9]{0,3}$/.test(jobsText) ? Math.min(Number(jobsText), inputs) : 1;
  const n = jobs - 1;
  for (let i = 0; i < n; i++) {
    const w = startVerifyWorker();
    w.unref();
    // An unused worker that fails to start is of no concern; one that is used reports through the pool.
    w.on('error', () => {});
    w.once('exit', () => gone.add(w));
    started.push(w);
  }
}

/** Up to `n` prestarted workers, kept alive by the caller from now on; the others are stopped. */
export function takePrestarted(n: number): Worker[] {
  const alive = started.filter((w) => !gone.has(w));
  const taken = alive.slice(0, Math.max(0, n));
  for (const w of alive.slice(taken.length)) void w.terminate();
  started = [];
  for (const w of taken) w.ref();
  return taken;
}
