// The SES_Signature timeStamp ([0], GB/T 38540 §7.2) from an asynchronous source (a remote TSA over HTTP): the
// token covers the signature value, so the SES_Signature is made first without it and the token is appended after
// — the signature does not cover the timeStamp field, so nothing is signed twice.
import { bitString, explicit, readBitString, readRoot, readSequence, seq } from '../asn1/index.js';
import { digest } from '../crypto/digest.js';
import type { DigestName } from '../crypto/types.js';
import { FormatError } from '../errors.js';
import { MAX_TOKEN_BYTES } from '../tsp/limits.js';
import type { TimestampSource } from '../tsp/source.js';

/**
 * `sesSignature` (as createSesSignature makes it, without a timeStamp) with the token of `source` over its
 * signature value appended. Throws FormatError for a signature that already has a timeStamp or a source that gives
 * no token, and whatever the source throws (a TSA that refuses or cannot be reached).
 */
export async function timestampSesSignature(sesSignature: Uint8Array, source: TimestampSource, digestName: DigestName): Promise<Uint8Array> {
  if (typeof source !== 'function') throw new FormatError('the timestamp source must be a function (a TimestampSource)');
  const root = readRoot(sesSignature, 'SES_Signature');
  const kids = readSequence(root, 'SES_Signature', 5);
  if (kids.length !== 4) throw new FormatError(`SES_Signature: 4 elements expected before the timeStamp, found ${kids.length}`);
  const signature = readBitString(kids[3], 'SES_Signature.signature');
  const token: unknown = await source({ digest: digest(digestName, signature), digestName });
  if (!(token instanceof Uint8Array) || token.length === 0) throw new FormatError('seal signature: the timestamp source returned no token');
  if (token.length > MAX_TOKEN_BYTES) throw new FormatError(`seal signature: the timestamp token has ${token.length} bytes, over the ${MAX_TOKEN_BYTES}-byte limit`);
  return seq(sesSignature.subarray(root.start, root.end), explicit(0, bitString(token)));
}
