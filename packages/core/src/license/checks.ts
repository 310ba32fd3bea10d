// Check catalogue of the licence model (GB/T 36903 record, GB/T 36904 identifier, GB 32100 / GB 11643 codes).
// Ids are stable API: never rename one once released. Code checks (identifier, USCC, ID number, area and type codes)
// are warnings by default and failures under the policy `codes: 'fail'` (real documents violate check characters).
import { defineChecks } from '../report/check.js';

export const LICENSE_CHECKS = defineChecks({
  schema: {
    id: 'license.record.schema',
    passed: { zh: '证照数据结构完整，必填项齐全', en: 'Licence record is well formed with every required field' },
    failed: { zh: '证照数据结构错误或缺少必填项', en: 'Licence record is malformed or lacks a required field' },
    subIndication: 'FORMAT_FAILURE',
  },
  unknownFields: {
    id: 'license.record.unknown-fields',
    passed: { zh: '证照数据没有未定义的字段', en: 'Licence record has no undefined fields' },
    failed: { zh: '证照数据含有未定义的字段（已忽略）', en: 'Licence record has undefined fields (ignored)' },
    warning: { zh: '证照数据含有未定义的字段（已忽略）', en: 'Licence record has undefined fields (ignored)' },
  },
  date: {
    id: 'license.record.date',
    passed: { zh: '日期格式正确（YYYY-MM-DD，真实日期）', en: 'Dates are well formed (YYYY-MM-DD, real calendar days)' },
    failed: { zh: '日期不是有效的 YYYY-MM-DD 日期', en: 'A date is not a valid YYYY-MM-DD date' },
    subIndication: 'FORMAT_FAILURE',
  },
  validityOrder: {
    id: 'license.validity.order',
    passed: { zh: '有效期截止日期不早于起始日期', en: 'Validity end is not before its start' },
    failed: { zh: '有效期截止日期早于起始日期', en: 'Validity end is before its start' },
    subIndication: 'FORMAT_FAILURE',
  },
  idFormat: {
    id: 'license.id.format',
    passed: { zh: '电子证照标识格式符合 GB/T 36904', en: 'E-licence identifier has the GB/T 36904 form' },
    failed: { zh: '电子证照标识格式不符合 GB/T 36904', en: 'E-licence identifier does not have the GB/T 36904 form' },
    warning: { zh: '电子证照标识格式不符合 GB/T 36904', en: 'E-licence identifier does not have the GB/T 36904 form' },
    subIndication: 'FORMAT_FAILURE',
  },
  idCheckCharacter: {
    id: 'license.id.check-character',
    passed: { zh: '电子证照标识校验位正确（ISO/IEC 7064 MOD 37,36）', en: 'E-licence identifier check character is correct (ISO/IEC 7064 MOD 37,36)' },
    failed: { zh: '电子证照标识校验位错误', en: 'E-licence identifier check character is wrong' },
    warning: { zh: '电子证照标识校验位错误', en: 'E-licence identifier check character is wrong' },
    subIndication: 'FORMAT_FAILURE',
  },
  idConsistency: {
    id: 'license.id.consistency',
    passed: { zh: '电子证照标识中的类型代码和颁发机构代码与证照数据一致', en: 'Type and issuer codes in the identifier match the record' },
    failed: { zh: '电子证照标识中的类型代码或颁发机构代码与证照数据不一致', en: 'Type or issuer code in the identifier differs from the record' },
    warning: { zh: '电子证照标识中的类型代码或颁发机构代码与证照数据不一致', en: 'Type or issuer code in the identifier differs from the record' },
    subIndication: 'FORMAT_FAILURE',
  },
  typeCode: {
    id: 'license.type.code',
    passed: { zh: '证照类型代码格式正确（统一社会信用代码加 3 位数字）', en: 'Licence type code is well formed (a USCC and 3 digits)' },
    failed: { zh: '证照类型代码格式错误', en: 'Licence type code is malformed' },
    warning: { zh: '证照类型代码格式错误', en: 'Licence type code is malformed' },
    subIndication: 'FORMAT_FAILURE',
  },
  typeKnown: {
    id: 'license.type.known',
    passed: { zh: '证照类型已登记，照面信息按该类型校验', en: 'Licence type is registered; surface fields are checked against it' },
    failed: { zh: '证照类型未登记，照面信息未校验', en: 'Licence type is not registered; surface fields are not checked' },
    warning: { zh: '证照类型未登记，照面信息未校验', en: 'Licence type is not registered; surface fields are not checked' },
  },
  holderType: {
    id: 'license.holder.type',
    passed: { zh: '持证主体代码类型与证照类型相符', en: 'Holder code type matches the licence type' },
    failed: { zh: '持证主体代码类型与证照类型不符', en: 'Holder code type does not match the licence type' },
    subIndication: 'FORMAT_FAILURE',
  },
  holderUscc: {
    id: 'license.holder.uscc',
    passed: { zh: '持证主体统一社会信用代码有效（GB 32100）', en: 'Holder unified social credit code is valid (GB 32100)' },
    failed: { zh: '持证主体统一社会信用代码无效', en: 'Holder unified social credit code is not valid' },
    warning: { zh: '持证主体统一社会信用代码无效', en: 'Holder unified social credit code is not valid' },
    subIndication: 'FORMAT_FAILURE',
  },
  holderResidentId: {
    id: 'license.holder.resident-id',
    passed: { zh: '持证主体公民身份号码有效（GB 11643）', en: 'Holder resident identity number is valid (GB 11643)' },
    failed: { zh: '持证主体公民身份号码无效', en: 'Holder resident identity number is not valid' },
    warning: { zh: '持证主体公民身份号码无效', en: 'Holder resident identity number is not valid' },
    subIndication: 'FORMAT_FAILURE',
  },
  issuerUscc: {
    id: 'license.issuer.uscc',
    passed: { zh: '颁发机构代码有效（统一社会信用代码或行政区划代码）', en: 'Issuer code is valid (a USCC or an area code)' },
    failed: { zh: '颁发机构代码无效', en: 'Issuer code is not valid' },
    warning: { zh: '颁发机构代码无效', en: 'Issuer code is not valid' },
    subIndication: 'FORMAT_FAILURE',
  },
  areaCode: {
    id: 'license.area.code',
    passed: { zh: '证照所属管辖属地编码为 6 位行政区划代码（GB/T 2260）', en: 'Area code is a 6-digit administrative-division code (GB/T 2260)' },
    failed: { zh: '证照所属管辖属地编码不是有效的行政区划代码', en: 'Area code is not a valid administrative-division code' },
    warning: { zh: '证照所属管辖属地编码不是有效的行政区划代码', en: 'Area code is not a valid administrative-division code' },
    subIndication: 'FORMAT_FAILURE',
  },
  surfaceRequired: {
    id: 'license.surface.required',
    passed: { zh: '照面信息必填项齐全', en: 'Every required surface field is present' },
    failed: { zh: '照面信息缺少必填项', en: 'A required surface field is missing' },
    subIndication: 'FORMAT_FAILURE',
  },
  surfaceKind: {
    id: 'license.surface.kind',
    passed: { zh: '照面信息各项取值符合其类型（文本、日期、金额、代码）', en: 'Surface field values fit their kinds (text, date, money, code)' },
    failed: { zh: '照面信息取值不符合其类型', en: 'A surface field value does not fit its kind' },
    subIndication: 'FORMAT_FAILURE',
  },
  surfaceCode: {
    id: 'license.surface.code',
    passed: { zh: '照面信息中的代码校验位正确', en: 'Codes among the surface fields have correct check characters' },
    failed: { zh: '照面信息中的代码无效', en: 'A code among the surface fields is not valid' },
    warning: { zh: '照面信息中的代码无效', en: 'A code among the surface fields is not valid' },
    subIndication: 'FORMAT_FAILURE',
  },
  surfaceUnknown: {
    id: 'license.surface.unknown-fields',
    passed: { zh: '照面信息没有该证照类型未定义的字段', en: 'Surface has no fields the licence type does not define' },
    failed: { zh: '照面信息含有该证照类型未定义的字段', en: 'Surface has fields the licence type does not define' },
    warning: { zh: '照面信息含有该证照类型未定义的字段', en: 'Surface has fields the licence type does not define' },
  },
});
