// The signer's (or a TSA's) certification path at the chosen time, with the document's validation material.
import {
  TrustStore,
  validateCertificatePath,
  type Certificate,
  type CertificateUsage,
  type Crl,
  type PathValidationOptions,
  type PathValidationResult,
  type RevocationMode,
} from '../../pki/index.js';
import type { WeakAlgorithmPolicy } from '../../crypto/types.js';

export interface PdfPathInput {
  certificate: Certificate;
  intermediates: readonly Certificate[];
  crls: readonly Crl[];
  /** OCSP responses (DER); used by path validation once it reads them (pki/ocsp). */
  ocsps: readonly Uint8Array[];
  time: Date;
  poeTime?: Date;
  trust?: TrustStore;
  revocation?: RevocationMode;
  weak?: WeakAlgorithmPolicy;
  usage?: CertificateUsage;
}

/** Validate the path; out-of-validity without proof of existence is INDETERMINATE (a signature, not a certificate). */
export function validatePdfPath(input: PdfPathInput): PathValidationResult {
  const opts: PathValidationOptions & { ocsps?: readonly Uint8Array[] } = {
    certificate: input.certificate,
    intermediates: input.intermediates.filter((c) => c !== input.certificate),
    trust: input.trust ?? new TrustStore(),
    time: input.time,
    crls: input.crls,
    usage: input.usage ?? 'signature',
    outOfBounds: 'indeterminate',
    ...(input.ocsps.length ? { ocsps: input.ocsps } : {}),
    ...(input.revocation !== undefined ? { revocation: input.revocation } : {}),
    ...(input.poeTime ? { poeTime: input.poeTime } : {}),
    ...(input.weak ? { policy: { weak: input.weak } } : {}),
  };
  return validateCertificatePath(opts);
}
