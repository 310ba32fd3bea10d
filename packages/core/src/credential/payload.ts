// The licence credential payload: W3C VC 2.0 shaped (JOSE-secured, typ vc+jwt), the licence record as the
// credentialSubject, a Bitstring Status List entry, and the QR text made at the same time.
import type { LicenseRecord } from '../license/index.js';
import { isPlainObject } from './json.js';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const LICENSE_CREDENTIAL_TYPE = 'ElectronicLicenseCredential';
/** JOSE `typ` of a licence credential (VC-JOSE-COSE). */
export const LICENSE_CREDENTIAL_TYP = 'vc+jwt';
/** China Standard Time: licence dates are calendar days there. */
export const LICENSE_TIME_ZONE = '+08:00';

export interface CredentialStatusEntry {
  id?: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'message';
  statusListIndex: string;
  statusListCredential: string;
  statusSize: 2;
}

export interface LicenseCredentialPayload {
  '@context': string[];
  id?: string;
  type: string[];
  issuer: { id: string; name?: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: LicenseRecord;
  credentialStatus?: CredentialStatusEntry;
  /** The QR text (HY1:...) signed with the same key, so it can be printed from the credential alone. */
  qr?: string;
}

/** `urn:uscc:<code>`: the issuer id of a licence credential. */
export function issuerUrn(code: string): string {
  return `urn:uscc:${code.trim().toUpperCase()}`;
}

/** First instant of a licence day, China time. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00${LICENSE_TIME_ZONE}`);
}

/** Last second of a licence day, China time (a licence "valid until 2030-05-09" is valid all that day). */
export function dayEnd(day: string): Date {
  return new Date(`${day}T23:59:59${LICENSE_TIME_ZONE}`);
}

/** ISO-8601 with the China offset, e.g. 2030-05-09T23:59:59+08:00 (what VC 2.0 calls a dateTimeStamp). */
export function chinaDateTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${t}${LICENSE_TIME_ZONE}`;
}

/** Strict VC dateTimeStamp (a time zone is required); undefined when not one. */
export function parseDateTimeStamp(v: unknown): Date | undefined {
  if (typeof v !== 'string' || v.length > 40) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export interface PayloadShape {
  payload: LicenseCredentialPayload;
  validFrom: Date;
  validUntil?: Date;
  issuerCode: string;
  status?: { listId: string; index: number };
}

/** Check the VC shape; returns the reason (English) on failure. The record itself is judged by license/. */
export function readCredentialPayload(p: unknown): PayloadShape | { problem: string } {
  if (!isPlainObject(p)) return { problem: 'the payload is not a JSON object' };
  const ctx = p['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== VC_CONTEXT_V2) return { problem: `@context must start with ${VC_CONTEXT_V2}` };
  const type = p.type;
  if (!Array.isArray(type) || !type.includes('VerifiableCredential') || !type.includes(LICENSE_CREDENTIAL_TYPE))
    return { problem: `type must include VerifiableCredential and ${LICENSE_CREDENTIAL_TYPE}` };
  const issuer = p.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : isPlainObject(issuer) ? issuer.id : undefined;
  if (typeof issuerId !== 'string' || !issuerId.startsWith('urn:uscc:')) return { problem: 'issuer.id must be urn:uscc:<issuer code>' };
  const subject = p.credentialSubject;
  if (!isPlainObject(subject)) return { problem: 'credentialSubject must be a JSON object (the licence record)' };
  const issuerCode = issuerId.slice('urn:uscc:'.length);
  if (typeof subject.issueDeptCode !== 'string' || issuerUrn(subject.issueDeptCode) !== issuerId)
    return { problem: `issuer.id ${issuerId} differs from the record's issueDeptCode ${JSON.stringify(subject.issueDeptCode)}` };
  const validFrom = parseDateTimeStamp(p.validFrom);
  if (!validFrom) return { problem: 'validFrom must be an ISO-8601 date-time with a time zone' };
  const out: PayloadShape = { payload: p as unknown as LicenseCredentialPayload, validFrom, issuerCode };
  if (p.validUntil !== undefined) {
    const validUntil = parseDateTimeStamp(p.validUntil);
    if (!validUntil) return { problem: 'validUntil must be an ISO-8601 date-time with a time zone' };
    if (validUntil.getTime() < validFrom.getTime()) return { problem: 'validUntil is before validFrom' };
    out.validUntil = validUntil;
  }
  if (p.credentialStatus !== undefined) {
    const s = p.credentialStatus;
    if (!isPlainObject(s) || s.type !== 'BitstringStatusListEntry') return { problem: 'credentialStatus must be a BitstringStatusListEntry' };
    if (s.statusPurpose !== 'message' || s.statusSize !== 2) return { problem: 'credentialStatus must have statusPurpose "message" and statusSize 2' };
    if (typeof s.statusListCredential !== 'string' || s.statusListCredential.length === 0 || s.statusListCredential.length > 512)
      return { problem: 'credentialStatus.statusListCredential must be the status list id' };
    const idx = typeof s.statusListIndex === 'string' && /^(0|[1-9]\d{0,9})$/.test(s.statusListIndex) ? Number(s.statusListIndex) : NaN;
    if (!Number.isSafeInteger(idx)) return { problem: 'credentialStatus.statusListIndex must be a non-negative integer as a string' };
    out.status = { listId: s.statusListCredential, index: idx };
  }
  if (p.qr !== undefined && typeof p.qr !== 'string') return { problem: 'qr must be a string' };
  return out;
}
