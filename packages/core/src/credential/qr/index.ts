export { verifyQrPayload, type VerifyQrOptions } from './verify.js';
export { decodeQrPayload, signQrPayload, QR_PREFIX, type DecodedQr } from './payload.js';
export { qrKeyId, recordDigest, type QrClaims } from './claims.js';
export { renderQr, qrVersionFor, type RenderQrOptions, type QrEcc } from './render.js';
export { decodeQrImage } from './decode-image.js';
export { qrTextOf } from './extract.js';
export { base45Encode, base45Decode } from './base45.js';
