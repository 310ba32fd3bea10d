// Licence documents (issue 6): licences issued per second (PDF, SM2 issuer, with its seal and signed QR — credential,
// QR, layout, font subset, render, PAdES signature with the seal picture), the file size of each shipped type (PDF
// and OFD), and licence documents verified per second: warm (verify() in one process, the bundle opened once, as at
// a window) and cold (one `heyan verify` process per document, as a one-off check). Same-run reference: a
// `pdfsig -nocert` process per licence PDF (parse + digest + CMS check of the same file, no licence layer).
// Batch: one `heyan verify --bundle … --json` process over an auditor's archive (≥ 200 licence documents, every
// shipped type, PDF and OFD), default --jobs against --jobs 1 (batchSection).
// Run after `npm run build`:  node bench/license.js   (or via bench/run.js).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../packages/core/dist/index.js';

const { TrustStore, createStatusList, createTrustBundle, openTrustBundle, exampleRecord, importPrivateKey, loadCertificates, loadCrls, createSeal, issueLicenseDocument, verify, shippedLicenseTypes } = core;
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const PKI = join(repo, 'fixtures', 'pki', 'sm2');
// Inside every shipped example's validity window (registered constructor: 2024-06-01 .. 2027-05-31).
const AT = new Date('2027-01-01T00:00:00Z');
const DAY = 86_400_000;
const BIN = join(repo, 'packages/cli/dist/bin.js');

const key = (n) => importPrivateKey(readFileSync(join(PKI, `${n}.key.pem`)));
const cert = (n) => loadCertificates(readFileSync(join(PKI, `${n}.pem`)))[0];

function world(types) {
  const signer = cert('signer');
  const intermediate = cert('intermediate');
  const root = cert('root');
  const listId = 'urn:heyan:status:bench:1';
  const list = createStatusList({ id: listId, statuses: new Map(), validFrom: new Date(AT.getTime() - DAY), validUntil: new Date(AT.getTime() + 7 * DAY), issuer: { key: key('signer'), certificate: signer, chain: [intermediate] } });
  const issuers = [...new Map(types.map((t) => [t.example.issueDeptCode, t])).values()].map((t) => ({
    code: t.example.issueDeptCode, name: t.example.issueDept, certificates: [signer], licenseTypes: types.map((x) => x.code), areaCodes: [t.example.certificateAreaCode.slice(0, 2)],
  }));
  const bytes = createTrustBundle({
    version: 1, issuedAt: new Date(AT.getTime() - DAY), nextUpdate: new Date(AT.getTime() + 30 * DAY), roots: [root], intermediates: [intermediate],
    crls: loadCrls(readFileSync(join(PKI, 'intermediate.crl.pem'))), issuers, statusLists: [list],
    signer: { key: key('seal-maker'), certificate: cert('seal-maker'), chain: [intermediate] },
  });
  const opened = openTrustBundle(bytes, { pinned: new TrustStore().addAnchor(root), time: AT, signers: [cert('seal-maker')] });
  if (!opened.bundle) throw new Error('bench bundle refused');
  const seal = createSeal({
    esID: '35010000000001', type: 1, name: '证照专用章', signerCertificates: [signer],
    picture: { type: 'png', data: new Uint8Array(readFileSync(join(repo, 'fixtures/seal/stamp.png'))), widthMm: 40, heightMm: 40 },
    createDate: new Date('2026-01-01T00:00:00Z'), validStart: new Date('2026-01-01T00:00:00Z'), validEnd: new Date('2036-01-01T00:00:00Z'),
    makerKey: key('seal-maker'), makerCertificate: cert('seal-maker'),
  });
  return { bundle: opened.bundle, bundleBytes: bytes, seal, listId, signer, intermediate };
}

export async function run({ seconds = 3 } = {}) {
  const types = shippedLicenseTypes().list();
  const w = world(types);
  const time = new Date(AT.getTime() - 3_600_000);
  const opts = (type, format, index) => ({ record: exampleRecord(type.code), format, key: key('signer'), certificate: w.signer, chain: [w.intermediate], seal: w.seal, time, status: { listId: w.listId, index } });
  const dir = mkdtempSync(join(tmpdir(), 'heyan-bench-license-'));
  const lines = [];
  try {
    // Sizes, and a PASSED check of each document (the bench measures real, valid licences).
    const files = [];
    for (const type of types) {
      const sizes = {};
      for (const format of ['pdf', 'ofd']) {
        const d = await issueLicenseDocument(opts(type, format, 5));
        const r = await verify(d.bytes, { bundle: w.bundle, at: AT });
        if (r.indication !== 'PASSED') throw new Error(`${type.name} ${format}: ${r.indication}`);
        const path = join(dir, `${type.aliases[0] ?? type.code}.${format}`);
        writeFileSync(path, d.bytes);
        files.push({ path, format, bytes: d.bytes });
        sizes[format] = (d.bytes.length / 1024).toFixed(1);
      }
      lines.push(`  ${type.name} (${type.aliases[0]}): PDF ${sizes.pdf} KB, OFD ${sizes.ofd} KB (signed, with seal, QR, credential, font subsets)`);
    }
    // Issuing rate (warm: fonts, wasm and pdf-lib loaded by the size pass above).
    const business = types.find((t) => t.aliases.includes('business-licence'));
    let n = 0;
    let t0 = performance.now();
    while (n < 5 || performance.now() - t0 < seconds * 1000) await issueLicenseDocument(opts(business, 'pdf', 5)), n++;
    const issuedPerS = n / ((performance.now() - t0) / 1000);
    // Warm verification.
    const pdfs = files.filter((f) => f.format === 'pdf');
    const ofds = files.filter((f) => f.format === 'ofd');
    const warm = async (list) => {
      let k = 0;
      const s = performance.now();
      while (k < 5 || performance.now() - s < seconds * 1000) {
        const r = await verify(list[k % list.length].bytes, { bundle: w.bundle, at: AT });
        if (r.indication !== 'PASSED') throw new Error('warm verification not PASSED');
        k++;
      }
      return k / ((performance.now() - s) / 1000);
    };
    const warmPdf = await warm(pdfs);
    const warmOfd = await warm(ofds);
    // Cold: one process per document (trust given as files: the bundle needs its own pinning setup on the CLI). The
    // rate is taken from the median process time: on a shared machine a few slow runs would otherwise dominate.
    const median = (ms) => ms.sort((a, b) => a - b)[ms.length >> 1];
    // CPU (user + system) of the processes waited for, from /proc/self/stat (cutime, cstime; Linux, 10 ms ticks).
    const childCpuMs = () => {
      try {
        const stat = readFileSync('/proc/self/stat', 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(f[13]) + Number(f[14])) * 10;
      } catch {
        return undefined;
      }
    };
    const cpu = new Map();
    const processes = (rounds, start, label) => {
      const ms = [];
      const c0 = childCpuMs();
      for (let i = 0; i < rounds; i++) {
        const s = performance.now();
        start(i);
        ms.push(performance.now() - s);
      }
      const c1 = childCpuMs();
      if (label && c0 !== undefined && c1 !== undefined) cpu.set(label, (c1 - c0) / rounds);
      return 1000 / median(ms);
    };
    const cold = (list, label, rounds = 9) =>
      processes(rounds, (i) => {
        const f = list[i % list.length];
        const r = spawnSync(process.execPath, [BIN, 'verify', f.path, '--json', '--trust', join(PKI, 'root.pem'), '--cert', join(PKI, 'intermediate.pem'), '--at', AT.toISOString()], { encoding: 'utf8' });
        if (r.status === null || r.status > 2) throw new Error(`heyan verify exited ${r.status}: ${r.stderr}`);
      }, label);
    const coldPdf = cold(pdfs, 'pdf');
    const coldOfd = cold(ofds, 'ofd');
    let pdfsig;
    if (!spawnSync('pdfsig', ['-v']).error) pdfsig = processes(9, (i) => spawnSync('pdfsig', ['-nocert', pdfs[i % pdfs.length].path]));
    lines.unshift('Licence documents (SM2 issuer, seal picture, signed QR, embedded credential; shipped types)');
    lines.push(`  issued per second (business licence, PDF, warm): ${issuedPerS.toFixed(1)} /s (${(1000 / issuedPerS).toFixed(0)} ms each)`);
    const ms = (perS) => `${(1000 / perS).toFixed(0)} ms`;
    lines.push(`  verified per second, warm (verify() with the bundle, every report PASSED): PDF ${warmPdf.toFixed(1)} /s (${ms(warmPdf)}), OFD ${warmOfd.toFixed(1)} /s (${ms(warmOfd)})`);
    const cpuOf = (k) => (cpu.has(k) ? `, ${cpu.get(k).toFixed(0)} ms CPU` : '');
    lines.push(`  verified per second, cold (one heyan verify process per document, median wall; mean CPU user+sys): PDF ${coldPdf.toFixed(1)} /s (${ms(coldPdf)}${cpuOf('pdf')}), OFD ${coldOfd.toFixed(1)} /s (${ms(coldOfd)}${cpuOf('ofd')})`);
    if (pdfsig) {
      lines.push(`  reference, same run: one pdfsig -nocert process per licence PDF ${pdfsig.toFixed(1)} /s (${ms(pdfsig)}) → heyan / pdfsig: cold ${(coldPdf / pdfsig).toFixed(2)}×, warm ${(warmPdf / pdfsig).toFixed(2)}× (heyan also checks the credential, QR, text and licence status)`);
    }
    lines.push(...batchSection(w, files, dir, pdfsig));
    lines.push(`  load average during the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} CPUs; the machine may be shared)`);
    const out = lines.join('\n');
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An auditor's batch: BATCH_COPIES copies of each issued document (every shipped type, PDF and OFD) verified by ONE
 * `heyan verify --bundle … --json` process — the bundle opened and checked once, with its pinning and rollback
 * state — with the default --jobs and with --jobs 1. Each is run twice, alternately, and the faster run counts (the
 * machine may be shared). Both must print the same bytes, every report PASSED.
 */
function batchSection(w, files, dir, pdfsig) {
  const BATCH_COPIES = 36;
  const batch = join(dir, 'batch');
  mkdirSync(batch);
  const paths = [];
  for (let c = 0; c < BATCH_COPIES; c++) {
    for (const [i, f] of files.entries()) {
      const path = join(batch, `${String(c).padStart(2, '0')}-${i}.${f.format}`);
      writeFileSync(path, f.bytes);
      paths.push(path);
    }
  }
  const bundle = join(dir, 'bench.hytb');
  writeFileSync(bundle, w.bundleBytes);
  const bundleArgs = ['--bundle', bundle, '--bundle-root', join(PKI, 'root.pem'), '--bundle-signer', join(PKI, 'seal-maker.pem'), '--bundle-state', join(dir, 'bundle-state.json')];
  const once = (jobs) => {
    const s = performance.now();
    const r = spawnSync(process.execPath, [BIN, 'verify', ...paths, '--json', ...bundleArgs, '--at', AT.toISOString(), ...jobs], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - s;
    if (r.status !== 0) throw new Error(`heyan verify batch exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    if (JSON.parse(r.stdout).summary.passed !== paths.length) throw new Error('batch: not every report PASSED');
    return { ms, out: r.stdout };
  };
  const runs = { one: [], dflt: [] };
  let outOne;
  let outDflt;
  for (let i = 0; i < 2; i++) {
    const a = once(['--jobs', '1']);
    const b = once([]);
    runs.one.push(a.ms);
    runs.dflt.push(b.ms);
    outOne = a.out;
    outDflt = b.out;
  }
  if (outOne !== outDflt) throw new Error('batch: default --jobs printed other bytes than --jobs 1');
  const rate = (ms) => paths.length / (Math.min(...ms) / 1000);
  const one = rate(runs.one);
  const dflt = rate(runs.dflt);
  const pdfs = files.filter((f) => f.format === 'pdf').length;
  const out = [
    `  batch, one heyan verify --bundle --json process over ${paths.length} documents (${BATCH_COPIES * pdfs} PDF, ${paths.length - BATCH_COPIES * pdfs} OFD, every type; best of 2): default --jobs ${dflt.toFixed(1)} /s (${(Math.min(...runs.dflt) / 1000).toFixed(2)} s), --jobs 1 ${one.toFixed(1)} /s (${(Math.min(...runs.one) / 1000).toFixed(2)} s) → ${(dflt / one).toFixed(2)}×`,
  ];
  if (pdfsig) out.push(`  reference, same run: batch / one pdfsig -nocert process per licence PDF: default --jobs ${(dflt / pdfsig).toFixed(2)}×, --jobs 1 ${(one / pdfsig).toFixed(2)}×`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(await run());
