// The signer's certification path, through pki path validation. Kept apart so verify.ts reads as the CMS steps only.
import { TrustStore, validateCertificatePath, type Certificate, type Crl, type RevocationMode } from '../pki/index.js';
import type { WeakAlgorithmPolicy } from '../crypto/types.js';
import type { Check } from '../report/types.js';

export type RevocationOption = RevocationMode;

export interface SignerPathInput {
  certificate: Certificate;
  intermediates: Certificate[];
  crls: Crl[];
  time: Date;
  trust?: TrustStore;
  revocation?: RevocationOption;
  poeTime?: Date;
  weak?: WeakAlgorithmPolicy;
}

export interface SignerPathResult {
  chain: Certificate[];
  checks: Check[];
}

/** Validate for usage 'signature'; without a trust store every path is INDETERMINATE (nothing is trusted by default). */
export function validateSignerPath(input: SignerPathInput): SignerPathResult {
  const res = validateCertificatePath({
    certificate: input.certificate,
    intermediates: input.intermediates.filter((c) => c !== input.certificate),
    trust: input.trust ?? new TrustStore(),
    time: input.time,
    crls: input.crls,
    usage: 'signature',
    outOfBounds: 'indeterminate',
    ...(input.revocation !== undefined ? { revocation: input.revocation } : {}),
    ...(input.poeTime ? { poeTime: input.poeTime } : {}),
    ...(input.weak ? { policy: { weak: input.weak } } : {}),
  });
  return { chain: [...(res.chain ?? [])], checks: [...res.checks] };
}
