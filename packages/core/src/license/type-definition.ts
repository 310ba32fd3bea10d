// Licence types are data: one JSON definition per type (see types/*.json and README.md), validated with this schema.
// A definition names the type (code, names, aliases), the holder code type, the surface fields (label, kind,
// required or optional; array order = display order) and a complete example record.
import type { z } from 'zod';
import { lazySchema, zod } from './lazy-zod.js';
import { isPlainData, licenseRecordSchema, plainKeys, quickRecord } from './model.js';

export const TYPE_LIMITS = { maxFields: 100, maxAliases: 20, maxValues: 200, maxDefinitionBytes: 256 * 1024, maxFiles: 500 } as const;

const message = () => zod().strictObject({ zh: zod().string().min(1).max(200), en: zod().string().min(1).max(200) });

/** text: a non-empty string; date: YYYY-MM-DD; money: a non-negative decimal amount in `unit`; code: no white space. */
export const SURFACE_FIELD_KINDS = ['text', 'date', 'money', 'code'] as const;
export type SurfaceFieldKind = (typeof SURFACE_FIELD_KINDS)[number];

export const surfaceFieldSchema = lazySchema(() => {
  const z = zod();
  return z
    .strictObject({
      /** The key in record.surface. */
      key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
      label: message(),
      kind: z.enum(SURFACE_FIELD_KINDS),
      required: z.boolean(),
      /** money: the unit of the amount, e.g. 万元. */
      unit: z.string().min(1).max(20).optional(),
      /** code: check it as this kind of code (check characters included). */
      codeKind: z.enum(['uscc', 'id', 'license']).optional(),
      /** text: the only values allowed. */
      values: z.array(z.string().min(1).max(200)).min(1).max(TYPE_LIMITS.maxValues).optional(),
      /** text and code: longest value (default 4096). */
      maxLength: z.number().int().min(1).max(4096).optional(),
    })
    .refine((f) => f.unit === undefined || f.kind === 'money', { message: 'unit applies to money fields only' })
    .refine((f) => f.codeKind === undefined || f.kind === 'code', { message: 'codeKind applies to code fields only' })
    .refine((f) => f.values === undefined || f.kind === 'text', { message: 'values apply to text fields only' });
});

export type SurfaceField = z.output<typeof surfaceFieldSchema>;

/** QR code corners the page layout offers. */
export const LAYOUT_QR_POSITIONS = ['top-right', 'top-left', 'bottom-left', 'bottom-right'] as const;
/**
 * What a layout can name: the body rows (holder name and code, `validity`, `surface.<key>`) and the other printed
 * fields whose label it may change.
 */
export const LAYOUT_BODY_REFS = ['certificateHolder', 'certificateHolderCode', 'validity'] as const;
export const LAYOUT_LABEL_REFS = [...LAYOUT_BODY_REFS, 'certificateNumber', 'issueDept', 'issueDate', 'certificateIdentifier'] as const;
const SURFACE_REF = /^surface\.[A-Za-z][A-Za-z0-9_]{0,63}$/;
const isLabelRef = (r: string): boolean => (LAYOUT_LABEL_REFS as readonly string[]).includes(r) || SURFACE_REF.test(r);
const isBodyRef = (r: string): boolean => (LAYOUT_BODY_REFS as readonly string[]).includes(r) || SURFACE_REF.test(r);

/**
 * The printed page of a licence type (A4 portrait; see license/render/layout.ts). Every property is optional: an
 * absent one takes the default, and a type without `layout` gets the default page.
 */
export const licenseLayoutSchema = lazySchema(() => {
  const z = zod();
  const unit = z.number().min(0).max(1);
  return z.strictObject({
    /** Title (the type name) size; shrunk to fit the width. Default 26. */
    titleSizePt: z.number().min(12).max(48).optional(),
    /** Label and value size; shrunk (to 7 pt at least) when the fields do not fit the page. Default 11. */
    bodySizePt: z.number().min(7).max(16).optional(),
    /** Colour of the title, the frame and the rules, RGB 0..1. Default a dark red. */
    accent: z.tuple([unit, unit, unit]).optional(),
    /** Frame around the page. Default double. */
    border: z.enum(['none', 'single', 'double']).optional(),
    /** Print the English type name under the title. Default true. */
    subtitleEn: z.boolean().optional(),
    /** Labels printed instead of the defaults (e.g. certificateHolder → 名称), by field. */
    labels: z
      .record(z.string().refine(isLabelRef, { message: 'not a field a layout can label' }), z.string().min(1).max(40))
      .refine((r) => Object.keys(r).length <= 100, { message: 'at most 100 labels' })
      .optional(),
    /** Body rows drawn at half width, two side by side when consecutive. */
    halfWidth: z
      .array(z.string().refine(isBodyRef, { message: 'not a body row (certificateHolder, certificateHolderCode, validity, surface.<key>)' }))
      .max(TYPE_LIMITS.maxFields + 3)
      .optional(),
    qr: z.strictObject({ position: z.enum(LAYOUT_QR_POSITIONS).optional(), sizeMm: z.number().min(20).max(60).optional() }).optional(),
    /** Seal size (the seal is centred on the issuer's name and date). Default 42 mm. */
    seal: z.strictObject({ sizeMm: z.number().min(20).max(60).optional() }).optional(),
  });
});

export type LicenseLayout = z.output<typeof licenseLayoutSchema>;

export const licenseTypeSchema = lazySchema(() => {
  const z = zod();
  return z
    .strictObject({
      $schema: z.string().max(200).optional(),
      /** certificateTypeCode: usually the defining body's 18-character USCC and 3 digits. */
      code: z.string().regex(/^[0-9A-Z]{1,64}$/),
      /** The Chinese name (certificateType), e.g. 营业执照. */
      name: z.string().min(1).max(100),
      nameEn: z.string().min(1).max(200),
      /** Short names for the command line, e.g. business-licence. */
      aliases: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)).max(TYPE_LIMITS.maxAliases).default([]),
      /** certificateHolderType of every licence of this type. */
      holderType: z.string().regex(/^\d{3}$/),
      /** Where the code and fields come from (free text), e.g. that a code is invented. */
      source: z.string().max(1000).optional(),
      fields: z.array(surfaceFieldSchema).max(TYPE_LIMITS.maxFields),
      /** A complete record of this type whose codes are all valid (checked when the definition is added). */
      example: licenseRecordSchema,
      /** How the licence is printed; absent: the default page. */
      layout: licenseLayoutSchema.optional(),
    })
    .refine((d) => new Set(d.fields.map((f) => f.key)).size === d.fields.length, { message: 'field keys must be unique', path: ['fields'] })
    .refine(
      (d) => {
        const keys = new Set(d.fields.map((f) => `surface.${f.key}`));
        const refs = [...Object.keys(d.layout?.labels ?? {}), ...(d.layout?.halfWidth ?? [])];
        return refs.every((r) => !r.startsWith('surface.') || keys.has(r));
      },
      { message: 'the layout names a surface field the type does not define', path: ['layout'] },
    );
});

/** A validated licence type definition. */
export type LicenseType = z.output<typeof licenseTypeSchema>;
export type LicenseTypeInput = z.input<typeof licenseTypeSchema>;

// ---- A definition read without zod ----
// As quickRecord() (model.ts) for records: the registry reads the shipped definitions in every process that looks a
// licence type up (each `heyan verify` of a licence), and zod would cost ≈ 100 ms of it. quickLicenseType() accepts
// exactly the plain definitions licenseTypeSchema accepts and returns the same value (type-definition.test.ts);
// anything else goes to zod, whose messages name the problems.

type Plain = Record<string, unknown>;
/** Unset, to be left out of the output (`skip`), or not accepted here (`undefined`). */
const SKIP = Symbol('skip');

/** zod's strictObject key check: every enumerable key (for...in, as zod) is one of `keys`. */
function strictPlain(o: unknown, keys: ReadonlySet<string>): o is Plain {
  if (!isPlainData(o)) return false;
  for (const k in o) if (!keys.has(k)) return false;
  return true;
}

/**
 * An optional property as zod's optional(): absent (not even inherited) → left out; present and undefined → kept as
 * undefined; otherwise `read` decides (undefined: not accepted).
 */
function optional<T>(o: Plain, k: string, read: (v: unknown) => T | undefined): T | undefined | typeof SKIP | null {
  if (!Object.hasOwn(o, k)) return k in o ? null : SKIP;
  const v = o[k];
  if (v === undefined) return undefined;
  const r = read(v);
  return r === undefined ? null : r;
}

/** Set out[k] from optional(); false when not accepted. */
function setOptional<T>(out: Plain, o: Plain, k: string, read: (v: unknown) => T | undefined): boolean {
  const r = optional(o, k, read);
  if (r === null) return false;
  if (r !== SKIP) out[k] = r;
  return true;
}

const str = (min: number, max: number, re?: RegExp) => (v: unknown): string | undefined =>
  typeof v === 'string' && v.length >= min && v.length <= max && (!re || re.test(v)) ? v : undefined;
const num = (min: number, max: number, int = false) => (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!int || Number.isSafeInteger(v)) ? v : undefined;
const oneOf = <T extends string>(values: readonly T[]) => (v: unknown): T | undefined => (values.includes(v as T) ? (v as T) : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
function array<T>(v: unknown, min: number, max: number, item: (x: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(v) || v.length < min || v.length > max) return undefined;
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) {
    const x = item(v[i]);
    if (x === undefined) return undefined;
    out.push(x);
  }
  return out;
}

const MESSAGE_KEYS = new Set(['zh', 'en']);
function quickMessage(v: unknown): { zh: string; en: string } | undefined {
  if (!strictPlain(v, MESSAGE_KEYS) || !Object.hasOwn(v, 'zh') || !Object.hasOwn(v, 'en')) return undefined;
  const zh = str(1, 200)(v.zh);
  const en = str(1, 200)(v.en);
  return zh !== undefined && en !== undefined ? { zh, en } : undefined;
}

/** Required properties, in shape order: out[k] = read(o[k]); false when one is absent or not accepted. */
function setRequired(out: Plain, o: Plain, fields: [string, (v: unknown) => unknown][]): boolean {
  for (const [k, read] of fields) {
    if (!Object.hasOwn(o, k)) return false;
    const r = read(o[k]);
    if (r === undefined) return false;
    out[k] = r;
  }
  return true;
}

const FIELD_KEYS = new Set(['key', 'label', 'kind', 'required', 'unit', 'codeKind', 'values', 'maxLength']);
function quickField(v: unknown): SurfaceField | undefined {
  if (!strictPlain(v, FIELD_KEYS)) return undefined;
  const out: Plain = {};
  const ok =
    setRequired(out, v, [
      ['key', str(0, Infinity, /^[A-Za-z][A-Za-z0-9_]{0,63}$/)],
      ['label', quickMessage],
      ['kind', oneOf(SURFACE_FIELD_KINDS)],
      ['required', bool],
    ]) &&
    setOptional(out, v, 'unit', str(1, 20)) &&
    setOptional(out, v, 'codeKind', oneOf(['uscc', 'id', 'license'] as const)) &&
    setOptional(out, v, 'values', (x) => array(x, 1, TYPE_LIMITS.maxValues, str(1, 200))) &&
    setOptional(out, v, 'maxLength', num(1, 4096, true));
  if (!ok) return undefined;
  const f = out as SurfaceField;
  if ((f.unit !== undefined && f.kind !== 'money') || (f.codeKind !== undefined && f.kind !== 'code') || (f.values !== undefined && f.kind !== 'text')) return undefined;
  return f;
}

function quickLabels(v: unknown): Record<string, string> | undefined {
  const keys = plainKeys(v);
  if (!keys || keys.length > 100) return undefined;
  const out: Record<string, string> = {};
  for (const k of keys) {
    const x = str(1, 40)((v as Plain)[k]);
    if (!isLabelRef(k) || x === undefined) return undefined;
    out[k] = x;
  }
  return out;
}

const LAYOUT_KEYS = new Set(['titleSizePt', 'bodySizePt', 'accent', 'border', 'subtitleEn', 'labels', 'halfWidth', 'qr', 'seal']);
const QR_KEYS = new Set(['position', 'sizeMm']);
const SEAL_KEYS = new Set(['sizeMm']);
function quickLayout(v: unknown): LicenseLayout | undefined {
  if (!strictPlain(v, LAYOUT_KEYS)) return undefined;
  const out: Plain = {};
  const ok =
    setOptional(out, v, 'titleSizePt', num(12, 48)) &&
    setOptional(out, v, 'bodySizePt', num(7, 16)) &&
    setOptional(out, v, 'accent', (x) => (Array.isArray(x) && x.length === 3 ? array(x, 3, 3, num(0, 1)) : undefined)) &&
    setOptional(out, v, 'border', oneOf(['none', 'single', 'double'] as const)) &&
    setOptional(out, v, 'subtitleEn', bool) &&
    setOptional(out, v, 'labels', quickLabels) &&
    setOptional(out, v, 'halfWidth', (x) => array(x, 0, TYPE_LIMITS.maxFields + 3, (r) => (typeof r === 'string' && isBodyRef(r) ? r : undefined))) &&
    setOptional(out, v, 'qr', (x) => {
      if (!strictPlain(x, QR_KEYS)) return undefined;
      const qr: Plain = {};
      return setOptional(qr, x, 'position', oneOf(LAYOUT_QR_POSITIONS)) && setOptional(qr, x, 'sizeMm', num(20, 60)) ? qr : undefined;
    }) &&
    setOptional(out, v, 'seal', (x) => {
      if (!strictPlain(x, SEAL_KEYS)) return undefined;
      const seal: Plain = {};
      return setOptional(seal, x, 'sizeMm', num(20, 60)) ? seal : undefined;
    });
  return ok ? (out as LicenseLayout) : undefined;
}

const TYPE_KEYS = new Set(['$schema', 'code', 'name', 'nameEn', 'aliases', 'holderType', 'source', 'fields', 'example', 'layout']);
const ALIAS = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** licenseTypeSchema's result for a plain definition it accepts, or undefined: not accepted here, ask zod. */
export function quickLicenseType(def: unknown): LicenseType | undefined {
  if (!strictPlain(def, TYPE_KEYS)) return undefined;
  const out: Plain = {};
  if (!setOptional(out, def, '$schema', str(0, 200))) return undefined;
  if (!setRequired(out, def, [['code', str(0, Infinity, /^[0-9A-Z]{1,64}$/)], ['name', str(1, 100)], ['nameEn', str(1, 200)]])) return undefined;
  // aliases: .default([]) — absent or undefined gives [].
  if (!Object.hasOwn(def, 'aliases') && 'aliases' in def) return undefined;
  const aliases = def.aliases === undefined ? [] : array(def.aliases, 0, TYPE_LIMITS.maxAliases, str(0, Infinity, ALIAS));
  if (!aliases) return undefined;
  out.aliases = aliases;
  if (!setRequired(out, def, [['holderType', str(0, Infinity, /^\d{3}$/)]])) return undefined;
  if (!setOptional(out, def, 'source', str(0, 1000))) return undefined;
  if (!setRequired(out, def, [['fields', (x) => array(x, 0, TYPE_LIMITS.maxFields, quickField)], ['example', quickRecord]])) return undefined;
  if (!setOptional(out, def, 'layout', quickLayout)) return undefined;
  const t = out as LicenseType;
  if (new Set(t.fields.map((f) => f.key)).size !== t.fields.length) return undefined;
  const keys = new Set(t.fields.map((f) => `surface.${f.key}`));
  const refs = [...Object.keys(t.layout?.labels ?? {}), ...(t.layout?.halfWidth ?? [])];
  return refs.every((r) => !r.startsWith('surface.') || keys.has(r)) ? t : undefined;
}
