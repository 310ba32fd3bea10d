// heyan license types [--json] [--types DIR]
// heyan license example --type T [--types DIR]
// Licence types are data (core/src/license/types/*.json); --types adds a folder of more definitions.
import { exampleRecord, sanitizeForTerminal, shippedLicenseTypes, type LicenseTypeRegistry } from '@heyan/core';
import { HELP } from '../help.js';
import { isDirectory, type Io } from '../io.js';
import { UsageError, flag, parse, required, str } from '../usage.js';
import { licenseIssueCommand } from './license-issue.js';

function registry(dir: string | undefined): LicenseTypeRegistry {
  const r = shippedLicenseTypes();
  if (dir !== undefined) {
    if (!isDirectory(dir)) throw new UsageError(`cannot read licence types folder ${dir}: not a folder`);
    r.addDirectory(dir);
  }
  return r;
}

function typesCommand(args: string[], io: Io): number {
  const p = parse(args, { json: { type: 'boolean' }, types: { type: 'string' } }, false);
  const types = registry(str(p, 'types')).list();
  if (flag(p, 'json')) {
    const list = types.map((t) => ({ code: t.code, name: t.name, nameEn: t.nameEn, aliases: t.aliases, holderType: t.holderType, fields: t.fields.map((f) => ({ key: f.key, label: f.label, kind: f.kind, required: f.required })) }));
    io.stdout.write(`${JSON.stringify({ types: list }, null, 2)}\n`);
    return 0;
  }
  for (const t of types) {
    io.stdout.write(`${t.code}  ${sanitizeForTerminal(t.name)} / ${sanitizeForTerminal(t.nameEn)}  (${t.aliases.map(sanitizeForTerminal).join(', ') || '—'})\n`);
  }
  return 0;
}

function exampleCommand(args: string[], io: Io): number {
  const p = parse(args, { type: { type: 'string' }, types: { type: 'string' } }, false);
  const wanted = required(p, 'type', 'license example');
  const r = registry(str(p, 'types'));
  if (!r.has(wanted)) {
    throw new UsageError(`unknown licence type "${wanted}"; known: ${r.list().map((t) => `${t.aliases[0] ?? t.code} (${t.name})`).join(', ')}`);
  }
  io.stdout.write(`${JSON.stringify(exampleRecord(wanted, r), null, 2)}\n`);
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  types: typesCommand,
  example: exampleCommand,
  issue: licenseIssueCommand,
};

export async function licenseCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(`${HELP.license}\n`);
    return sub === undefined ? 3 : 0;
  }
  const run = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new UsageError(`unknown license subcommand "${sub}" (expected: ${Object.keys(SUBCOMMANDS).join(', ')})`);
  return await run(rest, io);
}
