// Check catalogue of the PDF signature layer. Ids are stable API: never rename one once released.
import { defineChecks } from '../report/check.js';

export const PDF_CHECKS = defineChecks({
  byteRangeFormat: {
    id: 'pdf.byte-range.format',
    passed: { zh: '/ByteRange 是四个非负整数', en: '/ByteRange is four non-negative integers' },
    failed: { zh: '/ByteRange 缺失或不是四个非负整数', en: '/ByteRange is missing or not four non-negative integers' },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeStart: {
    id: 'pdf.byte-range.start',
    passed: { zh: '/ByteRange 从文件开头开始', en: '/ByteRange starts at the beginning of the file' },
    failed: { zh: '/ByteRange 不从文件开头（偏移 0）开始', en: '/ByteRange does not start at offset 0' },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeBounds: {
    id: 'pdf.byte-range.bounds',
    passed: { zh: '/ByteRange 的两段位于文件内且互不重叠', en: 'Both /ByteRange ranges lie inside the file and do not overlap' },
    failed: { zh: '/ByteRange 的范围超出文件或相互重叠', en: '/ByteRange ranges run past the end of the file or overlap' },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeGap: {
    id: 'pdf.byte-range.gap',
    passed: {
      zh: '/ByteRange 的空隙恰好是本签名字典的 /Contents 十六进制串',
      en: 'The /ByteRange gap is exactly the /Contents hex string of this signature dictionary',
    },
    failed: {
      zh: '/ByteRange 的空隙与本签名字典的 /Contents 十六进制串不一致（可能是签名包装攻击）',
      en: 'The /ByteRange gap is not exactly the /Contents hex string of this signature dictionary (possible signature wrapping)',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeCoverage: {
    id: 'pdf.byte-range.coverage',
    passed: { zh: '签名覆盖整个文件或一个完整修订版', en: 'The signature covers the entire file or an entire revision' },
    failed: {
      zh: '签名覆盖范围不明确或未结束于修订版边界',
      en: 'The signature coverage is unclear or does not end at a revision boundary',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  contents: {
    id: 'pdf.contents.hex',
    passed: { zh: '/Contents 是有效的十六进制串', en: '/Contents is a valid hex string' },
    failed: { zh: '/Contents 缺失、为空或不是有效的十六进制串', en: '/Contents is missing, empty or not a valid hex string' },
    subIndication: 'FORMAT_FAILURE',
  },
  // --- the verifier (pdf/verify/) ---
  structure: {
    id: 'pdf.structure',
    passed: { zh: 'PDF 文件结构可读（交叉引用表与修订版链完整）', en: 'The PDF structure is readable (cross-reference sections and revision chain)' },
    failed: { zh: 'PDF 文件结构无法读取', en: 'The PDF structure cannot be read' },
    warning: { zh: 'PDF 文件结构有损坏，已按对象扫描修复读取', en: 'The PDF structure is damaged and was read by scanning for objects' },
    subIndication: 'FORMAT_FAILURE',
  },
  encrypted: {
    id: 'pdf.encrypted',
    passed: { zh: 'PDF 未加密', en: 'The PDF is not encrypted' },
    failed: { zh: 'PDF 已加密，无法验证', en: 'The PDF is encrypted and cannot be verified' },
    warning: {
      zh: 'PDF 已加密：签名的字节范围与 /Contents 不加密，签名仍可验证，但签名字典中的文字（原因、地点等）不显示，签名后修改无法分析',
      en: 'The PDF is encrypted: /ByteRange and /Contents are never encrypted so signatures are still verified, but dictionary texts (reason, location...) are not shown and changes after signing cannot be analysed',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  orphan: {
    id: 'pdf.signature.orphan',
    passed: { zh: '每个签名字典都属于一个签名域', en: 'Every signature dictionary belongs to a signature field' },
    failed: { zh: '存在不属于任何签名域的签名字典', en: 'A signature dictionary belongs to no signature field' },
    warning: {
      zh: '文件中有不属于任何签名域的签名字典（不被验证；可能是签名包装攻击留下的副本）',
      en: 'The file holds a signature dictionary that no signature field uses (not verified; possibly a copy left by a signature wrapping attack)',
    },
  },
  duplicateField: {
    id: 'pdf.field.duplicate-name',
    passed: { zh: '签名域名称互不相同', en: 'Signature field names are unique' },
    failed: { zh: '多个签名域使用同一名称', en: 'Several signature fields share one name' },
    subIndication: 'FORMAT_FAILURE',
  },
  sharedValue: {
    id: 'pdf.field.shared-value',
    passed: { zh: '每个签名域都有自己的签名值（/V）', en: 'Every signature field has a value (/V) of its own' },
    failed: {
      zh: '多个签名域共用同一个签名值（/V）（一个签名被冒充为另一个签名域的签名）',
      en: "Several signature fields share one value (/V) (one signature passed off as another field's)",
    },
    subIndication: 'FORMAT_FAILURE',
  },
  dssEvidence: {
    id: 'pdf.dss',
    passed: { zh: '文档安全存储（/DSS）中的证书与吊销信息已读取', en: 'Certificates and revocation data of the Document Security Store (/DSS) were read' },
    failed: { zh: '文档安全存储（/DSS）无法读取', en: 'The Document Security Store (/DSS) cannot be read' },
    warning: { zh: '文档安全存储（/DSS）中有无法解析的条目，已忽略', en: 'Entries of the Document Security Store (/DSS) could not be parsed and were ignored' },
    skipped: { zh: '无文档安全存储（/DSS）', en: 'No Document Security Store (/DSS)' },
  },
  subFilter: {
    id: 'pdf.signature.sub-filter',
    passed: { zh: '签名格式（/SubFilter）受支持', en: 'The signature format (/SubFilter) is supported' },
    failed: { zh: '签名格式（/SubFilter）缺失或不受支持', en: 'The signature format (/SubFilter) is missing or not supported' },
    warning: { zh: '签名格式（/SubFilter）已被 ISO 32000-2 废弃', en: 'The signature format (/SubFilter) is deprecated by ISO 32000-2' },
    subIndication: 'FORMAT_FAILURE',
  },
  dictionary: {
    id: 'pdf.signature.dictionary',
    passed: { zh: '使用中的签名字典就是被签名修订版中的签名字典', en: 'The signature dictionary in use is the one of the signed revision' },
    failed: {
      zh: '签名字典在签名后被改写（显示的原因、时间、签名人等不可信）',
      en: 'The signature dictionary was rewritten after signing (the reason, time and name shown cannot be trusted)',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  duplicateKeys: {
    id: 'pdf.signature.duplicate-keys',
    passed: { zh: '签名字典中没有重复的键', en: 'The signature dictionary repeats no key' },
    failed: {
      zh: '签名字典重复使用同一个键（不同软件会采用不同的值，可能是签名包装攻击）',
      en: 'The signature dictionary repeats a key (readers disagree on which value counts; possible signature wrapping)',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeInSigned: {
    id: 'pdf.byte-range.signed',
    passed: { zh: '使用中的 /ByteRange 本身位于被签名的字节内', en: 'The /ByteRange in use lies inside the signed bytes' },
    failed: {
      zh: '使用中的 /ByteRange 不在被签名的字节内（签名后被替换或签名包装攻击）',
      en: 'The /ByteRange in use lies outside the signed bytes (replaced after signing, or signature wrapping)',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeCollision: {
    id: 'pdf.byte-range.collision',
    passed: { zh: '与其他签名的字节范围互不冲突', en: 'The byte ranges do not collide with those of other signatures' },
    failed: {
      zh: '本签名的 /Contents 空隙与另一签名已签名的字节重叠',
      en: "This signature's /Contents gap overlaps bytes another signature signed",
    },
    subIndication: 'FORMAT_FAILURE',
  },
  cmsContainer: {
    id: 'pdf.contents.cms',
    passed: { zh: '/Contents 恰含一个 CMS 结构，其后只有零填充', en: '/Contents holds one CMS structure followed only by zero padding' },
    failed: { zh: '/Contents 不是一个 CMS 结构，或其后有非零字节', en: '/Contents is not one CMS structure, or non-zero bytes follow it' },
    subIndication: 'FORMAT_FAILURE',
  },
  signerCount: {
    id: 'pdf.cms.signer-count',
    passed: { zh: 'CMS 恰含一个签名者（SignerInfo）', en: 'The CMS holds exactly one SignerInfo' },
    failed: { zh: 'PDF 签名的 CMS 必须恰含一个签名者（SignerInfo）', en: 'The CMS of a PDF signature must hold exactly one SignerInfo' },
    subIndication: 'FORMAT_FAILURE',
  },
  sha1Digest: {
    id: 'pdf.cms.sha1-digest',
    passed: { zh: '封装的 SHA-1 摘要与被签名字节一致（adbe.pkcs7.sha1）', en: 'The encapsulated SHA-1 digest matches the signed bytes (adbe.pkcs7.sha1)' },
    failed: { zh: '封装的 SHA-1 摘要与被签名字节不一致（内容已被修改）', en: 'The encapsulated SHA-1 digest does not match the signed bytes (content modified)' },
    subIndication: 'HASH_FAILURE',
  },
  padesSigningTime: {
    id: 'pdf.pades.signing-time',
    passed: { zh: 'PAdES 签名不含 signing-time 属性（签名时间见 /M）', en: 'The PAdES signature has no signing-time attribute (the time is in /M)' },
    failed: { zh: 'PAdES 签名不应含 signing-time 属性', en: 'A PAdES signature should not carry a signing-time attribute' },
    warning: { zh: 'PAdES 签名不应含 signing-time 属性（ETSI EN 319 142-1）', en: 'A PAdES signature should not carry a signing-time attribute (ETSI EN 319 142-1)' },
  },
  signatureTimestamp: {
    id: 'pdf.timestamp.signature',
    passed: { zh: '签名时间戳有效，其时间证明签名当时已存在', en: 'The signature timestamp is valid: its time proves the signature existed then' },
    failed: { zh: '签名时间戳无效', en: 'The signature timestamp is not valid' },
    warning: {
      zh: '签名时间戳未通过验证，不作为签名时间的证明',
      en: 'The signature timestamp did not pass validation and is not used as proof of the signing time',
    },
    skipped: { zh: '无签名时间戳', en: 'No signature timestamp' },
  },
  tail: {
    id: 'pdf.revision.tail',
    passed: { zh: '被签名修订版之后的字节都是完整的增量更新', en: 'Every byte after the signed revision belongs to a complete incremental update' },
    failed: {
      zh: '被签名修订版之后有不属于任何增量更新的字节（未签名的追加内容）',
      en: 'Bytes after the signed revision belong to no incremental update (unsigned appended content)',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  revisionChain: {
    id: 'pdf.revision.chain',
    passed: { zh: '被签名修订版在最终文件的交叉引用链中', en: 'The signed revision is part of the final xref chain' },
    failed: {
      zh: '被签名修订版不在最终文件的交叉引用链（/Prev）中：阅读器看不到被签名的内容，显示的是其他内容',
      en: 'The signed revision is not in the final xref chain (/Prev): readers never see the signed content and show something else',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  revisionStructure: {
    id: 'pdf.revision.structure',
    passed: { zh: '被签名修订版之后的修订版无需修复即可读取', en: 'The revisions after the signed one are read as written, without repairs' },
    failed: {
      zh: '被签名修订版之后的修订版需要修复才能读取（其他阅读器可能显示不同内容）',
      en: 'Revisions after the signed one can only be read with repairs (other readers may show something else)',
    },
    warning: {
      zh: '被签名修订版之后的修订版需要修复才能读取（其他阅读器可能显示不同内容），请核对',
      en: 'Revisions after the signed one can only be read with repairs (other readers may show something else); review them',
    },
  },
  changesUnanalysed: {
    id: 'pdf.changes.analysis',
    passed: { zh: '已分析签名后的修改', en: 'Changes after signing were analysed' },
    failed: { zh: '签名后的修改无法分析', en: 'Changes after signing could not be analysed' },
    indeterminate: { zh: '签名后有修改，但无法分析（文件已加密或结构已修复）', en: 'The file changed after signing but the changes could not be analysed (encrypted or repaired file)' },
    skipped: { zh: '签名覆盖整个文件，签名后无修改', en: 'The signature covers the whole file: nothing changed after signing' },
    indeterminateSubIndication: 'GENERIC',
    subIndication: 'FORMAT_FAILURE',
  },
});
