// Check catalogue of the licence layer of a licence PDF / OFD (verify-document.ts). Ids are stable API: never rename
// one once released. The embedded credential's own checks (credential.*, license.*) are reported beside these.
import { defineChecks } from '../../report/check.js';

export const LICENSE_DOCUMENT_CHECKS = defineChecks({
  recognised: {
    id: 'license.document.recognised',
    passed: { zh: '识别为电子证照文件（内嵌证照凭证）', en: 'Licence document recognised (it carries a licence credential)' },
    failed: { zh: '电子证照文件的部分内容无法读取', en: 'Parts of the licence document cannot be read' },
    warning: { zh: '识别为电子证照文件，但部分内容无法读取', en: 'Licence document recognised, but parts of it cannot be read' },
  },
  credential: {
    id: 'license.document.credential',
    passed: { zh: '内嵌的证照凭证存在，签名验证通过', en: 'The embedded licence credential is present and its signature verifies' },
    failed: { zh: '内嵌的证照凭证缺失、无法读取、签名无效或属于另一证照', en: 'The embedded licence credential is missing, unreadable, its signature is invalid, or it is another licence\'s' },
    indeterminate: { zh: '内嵌证照凭证的签名者无法确认', en: 'The embedded licence credential\'s signer cannot be confirmed' },
    subIndication: 'FORMAT_FAILURE',
    indeterminateSubIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
  },
  signatures: {
    id: 'license.document.signatures',
    passed: { zh: '文件的每个签名都有效且可信', en: 'Every signature of the document is valid and trusted' },
    failed: { zh: '文件未签名，或有签名验证失败', en: 'The document is not signed, or one of its signatures failed' },
    indeterminate: { zh: '文件的签名无法完全确认（如签名者不可信）', en: 'A signature of the document cannot be fully confirmed (e.g. an untrusted signer)' },
    subIndication: 'FORMAT_FAILURE',
    indeterminateSubIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
  },
  additions: {
    id: 'license.document.additions',
    passed: { zh: '签发机构签署后，未添加任何会显示在页面上的内容（仅有文档时间戳、验证数据、不可见签名或元数据）', en: 'Nothing a viewer shows was added after the issuer signed (only document timestamps, validation data, invisible signatures or metadata)' },
    failed: { zh: '签发机构签署后，文件又添加了会显示在页面上的内容（他人的可见签名或印章、注释、表单、页面）', en: 'After the issuer signed, something a viewer shows was added to the file (another party\'s visible signature or seal, an annotation, a form field, a page)' },
    indeterminate: { zh: '无法确认签发机构签署后是否添加了会显示在页面上的内容', en: 'Whether anything a viewer shows was added after the issuer signed cannot be established' },
    skipped: { zh: '文件没有签发机构的签名，未检查签署后的添加', en: 'The document has no issuer signature: additions after signing not examined' },
    subIndication: 'FORMAT_FAILURE',
    indeterminateSubIndication: 'GENERIC',
  },
  signer: {
    id: 'license.document.signer',
    passed: { zh: '文件签名者与证照凭证签发者为同一证书（同一密钥）', en: 'The document was signed with the credential issuer\'s certificate (same key)' },
    failed: { zh: '文件签名者与证照凭证签发者不是同一密钥', en: 'The document was not signed with the credential issuer\'s key' },
    skipped: { zh: '凭证或文件签名不可读，未比较签名者', en: 'Credential or document signature unreadable: signers not compared' },
    subIndication: 'POLICY_FAILURE',
  },
  identifier: {
    id: 'license.document.identifier',
    passed: { zh: '文件元数据中的证照标识与凭证一致', en: 'The licence identifier in the document metadata matches the credential' },
    failed: { zh: '文件元数据中的证照标识缺失或与凭证不一致', en: 'The licence identifier in the document metadata is missing or differs from the credential' },
    skipped: { zh: '凭证不可读，未比较证照标识', en: 'Credential unreadable: identifier not compared' },
    subIndication: 'POLICY_FAILURE',
  },
  qr: {
    id: 'license.document.qr',
    passed: { zh: '页面上的二维码可识读，且与凭证为同一证照、同一签发证书', en: 'The QR code on the page decodes and is the same licence as the credential, signed by the same certificate' },
    failed: { zh: '页面上没有可识读的证照二维码，或二维码与凭证不是同一证照', en: 'No readable licence QR code on the page, or the QR code is not the same licence as the credential' },
    indeterminate: { zh: '页面上有图像未能识读，无法确认页面上的每个证照二维码都与凭证一致', en: 'Images on the page could not be searched: it cannot be established that every licence QR code on it is the credential\'s' },
    indeterminateSubIndication: 'GENERIC',
    skipped: { zh: '凭证不可读，未比较二维码', en: 'Credential unreadable: QR code not compared' },
    subIndication: 'POLICY_FAILURE',
  },
  text: {
    id: 'license.document.text',
    passed: { zh: '页面文字显示了凭证中的证照编号、持证主体、代码、签发机构、证照标识及全部照面信息', en: 'The page text shows the credential\'s licence number, holder, codes, issuer, identifier and every surface value' },
    failed: { zh: '页面文字缺少或不同于凭证中的信息', en: 'The page text lacks or differs from values of the credential' },
    skipped: { zh: '凭证不可读，未比较页面文字', en: 'Credential unreadable: page text not compared' },
    subIndication: 'POLICY_FAILURE',
  },
});
