// The sm2p256v1 instance used everywhere. noble's window-8 base table (≈ 110 ms, ≈ 0.6 MB) is built lazily on
// the first signature, not at import. Verification does not use noble's tables at all (fast-mul.ts with the static
// base table of base-table.ts); it calls verifyE only on the rare exceptional cases of that kernel.
import { createSm2, type Sm2 } from './factory.js';
import { SM2P256V1 } from './params.js';

export const sm2Curve: Sm2 = createSm2(SM2P256V1, { baseWindow: 8 });
export const Sm2Point = sm2Curve.Point;
