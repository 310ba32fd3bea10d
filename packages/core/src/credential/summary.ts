// The licence summary of a report (`report.license`): the fields a clerk compares with the applicant's documents,
// each with its Chinese and English label, in display order, plus the status found.
import { FIELD_LABELS, getLicenseType, RECORD_FIELDS, type LicenseRecord } from '../license/index.js';
import type { LicenseSummary, Message } from '../report/types.js';
import { chinaDateTime } from './payload.js';
import type { LicenseStatusOutcome } from './judge.js';
import type { QrClaims } from './qr/claims.js';

export interface LicenseSummaryField {
  key: string;
  label: Message;
  value: string;
}

export interface LicenseSummaryCore {
  source: 'credential' | 'qr';
  identifier: string;
  typeCode: string;
  typeName?: string;
  holder: string;
  holderCode: string;
  issuerCode: string;
  issuerName?: string;
  areaCode: string;
  validFrom: string;
  validUntil?: string;
  status: LicenseStatusOutcome['status'];
  statusSince?: string;
  statusReason?: string;
  fields: LicenseSummaryField[];
}

export type CredentialLicenseSummary = LicenseSummaryCore & LicenseSummary;

const STATUS_LABEL: Message = { zh: '证照状态', en: 'Status' };
const STATUS_TEXT: Record<LicenseStatusOutcome['status'], Message> = {
  valid: { zh: '有效', en: 'valid' },
  suspended: { zh: '暂扣（暂停使用）', en: 'suspended' },
  revoked: { zh: '吊销（撤销）', en: 'revoked' },
  unknown: { zh: '无法确定', en: 'cannot be determined' },
};

function statusField(s: LicenseStatusOutcome): LicenseSummaryField {
  const t = STATUS_TEXT[s.status];
  const extra = [s.since ? `since ${s.since}` : '', s.reason ? `reason: ${s.reason}` : ''].filter(Boolean).join(', ');
  return { key: 'status', label: STATUS_LABEL, value: `${t.zh} / ${t.en}${extra ? ` (${extra})` : ''}` };
}

function withStatus(base: Omit<LicenseSummaryCore, 'status' | 'fields'>, fields: LicenseSummaryField[], s: LicenseStatusOutcome): CredentialLicenseSummary {
  return {
    ...base,
    status: s.status,
    ...(s.since ? { statusSince: s.since } : {}),
    ...(s.reason ? { statusReason: s.reason } : {}),
    fields: [...fields, statusField(s)],
  };
}

export function summaryFromRecord(record: LicenseRecord, validFrom: Date, validUntil: Date | undefined, status: LicenseStatusOutcome): CredentialLicenseSummary {
  const fields: LicenseSummaryField[] = [];
  for (const k of RECORD_FIELDS) {
    if (k === 'surface') continue;
    const v = record[k];
    if (v !== undefined && v !== '') fields.push({ key: k, label: FIELD_LABELS[k], value: String(v) });
  }
  if (record.certificateValidateEnd === undefined) fields.push({ key: 'certificateValidateEnd', label: FIELD_LABELS.certificateValidateEnd, value: '长期 / long-term' });
  const type = getLicenseType(record.certificateTypeCode);
  for (const f of type?.fields ?? []) {
    const v = record.surface[f.key];
    if (v !== undefined && v !== '') fields.push({ key: `surface.${f.key}`, label: f.label, value: `${String(v)}${f.unit ? ` ${f.unit}` : ''}` });
  }
  const known = new Set((type?.fields ?? []).map((f) => f.key));
  for (const [k, v] of Object.entries(record.surface)) if (!known.has(k)) fields.push({ key: `surface.${k}`, label: { zh: k, en: k }, value: String(v) });
  return withStatus(
    {
      source: 'credential',
      identifier: record.certificateIdentifier,
      typeCode: record.certificateTypeCode,
      typeName: record.certificateType,
      holder: record.certificateHolder,
      holderCode: record.certificateHolderCode,
      issuerCode: record.issueDeptCode,
      issuerName: record.issueDept,
      areaCode: record.certificateAreaCode,
      validFrom: chinaDateTime(validFrom),
      ...(validUntil ? { validUntil: chinaDateTime(validUntil) } : {}),
    },
    fields,
    status,
  );
}

export function summaryFromClaims(c: QrClaims, status: LicenseStatusOutcome, issuerName?: string): CredentialLicenseSummary {
  const validFrom = chinaDateTime(new Date(c.validFrom * 1000));
  const validUntil = c.validUntil !== undefined ? chinaDateTime(new Date(c.validUntil * 1000)) : undefined;
  const typeName = getLicenseType(c.typeCode)?.name;
  const fields: LicenseSummaryField[] = [
    { key: 'certificateIdentifier', label: FIELD_LABELS.certificateIdentifier, value: c.identifier },
    { key: 'certificateTypeCode', label: FIELD_LABELS.certificateTypeCode, value: c.typeCode },
    ...(typeName ? [{ key: 'certificateType', label: FIELD_LABELS.certificateType, value: typeName }] : []),
    { key: 'certificateHolder', label: FIELD_LABELS.certificateHolder, value: c.holder },
    { key: 'certificateHolderCode', label: FIELD_LABELS.certificateHolderCode, value: c.holderCode },
    ...(issuerName ? [{ key: 'issueDept', label: FIELD_LABELS.issueDept, value: issuerName }] : []),
    { key: 'issueDeptCode', label: FIELD_LABELS.issueDeptCode, value: c.issuerCode },
    { key: 'certificateAreaCode', label: FIELD_LABELS.certificateAreaCode, value: c.areaCode },
    { key: 'certificateValidateStart', label: FIELD_LABELS.certificateValidateStart, value: validFrom.slice(0, 10) },
    { key: 'certificateValidateEnd', label: FIELD_LABELS.certificateValidateEnd, value: validUntil ? validUntil.slice(0, 10) : '长期 / long-term' },
  ];
  return withStatus(
    {
      source: 'qr',
      identifier: c.identifier,
      typeCode: c.typeCode,
      ...(typeName ? { typeName } : {}),
      holder: c.holder,
      holderCode: c.holderCode,
      issuerCode: c.issuerCode,
      ...(issuerName ? { issuerName } : {}),
      areaCode: c.areaCode,
      validFrom,
      ...(validUntil ? { validUntil } : {}),
    },
    fields,
    status,
  );
}
