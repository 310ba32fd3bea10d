// Verify a licence credential (compact JWS): integrity first (structure, algorithm, signature, signer path), then the
// payload shape, the record (license/ checks), the issuer's authority for the type and area (trust bundle), the
// validity window, and the status (status list or registry); and that the QR inside agrees with the record.
// After an integrity failure nothing else is judged: one clear reason. Never throws on hostile input.
import type { TrustStore } from '../pki/index.js';
import { parseLicenseRecord } from '../license/index.js';
import { check, withDetail } from '../report/check.js';
import type { Check, Indication, SignatureReport, SubIndication } from '../report/types.js';
import type { TrustBundle } from '../trust/bundle.js';
import { equalBytes } from '../asn1/index.js';
import { CREDENTIAL_CHECKS as C } from './checks.js';
import { judgeLicence, type LicenseFacts } from './judge.js';
import { JWS_ALGORITHMS, type JwsAlgorithm } from './jws/algorithms.js';
import { verifyJws } from './jws/verify.js';
import { MAX_CREDENTIAL_BYTES } from './limits.js';
import { LICENSE_CREDENTIAL_TYP, readCredentialPayload, type LicenseCredentialPayload } from './payload.js';
import { digestNameFor, qrKeyId, recordDigest } from './qr/claims.js';
import { verifyCoseSign1 } from './qr/cose.js';
import { decodeQrPayload } from './qr/payload.js';
import { combinedVerdict, signatureReport } from './signature-report.js';
import { summaryFromRecord, type CredentialLicenseSummary } from './summary.js';
import type { StatusRegistry } from './trust-types.js';

export interface VerifyCredentialOptions {
  bundle?: TrustBundle;
  trust?: TrustStore;
  /** Validation time, default now. */
  time?: Date;
  /** A status list (compact JWS) to use instead of the bundle's. */
  statusList?: string;
  /** Point-in-time status from an issuer registry (used instead of status lists). */
  registry?: StatusRegistry;
  /** Code problems (check characters, code shapes) are 'warn' (default) or 'fail'. */
  codes?: 'warn' | 'fail';
  /** See JudgeOptions.requireAuthorisation (default true: without a bundle the authority is INDETERMINATE). */
  requireAuthorisation?: boolean;
  allowedAlgs?: readonly string[];
}

export interface CredentialVerification {
  indication: Indication;
  subIndication?: SubIndication;
  signatures: SignatureReport[];
  /** Document-level checks (payload, record, authority, validity, status). */
  checks: Check[];
  /** Only when the signature verified. */
  license?: CredentialLicenseSummary;
  payload?: LicenseCredentialPayload;
}

const INTEGRITY = new Set(['credential.jws.format', 'credential.jws.algorithm', 'credential.jws.header', 'credential.jws.signer-certificate', 'credential.jws.key-algorithm', 'credential.jws.signature']);

function finish(signatures: SignatureReport[], checks: Check[], extra: Partial<CredentialVerification> = {}): CredentialVerification {
  const v = combinedVerdict(signatures, checks);
  return { ...extra, indication: v.indication, ...(v.subIndication ? { subIndication: v.subIndication } : {}), signatures, checks };
}

/** The QR inside the credential must be the same licence, signed by the same key. */
function qrConsistency(qr: string | undefined, facts: LicenseFacts, subject: unknown, alg: JwsAlgorithm, signer: NonNullable<ReturnType<typeof verifyJws>['signer']>): Check {
  if (qr === undefined) return check(C.qrConsistent, 'skipped');
  const bad = (zh: string, en: string) => check(C.qrConsistent, 'failed', { message: withDetail(C.qrConsistent.failed, zh, en), details: { reason: en } });
  let d;
  try {
    d = decodeQrPayload(qr);
  } catch (e) {
    return bad((e as Error).message, (e as Error).message);
  }
  if (!equalBytes(d.cose.kid, qrKeyId(signer)) || d.cose.alg !== alg || !verifyCoseSign1(d.cose, signer.publicKey)) return bad('二维码不是由同一签名证书签署的', 'the QR code is not signed with the same certificate');
  const c = d.claims;
  const diffs: string[] = [];
  if (c.identifier !== facts.identifier) diffs.push('identifier');
  if (c.typeCode !== facts.typeCode) diffs.push('typeCode');
  if (c.issuerCode !== facts.issuerCode) diffs.push('issuerCode');
  if (c.areaCode !== facts.areaCode) diffs.push('areaCode');
  if (c.validFrom !== Math.floor(facts.validFrom.getTime() / 1000)) diffs.push('validFrom');
  if ((c.validUntil ?? null) !== (facts.validUntil ? Math.floor(facts.validUntil.getTime() / 1000) : null)) diffs.push('validUntil');
  if ((c.statusList ?? null) !== (facts.status?.listId ?? null) || (c.statusIndex ?? null) !== (facts.status?.index ?? null)) diffs.push('status');
  if (!equalBytes(c.digest, recordDigest(subject, digestNameFor(alg)))) diffs.push('record digest');
  if (diffs.length > 0) return bad(`不一致的字段：${diffs.join('、')}`, `differing: ${diffs.join(', ')}`);
  return check(C.qrConsistent, 'passed');
}

/** Verify a licence credential. Never throws on hostile input. */
export function verifyCredential(jws: string, opts: VerifyCredentialOptions = {}): CredentialVerification {
  const time = opts.time ?? new Date();
  const v = verifyJws(jws, {
    time,
    typ: LICENSE_CREDENTIAL_TYP,
    maxBytes: MAX_CREDENTIAL_BYTES,
    ...(opts.trust ? { trust: opts.trust } : {}),
    ...(opts.bundle ? { bundle: opts.bundle } : {}),
    ...(opts.allowedAlgs ? { allowedAlgs: opts.allowedAlgs } : {}),
  });
  const sig = signatureReport('jws', v.checks, {
    ...(v.signer ? { signer: v.signer } : {}),
    ...(v.chain ? { chain: v.chain } : {}),
    ...(v.algorithm ? { algorithm: JWS_ALGORITHMS[v.algorithm].name } : {}),
  });
  const integrityOk = v.checks.some((c) => c.id === 'credential.jws.signature' && c.status === 'passed') && !v.checks.some((c) => INTEGRITY.has(c.id) && c.status !== 'passed');
  if (!integrityOk || !v.signer || !v.algorithm) return finish([sig], [check(C.payload, 'skipped')]);

  const shape = readCredentialPayload(v.payload);
  if ('problem' in shape) return finish([sig], [check(C.payload, 'failed', { message: withDetail(C.payload.failed, shape.problem, shape.problem), details: { reason: shape.problem } })]);
  const checks: Check[] = [check(C.payload, 'passed', { details: { id: shape.payload.id ?? null, issuer: shape.payload.issuer } })];

  const parsed = parseLicenseRecord(shape.payload.credentialSubject, { codes: opts.codes ?? 'warn', now: time });
  checks.push(...parsed.checks);
  const record = parsed.record;
  if (!record) return finish([sig], checks);

  const facts: LicenseFacts = {
    identifier: record.certificateIdentifier,
    typeCode: record.certificateTypeCode,
    areaCode: record.certificateAreaCode,
    issuerCode: shape.issuerCode,
    validFrom: shape.validFrom,
    ...(shape.validUntil ? { validUntil: shape.validUntil } : {}),
    ...(shape.status ? { status: shape.status } : {}),
  };
  const st = judgeLicence(facts, v.signer, v.indication === 'PASSED', opts, time);
  checks.push(...st.checks);
  checks.push(qrConsistency(shape.payload.qr, facts, shape.payload.credentialSubject, v.algorithm, v.signer));
  return finish([sig], checks, { license: summaryFromRecord(record, facts.validFrom, facts.validUntil, st.outcome), payload: shape.payload });
}
