// ECDSA signature encodings: DER SEQUENCE { r, s } (X.509, CMS) vs fixed-width r‖s (IEEE P1363, JOSE).
import { derToRaw, rawToDer } from './sm2/der.js';

/** Strict DER → r‖s of 2 × `size` bytes (32 for P-256, 48 for P-384). Throws FormatError. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array {
  return derToRaw(der, size);
}

/** r‖s → DER; the component size is half the input length. Throws FormatError for an odd length. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  return rawToDer(raw, raw.length >> 1 || 1);
}
