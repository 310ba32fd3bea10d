// heyan status-list publish --registry DB --issuer USCC --key K --cert C [--password P] [--list N]
//                           [--valid-for 7d] [--valid-from ISO] --out list.jws
// heyan status-list check LIST --index N [--trust P]... [--bundle B --bundle-root F [--bundle-signer F]] [--at ISO] [--json]
import { checkStatus, createStatusList, loadCertificates, loadTrustStore, sanitizeForTerminal, statusListIdOf, type Check } from '@heyan/core';
import { HELP } from '../help.js';
import { checkReadable, readInput, writeOutput, type Io } from '../io.js';
import { UsageError, flag, parse, parseTime, required, str, strs } from '../usage.js';
import { openBundleFile } from './bundle-open.js';
import { parseDuration } from './duration.js';
import { openRegistryFile } from './registry-open.js';
import { loadSigner } from './sign.js';

const t = sanitizeForTerminal;

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(`--${name} needs a non-negative integer (got "${value}")`);
  return Number(value);
}

async function publishCommand(args: string[], io: Io): Promise<number> {
  const p = parse(
    args,
    { registry: { type: 'string' }, issuer: { type: 'string' }, key: { type: 'string' }, cert: { type: 'string' }, password: { type: 'string' }, list: { type: 'string' }, 'valid-for': { type: 'string' }, 'valid-from': { type: 'string' }, out: { type: 'string' } },
    false,
  );
  const dbPath = required(p, 'registry', 'status-list publish');
  const issuer = required(p, 'issuer', 'status-list publish');
  const keyPath = required(p, 'key', 'status-list publish');
  const out = required(p, 'out', 'status-list publish');
  const list = integer(str(p, 'list'), 'list', 0);
  const validFrom = parseTime(str(p, 'valid-from'), 'valid-from') ?? new Date();
  const validFor = parseDuration(str(p, 'valid-for') ?? '7d', 'valid-for', 366 * 86_400)!;
  if (validFor <= 0) throw new UsageError('--valid-for must be longer than 0');
  const signer = loadSigner(keyPath, str(p, 'cert'), str(p, 'password'));
  const [certificate, ...chain] = signer.certificates;
  if (!certificate) throw new UsageError('status-list publish needs --cert (the issuer\'s signing certificate, optionally followed by intermediates)');
  const registry = openRegistryFile(dbPath, false);
  try {
    const entries = await registry.statusListEntries(issuer, { list, at: validFrom });
    const size = await registry.listSize();
    const id = statusListIdOf(issuer, list);
    const jws = createStatusList({ id, size: Math.max(size, 131_072), statuses: entries, validFrom, validUntil: new Date(validFrom.getTime() + validFor * 1000), issuer: { key: signer.key, certificate, chain } });
    writeOutput(out, `${jws}\n`);
    const count = (s: string) => [...entries.values()].filter((x) => x === s).length;
    io.stdout.write(
      `published ${id}: ${entries.size} licence(s) (${count('suspended')} suspended, ${count('revoked')} revoked), valid ${validFrom.toISOString()} .. ${new Date(validFrom.getTime() + validFor * 1000).toISOString()} → ${out}\n`,
    );
    return 0;
  } finally {
    await registry.close();
  }
}

async function checkCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, {
    index: { type: 'string' },
    trust: { type: 'string', multiple: true },
    bundle: { type: 'string' },
    'bundle-root': { type: 'string', multiple: true },
    'bundle-signer': { type: 'string', multiple: true },
    'bundle-state': { type: 'string' },
    issuer: { type: 'string' },
    at: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [path, ...more] = p.positionals;
  if (path === undefined || more.length > 0) throw new UsageError('status-list check needs one status list file');
  const index = integer(required(p, 'index', 'status-list check'), 'index', 0);
  const at = parseTime(str(p, 'at'), 'at') ?? new Date();
  const list = new TextDecoder().decode(readInput(path, 'status list', 64 * 1024 * 1024)).trim();
  const trustPaths = strs(p, 'trust');
  for (const x of trustPaths) checkReadable(x, 'trust path', { allowDirectory: true });
  const trust = trustPaths.length ? await loadTrustStore(trustPaths) : undefined;
  let bundle;
  const bundlePath = str(p, 'bundle');
  if (bundlePath !== undefined) {
    const o = await openBundleFile(bundlePath, { pinned: strs(p, 'bundle-root'), signers: strs(p, 'bundle-signer'), ...(str(p, 'bundle-state') !== undefined ? { statePath: str(p, 'bundle-state')! } : {}), at }, io);
    if (!o.result.bundle) throw new UsageError(`trust bundle ${bundlePath} refused (${o.result.indication}${o.result.subIndication ? `/${o.result.subIndication}` : ''}): ${o.result.advice?.en ?? ''}`);
    bundle = o.result.bundle;
  }
  const issuerPath = str(p, 'issuer');
  const expectedIssuer = issuerPath !== undefined ? loadCertificates(readInput(issuerPath, 'issuer certificate'))[0] : undefined;
  const r = checkStatus({ list, index, time: at, ...(trust ? { trust } : {}), ...(bundle ? { bundle } : {}), ...(expectedIssuer ? { expectedIssuer } : {}) });
  const code = r.indication === 'PASSED' ? 0 : r.indication === 'FAILED' ? 1 : 2;
  if (flag(p, 'json')) {
    io.stdout.write(`${JSON.stringify({ status: r.status, indication: r.indication, ...(r.subIndication ? { subIndication: r.subIndication } : {}), index, ...(r.list ? { list: r.list } : {}), checks: r.checks }, null, 2)}\n`);
    return code;
  }
  io.stdout.write(`status list ${t(path)} entry ${index}: ${r.status} (${r.indication}${r.subIndication ? ` / ${r.subIndication}` : ''})\n`);
  for (const c of r.checks.filter((x: Check) => x.status !== 'passed' && x.status !== 'skipped')) io.stdout.write(`  [${c.status}] ${c.id}: ${t(c.message.zh)} / ${t(c.message.en)}\n`);
  return code;
}

export async function statusListCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(`${HELP['status-list']}\n`);
    return sub === undefined ? 3 : 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${HELP['status-list']}\n`);
    return 0;
  }
  if (sub === 'publish') return publishCommand(rest, io);
  if (sub === 'check') return checkCommand(rest, io);
  throw new UsageError(`unknown status-list subcommand "${sub}" (expected: publish, check)`);
}
