// SM2 / SM3 throughput of @heyan/core beside the OpenSSL 3 CLI measured in the same run.
// Run after `npm run build`:  node bench/crypto.js   (or via bench/run.js, which calls run()).
// The machine is small and noisy: rounds are interleaved (each OpenSSL figure is bracketed by ours,
// measured just before and just after) and each figure is the median over rounds; ratios are taken
// within a round, then the median.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import smCrypto from 'sm-crypto';
import {
  clearSm2Cache,
  configureSm2Cache,
  sm2GenerateKeyPair,
  sm2Sign,
  sm2Verify,
  sm3,
} from '../packages/core/dist/index.js';
import { median, opensslSpeedSm2 } from './lib.js';

const MSG = new Uint8Array(256).fill(0x61);

/** Operations per second of `fn(i)`, run for about `ms` milliseconds (at least `min`, at most `max` calls). */
function rate(fn, ms, min = 3, max = Infinity) {
  let i = 0;
  const t0 = performance.now();
  let t = t0;
  while (i < min || (t - t0 < ms && i < max)) {
    fn(i++);
    if ((i & 7) === 0 || i < min + 1) t = performance.now();
  }
  return i / ((performance.now() - t0) / 1000);
}

function opensslSm3() {
  const out = execFileSync('openssl', ['speed', '-seconds', '2', '-bytes', '16384', '-evp', 'sm3'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const m = /^sm3\s+([\d.]+)k\s*$/m.exec(out);
  if (!m) throw new Error('cannot parse `openssl speed -evp sm3` output');
  return Number(m[1]) / 1000; // "k" = 1000 bytes/s → MB/s (10^6 B/s)
}

// Two slices per round draw from one pool; capping each slice keeps every key unseen (a key seen twice
// would get a precompute table and stop being "fresh").
const FRESH_PER_SLICE = 340;

function freshSigners(n) {
  return Array.from({ length: n }, () => {
    const { d, point } = sm2GenerateKeyPair();
    return { point, sig: sm2Sign(d, MSG, { publicKey: point }) };
  });
}

/** Our SM2 figures for one slice of a round. */
function oursSm2(signer, pool, ms) {
  const { d, point, sig } = signer;
  const r = {};
  r.verifyWarm = rate(() => {
    if (!sm2Verify(point, MSG, sig)) throw new Error('verify failed');
  }, ms);
  // Fresh keys: every verification uses a key never seen before (full cold path: decode, Z, e, s·G + t·P).
  r.verifyFresh = rate(() => {
    const x = pool.next();
    if (!sm2Verify(x.point, MSG, x.sig)) throw new Error('verify failed');
  }, ms, 3, FRESH_PER_SLICE);
  r.sign = rate(() => sm2Sign(d, MSG, { publicKey: point }), ms);
  return r;
}

function oursSm3(b16, b1m, ms) {
  return { sm3_16k: (rate(() => sm3(b16), ms) * b16.length) / 1e6, sm3_1m: (rate(() => sm3(b1m), ms) * b1m.length) / 1e6 };
}

const mean2 = (a, b, k) => (a[k] + b[k]) / 2;

/** One round: each OpenSSL measurement is bracketed by ours (before and after), to cancel drift in load. */
function round() {
  const keys = freshSigners(2 * FRESH_PER_SLICE + 10);
  let k = 0;
  const pool = { next: () => keys[k++ % keys.length] };
  // Repeated signer: after 16 sightings (the default) the key has its precompute table; the warm path is measured.
  const { d, point } = sm2GenerateKeyPair();
  const signer = { d, point, sig: sm2Sign(d, MSG, { publicKey: point }) };
  for (let i = 0; i < 20; i++) sm2Verify(point, MSG, signer.sig);
  // sm-crypto 0.5.8 on fresh keys, same message and signature form (DER, standard ID).
  const msgArr = Array.from(MSG);
  const smPool = keys.slice(0, 100).map((x) => ({ pubHex: Buffer.from(x.point).toString('hex'), sigHex: Buffer.from(x.sig).toString('hex') }));
  let j = 0;
  const smCryptoFresh = rate(() => {
    const x = smPool[j++ % smPool.length];
    if (!smCrypto.sm2.doVerifySignature(msgArr, x.sigHex, x.pubHex, { hash: true, der: true })) throw new Error('sm-crypto verify failed');
  }, 600);
  // ...and ours on the same keys, right after.
  k = 0;
  const a = oursSm2(signer, pool, 400);
  const o2 = opensslSpeedSm2();
  const b = oursSm2(signer, pool, 400);
  const b16 = randomBytes(16384);
  const b1m = randomBytes(1 << 20);
  const c = oursSm3(b16, b1m, 300);
  const o3 = opensslSm3();
  const e = oursSm3(b16, b1m, 300);
  clearSm2Cache();
  return {
    o2,
    o3,
    us: {
      verifyWarm: mean2(a, b, 'verifyWarm'),
      verifyFresh: mean2(a, b, 'verifyFresh'),
      sign: mean2(a, b, 'sign'),
      smCryptoFresh,
      freshNearSmCrypto: a.verifyFresh,
      sm3_16k: mean2(c, e, 'sm3_16k'),
      sm3_1m: mean2(c, e, 'sm3_1m'),
    },
  };
}

/** Measure; returns the rows (also printed when run directly). */
export function run({ rounds = 5 } = {}) {
  configureSm2Cache({ maxEntries: 1024, maxTables: 32, tableAfter: 16 });
  const samples = [];
  clearSm2Cache();
  for (let r = 0; r < rounds; r++) samples.push(round());
  const med = (f) => median(samples.map(f));
  const row = (metric, unit, value, baselineName, baseline, ratio, target) => ({
    metric,
    unit,
    heyan: value,
    baselineName,
    baseline,
    ratio,
    target,
    pass: target === undefined ? undefined : ratio >= target,
  });
  return [
    row('SM2 verify, repeated signer (cache warm)', 'verify/s', med((s) => s.us.verifyWarm), 'openssl speed sm2', med((s) => s.o2.verify), med((s) => s.us.verifyWarm / s.o2.verify), 0.35),
    row('SM2 verify, fresh keys', 'verify/s', med((s) => s.us.verifyFresh), 'openssl speed sm2', med((s) => s.o2.verify), med((s) => s.us.verifyFresh / s.o2.verify)),
    row('SM2 verify, fresh keys vs sm-crypto 0.5.8', 'verify/s', med((s) => s.us.freshNearSmCrypto), 'sm-crypto doVerifySignature', med((s) => s.us.smCryptoFresh), med((s) => s.us.freshNearSmCrypto / s.us.smCryptoFresh), 5),
    row('SM2 sign', 'sign/s', med((s) => s.us.sign), 'openssl speed sm2', med((s) => s.o2.sign), med((s) => s.us.sign / s.o2.sign)),
    row('SM3, 16 KiB buffers', 'MB/s', med((s) => s.us.sm3_16k), 'openssl speed -evp sm3 (16 KiB)', med((s) => s.o3), med((s) => s.us.sm3_16k / s.o3), 0.9),
    row('SM3, 1 MiB buffers', 'MB/s', med((s) => s.us.sm3_1m), 'openssl speed -evp sm3 (16 KiB)', med((s) => s.o3), med((s) => s.us.sm3_1m / s.o3), 0.9),
  ];
}

export function format(rows) {
  const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
  const lines = rows.map(
    (r) =>
      `${r.metric.padEnd(44)} ${f(r.heyan).padStart(9)} ${r.unit.padEnd(9)} | ${r.baselineName.padEnd(31)} ${f(r.baseline).padStart(9)} | ratio ${r.ratio.toFixed(2)}${
        r.target === undefined ? '' : ` (target ≥ ${r.target}: ${r.pass ? 'met' : 'NOT met'})`
      }`,
  );
  return ['heyan crypto benchmark (medians of interleaved rounds)', ...lines].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  console.log(format(run()));
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
