// What a clerk should do next when a report is not PASSED, keyed by the deciding sub-indication, or more precisely by
// the failed check that decided it when the sub-indication alone would give the wrong advice (a seal used after it
// expired is EXPIRED, but no timestamp can help it).
import type { Check, Indication, Message, SubIndication } from './types.js';

export const ADVICE: Readonly<Record<SubIndication, Message>> = {
  FORMAT_FAILURE: {
    zh: '文件已损坏或不是受支持的签名格式：请向出具方重新索取原始文件',
    en: 'the file is damaged or not a supported signed format: ask the issuer for the original file again',
  },
  HASH_FAILURE: {
    zh: '签名后内容被修改：拒绝该文件',
    en: 'the content was changed after signing: reject it',
  },
  SIG_CRYPTO_FAILURE: {
    zh: '签名值不正确（伪造或损坏）：拒绝该文件',
    en: 'the signature value is wrong (forged or damaged): reject it',
  },
  REVOKED: {
    zh: '签名证书已被吊销：拒绝该文件，并联系出具方',
    en: 'the signing certificate was revoked: reject it and contact the issuer',
  },
  EXPIRED: {
    zh: '证书已过期：请出具方用有效证书重新签署，或提供签名时的时间戳',
    en: 'the certificate has expired: ask the issuer to re-sign with a valid certificate, or to add a timestamp from signing time',
  },
  NOT_YET_VALID: {
    zh: '证书尚未生效：检查本机时间或 --at 参数，必要时稍后再验',
    en: 'the certificate is not yet valid: check this machine\'s clock or --at, and verify again later if needed',
  },
  NO_CERTIFICATE_CHAIN_FOUND: {
    zh: '找不到可信的签发机构：用 --trust 加入签发 CA 证书，或更新信任列表',
    en: 'no trusted issuer found: add the issuing CA with --trust / refresh the trust bundle',
  },
  CHAIN_CONSTRAINTS_FAILURE: {
    zh: '证书链不满足约束（用途、CA 标志、路径长度等）：拒绝该文件，并向出具方核实证书',
    en: 'the certificate chain breaks its constraints (usage, CA flag, path length...): reject it and check the certificate with the issuer',
  },
  SIG_CONSTRAINTS_FAILURE: {
    zh: '签名不满足策略要求（缺少必需属性等）：请出具方按规范重新签署',
    en: 'the signature does not meet the policy (missing required attributes...): ask the issuer to re-sign to the standard',
  },
  CRYPTO_CONSTRAINTS_FAILURE: {
    zh: '使用了不安全的算法或过短的密钥：请出具方用 SM2/SM3 或足够强度的算法重新签署',
    en: 'a weak algorithm or short key was used: ask the issuer to re-sign with SM2/SM3 or a strong algorithm',
  },
  CRYPTO_CONSTRAINTS_FAILURE_NO_POE: {
    zh: '算法已不安全且没有更早的时间戳证明：请出具方重新签署',
    en: 'the algorithm is no longer secure and no earlier timestamp proves existence: ask the issuer to re-sign',
  },
  NO_SIGNING_CERTIFICATE_FOUND: {
    zh: '文件中没有签名者证书：用 --cert 提供签名者证书',
    en: 'the signer\'s certificate is missing: supply it with --cert',
  },
  SIGNED_DATA_NOT_FOUND: {
    zh: '缺少被签名的原文：用 --content 提供原文件',
    en: 'the signed content is missing: supply the original file with --content',
  },
  TRY_LATER: {
    zh: '吊销信息已过期或不可用：获取最新的 CRL 后再验证',
    en: 'revocation information is stale or unavailable: fetch a fresh CRL and verify again',
  },
  OUT_OF_BOUNDS_NO_POE: {
    zh: '证书已不在有效期内，且无时间戳证明签名时间：请出具方提供带时间戳的文件，或用 --at 指定可证明的签名时间',
    en: 'the certificate is outside its validity and no timestamp proves when it was signed: ask for a timestamped file, or give a provable signing time with --at',
  },
  OUT_OF_BOUNDS_NOT_REVOKED: {
    zh: '证书已不在有效期内（未被吊销）：请出具方提供带时间戳的文件',
    en: 'the certificate is outside its validity (not revoked): ask the issuer for a timestamped file',
  },
  REVOKED_NO_POE: {
    zh: '证书已吊销，且无法证明签名早于吊销：拒绝该文件，或请出具方提供签名时的时间戳',
    en: 'the certificate was revoked and nothing proves the signature came first: reject it, or ask for a timestamp from signing time',
  },
  REVOKED_CA_NO_POE: {
    zh: '某个 CA 证书已吊销：拒绝该文件，并联系出具方',
    en: 'a CA certificate in the chain was revoked: reject it and contact the issuer',
  },
  REVOCATION_OUT_OF_BOUNDS_NO_POE: {
    zh: '吊销信息不覆盖签名时间：获取覆盖该时间的 CRL 后再验证',
    en: 'the revocation information does not cover the signing time: fetch a CRL that does and verify again',
  },
  CERTIFICATE_CHAIN_GENERAL_FAILURE: {
    zh: '证书链验证失败：拒绝该文件，并向出具方核实证书',
    en: 'the certificate chain failed validation: reject it and check the certificate with the issuer',
  },
  POLICY_FAILURE: {
    zh: '不符合验证策略：按本单位规定处理，或向出具方核实',
    en: 'it breaks the validation policy: follow local rules, or check with the issuer',
  },
  GENERIC: {
    zh: '验证未通过：查看详细报告（--verbose）了解原因',
    en: 'validation did not pass: see the detailed report (--verbose) for the reason',
  },
};

/** Advice for a failed check with this id and sub-indication (and, when given, a detail), before ADVICE. */
export interface CheckAdvice {
  id: string;
  subIndication: SubIndication;
  when?: (c: Check) => boolean;
  advice: Message;
}

const atSigning = (c: Check): boolean => c.details?.at !== 'validation-time';

export const CHECK_ADVICE: readonly CheckAdvice[] = [
  {
    id: 'seal.validity',
    subIndication: 'EXPIRED',
    when: atSigning,
    advice: {
      zh: '盖章时印章已过有效期（时间戳也无法补救）：拒绝该文件，或请出具方用有效印章重新盖章',
      en: 'the seal had expired when the document was signed (no timestamp can change that): reject it, or ask the issuer for a freshly sealed copy',
    },
  },
  {
    id: 'seal.validity',
    subIndication: 'NOT_YET_VALID',
    when: atSigning,
    advice: {
      zh: '盖章时印章尚未生效：拒绝该文件，或请出具方在印章有效期内重新盖章',
      en: 'the seal was not yet valid when the document was signed: reject it, or ask the issuer for a copy sealed within the seal\'s validity',
    },
  },
  {
    id: 'seal.validity',
    subIndication: 'EXPIRED',
    advice: { zh: '印章已过有效期：请出具方提供有效期内的印章', en: 'the seal has expired: ask the issuer for a current seal' },
  },
  {
    id: 'seal.signer.validity',
    subIndication: 'EXPIRED',
    advice: {
      zh: '盖章时签章者证书已过期（时间戳也无法补救）：拒绝该文件，或请出具方用有效证书重新盖章',
      en: 'the signer\'s certificate had expired when the document was sealed (no timestamp can change that): reject it, or ask the issuer for a freshly sealed copy',
    },
  },
  {
    id: 'seal.signer.validity',
    subIndication: 'NOT_YET_VALID',
    advice: {
      zh: '盖章时签章者证书尚未生效：拒绝该文件，或请出具方重新盖章',
      en: 'the signer\'s certificate was not yet valid when the document was sealed: reject it, or ask the issuer for a freshly sealed copy',
    },
  },
  {
    id: 'seal.maker.valid-at-creation',
    subIndication: 'EXPIRED',
    advice: {
      zh: '印章制作时制章者证书已过期：拒绝该文件，或请出具方提供由有效制章者证书制作的印章',
      en: 'the seal was made after its maker certificate expired: reject it, or ask the issuer for a seal made under a valid maker certificate',
    },
  },
  // PDF: what happened after signing decides; the clerk needs the signed version, not a repair.
  ...['pdf.byte-range.coverage', 'pdf.byte-range.gap', 'pdf.byte-range.signed', 'pdf.byte-range.collision'].map(
    (id): CheckAdvice => ({
      id,
      subIndication: 'FORMAT_FAILURE',
      advice: {
        zh: 'PDF 中有未被签名覆盖的内容（签名后被追加或篡改）：不要采信文件显示的内容，拒绝该文件，并向出具方索取原始签名文件',
        en: 'the PDF holds content the signature does not cover (appended or tampered with after signing): do not rely on what it shows, reject it and ask the issuer for the original signed file',
      },
    }),
  ),
  {
    id: 'pdf.signature.dictionary',
    subIndication: 'FORMAT_FAILURE',
    advice: {
      zh: '签名后签名信息（原因、时间、签名人等）被改写：拒绝该文件，并向出具方索取原始签名文件',
      en: 'the signature details (reason, time, name...) were rewritten after signing: reject it and ask the issuer for the original signed file',
    },
  },
];

/** PDF changes after signing (pdf/changes checks): a modified copy, whatever the check that caught it. */
const PDF_MODIFIED: Message = {
  zh: 'PDF 在签名后被修改（页面、内容、批注或表单）：以签名时的版本为准，拒绝这份修改过的文件，并向出具方索取原始签名文件',
  en: 'the PDF was modified after signing (pages, content, annotations or form fields): reject this modified copy and ask the issuer for the original signed file',
};

const FALLBACK: Readonly<Record<Exclude<Indication, 'PASSED'>, Message>> = {
  FAILED: { zh: '验证不通过：拒绝该文件', en: 'validation failed: reject the file' },
  INDETERMINATE: {
    zh: '无法确定文件是否可信：查看详细报告（--verbose），补充缺少的证书、原文或吊销信息后再验证',
    en: 'cannot tell whether the file can be trusted: see the detailed report (--verbose), supply the missing certificate, content or revocation data and verify again',
  },
};

/**
 * The next step for a non-PASSED verdict, or undefined when PASSED. With the report's checks, a failed check that
 * carries the deciding sub-indication and has advice of its own (CHECK_ADVICE) gives it.
 */
export function adviceFor(verdict: { indication: Indication; subIndication?: string | undefined }, checks: readonly Check[] = []): Message | undefined {
  if (verdict.indication === 'PASSED') return undefined;
  if (verdict.subIndication) {
    for (const c of checks) {
      if (c.status !== 'failed' || c.subIndication !== verdict.subIndication) continue;
      const hit = CHECK_ADVICE.find((a) => a.id === c.id && a.subIndication === c.subIndication && (a.when?.(c) ?? true));
      if (hit) return hit.advice;
      if (c.id.startsWith('pdf.changes.')) return PDF_MODIFIED;
    }
  }
  const bySub = verdict.subIndication
    ? (ADVICE as Record<string, Message | undefined>)[verdict.subIndication]
    : undefined;
  return bySub ?? FALLBACK[verdict.indication];
}
