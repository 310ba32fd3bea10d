// PAdES B-B / B-T (ETSI.CAdES.detached) and adbe.pkcs7.detached signatures with SM2, ECDSA or RSA keys, appended to
// the PDF as one incremental update. The /Contents placeholder is sized from a CMS built once over a dummy digest
// (same length), plus a probe timestamp token when one is requested.
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
import { imageXObject } from './image-xobject.js';
import { fillContents, layoutUpdate, type LayoutInput } from './layout-update.js';
import { openForUpdate } from './open-for-update.js';
import { defaultRect, pageBox, rectToPoints } from './page-rect.js';
import { pdfDateString, pdfTextString } from './pdf-syntax.js';
import type { SignPdfOptions } from './types.js';

/** Bytes added to the measured CMS size: DER ECDSA/SM2 signature values vary by a few bytes, as do TSA tokens. */
export const PLACEHOLDER_MARGIN = 64;

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
  const signingTime = opts.signingTime ?? new Date();
  const pades = subFilter === 'ETSI.CAdES.detached';

  const doc = await openForUpdate(pdf);
  if (doc.docMdp === 1) throw new UnsupportedError('the document is certified with DocMDP P=1 (no changes permitted): it cannot be signed again');
  if (opts.certify !== undefined && (doc.signatureCount > 0 || findSignatureDicts(pdf).signatures.length > 0)) {
    throw new UnsupportedError('a certification signature must be the first signature of a document, and this one is already signed');
  }
  const fieldName = chooseFieldName(doc.fieldNames, opts.fieldName, 'Signature');

  let appearance: LayoutInput['appearance'];
  if (opts.appearance) {
    const { page, rect, image } = opts.appearance;
    if (!Number.isInteger(page) || page < 1 || page > doc.pages.length) {
      throw new FormatError(`page ${page} does not exist: the document has ${doc.pages.length} page${doc.pages.length === 1 ? '' : 's'}`);
    }
    const box = pageBox(doc.context, doc.pages[page - 1]!.dict);
    const img = imageXObject(image, certificate);
    appearance = { pageIndex: page - 1, rect: rectToPoints(box, rect ?? defaultRect(box, img.sizeMm ?? [40, 40])), image: img };
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
    const token = await opts.timestamp({ digest: computeDigest(digestName, value), digestName });
    return addUnsignedAttribute(cms, OID_SIGNATURE_TIMESTAMP_TOKEN, token);
  };

  const dummy = new Uint8Array(digestLength(digestName));
  let capacity = signDetached(cmsOptions({ digest: dummy, digestName })).length + PLACEHOLDER_MARGIN;
  if (opts.timestamp) capacity += (await opts.timestamp({ digest: dummy, digestName })).length + 32; // attribute wrapping

  const entries = [
    '/Type /Sig /Filter /Adobe.PPKLite',
    `/SubFilter /${subFilter}`,
    `/M ${pdfDateString(signingTime)}`,
    ...(opts.name !== undefined ? [`/Name ${pdfTextString(opts.name)}`] : []),
    ...(opts.reason !== undefined ? [`/Reason ${pdfTextString(opts.reason)}`] : []),
    ...(opts.location !== undefined ? [`/Location ${pdfTextString(opts.location)}`] : []),
    ...(opts.contactInfo !== undefined ? [`/ContactInfo ${pdfTextString(opts.contactInfo)}`] : []),
    '/Prop_Build << /App << /Name /heyan >> >>',
  ].join(' ');

  // A second round only when the real CMS outgrew the estimate (e.g. a TSA answered with a longer chain).
  for (let round = 0; round < 2; round++) {
    const layout = layoutUpdate(await reopen(round, doc, pdf), {
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
    capacity = cms.length + PLACEHOLDER_MARGIN;
  }
  throw new FormatError('the CMS did not fit its placeholder twice');
}

/** layoutUpdate mutates pdf-lib's objects: a second layout starts from a fresh parse. */
async function reopen(round: number, doc: Awaited<ReturnType<typeof openForUpdate>>, pdf: Uint8Array): Promise<typeof doc> {
  return round === 0 ? doc : openForUpdate(pdf);
}
