// What a licence document shows and carries, as read by read-pdf.ts / read-ofd.ts (before anything is verified).

export interface LicenseDocumentParts {
  format: 'pdf' | 'ofd';
  /** A file named license-credential.jws is attached (PDF embedded file / associated file, OFD attachment). */
  credentialAttached: boolean;
  /** The attached credential's text, when it is one compact JWS within the size limit. */
  credentialJws?: string;
  /** Visible text of page 1 in drawing order: PDF one item per show operator, OFD one per TextObject. */
  text: string[];
  /** Text of every QR code found in the images drawn on page 1 (each distinct text once). */
  qrTexts: string[];
  /** Images drawn on page 1 that were decoded and searched for a QR code. */
  imagesSearched: number;
  /**
   * Why images page 1 shows — or may show, in content that was not read — were not searched for a QR code (over the
   * count, size or pixel budget, undecodable, content read in part). Each is in `problems` too. The QR check cannot
   * pass while this is not empty: an unsearched image may hold another licence's QR code.
   */
  unsearched: string[];
  /** What could not be read, English (never thrown). */
  problems: string[];
}

export interface PdfLicenseParts extends LicenseDocumentParts {
  format: 'pdf';
  /** XMP hy:identifier (namespace urn:heyan:license:1.0), when exactly one is given. */
  xmpIdentifier?: string;
}

export interface OfdLicenseParts extends LicenseDocumentParts {
  format: 'ofd';
  /** OFD.xml DocInfo CustomData Name="licenseIdentifier", when exactly one is given. */
  customIdentifier?: string;
}

export type LicenseParts = PdfLicenseParts | OfdLicenseParts;

/** The identifier the document's metadata states. */
export function metadataIdentifier(p: LicenseParts): string | undefined {
  return p.format === 'pdf' ? p.xmpIdentifier : p.customIdentifier;
}

/** Read the page (text and QR codes) only when the document carries licence parts (verify's path), or always. */
export interface ReadOptions {
  page?: 'always' | 'if-licence';
}
