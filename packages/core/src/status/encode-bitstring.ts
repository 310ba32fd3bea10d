// encodedList = multibase base64url ('u' prefix, no padding) of the GZIP-compressed bitstring (RFC 1952).
import { gzipSync } from 'node:zlib';

export function encodeBitstring(bits: Uint8Array): string {
  return `u${gzipSync(bits, { level: 9 }).toString('base64url')}`;
}
