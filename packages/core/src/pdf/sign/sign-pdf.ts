// PAdES B-B / B-T (ETSI.CAdES.detached) and adbe.pkcs7.detached signatures with SM2, ECDSA or RSA keys, appended to
// the PDF as one incremental update. The /Contents placeholder is sized from a CMS built once over a dummy digest
// (same length), plus a fixed reserve for a timestamp token when one is requested: the authority is asked once per
// signature, never probed (a second layout, and request, only when its token outgrew the reserve).
import { OID_SIGNATURE_TIMESTAMP_TOKEN } from '../../cms/oids.js';
import { addUnsignedAttribute } from '../../cms/add-unsigned-attribute.js';
import { parseSignedData } from '../../cms/parse.js';
import { signDetached, type SignCmsOptions } from '../../cms/sign.js';
import { defaultDigestFor, digest as computeDigest, digestLength } from '../../crypto/index.js';
import type { DigestName } from '../../crypto/types.js';
import { FormatError, KeyError, UnsupportedError } from '../../errors.js';
import { digestByteRange } from '../byte-range.js';
import { findSignatureDicts } from '../signature-dicts.js';
import { chooseFieldName } from './field-name.js';
import type { LayoutInput } from './layout-update.js';
import { pdfDateString, pdfTextString } from './pdf-syntax.js';
import { PdfPlacementError } from './placement-error.js';
import type { SignPdfOptions } from './types.js';

/** Bytes added to the measured CMS size: DER ECDSA/SM2 signature values vary by a few bytes, as do TSA tokens. */
export const PLACEHOLDER_MARGIN = 64;
/**
 * Bytes reserved for an RFC 3161 token (and its unsigned-attribute wrapping): real authorities' tokens with their
 * certificate chains are 2–7 KB. A larger token costs one more layout and request, nothing else.
 */
export const TIMESTAMP_TOKEN_RESERVE = 8192;

/**
 * Sign `pdf`; returns the input bytes followed by one incremental update. Throws UnsupportedError (encrypted input,
 * a DocMDP P=1 certification, `certify` on a signed document, GIF/OFD seal pictures), FormatError (not a PDF, page or
 * rectangle out of range), KeyError (key and certificate do not match), or what the timestamp source throws.
 */
export async function signPdf(pdf: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const { key, certificate } = opts.signer;
  const certKey = certificate.tryPublicKey();
  if (!certKey || Buffer.compare(Buffer.from(certKey.spki), Buffer.from(key.publicKey.spki)) !== 0) {
    throw new KeyError('the signer certificate does not belong to the signing key');
  }
  const subFilter = opts.subFilter ?? 'ETSI.CAdES.detached';
  if (subFilter !== 'ETSI.CAdES.detached' && subFilter !== 'adbe.pkcs7.detached') throw new UnsupportedError(`SubFilter ${String(subFilter)}`);
  if (opts.certify !== undefined && ![1, 2, 3].includes(opts.certify)) throw new FormatError('certify must be 1, 2 or 3');
  const flavour = key.type === 'sm2' ? (opts.sm2Flavour ?? 'pkcs7') : 'pkcs7';
  const digestName: DigestName = opts.digest ?? defaultDigestFor(key);
  const timestampDigest: DigestName = opts.timestampDigest ?? digestName;
  const signingTime = opts.signingTime ?? new Date();
  const pades = subFilter === 'ETSI.CAdES.detached';

  // pngjs and the writers serve signing only: loaded here, not when @heyan/core is imported to verify.
  const [{ imageXObject }, { fillContents, layoutUpdate }, { openForUpdate }, { defaultRect, pageGeometry, rectToPoints }] = await Promise.all([
    import('./image-xobject.js'),
    import('./layout-update.js'),
    import('./open-for-update.js'),
    import('./page-rect.js'),
  ]);
  const doc = openForUpdate(pdf);
  if (doc.docMdp === 1) throw new UnsupportedError('the document is certified with DocMDP P=1 (no changes permitted): it cannot be signed again');
  if (opts.certify !== undefined && (doc.signatureCount > 0 || findSignatureDicts(pdf).signatures.length > 0)) {
    throw new UnsupportedError('a certification signature must be the first signature of a document, and this one is already signed');
  }
  const fieldName = chooseFieldName(doc.fieldNames, opts.fieldName, 'Signature');

  let appearance: LayoutInput['appearance'];
  if (opts.appearance) {
    const { page, rect, image } = opts.appearance;
    if (!Number.isInteger(page) || page < 1 || page > doc.pages.length) {
      throw new PdfPlacementError(`page ${page} does not exist: the document has ${doc.pages.length} page${doc.pages.length === 1 ? '' : 's'}`);
    }
    const geometry = pageGeometry(doc.doc, doc.pages[page - 1]!);
    const img = imageXObject(image, certificate);
    appearance = { pageIndex: page - 1, placed: rectToPoints(geometry, rect ?? defaultRect(geometry, img.sizeMm ?? [40, 40])), image: img };
  }

  const cmsOptions = (content: { digest: Uint8Array; digestName: DigestName }): SignCmsOptions => ({
    content,
    key,
    certificate,
    ...(opts.signer.chain ? { chain: opts.signer.chain } : {}),
    ...(opts.crls?.length ? { crls: opts.crls } : {}),
    digest: digestName,
    flavour,
    signingTime,
    // PAdES (EN 319 142-1 §5.4) forbids signing-time: the claimed time is /M. ESS signingCertificateV2 in both.
    signingTimeAttribute: !pades,
    signingCertificateV2: true,
    ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
  });
  const makeCms = async (contentDigest: Uint8Array): Promise<Uint8Array> => {
    const cms = signDetached(cmsOptions({ digest: contentDigest, digestName }));
    if (!opts.timestamp) return cms;
    // RFC 3161 Appendix A: the token's imprint is over the SignerInfo signature value.
    const value = parseSignedData(cms).signers[0]!.signature;
    const token = await opts.timestamp({ digest: computeDigest(timestampDigest, value), digestName: timestampDigest });
    return addUnsignedAttribute(cms, OID_SIGNATURE_TIMESTAMP_TOKEN, token);
  };

  const dummy = new Uint8Array(digestLength(digestName));
  let capacity = signDetached(cmsOptions({ digest: dummy, digestName })).length + PLACEHOLDER_MARGIN;
  if (opts.timestamp) capacity += TIMESTAMP_TOKEN_RESERVE;

  const entries = [
    '/Type /Sig /Filter /Adobe.PPKLite',
    `/SubFilter /${subFilter}`,
    `/M ${pdfDateString(signingTime)}`,
    // Caller texts as hex strings (see pdfTextString); an empty text is no entry.
    ...(opts.name ? [`/Name ${pdfTextString(opts.name, true)}`] : []),
    ...(opts.reason ? [`/Reason ${pdfTextString(opts.reason, true)}`] : []),
    ...(opts.location ? [`/Location ${pdfTextString(opts.location, true)}`] : []),
    ...(opts.contactInfo ? [`/ContactInfo ${pdfTextString(opts.contactInfo, true)}`] : []),
    '/Prop_Build << /App << /Name /heyan >> >>',
  ].join(' ');

  // A second round only when the real CMS outgrew the estimate (e.g. a TSA answered with a longer chain).
  for (let round = 0; round < 2; round++) {
    const layout = layoutUpdate(doc, {
      sigEntries: entries,
      contentsCapacity: capacity,
      fieldName,
      ...(appearance ? { appearance } : {}),
      ...(opts.certify ? { certify: opts.certify } : {}),
    });
    const contentDigest = digestByteRange(layout.bytes, layout.byteRange, digestName)!;
    const cms = await makeCms(contentDigest);
    if (cms.length <= capacity) {
      fillContents(layout, cms);
      return layout.bytes;
    }
    // The next token may differ by a few bytes (DER integers, serial number, nonce).
    capacity = cms.length + PLACEHOLDER_MARGIN * (opts.timestamp ? 4 : 1);
  }
  throw new FormatError('the CMS did not fit its placeholder twice');
}
