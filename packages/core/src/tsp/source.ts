// Where a signer gets RFC 3161 tokens from: the in-process authority or a remote one over HTTP. CONTRACT shared by
// the PDF signer and the HTTP client; extend, do not rename.
import type { DigestName } from '../crypto/types.js';

/** Returns a DER TimeStampToken (ContentInfo) over the given digest. Rejects (throws) when no token can be had. */
export type TimestampSource = (imprint: { digest: Uint8Array; digestName: DigestName }) => Promise<Uint8Array>;
