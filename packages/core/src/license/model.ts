// The licence record: GB/T 36903 metadata field names as national and provincial platforms use them (reference A3),
// plus `surface` (照面信息), the type-specific fields. This file is the structural schema only; what the values
// mean (dates, codes, the type's surface fields) is checked in record-checks.ts, so that one bad value is one
// named check rather than a rejected record.
import type { z } from 'zod';
import { lazySchema, zod } from './lazy-zod.js';
import type { Message } from '../report/types.js';

/** Limits for hostile input. */
export const RECORD_LIMITS = {
  /** JSON text of one record. */
  maxJsonBytes: 1024 * 1024,
  maxSurfaceFields: 200,
  maxTextLength: 4096,
  maxCodeLength: 256,
  maxKeyLength: 64,
} as const;

/** 持证主体代码类型 values whose codes heyan checks. The full GB/T 36903 code list was not available. */
export const HOLDER_TYPES = {
  '001': { zh: '统一社会信用代码', en: 'unified social credit code' },
  '111': { zh: '公民身份号码', en: 'resident identity number' },
} as const satisfies Record<string, Message>;

/** Values meaning "no end date" (长期) in certificateValidateEnd; they are read as an absent end. */
export const LONG_TERM_VALUES: readonly string[] = ['', '长期', '永久', '长期有效'];

const text = (max: number = RECORD_LIMITS.maxTextLength) =>
  zod()
    .string()
    .max(max)
    .refine((s) => s.trim() !== '', { message: 'must not be empty' });
const code = () => text(RECORD_LIMITS.maxCodeLength);
// Dates are any short string here; license.record.date judges them, so a bad date is that check, not a schema error.
const date = () => zod().string().max(64);

export const surfaceSchema = lazySchema(() => {
  const z = zod();
  return z
    .record(z.string().min(1).max(RECORD_LIMITS.maxKeyLength), z.union([z.string().max(RECORD_LIMITS.maxTextLength), z.number().finite()]))
    .refine((r) => Object.keys(r).length <= RECORD_LIMITS.maxSurfaceFields, { message: `at most ${RECORD_LIMITS.maxSurfaceFields} fields` });
});

export const licenseRecordSchema = lazySchema(() => zod().object({
  /** 证照类型名称, e.g. 营业执照. */
  certificateType: text(),
  /** 证照类型代码: the defining body's USCC and 3 digits. */
  certificateTypeCode: code(),
  /** 证照名称. */
  certificateName: text(),
  /** 证照编号 (the number printed on the licence). */
  certificateNumber: code(),
  /** 电子证照标识 (GB/T 36904). */
  certificateIdentifier: code(),
  /** 持证主体. */
  certificateHolder: text(),
  /** 持证主体代码: USCC or resident ID number, by certificateHolderType. */
  certificateHolderCode: code(),
  /** 持证主体代码类型: '001' USCC, '111' resident ID, other 3-digit codes. */
  certificateHolderType: zod().string().regex(/^\d{3}$/, { message: 'three digits, e.g. 001 (USCC) or 111 (resident ID)' }),
  /** 证照颁发机构. */
  issueDept: text(),
  /** 证照颁发机构代码: the issuer's USCC (or a 6-digit area code). */
  issueDeptCode: code(),
  /** 证照颁发日期 YYYY-MM-DD. */
  issueDate: date(),
  /** 证照有效期起始日期 YYYY-MM-DD. */
  certificateValidateStart: date(),
  /** 证照有效期截止日期 YYYY-MM-DD; absent (or 长期) = long-term. */
  certificateValidateEnd: date()
    .nullish()
    .transform((v) => (v === null || v === undefined || LONG_TERM_VALUES.includes(v.trim()) ? undefined : v))
    // optional() outside the transform so the output key is optional too (a long-term record simply has none).
    .optional(),
  /** 证照所属管辖属地编码: 6-digit GB/T 2260 code. */
  certificateAreaCode: code(),
  /** 照面信息: the type's own fields (see the licence type definitions). */
  surface: surfaceSchema.default({}),
}));

export type LicenseRecord = z.output<typeof licenseRecordSchema>;
export type LicenseRecordInput = z.input<typeof licenseRecordSchema>;
export type SurfaceValue = string | number;

/** Chinese (GB/T 36903 names) and English labels of the record fields, for display. */
export const FIELD_LABELS: Readonly<Record<keyof LicenseRecord, Message>> = {
  certificateType: { zh: '证照类型名称', en: 'Licence type' },
  certificateTypeCode: { zh: '证照类型代码', en: 'Licence type code' },
  certificateName: { zh: '证照名称', en: 'Licence name' },
  certificateNumber: { zh: '证照编号', en: 'Licence number' },
  certificateIdentifier: { zh: '电子证照标识', en: 'E-licence identifier' },
  certificateHolder: { zh: '持证主体', en: 'Holder' },
  certificateHolderCode: { zh: '持证主体代码', en: 'Holder code' },
  certificateHolderType: { zh: '持证主体代码类型', en: 'Holder code type' },
  issueDept: { zh: '证照颁发机构', en: 'Issuing authority' },
  issueDeptCode: { zh: '证照颁发机构代码', en: 'Issuing authority code' },
  issueDate: { zh: '证照颁发日期', en: 'Issue date' },
  certificateValidateStart: { zh: '证照有效期起始日期', en: 'Valid from' },
  certificateValidateEnd: { zh: '证照有效期截止日期', en: 'Valid until' },
  certificateAreaCode: { zh: '证照所属管辖属地编码', en: 'Jurisdiction area code' },
  surface: { zh: '照面信息', en: 'Surface fields' },
};

/** The record's top-level field names, in display order (the schema's keys: FIELD_LABELS has every one of them). */
export const RECORD_FIELDS = Object.keys(FIELD_LABELS) as (keyof LicenseRecord)[];

/** A path from a zod issue as text, e.g. surface.registeredCapital. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.') || '(record)';
}

export interface ShapeProblem {
  /** Dotted field path, e.g. 'issueDeptCode' or 'surface.x'. */
  path: string;
  /** zod's message (English). */
  message: string;
}

export type ShapeResult = { record: LicenseRecord; unknownFields: string[] } | { problems: ShapeProblem[] };

// ---- The record read without zod ----
// Loading zod and building its schemas costs ≈ 100 ms in a fresh process (a `heyan verify` of one licence), more
// than every other licence check together. quickRecord() accepts exactly the plain records licenseRecordSchema accepts
// and returns the same value (model.test.ts compares them on generated, example and mutated records); whatever it
// does not accept, or is not plain data, goes to zod, so every problem list and message is still zod's.

/** A plain object (JSON.parse's kind): the only input the quick readers decide on. */
export function isPlainData(o: unknown): o is Record<string, unknown> {
  return typeof o === 'object' && o !== null && Object.getPrototypeOf(o) === Object.prototype;
}

/**
 * A record of string keys (zod's z.record over a string key): own enumerable string keys only, none `__proto__`
 * (zod skips that one), or undefined to leave the decision to zod.
 */
export function plainKeys(o: unknown): string[] | undefined {
  if (!isPlainData(o)) return undefined;
  const keys = Object.keys(o);
  if (Object.getOwnPropertyNames(o).length !== keys.length || Object.getOwnPropertySymbols(o).length > 0 || Object.hasOwn(o, '__proto__')) return undefined;
  return keys;
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max && v.trim() !== '';
const isShortString = (v: unknown): v is string => typeof v === 'string' && v.length <= 64;

function quickSurface(v: unknown): Record<string, SurfaceValue> | undefined {
  const keys = plainKeys(v);
  if (!keys || keys.length > RECORD_LIMITS.maxSurfaceFields) return undefined;
  const out: Record<string, SurfaceValue> = {};
  for (const k of keys) {
    const x = (v as Record<string, unknown>)[k];
    if (k.length < 1 || k.length > RECORD_LIMITS.maxKeyLength) return undefined;
    if (!((typeof x === 'string' && x.length <= RECORD_LIMITS.maxTextLength) || (typeof x === 'number' && Number.isFinite(x)))) return undefined;
    out[k] = x;
  }
  return out;
}

/** What each record field must be, as licenseRecordSchema says (text, code, holder type, date, end date, surface). */
const QUICK_KIND: Readonly<Record<keyof LicenseRecord, 'text' | 'code' | 'holderType' | 'date' | 'end' | 'surface'>> = {
  certificateType: 'text',
  certificateTypeCode: 'code',
  certificateName: 'text',
  certificateNumber: 'code',
  certificateIdentifier: 'code',
  certificateHolder: 'text',
  certificateHolderCode: 'code',
  certificateHolderType: 'holderType',
  issueDept: 'text',
  issueDeptCode: 'code',
  issueDate: 'date',
  certificateValidateStart: 'date',
  certificateValidateEnd: 'end',
  certificateAreaCode: 'code',
  surface: 'surface',
};

/**
 * licenseRecordSchema's result for a plain record it accepts (fields in the schema's order, unknown ones left out, an
 * absent surface `{}`, a long-term end undefined), or undefined: not accepted here, ask zod.
 */
export function quickRecord(input: unknown): LicenseRecord | undefined {
  if (!isPlainData(input)) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of RECORD_FIELDS) {
    const kind = QUICK_KIND[k];
    if (!Object.hasOwn(input, k)) {
      if (k in input) return undefined;
      if (kind === 'surface') out[k] = {};
      else if (kind !== 'end') return undefined;
      continue;
    }
    const v = input[k];
    switch (kind) {
      case 'text':
        if (!isText(v, RECORD_LIMITS.maxTextLength)) return undefined;
        out[k] = v;
        break;
      case 'code':
        if (!isText(v, RECORD_LIMITS.maxCodeLength)) return undefined;
        out[k] = v;
        break;
      case 'holderType':
        if (typeof v !== 'string' || !/^\d{3}$/.test(v)) return undefined;
        out[k] = v;
        break;
      case 'date':
        if (!isShortString(v)) return undefined;
        out[k] = v;
        break;
      case 'end':
        if (v !== undefined && v !== null && !isShortString(v)) return undefined;
        out[k] = v === undefined || v === null || LONG_TERM_VALUES.includes(v.trim()) ? undefined : v;
        break;
      case 'surface': {
        const surface = v === undefined ? {} : quickSurface(v);
        if (!surface) return undefined;
        out[k] = surface;
        break;
      }
    }
  }
  return out as LicenseRecord;
}

/** Structural parse: required fields present, of the right JSON types, within the limits. Never throws. */
export function parseRecordShape(input: unknown): ShapeResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { problems: [{ path: '(record)', message: 'a JSON object is expected' }] };
  const quick = quickRecord(input);
  if (quick) return { record: quick, unknownFields: unknownFieldsOf(input) };
  const r = licenseRecordSchema.safeParse(input);
  if (!r.success) return { problems: r.error.issues.slice(0, 50).map((i) => ({ path: pathText(i.path), message: i.message })) };
  return { record: r.data, unknownFields: unknownFieldsOf(input) };
}

const KNOWN_FIELDS = new Set<string>(RECORD_FIELDS);
const unknownFieldsOf = (input: object): string[] => Object.keys(input).filter((k) => !KNOWN_FIELDS.has(k)).slice(0, 50);
