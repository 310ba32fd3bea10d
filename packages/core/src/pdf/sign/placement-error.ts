// A visible signature placed where the document has no room for it: a page number past the last page, or a rectangle
// that leaves the page. A FormatError (code ERR_FORMAT) so callers catching those keep working; the CLI reports it as
// a usage error (exit 3), since the fix is in the command line, not in the files.
import { FormatError } from '../../errors.js';

export class PdfPlacementError extends FormatError {}
