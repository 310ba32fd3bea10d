// The parsed shape of an OCSP response (RFC 6960 4.2.1). Byte slices are taken from the input, never re-encoded.
import type { AlgorithmIdentifier } from '../../crypto/types.js';
import type { Certificate } from '../certificate.js';
import type { RevocationReason } from '../crl.js';
import type { RawExtension } from '../extensions.js';

export type OcspResponseStatus = 'successful' | 'malformedRequest' | 'internalError' | 'tryLater' | 'sigRequired' | 'unauthorized';

export interface OcspCertId {
  hashAlgorithm: AlgorithmIdentifier;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  /** Hex lower case, as Certificate.serialNumber. */
  serialNumber: string;
}

export type OcspCertStatus = 'good' | 'revoked' | 'unknown';

export interface OcspSingleResponse {
  certId: OcspCertId;
  status: OcspCertStatus;
  /** status 'revoked' only. */
  revocationTime?: Date;
  reason?: RevocationReason;
  thisUpdate: Date;
  nextUpdate?: Date;
  extensions: RawExtension[];
}

export type OcspResponderId =
  | { type: 'byName'; /** RFC 4514 text. */ name: string; nameDer: Uint8Array; /** As Certificate.subjectNameKey. */ nameKey: string }
  | { type: 'byKey'; /** Hash (SHA-1 by RFC 6960) of the responder's subjectPublicKey BIT STRING value. */ keyHash: Uint8Array };

export interface BasicOcspResponse {
  /** The BasicOCSPResponse element as in the input. */
  der: Uint8Array;
  /** ResponseData exactly as in the input: what the responder signed. */
  tbsResponseData: Uint8Array;
  /** 1 (v1 is the only version). */
  version: number;
  responderId: OcspResponderId;
  producedAt: Date;
  responses: OcspSingleResponse[];
  extensions: RawExtension[];
  /** Contents of the nonce extension's value (an OCTET STRING in RFC 6960; kept as the raw extnValue contents). */
  nonce?: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  /** Certificates the responder sent (its own, maybe its chain). */
  certs: Certificate[];
}

export interface OcspResponse {
  /** The whole input. */
  der: Uint8Array;
  responseStatus: OcspResponseStatus;
  /** responseBytes.responseType (absent for an error response or a bare BasicOCSPResponse). */
  responseType?: string;
  /** Present when the status is successful and the type is id-pkix-ocsp-basic. */
  basic?: BasicOcspResponse;
  /** The input was a bare BasicOCSPResponse (as some PDF DSS writers store them). */
  bare: boolean;
  /** Parts skipped while parsing (an unparseable embedded certificate, ...), English. */
  warnings: string[];
  /** SHA-256 of `der`, hex: identifies the response in reports. */
  fingerprintSha256: string;
}
