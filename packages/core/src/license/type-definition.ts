// Licence types are data: one JSON definition per type (see types/*.json and README.md), validated with this schema.
// A definition names the type (code, names, aliases), the holder code type, the surface fields (label, kind,
// required or optional; array order = display order) and a complete example record.
import type { z } from 'zod';
import { lazySchema, zod } from './lazy-zod.js';
import { licenseRecordSchema } from './model.js';

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
