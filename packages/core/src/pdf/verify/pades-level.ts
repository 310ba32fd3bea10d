// PAdES baseline level of an ETSI.CAdES.detached signature (ETSI EN 319 142-1): B-B (signed attributes with the
// signing certificate reference, the certificate in the CMS), B-T (+ a signature timestamp — a document timestamp
// BEFORE the signature does not count), B-LT (+ revocation data in a /DSS), B-LTA (+ a later document timestamp over
// a revision that holds that /DSS).
import { CMS_CHECKS } from '../../cms/checks.js';
import { matchesSid } from '../../cms/find-signer.js';
import type { SignatureOutcome } from './verify-signature.js';

export interface LevelContext {
  /** Every outcome of the document (for later document timestamps). */
  all: readonly SignatureOutcome[];
  /** The /DSS as of revision `rev` (undefined: final) holds revocation data. */
  dssRevocationAt: (rev?: number) => boolean;
  /** Revision index the range ending at `end` signs. */
  revisionOf: (o: SignatureOutcome) => number | undefined;
}

export function padesLevel(o: SignatureOutcome, ctx: LevelContext): string | undefined {
  if (o.isDocumentTimestamp || o.report.pdf?.subFilter !== 'ETSI.CAdES.detached') return undefined;
  const sd = o.signedData;
  const signer = o.signer;
  if (!sd || !signer?.signedAttributes) return undefined;
  const ess = o.report.checks.find((c) => c.id === CMS_CHECKS.signingCertificate.id)?.status;
  if (ess !== 'passed') return undefined;
  if (!sd.certificates.some((c) => safeMatch(c, signer.sid))) return undefined;
  if (!o.signatureTimestampPresent) return 'B-B';
  if (!ctx.dssRevocationAt()) return 'B-T';
  const end = o.byteRange ? o.byteRange[2] + o.byteRange[3] : undefined;
  const lta = ctx.all.some((t) => {
    if (!t.isDocumentTimestamp || !t.byteRange || end === undefined) return false;
    if (t.byteRange[2] + t.byteRange[3] <= end) return false;
    const rev = ctx.revisionOf(t);
    return rev !== undefined && ctx.dssRevocationAt(rev) && t.facets.intact;
  });
  return lta ? 'B-LTA' : 'B-LT';
}

function safeMatch(c: Parameters<typeof matchesSid>[0], sid: Parameters<typeof matchesSid>[1]): boolean {
  try {
    return matchesSid(c, sid);
  } catch {
    return false;
  }
}
