// Timing helpers shared by the bench modules (no run() export, so bench/run.js skips this file).
import { execFileSync } from 'node:child_process';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Calls per second of `fn`, run for about `ms` milliseconds (at least `min` calls). */
export function rate(fn, ms, min = 3) {
  let i = 0;
  const t0 = performance.now();
  while (i < min || performance.now() - t0 < ms) fn(i++);
  return i / ((performance.now() - t0) / 1000);
}

/** `openssl speed -seconds 2 sm2`: SM2 signs/s and verifies/s of the OpenSSL 3 CLI on this machine. */
export function opensslSpeedSm2() {
  const out = execFileSync('openssl', ['speed', '-seconds', '2', 'sm2'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const m = /SM2[^\n]*?\s([\d.]+)\s+([\d.]+)\s*$/m.exec(out);
  if (!m) throw new Error('cannot parse `openssl speed sm2` output');
  return { sign: Number(m[1]), verify: Number(m[2]) };
}
