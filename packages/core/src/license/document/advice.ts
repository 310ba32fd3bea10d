// The clerk's next step for a licence document, in the order that matters at a window: a file that was changed or
// does not agree with itself is rejected first (whatever its licence state), then the licence's own state (revoked,
// expired, not yet valid, issuer not authorised), then what more trust data would settle (refresh the bundle).
// Undefined when none applies: verify() then gives the generic advice of the deciding check.
import { licenceAdvice } from '../../credential/advice.js';
import type { CredentialVerification } from '../../credential/verify.js';
import type { Verdict } from '../../report/indication.js';
import type { Check, Message, SubIndication } from '../../report/types.js';

export const FRESH_COPY: Message = {
  zh: '不予受理：证照文件在签署后被改动，或其页面、内嵌凭证、二维码、签名者不一致；请申请人从签发平台重新下载证照文件后再提交',
  en: 'reject it: the licence file was changed after signing, or its page, embedded credential, QR code and signer do not agree; ask the applicant for a freshly downloaded copy from the issuing platform',
};

export const FRESH_COPY_UNSURE: Message = {
  zh: '无法完整核对：无法确认证照文件签署后是否被添加了内容；请申请人从签发平台重新下载证照文件后再提交',
  en: 'not fully checked: whether anything was added to the licence file after signing cannot be established; ask the applicant for a freshly downloaded copy from the issuing platform',
};

export const REFRESH_BUNDLE: Message = {
  zh: '无法确认签发机构或证照状态：请更新信任包（从平台获取最新信任包，可用 heyan bundle verify 核对）后重新验证',
  en: 'the issuer or the licence status cannot be confirmed: refresh the trust bundle (get the latest one from the platform, check it with heyan bundle verify) and verify again',
};

export const UNAUTHORISED: Message = {
  zh: '不予受理：签发机构无权签发该类型或该地区的证照，请向平台报告',
  en: 'reject it: the issuer is not authorised to issue this licence type or area; report it to the platform',
};

export const UNCHECKED_IMAGES: Message = {
  zh: '无法完整核对：页面上有图像未能识读，其中可能有另一证照的二维码；请申请人从签发平台重新下载证照文件后再核验，或人工用签发平台核对页面上的每个二维码',
  en: 'not fully checked: images on the page could not be read and may hold another licence\'s QR code; ask the applicant for a freshly downloaded copy from the issuing platform and verify it, or check every QR code on the page with the issuing platform by hand',
};

/** Integrity sub-indications: the bytes are not what was signed. */
const TAMPERED = new Set<SubIndication | undefined>(['FORMAT_FAILURE', 'HASH_FAILURE', 'SIG_CRYPTO_FAILURE', undefined]);
/** Layer checks whose failure means the document does not agree with itself. */
const MISMATCH = new Set(['license.document.credential', 'license.document.additions', 'license.document.signer', 'license.document.identifier', 'license.document.qr', 'license.document.text', 'credential.qr.consistent']);
/** Sub-indications that more (fresher) trust data can settle. */
const TRUST_DATA = new Set<SubIndication | undefined>(['NO_CERTIFICATE_CHAIN_FOUND', 'TRY_LATER', 'NO_SIGNING_CERTIFICATE_FOUND', 'REVOCATION_OUT_OF_BOUNDS_NO_POE']);

function day(iso: unknown): string | undefined {
  return typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined;
}

export interface AdviceInput {
  verdict: Verdict;
  /** The document's own verdict (signatures and document checks). */
  document: Verdict;
  credential?: CredentialVerification;
  /** The layer's checks (license.document.* and the credential's). */
  checks: readonly Check[];
}

export function licenceDocumentAdvice(a: AdviceInput): Message | undefined {
  if (a.verdict.indication === 'PASSED') return undefined;
  const failed = (id: string) => a.checks.find((c) => c.id === id && c.status === 'failed');
  const cred = a.credential;
  const credSig = cred?.signatures[0];

  if (a.verdict.indication === 'FAILED') {
    const docTampered = a.document.indication === 'FAILED' && TAMPERED.has(a.document.subIndication);
    const credTampered = credSig?.indication === 'FAILED' && TAMPERED.has(credSig.subIndication);
    if (docTampered || credTampered || a.checks.some((c) => c.status === 'failed' && MISMATCH.has(c.id))) return FRESH_COPY;

    const status = failed('credential.status');
    if (status && status.details?.status === 'revoked') {
      const lic = cred?.license;
      const date = day(lic?.statusSince);
      const reason = lic?.statusReason;
      const listId = typeof status.details.listId === 'string' ? status.details.listId : undefined;
      const zhWhen = date ? `已于 ${date} 被吊销` : `已被吊销${listId ? `（状态列表 ${listId}）` : ''}`;
      const enWhen = date ? `was revoked on ${date}` : `is revoked${listId ? ` (status list ${listId})` : ''}`;
      return {
        zh: `不予受理：该证照${zhWhen}${reason ? `（原因：${reason}）` : ''}`,
        en: `reject it: the licence ${enWhen}${reason ? ` (${reason})` : ''}`,
      };
    }
    const validity = failed('credential.validity');
    if (validity?.subIndication === 'EXPIRED') {
      const date = day(validity.details?.validUntil);
      return { zh: `不予受理：该证照已于 ${date ?? '有效期截止日'} 过期`, en: `reject it: the licence expired on ${date ?? 'its end date'}` };
    }
    if (validity?.subIndication === 'NOT_YET_VALID') {
      const date = day(validity.details?.validFrom);
      return {
        zh: `暂不受理：该证照自 ${date ?? '生效日'} 起才生效（请同时核对本机时间）`,
        en: `do not accept it yet: the licence is valid only from ${date ?? 'its start date'} (check this machine's clock too)`,
      };
    }
    if (failed('credential.issuer.authorised')) return UNAUTHORISED;
    return cred ? licenceAdvice(cred) : undefined;
  }

  // INDETERMINATE: what fresher trust data settles, else the credential's own advice (e.g. "verify with --bundle").
  // A page whose images could not all be searched is no trust-data question: a fresh copy settles it.
  const qrUnsure = a.checks.some((c) => c.id === 'license.document.qr' && c.status === 'indeterminate');
  const additionsUnsure = a.checks.some((c) => c.id === 'license.document.additions' && c.status === 'indeterminate');
  const authorisation = a.checks.find((c) => c.id === 'credential.issuer.authorised' && c.status === 'indeterminate');
  if (authorisation && cred) return licenceAdvice(cred);
  const undecided = [a.document, ...(credSig ? [{ indication: credSig.indication, ...(credSig.subIndication ? { subIndication: credSig.subIndication } : {}) }] : [])];
  if (undecided.some((v) => v.indication === 'INDETERMINATE' && TRUST_DATA.has(v.subIndication))) return REFRESH_BUNDLE;
  if (additionsUnsure) return FRESH_COPY_UNSURE;
  if (a.checks.some((c) => c.status === 'indeterminate' && (c.id === 'credential.status' || c.id === 'license.document.signatures' || c.id === 'license.document.credential'))) return REFRESH_BUNDLE;
  if (qrUnsure) return UNCHECKED_IMAGES;
  return cred ? licenceAdvice(cred) : undefined;
}
