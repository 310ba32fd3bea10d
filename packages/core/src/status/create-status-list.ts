// Build and sign a status list: a W3C Bitstring Status List credential (VC 2.0 shaped, statusPurpose "message",
// 2 bits per licence) as a compact JWS, signed with the credential module's signJws.
import { FormatError } from '../errors.js';
import type { PrivateKey } from '../crypto/types.js';
import type { Certificate } from '../pki/index.js';
import { signJws, type JwsAlgorithm } from '../credential/jws/index.js';
import { createBitstring, writeStatusEntry } from './bitstring.js';
import { encodeBitstring } from './encode-bitstring.js';
import { DEFAULT_ENTRIES, MAX_ENTRIES, MIN_ENTRIES } from './limits.js';
import { STATUS_MESSAGES, STATUS_SIZE, STATUS_VALUE, type LicenseStatus, type StatusListCredential } from './types.js';

export interface CreateStatusListOptions {
  /** URL-like id of the list, e.g. urn:heyan:status:<issuerCode>:<n>. */
  id: string;
  /** Entries (default and minimum 131 072: herd privacy). */
  size?: number;
  /** Non-valid entries by index (absent = valid), or a function giving every entry's status. */
  statuses: ReadonlyMap<number, LicenseStatus> | ((index: number) => LicenseStatus);
  validFrom: Date;
  validUntil: Date;
  issuer: { key: PrivateKey; certificate: Certificate; chain?: Certificate[] };
  /** JWS algorithm; default from the key (SM2 → SM2SM3, P-256 → ES256, ...). */
  alg?: JwsAlgorithm;
  /** The VC `issuer` value; default urn:heyan:issuer:<code> from an id of the form urn:heyan:status:<code>:<n>. */
  issuerId?: string;
}

const STATUS_ID = /^urn:heyan:status:([0-9A-Za-z]{1,64}):\d{1,9}$/;

/** The issuer code in a heyan status list id, or undefined for other ids. */
export function issuerCodeOfListId(id: string): string | undefined {
  return STATUS_ID.exec(id)?.[1];
}

function isoSeconds(d: Date, what: string): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new FormatError(`${what} is not a valid date`);
  return d.toISOString();
}

/** The unsigned payload (exported for inspection and tests). Throws FormatError on bad options. */
export function statusListPayload(opts: Omit<CreateStatusListOptions, 'issuer' | 'alg'>): StatusListCredential {
  const size = opts.size ?? DEFAULT_ENTRIES;
  if (!Number.isSafeInteger(size) || size < MIN_ENTRIES || size > MAX_ENTRIES) throw new FormatError(`a status list has ${MIN_ENTRIES}..${MAX_ENTRIES} entries (got ${size})`);
  if (typeof opts.id !== 'string' || opts.id.length === 0 || opts.id.length > 512 || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(opts.id)) {
    throw new FormatError('the status list id must be a URL-like string, e.g. urn:heyan:status:<issuerCode>:0');
  }
  const validFrom = isoSeconds(opts.validFrom, 'validFrom');
  const validUntil = isoSeconds(opts.validUntil, 'validUntil');
  if (opts.validUntil.getTime() <= opts.validFrom.getTime()) throw new FormatError('validUntil must be after validFrom');
  const bits = createBitstring(size, STATUS_SIZE);
  const put = (i: number, s: LicenseStatus): void => {
    const v = STATUS_VALUE[s];
    if (v === undefined) throw new FormatError(`unknown licence status "${String(s)}" at index ${i}`);
    if (v !== 0) writeStatusEntry(bits, i, v, STATUS_SIZE);
  };
  if (typeof opts.statuses === 'function') {
    for (let i = 0; i < size; i++) put(i, opts.statuses(i));
  } else {
    for (const [i, s] of opts.statuses) {
      if (!Number.isSafeInteger(i) || i < 0 || i >= size) throw new FormatError(`status index ${i} is outside 0..${size - 1}`);
      put(i, s);
    }
  }
  const issuerId = opts.issuerId ?? (issuerCodeOfListId(opts.id) ? `urn:heyan:issuer:${issuerCodeOfListId(opts.id)}` : undefined);
  if (!issuerId) throw new FormatError('give issuerId: the list id does not name the issuer (urn:heyan:status:<issuerCode>:<n>)');
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: opts.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerId,
    validFrom,
    validUntil,
    credentialSubject: {
      id: `${opts.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'message',
      statusSize: STATUS_SIZE,
      statusMessage: STATUS_MESSAGES.map((m) => ({ ...m })),
      encodedList: encodeBitstring(bits),
    },
  };
}

/** A signed status list (compact JWS, typ vc+jwt). Throws FormatError / KeyError / UnsupportedError. */
export function createStatusList(opts: CreateStatusListOptions): string {
  const payload = statusListPayload(opts);
  return signJws(payload, {
    key: opts.issuer.key,
    certificate: opts.issuer.certificate,
    ...(opts.issuer.chain ? { chain: opts.issuer.chain } : {}),
    ...(opts.alg ? { alg: opts.alg } : {}),
    typ: 'vc+jwt',
  });
}
