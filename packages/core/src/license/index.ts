// Licence model (GB/T 36903 record, licence types as data) and identifier / check-code validation. See README.md.
export * from './codes/index.js';
export { LICENSE_CHECKS } from './checks.js';
export {
  FIELD_LABELS,
  HOLDER_TYPES,
  LONG_TERM_VALUES,
  RECORD_FIELDS,
  RECORD_LIMITS,
  licenseRecordSchema,
  parseRecordShape,
  surfaceSchema,
  type LicenseRecord,
  type LicenseRecordInput,
  type ShapeProblem,
  type ShapeResult,
  type SurfaceValue,
} from './model.js';
export { checkRecord, isIsoDate, type RecordCheckOptions } from './record-checks.js';
export { parseLicenseRecord, type ParsedLicenseRecord, type ParseRecordOptions } from './parse-record.js';
export {
  licenseTypeSchema,
  surfaceFieldSchema,
  SURFACE_FIELD_KINDS,
  TYPE_LIMITS,
  type LicenseType,
  type LicenseTypeInput,
  type SurfaceField,
  type SurfaceFieldKind,
} from './type-definition.js';
export {
  defaultLicenseTypes,
  getLicenseType,
  LicenseTypeRegistry,
  loadLicenseTypes,
  parseLicenseType,
  shippedLicenseTypes,
  SHIPPED_TYPES_DIR,
} from './type-registry.js';
export { exampleRecord } from './example.js';
export { LICENSE_DOCUMENT_CHECKS } from './document/checks.js';
export { licenseLayoutSchema, LAYOUT_QR_POSITIONS, LAYOUT_BODY_REFS, LAYOUT_LABEL_REFS, type LicenseLayout } from './type-definition.js';
export { issueLicenseDocument, type IssueLicenseDocumentOptions, type IssuedLicenseDocument } from './issue-document.js';
export type { DrawImage, DrawItem, DrawLine, DrawRect, DrawText, LicensePage, Rgb } from './render/draw-list.js';
