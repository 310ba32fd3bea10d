// Load certificates from what users hand us: PEM (one or many blocks), one DER certificate, or a PKCS#7/CMS
// SignedData "certs-only" bundle (.p7b/.p7c, DER or PEM "PKCS7"). Order is preserved: the first certificate
// is the one to validate when a bundle is given to verify.
import * as asn1js from 'asn1js';
import { FormatError, HeyanError, LimitError } from '../errors.js';
import { children, isContextTag, oidOf, parseAsn1, encodedBytes } from './asn1.js';
import { Certificate } from './certificate.js';
import { MAX_BUNDLE_BYTES, MAX_CERTIFICATES_PER_BUNDLE } from './limits.js';
import { decodePemBlocks, looksLikePem } from './pem.js';

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
    const root = parseAsn1(der, 'PKCS#7', 4 * 1024 * 1024);
    const ci = children(root);
    if (!(root instanceof asn1js.Sequence) || ci.length !== 2) throw new FormatError('PKCS#7: ContentInfo expected');
    const type = oidOf(ci[0], 'PKCS#7 contentType');
    if (type !== OID_SIGNED_DATA && type !== OID_SIGNED_DATA_GM) throw new FormatError(`PKCS#7: content type ${type} is not SignedData`);
    if (!isContextTag(ci[1], 0)) throw new FormatError('PKCS#7: content must be [0] EXPLICIT');
    const sd = children(ci[1])[0];
    const parts = children(sd);
    if (!(sd instanceof asn1js.Sequence) || parts.length < 4) throw new FormatError('PKCS#7: bad SignedData');
    if (!(parts[0] instanceof asn1js.Integer) || !(parts[1] instanceof asn1js.Set) || !(parts[2] instanceof asn1js.Sequence))
      throw new FormatError('PKCS#7: bad SignedData header');
    const certSet = parts.slice(3).find((p) => isContextTag(p, 0));
    const out: Certificate[] = [];
    for (const c of children(certSet)) {
      if (!(c instanceof asn1js.Sequence)) continue;
      if (out.length >= MAX_CERTIFICATES_PER_BUNDLE) throw new LimitError(`more than ${MAX_CERTIFICATES_PER_BUNDLE} certificates`);
      out.push(Certificate.fromDer(encodedBytes(c)));
    }
    return out;
  } catch (e) {
    if (e instanceof HeyanError) throw e;
    throw new FormatError(`PKCS#7: ${(e as Error).message}`, { cause: e });
  }
}
