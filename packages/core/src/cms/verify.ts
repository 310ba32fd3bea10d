// Full verification of a CMS SignedData: structure, then per SignerInfo integrity (verify-signer.ts) and the signer's
// certification path at the validation time. Never throws: hostile input becomes FAILED/FORMAT_FAILURE.
import type { Certificate, Crl, TrustStore } from '../pki/index.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf, worstOf, type Verdict } from '../report/indication.js';
import type { Check, SignatureReport } from '../report/types.js';
import { CMS_CHECKS as C } from './checks.js';
import { certSummary } from './cert-access.js';
import { validateSignerPath, type RevocationOption } from './signer-path.js';
import { parseSignedData } from './parse.js';
import type { CmsLimits, ParsedSignedData } from './types.js';
import { verifyCmsSignatureOnly, type CmsPolicy } from './verify-signer.js';

export interface CmsVerifyOptions {
  cms: Uint8Array;
  /** Detached content. */
  content?: Uint8Array;
  /** true: an encapsulated eContent is a FORMAT_FAILURE ("detached signatures must not have encapsulated content"). */
  detached?: boolean;
  /** Anchors; without them every path is INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND. */
  trust?: TrustStore;
  /** Validation time; default now. */
  time?: Date;
  extraCertificates?: Certificate[];
  crls?: Crl[];
  sm2Id?: Uint8Array | string;
  revocation?: RevocationOption;
  /** Proof of existence of the signature (e.g. a verified timestamp), passed to path validation. */
  poeTime?: Date;
  policy?: CmsPolicy;
  limits?: Partial<CmsLimits>;
}

export interface CmsSignerResult {
  certificate?: Certificate;
  /** Validated path, leaf first, when one was found. */
  chain?: Certificate[];
  signingTime?: Date;
  /** Integrity alone (messageDigest + signature value), before trust. */
  integrity: Verdict;
}

export interface CmsVerifyResult extends Verdict {
  /** One per SignerInfo, in order, kind 'cms'. */
  signatures: SignatureReport[];
  /** Structure checks of the SignedData as a whole. */
  checks: Check[];
  /** eContentType, when the structure parsed. */
  contentType?: string;
  flavour?: 'pkcs7' | 'gbt35275';
  /** ISO-8601 validation time used for the paths. */
  validationTime: string;
  /** Per SignerInfo, parallel to `signatures`: the objects behind the summaries. */
  signers: CmsSignerResult[];
  /** The parsed structure, for callers that look further (timestamps, PDF). */
  signedData?: ParsedSignedData;
}

/** Verify a CMS SignedData (PKCS#7 or GB/T 35275). Never throws. */
export function verifySignedData(opts: CmsVerifyOptions): CmsVerifyResult {
  const time = opts.time ?? new Date();
  const validationTime = validIso(time);
  let sd: ParsedSignedData;
  try {
    sd = parseSignedData(opts.cms, opts.limits);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const checks = [check(C.structure, 'failed', { message: withDetail(C.structure.failed, msg, msg), details: { error: msg } })];
    return { ...verdictOf(checks), signatures: [], checks, validationTime, signers: [] };
  }

  const checks: Check[] = [];
  checks.push(
    sd.warnings.length
      ? check(C.structure, 'warning', { details: { warnings: sd.warnings, ber: sd.ber } })
      : check(C.structure, 'passed', { details: { flavour: sd.flavour, ber: sd.ber } }),
  );
  checks.push(check(C.signersPresent, sd.signers.length > 0 ? 'passed' : 'failed'));

  const signatures: SignatureReport[] = [];
  const signers: CmsSignerResult[] = [];
  for (const signer of sd.signers) {
    const integ = verifyCmsSignatureOnly({
      signedData: sd,
      signer,
      ...(opts.content !== undefined ? { content: opts.content } : {}),
      ...(opts.detached !== undefined ? { detached: opts.detached } : {}),
      ...(opts.extraCertificates ? { extraCertificates: opts.extraCertificates } : {}),
      ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
      ...(opts.policy ? { policy: opts.policy } : {}),
    });
    const sigChecks = [...integ.checks];
    const report: SignatureReport = { index: signer.index, kind: 'cms', indication: 'PASSED', checks: sigChecks };
    const res: CmsSignerResult = { integrity: integ.verdict };
    if (integ.certificate) {
      res.certificate = integ.certificate;
      const summary = safe(() => certSummary(integ.certificate!));
      if (summary) report.signer = summary;
      const path = validateSignerPath({
        certificate: integ.certificate,
        intermediates: [...sd.certificates, ...(opts.extraCertificates ?? [])],
        crls: [...sd.crls, ...(opts.crls ?? [])],
        time,
        ...(opts.trust ? { trust: opts.trust } : {}),
        ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
        ...(opts.poeTime ? { poeTime: opts.poeTime } : {}),
        ...(opts.policy?.weak ? { weak: opts.policy.weak } : {}),
      });
      sigChecks.push(...path.checks);
      if (path.chain.length) {
        res.chain = path.chain;
        const chain = path.chain.map((c) => safe(() => certSummary(c)));
        if (chain.every((c) => c !== undefined)) report.chain = chain as NonNullable<(typeof chain)[number]>[];
      }
    }
    if (integ.signingTime) {
      res.signingTime = integ.signingTime;
      report.signingTime = integ.signingTime.toISOString();
    }
    if (integ.algorithm) report.algorithm = integ.algorithm;
    const v = verdictOf(sigChecks);
    report.indication = v.indication;
    if (v.subIndication) report.subIndication = v.subIndication;
    signatures.push(report);
    signers.push(res);
  }

  const verdict = worstOf([verdictOf(checks), ...signatures.map((s) => (s.subIndication ? { indication: s.indication, subIndication: s.subIndication } : { indication: s.indication }))]);
  return {
    ...verdict,
    signatures,
    checks,
    contentType: sd.eContentType,
    flavour: sd.flavour,
    validationTime,
    signers,
    signedData: sd,
  };
}

function validIso(d: Date): string {
  return Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString();
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
