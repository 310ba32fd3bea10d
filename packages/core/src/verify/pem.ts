// PEM armour (RFC 7468) for whole inputs given to verify/inspect: the shared reader of asn1/pem.ts (each BEGIN
// needs the END with the same label, clean base64, a block limit), with the sniffing rules of this layer: DER
// never counts as PEM, legacy encapsulated headers are read past (the key importer interprets them), no size
// limit beyond the caller's, and no block at all is an error.
import { FormatError } from '../errors.js';
import { decodePem, looksLikePem as hasArmour } from '../asn1/index.js';

export interface PemObject {
  label: string;
  der: Uint8Array;
}

const MAX_BLOCKS = 1024;
/** How far into the input the armour line is looked for. */
const SNIFF_BYTES = 8192;

/** True when the bytes are PEM text: no DER SEQUENCE byte first and an armour line near the start. */
export function looksLikePem(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes[0] === 0x30) return false;
  return hasArmour(bytes.subarray(0, SNIFF_BYTES));
}

/** Every PEM object in order. Throws FormatError on broken armour or base64, LimitError past the block limit. */
export function decodePemObjects(bytes: Uint8Array): PemObject[] {
  const out = decodePem(bytes, { headers: 'parse', maxBlocks: MAX_BLOCKS, maxChars: Number.MAX_SAFE_INTEGER }).map(({ label, der }) => ({ label, der }));
  if (out.length === 0) throw new FormatError('PEM armour: no "-----BEGIN" block found');
  return out;
}
