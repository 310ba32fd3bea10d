// heyan code check VALUE... [--kind uscc|id|license] [--json]
// One result per value, in input order; exit 0 when every value is valid, 1 otherwise, 3 on usage errors.
import { checkCode, kindLabel, sanitizeForTerminal, WARNING_MESSAGES, type CodeCheck, type CodeKind } from '@heyan/core';
import { HELP } from '../help.js';
import type { Io } from '../io.js';
import { UsageError, flag, oneOf, parse, str } from '../usage.js';

const KINDS = ['uscc', 'id', 'license'] as const;
/** More values than this on one command line is a mistake (or an attack on the terminal). */
const MAX_VALUES = 10_000;

function line(r: CodeCheck): string {
  const kind = r.kind ? `[${r.kind}] ${kindLabel(r.kind).zh}` : '[?]';
  const value = sanitizeForTerminal(r.value);
  const notes = r.warnings.map((w) => `${WARNING_MESSAGES[w].zh} / ${WARNING_MESSAGES[w].en}`);
  if (r.valid) return `${value}  ${kind}  有效 / valid${notes.length ? `（${notes.join('；')}）` : ''}`;
  const why = r.message ? `：${r.message.zh} / ${r.message.en}` : '';
  // USCC: name the position-17 character too, since both check characters are reported.
  const extra = r.expected17 !== undefined && r.expected18 !== undefined ? `（第 18 位按现有前 17 位应为 ${r.expected18} / position 18 for the given first 17: ${r.expected18}）` : '';
  return `${value}  ${kind}  无效 / invalid${why}${extra}${notes.length ? `（${notes.join('；')}）` : ''}`;
}

export async function codeCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(`${HELP.code}\n`);
    return sub === undefined ? 3 : 0;
  }
  if (sub !== 'check') throw new UsageError(`unknown code subcommand "${sub}" (expected: check)`);
  const p = parse(rest, { kind: { type: 'string' }, json: { type: 'boolean' } });
  const kind: CodeKind | undefined = oneOf(str(p, 'kind'), KINDS, 'kind');
  if (p.positionals.length === 0) throw new UsageError('code check needs at least one VALUE');
  if (p.positionals.length > MAX_VALUES) throw new UsageError(`code check takes at most ${MAX_VALUES} values`);
  const results = p.positionals.map((v) => checkCode(v, kind));
  if (flag(p, 'json')) io.stdout.write(`${JSON.stringify({ results })}\n`);
  else io.stdout.write(`${results.map(line).join('\n')}\n`);
  return results.every((r) => r.valid) ? 0 : 1;
}
