// PDF signature verification benchmarks (issue 4). Run after `npm run build`:  node bench/pdf.js   (or bench/run.js).
// 1. Throughput: 200 single-signature PDFs of about 200 kB (3 A4 pages of text in Flate content streams and a
//    scanned-photo-like image; 100 signed with the RSA test signer, 100 with the SM2 one, PAdES B-B via signPdf, each
//    with its own /M and /Reason so no two signed byte ranges are alike), written to a temp folder at bench time.
//    - `heyan verify <200 files> --json --trust <2 roots> --crl <CRLs>`: ONE process, wall time including Node
//      start-up; every report must be PASSED. As invoked by default (`--jobs` = cores, see defaultJobs in
//      packages/cli/src/verify-prestart.ts: this thread and jobs − 1 worker threads), with `--jobs 1` (one thread,
//      input after input) and, when that is another number, with `--jobs <cores>` (every core);
//    - a `bash` loop of `pdfsig -nocert f.pdf` over the same files (poppler: ByteRange digest + CMS signature check,
//      no certificate path). pdfsig cannot verify SM2 signatures ("Unknown"/"Signature has not yet been verified")
//      but still opens, parses and digests those files, so the loop does comparable work on all 200;
//    - verify() in-process over the same files already in memory (no start-up, no file reading);
//    - the time a fresh `node` takes to import @heyan/core (packages/core/dist/index.js).
//    Issue 4 target: heyan files/s ≥ 3 × pdfsig files/s, judged on the default invocation. Medians of `rounds`; the
//    machine may be shared and noisy, so each round runs every contender once, one after the other.
// 2. Peak memory of `heyan verify big.pdf` for a 100 MB PDF (4 pages, each one 25 MB uncompressed RGB image of
//    noise plus a text content stream; signed once with signPdf, RSA): the max RSS of the CLI process from
//    `/usr/bin/time -v` (else /proc/<pid>/status VmHWM polled). Limit 300 MB, whole process. Prints PASS/FAIL.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import pngjs from 'pngjs';
import { importPrivateKey, loadCertificates, loadCrls, loadTrustStore, signPdf, verify } from '../packages/core/dist/index.js';
import { median } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const BIN = join(repo, 'packages/cli/dist/bin.js');
const CORE = join(repo, 'packages/core/dist/index.js');
const PRESTART = join(repo, 'packages/cli/dist/verify-prestart.js');
const PKI = join(repo, 'fixtures/pki');
const FILES = 200;
const TARGET_KB = 200;
const RATIO_TARGET = 3;
const BIG_MB = 100;
const MEMORY_LIMIT_MB = 300;
const ALGS = ['rsa', 'sm2'];
const trustArgs = () => ALGS.flatMap((a) => ['--trust', join(PKI, a, 'root.pem')]);
const crlFiles = () => ALGS.flatMap((a) => [join(PKI, a, 'intermediate.crl.pem'), join(PKI, a, 'root.crl.pem')]);
const crlArgs = () => crlFiles().flatMap((f) => ['--crl', f]);

function signer(alg) {
  const read = (f) => readFileSync(join(PKI, alg, f));
  return { key: importPrivateKey(read('signer.key.pem')), certificate: loadCertificates(read('signer.pem'))[0], chain: [loadCertificates(read('intermediate.pem'))[0]] };
}

/** An unsigned PDF of about `kb` kB: 3 pages of licence-like text and one noisy "scan" image (PNG → Flate). */
async function basePdf(kb) {
  const make = async (side) => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const png = new pngjs.PNG({ width: side, height: side });
    png.data = randomBytes(side * side * 4);
    for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
    const img = await doc.embedPng(pngjs.PNG.sync.write(png));
    for (let n = 1; n <= 3; n++) {
      const page = doc.addPage([595.28, 841.89]);
      for (let l = 0; l < 60; l++) {
        page.drawText(`${n}.${l} Licence 91110000TEST${String(l).padStart(5, '0')}X: the holder may operate within the scope listed; issued 2025-03-01.`, {
          x: 40, y: 800 - l * 12, size: 9, font, color: rgb(0, 0, 0),
        });
      }
      if (n === 1) page.drawImage(img, { x: 150, y: 300, width: 300, height: 300 });
    }
    return doc.save({ addDefaultPage: false });
  };
  // The image carries most of the bytes: size it so the SIGNED file (≈ 8 kB added) is about `kb` kB.
  const probe = await make(64);
  const side = Math.round(Math.sqrt(Math.max(0, kb * 1000 - 8000 - (probe.length - 64 * 64 * 3)) / 3));
  return make(side);
}

async function makeFolder(dir) {
  const base = await basePdf(TARGET_KB);
  const signers = Object.fromEntries(ALGS.map((a) => [a, signer(a)]));
  const files = [];
  const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);
  for (let i = 0; i < FILES; i++) {
    const alg = ALGS[i % 2];
    const signed = await signPdf(base, { signer: signers[alg], reason: `批次 ${i}`, signingTime: new Date(t0 + i * 61_000) });
    const path = join(dir, `${alg}-${String(i).padStart(3, '0')}.pdf`);
    writeFileSync(path, signed);
    files.push({ path, alg, bytes: new Uint8Array(signed) });
  }
  return files;
}

/** One `heyan verify ... --json [extra]` process over every file; returns its wall time in seconds. */
function heyanRun(paths, extra = []) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'verify', ...paths, '--json', ...trustArgs(), ...crlArgs(), ...extra], { encoding: 'utf8', maxBuffer: 512 << 20, env: { ...process.env, NO_COLOR: '1' } });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error) throw r.error;
  const out = JSON.parse(r.stdout);
  if (out.summary.passed !== paths.length) {
    const bad = out.reports.find((x) => x.indication !== 'PASSED');
    throw new Error(`heyan verify: ${out.summary.passed}/${paths.length} PASSED; first other: ${bad?.input.name} ${bad?.indication}/${bad?.subIndication}`);
  }
  return seconds;
}

/** A bash loop of `pdfsig -nocert` over every file (output discarded), timed as one process. */
function pdfsigRun(paths, listFile) {
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', 'while IFS= read -r f; do pdfsig -nocert "$f" >/dev/null 2>&1; done < "$1"', 'loop', listFile]);
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`pdfsig loop exited ${r.status}`);
  return seconds;
}

/** What pdfsig says about one file of each kind (outside the timed loop). */
function pdfsigSays(path) {
  const out = spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' });
  const validation = /Signature Validation: (.*)/.exec(out.stdout)?.[1] ?? `no validation line (exit ${out.status})`;
  const type = /Signature Type: (.*)/.exec(out.stdout)?.[1] ?? '?';
  return `${type}: ${validation}`;
}

/** Milliseconds a fresh node process takes to import @heyan/core (measured inside it, so node's own start is out). */
function coreImportMs() {
  const code = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(CORE).href)}); console.log(performance.now() - t);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`importing @heyan/core failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

async function inProcess(files, opts) {
  let passed = 0;
  const t0 = performance.now();
  for (const f of files) if ((await verify(f.bytes, { ...opts, name: f.path })).indication === 'PASSED') passed++;
  const seconds = (performance.now() - t0) / 1000;
  if (passed !== files.length) throw new Error(`verify(): ${passed}/${files.length} PASSED`);
  return files.length / seconds;
}

// ---- the 100 MB PDF ---------------------------------------------------------------------------------------------

/** A hand-written PDF: `pages` pages, each a text content stream and one uncompressed RGB image of `imageBytes`. */
function bigPdf(pages, imageBytes) {
  const width = 2048;
  const height = Math.floor(imageBytes / (width * 3));
  const parts = [];
  const offsets = [];
  let size = 0;
  const push = (b) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    size += buf.length;
  };
  const obj = (num, body, stream) => {
    offsets[num] = size;
    if (stream) {
      push(`${num} 0 obj\n${body.replace('>>', ` /Length ${stream.length} >>`)}\nstream\n`);
      push(stream);
      push('\nendstream\nendobj\n');
    } else push(`${num} 0 obj\n${body}\nendobj\n`);
  };
  push('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i * 3} 0 R`).join(' ');
  obj(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  obj(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pages; i++) {
    const p = 4 + i * 3;
    obj(p, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 3 0 R >> /XObject << /Im0 ${p + 2} 0 R >> >> /Contents ${p + 1} 0 R >>`);
    const text = Array.from({ length: 40 }, (_, l) => `BT /F1 9 Tf 40 ${800 - l * 12} Td (Page ${i + 1} line ${l}: archive scan of licence 91110000TEST0000${i}X) Tj ET`).join('\n');
    obj(p + 1, '<< >>', Buffer.from(`q 515 0 0 ${Math.round((515 * height) / width)} 40 40 cm /Im0 Do Q\n${text}\n`, 'latin1'));
    obj(p + 2, `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 >>`, randomBytes(width * height * 3));
  }
  const count = 4 + pages * 3;
  const xref = size;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** Max RSS (bytes) of one `heyan verify big.pdf --json` process, and its verdict. */
async function peakRss(path) {
  const args = [BIN, 'verify', path, '--json', ...trustArgs(), ...crlArgs()];
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    if (kb) return { rss: Number(kb[1]) * 1024, how: '/usr/bin/time -v', report: JSON.parse(r.stdout).reports[0] };
  }
  // No GNU time: poll the kernel's high-water mark of the child until it exits.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  let hwm = 0;
  const poll = setInterval(() => {
    try {
      const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) hwm = Math.max(hwm, Number(m[1]) * 1024);
    } catch {
      // exited between polls
    }
  }, 5);
  await new Promise((r) => child.on('close', r));
  clearInterval(poll);
  return { rss: hwm, how: 'VmHWM polled every 5 ms', report: JSON.parse(stdout).reports[0] };
}

async function memory(dir) {
  const unsigned = bigPdf(4, (BIG_MB * 1000 * 1000) / 4 - 2000);
  const signed = await signPdf(unsigned, { signer: signer('rsa'), reason: 'archive', signingTime: new Date(Date.UTC(2026, 0, 5)) });
  const path = join(dir, 'big.pdf');
  writeFileSync(path, signed);
  const m = await peakRss(path);
  return { size: statSync(path).size, ...m };
}

/** Measure; returns the figures (also printed when run directly). */
export async function run({ rounds = 3, memoryCheck = true } = {}) {
  if (!existsSync(BIN)) throw new Error('packages/cli/dist/bin.js is missing: run `npm run build` first');
  if (spawnSync('pdfsig', ['-v']).error) throw new Error('pdfsig (poppler-utils) is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'heyan-bench-pdf-'));
  try {
    const files = await makeFolder(dir);
    const paths = files.map((f) => f.path);
    const listFile = join(dir, 'files.txt');
    writeFileSync(listFile, `${paths.join('\n')}\n`);
    const sizes = files.map((f) => f.bytes.length);
    const pdfsigRsa = pdfsigSays(files.find((f) => f.alg === 'rsa').path);
    const pdfsigSm2 = pdfsigSays(files.find((f) => f.alg === 'sm2').path);

    const trust = await loadTrustStore(ALGS.map((a) => join(PKI, a, 'root.pem')));
    const crls = crlFiles().flatMap((f) => loadCrls(readFileSync(f)));
    const { defaultJobs } = await import(pathToFileURL(PRESTART).href);
    const jobs = defaultJobs(FILES);
    const cores = availableParallelism();
    const heyanS = [];
    const heyanAllS = [];
    const heyanSeqS = [];
    const pdfsigS = [];
    const inProc = [];
    const startS = [];
    const importMs = [];
    for (let r = 0; r < rounds; r++) {
      importMs.push(coreImportMs());
      startS.push(heyanRun(paths.slice(0, 1)));
      heyanS.push(heyanRun(paths));
      pdfsigS.push(pdfsigRun(paths, listFile));
      heyanSeqS.push(heyanRun(paths, ['--jobs', '1']));
      if (cores !== jobs && cores > 1) heyanAllS.push(heyanRun(paths, ['--jobs', String(cores)]));
      inProc.push(await inProcess(files, { trust, crls }));
    }
    const inProcRsa = await inProcess(files.filter((f) => f.alg === 'rsa'), { trust, crls });
    const inProcSm2 = await inProcess(files.filter((f) => f.alg === 'sm2'), { trust, crls });
    const heyanRate = FILES / median(heyanS);
    const heyanSeqRate = FILES / median(heyanSeqS);
    const pdfsigRate = FILES / median(pdfsigS);
    const mem = memoryCheck ? await memory(dir) : undefined;
    return {
      files: FILES,
      avgKB: sizes.reduce((a, b) => a + b, 0) / sizes.length / 1000,
      minKB: Math.min(...sizes) / 1000,
      maxKB: Math.max(...sizes) / 1000,
      pdfsigRsa,
      pdfsigSm2,
      cores,
      jobs,
      heyanAllRate: heyanAllS.length ? FILES / median(heyanAllS) : undefined,
      heyanAllSeconds: heyanAllS.length ? median(heyanAllS) : undefined,
      coreImportMs: median(importMs),
      heyanSeconds: median(heyanS),
      heyanSeqSeconds: median(heyanSeqS),
      pdfsigSeconds: median(pdfsigS),
      heyanRate,
      heyanSeqRate,
      pdfsigRate,
      // `heyan verify` of ONE file: Node start-up, module loading, trust/CRL loading, one verification.
      heyanOneFileSeconds: median(startS),
      // Files/s once started: (200 files − 1 file) / (time(200) − time(1)).
      heyanMarginalRate: (FILES - 1) / (median(heyanS) - median(startS)),
      ratio: heyanRate / pdfsigRate,
      ratioSeq: heyanSeqRate / pdfsigRate,
      ratioTarget: RATIO_TARGET,
      throughputVerdict: heyanRate / pdfsigRate >= RATIO_TARGET ? 'PASS' : 'FAIL',
      inProcessRate: median(inProc),
      inProcessRsa: inProcRsa,
      inProcessSm2: inProcSm2,
      memory: mem && {
        sizeMB: mem.size / 1e6,
        indication: mem.report.indication,
        peakMB: mem.rss / (1024 * 1024),
        how: mem.how,
        limitMB: MEMORY_LIMIT_MB,
        verdict: mem.rss <= MEMORY_LIMIT_MB * 1024 * 1024 && mem.report.indication === 'PASSED' ? 'PASS' : 'FAIL',
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function format(r) {
  const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const m = r.memory;
  return [
    `heyan PDF verification: ${r.files} single-signature PAdES PDFs (half RSA, half SM2), ${r.avgKB.toFixed(0)} kB each (${r.minKB.toFixed(0)}–${r.maxKB.toFixed(0)}), medians of rounds`,
    `  cores available: ${r.cores}; default --jobs for ${r.files} inputs: ${r.jobs} (this thread and ${r.jobs - 1} worker thread(s)); importing @heyan/core takes ${r.coreImportMs.toFixed(0)} ms`,
    `  heyan verify, default --jobs (one process, --json, every report PASSED) ${f(r.heyanRate).padStart(6)} files/s  (${r.heyanSeconds.toFixed(2)} s)`,
    `  heyan verify --jobs 1                                                   ${f(r.heyanSeqRate).padStart(6)} files/s  (${r.heyanSeqSeconds.toFixed(2)} s)`,
    ...(r.heyanAllRate !== undefined
      ? [`  heyan verify --jobs ${r.cores} (every core)                                     ${f(r.heyanAllRate).padStart(6)} files/s  (${r.heyanAllSeconds.toFixed(2)} s)`]
      : []),
    `    start-up: heyan verify of ONE file takes ${r.heyanOneFileSeconds.toFixed(2)} s; once started (default --jobs) ${f(r.heyanMarginalRate)} files/s`,
    `  bash loop of pdfsig -nocert                                            ${f(r.pdfsigRate).padStart(6)} files/s  (${r.pdfsigSeconds.toFixed(2)} s)`,
    `    pdfsig on an RSA file: ${r.pdfsigRsa}; on an SM2 file: ${r.pdfsigSm2} (pdfsig cannot verify SM2; it still parses and digests those files)`,
    `  ratio heyan / pdfsig: default --jobs ${r.ratio.toFixed(2)}×, --jobs 1 ${r.ratioSeq.toFixed(2)}×; target ≥ ${r.ratioTarget}× judged on the default invocation → ${r.throughputVerdict}`,
    `  verify() in-process (bytes in memory, one thread): ${f(r.inProcessRate)} files/s (RSA only ${f(r.inProcessRsa)}, SM2 only ${f(r.inProcessSm2)})`,
    ...(m ? [`${m.sizeMB.toFixed(0)} MB signed PDF: heyan verify peak RSS ${m.peakMB.toFixed(0)} MB (${m.how}), ${m.indication}; limit ${m.limitMB} MB → ${m.verdict}`] : []),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  // node bench/pdf.js [--rounds N] [--no-memory]: more rounds on a noisy machine; --no-memory skips the 100 MB part.
  const argv = process.argv.slice(2);
  const roundsAt = argv.indexOf('--rounds');
  const r = await run({ rounds: roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 3, memoryCheck: !argv.includes('--no-memory') });
  console.log(format(r));
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (r.throughputVerdict !== 'PASS' || (r.memory && r.memory.verdict !== 'PASS')) process.exitCode = 1;
}
