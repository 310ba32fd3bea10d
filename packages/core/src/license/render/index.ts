// Licence documents, issuing side: the page as a draw list (layout per licence type, as data) and the unsigned
// licence PDF. Nothing here loads pdf-lib, the font or the wasm subsetter until it is called. See README.md.
export type { DrawImage, DrawItem, DrawLine, DrawRect, DrawText, LicensePage, Rgb } from './draw-list.js';
export { DEFAULT_LAYOUT, displayValue, fieldLabel, layoutLicense, PAGE, resolveLayout, type LayoutOptions, type ResolvedLayout } from './layout.js';
export { qrModules, QR_MIN_MODULE_MM } from './qr-modules.js';
export { checkPage, drawLicensePage, PAGE_LIMITS, type DrawnPage } from './pdf-page.js';
export { CREDENTIAL_MEDIA_TYPE, renderLicensePdf, type RenderLicensePdfOptions } from './render-pdf.js';
export { licenseXmp, type LicenseXmpFields } from './xmp.js';
