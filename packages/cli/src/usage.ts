// Argument parsing over node:util parseArgs. Every problem with the command line becomes a UsageError (exit 3).
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A problem with the command line or an input path: the CLI prints one line and exits 3. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export function parse(args: string[], options: Options, allowPositionals = true): Parsed {
  try {
    const r = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    // parseArgs throws TypeError with codes ERR_PARSE_ARGS_*; its message is already one readable sentence.
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new UsageError(msg.replace(/\. To specify a positional argument.*$/, ''));
  }
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} needs a value`);
  return v;
}

export function strs(p: Parsed, name: string): string[] {
  const v = p.values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => {
    if (typeof x !== 'string') throw new UsageError(`--${name} needs a value`);
    return x;
  });
}

export function flag(p: Parsed, name: string): boolean {
  return p.values[name] === true;
}

export function required(p: Parsed, name: string, command: string): string {
  const v = str(p, name);
  if (v === undefined || v === '') throw new UsageError(`${command} needs --${name}`);
  return v;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

/** ISO-8601 date-time (or date) for --at. */
export function parseTime(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  // Date.parse accepts too much (e.g. "1"); require an ISO-8601 shape first.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw new UsageError(`--${name} needs an ISO-8601 time such as 2024-05-01T12:00:00Z (got "${value}")`);
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--${name}: "${value}" is not a valid time`);
  return d;
}
