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
