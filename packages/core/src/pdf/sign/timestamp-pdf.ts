// A document timestamp (ISO 32000-2 §12.8.5, /SubFilter /ETSI.RFC3161): the RFC 3161 token itself is the /Contents,
// its imprint the digest of the ByteRange bytes. Appended as one incremental update like a signature.
import type { DigestName } from '../../crypto/types.js';
import { FormatError } from '../../errors.js';
import { digestByteRange } from '../byte-range.js';
import { chooseFieldName } from './field-name.js';
import { PLACEHOLDER_MARGIN, TIMESTAMP_TOKEN_RESERVE } from './sign-pdf.js';
import type { TimestampPdfOptions } from './types.js';

/**
 * Add a document timestamp. Allowed after a DocMDP P=1 certification too (ISO 32000-2: document timestamps and DSS
 * updates are not changes). Throws like signPdf, or what the timestamp source throws.
 */
export async function timestampPdf(pdf: Uint8Array, opts: TimestampPdfOptions): Promise<Uint8Array> {
  const digestName: DigestName = opts.digest ?? 'sha256';
  // The writers serve updating only: loaded here, not when @heyan/core is imported to verify.
  const [{ fillContents, layoutUpdate }, { openForUpdate }] = await Promise.all([import('./layout-update.js'), import('./open-for-update.js')]);
  const doc = openForUpdate(pdf);
  const fieldName = chooseFieldName(doc.fieldNames, opts.fieldName, 'Timestamp');
  // A reserve, not a probe request: the authority is asked once unless its token outgrows the reserve.
  let capacity = TIMESTAMP_TOKEN_RESERVE;
  for (let round = 0; round < 2; round++) {
    const layout = layoutUpdate(doc, {
      sigEntries: '/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /Prop_Build << /App << /Name /heyan >> >>',
      contentsCapacity: capacity,
      fieldName,
    });
    const token = await opts.timestamp({ digest: digestByteRange(layout.bytes, layout.byteRange, digestName)!, digestName });
    if (token.length <= capacity) {
      fillContents(layout, token);
      return layout.bytes;
    }
    capacity = token.length + PLACEHOLDER_MARGIN * 4;
  }
  throw new FormatError('the timestamp token did not fit its placeholder twice');
}
