// RFC 3161 structures as heyan reads them. Byte strings are hex where they are identifiers (serial, nonce) and
// Uint8Array where they are compared (the hashed message).
import type { DigestName } from '../crypto/types.js';
import type { ParsedSignedData } from '../cms/types.js';

export interface MessageImprint {
  /** Registry name of the hash algorithm, or its OID when heyan does not know it. */
  hashAlgorithm: DigestName | string;
  /** The OID as written. */
  hashAlgorithmOid: string;
  /** DER of the AlgorithmIdentifier parameters when present (NULL for some producers). */
  hashAlgorithmParams?: Uint8Array;
  hashedMessage: Uint8Array;
}

/** Accuracy of genTime; absent fields are 0 (RFC 3161 §2.4.2). */
export interface Accuracy {
  seconds: number;
  millis: number;
  micros: number;
}

export interface TsExtension {
  oid: string;
  critical: boolean;
  /** extnValue contents. */
  value: Uint8Array;
}

export interface TstInfo {
  version: number;
  /** TSA policy OID. */
  policy: string;
  messageImprint: MessageImprint;
  /** Serial number, hex lower case (canonical INTEGER contents). */
  serialNumber: string;
  genTime: Date;
  accuracy?: Accuracy;
  ordering: boolean;
  /** Nonce, hex lower case (canonical INTEGER contents). */
  nonce?: string;
  /** The `tsa` GeneralName, as text: an RFC 4514 name for a directoryName, else `type:value`. */
  tsaName?: string;
  /** DER of the directoryName when `tsa` is one (to compare with the TSA certificate's subject). */
  tsaNameDer?: Uint8Array;
  extensions?: TsExtension[];
}

export interface TimestampToken {
  /** The CMS layer (PKCS#7 or GB/T 35275 OIDs). */
  signedData: ParsedSignedData;
  tstInfo: TstInfo;
  /** The encapsulated TSTInfo bytes exactly as signed (messageDigest covers these). */
  tstInfoDer: Uint8Array;
}

/** PKIStatus values (RFC 3161 §2.4.2, RFC 4210). */
export type PkiStatusName =
  | 'granted'
  | 'grantedWithMods'
  | 'rejection'
  | 'waiting'
  | 'revocationWarning'
  | 'revocationNotification';

/** PKIFailureInfo bit names RFC 3161 defines. */
export type PkiFailureName =
  | 'badAlg'
  | 'badRequest'
  | 'badDataFormat'
  | 'timeNotAvailable'
  | 'unacceptedPolicy'
  | 'unacceptedExtension'
  | 'addInfoNotAvailable'
  | 'systemFailure';

export interface TimestampRequest {
  version: number;
  messageImprint: MessageImprint;
  reqPolicy?: string;
  /** Hex lower case (canonical INTEGER contents). */
  nonce?: string;
  /** The nonce INTEGER contents as written (echoed byte for byte). */
  nonceBytes?: Uint8Array;
  certReq: boolean;
  extensions?: TsExtension[];
  /** The MessageImprint element as written, echoed into the TSTInfo. */
  messageImprintDer: Uint8Array;
}

export interface TimestampResponse {
  /** Numeric PKIStatus. */
  status: number;
  /** Its name, when it is one RFC 3161 defines. */
  statusName?: PkiStatusName;
  /** PKIFreeText strings joined with '; ' (control characters kept out). */
  statusString?: string;
  /** Failure bits that are set, by name (unknown bits as `bit<n>`). */
  failInfo?: (PkiFailureName | `bit${number}`)[];
  /** DER of the TimeStampToken (a ContentInfo) when present. */
  token?: Uint8Array;
}
