// Byte helpers shared by every layer: hex, concatenation, comparison, big-endian integers.

/** Lower-case hex of the bytes. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Strict hex decode (even length, hex digits only); throws TypeError otherwise. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('invalid hex string');
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Equal contents. Runs over the whole length (no early exit), so it is also fit for MACs and key material. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** Lexicographic order, a shorter prefix first (the DER SET OF order, X.690 11.6). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Unsigned big-endian bytes to a bigint (empty → 0n). */
export function bytesToBigInt(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  return BigInt('0x' + toHex(b));
}

/** Big-endian, left-padded to `len` bytes. Throws RangeError when negative or when it does not fit. */
export function bigIntToBytes(x: bigint, len: number): Uint8Array {
  if (x < 0n) throw new RangeError('negative integer');
  const hex = x.toString(16);
  if (hex.length > len * 2) throw new RangeError('integer too large');
  return fromHex(hex.padStart(len * 2, '0'));
}

const utf8Encoder = new TextEncoder();
export function utf8Bytes(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

/** Each byte as one character (ISO 8859-1): for ASN.1 time and ASCII string contents. */
export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/**
 * A copy of the bytes as a plain Uint8Array. Use it, never `.slice()`, before writing: on a Node Buffer (and on
 * subarrays of one) `slice()` is a view, so a write would change the caller's bytes.
 */
export function copyBytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(b);
}

/** The same bytes as a plain Uint8Array view (no copy): `.slice()` on it and on its subarrays copies. */
export function plainView(b: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(b) === Uint8Array.prototype ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** View any Uint8Array as a Buffer without copying. */
export function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
