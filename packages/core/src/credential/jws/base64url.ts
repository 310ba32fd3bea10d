// Strict base64url (RFC 7515 section 2, RFC 4648 section 5 without padding). Node's decoder skips bad characters
// and ignores stray bits, so two different strings could decode to the same bytes: we refuse anything that is not
// the one canonical encoding of its bytes.
import { FormatError } from '../../errors.js';

const B64URL = /^[A-Za-z0-9_-]*$/;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function base64urlEncode(bytes: Uint8Array | string): string {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return b.toString('base64url');
}

/** Decode canonical unpadded base64url; throws FormatError naming `what` otherwise. */
export function base64urlDecode(text: string, what: string): Uint8Array {
  if (!B64URL.test(text)) throw new FormatError(`${what}: not base64url (characters outside A-Z a-z 0-9 - _, or padding)`);
  if (text.length % 4 === 1) throw new FormatError(`${what}: base64url length ${text.length} is impossible`);
  const out = new Uint8Array(Buffer.from(text, 'base64url'));
  if (Buffer.from(out).toString('base64url') !== text) throw new FormatError(`${what}: non-canonical base64url (stray bits)`);
  return out;
}

/** Decode canonical padded standard base64 (the x5c header, RFC 7515 section 4.1.6). */
export function base64Decode(text: string, what: string): Uint8Array {
  if (!B64.test(text) || text.length % 4 !== 0) throw new FormatError(`${what}: not padded standard base64`);
  const out = new Uint8Array(Buffer.from(text, 'base64'));
  if (Buffer.from(out).toString('base64') !== text) throw new FormatError(`${what}: non-canonical base64`);
  return out;
}

export function base64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
