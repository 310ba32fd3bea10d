import type { AlgorithmIdentifier } from '../crypto/types.js';
import type { Certificate, Crl } from '../pki/index.js';

/** Parser limits; every field has a default (see `DEFAULT_CMS_LIMITS`). */
export interface CmsLimits {
  /** Largest input accepted, in bytes. */
  maxBytes: number;
  maxDepth: number;
  maxCertificates: number;
  maxCrls: number;
  maxSigners: number;
  /** Per attribute set (signed or unsigned), and values per attribute. */
  maxAttributes: number;
  maxDigestAlgorithms: number;
  /** Total element headers read (bounds the work on nested indefinite lengths). */
  maxReads: number;
}

export const DEFAULT_CMS_LIMITS: Readonly<CmsLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 48,
  maxCertificates: 256,
  maxCrls: 64,
  maxSigners: 64,
  maxAttributes: 64,
  maxDigestAlgorithms: 16,
  maxReads: 2_000_000,
});

export interface CmsAttribute {
  oid: string;
  /** DER of each AttributeValue, exactly as in the input. */
  values: Uint8Array[];
}

export type SignerIdentifier =
  | {
      type: 'issuerAndSerialNumber';
      /** DER of the issuer Name, as in the input. */
      issuer: Uint8Array;
      /** Contents octets of the serial INTEGER (two's complement, as encoded). */
      serialNumber: Uint8Array;
    }
  | { type: 'subjectKeyIdentifier'; keyIdentifier: Uint8Array };

export interface ParsedSignerInfo {
  index: number;
  version: number;
  sid: SignerIdentifier;
  digestAlgorithm: AlgorithmIdentifier;
  /** Absent when the SignerInfo has no signed attributes. */
  signedAttributes?: CmsAttribute[];
  /**
   * The bytes the signature covers when signed attributes are present: the `[0] IMPLICIT` element from the input
   * with its identifier re-tagged to 0x31 (SET OF). Never re-sorted or re-encoded.
   */
  signedAttributesDer?: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  unsignedAttributes?: CmsAttribute[];
  /** The SignerInfo element as in the input. */
  raw: Uint8Array;
}

export interface OtherRevocationInfo {
  /** otherRevInfoFormat OID. */
  format: string;
  /** otherRevInfo: its whole encoding (tag, length, contents) exactly as in the input. */
  value: Uint8Array;
}

export interface ParsedSignedData {
  /** ContentInfo.contentType: PKCS#7 signedData or GB/T 35275 signedData. */
  contentType: string;
  flavour: 'pkcs7' | 'gbt35275';
  version: number;
  digestAlgorithms: AlgorithmIdentifier[];
  eContentType: string;
  /** Encapsulated content (joined when it was a BER constructed OCTET STRING); absent for detached signatures. */
  eContent?: Uint8Array;
  certificates: Certificate[];
  crls: Crl[];
  /**
   * The `[1] other` RevocationInfoChoice entries of SignedData.crls (RFC 5652 §10.2.1), in input order:
   * `format` is otherRevInfoFormat (e.g. id-ri-ocsp-response, RFC 5940), `value` the exact input bytes of otherRevInfo.
   */
  otherRevocationInfo: OtherRevocationInfo[];
  signers: ParsedSignerInfo[];
  /** Things skipped while parsing (unparseable certificate, attribute certificate, ...), English. */
  warnings: string[];
  /** True when the input used BER forms (indefinite lengths or constructed strings) somewhere in the outer layers. */
  ber: boolean;
}
