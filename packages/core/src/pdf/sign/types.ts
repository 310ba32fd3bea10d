// Options of the PDF signer (PAdES B-B/B-T, adbe.pkcs7.detached, document timestamps).
import type { DigestName, PrivateKey } from '../../crypto/types.js';
import type { Certificate, Crl } from '../../pki/index.js';
import type { TimestampSource } from '../../tsp/source.js';

export interface PdfSignerIdentity {
  key: PrivateKey;
  certificate: Certificate;
  /** Intermediates embedded in the CMS after the signer certificate (roots are better left out). */
  chain?: Certificate[];
}

/** A seal image: PNG (decoded, alpha kept as a soft mask), JPEG (embedded as is) or an .esl seal (its picture). */
export type PdfSealImage = { png: Uint8Array } | { jpeg: Uint8Array } | { seal: Uint8Array };

export interface PdfAppearance {
  /** 1-based page number. */
  page: number;
  /**
   * x, y, width, height in millimetres as the page is DISPLAYED: origin at the top-left corner of the page's CropBox
   * (MediaBox when none) after its /Rotate; the picture is shown upright. Sides of at least 1 mm. Default: the seal
   * picture's size (40 × 40 mm for a PNG/JPEG) 20 mm from the displayed right and bottom edges.
   */
  rect?: [x: number, y: number, w: number, h: number];
  image: PdfSealImage;
}

export type PdfSubFilter = 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';

export interface SignPdfOptions {
  signer: PdfSignerIdentity;
  /** Default ETSI.CAdES.detached (PAdES baseline B-B: signingCertificateV2, no signing-time attribute). */
  subFilter?: PdfSubFilter;
  /** CMS OIDs for SM2 keys: 'pkcs7' (RFC 5652 content types, SM2-with-SM3 1.2.156.10197.1.501; default) or 'gbt35275'. */
  sm2Flavour?: 'gbt35275' | 'pkcs7';
  /** Default: SM3 for SM2, SHA-384 for P-384, SHA-512 for Ed25519, SHA-256 otherwise (`defaultDigestFor`). */
  digest?: DigestName;
  /** /Reason, /Location, /Name, /ContactInfo (written as hex text strings); absent or empty: no entry. */
  reason?: string;
  location?: string;
  name?: string;
  contactInfo?: string;
  /** Field name (/T); default the first free "Signature<n>". Must not exist yet. */
  fieldName?: string;
  /** /M, and the signing-time attribute for adbe.pkcs7.detached (PAdES forbids the attribute). Default now. */
  signingTime?: Date;
  /** Absent: an invisible signature (a zero-size widget on page 1). */
  appearance?: PdfAppearance;
  /** Certification signature with DocMDP permissions P; only as the first signature of a document. */
  certify?: 1 | 2 | 3;
  /** B-T: an RFC 3161 signature timestamp over the SignerInfo signature value, as an unsigned attribute. */
  timestamp?: TimestampSource;
  /**
   * Digest of the timestamp imprint (H(signature value)). Default: the signature's digest. E.g. 'sha256' to have an
   * SM2/SM3 signature time-stamped by an authority that accepts only SHA-2 imprints.
   */
  timestampDigest?: DigestName;
  /** SM2 user ID; default '1234567812345678'. */
  sm2Id?: Uint8Array | string;
  /** Also embed these CRLs in the CMS (revocation data). */
  crls?: Crl[];
}

export interface TimestampPdfOptions {
  timestamp: TimestampSource;
  /** Imprint digest over the ByteRange. Default SHA-256. */
  digest?: DigestName;
  /** Field name; default the first free "Timestamp<n>". */
  fieldName?: string;
}
