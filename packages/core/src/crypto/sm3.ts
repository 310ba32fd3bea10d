// SM3 (GB/T 32905) through node:crypto's OpenSSL, guarded by a one-time self-test so a runtime
// without SM3 (or with a broken one) fails loudly instead of producing wrong digests.
import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { RuntimeError } from '../errors.js';

// GB/T 32905-2016 Appendix A, examples 1 and 2.
const VECTORS: ReadonlyArray<readonly [string, string]> = [
  ['abc', '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'],
  ['abcd'.repeat(16), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732'],
];

let checked: RuntimeError | true | undefined;
const oneShot = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

/** Run (once) the GB/T 32905 self-test; throws RuntimeError when SM3 is missing or wrong. */
export function sm3SelfTest(): void {
  if (checked === undefined) {
    try {
      for (const [msg, want] of VECTORS) {
        const got = createHash('sm3').update(msg, 'latin1').digest('hex');
        if (got !== want) throw new Error(`SM3("${msg.slice(0, 8)}…") = ${got}, expected ${want}`);
        const once = oneShot ? oneShot('sm3', msg, 'hex') : want;
        if (once !== want) throw new Error(`one-shot SM3("${msg.slice(0, 8)}…") = ${once}, expected ${want}`);
      }
      checked = true;
    } catch (e) {
      checked = new RuntimeError(
        `SM3 is not available or fails the GB/T 32905 self-test in this runtime (node:crypto / OpenSSL): ${(e as Error).message}`,
        { cause: e },
      );
    }
  }
  if (checked !== true) throw checked;
}

/** SM3 of the concatenation of `parts`. */
export function sm3(...parts: Uint8Array[]): Uint8Array {
  sm3SelfTest();
  // One-shot crypto.hash (Node ≥ 20.12) skips the Hash object: a few % on small inputs.
  if (parts.length === 1 && oneShot) return new Uint8Array(oneShot('sm3', parts[0]!, 'buffer'));
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}
