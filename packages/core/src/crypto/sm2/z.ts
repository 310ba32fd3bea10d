import { sm2Curve } from './curve.js';

/**
 * Z_A for a public key (04‖x‖y or compressed) and user ID (default '1234567812345678'; a string is
 * UTF-8). Throws RangeError for an ID over 8191 bytes and Error for an invalid point.
 */
export function sm2Z(point: Uint8Array, id?: Uint8Array | string): Uint8Array {
  return sm2Curve.z(sm2Curve.decodePoint(point), id);
}
