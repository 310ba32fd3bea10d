export { parseOcspResponse } from './parse.js';
export { verifyOcspResponse, type VerifyOcspOptions, type VerifyOcspResult } from './verify.js';
export { ocspStatusFor, ocspMatches, ocspCovers, type OcspStatus, type OcspStatusOptions } from './status.js';
export { certIdMatches, issuerHashes } from './cert-id.js';
export { issueOcspResponse, ocspErrorResponse, type IssueOcspResponseOptions, type OcspEntryInput } from './issue-ocsp.js';
export { revocationFromCms, type CmsRevocationData } from './from-cms.js';
export * from './oids.js';
export type * from './types.js';
