// Licence status lists: W3C Bitstring Status List credentials (2 bits per licence) signed as compact JWS.
export { STATUS_MESSAGES, STATUS_SIZE, STATUS_VALUE, statusOfValue, type BitstringStatusList, type LicenseStatus, type StatusListCredential } from './types.js';
export { createBitstring, entryCount, readStatusEntry, writeStatusEntry } from './bitstring.js';
export { encodeBitstring } from './encode-bitstring.js';
export { decodeBitstring, type DecodeBitstringOptions } from './decode-bitstring.js';
export { createStatusList, issuerCodeOfListId, statusListPayload, type CreateStatusListOptions } from './create-status-list.js';
export { checkStatus, type CheckStatusOptions, type CheckStatusResult } from './check-status.js';
export { readStatusListPayload, statusListShape, type StatusListInfo } from './parse-status-list.js';
export { STATUS_CHECKS } from './checks.js';
export * as statusListLimits from './limits.js';
