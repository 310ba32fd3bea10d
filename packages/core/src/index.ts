// @heyan/core: thin re-exports of every module's index. See README.md for a tour.
export const version = '0.1.0';
export * from './errors.js';
export * from './crypto/index.js';
export * from './pki/index.js';
export * from './cms/index.js';
export * from './tsp/index.js';
export * from './report/index.js';
export * from './ofd/index.js';
export * from './verify/index.js';
export * from './seal/index.js';
export * from './license/index.js';
export * from './credential/index.js';
export * from './status/index.js';
export * from './registry/index.js';
export * from './trust/index.js';
export { verify, DEFAULT_MAX_INPUT_BYTES, type VerifyOptions } from './verify.js';
export * from './pki/pkcs12.js';
export * from './pdf/index.js';
