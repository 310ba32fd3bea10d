// Hex digits → bytes for PDF hex strings. The bodies the verifier meets are long (a /Contents holds thousands of
// digits) and almost always clean: those are decoded natively; anything else by the callers' own loops.

const hexVal = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;

/** Value of a hex digit by byte, -1 for any other byte. */
export const HEX_VAL = Int8Array.from({ length: 256 }, (_, c) => hexVal(c));

/** Below this many digits the callers' loops are as fast as the native route (a string copy and Node's decoder). */
const NATIVE_FROM = 64;
const nodeBuffer = Buffer.prototype as unknown as {
  latin1Slice(this: Uint8Array, s: number, e: number): string;
  hexWrite(this: Uint8Array, s: string, offset: number, length: number): number;
};

/**
 * buf[start, end) decoded when it is at least NATIVE_FROM characters of hex digits only (an odd final digit padded
 * with 0), else undefined. Node's decoder stops at the first pair that is not two hex digits (where PDF skips
 * whitespace): a short count means the text is not clean, and the caller decodes it the PDF way.
 */
export function decodeCleanHex(buf: Uint8Array, start: number, end: number): Uint8Array | undefined {
  const len = end - start;
  if (!(len >= NATIVE_FROM) || start < 0 || end > buf.length) return undefined;
  const pairs = len >> 1;
  const out = new Uint8Array((len + 1) >> 1);
  if (nodeBuffer.hexWrite.call(out, nodeBuffer.latin1Slice.call(buf, start, start + 2 * pairs), 0, pairs) !== pairs) return undefined;
  if (len !== 2 * pairs) {
    const last = HEX_VAL[buf[end - 1]!]!;
    if (last < 0) return undefined;
    out[pairs] = last << 4;
  }
  return out;
}
