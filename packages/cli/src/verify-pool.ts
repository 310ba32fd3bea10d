// `heyan verify` over many inputs, `--jobs N` at a time: this thread and N − 1 worker threads (verify-worker.ts)
// take inputs from one queue; reports are handed on in input order as soon as every earlier one is done, so text
// output streams and `--json` is the same document as a sequential run. This thread verifies too: it has the
// library loaded already, and a worker costs a whole library load (≈ 0.2 s of CPU) before its first file.
// Memory stays bounded: a worker reads one file at a time (at most N files are held), and no input is handed
// out more than WINDOW_PER_JOB × N places ahead of the oldest one not yet reported. Given an OutputSpec, whoever
// verified an input also renders its report (report-output.ts): a worker then posts the printed bytes (transferred,
// not copied) instead of a report object this thread would have to deserialise and render itself.
// A trust bundle is opened and checked by this thread only (rollback state included); a worker reopens the same
// bytes at the same time (BundleSpec, bundle-verify-option.ts). A registry is opened read-only by each worker too
// (SQLite allows concurrent readers) and closed when the run is over.
import { basename, dirname, extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import {
  DEFAULT_MAX_INPUT_BYTES,
  isDetachedSignedData,
  loadCertificates,
  loadCrls,
  loadTrustStore,
  verify,
  type Report,
  type VerifyOptions,
} from '@heyan/core';
import { rebuildBundle, type BundleSpec } from './commands/bundle-verify-option.js';
import { openRegistryFile } from './commands/registry-open.js';
import { exists, readInput } from './io.js';
import { renderReport, type OutputSpec, type RenderedReport } from './report-output.js';
import { UsageError, oneOf, parseTime, str, strs, type Parsed } from './usage.js';
import { defaultJobs, startVerifyWorker, takePrestarted } from './verify-prestart.js';

const DETACHED_EXTENSIONS = new Set(['.p7s', '.p7m', '.sig']);

/** One input file, verified with `opts` (+ its name); the same for the sequential loop and the pool. */
export async function verifyInputFile(path: string, opts: VerifyOptions, content?: Uint8Array): Promise<Report> {
  // Past the library's limit a file is not read at all (it would only be refused after filling memory).
  const bytes = readInput(path, 'input', DEFAULT_MAX_INPUT_BYTES);
  const o: VerifyOptions = { ...opts, name: path };
  if (content) o.content = content;
  else if (DETACHED_EXTENSIONS.has(extname(path).toLowerCase())) {
    // X.p7s without --content: the file X beside it, when the signature is detached and X exists.
    const twin = join(dirname(path), basename(path, extname(path)));
    if (exists(twin) && isDetachedSignedData(bytes)) o.content = readInput(twin, 'content');
  }
  return verify(bytes, o);
}

/** --jobs: verifications at a time, never more than the inputs; by default see defaultJobs. */
export function jobCount(p: Parsed, inputs: number): number {
  const text = str(p, 'jobs');
  if (text === undefined) return defaultJobs(inputs);
  if (!/^[1-9][0-9]{0,3}$/.test(text)) throw new UsageError(`--jobs must be a whole number from 1 to 9999 (got "${text}")`);
  return Math.max(1, Math.min(Number(text), inputs));
}

/** What a worker needs to build the same VerifyOptions as verify.ts: paths, plain values and bytes, no objects. */
export interface PoolSpec {
  /** The trust bundle this thread accepted (see rebuildBundle). */
  bundle?: BundleSpec;
  /** Licence status registry (SQLite), opened read-only. */
  registry?: string;
  trust: string[];
  crl: string[];
  cert?: string;
  content?: string;
  at?: string;
  id?: string;
  weak?: 'warn' | 'fail';
  pdfPolicy?: 'licence' | 'general';
  revocation?: 'require' | 'if-available' | 'off';
}

// Options a worker rebuilds (optionsFromSpec) or that only shape this thread's output. Anything else (QR or
// raw-signature modes, options added later) keeps the sequential path, so a run is never verified with fewer options
// than were given. The --bundle options are used by this thread to open the bundle: workers get its BundleSpec.
const POOL_OPTIONS = new Set([
  'trust', 'crl', 'cert', 'content', 'at', 'id', 'weak', 'pdf-policy', 'revocation', 'registry', 'json', 'verbose', 'jobs',
  'bundle', 'bundle-root', 'bundle-signer', 'bundle-state', 'bundle-grace',
]);

/**
 * The worker spec for these arguments, or undefined when they need the sequential path. `bundle`: the accepted
 * bundle's spec; with --bundle given but none (the bundle was refused, and every report must carry the refusal),
 * the run is sequential.
 */
export function poolSpec(p: Parsed, bundle?: BundleSpec): PoolSpec | undefined {
  for (const [k, v] of Object.entries(p.values)) if (v !== undefined && !POOL_OPTIONS.has(k)) return undefined;
  if (str(p, 'bundle') !== undefined && !bundle) return undefined;
  const spec: PoolSpec = { trust: strs(p, 'trust'), crl: strs(p, 'crl') };
  if (bundle) spec.bundle = bundle;
  const registry = str(p, 'registry');
  if (registry !== undefined) spec.registry = registry;
  const cert = str(p, 'cert');
  const content = str(p, 'content');
  const at = parseTime(str(p, 'at'), 'at');
  const id = str(p, 'id');
  const weak = oneOf(str(p, 'weak'), ['warn', 'fail'] as const, 'weak');
  const pdfPolicy = oneOf(str(p, 'pdf-policy'), ['licence', 'general'] as const, 'pdf-policy');
  const revocation = oneOf(str(p, 'revocation'), ['require', 'if-available', 'off'] as const, 'revocation');
  if (cert !== undefined) spec.cert = cert;
  if (content !== undefined) spec.content = content;
  if (at) spec.at = at.toISOString();
  if (id !== undefined) spec.id = id;
  if (weak) spec.weak = weak;
  if (pdfPolicy) spec.pdfPolicy = pdfPolicy;
  if (revocation) spec.revocation = revocation;
  return spec;
}

/** What optionsFromSpec builds. */
export interface WorkerOptions {
  opts: VerifyOptions;
  content?: Uint8Array;
  /** Releases what the options hold open (the registry). */
  close?: () => Promise<void>;
}

/** In a worker: the VerifyOptions (and --content bytes) verify.ts builds from the same arguments. */
export async function optionsFromSpec(s: PoolSpec): Promise<WorkerOptions> {
  const opts: VerifyOptions = {};
  // The bundle first: a worker that cannot rebuild it fails to start (never verifies without it).
  if (s.bundle) opts.bundle = rebuildBundle(s.bundle);
  if (s.trust.length > 0) opts.trust = await loadTrustStore(s.trust);
  const crls = s.crl.flatMap((c) => loadCrls(readInput(c, 'CRL')));
  if (crls.length > 0) opts.crls = crls;
  if (s.cert !== undefined) opts.certificates = loadCertificates(readInput(s.cert, 'certificate'));
  if (s.at !== undefined) opts.at = new Date(s.at);
  if (s.id !== undefined) opts.sm2Id = s.id;
  if (s.weak) opts.policy = { weak: s.weak };
  if (s.pdfPolicy) opts.pdfPolicy = s.pdfPolicy;
  if (s.revocation) opts.revocation = s.revocation;
  const out: WorkerOptions = s.content !== undefined ? { opts, content: readInput(s.content, 'content') } : { opts };
  if (s.registry !== undefined) {
    const registry = openRegistryFile(s.registry, false, true);
    opts.statusRegistry = registry.asStatusSource();
    out.close = () => registry.close();
  }
  return out;
}

/** Messages between this thread and a worker: the options first, then one message per input. */
export type ToWorker = { type: 'spec'; spec: PoolSpec; output?: OutputSpec } | { type: 'verify'; index: number; path: string } | { type: 'close' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; index: number; report: Report }
  | { type: 'rendered'; index: number; rendered: RenderedReport }
  | { type: 'error'; index: number; message: string; usage: boolean };

/** A verified input: its report, or (with an OutputSpec) the report as printed. */
type Item = Report | RenderedReport;
type Outcome = { item: Item } | { error: unknown };

/** Tasks a worker holds at once: the next one is already queued while this thread is busy verifying its own. */
const QUEUED_PER_WORKER = 2;
/**
 * How far ahead of the oldest unreported input work may be handed out, per job: bounds the reports held back, and
 * is wide enough that this thread rarely waits for (and takes up) an input a healthy worker is still verifying.
 */
const WINDOW_PER_JOB = 16;
/**
 * How long a worker holding a registry gets, once the run is over, to close it and exit (it does so as soon as its
 * event loop is free) before it is stopped anyway.
 */
const CLOSE_WAIT_MS = 1000;

export interface PoolRun {
  spec: PoolSpec;
  jobs: number;
  /** This thread's options, built by verify.ts from the same arguments as `spec`. */
  opts: VerifyOptions;
  content?: Uint8Array;
  /** Called once per input, in input order, with its report (when no `output` is given). */
  emit?: (report: Report) => void;
  /** Reports rendered where they are verified (see report-output.ts); `emit` is called once per input, in order. */
  output?: { spec: OutputSpec; emit: (rendered: RenderedReport) => void };
  /** false: only the worker threads verify (jobs − 1 of them); for tests of the worker path. Default true. */
  thisThreadVerifies?: boolean;
}

/**
 * Verify every input, `jobs` at a time. Resolves when every report has been emitted; rejects with the first error
 * in input order (an unreadable input: UsageError, as the sequential loop throws it) once the reports before it
 * have been emitted, or at once when a worker dies.
 */
export async function verifyInPool(inputs: readonly string[], run: PoolRun): Promise<void> {
  const window = WINDOW_PER_JOB * run.jobs;
  const output = run.output;
  const deliver = output ? (item: Item) => output.emit(item as RenderedReport) : (item: Item) => run.emit?.(item as Report);
  const done = new Map<number, Outcome>();
  const inFlight = new Set<number>(); // handed out, not finished
  const stolen = new Set<number>(); // in flight on a worker and taken up by this thread as well
  let next = 0;
  let emitted = 0;
  let failed = false;
  let failure: unknown;
  let waiting: (() => void)[] = [];
  // Settles once nothing is left to hand out: a worker still starting then has nothing to wait for.
  let drain!: () => void;
  const drained = new Promise<void>((r) => (drain = r));
  // Settles when every report is out, or on the first failure: in-flight duplicates are not waited for.
  let complete!: () => void;
  const completed = new Promise<void>((r) => (complete = r));
  const wake = (): void => {
    if (failed || next >= inputs.length) drain();
    if (failed || emitted >= inputs.length) complete();
    const w = waiting;
    waiting = [];
    for (const f of w) f();
  };
  const changed = (): Promise<void> => new Promise<void>((r) => waiting.push(r));
  const fail = (e: unknown): void => {
    if (!failed) {
      failed = true;
      failure = e;
    }
    wake();
  };
  // The next input, if the window allows one to start now.
  const takeNow = (): number | undefined => {
    if (failed || next >= inputs.length || next >= emitted + window) return undefined;
    inFlight.add(next);
    return next++;
  };
  // The next input to verify; waits while the window is full; undefined when there is nothing (more) to do.
  const take = async (): Promise<number | undefined> => {
    for (;;) {
      if (failed || next >= inputs.length) return undefined;
      const i = takeNow();
      if (i !== undefined) {
        wake();
        return i;
      }
      await changed();
    }
  };
  const finish = (index: number, outcome: Outcome): void => {
    // A report for an input both threads took: the first one counts.
    if (index < emitted || done.has(index)) return;
    inFlight.delete(index);
    done.set(index, outcome);
    while (!failed && done.has(emitted)) {
      const o = done.get(emitted)!;
      done.delete(emitted);
      if ('error' in o) return fail(o.error);
      try {
        deliver(o.item);
      } catch (e) {
        return fail(e);
      }
      emitted++;
    }
    wake();
  };

  const workers: { worker: Worker; exited: Promise<void> }[] = [];
  const closing = { now: false };
  const prestarted = takePrestarted(run.jobs - 1);
  for (let w = 1; w < run.jobs; w++) {
    const worker = prestarted[w - 1] ?? startVerifyWorker();
    workers.push({ worker, exited: new Promise<void>((r) => worker.once('exit', () => r())) });
    feedWorker(worker, inputs, { take, finish, fail, closing, drained });
    worker.postMessage({ type: 'spec', spec: run.spec, ...(output ? { output: output.spec } : {}) } satisfies ToWorker);
  }
  // This thread's lane: one input at a time, yielding to the event loop in between so worker results are taken.
  // When it may not start a new input (none left, or the window is full), it takes up the oldest input a worker
  // still holds: a slow file, or a worker starved of CPU (it runs at a low priority), never holds up the run.
  const thisThread = async (): Promise<void> => {
    while (!failed && emitted < inputs.length) {
      let i = takeNow();
      if (i === undefined) {
        for (const j of inFlight) if (!stolen.has(j) && (i === undefined || j < i)) i = j;
        if (i === undefined) {
          await changed();
          continue;
        }
        stolen.add(i);
      }
      let o: Outcome;
      try {
        const report = await verifyInputFile(inputs[i]!, run.opts, run.content);
        o = { item: output ? renderReport(report, output.spec) : report };
      } catch (e) {
        o = { error: e };
      }
      finish(i, o);
      await new Promise<void>((r) => setImmediate(r));
    }
  };
  if (run.thisThreadVerifies !== false) void thisThread();
  wake(); // an empty input list is complete at once
  try {
    await completed;
  } finally {
    closing.now = true;
    await Promise.all(workers.map((w) => stopWorker(w.worker, w.exited, run.spec.registry !== undefined)));
  }
  if (failed) throw failure;
}

/** Stop a worker; one that holds a registry is first asked to close it and exit (for at most CLOSE_WAIT_MS). */
async function stopWorker(worker: Worker, exited: Promise<void>, holdsRegistry: boolean): Promise<void> {
  if (holdsRegistry) {
    let timer: NodeJS.Timeout | undefined;
    try {
      worker.postMessage({ type: 'close' } satisfies ToWorker);
    } catch {
      // Gone already.
    }
    await Promise.race([exited, new Promise<void>((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
  }
  await worker.terminate();
}

/** QUEUED_PER_WORKER lanes feeding one worker, once it has loaded the library and the options. */
function feedWorker(
  worker: Worker,
  inputs: readonly string[],
  pool: {
    take: () => Promise<number | undefined>;
    finish: (index: number, o: Outcome) => void;
    fail: (e: unknown) => void;
    /** Set once the run is over: the workers' exit is then expected. */
    closing: { now: boolean };
    /** Settles when every input has been handed out. */
    drained: Promise<void>;
  },
): void {
  const { take, finish, fail, closing, drained } = pool;
  const pending = new Map<number, (o: Outcome) => void>();
  let dead: Error | undefined;
  let onReady: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => (onReady = { resolve, reject }));
  const started = ready.then(
    () => true,
    () => false,
  );
  const die = (e: Error): void => {
    if (dead || closing.now) return;
    dead = e;
    onReady?.reject(e);
    for (const r of pending.values()) r({ error: e });
    pending.clear();
    fail(e);
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready') onReady?.resolve();
    else if (m.type === 'fatal') die(new Error(`verification worker could not start: ${m.message}`));
    else {
      const r = pending.get(m.index);
      pending.delete(m.index);
      r?.(
        m.type === 'result'
          ? { item: m.report }
          : m.type === 'rendered'
            ? { item: m.rendered }
            : { error: m.usage ? new UsageError(m.message) : new Error(m.message) },
      );
    }
  });
  worker.on('error', (e) => die(new Error(`verification worker failed: ${e.message}`)));
  worker.on('exit', (code) => die(new Error(`verification worker stopped (exit code ${code})`)));
  const lane = async (): Promise<void> => {
    // Not started (die() has failed the run), or every input handed out before it was ready: nothing to do.
    if (!(await Promise.race([started, drained.then(() => false)]))) return;
    for (let i = await take(); i !== undefined && !dead; i = await take()) {
      const index = i;
      const outcome = await new Promise<Outcome>((resolve) => {
        if (dead) return resolve({ error: dead });
        pending.set(index, resolve);
        worker.postMessage({ type: 'verify', index, path: inputs[index]! } satisfies ToWorker);
      });
      finish(index, outcome);
    }
  };
  for (let i = 0; i < QUEUED_PER_WORKER; i++) void lane();
}
