// Check catalogue of the verify entry point (input handling, format recognition, raw signatures).
// Ids are stable API: never rename one once released.
import { defineChecks } from '../report/check.js';

export const VERIFY_CHECKS = defineChecks({
  inputSize: {
    id: 'verify.input.size',
    passed: { zh: '输入大小在限制之内', en: 'Input size is within the limit' },
    failed: { zh: '输入超过大小限制', en: 'Input exceeds the size limit' },
    subIndication: 'FORMAT_FAILURE',
  },
  inputFormat: {
    id: 'verify.input.format',
    passed: { zh: '已识别输入格式', en: 'Input format recognised' },
    failed: { zh: '无法识别的输入格式或结构损坏', en: 'Unrecognised input format or damaged structure' },
    warning: { zh: '输入格式有非标准之处', en: 'Input format has non-standard parts' },
    subIndication: 'FORMAT_FAILURE',
  },
  inputSigned: {
    id: 'verify.input.signed',
    passed: { zh: '输入是可验证的签名对象', en: 'Input is a verifiable signed object' },
    failed: { zh: '输入不是可验证的签名对象（可用 heyan inspect 查看）', en: 'Input is not a verifiable signed object (see it with heyan inspect)' },
    subIndication: 'FORMAT_FAILURE',
  },
  internal: {
    id: 'verify.internal',
    passed: { zh: '验证过程正常完成', en: 'Verification completed normally' },
    failed: { zh: '验证过程中出错，输入无法处理', en: 'Verification stopped on an error; the input cannot be processed' },
    subIndication: 'FORMAT_FAILURE',
  },
  bundle: {
    id: 'verify.certificate.bundle',
    passed: { zh: '验证第一张证书，其余证书作为中间证书', en: 'The first certificate is validated, the others serve as intermediates' },
    failed: { zh: '证书集合中没有证书', en: 'The certificate bundle holds no certificate' },
    subIndication: 'FORMAT_FAILURE',
  },
  rawCertificate: {
    id: 'verify.raw.certificate',
    passed: { zh: '已提供签名者证书', en: 'Signer certificate supplied' },
    failed: { zh: '签名者证书无法读取', en: 'Signer certificate cannot be read' },
    indeterminate: { zh: '未提供签名者证书（用 --cert）', en: 'No signer certificate supplied (use --cert)' },
    subIndication: 'FORMAT_FAILURE',
    indeterminateSubIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
  },
  rawContent: {
    id: 'verify.raw.content',
    passed: { zh: '已提供被签名的原文', en: 'Signed content supplied' },
    failed: { zh: '未提供被签名的原文', en: 'Signed content not supplied' },
    indeterminate: { zh: '未提供被签名的原文（用 --content）', en: 'Signed content not supplied (use --content)' },
    indeterminateSubIndication: 'SIGNED_DATA_NOT_FOUND',
    subIndication: 'SIGNED_DATA_NOT_FOUND',
  },
  rawAlgorithm: {
    id: 'verify.raw.algorithm',
    passed: { zh: '签名算法由证书密钥确定且受支持', en: 'Signature algorithm derived from the certificate key is supported' },
    failed: { zh: '证书密钥与摘要算法的组合不受支持', en: 'The certificate key and digest combination is not supported' },
    warning: { zh: '签名算法强度不足', en: 'Signature algorithm is weak' },
    subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
  },
  rawSignature: {
    id: 'verify.raw.signature',
    passed: { zh: '签名值验证通过', en: 'Signature value verifies' },
    failed: { zh: '签名值验证失败', en: 'Signature value does not verify' },
    warning: { zh: '签名值验证通过，但编码不标准', en: 'Signature value verifies, but its encoding is non-standard' },
    subIndication: 'SIG_CRYPTO_FAILURE',
  },
});
