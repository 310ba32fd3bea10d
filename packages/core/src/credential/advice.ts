// The clerk's next step for licence outcomes. The generic advice is about signing certificates ("the certificate was
// revoked"); for a licence that is expired, revoked, suspended or issued without authority the step differs.
import type { Check, Message } from '../report/types.js';
import type { CredentialVerification } from './verify.js';

const ADVICE: Record<string, Message> = {
  'credential.validity:EXPIRED': { zh: '证照已过有效期（签名真实）：请申请人提供有效期内的证照', en: 'the licence has expired (it is authentic): ask the applicant for a licence that is still valid' },
  'credential.validity:NOT_YET_VALID': { zh: '证照尚未生效：核对生效日期与本机时间', en: 'the licence is not yet valid: check its start date and this machine\'s clock' },
  'credential.status:failed:revoked': { zh: '证照已被吊销：不予受理，可向签发机构核实', en: 'the licence was revoked: do not accept it; check with the issuer if needed' },
  'credential.status:failed:suspended': { zh: '证照已被暂扣（暂停使用）：暂不受理，请申请人联系签发机构', en: 'the licence is suspended: do not accept it for now; the applicant should contact the issuer' },
  'credential.status:indeterminate': { zh: '无法确定证照状态：更新信任包或状态列表后再验证，或向签发机构核实', en: 'the licence status cannot be determined: refresh the trust bundle or status list and verify again, or check with the issuer' },
  'credential.issuer.authorised:failed': { zh: '签发机构无权签发该类型或该属地的证照：不予受理，并向主管部门核实', en: 'the issuer may not issue this licence type or area: do not accept it; check with the supervising authority' },
  'credential.issuer.authorised:indeterminate': { zh: '无法核对签发机构的授权：用 --bundle 提供信任包后再验证', en: 'the issuer\'s authority cannot be checked: verify again with a trust bundle (--bundle)' },
  'credential.qr.format:failed': { zh: '这不是电子证照核验码：请申请人出示电子证照上的二维码', en: 'this is not a licence verification code: ask the applicant for the QR code on the e-licence' },
  'credential.qr.signer:indeterminate': { zh: '信任包中没有该签发机构的证书：更新信任包后再验证', en: 'the trust bundle has no certificate of this issuer: refresh the trust bundle and verify again' },
  'credential.qr.record-digest:failed': { zh: '二维码与所附证照文件不符：不予受理', en: 'the QR code does not match the licence file given: do not accept it' },
  'credential.qr.consistent:failed': { zh: '证照内的二维码与证照数据不符：不予受理，并向签发机构核实', en: 'the QR code inside the licence does not match its data: do not accept it; check with the issuer' },
};

function key(c: Check): string[] {
  const status = String(c.details?.status ?? '');
  return [`${c.id}:${c.subIndication ?? ''}`, `${c.id}:${c.status}:${status}`, `${c.id}:${c.status}`];
}

/** Licence-specific advice when the deciding check is a licence check; undefined otherwise (use the generic one). */
export function licenceAdvice(r: CredentialVerification): Message | undefined {
  if (r.indication === 'PASSED') return undefined;
  const want = r.indication === 'FAILED' ? 'failed' : 'indeterminate';
  const ordered = [...r.signatures.flatMap((s) => s.checks), ...r.checks];
  const deciding = ordered.find((c) => c.status === want);
  if (!deciding) return undefined;
  for (const k of key(deciding)) if (ADVICE[k]) return ADVICE[k];
  return undefined;
}
