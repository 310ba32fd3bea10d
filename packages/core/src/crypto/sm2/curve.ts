// The sm2p256v1 instance used everywhere. The window-8 base table (≈ 110 ms, ≈ 0.6 MB) is
// built lazily on the first signature or the first window-8 per-signer cache table, not at import;
// until then verification uses noble's default window-6 base table (built on first use).
import { createSm2, type Sm2 } from './factory.js';
import { SM2P256V1 } from './params.js';

export const sm2Curve: Sm2 = createSm2(SM2P256V1, { baseWindow: 8 });
export const Sm2Point = sm2Curve.Point;
