// A worker thread of `heyan verify --jobs N` (see verify-pool.ts). It first lowers its own scheduling priority, so it
// runs on cores this process would otherwise leave idle and never slows the main thread down on a busy machine (a
// run is then about as fast as --jobs 1, not slower). Then it loads the library (possibly before the main thread
// knows the options: verify-prestart.ts), takes the options (a PoolSpec: paths, plain values, the accepted trust
// bundle's bytes) from its first message and builds them once: trust bundle, trust stores, CRLs, certificates,
// registry. Each later message is one input to verify; its report — rendered as printed when the spec carries an
// OutputSpec (report-output.ts) — or the error that stopped it is posted back. The last message, when the options
// hold a registry open, asks the worker to close it and exit.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerOptions } from './verify-pool.js';
import type { OutputSpec } from './report-output.js';

try {
  // Linux: /proc/thread-self names this thread's id, and setpriority() on a thread id renices that thread only.
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
} catch {
  // Elsewhere the worker keeps the normal priority.
}

// Loaded after the priority change: loading the library is most of a worker's start-up.
const { UsageError } = await import('./usage.js');
const { optionsFromSpec, verifyInputFile } = await import('./verify-pool.js');
const { renderReport } = await import('./report-output.js');

const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);
const text = (e: unknown): string => (e instanceof Error ? e.message : String(e));

let options: Promise<WorkerOptions> | undefined;
let output: OutputSpec | undefined;
// One message at a time, in order: the pool queues at most a couple per worker, so at most one input is read here.
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ToWorker) => {
  if (m.type === 'spec') {
    options = optionsFromSpec(m.spec);
    output = m.output;
    options.then(
      () => post({ type: 'ready' }),
      (e: unknown) => post({ type: 'fatal', message: text(e) }),
    );
    return;
  }
  if (m.type === 'close') {
    // The run is over: whatever is still queued is not needed. Close the registry, then end this thread.
    void (options ?? Promise.resolve(undefined))
      .then((o) => o?.close?.())
      .catch(() => {})
      .finally(() => process.exit(0));
    return;
  }
  queue = queue.then(async () => {
    try {
      const { opts, content } = await options!;
      const report = await verifyInputFile(m.path, opts, content);
      if (output) {
        // The printed bytes, moved to the main thread rather than copied.
        const rendered = renderReport(report, output);
        port.postMessage({ type: 'rendered', index: m.index, rendered } satisfies FromWorker, [rendered.bytes.buffer as ArrayBuffer]);
      } else post({ type: 'result', index: m.index, report });
    } catch (e) {
      post({ type: 'error', index: m.index, message: text(e), usage: e instanceof UsageError });
    }
  });
});
