export { signJws, type SignJwsOptions } from './sign.js';
export { verifyJws, type VerifyJwsOptions, type VerifyJwsResult } from './verify.js';
export { JWS_ALGORITHMS, defaultJwsAlgorithm, isJwsAlgorithm, type JwsAlgorithm } from './algorithms.js';
export { base64urlEncode, base64urlDecode } from './base64url.js';
