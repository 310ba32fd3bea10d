export { sm2Curve, Sm2Point } from './curve.js';
export { createSm2, type Sm2 } from './factory.js';
export { SM2P256V1, SM2_DEFAULT_ID, type Sm2CurveParams } from './params.js';
export { sm2Z } from './z.js';
export { rawToDer, derToRaw, parseRsDer, encodeRsDer } from './der.js';
export { sm2Sign, sm2SignDigest, type Sm2SignOptions } from './sign.js';
export { sm2Verify, sm2VerifyDigest, type Sm2VerifyOptions } from './verify.js';
export { clearSm2Cache, configureSm2Cache, sm2CacheStats, type Sm2CacheOptions } from './cache.js';
export { sm2GenerateKeyPair, sm2PublicFromPrivate } from './keygen.js';
