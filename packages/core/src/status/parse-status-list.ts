// The shape of a status list credential payload, and an UNVERIFIED read of a list JWS (to index lists by id in a
// trust bundle or to show them). Verification is check-status.ts.
import { FormatError, LimitError } from '../errors.js';
import { base64urlDecode } from '../credential/jws/index.js';
import { parseJsonBytes } from '../credential/json.js';
import { MAX_STATUS_LIST_JWS } from './limits.js';
import { STATUS_MESSAGES, STATUS_SIZE, type StatusListCredential } from './types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function date(v: unknown, what: string): Date {
  // VC 2.0 dateTimeStamp: an XML Schema dateTime with a time zone.
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(v)) throw new FormatError(`${what} must be an ISO-8601 date-time with a time zone`);
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new FormatError(`${what} is not a valid date`);
  return d;
}

export interface StatusListInfo {
  credential: StatusListCredential;
  id: string;
  /** The issuer id (string form). */
  issuer: string;
  validFrom: Date;
  validUntil: Date;
}

/** Check the payload is a heyan status list (2-bit "message" BitstringStatusListCredential). Throws FormatError. */
export function statusListShape(payload: unknown): StatusListInfo {
  if (!isObject(payload)) throw new FormatError('the status list payload is not a JSON object');
  const type = payload.type;
  if (!Array.isArray(type) || !type.includes('VerifiableCredential') || !type.includes('BitstringStatusListCredential')) {
    throw new FormatError('type must list VerifiableCredential and BitstringStatusListCredential');
  }
  if (typeof payload.id !== 'string' || payload.id.length === 0 || payload.id.length > 512) throw new FormatError('the status list has no id');
  const issuer = typeof payload.issuer === 'string' ? payload.issuer : isObject(payload.issuer) && typeof payload.issuer.id === 'string' ? payload.issuer.id : undefined;
  if (!issuer) throw new FormatError('the status list has no issuer');
  const validFrom = date(payload.validFrom, 'validFrom');
  const validUntil = date(payload.validUntil, 'validUntil');
  if (validUntil.getTime() <= validFrom.getTime()) throw new FormatError('validUntil is not after validFrom');
  const s = payload.credentialSubject;
  if (!isObject(s)) throw new FormatError('credentialSubject must be an object');
  if (s.type !== 'BitstringStatusList') throw new FormatError('credentialSubject.type must be BitstringStatusList');
  if (s.statusPurpose !== 'message') throw new FormatError(`statusPurpose must be "message" (got ${JSON.stringify(s.statusPurpose)?.slice(0, 40)})`);
  if (s.statusSize !== STATUS_SIZE) throw new FormatError(`statusSize must be ${STATUS_SIZE} (got ${JSON.stringify(s.statusSize)?.slice(0, 20)})`);
  // The meaning of each value is fixed by heyan; a list that maps them otherwise must not be read with our table.
  const msgs = s.statusMessage;
  if (!Array.isArray(msgs)) throw new FormatError('statusMessage must be an array');
  for (const m of STATUS_MESSAGES) {
    if (!msgs.some((x) => isObject(x) && x.status === m.status && x.message === m.message)) throw new FormatError(`statusMessage must map ${m.status} to "${m.message}"`);
  }
  if (msgs.some((x) => !isObject(x) || (STATUS_MESSAGES.some((m) => m.status === x.status) && !STATUS_MESSAGES.some((m) => m.status === x.status && m.message === x.message)))) {
    throw new FormatError('statusMessage maps a value twice or to another meaning');
  }
  if (typeof s.encodedList !== 'string') throw new FormatError('credentialSubject.encodedList must be a string');
  return { credential: payload as unknown as StatusListCredential, id: payload.id, issuer, validFrom, validUntil };
}

/** Read a status list JWS WITHOUT verifying its signature. Throws FormatError / LimitError. */
export function readStatusListPayload(jws: string): StatusListInfo {
  if (typeof jws !== 'string') throw new FormatError('a status list is a compact JWS string');
  if (jws.length > MAX_STATUS_LIST_JWS) throw new LimitError(`status list of ${jws.length} characters exceeds ${MAX_STATUS_LIST_JWS}`);
  const parts = jws.split('.');
  if (parts.length !== 3) throw new FormatError('a compact JWS has three parts');
  return statusListShape(parseJsonBytes(base64urlDecode(parts[1]!, 'JWS payload'), 'status list payload'));
}
