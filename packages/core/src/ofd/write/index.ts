export { writeOfd } from './write-ofd.js';
export { OFD_WRITE_LIMITS } from './limits.js';
export {
  renderLicenseOfd,
  licenseOfdInput,
  LICENSE_CREDENTIAL_ATTACHMENT,
  LICENSE_IDENTIFIER_CUSTOM_DATA,
  type RenderLicenseOfdOptions,
} from './render-license.js';
export { sealLicenseOfd, sealLicenseOfdAsync, type SealLicenseOfdOptions, type SealLicenseOfdAsyncOptions } from './seal-license.js';
export type {
  OfdWriteInput,
  OfdDocInfoInput,
  OfdFontInput,
  OfdPageInput,
  OfdObjectInput,
  OfdTextInput,
  OfdLineInput,
  OfdRectInput,
  OfdImageInput,
  OfdAttachmentInput,
  OfdRgb,
} from './types.js';
