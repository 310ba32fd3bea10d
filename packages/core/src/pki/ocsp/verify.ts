// Is an OCSP response signed by someone entitled to speak for `issuer` (RFC 6960 4.2.2.2)? The CA itself, a
// delegated responder the CA issued with id-kp-OCSPSigning, or a responder the user configured as trusted.
// Never throws: hostile responses and certificates yield { ok: false, reason }.
import { digest, verifySignature } from '../../crypto/index.js';
import type { SignatureVerifyResult } from '../../crypto/types.js';
import { equalBytes } from '../../asn1/index.js';
import { sameAlgorithm } from '../algorithm.js';
import type { Certificate } from '../certificate.js';
import { EKU_OCSP_SIGNING } from '../extensions.js';
import { verifySignedObject } from '../signature-cache.js';
import type { TrustStore } from '../trust-store.js';
import { publicKeyBits } from './cert-id.js';
import { OID_OCSP_NOCHECK } from './oids.js';
import type { BasicOcspResponse, OcspResponse } from './types.js';

export interface VerifyOcspOptions {
  /** The CA that issued the certificates the response is about. */
  issuer: Certificate;
  /** More certificates to find the responder among (the response's own `certs` are always searched). */
  candidates?: readonly Certificate[];
  /** Anchors that carry id-kp-OCSPSigning are accepted as locally trusted responders; intermediates are searched. */
  trust?: TrustStore;
  /** SM2 user ID of the response signature (default 1234567812345678). */
  sm2Id?: Uint8Array | string;
  /** Use the verified-signature cache (default true; not used with a custom sm2Id). */
  cache?: boolean;
}

export interface VerifyOcspResult {
  ok: boolean;
  /** The certificate whose key signed the response (set when the signature verifies, even if not authorised). */
  responder?: Certificate;
  /** How the responder is entitled: the CA itself, a delegated responder, or a locally trusted one. */
  authority?: 'issuer' | 'delegated' | 'trusted';
  /** Delegated responder with id-pkix-ocsp-nocheck (its own revocation need not be checked). */
  noCheck?: boolean;
  /** Registry name of the signature algorithm. */
  algorithm?: string;
  /** Weak algorithm or key, as SignatureVerifyResult.weak. */
  weak?: string;
  /** Why the response cannot be used (English). */
  reason?: string;
}

export function verifyOcspResponse(resp: OcspResponse, opts: VerifyOcspOptions): VerifyOcspResult {
  try {
    return verify(resp, opts);
  } catch (e) {
    return { ok: false, reason: `OCSP verification error: ${(e as Error).message}` };
  }
}

function verify(resp: OcspResponse, opts: VerifyOcspOptions): VerifyOcspResult {
  if (resp.responseStatus !== 'successful') return { ok: false, reason: `responder answered ${resp.responseStatus}` };
  const basic = resp.basic;
  if (!basic) return { ok: false, reason: `unsupported response type ${resp.responseType ?? '(none)'}` };
  const { issuer } = opts;

  const seen = new Set<string>();
  const pool: Certificate[] = [];
  for (const c of [issuer, ...basic.certs, ...(opts.candidates ?? []), ...(opts.trust?.intermediates ?? []), ...(opts.trust?.anchors ?? [])]) {
    if (!seen.has(c.fingerprintSha256)) {
      seen.add(c.fingerprintSha256);
      pool.push(c);
    }
  }
  const named = pool.filter((c) => namesResponder(basic, c));
  if (named.length === 0) return { ok: false, reason: 'responder certificate not found' };

  let best: VerifyOcspResult = { ok: false, reason: 'response signature does not verify' };
  for (const c of named) {
    const key = c.tryPublicKey();
    if (!key) continue;
    const r = signatureOf(basic, c, opts);
    if (!r.ok) {
      if (!best.responder) best = { ok: false, reason: r.error ? `response signature: ${r.error}` : 'response signature does not verify' };
      continue;
    }
    const sig: VerifyOcspResult = { ok: false, responder: c };
    if (r.algorithm) sig.algorithm = r.algorithm;
    if (r.weak) sig.weak = r.weak;
    const why = authorised(basic, c, opts);
    if (typeof why === 'string') {
      best = { ...sig, reason: why };
      continue;
    }
    return { ...sig, ok: true, ...why };
  }
  return best;
}

/** Does the ResponderID name this certificate (by subject, or by the hash of its public key)? */
function namesResponder(basic: BasicOcspResponse, c: Certificate): boolean {
  const id = basic.responderId;
  if (id.type === 'byName') return c.subjectNameKey === id.nameKey;
  let bits: Uint8Array;
  try {
    bits = publicKeyBits(c.spki);
  } catch {
    return false;
  }
  // RFC 6960 says SHA-1; a 32-byte hash is SHA-256 or, from Chinese responders, SM3.
  if (id.keyHash.length === 20) return equalBytes(digest('sha1', bits), id.keyHash);
  if (id.keyHash.length === 32) return equalBytes(digest('sha256', bits), id.keyHash) || equalBytes(digest('sm3', bits), id.keyHash);
  return false;
}

function signatureOf(basic: BasicOcspResponse, c: Certificate, opts: VerifyOcspOptions): SignatureVerifyResult {
  const key = c.publicKey;
  if (opts.sm2Id === undefined) {
    return verifySignedObject({ tbs: basic.tbsResponseData, signatureAlgorithm: basic.signatureAlgorithm, signatureValue: basic.signature }, key, opts.cache !== false);
  }
  return verifySignature({ algorithm: basic.signatureAlgorithm, publicKey: key, data: basic.tbsResponseData, signature: basic.signature, sm2Id: opts.sm2Id });
}

function authorised(basic: BasicOcspResponse, c: Certificate, opts: VerifyOcspOptions): Pick<VerifyOcspResult, 'authority' | 'noCheck'> | string {
  const { issuer } = opts;
  // 1. The CA's own key (same name and key: a re-issued CA certificate is the same authority).
  if (c.subjectNameKey === issuer.subjectNameKey && equalBytes(c.spki, issuer.spki)) return { authority: 'issuer' };
  const ocspSigning = c.extensions.extKeyUsage?.includes(EKU_OCSP_SIGNING) === true;
  const at = basic.producedAt.getTime();
  const validAtProduction = c.notBefore.getTime() <= at && at <= c.notAfter.getTime();
  const unknownCritical = c.extensions.unknownCritical.filter((o) => o !== OID_OCSP_NOCHECK);
  // 2. A responder the user trusts outright, marked for OCSP signing.
  if (opts.trust?.isAnchor(c) && ocspSigning) {
    return validAtProduction ? { authority: 'trusted' } : `trusted responder "${c.subject}" not valid at producedAt ${basic.producedAt.toISOString()}`;
  }
  // 3. A delegated responder: issued directly by the CA's key, id-kp-OCSPSigning, valid when the response was made.
  if (c.issuerNameKey !== issuer.subjectNameKey) return `responder "${c.subject}" is neither the CA "${issuer.subject}" nor issued by it`;
  if (!ocspSigning) return `responder "${c.subject}" lacks id-kp-OCSPSigning`;
  if (!sameAlgorithm(c.signatureAlgorithm, c.tbsSignatureAlgorithm)) return `responder "${c.subject}": signature algorithms differ`;
  const issuerKey = issuer.tryPublicKey();
  if (!issuerKey) return `CA "${issuer.subject}" key unusable`;
  const r = verifySignedObject(c, issuerKey, opts.cache !== false);
  if (!r.ok) return `responder "${c.subject}" was not issued by the CA's key${r.error ? ` (${r.error})` : ''}`;
  if (!validAtProduction) return `responder "${c.subject}" not valid at producedAt ${basic.producedAt.toISOString()}`;
  if (unknownCritical.length) return `responder "${c.subject}" has unknown critical extensions ${unknownCritical.join(', ')}`;
  return { authority: 'delegated', noCheck: c.extensions.raw.some((x) => x.oid === OID_OCSP_NOCHECK) };
}
