// The issuer registry's data: licences with their status-list position, and their append-only status events.
import type { LicenseStatus } from '../status/types.js';

/** What a status change asks for; 'reinstated' (and 'valid') lift a suspension. */
export type StatusChange = LicenseStatus | 'reinstated';

/** The action an event records. */
export type StatusAction = 'register' | 'suspend' | 'revoke' | 'reinstate';

export interface StatusEvent {
  /** Recording order (unique, increasing). */
  seq: number;
  identifier: string;
  action: StatusAction;
  /** The status from `at` on. */
  status: LicenseStatus;
  reason?: string;
  actor?: string;
  /** When the change takes effect (may be in the past: a revocation effective from an earlier date). */
  at: Date;
  /** When it was written. */
  recordedAt: Date;
}

/** An event before it is stored. */
export type NewStatusEvent = Omit<StatusEvent, 'seq' | 'identifier'>;

export interface LicenceRow {
  identifier: string;
  typeCode: string;
  issuerCode: string;
  areaCode: string;
  /** HMAC-SHA256 (per-registry key) of the holder code: lookups without storing the ID number. */
  holderDigest: string;
  credentialId?: string;
  /** Which of the issuer's status lists (0, 1, ...) and the entry in it. */
  statusList: number;
  statusIndex: number;
  /** The record as JSON (holder code removed unless the registry keeps it). */
  recordJson: string;
  registeredAt: Date;
}

export type NewLicence = Omit<LicenceRow, 'statusList' | 'statusIndex'>;

export interface IndexRequest {
  /** Entries per status list. */
  listSize: number;
  /** A chosen entry (and list, default 0); otherwise a random free entry of the first list with room. */
  statusIndex?: number;
  statusList?: number;
  /** Uniform random integer in [0, n). */
  random: (n: number) => number;
}

/**
 * Storage behind the registry. Every method is atomic; `insertLicence` and `appendEvent` run in one write
 * transaction each (index assignment and transition checks see a consistent state). The SQLite store is the
 * default; a PostgreSQL adapter implements the same methods (SELECT ... FOR UPDATE on the licence row).
 */
export interface RegistryStore {
  readonly kind: string;
  schemaVersion(): Promise<number>;
  /** The key for holder digests, created with the store. */
  holderKey(): Promise<Uint8Array>;
  /** Stored settings (e.g. 'list-size'). */
  setting(name: string): Promise<string | undefined>;
  insertLicence(licence: NewLicence, first: NewStatusEvent, index: IndexRequest): Promise<LicenceRow>;
  getLicence(identifier: string): Promise<LicenceRow | undefined>;
  findByHolderDigest(digest: string): Promise<LicenceRow[]>;
  /** Events of one licence in recording order. */
  events(identifier: string): Promise<StatusEvent[]>;
  /** The same, synchronously: offered by stores that can (SQLite), for synchronous verifiers. */
  eventsSync?(identifier: string): StatusEvent[];
  /**
   * Append an event after `validate` accepted it against the stored history (in recording order), in one
   * transaction. `validate` throws to refuse.
   */
  appendEvent(identifier: string, event: NewStatusEvent, validate: (history: readonly StatusEvent[]) => void): Promise<StatusEvent>;
  /** Status lists of an issuer that have entries. */
  issuerLists(issuerCode: string): Promise<number[]>;
  /** Every licence of one list of an issuer with its events (recording order). */
  listEntries(issuerCode: string, statusList: number): Promise<{ identifier: string; statusIndex: number; events: StatusEvent[] }[]>;
  close(): Promise<void>;
}

export interface RegisterOptions {
  credentialId?: string;
  /** Chosen status entry; default a random free one (herd privacy). */
  statusIndex?: number;
  /** Status list number for a chosen entry (default 0). */
  statusList?: number;
  /** When the licence became valid; default its issue date (00:00 China Standard Time), else now. */
  at?: Date;
  actor?: string;
  reason?: string;
}

export interface RegisteredLicence {
  identifier: string;
  issuerCode: string;
  typeCode: string;
  areaCode: string;
  credentialId?: string;
  statusList: number;
  statusIndex: number;
  /** The id of the status list holding the entry: urn:heyan:status:<issuerCode>:<statusList>. */
  statusListId: string;
  registeredAt: Date;
}

export interface StatusAt {
  /** 'unknown' before the licence's first event (it was not yet issued). */
  status: LicenseStatus | 'unknown';
  /** When this status took effect. */
  since?: Date;
  reason?: string;
  actor?: string;
  action?: StatusAction;
  /** The deciding event. */
  event?: StatusEvent;
}
