import type { DigestName, PublicKey } from './types.js';

/** Why an algorithm/key is weak by heyan's rules ('sha1', 'md5', 'rsa-1024', ...), or undefined. */
export function isWeak(input: { digest?: DigestName | undefined; publicKey?: PublicKey | undefined }): string | undefined {
  if (input.digest === 'md5' || input.digest === 'sha1') return input.digest;
  const k = input.publicKey;
  if (k && k.type === 'rsa' && k.bits < 2048) return `rsa-${k.bits}`;
  return undefined;
}
