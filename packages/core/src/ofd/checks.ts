// Check catalogue of OFD package reading and OFD signature verification. Ids are stable API: never rename one.
// Seal and SES_Signature checks are `seal.*` (from seal/), CMS ones `cms.*`, certificate paths `pki.*`.
import { defineChecks } from '../report/check.js';

export const OFD_CHECKS = defineChecks({
  // ---- the package ----
  package: {
    id: 'ofd.package',
    passed: { zh: 'OFD 压缩包结构正确且在限制之内', en: 'OFD ZIP package is well formed and within the limits' },
    failed: { zh: 'OFD 压缩包损坏、不安全或超出限制', en: 'OFD ZIP package is damaged, unsafe or over the limits' },
    warning: { zh: 'OFD 压缩包有非标准之处（已容忍）', en: 'OFD ZIP package has non-standard parts (tolerated)' },
    subIndication: 'FORMAT_FAILURE',
  },
  structure: {
    id: 'ofd.structure',
    passed: { zh: 'OFD 文档结构（OFD.xml、文档根节点）正确', en: 'OFD document structure (OFD.xml, document roots) is well formed' },
    failed: { zh: 'OFD 文档结构错误', en: 'OFD document structure is malformed' },
    warning: { zh: 'OFD 文档结构有缺失或无法解析的部分', en: 'Parts of the OFD document structure are missing or unreadable' },
    subIndication: 'FORMAT_FAILURE',
  },
  signed: {
    id: 'ofd.signatures.present',
    passed: { zh: 'OFD 文档含有签名', en: 'The OFD document is signed' },
    failed: { zh: 'OFD 文档不含任何签名或签章', en: 'The OFD document holds no signature or seal' },
    subIndication: 'FORMAT_FAILURE',
  },
  signatureList: {
    id: 'ofd.signatures.list',
    passed: { zh: '签名列表文件（Signatures.xml）可读取', en: 'Signature list (Signatures.xml) can be read' },
    failed: { zh: '签名列表文件（Signatures.xml）缺失或无法解析', en: 'Signature list (Signatures.xml) is missing or cannot be parsed' },
    subIndication: 'FORMAT_FAILURE',
  },
  coverage: {
    id: 'ofd.coverage',
    passed: { zh: '所有承载内容的文件都受签名保护', en: 'Every content-bearing file is protected by a signature' },
    failed: { zh: '有承载内容的文件不受任何签名保护（签署后被添加或替换）', en: 'Content-bearing files are protected by no signature (added or swapped after signing)' },
    subIndication: 'FORMAT_FAILURE',
  },
  coverageExtras: {
    id: 'ofd.coverage.extras',
    passed: { zh: '包内没有未受保护的附加文件', en: 'The package holds no unprotected extra files' },
    failed: { zh: '包内有不受签名保护的附加文件（非文档内容）', en: 'The package holds extra files no signature protects (not document content)' },
    warning: { zh: '包内有不受签名保护的附加文件（非文档内容，如厂商文件）', en: 'The package holds extra files no signature protects (not document content, e.g. vendor files)' },
  },
  wholeProtected: {
    id: 'ofd.whole-protected',
    passed: { zh: '签名保护了签名列表（整体保护模式：文档已锁定，不得再添加签名）', en: 'A signature protects the signature list (whole-document mode: no further signature may be added)' },
    failed: { zh: '在整体保护（锁定）的签名之后又添加了签名', en: 'A signature was added after one that locked the whole document' },
    skipped: { zh: '没有签名锁定整个文档（允许继续签名）', en: 'No signature locks the whole document (further signatures allowed)' },
    subIndication: 'FORMAT_FAILURE',
  },

  signaturesRemoved: {
    id: 'ofd.signatures.removed',
    passed: { zh: '签名列表中没有被删除的签名', en: 'No signature was removed from the signature list' },
    failed: {
      zh: '签名列表中的签名被删除：其后的签名所保护的签名文件已不在签名列表中',
      en: 'A signature was removed from the signature list: a later signature protects signature files the list no longer names',
    },
    subIndication: 'HASH_FAILURE',
  },
  signaturesUnique: {
    id: 'ofd.signatures.unique',
    passed: { zh: '签名列表中每个签名只出现一次', en: 'Each signature appears once in the signature lists' },
    failed: { zh: '签名列表重复列出同一签名（相同的签名文件或签名 ID）', en: 'The signature lists name a signature twice (the same Signature.xml or the same ID)' },
    subIndication: 'FORMAT_FAILURE',
  },

  // ---- one signature: the OFD side ----
  signatureFile: {
    id: 'ofd.signature.file',
    passed: { zh: '签名描述文件（Signature.xml）可读取', en: 'Signature description (Signature.xml) can be read' },
    failed: { zh: '签名描述文件（Signature.xml）缺失或无法解析', en: 'Signature description (Signature.xml) is missing or cannot be parsed' },
    subIndication: 'FORMAT_FAILURE',
  },
  signatureType: {
    id: 'ofd.signature.type',
    passed: { zh: '签名类型受支持（Seal 电子签章 / Sign 数字签名）', en: 'Signature type is supported (Seal or Sign)' },
    failed: { zh: '签名类型未知', en: 'Unknown signature type' },
    subIndication: 'FORMAT_FAILURE',
  },
  signedValue: {
    id: 'ofd.signed-value',
    passed: { zh: '签名值文件（SignedValue.dat）存在', en: 'Signature value file (SignedValue.dat) is present' },
    failed: { zh: '签名值文件（SignedValue.dat）缺失', en: 'Signature value file (SignedValue.dat) is missing' },
    subIndication: 'FORMAT_FAILURE',
  },
  referencesPresent: {
    id: 'ofd.references.present',
    passed: { zh: '签名列出了受保护的文件', en: 'The signature lists the files it protects' },
    failed: { zh: '签名未列出任何受保护的文件', en: 'The signature lists no protected file' },
    subIndication: 'FORMAT_FAILURE',
  },
  checkMethod: {
    id: 'ofd.references.check-method',
    passed: { zh: '文件摘要算法受支持', en: 'File digest algorithm is supported' },
    failed: { zh: '文件摘要算法不可接受', en: 'File digest algorithm is not acceptable' },
    warning: { zh: '文件摘要算法强度不足或未注明', en: 'File digest algorithm is weak or not stated' },
    indeterminate: { zh: '文件摘要算法未知，无法核对文件', en: 'Unknown file digest algorithm: files cannot be checked' },
    subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
    indeterminateSubIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
  },
  referenceFile: {
    id: 'ofd.reference.file',
    passed: { zh: '受保护的文件存在', en: 'Protected file is present' },
    failed: { zh: '文档被修改：受保护的文件缺失', en: 'Document modified: a protected file is missing' },
    subIndication: 'HASH_FAILURE',
  },
  referenceDigest: {
    id: 'ofd.reference.digest',
    passed: { zh: '文件摘要与签名时一致', en: 'File digest matches the signed value' },
    failed: { zh: '文档被修改：文件摘要与签名时不符', en: 'Document modified: a file digest differs from the signed value' },
    subIndication: 'HASH_FAILURE',
  },
  zPrefixedDigest: {
    id: 'ofd.nonstandard.z-prefixed-digest',
    passed: { zh: '文件摘要按标准计算', en: 'File digests are computed the standard way' },
    failed: { zh: '非标准文件摘要：SM3(Z‖文件)，Z 取自签章者公钥（dms360 写法）', en: 'Non-standard file digest: SM3(Z ‖ file) with Z from the signer key (dms360 form)' },
    warning: { zh: '非标准文件摘要：SM3(Z‖文件)，Z 取自签章者公钥（dms360 写法）', en: 'Non-standard file digest: SM3(Z ‖ file) with Z from the signer key (dms360 form)' },
  },
  sealFile: {
    id: 'ofd.seal.file',
    passed: { zh: '签章引用的印章文件（Seal.esl）存在', en: 'The seal file named by the signature (Seal.esl) is present' },
    failed: { zh: '签章引用的印章文件（Seal.esl）缺失', en: 'The seal file named by the signature (Seal.esl) is missing' },
    skipped: { zh: '签章未引用单独的印章文件', en: 'The signature names no separate seal file' },
    subIndication: 'FORMAT_FAILURE',
  },
  propertyInfo: {
    id: 'ofd.property-info',
    passed: { zh: '签章数据中的保护范围（propertyInfo）指向本签名描述文件', en: 'The signed protected range (propertyInfo) names this Signature.xml' },
    failed: { zh: '签章数据中的保护范围（propertyInfo）与本签名描述文件路径不符', en: 'The signed protected range (propertyInfo) does not name this Signature.xml' },
    warning: { zh: '签章数据中的保护范围（propertyInfo）与本签名描述文件路径不符', en: 'The signed protected range (propertyInfo) does not name this Signature.xml' },
    skipped: { zh: '签章数据无法读取，未比对保护范围', en: 'Signature data unreadable: protected range not compared' },
  },
  stampAnnot: {
    id: 'ofd.stamp-annot.page',
    passed: { zh: '签章外观（StampAnnot）指向文档中存在的页面', en: 'Stamp appearances (StampAnnot) point at pages that exist' },
    failed: { zh: '签章外观（StampAnnot）指向不存在的页面', en: 'A stamp appearance (StampAnnot) points at a page that does not exist' },
    skipped: { zh: '签名没有签章外观', en: 'The signature has no stamp appearance' },
    subIndication: 'FORMAT_FAILURE',
  },
  relative: {
    id: 'ofd.signature.relative',
    passed: { zh: '所依附的基础签名存在且验证通过', en: 'The base signature (Relative) exists and verifies' },
    failed: { zh: '所依附的基础签名不存在或验证失败', en: 'The base signature (Relative) is missing or does not verify' },
    indeterminate: { zh: '所依附的基础签名无法确定是否有效', en: 'The base signature (Relative) cannot be confirmed' },
    skipped: { zh: '签名不依附其他签名', en: 'The signature is not based on another one' },
    subIndication: 'FORMAT_FAILURE',
  },
  earlierSignatures: {
    id: 'ofd.signature.covers-earlier',
    passed: { zh: '本签名保护了此前各签名的文件', en: 'This signature protects the files of the earlier signatures' },
    failed: { zh: '本签名未保护此前签名的全部文件', en: 'This signature does not protect all files of the earlier signatures' },
    warning: { zh: '本签名未保护此前签名的全部文件', en: 'This signature does not protect all files of the earlier signatures' },
    skipped: { zh: '没有更早的签名', en: 'No earlier signature' },
  },
  signatureValue: {
    id: 'ofd.signature.value',
    passed: { zh: '签名值已检查', en: 'The signature value was checked' },
    failed: { zh: '签名值无法检查：验证过程出错', en: 'The signature value could not be checked: the verifier stopped on an error' },
    subIndication: 'FORMAT_FAILURE',
  },
  signatureTime: {
    id: 'ofd.signature.date-time',
    passed: { zh: '签名描述中的签署时间（仅供参考，不作为时间证明）', en: 'Signing time stated in Signature.xml (informational, not a proof of time)' },
    failed: { zh: '签名描述中的签署时间无法识别', en: 'Signing time in Signature.xml cannot be read' },
    warning: { zh: '签名描述中的签署时间无法识别（仅供参考）', en: 'Signing time in Signature.xml cannot be read (informational only)' },
    skipped: { zh: '签名描述未注明签署时间', en: 'Signature.xml states no signing time' },
  },

  // ---- Type=Sign ----
  signFormat: {
    id: 'ofd.sign.format',
    passed: { zh: '数字签名值格式可识别', en: 'Digital signature value format recognised' },
    failed: { zh: '数字签名值既不是 GB/T 35275 签名数据也不是 SM2 签名值', en: 'Digital signature value is neither GB/T 35275 SignedData nor a bare signature' },
    subIndication: 'FORMAT_FAILURE',
  },
  signCertificate: {
    id: 'ofd.sign.certificate',
    passed: { zh: '找到与签名值匹配的签名者证书', en: 'Signer certificate matching the signature found' },
    failed: { zh: '提供的证书都无法验证该签名值', en: 'None of the supplied certificates verifies the signature' },
    indeterminate: { zh: '签名值不含证书，且未提供签名者证书', en: 'The signature carries no certificate and none was supplied' },
    subIndication: 'SIG_CRYPTO_FAILURE',
    indeterminateSubIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
  },
  signValue: {
    id: 'ofd.sign.value',
    passed: { zh: '数字签名值验证通过（覆盖 Signature.xml）', en: 'Digital signature value over Signature.xml verifies' },
    failed: { zh: '数字签名值验证失败', en: 'Digital signature value does not verify' },
    warning: { zh: '数字签名值验证通过，但编码或算法非标准', en: 'Digital signature verifies with a non-standard encoding or algorithm' },
    indeterminate: { zh: '数字签名值无法验证', en: 'Digital signature value cannot be checked' },
    subIndication: 'SIG_CRYPTO_FAILURE',
    indeterminateSubIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
  },
});
