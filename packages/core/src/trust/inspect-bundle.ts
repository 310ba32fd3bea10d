// Read a trust bundle WITHOUT verifying it, to show what it holds (heyan bundle inspect). The returned bundle is
// marked `verified: false`; use openTrustBundle to trust one.
import { createHash } from 'node:crypto';
import { FormatError } from '../errors.js';
import { findSignerCertificate, parseSignedData } from '../cms/index.js';
import type { Certificate } from '../pki/index.js';
import { readStatusListPayload } from '../status/parse-status-list.js';
import { TrustBundle } from './bundle.js';
import { MAX_BUNDLE_BYTES } from './limits.js';
import { parseBundleContent } from './parse-content.js';

export interface TrustBundleInspection {
  bundle: TrustBundle;
  /** The certificate named by the SignerInfo, when the bundle carries it. */
  signer?: Certificate;
  /** Certificates embedded in the SignedData (signer and chain). */
  certificates: Certificate[];
  /** CMS flavour: 'pkcs7' or 'gbt35275' (SM2). */
  flavour: 'pkcs7' | 'gbt35275';
  /** Status lists: id, issuer and window, as read (unverified). */
  statusLists: { id: string; issuer: string; validFrom: string; validUntil: string }[];
}

/** Parse a bundle for display. Throws FormatError / LimitError. Nothing in the result is verified. */
export function inspectTrustBundle(bytes: Uint8Array): TrustBundleInspection {
  if (!(bytes instanceof Uint8Array)) throw new FormatError('trust bundle: bytes expected');
  if (bytes.length > MAX_BUNDLE_BYTES) throw new FormatError(`trust bundle: ${bytes.length} bytes, more than ${MAX_BUNDLE_BYTES}`);
  const sd = parseSignedData(bytes);
  if (!sd.eContent) throw new FormatError('trust bundle: the content is not encapsulated');
  const content = parseBundleContent(sd.eContent);
  const first = sd.signers[0];
  const signer = first ? findSignerCertificate(first.sid, sd.certificates) : undefined;
  const digest = createHash('sha256').update(bytes).digest('hex');
  const bundle = new TrustBundle({ ...content, digest, ...(signer ? { signer } : {}), verified: false });
  const statusLists = content.statusLists.map((jws) => {
    const i = readStatusListPayload(jws);
    return { id: i.id, issuer: i.issuer, validFrom: i.validFrom.toISOString(), validUntil: i.validUntil.toISOString() };
  });
  return { bundle, ...(signer ? { signer } : {}), certificates: sd.certificates, flavour: sd.flavour, statusLists };
}
