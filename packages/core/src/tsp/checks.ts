// Check catalogue of the RFC 3161 time-stamp token verifier. Ids are stable API: never rename one once released.
// The CMS layer reports under cms.* and the TSA certificate path under pki.*; these are the token's own checks.
import { defineChecks } from '../report/check.js';

export const TSP_CHECKS = defineChecks({
  structure: {
    id: 'tsp.token.structure',
    passed: { zh: '时间戳令牌结构正确', en: 'Time-stamp token structure is well formed' },
    failed: { zh: '时间戳令牌结构错误', en: 'Time-stamp token structure is malformed' },
    subIndication: 'FORMAT_FAILURE',
  },
  contentType: {
    id: 'tsp.token.content-type',
    passed: { zh: '封装内容类型为 TSTInfo', en: 'Encapsulated content type is id-ct-TSTInfo' },
    failed: { zh: '封装内容类型不是 TSTInfo，不是时间戳令牌', en: 'Encapsulated content type is not id-ct-TSTInfo: not a time-stamp token' },
    subIndication: 'FORMAT_FAILURE',
  },
  signingCertificate: {
    id: 'tsp.token.signing-certificate',
    passed: { zh: '令牌含有与时间戳服务证书一致的 ESS 签名证书属性', en: 'Token carries an ESS signing certificate attribute matching the TSA certificate' },
    failed: { zh: '令牌缺少 ESS 签名证书属性或其与时间戳服务证书不一致', en: 'ESS signing certificate attribute is missing or does not match the TSA certificate' },
    indeterminate: {
      zh: '令牌缺少 ESS 签名证书属性或其与时间戳服务证书不一致（RFC 3161 要求该属性）',
      en: 'ESS signing certificate attribute is missing or does not match the TSA certificate (RFC 3161 requires it)',
    },
    subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
    indeterminateSubIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
  },
  messageImprint: {
    id: 'tsp.message-imprint',
    passed: { zh: '时间戳的消息摘要与被加盖时间戳的数据一致', en: 'Message imprint matches the time-stamped data' },
    failed: { zh: '时间戳的消息摘要与被加盖时间戳的数据不一致（数据已被修改）', en: 'Message imprint does not match the time-stamped data (data modified)' },
    indeterminate: { zh: '未提供被加盖时间戳的数据，无法比对消息摘要', en: 'Time-stamped data not supplied: the message imprint cannot be compared' },
    subIndication: 'HASH_FAILURE',
    indeterminateSubIndication: 'SIGNED_DATA_NOT_FOUND',
  },
  imprintAlgorithm: {
    id: 'tsp.message-imprint.algorithm',
    passed: { zh: '消息摘要算法符合要求', en: 'Message imprint hash algorithm is acceptable' },
    failed: { zh: '消息摘要算法强度不足，被策略拒绝', en: 'Message imprint hash algorithm is weak and refused by the policy' },
    warning: { zh: '消息摘要算法强度不足', en: 'Message imprint hash algorithm is weak' },
    indeterminate: { zh: '消息摘要算法不受支持', en: 'Message imprint hash algorithm is not supported' },
    subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
    indeterminateSubIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
  },
  tsaExtKeyUsage: {
    id: 'tsp.tsa.ext-key-usage',
    passed: { zh: '时间戳服务证书含有关键的时间戳扩展密钥用法', en: 'TSA certificate has the critical timeStamping extended key usage' },
    failed: { zh: '时间戳服务证书缺少时间戳扩展密钥用法（timeStamping）', en: 'TSA certificate lacks the timeStamping extended key usage' },
    warning: {
      zh: '时间戳服务证书的扩展密钥用法应为唯一且关键的 timeStamping',
      en: 'TSA certificate extended key usage should be timeStamping only, marked critical',
    },
    indeterminate: { zh: '未找到时间戳服务证书，无法检查其用途', en: 'No TSA certificate: its purpose cannot be checked' },
    subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
    indeterminateSubIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
  },
  genTimeInValidity: {
    id: 'tsp.gen-time.certificate-validity',
    passed: { zh: '时间戳时间在时间戳服务证书有效期内', en: 'Time-stamp time is within the TSA certificate validity period' },
    failed: { zh: '时间戳时间不在时间戳服务证书有效期内', en: 'Time-stamp time is outside the TSA certificate validity period' },
    indeterminate: { zh: '未找到时间戳服务证书，无法比对时间', en: 'No TSA certificate: the time cannot be compared with its validity' },
    subIndication: 'EXPIRED',
    indeterminateSubIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
  },
  nonce: {
    id: 'tsp.nonce',
    passed: { zh: '时间戳的随机数与请求一致', en: 'Time-stamp nonce matches the request' },
    failed: { zh: '时间戳的随机数与请求不一致（可能是重放的响应）', en: 'Time-stamp nonce does not match the request (possibly a replayed response)' },
    skipped: { zh: '未要求比对随机数', en: 'No nonce to compare' },
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
  },
  tsaName: {
    id: 'tsp.tsa-name',
    passed: { zh: '令牌中的时间戳服务名称与其证书一致', en: 'TSA name in the token matches its certificate' },
    failed: { zh: '令牌中的时间戳服务名称与其证书不一致', en: 'TSA name in the token does not match its certificate' },
    warning: { zh: '令牌中的时间戳服务名称与其证书主体不一致', en: 'TSA name in the token differs from its certificate subject' },
    skipped: { zh: '令牌未写明时间戳服务名称', en: 'Token does not name the TSA' },
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
  },
});
