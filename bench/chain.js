// Certificate path validation throughput: a 3-level SM2 chain (signer → intermediate → root) from fixtures/pki/sm2.
// Run after `npm run build`:  node bench/chain.js   (or via bench/run.js, which calls run()).
// cold: every validation parses the certificates again and starts with empty caches (SM2 key cache and the
//       verified-signature cache) — the first document of a new signer.
// warm: the same chain again and again — an archive of documents from one CA.
// Baseline: `openssl speed sm2` verify/s divided by the SM2 verifications a validation needs (3 without CRLs:
// two links and the root's self-signature; 5 with the two CRLs), i.e. OpenSSL doing the signatures and nothing else.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as index from '../packages/core/dist/index.js';
import { median, opensslSpeedSm2, rate } from './lib.js';

const core = 'validateCertificatePath' in index ? index : { ...index, ...(await import('../packages/core/dist/pki/index.js')) };
const { Certificate, Crl, TrustStore, validateCertificatePath, clearSignatureCache, clearSm2Cache, configureSm2Cache, loadCertificates, loadCrls } = core;

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pki');
const TIME = new Date('2030-01-01T00:00:00Z');

function material(alg) {
  const der = (name) => loadCertificates(readFileSync(join(fixtures, alg, `${name}.pem`)))[0].der;
  const crl = (name) => loadCrls(readFileSync(join(fixtures, alg, `${name}.crl.pem`)))[0].der;
  return { signer: der('signer'), intermediate: der('intermediate'), root: der('root'), crls: [crl('root'), crl('intermediate')] };
}

/** One validation from DER: parse everything, build the store, validate. */
function validateFromDer(m, { crls = false, cache = true } = {}) {
  const trust = new TrustStore().addAnchor(Certificate.fromDer(m.root));
  if (crls) for (const c of m.crls) trust.addCrl(Crl.fromDer(c));
  const r = validateCertificatePath({
    certificate: Certificate.fromDer(m.signer),
    intermediates: [Certificate.fromDer(m.intermediate)],
    trust,
    time: TIME,
    usage: 'signature',
    revocation: crls ? 'require' : 'off',
    cache,
  });
  if (r.indication !== 'PASSED') throw new Error(`validation failed: ${r.subIndication}`);
}

function measure(m, crls) {
  const cold = rate(() => {
    clearSm2Cache();
    clearSignatureCache();
    validateFromDer(m, { crls });
  }, 1500);
  // The same without the crypto layer's per-key precompute tables: a CA key seen twice in one validation (a link
  // and the root's self-signature, or a link and a CRL) otherwise builds a ≈ 110 ms table on the spot.
  configureSm2Cache({ maxTables: 0 });
  const coldNoTables = rate(() => {
    clearSm2Cache();
    clearSignatureCache();
    validateFromDer(m, { crls });
  }, 1500);
  configureSm2Cache({ maxTables: 32 }); // back to the crypto layer's default
  // Warm SM2 key cache (precomputed tables for the three CA keys), no verified-signature cache.
  clearSm2Cache();
  for (let i = 0; i < 20; i++) validateFromDer(m, { crls, cache: false });
  const warmKeys = rate(() => validateFromDer(m, { crls, cache: false }), 1500);
  // Verified-signature cache on as well: parsing and checks remain, signatures are not recomputed.
  clearSignatureCache();
  validateFromDer(m, { crls });
  const warmSigs = rate(() => validateFromDer(m, { crls }), 1500);
  return { cold, coldNoTables, warmKeys, warmSigs };
}

/** Measure; returns the rows (also printed when run directly). */
export function run({ rounds = 3 } = {}) {
  const sm2 = material('sm2');
  const p256 = material('p256');
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const openssl = opensslSpeedSm2().verify;
    const plain = measure(sm2, false);
    const withCrls = measure(sm2, true);
    const ecCold = rate(() => {
      clearSignatureCache();
      validateFromDer(p256, { crls: false });
    }, 1000);
    samples.push({ openssl, plain, withCrls, ecCold });
  }
  clearSm2Cache();
  clearSignatureCache();
  const med = (f) => median(samples.map(f));
  const row = (metric, value, baselineName, baseline, ratio) => ({ metric, unit: 'validations/s', heyan: value, baselineName, baseline, ratio });
  const o3 = (s) => s.openssl / 3;
  const o5 = (s) => s.openssl / 5;
  return [
    row('SM2 3-level chain, cold (parse + empty caches)', med((s) => s.plain.cold), 'openssl speed sm2 verify / 3', med(o3), med((s) => s.plain.cold / o3(s))),
    row('SM2 3-level chain, cold, SM2 tables off', med((s) => s.plain.coldNoTables), 'openssl speed sm2 verify / 3', med(o3), med((s) => s.plain.coldNoTables / o3(s))),
    row('SM2 3-level chain, warm SM2 key cache', med((s) => s.plain.warmKeys), 'openssl speed sm2 verify / 3', med(o3), med((s) => s.plain.warmKeys / o3(s))),
    row('SM2 3-level chain, warm + signature cache', med((s) => s.plain.warmSigs), 'openssl speed sm2 verify / 3', med(o3), med((s) => s.plain.warmSigs / o3(s))),
    row('SM2 chain + 2 CRLs, cold', med((s) => s.withCrls.cold), 'openssl speed sm2 verify / 5', med(o5), med((s) => s.withCrls.cold / o5(s))),
    row('SM2 chain + 2 CRLs, cold, SM2 tables off', med((s) => s.withCrls.coldNoTables), 'openssl speed sm2 verify / 5', med(o5), med((s) => s.withCrls.coldNoTables / o5(s))),
    row('SM2 chain + 2 CRLs, warm SM2 key cache', med((s) => s.withCrls.warmKeys), 'openssl speed sm2 verify / 5', med(o5), med((s) => s.withCrls.warmKeys / o5(s))),
    row('SM2 chain + 2 CRLs, warm + signature cache', med((s) => s.withCrls.warmSigs), 'openssl speed sm2 verify / 5', med(o5), med((s) => s.withCrls.warmSigs / o5(s))),
    row('P-256 3-level chain, cold (for scale)', med((s) => s.ecCold), 'SM2 chain, cold', med((s) => s.plain.cold), med((s) => s.ecCold / s.plain.cold)),
  ];
}

export function format(rows) {
  const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const lines = rows.map((r) => `${r.metric.padEnd(46)} ${f(r.heyan).padStart(7)} ${r.unit} | ${r.baselineName.padEnd(30)} ${f(r.baseline).padStart(7)} | ratio ${r.ratio.toFixed(2)}`);
  return ['heyan certificate chain benchmark (medians of rounds)', ...lines].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  console.log(format(run()));
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
