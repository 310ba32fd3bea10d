// How a trust bundle shows in a verification report: every result states which bundle it used (version, digest,
// age — reference B3), and a refused bundle turns every report into a refusal with the advice to refresh it.
import { check, withDetail } from '../report/check.js';
import { worstOf } from '../report/indication.js';
import type { Check, Report } from '../report/types.js';
import type { TrustBundle } from './bundle.js';
import { TRUST_CHECKS as C } from './checks.js';
import { REFRESH_ADVICE, type OpenTrustBundleResult } from './open-bundle.js';

/** A `trust.bundle.used` check naming the bundle (indeterminate for an unverified one). */
export function bundleUsedCheck(bundle: TrustBundle, time: Date): Check {
  if (!bundle.verified) {
    return check(C.used, 'indeterminate', {
      message: withDetail(C.used.indeterminate!, '信任包未经验证（只读查看），其内容不被信任', 'the bundle was read without verification (inspect), nothing in it is trusted'),
      details: { version: bundle.version, digest: bundle.digest, verified: false },
    });
  }
  return check(C.used, 'passed', {
    message: withDetail(C.used.passed, `版本 ${bundle.version}，签发于 ${bundle.issuedAt.toISOString()}`, `version ${bundle.version}, issued ${bundle.issuedAt.toISOString()}`),
    details: {
      version: bundle.version,
      digest: bundle.digest,
      issuedAt: bundle.issuedAt.toISOString(),
      nextUpdate: bundle.nextUpdate.toISOString(),
      ageSeconds: bundle.ageSeconds(time),
      ...(bundle.signer ? { signer: bundle.signer.subject } : {}),
    },
  });
}

/**
 * The report of an input verified while the trust bundle was refused: the refusal comes first and decides the
 * verdict unless the input itself failed (a forgery stays FAILED), and the advice is to refresh the bundle.
 */
export function withRefusedBundle(report: Report, refused: OpenTrustBundleResult): Report {
  const why = refused.checks.filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => c.message.en);
  const whyZh = refused.checks.filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => c.message.zh);
  const status = refused.indication === 'FAILED' ? 'failed' : 'indeterminate';
  const used = check(C.used, status, {
    message: withDetail(status === 'failed' ? C.used.failed : C.used.indeterminate!, whyZh.join('；') || '未知原因', why.join('; ') || 'unknown reason'),
    ...(refused.subIndication ? { subIndication: refused.subIndication } : {}),
    details: { digest: refused.digest, ...(refused.version !== undefined ? { version: refused.version } : {}), indication: refused.indication, subIndication: refused.subIndication ?? null },
  });
  const bundleVerdict = { indication: refused.indication, ...(refused.subIndication ? { subIndication: refused.subIndication } : {}) };
  const own = { indication: report.indication, ...(report.subIndication ? { subIndication: report.subIndication } : {}) };
  // A refused bundle can only make things worse: FAILED input stays FAILED; otherwise the refusal decides.
  const v = own.indication === 'FAILED' && bundleVerdict.indication !== 'FAILED' ? own : worstOf([bundleVerdict, own]);
  const out: Report = { ...report, checks: [used, ...report.checks], indication: v.indication, advice: REFRESH_ADVICE };
  if (v.subIndication) out.subIndication = v.subIndication;
  else delete out.subIndication;
  return out;
}
