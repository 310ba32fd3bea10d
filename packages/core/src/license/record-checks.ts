// The checks of a structurally valid licence record: dates, validity order, identifier, codes, and the surface
// fields against the licence type. Returns every check run, passed ones included, in a fixed order.
import { check, withDetail, type CheckDef } from '../report/check.js';
import type { Check, CheckStatus, Message } from '../report/types.js';
import { LICENSE_CHECKS as C } from './checks.js';
import { validateLicenseId } from './codes/license-id.js';
import { validateResidentId } from './codes/resident-id.js';
import { isAreaCode, reasonMessage, WARNING_MESSAGES, type CodeResult, type CodeWarning } from './codes/result.js';
import { validateUscc } from './codes/uscc.js';
import { FIELD_LABELS, type LicenseRecord, type SurfaceValue } from './model.js';
import type { LicenseType, SurfaceField } from './type-definition.js';

export interface RecordCheckOptions {
  /** What a code problem (check character, code shape, identifier consistency) is: 'warn' (default) or 'fail'. */
  codes?: 'warn' | 'fail';
  /** "Today" for birth dates in resident ID numbers; default now. */
  now?: Date;
}

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1000;
}

const join = (parts: Message[], sepZh = '；', sepEn = '; '): Message => ({ zh: parts.map((p) => p.zh).join(sepZh), en: parts.map((p) => p.en).join(sepEn) });

/** The check for one code result: passed, or warning/failed by policy; lower case and old forms are warnings. */
function codeCheck(def: CheckDef, r: CodeResult, field: string, bad: CheckStatus, extra: Record<string, unknown> = {}): Check {
  const label = FIELD_LABELS[field as keyof LicenseRecord] ?? { zh: field, en: field };
  const warn = (ws: CodeWarning[]): Message => join(ws.map((w) => WARNING_MESSAGES[w]));
  if (!r.valid) {
    const why = r.message ?? reasonMessage(r.reason ?? 'format');
    const m = withDetail(bad === 'failed' ? def.failed : (def.warning ?? def.failed), `${label.zh}${why.zh}`, `${label.en}: ${why.en}`);
    return check(def, bad, { message: m, details: { field, reason: r.reason, ...extra } });
  }
  if (r.warnings.length > 0) {
    const w = warn(r.warnings);
    return check(def, 'warning', { message: { zh: `${def.passed.zh}（${label.zh}：${w.zh}）`, en: `${def.passed.en} (${label.en}: ${w.en})` }, details: { field, warnings: r.warnings } });
  }
  return check(def, 'passed');
}

function dateChecks(record: LicenseRecord): Check[] {
  const fields = ['issueDate', 'certificateValidateStart', 'certificateValidateEnd'] as const;
  const bad = fields.filter((f) => record[f] !== undefined && !isIsoDate(record[f]));
  const out: Check[] = [];
  if (bad.length > 0) {
    const names = join(bad.map((f) => FIELD_LABELS[f]), '、', ', ');
    out.push(check(C.date, 'failed', { message: withDetail(C.date.failed, names.zh, names.en), details: { fields: bad } }));
  } else {
    out.push(check(C.date, 'passed'));
  }
  const start = record.certificateValidateStart;
  const end = record.certificateValidateEnd;
  if (!isIsoDate(start) || (end !== undefined && !isIsoDate(end))) {
    out.push(check(C.validityOrder, 'skipped', { message: { zh: '有效期日期无效，未比较', en: 'Validity dates are not valid: not compared' } }));
  } else if (end !== undefined && end < start) {
    out.push(check(C.validityOrder, 'failed', { message: withDetail(C.validityOrder.failed, `${start} 至 ${end}`, `${start} to ${end}`), details: { start, end } }));
  } else {
    out.push(check(C.validityOrder, 'passed', end === undefined ? { message: { zh: '长期有效（无截止日期）', en: 'Long-term (no end date)' } } : {}));
  }
  return out;
}

function identifierChecks(record: LicenseRecord, bad: CheckStatus): Check[] {
  const r = validateLicenseId(record.certificateIdentifier);
  const out: Check[] = [];
  if (!r.parts) {
    out.push(codeCheck(C.idFormat, r, 'certificateIdentifier', bad));
    out.push(check(C.idCheckCharacter, 'skipped', { message: { zh: '标识格式错误，未校验', en: 'Identifier is malformed: not checked' } }));
    out.push(check(C.idConsistency, 'skipped', { message: { zh: '标识格式错误，未比对', en: 'Identifier is malformed: not compared' } }));
    return out;
  }
  out.push(codeCheck(C.idFormat, { valid: true, value: r.value, warnings: r.warnings }, 'certificateIdentifier', bad));
  out.push(r.valid ? check(C.idCheckCharacter, 'passed') : codeCheck(C.idCheckCharacter, r, 'certificateIdentifier', bad, { expected: r.expected }));
  const mismatches: Message[] = [];
  if (r.parts.typeCode !== record.certificateTypeCode.trim().toUpperCase()) mismatches.push({ zh: '类型代码与证照类型代码不同', en: 'its type code differs from the licence type code' });
  const issuer = r.parts.issuerCode;
  if (issuer !== record.issueDeptCode.trim().toUpperCase() && issuer !== record.certificateAreaCode.trim()) {
    mismatches.push({ zh: '颁发机构代码与证照颁发机构代码、属地编码均不同', en: 'its issuer code differs from both the issuer code and the area code' });
  }
  if (mismatches.length > 0) {
    const m = join(mismatches);
    out.push(check(C.idConsistency, bad, { message: withDetail(bad === 'failed' ? C.idConsistency.failed : C.idConsistency.warning!, m.zh, m.en) }));
  } else {
    out.push(check(C.idConsistency, 'passed'));
  }
  return out;
}

function typeCodeCheck(record: LicenseRecord, bad: CheckStatus): Check {
  const code = record.certificateTypeCode.trim();
  if (!/^[0-9A-Za-z]{18}\d{3}$/.test(code)) {
    const why = { zh: '应为 18 位统一社会信用代码加 3 位数字', en: 'an 18-character USCC and 3 digits expected' };
    return check(C.typeCode, bad, { message: withDetail(bad === 'failed' ? C.typeCode.failed : C.typeCode.warning!, why.zh, why.en), details: { field: 'certificateTypeCode', reason: 'format' } });
  }
  const r = validateUscc(code.slice(0, 18));
  return r.valid ? check(C.typeCode, 'passed') : codeCheck(C.typeCode, r, 'certificateTypeCode', bad, { expected18: r.expected18, expected17: r.expected17 });
}

function holderChecks(record: LicenseRecord, type: LicenseType | undefined, bad: CheckStatus, now: Date | undefined): Check[] {
  const out: Check[] = [];
  if (type) {
    out.push(
      record.certificateHolderType === type.holderType
        ? check(C.holderType, 'passed')
        : check(C.holderType, 'failed', {
            message: withDetail(C.holderType.failed, `应为 ${type.holderType}，实为 ${record.certificateHolderType}`, `${type.holderType} expected, ${record.certificateHolderType} given`),
            details: { expected: type.holderType, actual: record.certificateHolderType },
          }),
    );
  }
  if (record.certificateHolderType === '001') {
    const r = validateUscc(record.certificateHolderCode);
    out.push(codeCheck(C.holderUscc, r, 'certificateHolderCode', bad, { expected18: r.expected18, expected17: r.expected17 }));
  } else if (record.certificateHolderType === '111') {
    const r = validateResidentId(record.certificateHolderCode, now ? { now } : {});
    out.push(codeCheck(C.holderResidentId, r, 'certificateHolderCode', bad, { expected: r.expected }));
  }
  return out;
}

function issuerCheck(record: LicenseRecord, bad: CheckStatus): Check {
  const code = record.issueDeptCode.trim();
  if (/^\d{6}$/.test(code)) {
    return isAreaCode(code)
      ? check(C.issuerUscc, 'passed', { message: { zh: '颁发机构代码为行政区划代码', en: 'Issuer code is an area code' } })
      : codeCheck(C.issuerUscc, { valid: false, value: code, reason: 'format', message: reasonMessage('format', { zh: '不是行政区划代码', en: 'not an area code' }), warnings: [] }, 'issueDeptCode', bad);
  }
  const r = validateUscc(code);
  return codeCheck(C.issuerUscc, r, 'issueDeptCode', bad, { expected18: r.expected18, expected17: r.expected17 });
}

function areaCheck(record: LicenseRecord, bad: CheckStatus): Check {
  if (isAreaCode(record.certificateAreaCode)) return check(C.areaCode, 'passed');
  return check(C.areaCode, bad, { details: { field: 'certificateAreaCode' } });
}

/** Problem with one surface value, or undefined when it fits its field. */
function kindProblem(f: SurfaceField, v: SurfaceValue): Message | undefined {
  switch (f.kind) {
    case 'text':
      if (typeof v !== 'string' || v.trim() === '') return { zh: '应为非空文本', en: 'non-empty text expected' };
      if (f.maxLength !== undefined && v.length > f.maxLength) return { zh: `超过 ${f.maxLength} 字`, en: `longer than ${f.maxLength} characters` };
      if (f.values && !f.values.includes(v)) return { zh: `应为 ${f.values.join('、')} 之一`, en: `one of ${f.values.join(', ')} expected` };
      return undefined;
    case 'date':
      return isIsoDate(v) ? undefined : { zh: '应为 YYYY-MM-DD 日期', en: 'a YYYY-MM-DD date expected' };
    case 'money':
      if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? undefined : { zh: '应为非负金额', en: 'a non-negative amount expected' };
      return /^\d{1,15}(\.\d{1,6})?$/.test(v) ? undefined : { zh: `应为以${f.unit ?? '元'}计的数额，如 100 或 12.5`, en: `an amount in ${f.unit ?? '元'} expected, e.g. 100 or 12.5` };
    case 'code':
      if (typeof v !== 'string' || v === '' || /\s/.test(v)) return { zh: '应为不含空白的代码', en: 'a code without white space expected' };
      if (f.maxLength !== undefined && v.length > f.maxLength) return { zh: `超过 ${f.maxLength} 位`, en: `longer than ${f.maxLength} characters` };
      return undefined;
  }
}

function surfaceChecks(record: LicenseRecord, type: LicenseType | undefined, bad: CheckStatus, now: Date | undefined): Check[] {
  const ids = [C.surfaceRequired, C.surfaceKind, C.surfaceCode, C.surfaceUnknown];
  if (!type) return ids.map((d) => check(d, 'skipped', { message: { zh: '证照类型未登记，未校验', en: 'Licence type not registered: not checked' } }));
  const surface = record.surface;
  const label = (f: SurfaceField): Message => f.label;
  const present = (f: SurfaceField): boolean => Object.hasOwn(surface, f.key) && !(typeof surface[f.key] === 'string' && (surface[f.key] as string).trim() === '');
  const out: Check[] = [];

  const missing = type.fields.filter((f) => f.required && !present(f));
  if (missing.length > 0) {
    const m = join(missing.map(label), '、', ', ');
    out.push(check(C.surfaceRequired, 'failed', { message: withDetail(C.surfaceRequired.failed, m.zh, m.en), details: { fields: missing.map((f) => f.key) } }));
  } else out.push(check(C.surfaceRequired, 'passed'));

  const wrong: { key: string; m: Message }[] = [];
  for (const f of type.fields) {
    if (!present(f)) continue;
    const p = kindProblem(f, surface[f.key]!);
    if (p) wrong.push({ key: f.key, m: { zh: `${f.label.zh}${p.zh}`, en: `${f.label.en}: ${p.en}` } });
  }
  if (wrong.length > 0) {
    const m = join(wrong.map((w) => w.m));
    out.push(check(C.surfaceKind, 'failed', { message: withDetail(C.surfaceKind.failed, m.zh, m.en), details: { fields: wrong.map((w) => w.key) } }));
  } else out.push(check(C.surfaceKind, 'passed'));

  const codeProblems: { key: string; m: Message }[] = [];
  let codeWarnings = 0;
  for (const f of type.fields) {
    const v = surface[f.key];
    if (f.codeKind === undefined || !present(f) || typeof v !== 'string') continue;
    const r = f.codeKind === 'uscc' ? validateUscc(v) : f.codeKind === 'id' ? validateResidentId(v, now ? { now } : {}) : validateLicenseId(v);
    if (!r.valid) codeProblems.push({ key: f.key, m: { zh: `${f.label.zh}${r.message?.zh ?? ''}`, en: `${f.label.en}: ${r.message?.en ?? ''}` } });
    else if (r.warnings.length > 0) codeWarnings++;
  }
  if (codeProblems.length > 0) {
    const m = join(codeProblems.map((p) => p.m));
    out.push(check(C.surfaceCode, bad, { message: withDetail(bad === 'failed' ? C.surfaceCode.failed : C.surfaceCode.warning!, m.zh, m.en), details: { fields: codeProblems.map((p) => p.key) } }));
  } else if (codeWarnings > 0) {
    out.push(check(C.surfaceCode, 'warning', { message: { zh: `${C.surfaceCode.passed.zh}（有代码为小写或旧格式）`, en: `${C.surfaceCode.passed.en} (some in lower case or an old form)` } }));
  } else out.push(check(C.surfaceCode, 'passed'));

  const defined = new Set(type.fields.map((f) => f.key));
  const unknown = Object.keys(surface).filter((k) => !defined.has(k));
  out.push(unknown.length > 0 ? check(C.surfaceUnknown, 'warning', { message: withDetail(C.surfaceUnknown.warning!, unknown.slice(0, 20).join('、'), unknown.slice(0, 20).join(', ')), details: { fields: unknown.slice(0, 50) } }) : check(C.surfaceUnknown, 'passed'));
  return out;
}

/**
 * Every check of a record against its licence type (undefined when the type is not registered: license.type.known
 * is then a warning and the surface checks are skipped). Never throws.
 */
export function checkRecord(record: LicenseRecord, type: LicenseType | undefined, opts: RecordCheckOptions = {}): Check[] {
  const bad: CheckStatus = opts.codes === 'fail' ? 'failed' : 'warning';
  return [
    ...dateChecks(record),
    ...identifierChecks(record, bad),
    typeCodeCheck(record, bad),
    type
      ? check(C.typeKnown, 'passed', { details: { code: type.code, name: type.name } })
      : check(C.typeKnown, 'warning', { details: { code: record.certificateTypeCode } }),
    ...holderChecks(record, type, bad, opts.now),
    issuerCheck(record, bad),
    areaCheck(record, bad),
    ...surfaceChecks(record, type, bad, opts.now),
  ];
}
