// A document timestamp (ISO 32000-2 §12.8.5, /SubFilter /ETSI.RFC3161): the RFC 3161 token itself is the /Contents,
// its imprint the digest of the ByteRange bytes. Appended as one incremental update like a signature.
import { digestLength } from '../../crypto/index.js';
import type { DigestName } from '../../crypto/types.js';
import { FormatError } from '../../errors.js';
import { digestByteRange } from '../byte-range.js';
import { chooseFieldName } from './field-name.js';
import { fillContents, layoutUpdate } from './layout-update.js';
import { openForUpdate } from './open-for-update.js';
import { PLACEHOLDER_MARGIN } from './sign-pdf.js';
import type { TimestampPdfOptions } from './types.js';

/**
 * Add a document timestamp. Allowed after a DocMDP P=1 certification too (ISO 32000-2: document timestamps and DSS
 * updates are not changes). Throws like signPdf, or what the timestamp source throws.
 */
export async function timestampPdf(pdf: Uint8Array, opts: TimestampPdfOptions): Promise<Uint8Array> {
  const digestName: DigestName = opts.digest ?? 'sha256';
  let doc = await openForUpdate(pdf);
  const fieldName = chooseFieldName(doc.fieldNames, opts.fieldName, 'Timestamp');
  let capacity = (await opts.timestamp({ digest: new Uint8Array(digestLength(digestName)), digestName })).length + PLACEHOLDER_MARGIN;
  for (let round = 0; round < 2; round++) {
    if (round > 0) doc = await openForUpdate(pdf);
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
    capacity = token.length + PLACEHOLDER_MARGIN;
  }
  throw new FormatError('the timestamp token did not fit its placeholder twice');
}
