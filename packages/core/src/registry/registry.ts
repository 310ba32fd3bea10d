// The issuer registry: licences an authority issued, where each sits in its status lists, and every status change
// (suspend, revoke, reinstate) with its reason, actor and effective time. The history is append-only and answers
// point-in-time questions ("was it valid on date D"); the current statuses feed the published status lists.
import { randomInt } from 'node:crypto';
import { FormatError } from '../errors.js';
import { parseLicenseRecord, type LicenseRecord, type ParseRecordOptions } from '../license/index.js';
import type { LicenseStatus } from '../status/types.js';
import { RegistryError } from './errors.js';
import { checkAppend, effectiveOrder, statusAtFrom } from './history.js';
import { holderDigest } from './holder-digest.js';
import { MAX_ACTOR_CHARS, MAX_IDENTIFIER_CHARS, MAX_RECORD_JSON_BYTES, MAX_REASON_CHARS } from './limits.js';
import type { LicenceRow, NewStatusEvent, RegisteredLicence, RegisterOptions, RegistryStore, StatusAction, StatusAt, StatusChange, StatusEvent } from './types.js';

export interface RegistryOptions {
  /** Clock for recordedAt and default times (tests fix it). */
  now?: () => Date;
  /** Uniform random integer in [0, n), for index assignment (default crypto.randomInt). */
  random?: (n: number) => number;
  /** Keep the holder code in the stored record JSON (default false: only its keyed digest is kept). */
  keepHolderCode?: boolean;
  /** Licence types to check records against (default the shipped ones). */
  types?: ParseRecordOptions['types'];
}

export interface StatusChangeOptions {
  reason: string;
  actor?: string;
  /** When the change takes effect; default now. May be in the past (retroactive) or the future (scheduled). */
  at?: Date;
}

const ACTION: Record<StatusChange, StatusAction> = { suspended: 'suspend', revoked: 'revoke', reinstated: 'reinstate', valid: 'reinstate' };
const RESULT: Record<StatusAction, LicenseStatus> = { register: 'valid', suspend: 'suspended', revoke: 'revoked', reinstate: 'valid' };

function validDate(d: unknown, what: string): Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new FormatError(`${what} is not a valid date`);
  const y = d.getUTCFullYear();
  // Fixed-width ISO text keeps the stored times in order when compared as text.
  if (y < 1900 || y > 9999) throw new FormatError(`${what}: year ${y} is outside 1900..9999`);
  return d;
}

function text(v: unknown, what: string, max: number, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw new FormatError(`${what} is required`);
    return undefined;
  }
  if (typeof v !== 'string') throw new FormatError(`${what} must be a string`);
  const t = v.trim();
  if (required && t === '') throw new FormatError(`${what} must not be empty`);
  if (t.length > max) throw new FormatError(`${what} is longer than ${max} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t)) throw new FormatError(`${what} contains control characters`);
  return t === '' ? undefined : t;
}

/** The issue date (YYYY-MM-DD, read as 00:00 China Standard Time), when it is one. */
function issueMoment(record: LicenseRecord): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(record.issueDate)) return undefined;
  const d = new Date(`${record.issueDate}T00:00:00+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export const statusListIdOf = (issuerCode: string, list: number): string => `urn:heyan:status:${issuerCode}:${list}`;

function registered(row: LicenceRow): RegisteredLicence {
  return {
    identifier: row.identifier,
    issuerCode: row.issuerCode,
    typeCode: row.typeCode,
    areaCode: row.areaCode,
    ...(row.credentialId !== undefined ? { credentialId: row.credentialId } : {}),
    statusList: row.statusList,
    statusIndex: row.statusIndex,
    statusListId: statusListIdOf(row.issuerCode, row.statusList),
    registeredAt: row.registeredAt,
  };
}

export class Registry {
  readonly store: RegistryStore;
  readonly #now: () => Date;
  readonly #random: (n: number) => number;
  readonly #keepHolder: boolean;
  readonly #types: ParseRecordOptions['types'];
  #listSize: number | undefined;

  constructor(store: RegistryStore, opts: RegistryOptions = {}) {
    this.store = store;
    this.#now = opts.now ?? (() => new Date());
    this.#random = opts.random ?? ((n) => randomInt(n));
    this.#keepHolder = opts.keepHolderCode === true;
    this.#types = opts.types;
  }

  /** Entries per status list (fixed when the registry was created). */
  async listSize(): Promise<number> {
    if (this.#listSize === undefined) this.#listSize = Number((await this.store.setting('list-size')) ?? 131_072);
    return this.#listSize;
  }

  schemaVersion(): Promise<number> {
    return this.store.schemaVersion();
  }

  /**
   * Register an issued licence (a record as JSON text, bytes or value; it is checked with parseLicenseRecord and
   * refused when a check fails). Assigns a random free status entry unless one is given. Throws FormatError for
   * a bad record, RegistryError when the identifier or the entry is taken.
   */
  async register(record: unknown, opts: RegisterOptions = {}): Promise<RegisteredLicence> {
    const parsed = parseLicenseRecord(record, this.#types ? { types: this.#types } : {});
    const failed = parsed.checks.filter((c) => c.status === 'failed');
    if (!parsed.record || failed.length > 0) throw new FormatError(`the licence record is not acceptable: ${failed.map((c) => c.message.en).join('; ') || 'unreadable'}`);
    const r = parsed.record;
    const identifier = text(r.certificateIdentifier, 'certificateIdentifier', MAX_IDENTIFIER_CHARS, true)!;
    const credentialId = text(opts.credentialId, 'credentialId', 512, false);
    const stored: Record<string, unknown> = { ...r };
    if (!this.#keepHolder) delete stored.certificateHolderCode;
    const recordJson = JSON.stringify(stored);
    if (Buffer.byteLength(recordJson) > MAX_RECORD_JSON_BYTES) throw new FormatError(`the record is larger than ${MAX_RECORD_JSON_BYTES} bytes`);
    const now = this.#now();
    const at = opts.at !== undefined ? validDate(opts.at, 'at') : (issueMoment(r) ?? now);
    validDate(at, 'registration time');
    const reason = text(opts.reason, 'reason', MAX_REASON_CHARS, false);
    const actor = text(opts.actor, 'actor', MAX_ACTOR_CHARS, false);
    const first: NewStatusEvent = { action: 'register', status: 'valid', at, recordedAt: now, ...(reason ? { reason } : {}), ...(actor ? { actor } : {}) };
    const row = await this.store.insertLicence(
      {
        identifier,
        typeCode: r.certificateTypeCode,
        issuerCode: r.issueDeptCode,
        areaCode: r.certificateAreaCode,
        holderDigest: holderDigest(await this.store.holderKey(), r.certificateHolderCode),
        ...(credentialId ? { credentialId } : {}),
        recordJson,
        registeredAt: now,
      },
      first,
      {
        listSize: await this.listSize(),
        random: this.#random,
        ...(opts.statusIndex !== undefined ? { statusIndex: opts.statusIndex } : {}),
        ...(opts.statusList !== undefined ? { statusList: opts.statusList } : {}),
      },
    );
    return registered(row);
  }

  /**
   * Record a status change: 'suspended', 'revoked', or 'reinstated' / 'valid' (lifts a suspension). Revocation is
   * final. The change is checked against the whole history in effective order. Returns the stored event.
   */
  async setStatus(identifier: string, status: StatusChange, opts: StatusChangeOptions): Promise<StatusEvent> {
    const action = ACTION[status];
    if (!action) throw new FormatError(`unknown status "${String(status)}" (valid, suspended, revoked, reinstated)`);
    const reason = text(opts?.reason, 'reason', MAX_REASON_CHARS, true)!;
    const actor = text(opts.actor, 'actor', MAX_ACTOR_CHARS, false);
    const now = this.#now();
    const at = opts.at !== undefined ? validDate(opts.at, 'at') : now;
    const event: NewStatusEvent = { action, status: RESULT[action], reason, at, recordedAt: now, ...(actor ? { actor } : {}) };
    return this.store.appendEvent(identifier, event, (history) => checkAppend(history, event));
  }

  /** Every event of a licence in effective order (time it took effect, then recording order); [] when unknown. */
  async history(identifier: string): Promise<StatusEvent[]> {
    return effectiveOrder(await this.store.events(identifier));
  }

  /** The status at `date` (default now), from the history; undefined when the licence is not registered. */
  async statusAt(identifier: string, date: Date = this.#now()): Promise<StatusAt | undefined> {
    validDate(date, 'date');
    const events = await this.store.events(identifier);
    if (events.length === 0) return undefined;
    return statusAtFrom(events, date);
  }

  /** statusAt, synchronously, for stores that read synchronously (SQLite). Throws RegistryError for other stores. */
  statusAtSync(identifier: string, date: Date = this.#now()): StatusAt | undefined {
    validDate(date, 'date');
    if (!this.store.eventsSync) throw new RegistryError(`the ${this.store.kind} registry store cannot be read synchronously`);
    const events = this.store.eventsSync(identifier);
    return events.length === 0 ? undefined : statusAtFrom(events, date);
  }

  /**
   * The point-in-time view a synchronous verifier takes (the credential module's StatusRegistry): the status at a
   * date, or undefined when the licence is not registered or not yet in effect then.
   */
  asStatusSource(): { statusAt(identifier: string, date: Date): { status: LicenseStatus; since?: Date; reason?: string } | undefined } {
    return {
      statusAt: (identifier, date) => {
        const s = this.statusAtSync(identifier, date);
        if (!s || s.status === 'unknown') return undefined;
        return { status: s.status, ...(s.since ? { since: s.since } : {}), ...(s.reason !== undefined ? { reason: s.reason } : {}) };
      },
    };
  }

  /** A registered licence and its stored record, or undefined. */
  async get(identifier: string): Promise<(RegisteredLicence & { record: unknown }) | undefined> {
    const row = await this.store.getLicence(identifier);
    return row ? { ...registered(row), record: JSON.parse(row.recordJson) as unknown } : undefined;
  }

  /** The licences of a holder (resident ID number or USCC), found through the keyed digest. */
  async findByHolder(holderCode: string): Promise<RegisteredLicence[]> {
    const rows = await this.store.findByHolderDigest(holderDigest(await this.store.holderKey(), holderCode));
    return rows.map(registered);
  }

  /** The issuer's status lists that hold licences (0, 1, ...). */
  statusLists(issuerCode: string): Promise<number[]> {
    return this.store.issuerLists(issuerCode);
  }

  /**
   * Entry → status of every licence in one status list of an issuer, at `at` (default now), for publishing with
   * createStatusList. Licences not yet in effect at `at` are left out (their entries read as valid, as unused ones).
   */
  async statusListEntries(issuerCode: string, opts: { list?: number; at?: Date } = {}): Promise<Map<number, LicenseStatus>> {
    const at = validDate(opts.at ?? this.#now(), 'at');
    const list = opts.list ?? 0;
    if (!Number.isSafeInteger(list) || list < 0) throw new RegistryError(`status list ${list} is not a list number`);
    const out = new Map<number, LicenseStatus>();
    for (const e of await this.store.listEntries(issuerCode, list)) {
      const s = statusAtFrom(e.events, at);
      if (s.status !== 'unknown') out.set(e.statusIndex, s.status);
    }
    return out;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
