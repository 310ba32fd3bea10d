// Check catalogue of licence status lists. Ids are stable API: never rename one once released.
import { defineChecks } from '../report/check.js';

export const STATUS_CHECKS = defineChecks({
  signature: {
    id: 'status.list.signature',
    passed: { zh: '状态列表签名有效，签名者证书可信', en: 'Status list signature is valid and its signer is trusted' },
    failed: { zh: '状态列表签名无效', en: 'Status list signature is not valid' },
    indeterminate: { zh: '无法确认状态列表签名者是否可信', en: 'Cannot tell whether the status list signer is trusted' },
    subIndication: 'SIG_CRYPTO_FAILURE',
    indeterminateSubIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
  },
  type: {
    id: 'status.list.type',
    passed: { zh: '状态列表是 2 位消息型 BitstringStatusListCredential', en: 'Status list is a 2-bit message BitstringStatusListCredential' },
    failed: { zh: '状态列表不是所需的 BitstringStatusListCredential', en: 'Status list is not the expected BitstringStatusListCredential' },
    subIndication: 'FORMAT_FAILURE',
  },
  issuer: {
    id: 'status.list.issuer',
    passed: { zh: '状态列表由证照签发者或其授权者签署', en: 'Status list is signed by the credential issuer or on its authority' },
    failed: { zh: '状态列表签署者不是证照签发者，也未获授权', en: 'Status list is signed by neither the credential issuer nor anyone it authorised' },
    skipped: { zh: '未要求核对状态列表签署者', en: 'Status list signer not compared with a credential issuer' },
    subIndication: 'POLICY_FAILURE',
  },
  encodedList: {
    id: 'status.list.encoded-list',
    passed: { zh: '状态位串解码正确，长度符合要求', en: 'Status bitstring decodes and is long enough' },
    failed: { zh: '状态位串无法解码、过大或过短', en: 'Status bitstring cannot be decoded, is too large or too short' },
    subIndication: 'FORMAT_FAILURE',
  },
  index: {
    id: 'status.list.index',
    passed: { zh: '状态索引在列表范围内', en: 'Status index is within the list' },
    failed: { zh: '状态索引超出列表范围', en: 'Status index is outside the list' },
    subIndication: 'FORMAT_FAILURE',
  },
  freshness: {
    id: 'status.list.freshness',
    passed: { zh: '状态列表在有效期内', en: 'Status list is within its validity window' },
    failed: { zh: '状态列表不在有效期内', en: 'Status list is outside its validity window' },
    indeterminate: {
      zh: '状态列表已过期或尚未生效，无法确定证照状态：请获取最新状态列表',
      en: 'Status list is stale or not yet valid, so the licence status cannot be told: fetch a current list',
    },
    subIndication: 'TRY_LATER',
    indeterminateSubIndication: 'TRY_LATER',
  },
  entry: {
    id: 'status.entry',
    passed: { zh: '证照状态：有效', en: 'Licence status: valid' },
    failed: { zh: '证照已被吊销或暂扣', en: 'Licence is revoked or suspended' },
    indeterminate: { zh: '证照状态值为保留值，无法确定', en: 'Licence status entry holds the reserved value and cannot be read' },
    skipped: { zh: '未读取证照状态', en: 'Licence status not read' },
    subIndication: 'REVOKED',
  },
});
