// Check catalogue of the change analysis after signing. Ids are stable API: never rename one once released.
import { defineChecks } from '../../report/check.js';

export const PDF_CHANGE_CHECKS = defineChecks({
  summary: {
    id: 'pdf.changes.summary',
    passed: { zh: '已分析签名后的修改', en: 'Changes made after signing were analysed' },
    failed: { zh: '无法完整分析签名后的修改', en: 'The changes made after signing could not be analysed completely' },
    subIndication: 'FORMAT_FAILURE',
  },
  pages: {
    id: 'pdf.changes.pages',
    passed: { zh: '签名后页面数量和页面内容未改变', en: 'Page count and page content are unchanged since signing' },
    failed: { zh: '签名后页面被添加、删除、重排或页面内容被修改', en: 'Pages were added, removed, reordered or their content changed after signing' },
    subIndication: 'FORMAT_FAILURE',
  },
  signatureDictionary: {
    id: 'pdf.changes.signature-dictionary',
    passed: { zh: '签名字典在签名后未被改写', en: 'The signature dictionaries were not rewritten after signing' },
    failed: {
      zh: '签名后已有签名字典被改写（如 /Reason、/M 被篡改）',
      en: 'An existing signature dictionary was rewritten after signing (e.g. a spoofed /Reason or /M)',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  appearance: {
    id: 'pdf.changes.appearance',
    passed: { zh: '签名内容引用的对象和外观在签名后未被改写', en: 'Objects and appearances used by the signed content were not rewritten after signing' },
    failed: {
      zh: '签名后已签内容引用的对象或外观被改写，或隐藏内容被显露（影子攻击）',
      en: 'An object or appearance used by the signed content was rewritten, or hidden content was revealed, after signing (shadow attack)',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  annotations: {
    id: 'pdf.changes.annotations',
    passed: { zh: '签名后未添加、修改或删除注释', en: 'No annotations were added, changed or removed after signing' },
    failed: { zh: '签名后添加、修改或删除了注释，且不被允许', en: 'Annotations were added, changed or removed after signing and this is not permitted' },
    warning: { zh: '签名后添加、修改或删除了注释（被允许，请核对）', en: 'Annotations were added, changed or removed after signing (permitted; review them)' },
    subIndication: 'FORMAT_FAILURE',
  },
  formFill: {
    id: 'pdf.changes.form-fill',
    passed: { zh: '签名后未填写或修改表单域', en: 'No form fields were filled in or changed after signing' },
    failed: { zh: '签名后填写或修改了表单域，且不被允许', en: 'Form fields were filled in or changed after signing and this is not permitted' },
    warning: { zh: '签名后填写或修改了表单域（被允许，请核对）', en: 'Form fields were filled in or changed after signing (permitted; review them)' },
    subIndication: 'FORMAT_FAILURE',
  },
  unsignedField: {
    id: 'pdf.changes.unsigned-field',
    passed: { zh: '签名后未添加可见的空签名域', en: 'No visible empty signature field was added after signing' },
    failed: {
      zh: '签名后添加了可见的空签名域：其外观可以显示任意内容，却没有签名支持',
      en: 'A visible empty signature field was added after signing: its appearance can show anything and no signature backs it',
    },
    warning: {
      zh: '签名后添加了可见的空签名域（其外观没有签名支持，请核对）',
      en: 'A visible empty signature field was added after signing (no signature backs its appearance; review it)',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  // Never failed: a later signer may place a visible signature (ISO 32000), but it can cover signed content.
  visibleSignature: {
    id: 'pdf.changes.visible-signature',
    passed: { zh: '签名后添加的签名都不可见', en: 'No visible signature was added after signing' },
    failed: { zh: '签名后添加了可见签名，可能遮盖已签内容', en: 'A visible signature added after signing may cover signed content' },
    warning: { zh: '签名后添加了可见签名，可能遮盖已签内容（请核对其位置）', en: 'A visible signature added after signing may cover signed content (check where it is)' },
  },
  // Never failed: /Info and XMP may be updated after signing, but viewers show them (title bars, properties).
  metadata: {
    id: 'pdf.changes.metadata',
    passed: { zh: '签名后文档元数据未改变', en: 'The document metadata is unchanged since signing' },
    failed: { zh: '签名后文档元数据（/Info、XMP）被修改', en: 'The document metadata (/Info, XMP) was changed after signing' },
    warning: {
      zh: '签名后文档元数据（/Info、XMP）被修改，阅读器显示的标题等可能不是签名时的内容',
      en: 'The document metadata (/Info, XMP) was changed after signing: the title and properties viewers show may not be what was signed',
    },
  },
  other: {
    id: 'pdf.changes.other',
    passed: { zh: '签名后没有无法解释的修改', en: 'No unexplained changes were made after signing' },
    failed: { zh: '签名后存在无法解释或不允许的修改', en: 'Unexplained or disallowed changes were made after signing' },
    subIndication: 'FORMAT_FAILURE',
  },
  // Never failed: objects nothing reaches cannot change what is displayed; the warning lets an auditor see them.
  unreferenced: {
    id: 'pdf.changes.unreferenced',
    passed: { zh: '签名后没有添加未被引用的对象', en: 'No unreferenced objects were added after signing' },
    failed: {
      zh: '签名后添加了没有任何内容引用的对象（不影响显示内容，请核对）',
      en: 'Objects that nothing references were added after signing (they do not change what is displayed; review them)',
    },
    warning: {
      zh: '签名后添加了没有任何内容引用的对象（不影响显示内容，请核对）',
      en: 'Objects that nothing references were added after signing (they do not change what is displayed; review them)',
    },
  },
  docMdp: {
    id: 'pdf.changes.doc-mdp',
    passed: { zh: '签名后的修改符合认证签名（DocMDP）的许可', en: 'The changes after signing are within the certification (DocMDP) permissions' },
    failed: { zh: '签名后的修改超出认证签名（DocMDP）的许可', en: 'The changes after signing exceed the certification (DocMDP) permissions' },
    skipped: { zh: '文档没有认证签名（DocMDP）', en: 'The document has no certification (DocMDP) signature' },
    subIndication: 'FORMAT_FAILURE',
  },
});
