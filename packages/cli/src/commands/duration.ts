// Durations on the command line: 90s, 30m, 12h, 7d (or bare seconds).
import { UsageError } from '../usage.js';

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds, or undefined when the option was not given. */
export function parseDuration(value: string | undefined, name: string, maxSeconds = 10 * 366 * 86_400): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,9})([smhd]?)$/.exec(value.trim());
  if (!m) throw new UsageError(`--${name} needs a duration such as 90s, 30m, 12h or 7d (got "${value}")`);
  const seconds = Number(m[1]) * UNIT[m[2] || 's']!;
  if (seconds > maxSeconds) throw new UsageError(`--${name}: ${value} is longer than ${Math.floor(maxSeconds / 86_400)} days`);
  return seconds;
}
