// Decoded SES structures (GM/T 0031-2014 "v1", GB/T 38540-2020 "v4", GM/T 0031-2025 "v5"). Byte fields are views
// into the input: what was signed is always taken exactly as it was given (vendors break DER; never re-encode).
import type { Message } from '../report/types.js';

export type SesVersion = 1 | 4 | 5;

/** A non-standard encoding accepted while decoding or verifying; always reported as a warning check. */
export interface Tolerance {
  /** Stable id, also the id of the warning check that reports it (e.g. 'seal.nonstandard.raw-signature'). */
  id: string;
  message: Message;
  /** The field it was seen in, e.g. 'SES_Signature.signature'. */
  field?: string;
}

export interface SesHeader {
  /** "ES". */
  id: string;
  /** As written: 1 (sometimes 2) for v1, 4, 5. The version used is `SealInfo.version` (from the structure). */
  version: number;
  /** Vendor identifier. */
  vid: string;
}

export interface CertDigest {
  /** PrintableString as written (free text in the standard, e.g. "SM3"). */
  type: string;
  value: Uint8Array;
}

export type SesCertList =
  | { kind: 'certs'; certs: Uint8Array[] }
  | { kind: 'digests'; digests: CertDigest[] };

export interface SesExtData {
  oid: string;
  /** DEFAULT FALSE: false when absent. */
  critical: boolean;
  value: Uint8Array;
}

export interface SesPicture {
  /** As written ("PNG", "png", "GIF", "ofd", ...). */
  type: string;
  data: Uint8Array;
  widthMm: number;
  heightMm: number;
}

export interface SesProperty {
  /** 印章类型. */
  type: number;
  /** 印章名称. */
  name: string;
  /** 1 = certificates, 2 = certificate digests; v1 has no field and is always 1. */
  certListType: number;
  certList: SesCertList;
  createDate: Date;
  validStart: Date;
  validEnd: Date;
}

/** A decoded electronic seal (SESeal). */
export interface SealInfo {
  version: SesVersion;
  /** How the version was decided, e.g. "4 elements, header version 5". */
  detectedBy: string;
  header: SesHeader;
  esID: string;
  property: SesProperty;
  picture: SesPicture;
  extDatas: SesExtData[];
  /** DER of the seal maker's (制章者) certificate, as embedded. */
  makerCertificate: Uint8Array;
  /** signAlgID as written (v1: SES_SignInfo.signatureAlgorithm). */
  signatureAlgorithm: string;
  /** The signature value (BIT STRING contents without the unused-bits octet). */
  signatureValue: Uint8Array;
  /** 'raw' when the value is a bare 64-byte r‖s instead of DER SEQUENCE { r, s }. */
  signatureForm: 'der' | 'raw';
  /** v5 `[0]` timeStamp: the token bytes (a DER ContentInfo when well formed). */
  timeStamp?: Uint8Array;
  /** Exact encoding of SES_SealInfo. */
  sealInfoBytes: Uint8Array;
  /** Exactly what the maker signed: v4/v5 = `sealInfoBytes`; v1 = DER SEQUENCE { SealInfo, cert, signatureAlgorithm } of the original slices. */
  signedBytes: Uint8Array;
  /** The exact input. */
  raw: Uint8Array;
  tolerances: Tolerance[];
}

export interface TbsSign {
  version: number;
  seal: SealInfo;
  /** Exact encoding of the embedded SESeal. */
  sealBytes: Uint8Array;
  /** The claimed signing time; undefined when a v1 text could not be read. */
  timeInfo: Date | undefined;
  /** v1: the text inside the timeInfo BIT STRING, as written. */
  timeInfoText?: string;
  dataHash: Uint8Array;
  propertyInfo: string;
  extDatas?: SesExtData[];
  /** v1 only: the signer certificate inside TBS_Sign. */
  cert?: Uint8Array;
  /** v1 only: the signature algorithm inside TBS_Sign. */
  signatureAlgorithm?: string;
}

/** A decoded electronic signature (SES_Signature, 电子签章数据). */
export interface SesSignatureInfo {
  version: SesVersion;
  detectedBy: string;
  toSign: TbsSign;
  /** Exact encoding of TBS_Sign: what the signer signed. */
  tbsBytes: Uint8Array;
  /** DER of the signer's (签章者) certificate. */
  signerCertificate: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  signatureForm: 'der' | 'raw';
  /** `[0]` timeStamp over the signature value (v4/v5). */
  timeStamp?: Uint8Array;
  raw: Uint8Array;
  /** Tolerances of the signature structure itself; the seal's are in `toSign.seal.tolerances`. */
  tolerances: Tolerance[];
}
