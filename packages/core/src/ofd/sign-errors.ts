// Refusals of the OFD signer that are neither bad input bytes nor bad keys.
import { HeyanError } from '../errors.js';

/** The document is locked: an earlier signature protects Signatures.xml (WholeProtected), so none may be added. */
export class DocumentProtectedError extends HeyanError {
  override readonly code = 'ERR_OFD_PROTECTED';
}

/** The stamp cannot be placed as asked: no such page, or the stamp would not lie on the page. */
export class StampPlacementError extends HeyanError {
  override readonly code = 'ERR_OFD_PLACEMENT';
}
