// Entries of a status bitstring. W3C Bitstring Status List: index 0 is the left-most bit, bytes are read most
// significant bit first, and an entry of statusSize bits is the big-endian number those bits form.
import { FormatError } from '../errors.js';
import { MAX_ENTRIES } from './limits.js';

function checkSize(statusSize: number): void {
  if (![1, 2, 4, 8].includes(statusSize)) throw new FormatError(`statusSize ${statusSize}: 1, 2, 4 or 8 bits per entry`);
}

/** A zeroed bitstring for `entries` entries of `statusSize` bits (whole bytes). */
export function createBitstring(entries: number, statusSize = 2): Uint8Array {
  checkSize(statusSize);
  if (!Number.isSafeInteger(entries) || entries < 1 || entries > MAX_ENTRIES) throw new FormatError(`a status list has 1..${MAX_ENTRIES} entries (got ${entries})`);
  return new Uint8Array(Math.ceil((entries * statusSize) / 8));
}

/** Entries a bitstring holds. */
export function entryCount(bits: Uint8Array, statusSize = 2): number {
  checkSize(statusSize);
  return Math.floor((bits.length * 8) / statusSize);
}

function position(bits: Uint8Array, index: number, statusSize: number): { byte: number; shift: number; mask: number } {
  checkSize(statusSize);
  if (!Number.isSafeInteger(index) || index < 0 || index >= entryCount(bits, statusSize)) {
    throw new FormatError(`status index ${index} is outside 0..${entryCount(bits, statusSize) - 1}`);
  }
  const bit = index * statusSize;
  // statusSize divides 8, so an entry never straddles two bytes.
  return { byte: bit >> 3, shift: 8 - statusSize - (bit & 7), mask: (1 << statusSize) - 1 };
}

/** The value of entry `index`. Throws FormatError when the index is outside the list. */
export function readStatusEntry(bits: Uint8Array, index: number, statusSize = 2): number {
  const p = position(bits, index, statusSize);
  return (bits[p.byte]! >> p.shift) & p.mask;
}

/** Set entry `index` to `value` (0 .. 2^statusSize - 1). */
export function writeStatusEntry(bits: Uint8Array, index: number, value: number, statusSize = 2): void {
  const p = position(bits, index, statusSize);
  if (!Number.isInteger(value) || value < 0 || value > p.mask) throw new FormatError(`status value ${value} does not fit in ${statusSize} bits`);
  bits[p.byte] = (bits[p.byte]! & ~(p.mask << p.shift)) | (value << p.shift);
}
