// heyan license register --registry DB --record R.json [--status-index N] [--status-list L] [--credential-id ID]
//                        [--at ISO] [--actor NAME] [--json]
// heyan license revoke|suspend|reinstate --registry DB --id IDENTIFIER --reason TEXT [--actor NAME] [--at ISO] [--json]
// heyan license status --registry DB --id IDENTIFIER [--at ISO] [--history] [--json]
import { sanitizeForTerminal, type StatusChange, type StatusEvent } from '@heyan/core';
import { HELP } from '../help.js';
import { readInput, type Io } from '../io.js';
import { UsageError, flag, parse, parseTime, required, str } from '../usage.js';
import { openRegistryFile } from './registry-open.js';

const t = sanitizeForTerminal;

export const LICENSE_REGISTRY_SUBCOMMANDS = ['register', 'revoke', 'suspend', 'reinstate', 'status'] as const;

export function isLicenseRegistrySubcommand(sub: string | undefined): boolean {
  return sub !== undefined && (LICENSE_REGISTRY_SUBCOMMANDS as readonly string[]).includes(sub);
}

function defaultActor(io: Io): string | undefined {
  return io.env.HEYAN_ACTOR || io.env.USER || io.env.USERNAME || undefined;
}

const ZH = { valid: '有效', suspended: '暂扣', revoked: '吊销', unknown: '尚未生效' } as const;

function eventJson(e: StatusEvent): object {
  return { seq: e.seq, action: e.action, status: e.status, at: e.at.toISOString(), recordedAt: e.recordedAt.toISOString(), ...(e.reason !== undefined ? { reason: e.reason } : {}), ...(e.actor !== undefined ? { actor: e.actor } : {}) };
}

function eventLine(e: StatusEvent): string {
  return `  ${e.at.toISOString()}  ${e.action.padEnd(9)} → ${e.status.padEnd(9)}${e.reason ? `  ${t(e.reason)}` : ''}${e.actor ? `  (${t(e.actor)})` : ''}  [recorded ${e.recordedAt.toISOString()}]`;
}

async function registerCommand(args: string[], io: Io): Promise<number> {
  const p = parse(
    args,
    { registry: { type: 'string' }, record: { type: 'string' }, 'status-index': { type: 'string' }, 'status-list': { type: 'string' }, 'credential-id': { type: 'string' }, at: { type: 'string' }, actor: { type: 'string' }, json: { type: 'boolean' } },
    false,
  );
  const db = required(p, 'registry', 'license register');
  const record = readInput(required(p, 'record', 'license register'), 'record', 1024 * 1024);
  const num = (name: string): number | undefined => {
    const v = str(p, name);
    if (v === undefined) return undefined;
    if (!/^\d{1,9}$/.test(v)) throw new UsageError(`--${name} needs a non-negative integer (got "${v}")`);
    return Number(v);
  };
  const statusIndex = num('status-index');
  const statusList = num('status-list');
  if (statusList !== undefined && statusIndex === undefined) throw new UsageError('--status-list goes with --status-index');
  const at = parseTime(str(p, 'at'), 'at');
  const actor = str(p, 'actor') ?? defaultActor(io);
  const registry = openRegistryFile(db, true);
  try {
    const r = await registry.register(record, {
      ...(statusIndex !== undefined ? { statusIndex } : {}),
      ...(statusList !== undefined ? { statusList } : {}),
      ...(str(p, 'credential-id') !== undefined ? { credentialId: str(p, 'credential-id')! } : {}),
      ...(at ? { at } : {}),
      ...(actor ? { actor } : {}),
    });
    if (flag(p, 'json')) io.stdout.write(`${JSON.stringify({ ...r, registeredAt: r.registeredAt.toISOString() }, null, 2)}\n`);
    else io.stdout.write(`registered ${t(r.identifier)}: status list ${t(r.statusListId)} entry ${r.statusIndex}\n`);
    return 0;
  } finally {
    await registry.close();
  }
}

async function changeCommand(change: StatusChange, name: string, args: string[], io: Io): Promise<number> {
  const p = parse(args, { registry: { type: 'string' }, id: { type: 'string' }, reason: { type: 'string' }, actor: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' } }, false);
  const db = required(p, 'registry', `license ${name}`);
  const id = required(p, 'id', `license ${name}`);
  const reason = required(p, 'reason', `license ${name}`);
  const at = parseTime(str(p, 'at'), 'at');
  const actor = str(p, 'actor') ?? defaultActor(io);
  const registry = openRegistryFile(db, false);
  try {
    const e = await registry.setStatus(id, change, { reason, ...(actor ? { actor } : {}), ...(at ? { at } : {}) });
    if (flag(p, 'json')) io.stdout.write(`${JSON.stringify({ identifier: id, ...eventJson(e) }, null, 2)}\n`);
    else io.stdout.write(`${t(id)}: ${e.action} → ${e.status} (${ZH[e.status]}) from ${e.at.toISOString()}\n`);
    return 0;
  } finally {
    await registry.close();
  }
}

async function statusCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, { registry: { type: 'string' }, id: { type: 'string' }, at: { type: 'string' }, history: { type: 'boolean' }, json: { type: 'boolean' } }, false);
  const db = required(p, 'registry', 'license status');
  const id = required(p, 'id', 'license status');
  const at = parseTime(str(p, 'at'), 'at') ?? new Date();
  const registry = openRegistryFile(db, false);
  try {
    const lic = await registry.get(id);
    const s = lic ? await registry.statusAt(id, at) : undefined;
    if (!lic || !s) throw new UsageError(`licence ${id} is not registered in ${db}`);
    const history = await registry.history(id);
    // Exit like verify: 0 valid, 1 suspended or revoked, 2 not yet in effect at that time.
    const code = s.status === 'valid' ? 0 : s.status === 'unknown' ? 2 : 1;
    if (flag(p, 'json')) {
      io.stdout.write(
        `${JSON.stringify(
          {
            identifier: id,
            at: at.toISOString(),
            status: s.status,
            ...(s.since ? { since: s.since.toISOString() } : {}),
            ...(s.reason !== undefined ? { reason: s.reason } : {}),
            ...(s.actor !== undefined ? { actor: s.actor } : {}),
            ...(s.action ? { action: s.action } : {}),
            issuerCode: lic.issuerCode,
            statusListId: lic.statusListId,
            statusIndex: lic.statusIndex,
            history: history.map(eventJson),
          },
          null,
          2,
        )}\n`,
      );
      return code;
    }
    io.stdout.write(
      `${t(id)} at ${at.toISOString()}: ${s.status} (${ZH[s.status]})${s.since ? ` since ${s.since.toISOString()}` : ''}${s.reason ? ` — ${t(s.reason)}` : ''}${s.actor ? ` (${t(s.actor)})` : ''}\n`,
    );
    if (flag(p, 'history')) for (const e of history) io.stdout.write(`${eventLine(e)}\n`);
    return code;
  } finally {
    await registry.close();
  }
}

export async function licenseRegistryCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${HELP['license-registry']}\n`);
    return 0;
  }
  switch (sub) {
    case 'register':
      return registerCommand(rest, io);
    case 'revoke':
      return changeCommand('revoked', sub, rest, io);
    case 'suspend':
      return changeCommand('suspended', sub, rest, io);
    case 'reinstate':
      return changeCommand('reinstated', sub, rest, io);
    case 'status':
      return statusCommand(rest, io);
    default:
      throw new UsageError(`unknown license subcommand "${String(sub)}"`);
  }
}
