// Timestamps in seals (v5 SESeal.timeStamp) and seal signatures (SES_Signature.timeStamp): an RFC 3161 token whose
// message imprint covers a signature value (BIT STRING contents). Verified by tsp/; this adapter gives the seal
// verifiers one shape.
import type { WeakAlgorithmPolicy } from '../crypto/types.js';
import type { Certificate } from '../pki/certificate.js';
import type { Crl } from '../pki/crl.js';
import type { RevocationMode } from '../pki/path-validation.js';
import type { TrustStore } from '../pki/trust-store.js';
import type { Check, Indication, SubIndication, TimestampSummary } from '../report/types.js';
import { verifyTimestampToken } from '../tsp/verify-token.js';

export interface SesTimestampOptions {
  trust?: TrustStore;
  intermediates?: readonly Certificate[];
  time: Date;
  crls?: readonly Crl[];
  revocation?: RevocationMode;
  policy?: { weak?: WeakAlgorithmPolicy };
}

export interface SesTimestampResult {
  indication: Indication;
  subIndication?: SubIndication;
  /** tsp.*, cms.* and pki.* checks of the token and its TSA. */
  checks: Check[];
  /** The TSA's time; a proof of existence only when `indication` is PASSED. */
  genTime?: Date;
  summary?: TimestampSummary;
}

/** Verify `token` as a timestamp over `data` (a signature value). Never throws. */
export function verifySesTimestamp(token: Uint8Array, data: Uint8Array, opts: SesTimestampOptions): SesTimestampResult {
  const r = verifyTimestampToken({
    token,
    data,
    time: opts.time,
    ...(opts.trust ? { trust: opts.trust } : {}),
    ...(opts.intermediates ? { extraCertificates: opts.intermediates } : {}),
    ...(opts.crls ? { crls: opts.crls } : {}),
    ...(opts.revocation ? { revocation: opts.revocation } : {}),
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
  const out: SesTimestampResult = { indication: r.indication, checks: r.checks, summary: r.summary };
  if (r.subIndication) out.subIndication = r.subIndication;
  if (r.genTime) out.genTime = r.genTime;
  return out;
}
