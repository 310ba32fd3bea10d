// What verified OCSP responses say about one certificate at a time. Mirrors what path validation does with CRLs:
// a permanent revocation is proven by any response; otherwise the newest response current at `time` decides, and
// failing that a "good" issued after `time` (a certificate not revoked later was not revoked then — revocation
// cannot be undone, only a hold can, and a hold is never "good").
import type { Certificate } from '../certificate.js';
import type { RevocationReason } from '../crl.js';
import { certIdMatches } from './cert-id.js';
import { OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE_MS, OCSP_SKEW_MS } from './limits.js';
import type { OcspCertStatus, OcspResponse, OcspSingleResponse } from './types.js';

export interface OcspStatus {
  status: OcspCertStatus;
  /** status 'revoked': may be after `time` — the caller compares it with the signing time, as for a CRL entry. */
  revocationTime?: Date;
  reason?: RevocationReason;
  thisUpdate: Date;
  nextUpdate?: Date;
  producedAt: Date;
  /**
   * Why this answer applies: 'revoked' — a permanent revocation, whatever the response's age; 'current' —
   * thisUpdate ≤ time ≤ nextUpdate (skew allowed); 'later' — a "good" produced after `time`.
   */
  basis: 'revoked' | 'current' | 'later';
  /** The response that decided. */
  response: OcspResponse;
}

export interface OcspStatusOptions {
  /** Clock skew allowed around thisUpdate and nextUpdate (default 5 minutes). */
  skewMs?: number;
  /** How long a response without nextUpdate stays current after thisUpdate (default 24 hours). */
  maxAgeWithoutNextUpdateMs?: number;
}

interface Match {
  resp: OcspResponse;
  single: OcspSingleResponse;
  producedAt: Date;
}

/** The SingleResponses of `responses` about `cert` (issued by `issuer`), in input order. */
export function ocspMatches(cert: Certificate, issuer: Certificate, responses: readonly OcspResponse[]): Match[] {
  const out: Match[] = [];
  for (const resp of responses) {
    const basic = resp.responseStatus === 'successful' ? resp.basic : undefined;
    if (!basic) continue;
    for (const single of basic.responses) if (certIdMatches(single.certId, cert, issuer)) out.push({ resp, single, producedAt: basic.producedAt });
  }
  return out;
}

/** Does the single response speak for `time`: thisUpdate ≤ time ≤ nextUpdate, with skew? */
export function ocspCovers(single: OcspSingleResponse, time: Date, opts: OcspStatusOptions = {}): boolean {
  const skew = opts.skewMs ?? OCSP_SKEW_MS;
  const t = time.getTime();
  const from = single.thisUpdate.getTime() - skew;
  const until = (single.nextUpdate?.getTime() ?? single.thisUpdate.getTime() + (opts.maxAgeWithoutNextUpdateMs ?? OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE_MS)) + skew;
  return from <= t && t <= until;
}

/**
 * The status of `cert` at `time` from `responses`, or undefined when none of them is about it and usable then.
 * `responses` must already have been verified (`verifyOcspResponse`) as signed for `issuer`: this function only
 * matches CertIDs and times.
 */
export function ocspStatusFor(
  cert: Certificate,
  issuer: Certificate,
  responses: readonly OcspResponse[],
  time: Date,
  opts: OcspStatusOptions = {},
): OcspStatus | undefined {
  const matches = ocspMatches(cert, issuer, responses);
  const permanent = matches
    .filter((m) => m.single.status === 'revoked' && m.single.reason !== 'certificateHold' && m.single.reason !== 'removeFromCRL')
    .sort((a, b) => a.single.revocationTime!.getTime() - b.single.revocationTime!.getTime());
  if (permanent[0]) return statusOf(permanent[0], 'revoked');
  const current = matches
    .filter((m) => ocspCovers(m.single, time, opts))
    .sort((a, b) => b.single.thisUpdate.getTime() - a.single.thisUpdate.getTime() || b.producedAt.getTime() - a.producedAt.getTime());
  const later = matches
    .filter((m) => m.single.status === 'good' && m.single.thisUpdate.getTime() >= time.getTime())
    .sort((a, b) => a.single.thisUpdate.getTime() - b.single.thisUpdate.getTime());
  // "unknown" then is no answer: a later "good" still proves the certificate was not revoked.
  if (current[0] && !(current[0].single.status === 'unknown' && later[0])) return statusOf(current[0], 'current');
  if (later[0]) return statusOf(later[0], 'later');
  return undefined;
}

function statusOf(m: Match, basis: OcspStatus['basis']): OcspStatus {
  const s: OcspStatus = { status: m.single.status, thisUpdate: m.single.thisUpdate, producedAt: m.producedAt, basis, response: m.resp };
  if (m.single.nextUpdate) s.nextUpdate = m.single.nextUpdate;
  if (m.single.revocationTime) s.revocationTime = m.single.revocationTime;
  if (m.single.reason) s.reason = m.single.reason;
  return s;
}
