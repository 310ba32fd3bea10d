// Check catalogue of offline trust bundles. Ids are stable API: never rename one once released.
import { defineChecks } from '../report/check.js';

export const TRUST_CHECKS = defineChecks({
  format: {
    id: 'trust.bundle.format',
    passed: { zh: '信任包格式正确', en: 'Trust bundle is well formed' },
    failed: { zh: '信任包格式错误或内容无法读取', en: 'Trust bundle is malformed or its content cannot be read' },
    subIndication: 'FORMAT_FAILURE',
  },
  signature: {
    id: 'trust.bundle.signature',
    passed: { zh: '信任包签名有效，签发者为预置的信任根', en: 'Trust bundle signature is valid and chains to a pinned root' },
    failed: { zh: '信任包签名无效：拒绝使用该信任包', en: 'Trust bundle signature is not valid: the bundle is refused' },
    indeterminate: { zh: '信任包签名者不能链接到预置的信任根：拒绝使用该信任包', en: 'Trust bundle signer does not chain to a pinned root: the bundle is refused' },
    subIndication: 'SIG_CRYPTO_FAILURE',
    indeterminateSubIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
  },
  signer: {
    id: 'trust.bundle.signer',
    passed: { zh: '信任包签名者有权签发信任包', en: 'Trust bundle signer is authorised to sign trust bundles' },
    failed: { zh: '信任包签名者无权签发信任包：拒绝使用该信任包', en: 'Trust bundle signer is not authorised to sign trust bundles: the bundle is refused' },
    subIndication: 'POLICY_FAILURE',
  },
  version: {
    id: 'trust.bundle.version',
    passed: { zh: '信任包版本不低于已用过的版本', en: 'Trust bundle version is not lower than the last one used' },
    failed: { zh: '信任包版本低于已用过的版本（回滚）：拒绝使用', en: 'Trust bundle version is lower than the last one used (rollback): refused' },
    skipped: { zh: '未提供已用过的版本，未检查回滚', en: 'No last-seen version given: rollback not checked' },
    subIndication: 'POLICY_FAILURE',
  },
  freshness: {
    id: 'trust.bundle.freshness',
    passed: { zh: '信任包在更新期限内', en: 'Trust bundle is before its next update' },
    failed: { zh: '信任包已过更新期限', en: 'Trust bundle is past its next update' },
    warning: { zh: '信任包已过更新期限，仍在宽限期内：请尽快更新信任包', en: 'Trust bundle is past its next update but within the grace period: refresh it soon' },
    indeterminate: { zh: '信任包已过期（超过更新期限和宽限期）：请更新信任包', en: 'Trust bundle is stale (past its next update and the grace period): refresh the trust bundle' },
    subIndication: 'TRY_LATER',
    indeterminateSubIndication: 'TRY_LATER',
  },
  used: {
    id: 'trust.bundle.used',
    passed: { zh: '使用的信任包', en: 'Trust bundle used' },
    failed: { zh: '信任包被拒绝，未使用', en: 'Trust bundle refused, not used' },
    indeterminate: { zh: '信任包被拒绝，未使用', en: 'Trust bundle refused, not used' },
    indeterminateSubIndication: 'TRY_LATER',
  },
});
