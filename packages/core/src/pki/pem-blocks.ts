// PEM for certificates, CRLs and PKCS#7 bundles: the shared armour reader with the bundle limits. Encrypted
// (header-carrying) blocks are refused: nothing here is a key.
import { decodePem, type PemBlock } from '../asn1/index.js';
import { MAX_BUNDLE_BYTES, MAX_PEM_BLOCKS } from './limits.js';

/** All PEM blocks in order ([] when none). Throws FormatError for an unterminated or corrupt block, LimitError for too many. */
export function decodePemBlocks(input: Uint8Array | string): PemBlock[] {
  return decodePem(input, { headers: 'reject', maxBlocks: MAX_PEM_BLOCKS, maxChars: MAX_BUNDLE_BYTES * 2 });
}
