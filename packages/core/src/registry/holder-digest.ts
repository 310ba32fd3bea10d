// The holder code (resident ID number or USCC) is personal data: the registry keeps an HMAC-SHA256 of it under a
// per-registry key, enough to find a holder's licences when the code is typed in, useless without the key.
import { createHmac } from 'node:crypto';

export function holderDigest(key: Uint8Array, holderCode: string): string {
  return createHmac('sha256', key).update(holderCode.trim().toUpperCase(), 'utf8').digest('hex');
}
