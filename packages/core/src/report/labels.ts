// Human names for indications and sub-indications (zh + en), shared by the text renderer and advice.
import type { CheckStatus, Indication, Message, SubIndication } from './types.js';

export const INDICATION_LABELS: Readonly<Record<Indication, Message>> = {
  PASSED: { zh: '通过', en: 'PASSED' },
  FAILED: { zh: '不通过', en: 'FAILED' },
  INDETERMINATE: { zh: '无法确定', en: 'INDETERMINATE' },
};

export const STATUS_LABELS: Readonly<Record<CheckStatus, Message>> = {
  passed: { zh: '通过', en: 'passed' },
  failed: { zh: '失败', en: 'failed' },
  warning: { zh: '警告', en: 'warning' },
  indeterminate: { zh: '无法确定', en: 'indeterminate' },
  skipped: { zh: '未执行', en: 'skipped' },
};

export const SUB_INDICATION_LABELS: Readonly<Record<SubIndication, Message>> = {
  FORMAT_FAILURE: { zh: '格式错误', en: 'format failure' },
  HASH_FAILURE: { zh: '摘要不符（内容被修改）', en: 'hash failure (content modified)' },
  SIG_CRYPTO_FAILURE: { zh: '签名值无效', en: 'signature value invalid' },
  REVOKED: { zh: '证书已吊销', en: 'certificate revoked' },
  EXPIRED: { zh: '证书已过期', en: 'certificate expired' },
  NOT_YET_VALID: { zh: '证书尚未生效', en: 'certificate not yet valid' },
  NO_CERTIFICATE_CHAIN_FOUND: { zh: '找不到可信证书链', en: 'no certificate chain to a trust anchor' },
  CHAIN_CONSTRAINTS_FAILURE: { zh: '证书链约束不满足', en: 'chain constraints failure' },
  SIG_CONSTRAINTS_FAILURE: { zh: '签名约束不满足', en: 'signature constraints failure' },
  CRYPTO_CONSTRAINTS_FAILURE: { zh: '算法强度不满足要求', en: 'cryptographic constraints failure' },
  CRYPTO_CONSTRAINTS_FAILURE_NO_POE: {
    zh: '算法已不安全且无存在性证明',
    en: 'algorithm no longer secure and no proof of existence',
  },
  NO_SIGNING_CERTIFICATE_FOUND: { zh: '找不到签名者证书', en: 'signing certificate not found' },
  SIGNED_DATA_NOT_FOUND: { zh: '找不到被签名的内容', en: 'signed data not found' },
  TRY_LATER: { zh: '吊销信息不可用，请稍后再试', en: 'revocation information unavailable, try later' },
  OUT_OF_BOUNDS_NO_POE: { zh: '证书不在有效期内且无存在性证明', en: 'outside validity period, no proof of existence' },
  OUT_OF_BOUNDS_NOT_REVOKED: {
    zh: '证书不在有效期内（未吊销）',
    en: 'outside validity period (not revoked)',
  },
  REVOKED_NO_POE: { zh: '证书已吊销且无存在性证明', en: 'revoked, no proof of existence' },
  REVOKED_CA_NO_POE: { zh: 'CA 证书已吊销且无存在性证明', en: 'CA revoked, no proof of existence' },
  REVOCATION_OUT_OF_BOUNDS_NO_POE: {
    zh: '吊销信息超出有效范围且无存在性证明',
    en: 'revocation information out of bounds, no proof of existence',
  },
  CERTIFICATE_CHAIN_GENERAL_FAILURE: { zh: '证书链验证失败', en: 'certificate chain general failure' },
  POLICY_FAILURE: { zh: '不符合验证策略', en: 'policy failure' },
  GENERIC: { zh: '其他原因', en: 'generic' },
};

/** Label of a sub-indication; unknown values (from a newer producer) are shown as they are. */
export function subIndicationLabel(sub: string): Message {
  return (SUB_INDICATION_LABELS as Record<string, Message | undefined>)[sub] ?? { zh: sub, en: sub };
}
