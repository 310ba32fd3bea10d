// heyan bundle create --config bundle.json --key K --cert C [--password P] --out B.hytb
// heyan bundle verify B --bundle-root ROOT [--bundle-root ...] [--bundle-signer F]... [--bundle-state F] [--at ISO]
//                     [--grace D] [--json] [--verbose]
// heyan bundle inspect B [--json]
import { dirname, resolve } from 'node:path';
import {
  createTrustBundle,
  inspectTrustBundle,
  loadCertificates,
  loadCrls,
  sanitizeForTerminal,
  trustBundleLimits,
  type Certificate,
  type Check,
  type Crl,
  type TrustBundle,
  type TrustBundleIssuerInput,
} from '@heyan/core';
import { HELP } from '../help.js';
import { readInput, writeOutput, type Io } from '../io.js';
import { UsageError, flag, parse, parseTime, required, str, strs } from '../usage.js';
import { openBundleFile } from './bundle-open.js';
import { parseDuration } from './duration.js';
import { loadSigner } from './sign.js';

const t = sanitizeForTerminal;

function fail(path: string, why: string): never {
  throw new UsageError(`bundle config ${path}: ${why}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fileList(v: unknown, what: string, config: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x !== '')) fail(config, `${what} must be a list of file names`);
  return (v as string[]).map((f) => resolve(dirname(config), f));
}

function certs(files: string[]): Certificate[] {
  return files.flatMap((f) => {
    try {
      const c = loadCertificates(readInput(f, 'certificate'));
      if (c.length === 0) throw new Error('no certificate in it');
      return c;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot use certificate ${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

function crls(files: string[]): Crl[] {
  return files.flatMap((f) => {
    try {
      return loadCrls(readInput(f, 'CRL'));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot use CRL ${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

function strings(v: unknown, what: string, config: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(config, `${what} must be a list of strings`);
  return v as string[];
}

async function createCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, { config: { type: 'string' }, key: { type: 'string' }, cert: { type: 'string' }, password: { type: 'string' }, out: { type: 'string' } }, false);
  const configPath = required(p, 'config', 'bundle create');
  const out = required(p, 'out', 'bundle create');
  const keyPath = required(p, 'key', 'bundle create');
  let config: unknown;
  try {
    config = JSON.parse(new TextDecoder().decode(readInput(configPath, 'bundle config', 16 * 1024 * 1024)));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    fail(configPath, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(config)) fail(configPath, 'a JSON object is expected');
  const c = config;
  if (typeof c.version !== 'number' || !Number.isSafeInteger(c.version) || c.version < 1) fail(configPath, '"version" must be a positive integer (higher than the last bundle published)');
  const issuedAt = typeof c.issuedAt === 'string' ? parseTime(c.issuedAt, 'issuedAt') : new Date();
  let nextUpdate: Date;
  if (typeof c.nextUpdate === 'string') nextUpdate = parseTime(c.nextUpdate, 'nextUpdate')!;
  else nextUpdate = new Date(issuedAt!.getTime() + (parseDuration(typeof c.validFor === 'string' ? c.validFor : '7d', 'validFor') ?? 0) * 1000);
  const issuers: TrustBundleIssuerInput[] = [];
  if (c.issuers !== undefined && !Array.isArray(c.issuers)) fail(configPath, '"issuers" must be a list');
  for (const [i, x] of ((c.issuers as unknown[] | undefined) ?? []).entries()) {
    if (!isObject(x)) fail(configPath, `issuers[${i}] must be an object`);
    if (typeof x.code !== 'string' || typeof x.name !== 'string') fail(configPath, `issuers[${i}] needs "code" and "name"`);
    issuers.push({
      code: x.code,
      name: x.name,
      certificates: certs(fileList(x.certificates, `issuers[${i}].certificates`, configPath)),
      licenseTypes: strings(x.licenseTypes ?? ['*'], `issuers[${i}].licenseTypes`, configPath),
      areaCodes: strings(x.areaCodes, `issuers[${i}].areaCodes`, configPath),
    });
  }
  const statusLists = fileList(c.statusLists, 'statusLists', configPath).map((f) => new TextDecoder().decode(readInput(f, 'status list', 64 * 1024 * 1024)).trim());
  const signer = loadSigner(keyPath, str(p, 'cert'), str(p, 'password'));
  const [certificate, ...chain] = signer.certificates;
  if (!certificate) throw new UsageError('bundle create needs --cert (the bundle signer certificate, optionally followed by intermediates)');
  const bytes = createTrustBundle({
    version: c.version,
    issuedAt: issuedAt!,
    nextUpdate,
    roots: certs(fileList(c.roots, 'roots', configPath)),
    intermediates: certs(fileList(c.intermediates, 'intermediates', configPath)),
    crls: crls(fileList(c.crls, 'crls', configPath)),
    issuers,
    statusLists,
    signer: { key: signer.key, certificate, chain },
  });
  writeOutput(out, bytes);
  const b = inspectTrustBundle(bytes).bundle;
  io.stdout.write(
    `trust bundle version ${b.version}: ${b.roots.length} root(s), ${b.intermediates.length} intermediate(s), ${b.crls.length} CRL(s), ${b.issuers.length} issuer(s), ${b.statusLists.length} status list(s); next update ${b.nextUpdate.toISOString()}; sha256 ${b.digest} → ${out}\n`,
  );
  return 0;
}

function describeBundle(b: TrustBundle): object {
  const cert = (c: Certificate) => ({ subject: c.subject, fingerprintSha256: c.fingerprintSha256, notAfter: c.notAfter.toISOString() });
  return {
    version: b.version,
    issuedAt: b.issuedAt.toISOString(),
    nextUpdate: b.nextUpdate.toISOString(),
    digest: b.digest,
    verified: b.verified,
    ...(b.signer ? { signer: cert(b.signer) } : {}),
    roots: b.roots.map(cert),
    intermediates: b.intermediates.map(cert),
    crls: b.crls.map((x) => ({ issuer: x.issuer, thisUpdate: x.thisUpdate.toISOString(), nextUpdate: x.nextUpdate?.toISOString() ?? null, revoked: x.entries.size })),
    issuers: b.issuers.map((i) => ({ code: i.code, name: i.name, licenseTypes: i.licenseTypes, areaCodes: i.areaCodes, certificates: i.certificates.map(cert) })),
  };
}

function printBundle(io: Io, b: TrustBundle, lists: { id: string; issuer: string; validFrom: string; validUntil: string }[]): void {
  const w = (s: string) => io.stdout.write(`${s}\n`);
  w(`  version ${b.version}, issued ${b.issuedAt.toISOString()}, next update ${b.nextUpdate.toISOString()}`);
  w(`  sha256 ${b.digest}`);
  if (b.signer) w(`  signer: ${t(b.signer.subject)}`);
  for (const c of b.roots) w(`  root: ${t(c.subject)} (sha256 ${c.fingerprintSha256})`);
  for (const c of b.intermediates) w(`  intermediate: ${t(c.subject)}`);
  for (const c of b.crls) w(`  CRL: ${t(c.issuer)}, ${c.entries.size} revoked, next update ${c.nextUpdate?.toISOString() ?? '—'}`);
  for (const i of b.issuers) {
    w(`  issuer ${t(i.code)} ${t(i.name)}: types ${i.licenseTypes.map(t).join(', ')}; areas ${i.areaCodes.map(t).join(', ')}; ${i.certificates.length} certificate(s)`);
    for (const c of i.certificates) w(`    ${t(c.subject)} (sha256 ${c.fingerprintSha256.slice(0, 16)}…, until ${c.notAfter.toISOString()})`);
  }
  for (const l of lists) w(`  status list ${t(l.id)} (${t(l.issuer)}), valid ${l.validFrom} .. ${l.validUntil}`);
}

function inspectCommand(args: string[], io: Io): number {
  const p = parse(args, { json: { type: 'boolean' } });
  const [path, ...more] = p.positionals;
  if (path === undefined || more.length > 0) throw new UsageError('bundle inspect needs one bundle file');
  const bytes = readInput(path, 'trust bundle', trustBundleLimits.MAX_BUNDLE_BYTES);
  let ins;
  try {
    ins = inspectTrustBundle(bytes);
  } catch (e) {
    throw new UsageError(`cannot read trust bundle ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (flag(p, 'json')) {
    io.stdout.write(`${JSON.stringify({ ...describeBundle(ins.bundle), flavour: ins.flavour, statusLists: ins.statusLists }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`信任包 trust bundle ${t(path)} — 未验证 NOT VERIFIED (heyan bundle verify checks it)\n`);
  printBundle(io, ins.bundle, ins.statusLists);
  return 0;
}

const LABEL = { PASSED: '通过 PASSED', FAILED: '不通过 FAILED', INDETERMINATE: '无法确定 INDETERMINATE' } as const;

async function verifyCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, {
    trust: { type: 'string', multiple: true },
    'bundle-root': { type: 'string', multiple: true },
    'bundle-signer': { type: 'string', multiple: true },
    'bundle-state': { type: 'string' },
    at: { type: 'string' },
    grace: { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
  });
  const [path, ...more] = p.positionals;
  if (path === undefined || more.length > 0) throw new UsageError('bundle verify needs one bundle file');
  // The roots a bundle signer chains to are named as such: --trust elsewhere means "may sign documents".
  if (strs(p, 'trust').length > 0) throw new UsageError('bundle verify takes --bundle-root F (the root(s) the bundle signer must chain to), not --trust');
  const at = parseTime(str(p, 'at'), 'at');
  const grace = parseDuration(str(p, 'grace'), 'grace');
  const { result: r, statePath, previousVersion } = await openBundleFile(
    path,
    { pinned: strs(p, 'bundle-root'), signers: strs(p, 'bundle-signer'), ...(str(p, 'bundle-state') !== undefined ? { statePath: str(p, 'bundle-state')! } : {}), ...(at ? { at } : {}), ...(grace !== undefined ? { graceSeconds: grace } : {}) },
    io,
  );
  const code = r.indication === 'PASSED' ? 0 : r.indication === 'FAILED' ? 1 : 2;
  if (flag(p, 'json')) {
    const doc = {
      indication: r.indication,
      ...(r.subIndication ? { subIndication: r.subIndication } : {}),
      digest: r.digest,
      ...(r.version !== undefined ? { version: r.version } : {}),
      ...(previousVersion !== undefined ? { previousVersion } : {}),
      ...(r.issuedAt ? { issuedAt: r.issuedAt.toISOString() } : {}),
      ...(r.nextUpdate ? { nextUpdate: r.nextUpdate.toISOString() } : {}),
      ...(r.signer ? { signer: r.signer.subject } : {}),
      ...(r.bundle ? { bundle: describeBundle(r.bundle) } : {}),
      checks: r.checks,
      ...(r.advice ? { advice: r.advice } : {}),
      statePath,
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return code;
  }
  io.stdout.write(`信任包 trust bundle ${t(path)}: ${LABEL[r.indication]}${r.subIndication ? ` (${r.subIndication})` : ''}\n`);
  if (r.bundle) printBundle(io, r.bundle, []);
  else if (r.version !== undefined) io.stdout.write(`  version ${r.version}${previousVersion !== undefined ? ` (version ${previousVersion} seen before)` : ''}\n`);
  const shown = flag(p, 'verbose') ? r.checks : r.checks.filter((c: Check) => c.status !== 'passed' && c.status !== 'skipped');
  for (const c of shown) io.stdout.write(`  [${c.status}] ${c.id}: ${t(c.message.zh)} / ${t(c.message.en)}\n`);
  if (r.advice) io.stdout.write(`  建议 advice: ${r.advice.zh} / ${r.advice.en}\n`);
  return code;
}

const SUBCOMMANDS: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  create: createCommand,
  verify: verifyCommand,
  inspect: inspectCommand,
};

export async function bundleCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(`${HELP.bundle}\n`);
    return sub === undefined ? 3 : 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${HELP.bundle}\n`);
    return 0;
  }
  const run = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new UsageError(`unknown bundle subcommand "${sub}" (expected: create, verify, inspect)`);
  return await run(rest, io);
}
