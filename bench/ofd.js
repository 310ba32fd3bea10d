// OFD verification benchmarks. Run after `npm run build`:  node bench/ofd.js   (or via bench/run.js, which calls run()).
// 1. Throughput on one core (documents/s, verifyOfd on bytes already in memory):
//    - the corpus licence ofdrw-zsbk.ofd (1.5 MB, 29 members, two seal signatures; verified at its signing time,
//      2020-10-10; its CAs are not public, so it ends INDETERMINATE/FAILED — the work done is the same);
//    - fixtures/ofd/signed-once.ofd (7 kB, one seal signature, PASSED with the SM2 test PKI at 2030-01-01).
//    cold: SM2 key cache and verified-signature cache cleared before every document (a new signer each time);
//    warm: the same document again and again (an archive from one issuer: certificate/signature caches warm).
// 2. Peak memory while verifying a 100 MB OFD (4 × 25 MB incompressible image members, deflated, one seal
//    signature) through verify() in a child process: RSS sampled every 2 ms from a worker thread, the kernel's
//    high-water mark (VmHWM, Linux) and maxRSS from process.resourceUsage(). Limit: 300 MB for the whole process
//    (the 100 MB input held in memory and ≈ 75 MB of runtime included). Prints PASS/FAIL.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrustStore, clearSignatureCache, clearSm2Cache, loadCertificates, verify, verifyOfd } from '../packages/core/dist/index.js';
import { median, rate } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const ZSBK = join(repo, '../shared/corpus/ofd-ses/ofd/ofdrw-zsbk.ofd');
const ONCE = join(repo, 'fixtures/ofd/signed-once.ofd');
const AT = new Date('2030-01-01T00:00:00Z');
const ZSBK_AT = new Date('2020-10-10T07:00:00Z');
const MEMORY_LIMIT_MB = 300;
const BIG_MB = 100;

function sm2Trust() {
  const cert = (f) => loadCertificates(readFileSync(join(repo, 'fixtures/pki/sm2', f)))[0];
  // SES signatures carry only the signer certificate: the intermediate is supplied beside the root anchor.
  return new TrustStore().addAnchor(cert('root.pem')).addIntermediate(cert('intermediate.pem'));
}

function throughput(bytes, opts, expect) {
  const once = verifyOfd(bytes, opts);
  if (once.signatures.length !== expect.signatures || (expect.indication && once.indication !== expect.indication)) {
    throw new Error(`unexpected verdict ${once.indication}/${once.signatures.length} signatures`);
  }
  const cold = rate(() => {
    clearSm2Cache();
    clearSignatureCache();
    verifyOfd(bytes, opts);
  }, 2000);
  for (let i = 0; i < 5; i++) verifyOfd(bytes, opts);
  const warm = rate(() => verifyOfd(bytes, opts), 2000);
  return { cold, warm };
}

/** Build a signed OFD of about `mb` MB in `dir`; returns its path. */
async function makeBigOfd(dir, mb) {
  const { buildOfd, makeSeal, sm2Parties, SIGNING_TIME } = await import('../scripts/make-ofd.js');
  const { signOfd } = await import('../packages/core/dist/index.js');
  const parts = 4;
  const images = Array.from({ length: parts }, () => new Uint8Array(randomBytes(Math.round((mb * 1024 * 1024) / parts))));
  const ofd = buildOfd({ pages: 3, title: '大文件内存测试', images, imageMethod: 'deflate' });
  const parties = sm2Parties();
  const signed = signOfd({ ofd, seal: makeSeal(parties), key: parties.signerKey, certificate: parties.signer, signingTime: SIGNING_TIME });
  const path = join(dir, 'big.ofd');
  writeFileSync(path, signed);
  return { path, size: signed.length };
}

/** The child: verify one file through the public entry while a worker samples RSS. Prints one JSON line. */
async function memoryChild(path) {
  const { Worker } = await import('node:worker_threads');
  const peak = new BigInt64Array(new SharedArrayBuffer(8));
  const sampler = new Worker(
    `const { workerData } = require('node:worker_threads');
     const a = new BigInt64Array(workerData);
     const tick = () => { const r = BigInt(process.memoryUsage.rss()); if (r > Atomics.load(a, 0)) Atomics.store(a, 0, r); };
     tick(); setInterval(tick, 2);`,
    { eval: true, workerData: peak.buffer },
  );
  await new Promise((r) => setTimeout(r, 50));
  globalThis.gc?.();
  const before = process.memoryUsage.rss();
  const t0 = performance.now();
  const file = readFileSync(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength); // a view, as the CLI reads (no copy)
  const trust = sm2Trust();
  const report = await verify(bytes, { trust, at: AT });
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  await sampler.terminate();
  const out = {
    indication: report.indication,
    signatures: report.signatures.length,
    ms,
    baselineRss: before,
    peakRss: Number(Atomics.load(peak, 0)),
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
  // Linux: getrusage's maxRSS of a spawned child starts from its parent's RSS at fork (the kernel keeps the larger
  // of the pre-exec and post-exec high-water marks); VmHWM is this process image's own high-water mark.
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSyncSafe('/proc/self/status'));
  if (hwm) out.hwmRss = Number(hwm[1]) * 1024;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function readFileSyncSafe(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function memory() {
  const dir = mkdtempSync(join(tmpdir(), 'heyan-bench-ofd-'));
  return (async () => {
    try {
      const big = await makeBigOfd(dir, BIG_MB);
      const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-child', big.path], { encoding: 'utf8', maxBuffer: 1 << 20 });
      return { ...JSON.parse(out.trim().split('\n').pop()), size: big.size };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
}

/** Measure; returns the rows (also printed when run directly). */
export async function run({ rounds = 3 } = {}) {
  const zsbk = new Uint8Array(readFileSync(ZSBK));
  const once = new Uint8Array(readFileSync(ONCE));
  const trust = sm2Trust();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    samples.push({
      zsbk: throughput(zsbk, { time: ZSBK_AT }, { signatures: 2 }),
      once: throughput(once, { trust, time: AT }, { signatures: 1, indication: 'PASSED' }),
    });
  }
  clearSm2Cache();
  clearSignatureCache();
  const med = (f) => median(samples.map(f));
  const mem = await memory();
  const mb = (x) => x / (1024 * 1024);
  // The kernel's high-water mark when available (it sees spikes between samples), else maxRSS; never below the samples.
  const peak = Math.max(mem.peakRss, mem.hwmRss ?? mem.maxRss);
  return {
    throughput: [
      { document: `ofdrw-zsbk.ofd (${(zsbk.length / 1e6).toFixed(2)} MB, 2 seals)`, cache: 'cold', 'documents/s': med((s) => s.zsbk.cold) },
      { document: `ofdrw-zsbk.ofd (${(zsbk.length / 1e6).toFixed(2)} MB, 2 seals)`, cache: 'warm', 'documents/s': med((s) => s.zsbk.warm) },
      { document: `signed-once.ofd (${(once.length / 1e3).toFixed(1)} kB, 1 seal)`, cache: 'cold', 'documents/s': med((s) => s.once.cold) },
      { document: `signed-once.ofd (${(once.length / 1e3).toFixed(1)} kB, 1 seal)`, cache: 'warm', 'documents/s': med((s) => s.once.warm) },
    ],
    memory: {
      sizeMB: mb(mem.size),
      indication: mem.indication,
      signatures: mem.signatures,
      seconds: mem.ms / 1000,
      baselineRssMB: mb(mem.baselineRss),
      peakRssMB: mb(mem.peakRss),
      maxRssMB: mb(mem.maxRss),
      ...(mem.hwmRss !== undefined ? { hwmRssMB: mb(mem.hwmRss) } : {}),
      peakMB: mb(peak),
      limitMB: MEMORY_LIMIT_MB,
      verdict: peak <= MEMORY_LIMIT_MB * 1024 * 1024 && mem.indication === 'PASSED' ? 'PASS' : 'FAIL',
    },
  };
}

export function format(r) {
  const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const lines = r.throughput.map((t) => `${t.document.padEnd(40)} ${t.cache.padEnd(5)} ${f(t['documents/s']).padStart(7)} documents/s`);
  const m = r.memory;
  return [
    'heyan OFD verification (one core, medians of rounds)',
    ...lines,
    `${m.sizeMB.toFixed(0)} MB OFD (${m.signatures} seal, ${m.indication}, ${m.seconds.toFixed(1)} s): peak RSS ${m.peakMB.toFixed(0)} MB ` +
      `(sampled every 2 ms ${m.peakRssMB.toFixed(0)} MB${m.hwmRssMB !== undefined ? `, VmHWM ${m.hwmRssMB.toFixed(0)} MB` : ''}, getrusage maxRSS ${m.maxRssMB.toFixed(0)} MB), ` +
      `${m.baselineRssMB.toFixed(0)} MB before reading the file; limit ${m.limitMB} MB → ${m.verdict}`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--memory-child') await memoryChild(process.argv[3]);
  else {
    const t0 = Date.now();
    const r = await run();
    console.log(format(r));
    console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    if (r.memory.verdict !== 'PASS') process.exitCode = 1;
  }
}
