// Maps a ByteRange end to the revision it signs: the revision that ends there (after `%%EOF`, with or without its EOL).
import type { PdfDocument } from './types.js';

/** Index of the revision ending at `offset`, or undefined. Never throws. */
export function revisionEndingAt(doc: PdfDocument, offset: number): number | undefined {
  if (!Number.isSafeInteger(offset)) return undefined;
  const i = doc.revisions.findIndex((r) => r.end === offset || r.eofEnd === offset);
  return i < 0 ? undefined : i;
}
