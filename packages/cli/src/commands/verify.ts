// heyan verify <input...> [--content F] [--signature F --cert F] [--trust P]... [--crl F]... [--at ISO-8601]
//              [--json] [--verbose] [--id SM2ID] [--weak warn|fail] [--pdf-policy licence|general]
//              [--revocation require|if-available|off] [--jobs N]
import {
  DEFAULT_MAX_INPUT_BYTES,
  decodeQrImage,
  loadCertificates,
  loadCrls,
  loadTrustStore,
  summarise,
  verify,
  withRefusedBundle,
  type Certificate,
  type Crl,
  type Report,
  type VerifyOptions,
} from '@heyan/core';
import { HELP } from '../help.js';
import { checkReadable, readInput, type Io } from '../io.js';
import { UsageError, flag, oneOf, parse, parseTime, str, strs } from '../usage.js';
import { BUNDLE_OPTIONS, applyBundleOption } from './bundle-verify-option.js';
import { openRegistryFile } from './registry-open.js';
import { jobCount, poolSpec, verifyInPool, verifyInputFile } from '../verify-pool.js';
import { takePrestarted } from '../verify-prestart.js';
import { jsonBatch, renderReport, type OutputSpec, type RenderedReport } from '../report-output.js';

const OPTIONS = {
  content: { type: 'string' },
  signature: { type: 'string' },
  cert: { type: 'string' },
  trust: { type: 'string', multiple: true },
  crl: { type: 'string', multiple: true },
  at: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  id: { type: 'string' },
  weak: { type: 'string' },
  qr: { type: 'string' },
  'qr-image': { type: 'string' },
  registry: { type: 'string' },
  'pdf-policy': { type: 'string' },
  revocation: { type: 'string' },
  ...BUNDLE_OPTIONS,
  jobs: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Wraps a library error about a named file so the one-line message says which file. */
function load<T>(path: string, what: string, f: (b: Uint8Array) => T): T {
  const bytes = readInput(path, what);
  try {
    return f(bytes);
  } catch (e) {
    throw new UsageError(`cannot use ${what} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it. */
export function wantColour(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

export function exitCodeFor(reports: readonly Pick<Report, 'indication'>[]): number {
  const s = summarise(reports);
  return s.failed > 0 ? 1 : s.indeterminate > 0 ? 2 : 0;
}

export async function verifyCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, OPTIONS);
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.verify}\n`);
    return 0;
  }
  const inputs = p.positionals;
  const signaturePath = str(p, 'signature');
  const certPath = str(p, 'cert');
  const contentPath = str(p, 'content');
  const json = flag(p, 'json');
  const verbose = flag(p, 'verbose');
  const weak = oneOf(str(p, 'weak'), ['warn', 'fail'] as const, 'weak');
  const pdfPolicy = oneOf(str(p, 'pdf-policy'), ['licence', 'general'] as const, 'pdf-policy');
  const revocation = oneOf(str(p, 'revocation'), ['require', 'if-available', 'off'] as const, 'revocation');
  const at = parseTime(str(p, 'at'), 'at');
  const sm2Id = str(p, 'id');
  const qrText = str(p, 'qr');
  const qrImage = str(p, 'qr-image');

  if (qrText !== undefined || qrImage !== undefined) {
    if (inputs.length > 0 || signaturePath !== undefined || (qrText !== undefined && qrImage !== undefined))
      throw new UsageError('--qr TEXT and --qr-image F verify one QR code: give no other input');
  } else if (signaturePath !== undefined) {
    if (inputs.length > 0) throw new UsageError('--signature verifies one raw signature: give no other input');
    if (certPath === undefined) throw new UsageError('--signature needs --cert (the signer certificate)');
    if (contentPath === undefined) throw new UsageError('--signature needs --content (the signed file)');
  } else if (inputs.length === 0) {
    throw new UsageError('verify needs an input file (or --signature F --cert F --content F); see heyan help verify');
  }

  // Fail on unreadable paths before any work, so a batch does not stop half-way.
  for (const i of inputs) checkReadable(i, 'input', { maxBytes: DEFAULT_MAX_INPUT_BYTES });
  const jobs = jobCount(p, inputs.length);
  const trustPaths = strs(p, 'trust');
  for (const t of trustPaths) checkReadable(t, 'trust path', { allowDirectory: true });

  const opts: VerifyOptions = {};
  if (trustPaths.length > 0) {
    try {
      opts.trust = await loadTrustStore(trustPaths);
    } catch (e) {
      throw new UsageError(`cannot use --trust ${trustPaths.join(', ')}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const crls: Crl[] = [];
  for (const c of strs(p, 'crl')) crls.push(...load(c, 'CRL', (b) => loadCrls(b)));
  if (crls.length > 0) opts.crls = crls;
  let certificates: Certificate[] | undefined;
  if (certPath !== undefined) certificates = load(certPath, 'certificate', (b) => loadCertificates(b));
  if (certificates) opts.certificates = certificates;
  if (at) opts.at = at;
  if (sm2Id !== undefined) opts.sm2Id = sm2Id;
  if (weak) opts.policy = { weak };
  if (pdfPolicy) opts.pdfPolicy = pdfPolicy;
  if (revocation) opts.revocation = revocation;
  // A refused trust bundle (bad signature, rollback, stale) decides every report below.
  const { refused: refusedBundle, spec: bundleSpec } = await applyBundleOption(p, opts, at, io);
  const content = contentPath !== undefined ? readInput(contentPath, 'content') : undefined;
  // Licence status (with the reason and date of a revocation or suspension) from the issuer's registry, read-only.
  const registryPath = str(p, 'registry');
  const registry = registryPath !== undefined ? openRegistryFile(registryPath, false, true) : undefined;
  if (registry) opts.statusRegistry = registry.asStatusSource();

  const output: OutputSpec = json ? { json: true } : { json: false, verbose, colour: wantColour(io) };
  // JSON is one document at the end, so it keeps each report as printed (its bytes); human output streams per
  // input (a long batch shows progress) and keeps only the verdicts, so memory stays flat over archives of any size.
  const rendered: RenderedReport[] = [];
  const verdicts: Pick<Report, 'indication'>[] = [];
  const emitRendered = (r: RenderedReport): void => {
    verdicts.push({ indication: r.indication });
    if (json) rendered.push(r);
    else io.stdout.write(r.bytes);
  };
  const emit = (report: Report): void =>
    emitRendered(renderReport(refusedBundle ? withRefusedBundle(report, refusedBundle) : report, output));

  try {
    if (qrText !== undefined || qrImage !== undefined) {
      // A licence QR code: its text as given, or as read from a photo or scan (a PNG without a QR is exit 3).
      let text = qrText;
      if (text === undefined) {
        try {
          text = decodeQrImage(readInput(qrImage!, 'QR image', 32 * 1024 * 1024));
        } catch (e) {
          if (e instanceof UsageError) throw e;
          throw new UsageError(`cannot read a QR code from ${qrImage}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      emit(await verify(new TextEncoder().encode(text), { ...opts, name: qrImage ?? '--qr', qrText: text }));
    } else if (signaturePath !== undefined) {
      const sig = readInput(signaturePath, 'signature', DEFAULT_MAX_INPUT_BYTES);
      emit(await verify(sig, { ...opts, name: signaturePath, rawSignature: true, ...(content ? { content } : {}) }));
    } else {
      // Several inputs: `jobs` at a time (this thread and jobs − 1 workers), reported in input order. Workers reopen
      // the bundle this thread accepted (bundleSpec) and the registry read-only; other modes keep the sequential loop.
      const spec = jobs > 1 ? poolSpec(p, bundleSpec) : undefined;
      // A refused bundle never takes the pool (poolSpec), so workers may render reports as they are.
      if (spec) await verifyInPool(inputs, { spec, jobs, opts, ...(content ? { content } : {}), output: { spec: output, emit: emitRendered } });
      else {
        // Workers cli.ts prestarted for a pool that is not run (a refused bundle): stop them loading the library.
        takePrestarted(0);
        for (const path of inputs) emit(await verifyInputFile(path, opts, content));
      }
    }
  } finally {
    await registry?.close();
  }
  if (json) io.stdout.write(jsonBatch(rendered));
  else if (verdicts.length > 1) {
    const s = summarise(verdicts);
    io.stdout.write(
      `总计 Total: ${s.total} — 通过 passed ${s.passed}, 不通过 failed ${s.failed}, 无法确定 indeterminate ${s.indeterminate}\n`,
    );
  }
  return exitCodeFor(verdicts);
}
