// What a licence document carries, as the issuer writes it (the contract between the licence renderers in
// license/render and ofd/write and this reader). Changing one of these breaks every licence already issued.

/** File name of the embedded credential: PDF embedded file (/EmbeddedFiles name and /AF file specification), OFD attachment. */
export const CREDENTIAL_FILE_NAME = 'license-credential.jws';
/** XMP namespace of the licence identifier in a licence PDF (`hy:identifier`). */
export const XMP_LICENSE_NS = 'urn:heyan:license:1.0';
/** OFD DocInfo CustomData name of the licence identifier. */
export const OFD_IDENTIFIER_DATA = 'licenseIdentifier';
