// Decode an encodedList with limits: the text length is bounded before decoding and the GZIP output is capped,
// so a bomb (a few kilobytes inflating to gigabytes) stops at the cap with a LimitError instead of filling memory.
import { gunzipSync } from 'node:zlib';
import { FormatError, LimitError } from '../errors.js';
import { MAX_BITSTRING_BYTES, MAX_ENCODED_LIST_CHARS } from './limits.js';

export interface DecodeBitstringOptions {
  /** Largest decompressed bitstring, bytes (default 8 MiB). */
  maxBytes?: number;
  /** Longest encodedList, characters (default 12 MiB). */
  maxChars?: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The bitstring of an encodedList. Throws FormatError (not multibase base64url GZIP) or LimitError (too large). */
export function decodeBitstring(encoded: string, opts: DecodeBitstringOptions = {}): Uint8Array {
  const maxBytes = opts.maxBytes ?? MAX_BITSTRING_BYTES;
  const maxChars = opts.maxChars ?? MAX_ENCODED_LIST_CHARS;
  if (typeof encoded !== 'string') throw new FormatError('encodedList must be a string');
  if (encoded.length > maxChars) throw new LimitError(`encodedList has ${encoded.length} characters, more than ${maxChars}`);
  if (!encoded.startsWith('u')) throw new FormatError("encodedList must be multibase base64url (prefix 'u')");
  const text = encoded.slice(1);
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new FormatError('encodedList is not unpadded base64url');
  const gz = Buffer.from(text, 'base64url');
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b) throw new FormatError('encodedList is not GZIP data');
  try {
    return new Uint8Array(gunzipSync(gz, { maxOutputLength: maxBytes }));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw new LimitError(`encodedList inflates to more than ${maxBytes} bytes`);
    throw new FormatError(`encodedList: GZIP data is damaged (${(e as Error).message})`);
  }
}
