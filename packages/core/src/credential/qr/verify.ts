// Verify a licence QR offline: decode (HY1 → Base45 → inflate → COSE_Sign1 → claims), find the signer among the
// trust bundle issuers' certificates by key id (every certificate with that kid is tried: short ids can collide),
// check the signature and the signer's path, then the same licence judgement as a credential (authority, validity,
// status) and the code check characters in the claims. Never throws on hostile input.
import { equalBytes } from '../../asn1/index.js';
import type { Certificate, TrustStore } from '../../pki/index.js';
import { TrustStore as Store, validateCertificatePath } from '../../pki/index.js';
import { LICENSE_CHECKS as L, detectCodeKind, isAreaCode, parseLicenseRecord, validateLicenseId, validateResidentId, validateUscc, type CodeResult } from '../../license/index.js';
import { check, withDetail, type CheckDef } from '../../report/check.js';
import type { Check, CheckStatus } from '../../report/types.js';
import type { TrustBundle } from '../../trust/bundle.js';
import { mergeTrust } from '../../trust/merge-trust.js';
import { CREDENTIAL_CHECKS as C } from '../checks.js';
import { judgeLicence, type LicenseFacts } from '../judge.js';
import { JWS_ALGORITHMS, keyAlgorithmMismatch } from '../jws/algorithms.js';
import { combinedVerdict, signatureReport } from '../signature-report.js';
import { summaryFromClaims } from '../summary.js';
import type { StatusRegistry } from '../trust-types.js';
import type { CredentialVerification } from '../verify.js';
import { digestNameFor, qrKeyId, recordDigest, type QrClaims } from './claims.js';
import { verifyCoseSign1 } from './cose.js';
import { decodeQrPayload, type DecodedQr } from './payload.js';

export interface VerifyQrOptions {
  /** The trust bundle: issuer certificates (found by kid), roots, authorisations, status lists. */
  bundle?: TrustBundle;
  trust?: TrustStore;
  /** Issuer signing certificates to look the kid up in when there is no bundle (and their intermediates, for the path). */
  certificates?: readonly Certificate[];
  time?: Date;
  statusList?: string;
  registry?: StatusRegistry;
  /** The full licence record (object or JSON): its digest must equal the QR's. */
  record?: unknown;
  codes?: 'warn' | 'fail';
  requireAuthorisation?: boolean;
  allowedAlgs?: readonly string[];
}

function fail(def: CheckDef, why: string, details?: Record<string, unknown>): Check {
  return check(def, 'failed', { message: withDetail(def.failed, why, why), details: { reason: why, ...details } });
}

function done(signatures: CredentialVerification['signatures'], checks: Check[], extra: Partial<CredentialVerification> = {}): CredentialVerification {
  const v = combinedVerdict(signatures, checks);
  return { ...extra, indication: v.indication, ...(v.subIndication ? { subIndication: v.subIndication } : {}), signatures, checks };
}

function codeCheck(def: CheckDef, r: CodeResult, bad: CheckStatus, what: string): Check {
  if (r.valid) return check(def, r.warnings.length ? 'warning' : 'passed', r.warnings.length ? { details: { warnings: r.warnings } } : {});
  const why = r.message ?? { zh: r.reason ?? '', en: r.reason ?? '' };
  return check(def, bad, { message: withDetail(bad === 'failed' ? def.failed : (def.warning ?? def.failed), `${what}：${why.zh}`, `${what}: ${why.en}`), details: { reason: r.reason, value: r.value } });
}

/** The code checks a QR's claims allow: identifier, holder code, issuer code, area code. */
function claimCodeChecks(c: QrClaims, bad: CheckStatus, now: Date): Check[] {
  const out: Check[] = [];
  const id = validateLicenseId(c.identifier);
  out.push(id.parts ? codeCheck(L.idCheckCharacter, id, bad, c.identifier) : codeCheck(L.idFormat, id, bad, c.identifier));
  const kind = detectCodeKind(c.holderCode);
  if (kind === 'id') out.push(codeCheck(L.holderResidentId, validateResidentId(c.holderCode, { now }), bad, c.holderCode));
  else out.push(codeCheck(L.holderUscc, validateUscc(c.holderCode), bad, c.holderCode));
  if (/^\d{6}$/.test(c.issuerCode)) out.push(check(L.issuerUscc, isAreaCode(c.issuerCode) ? 'passed' : bad));
  else out.push(codeCheck(L.issuerUscc, validateUscc(c.issuerCode), bad, c.issuerCode));
  out.push(check(L.areaCode, isAreaCode(c.areaCode) ? 'passed' : bad, { details: { value: c.areaCode } }));
  return out;
}

function candidates(d: DecodedQr, opts: VerifyQrOptions): Certificate[] {
  const out = new Map<string, Certificate>();
  for (const { certificate } of opts.bundle?.certificatesByKeyId(d.cose.kid) ?? []) out.set(certificate.fingerprintSha256, certificate);
  for (const c of opts.certificates ?? []) if (equalBytes(qrKeyId(c), d.cose.kid)) out.set(c.fingerprintSha256, c);
  return [...out.values()];
}

/** Verify the text of a licence QR. Never throws on hostile input. */
export function verifyQrPayload(text: string, opts: VerifyQrOptions = {}): CredentialVerification {
  const time = opts.time ?? new Date();
  try {
    return run(text, opts, time);
  } catch (e) {
    // Defensive: a bug must not escape a verifier.
    const m = e instanceof Error ? e.message : String(e);
    return done([], [fail(C.qrFormat, `internal error: ${m}`, { internal: true })]);
  }
}

function run(text: string, opts: VerifyQrOptions, time: Date): CredentialVerification {
  let d: DecodedQr;
  try {
    d = decodeQrPayload(text);
  } catch (e) {
    return done([], [fail(C.qrFormat, (e as Error).message)]);
  }
  const sigChecks: Check[] = [check(C.qrFormat, 'passed', { details: { kid: Buffer.from(d.cose.kid).toString('hex') } })];
  const alg = d.cose.alg;
  if (!alg || (opts.allowedAlgs && !opts.allowedAlgs.includes(alg))) {
    sigChecks.push(fail(C.qrAlgorithm, alg ? `algorithm ${alg} is not allowed by policy` : `unknown COSE algorithm ${d.cose.coseAlg}`), check(C.qrSignature, 'skipped'));
    return done([signatureReport('qr', sigChecks, {})], []);
  }
  sigChecks.push(check(C.qrAlgorithm, 'passed', { details: { alg } }));

  const found = candidates(d, opts);
  if (found.length === 0) {
    const where = opts.bundle ? 'no issuer certificate in the trust bundle has this key id' : 'no trust bundle (or issuer certificates) to look the key id up in';
    sigChecks.push(check(C.qrSigner, 'indeterminate', { message: withDetail(C.qrSigner.indeterminate!, where, where), details: { kid: Buffer.from(d.cose.kid).toString('hex') } }), check(C.qrSignature, 'skipped'));
    return done([signatureReport('qr', sigChecks, { algorithm: JWS_ALGORITHMS[alg].name })], []);
  }
  const fitting = found.filter((c) => {
    const k = c.tryPublicKey();
    return k !== undefined && keyAlgorithmMismatch(alg, k) === undefined;
  });
  if (fitting.length === 0) {
    sigChecks.push(fail(C.qrSigner, keyAlgorithmMismatch(alg, found[0]!.publicKey) ?? 'the certificate key cannot be decoded'), check(C.qrSignature, 'skipped'));
    return done([signatureReport('qr', sigChecks, { signer: found[0]!, algorithm: JWS_ALGORITHMS[alg].name })], []);
  }
  const signer = fitting.find((c) => verifyCoseSign1(d.cose, c.publicKey));
  sigChecks.push(check(C.qrSigner, 'passed', { details: { candidates: found.length, subject: (signer ?? fitting[0]!).subject } }));
  if (!signer) {
    sigChecks.push(check(C.qrSignature, 'failed', { details: { alg, candidates: fitting.length } }));
    return done([signatureReport('qr', sigChecks, { signer: fitting[0]!, algorithm: JWS_ALGORITHMS[alg].name })], []);
  }
  sigChecks.push(check(C.qrSignature, 'passed', { details: { alg } }));
  const path = validateCertificatePath({
    certificate: signer,
    intermediates: (opts.certificates ?? []).filter((x) => x !== signer),
    trust: mergeTrust(opts.trust, opts.bundle) ?? new Store(),
    time,
    usage: 'signature',
    outOfBounds: 'indeterminate',
  });
  sigChecks.push(...path.checks);
  const sig = signatureReport('qr', sigChecks, { signer, chain: path.chain, algorithm: JWS_ALGORITHMS[alg].name });

  const c = d.claims;
  const checks: Check[] = claimCodeChecks(c, opts.codes === 'fail' ? 'failed' : 'warning', time);
  if (opts.record === undefined) checks.push(check(C.qrRecordDigest, 'skipped'));
  else {
    const parsed = parseLicenseRecord(opts.record, { now: time });
    if (!parsed.record) checks.push(fail(C.qrRecordDigest, 'the record given cannot be read'));
    else if (equalBytes(recordDigest(parsed.record, digestNameFor(alg)), c.digest)) checks.push(check(C.qrRecordDigest, 'passed'));
    else checks.push(check(C.qrRecordDigest, 'failed', { details: { identifier: parsed.record.certificateIdentifier } }));
  }
  const facts: LicenseFacts = {
    identifier: c.identifier,
    typeCode: c.typeCode,
    areaCode: c.areaCode,
    issuerCode: c.issuerCode,
    validFrom: new Date(c.validFrom * 1000),
    ...(c.validUntil !== undefined ? { validUntil: new Date(c.validUntil * 1000) } : {}),
    ...(c.statusList !== undefined && c.statusIndex !== undefined ? { status: { listId: c.statusList, index: c.statusIndex } } : {}),
  };
  const st = judgeLicence(facts, signer, sig.indication === 'PASSED', opts, time);
  checks.push(...st.checks);
  const issuerName = opts.bundle?.findIssuerByCode(c.issuerCode)?.name;
  return done([sig], checks, { license: summaryFromClaims(c, st.outcome, issuerName) });
}
