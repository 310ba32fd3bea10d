// The signer's certification path, judged at the validation time, as the verify entry points need it:
// the checks, the verdict and the chain summaries. Thin over pki's validateCertificatePath.
import {
  validateCertificatePath,
  type Certificate,
  type CertificateUsage,
  type Crl,
  type RevocationMode,
  type TrustStore,
} from '../pki/index.js';
import type { WeakAlgorithmPolicy } from '../crypto/types.js';
import type { Verdict } from '../report/indication.js';
import type { CertificateSummary, Check } from '../report/types.js';

export interface SignerPathOptions {
  trust?: TrustStore;
  crls?: readonly Crl[];
  /** Validation time; default now. */
  at?: Date;
  revocation?: RevocationMode;
  policy?: { weak?: WeakAlgorithmPolicy };
}

export interface SignerPath {
  verdict: Verdict;
  checks: Check[];
  chain?: CertificateSummary[];
}

/**
 * `outOfBounds` 'failed': a certificate given to verify is judged as of now (or --at); expiry there is EXPIRED,
 * not the INDETERMINATE a signature without proof of existence would get. Signatures pass 'indeterminate'.
 */
export function validateSigner(
  certificate: Certificate,
  intermediates: readonly Certificate[],
  opts: SignerPathOptions,
  outOfBounds: 'failed' | 'indeterminate',
  usage: CertificateUsage,
): SignerPath {
  const r = validateCertificatePath({
    certificate,
    intermediates: [...intermediates],
    ...(opts.trust ? { trust: opts.trust } : {}),
    time: opts.at ?? new Date(),
    crls: [...(opts.crls ?? [])],
    ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
    outOfBounds,
    usage,
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
  const verdict: Verdict = r.subIndication ? { indication: r.indication, subIndication: r.subIndication } : { indication: r.indication };
  const out: SignerPath = { verdict, checks: r.checks };
  if (r.chain && r.chain.length > 0) out.chain = r.chain.map((c) => c.summary());
  return out;
}
