// Issue a licence credential: the record is checked (license/), wrapped in a VC 2.0 payload, signed as a compact
// JWS, and a second compact signature over the minimal claims is made for the QR code with the same key.
import { FormatError, KeyError } from '../errors.js';
import type { PrivateKey } from '../crypto/types.js';
import { equalBytes } from '../asn1/index.js';
import type { Certificate } from '../pki/index.js';
import { parseLicenseRecord, type LicenseRecord, type LicenseRecordInput } from '../license/index.js';
import { defaultJwsAlgorithm, isJwsAlgorithm, type JwsAlgorithm } from './jws/algorithms.js';
import { signJws } from './jws/sign.js';
import {
  LICENSE_CREDENTIAL_TYP,
  LICENSE_CREDENTIAL_TYPE,
  VC_CONTEXT_V2,
  chinaDateTime,
  dayEnd,
  dayStart,
  issuerUrn,
  type LicenseCredentialPayload,
} from './payload.js';
import { digestNameFor, recordDigest, type QrClaims } from './qr/claims.js';
import { signQrPayload } from './qr/payload.js';

export interface IssueCredentialOptions {
  /** The licence record (license/ model), as an object or JSON text. */
  record: LicenseRecord | LicenseRecordInput | string;
  key: PrivateKey;
  certificate: Certificate;
  /** Intermediates for x5c. */
  chain?: readonly Certificate[];
  alg?: JwsAlgorithm;
  /** The licence's entry in a status list. */
  status?: { listId: string; index: number };
  /** Default: the record's validity start (00:00 China time). */
  validFrom?: Date;
  /** Default: the end of the record's last valid day (23:59:59 China time); none for long-term licences. */
  validUntil?: Date;
  /** Credential id; default urn:heyan:license:<identifier>. */
  id?: string;
  /** Refuse a record with any failed check, wrong check characters included (default true). */
  strict?: boolean;
}

export interface IssuedCredential {
  jws: string;
  /** The QR text (HY1:...), also inside the payload as `qr`. */
  qr: string;
  payload: LicenseCredentialPayload;
}

function validDate(d: Date | undefined, what: string): Date | undefined {
  if (d === undefined) return undefined;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new FormatError(`${what} is not a valid date`);
  return d;
}

/** Throws FormatError (record or options), KeyError (key/certificate), UnsupportedError (algorithm). */
export function issueCredential(opts: IssueCredentialOptions): IssuedCredential {
  const parsed = parseLicenseRecord(opts.record, { codes: opts.strict === false ? 'warn' : 'fail' });
  const failures = parsed.checks.filter((c) => c.status === 'failed');
  if (!parsed.record || (opts.strict !== false && failures.length > 0)) {
    const why = (failures.length ? failures : parsed.issues).map((c) => c.message.en).join('; ');
    throw new FormatError(`the licence record cannot be issued: ${why || 'unreadable record'}`);
  }
  const record = parsed.record;
  if (!equalBytes(opts.key.publicKey.spki, opts.certificate.spki)) throw new KeyError('the private key does not belong to the certificate');
  const alg = opts.alg ?? defaultJwsAlgorithm(opts.key.publicKey);
  if (!isJwsAlgorithm(alg)) throw new FormatError(`unsupported algorithm ${String(alg)}`);
  const validFrom = validDate(opts.validFrom, 'validFrom') ?? dayStart(record.certificateValidateStart);
  const validUntil = validDate(opts.validUntil, 'validUntil') ?? (record.certificateValidateEnd ? dayEnd(record.certificateValidateEnd) : undefined);
  if (Number.isNaN(validFrom.getTime())) throw new FormatError('the record has no valid certificateValidateStart');
  if (validUntil && validUntil.getTime() < validFrom.getTime()) throw new FormatError('validUntil is before validFrom');
  if (opts.status) {
    const { listId, index } = opts.status;
    if (typeof listId !== 'string' || listId.length === 0 || listId.length > 512) throw new FormatError('status.listId must be a non-empty string');
    if (!Number.isSafeInteger(index) || index < 0 || index > 0xffffffff) throw new FormatError('status.index must be a non-negative integer');
  }

  const claims: QrClaims = {
    identifier: record.certificateIdentifier,
    typeCode: record.certificateTypeCode,
    holder: record.certificateHolder,
    holderCode: record.certificateHolderCode,
    issuerCode: record.issueDeptCode,
    areaCode: record.certificateAreaCode,
    validFrom: Math.floor(validFrom.getTime() / 1000),
    digest: recordDigest(record, digestNameFor(alg)),
  };
  if (validUntil) claims.validUntil = Math.floor(validUntil.getTime() / 1000);
  if (opts.status) {
    claims.statusList = opts.status.listId;
    claims.statusIndex = opts.status.index;
  }
  const qr = signQrPayload(claims, { key: opts.key, certificate: opts.certificate, alg });

  const payload: LicenseCredentialPayload = {
    '@context': [VC_CONTEXT_V2],
    id: opts.id ?? `urn:heyan:license:${record.certificateIdentifier}`,
    type: ['VerifiableCredential', LICENSE_CREDENTIAL_TYPE],
    issuer: { id: issuerUrn(record.issueDeptCode), name: record.issueDept },
    validFrom: chinaDateTime(validFrom),
    ...(validUntil ? { validUntil: chinaDateTime(validUntil) } : {}),
    credentialSubject: record,
    ...(opts.status
      ? {
          credentialStatus: {
            type: 'BitstringStatusListEntry' as const,
            statusPurpose: 'message' as const,
            statusListIndex: String(opts.status.index),
            statusListCredential: opts.status.listId,
            statusSize: 2 as const,
          },
        }
      : {}),
    qr,
  };
  const jws = signJws(payload, { key: opts.key, certificate: opts.certificate, ...(opts.chain ? { chain: opts.chain } : {}), alg, typ: LICENSE_CREDENTIAL_TYP });
  return { jws, qr, payload };
}
