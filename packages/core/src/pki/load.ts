// Load certificates from what users hand us: PEM (one or many blocks), one DER certificate, or a PKCS#7/CMS
// SignedData "certs-only" bundle (.p7b/.p7c, DER or PEM "PKCS7"). Order is preserved: the first certificate
// is the one to validate when a bundle is given to verify.
import { FormatError, HeyanError, LimitError } from '../errors.js';
import { TAG_INTEGER, TAG_SEQUENCE, TAG_SET, children, encoding, isConstructed, isCtx, looksLikePem, readOid, readRoot } from '../asn1/index.js';
import { Certificate } from './certificate.js';
import { MAX_BUNDLE_BYTES, MAX_CERTIFICATES_PER_BUNDLE } from './limits.js';
import { decodePemBlocks } from './pem-blocks.js';
import { BUNDLE_READER } from './reader-options.js';

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);
const PKCS7_LABELS = new Set(['PKCS7', 'CMS']);
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
/** GB/T 35275 signedData. */
const OID_SIGNED_DATA_GM = '1.2.156.10197.6.1.4.2.2';

export function loadCertificates(input: Uint8Array | string): Certificate[] {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_BUNDLE_BYTES) throw new LimitError(`certificate input of ${size} bytes exceeds the ${MAX_BUNDLE_BYTES}-byte limit`);
  let out: Certificate[];
  if (looksLikePem(input)) {
    out = [];
    for (const b of decodePemBlocks(input)) {
      if (CERT_LABELS.has(b.label)) out.push(Certificate.fromDer(b.der));
      else if (PKCS7_LABELS.has(b.label)) out.push(...certificatesFromPkcs7(b.der));
      else throw new FormatError(`PEM block "${b.label}" is not a certificate (expected CERTIFICATE or PKCS7)`);
      if (out.length > MAX_CERTIFICATES_PER_BUNDLE) throw new LimitError(`more than ${MAX_CERTIFICATES_PER_BUNDLE} certificates`);
    }
  } else if (typeof input === 'string') {
    throw new FormatError('no PEM block found');
  } else {
    out = isContentInfo(input) ? certificatesFromPkcs7(input) : [Certificate.fromDer(input)];
  }
  if (out.length === 0) throw new FormatError('no certificate found');
  return out;
}

/** A ContentInfo starts SEQUENCE { OID ...; a Certificate starts SEQUENCE { SEQUENCE ... . */
function isContentInfo(der: Uint8Array): boolean {
  if (der[0] !== 0x30 || der.length < 4) return false;
  const l = der[1]!;
  const hdr = l < 0x80 ? 2 : 2 + (l & 0x7f);
  return der[hdr] === 0x06;
}

/**
 * The certificates of a SignedData, byte-exact. ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT content };
 * SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo, [0] IMPLICIT certificates OPTIONAL, ... }.
 * Other CertificateChoices (attribute certificates, tagged [0]-[3]) are skipped.
 */
export function certificatesFromPkcs7(der: Uint8Array): Certificate[] {
  try {
    // BER: bundles from some tools use indefinite lengths. Read lazily: only the path to the certificates.
    const root = readRoot(der, 'PKCS#7', BUNDLE_READER);
    const ci = root.tag === TAG_SEQUENCE ? children(root, 'PKCS#7 ContentInfo', 3) : [];
    if (ci.length !== 2) throw new FormatError('PKCS#7: ContentInfo expected');
    const type = readOid(ci[0], 'PKCS#7 contentType');
    if (type !== OID_SIGNED_DATA && type !== OID_SIGNED_DATA_GM) throw new FormatError(`PKCS#7: content type ${type} is not SignedData`);
    const wrap = ci[1]!;
    if (!isCtx(wrap, 0) || !isConstructed(wrap)) throw new FormatError('PKCS#7: content must be [0] EXPLICIT');
    const sd = children(wrap, 'PKCS#7 content')[0];
    const parts = sd?.tag === TAG_SEQUENCE ? children(sd, 'PKCS#7 SignedData', 16) : [];
    if (parts.length < 4) throw new FormatError('PKCS#7: bad SignedData');
    if (parts[0]!.tag !== TAG_INTEGER || parts[1]!.tag !== TAG_SET || parts[2]!.tag !== TAG_SEQUENCE) throw new FormatError('PKCS#7: bad SignedData header');
    const certSet = parts.slice(3).find((p) => isCtx(p, 0));
    const out: Certificate[] = [];
    for (const c of certSet && isConstructed(certSet) ? children(certSet, 'PKCS#7 certificates') : []) {
      if (c.tag !== TAG_SEQUENCE) continue;
      if (out.length >= MAX_CERTIFICATES_PER_BUNDLE) throw new LimitError(`more than ${MAX_CERTIFICATES_PER_BUNDLE} certificates`);
      out.push(Certificate.fromDer(encoding(c)));
    }
    return out;
  } catch (e) {
    if (e instanceof HeyanError) throw e;
    throw new FormatError(`PKCS#7: ${(e as Error).message}`, { cause: e });
  }
}
