export * from './oids.js';
export { TSP_CHECKS } from './checks.js';
export type {
  Accuracy,
  MessageImprint,
  PkiFailureName,
  PkiStatusName,
  TimestampRequest,
  TimestampResponse,
  TimestampToken,
  TsExtension,
  TstInfo,
} from './types.js';
export { parseTimestampToken } from './parse-token.js';
export { decodeTstInfo } from './tst-info.js';
export { verifyTimestampToken, type TimestampPolicy, type TimestampVerifyOptions, type TimestampVerifyResult } from './verify-token.js';
export { createTsa, type Tsa, type TsaOptions, type TimestampInput } from './create-tsa.js';
export { createTimestampRequest, parseTimestampRequest, parseTimestampResponse, type TimestampRequestInput } from './request.js';
export { PKI_STATUS, PKI_FAILURE_BITS } from './status.js';
export * as tspLimits from './limits.js';
export { requestTimestamp, httpTimestampSource, tsaTimestampSource, type RequestTimestampOptions, type RequestTimestampResult, type TimestampRefusal, type TimestampSource } from './http-client.js';
export { tsaFetchHandler, type TsaFetchHandlerOptions } from './http-handler.js';
