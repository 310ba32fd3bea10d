// Check catalogue of seals (SESeal) and seal signatures (SES_Signature). Ids are stable API: never reword an id.
// `seal.nonstandard.*` are the tolerances: a vendor quirk that was accepted, always reported as a warning.
import { defineChecks } from '../report/check.js';

export const SEAL_CHECKS = defineChecks({
  // ---- the seal (GB/T 38540 5.1, GM/T 0031-2025) ----
  format: {
    id: 'seal.format',
    passed: { zh: '电子印章数据结构正确', en: 'Electronic seal structure is well formed' },
    failed: { zh: '电子印章数据结构错误，无法解析', en: 'Electronic seal structure is malformed and cannot be parsed' },
    subIndication: 'FORMAT_FAILURE',
  },
  makerCertificate: {
    id: 'seal.maker.certificate',
    passed: { zh: '制章者证书可读取', en: 'Seal maker certificate can be read' },
    failed: { zh: '制章者证书无法读取', en: 'Seal maker certificate cannot be read' },
    subIndication: 'FORMAT_FAILURE',
  },
  makerSignature: {
    id: 'seal.maker.signature',
    passed: { zh: '印章签名值验证通过（制章者签名）', en: 'Seal signature (by the seal maker) verifies' },
    failed: { zh: '印章签名值验证失败：印章数据被篡改或不是该制章者所签', en: 'Seal signature does not verify: the seal was altered or not signed by this maker' },
    indeterminate: { zh: '无法验证印章签名值', en: 'Seal signature cannot be checked' },
    subIndication: 'SIG_CRYPTO_FAILURE',
    indeterminateSubIndication: 'SIG_CONSTRAINTS_FAILURE',
  },
  makerValidAtCreation: {
    id: 'seal.maker.valid-at-creation',
    passed: { zh: '制章者证书在印章制作时有效', en: 'Maker certificate was valid when the seal was created' },
    failed: { zh: '制章者证书在印章制作时无效', en: 'Maker certificate was not valid when the seal was created' },
    warning: { zh: '制章者证书在印章制作时无效（GB/T 38540 未要求，按警告处理）', en: 'Maker certificate was not valid when the seal was created (not required by GB/T 38540; a warning)' },
    subIndication: 'EXPIRED',
  },
  validAtCreation: {
    id: 'seal.valid-at-creation',
    passed: { zh: '印章在制作日期处于有效期内', en: 'The seal was within its validity period at its creation date' },
    failed: { zh: '印章在制作日期不在有效期内', en: 'The seal was not within its validity period at its creation date' },
    warning: { zh: '印章制作日期不在其有效期内（GM/T 0031-2025 要求在有效期内）', en: 'The seal creation date lies outside its validity period (GM/T 0031-2025 requires it inside)' },
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
  },
  validity: {
    id: 'seal.validity',
    passed: { zh: '印章在有效期内', en: 'The seal is within its validity period' },
    failed: { zh: '印章不在有效期内', en: 'The seal is not within its validity period' },
    indeterminate: { zh: '无法确定印章在签章时是否有效（签章时间未知）', en: 'Cannot tell whether the seal was valid when used (signing time unknown)' },
    subIndication: 'EXPIRED',
    indeterminateSubIndication: 'OUT_OF_BOUNDS_NO_POE',
  },
  validityNow: {
    id: 'seal.validity.now',
    passed: { zh: '印章在验证时间仍在有效期内', en: 'The seal is still within its validity period at the validation time' },
    failed: { zh: '印章在验证时间已不在有效期内', en: 'The seal is no longer within its validity period at the validation time' },
    warning: { zh: '印章在验证时间已过期，但签章时间已由时间戳证明在有效期内', en: 'The seal has expired by the validation time, but a timestamp proves it was used within its validity period' },
    indeterminate: {
      zh: '印章在验证时间已过期，且没有时间戳证明签章时间，无法确定签章时印章是否有效',
      en: 'The seal has expired by the validation time and no timestamp proves when it was used',
    },
    subIndication: 'EXPIRED',
    indeterminateSubIndication: 'OUT_OF_BOUNDS_NO_POE',
  },
  sealTimestamp: {
    id: 'seal.timestamp',
    passed: { zh: '印章时间戳验证通过', en: 'Seal timestamp verifies' },
    failed: { zh: '印章时间戳验证失败', en: 'Seal timestamp does not verify' },
    indeterminate: { zh: '无法验证印章时间戳', en: 'Seal timestamp cannot be verified' },
    skipped: { zh: '印章不含时间戳', en: 'The seal carries no timestamp' },
    subIndication: 'SIG_CRYPTO_FAILURE',
    indeterminateSubIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
  },
  sealTimestampOrder: {
    id: 'seal.timestamp.create-date',
    passed: { zh: '印章制作日期不晚于时间戳时间', en: 'The seal creation date is not later than its timestamp' },
    failed: { zh: '印章制作日期晚于时间戳时间', en: 'The seal creation date is later than its timestamp' },
    skipped: { zh: '没有可用的印章时间戳，未比较制作日期', en: 'No usable seal timestamp; creation date not compared' },
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
  },

  // ---- the seal signature (GB/T 38540 5.2) ----
  signatureFormat: {
    id: 'seal.signature.format',
    passed: { zh: '电子签章数据结构正确', en: 'Electronic seal signature structure is well formed' },
    failed: { zh: '电子签章数据结构错误，无法解析', en: 'Electronic seal signature structure is malformed and cannot be parsed' },
    subIndication: 'FORMAT_FAILURE',
  },
  signerCertificate: {
    id: 'seal.signature.certificate',
    passed: { zh: '签章者证书可读取', en: 'Signer certificate can be read' },
    failed: { zh: '签章者证书无法读取', en: 'Signer certificate cannot be read' },
    subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
  },
  signatureValue: {
    id: 'seal.signature.value',
    passed: { zh: '签章签名值验证通过', en: 'Seal signature value verifies' },
    failed: { zh: '签章签名值验证失败：签章数据被篡改或不是该签章者所签', en: 'Seal signature value does not verify: the signed data was altered or not signed by this signer' },
    indeterminate: { zh: '无法验证签章签名值', en: 'Seal signature value cannot be checked' },
    subIndication: 'SIG_CRYPTO_FAILURE',
    indeterminateSubIndication: 'SIG_CONSTRAINTS_FAILURE',
  },
  dataHash: {
    id: 'seal.data-hash',
    passed: { zh: '原文杂凑值与签章中的 dataHash 一致', en: 'The hash of the protected data matches dataHash' },
    failed: { zh: '原文杂凑值与签章中的 dataHash 不一致：原文已被修改', en: 'The hash of the protected data does not match dataHash: the data was modified' },
    indeterminate: { zh: '未提供被保护的原文，未核对 dataHash', en: 'The protected data was not supplied; dataHash was not checked' },
    subIndication: 'HASH_FAILURE',
    indeterminateSubIndication: 'SIGNED_DATA_NOT_FOUND',
  },
  signerInCertList: {
    id: 'seal.signer.in-cert-list',
    passed: { zh: '签章者证书在印章的签章者证书列表中', en: 'The signer certificate is listed in the seal' },
    failed: { zh: '签章者证书不在印章的签章者证书列表中：该签章者无权使用此印章', en: 'The signer certificate is not listed in the seal: this signer may not use the seal' },
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
  },
  signerValidity: {
    id: 'seal.signer.validity',
    passed: { zh: '签章者证书在签章时间处于有效期内', en: 'The signer certificate was within its validity period at the signing time' },
    failed: { zh: '签章者证书在签章时间不在有效期内', en: 'The signer certificate was not within its validity period at the signing time' },
    indeterminate: { zh: '签章时间未知，无法判断签章者证书当时是否有效', en: 'Signing time unknown; cannot tell whether the signer certificate was valid then' },
    subIndication: 'EXPIRED',
    indeterminateSubIndication: 'OUT_OF_BOUNDS_NO_POE',
  },
  signatureTimestamp: {
    id: 'seal.signature.timestamp',
    passed: { zh: '签章时间戳验证通过，签章时间已证明', en: 'Signature timestamp verifies; the signing time is proven' },
    failed: { zh: '签章时间戳验证失败', en: 'Signature timestamp does not verify' },
    indeterminate: { zh: '无法验证签章时间戳', en: 'Signature timestamp cannot be verified' },
    skipped: { zh: '签章不含时间戳', en: 'The signature carries no timestamp' },
    subIndication: 'SIG_CRYPTO_FAILURE',
    indeterminateSubIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
  },
  signingTime: {
    id: 'seal.signing-time',
    passed: { zh: '签章时间', en: 'Signing time' },
    failed: { zh: '签章时间无法确定', en: 'Signing time cannot be determined' },
    warning: { zh: '签章时间无法确定，有效期按验证时间判断', en: 'Signing time cannot be determined; validity is judged at the validation time' },
  },
  sealFile: {
    id: 'seal.seal-file',
    passed: { zh: '外部印章文件（Seal.esl）与签章中的印章一致', en: 'The separate seal file (Seal.esl) equals the seal inside the signature' },
    failed: { zh: '外部印章文件（Seal.esl）与签章中的印章不一致', en: 'The separate seal file (Seal.esl) differs from the seal inside the signature' },
    skipped: { zh: '未提供外部印章文件', en: 'No separate seal file supplied' },
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
  },

  // ---- tolerances: accepted vendor quirks, reported as warnings ----
  rawSignature: {
    id: 'seal.nonstandard.raw-signature',
    passed: { zh: '签名值为标准 DER 编码', en: 'Signature value is standard DER' },
    failed: { zh: '非标准：签名值为 64 字节 r‖s，而非 DER 编码 SEQUENCE{r, s}', en: 'Non-standard: the signature value is a bare 64-byte r‖s instead of DER SEQUENCE{r, s}' },
  },
  explicitDefault: {
    id: 'seal.nonstandard.explicit-default',
    passed: { zh: 'DEFAULT 值未显式编码', en: 'DEFAULT values are not encoded' },
    failed: { zh: '非标准：显式编码了默认值 FALSE（违反 DER）', en: 'Non-standard: a DEFAULT FALSE boolean is encoded explicitly (not DER)' },
  },
  octetForBitString: {
    id: 'seal.nonstandard.octet-for-bit-string',
    passed: { zh: '位串字段类型正确', en: 'BIT STRING fields have the right type' },
    failed: { zh: '非标准：应为 BIT STRING 的字段使用了 OCTET STRING', en: 'Non-standard: an OCTET STRING where a BIT STRING is specified' },
  },
  v1TimeText: {
    id: 'seal.nonstandard.v1-time-text',
    passed: { zh: '签章时间为标准时间类型', en: 'Signing time has a standard time type' },
    failed: { zh: '非标准：v1 签章时间是 BIT STRING 中的文本', en: 'Non-standard: the v1 signing time is text inside a BIT STRING' },
  },
  timeType: {
    id: 'seal.nonstandard.time-type',
    passed: { zh: '时间字段类型正确', en: 'Time fields have the specified type' },
    failed: { zh: '非标准：时间字段的类型与规范不符（UTCTime/GeneralizedTime 混用）', en: 'Non-standard: a time field has the other time type (UTCTime/GeneralizedTime)' },
  },
  algorithmOid: {
    id: 'seal.nonstandard.algorithm-oid',
    passed: { zh: '签名算法标识为标准 OID', en: 'Signature algorithm identifier is the standard OID' },
    failed: { zh: '非标准：签名算法标识不是 SM2-with-SM3 的标准 OID 1.2.156.10197.1.501', en: 'Non-standard: the signature algorithm identifier is not the standard SM2-with-SM3 OID 1.2.156.10197.1.501' },
  },
  pictureType: {
    id: 'seal.nonstandard.picture-type',
    passed: { zh: '印章图片类型规范', en: 'Seal picture type is standard' },
    failed: { zh: '非标准：印章图片类型的写法或内容与规范不符', en: 'Non-standard: the seal picture type is spelled unusually or does not match the image data' },
  },
  headerVersion: {
    id: 'seal.nonstandard.header-version',
    passed: { zh: '头信息版本号与数据结构一致', en: 'Header version matches the structure' },
    failed: { zh: '非标准：头信息版本号与数据结构不一致（版本按结构判定）', en: 'Non-standard: the header version does not match the structure (the version is taken from the structure)' },
  },
  notDer: {
    id: 'seal.nonstandard.not-der',
    passed: { zh: '数据为 DER 编码', en: 'The data is DER' },
    failed: { zh: '非标准：数据不是严格的 DER 编码（按 BER 读取，签名按原始字节验证）', en: 'Non-standard: the data is not strict DER (read as BER; signatures are checked over the original bytes)' },
  },
  certListEntry: {
    id: 'seal.nonstandard.cert-list-entry',
    passed: { zh: '签章者证书列表条目格式正确', en: 'Signer certificate list entries are well formed' },
    failed: { zh: '非标准：签章者证书列表中有不是证书的条目', en: 'Non-standard: the signer certificate list holds an entry that is not a certificate' },
  },
  tbsVersion: {
    id: 'seal.nonstandard.tbs-version',
    passed: { zh: '签章数据版本号与印章版本一致', en: 'TBS_Sign version matches the seal version' },
    failed: { zh: '非标准：签章数据（TBS_Sign）版本号与印章版本不一致', en: 'Non-standard: the TBS_Sign version differs from the seal version' },
  },
  stringType: {
    id: 'seal.nonstandard.string-type',
    passed: { zh: '字符串字段类型正确', en: 'String fields have the specified type' },
    failed: { zh: '非标准：字符串字段使用了规范以外的字符串类型', en: 'Non-standard: a string field uses another string type than specified' },
  },
  digestSignature: {
    id: 'seal.nonstandard.digest-signature',
    passed: { zh: '签名按标准方式计算（SM3(Z‖TBS_Sign)）', en: 'The signature is computed the standard way (SM3(Z‖TBS_Sign))' },
    failed: {
      zh: '非标准：签名值只对 dataHash 计算（e = dataHash），并未覆盖 TBS_Sign 的其他内容',
      en: 'Non-standard: the signature is over dataHash alone (e = dataHash), not over the rest of TBS_Sign',
    },
  },
  dataHashAlgorithm: {
    id: 'seal.nonstandard.data-hash-algorithm',
    passed: { zh: '原文杂凑值使用签名算法规定的杂凑算法', en: 'dataHash uses the digest the signature algorithm names' },
    failed: {
      zh: '非标准：原文杂凑值（dataHash）没有使用签名算法规定的杂凑算法',
      en: 'Non-standard: dataHash is not computed with the digest the signature algorithm names',
    },
  },
  timestampEncoding: {
    id: 'seal.nonstandard.timestamp-encoding',
    passed: { zh: '时间戳字段编码规范', en: 'Timestamp field is encoded as specified' },
    failed: { zh: '非标准：时间戳字段不是 [0] EXPLICIT BIT STRING', en: 'Non-standard: the timestamp field is not [0] EXPLICIT BIT STRING' },
  },
});

export type SealCheckKey = keyof typeof SEAL_CHECKS;
