// What the seal verifier (verify-seal.ts) and the seal-signature verifier (verify-signature.ts) share: the trust
// inputs they pass down to path validation and timestamps, the reason text of a caught error, reading the embedded
// certificate, and the checks for the results of verifySignature and verifySesTimestamp.
import type { SignatureVerifyResult, WeakAlgorithmPolicy } from '../crypto/types.js';
import { HeyanError } from '../errors.js';
import { Certificate } from '../pki/certificate.js';
import type { Crl } from '../pki/crl.js';
import type { RevocationMode } from '../pki/path-validation.js';
import type { TrustStore } from '../pki/trust-store.js';
import { check, withDetail, type CheckDef } from '../report/check.js';
import type { Check } from '../report/types.js';
import { withRole, type CertificateRole } from './role.js';
import type { SesTimestampResult } from './timestamp.js';

export interface SealPathInputs {
  /** Anchors; without them no path is complete (INDETERMINATE). */
  trust?: TrustStore;
  /** Untrusted intermediates to build the signer's, maker's and TSAs' paths with. */
  intermediates?: readonly Certificate[];
  /** Validation time; default now. */
  time?: Date;
  crls?: readonly Crl[];
  /** Default 'if-available'. */
  revocation?: RevocationMode;
  policy?: { weak?: WeakAlgorithmPolicy };
}

export type PathOptions = Omit<SealPathInputs, 'time'> & { time: Date };

/** The validation time: `opts.time` when it is a valid date, else now. */
export function validationTimeOf(opts: SealPathInputs): Date {
  return opts.time && !Number.isNaN(opts.time.getTime()) ? opts.time : new Date();
}

/** The inputs set in `opts` (absent ones left out, not undefined) with the validation time. */
export function pathOpts(opts: SealPathInputs, time: Date): PathOptions {
  const o: PathOptions = { time };
  if (opts.trust) o.trust = opts.trust;
  if (opts.intermediates) o.intermediates = opts.intermediates;
  if (opts.crls) o.crls = opts.crls;
  if (opts.revocation) o.revocation = opts.revocation;
  if (opts.policy) o.policy = opts.policy;
  return o;
}

/** Reason text of an error caught while decoding: named errors are the input's fault, shown as their message. */
export function inputErrorReason(e: unknown): string {
  return e instanceof HeyanError ? e.message : bugReason(e);
}

/** Reason text of anything else caught: a bug keeps its name so it is never mistaken for a fault of the input. */
export function bugReason(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Parse an embedded certificate (maker's or signer's), with the check that says whether it could be read. */
export function readCertificate(def: CheckDef, der: Uint8Array): { certificate?: Certificate; check: Check } {
  try {
    const c = Certificate.fromDer(der);
    return { certificate: c, check: check(def, 'passed', { message: withDetail(def.passed, `「${c.subject}」`, `"${c.subject}"`) }) };
  } catch (e) {
    const why = (e as Error).message;
    return { check: check(def, 'failed', { message: withDetail(def.failed, why, why) }) };
  }
}

/** The check of a verified signature: passed, or warning when the algorithm is weak. `text` says what was signed. */
export function signatureOkCheck(def: CheckDef, r: SignatureVerifyResult, text: { zh: string; en: string }, details: Record<string, unknown>): Check {
  return check(def, r.weak ? 'warning' : 'passed', {
    message: withDetail(def.passed, r.weak ? `${text.zh}；弱算法 ${r.weak}` : text.zh, r.weak ? `${text.en}; weak ${r.weak}` : text.en),
    details,
  });
}

/**
 * The check of a signature that did not verify, `why` being the registry's error. An algorithm heyan cannot run is
 * "cannot tell"; a weak one refused by policy is a crypto-constraints failure.
 */
export function signatureFailedCheck(def: CheckDef, why: string, text: { zh: string; en: string }, details: Record<string, unknown>): Check {
  const status = /^unsupported/.test(why) ? 'indeterminate' : 'failed';
  const base = status === 'failed' ? def.failed : def.indeterminate!;
  const sub = /weak algorithm/.test(why) ? { subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' as const } : {};
  return check(def, status, { message: withDetail(base, text.zh, text.en), details, ...sub });
}

/** The check of a seal or signature timestamp (with its genTime), then the TSA's own checks under `role`. */
export function timestampChecks(def: CheckDef, ts: SesTimestampResult, role: CertificateRole): Check[] {
  const status = ts.indication === 'PASSED' ? 'passed' : ts.indication === 'FAILED' ? 'failed' : 'indeterminate';
  const c = check(def, status, ts.subIndication && status !== 'passed' ? { subIndication: ts.subIndication } : {});
  return [ts.genTime ? { ...c, details: { genTime: ts.genTime.toISOString() } } : c, ...withRole(ts.checks, role)];
}
