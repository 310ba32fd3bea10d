// The SQLite registry store (better-sqlite3 12). better-sqlite3 is synchronous, so each store method runs its whole
// transaction without yielding; BEGIN IMMEDIATE takes the write lock up front, so two processes on one file
// serialise (WAL lets readers go on) and index assignment never races. The native module is loaded on first use, so
// importing @heyan/core does not need it.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { FormatError, RuntimeError } from '../errors.js';
import { pickFreeIndex } from './assign-index.js';
import { RegistryError } from './errors.js';
import { BUSY_TIMEOUT_MS, DEFAULT_LIST_SIZE, MAX_EVENTS_PER_LICENCE, MAX_LISTS_PER_ISSUER, RANDOM_PROBES } from './limits.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';
import type { IndexRequest, LicenceRow, NewLicence, NewStatusEvent, RegistryStore, StatusEvent } from './types.js';

type Db = BetterSqlite3.Database;

interface LicenceDb {
  identifier: string;
  type_code: string;
  issuer_code: string;
  area_code: string;
  holder_digest: string;
  credential_id: string | null;
  status_list: number;
  status_index: number;
  record_json: string;
  registered_at: string;
}

interface EventDb {
  seq: number;
  identifier: string;
  action: StatusEvent['action'];
  status: StatusEvent['status'];
  reason: string | null;
  actor: string | null;
  at: string;
  recorded_at: string;
}

export interface SqliteStoreOptions {
  /** Refuse to create a new file (commands that read or change an existing registry). */
  mustExist?: boolean;
  /** Entries per status list, fixed when the registry is created (default 131 072). */
  listSize?: number;
  /** Milliseconds to wait for another writer's lock before giving up (default 10 000). */
  busyTimeoutMs?: number;
  /** Open an existing file for reading only (verifiers): no migration, no settings written; implies mustExist. */
  readonly?: boolean;
}

function loadDriver(): typeof BetterSqlite3 {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  } catch (e) {
    throw new RuntimeError(`the SQLite registry needs better-sqlite3 (npm install better-sqlite3@12): ${(e as Error).message}`, { cause: e });
  }
}

const licenceOf = (r: LicenceDb): LicenceRow => ({
  identifier: r.identifier,
  typeCode: r.type_code,
  issuerCode: r.issuer_code,
  areaCode: r.area_code,
  holderDigest: r.holder_digest,
  ...(r.credential_id !== null ? { credentialId: r.credential_id } : {}),
  statusList: r.status_list,
  statusIndex: r.status_index,
  recordJson: r.record_json,
  registeredAt: new Date(r.registered_at),
});

const eventOf = (r: EventDb): StatusEvent => ({
  seq: r.seq,
  identifier: r.identifier,
  action: r.action,
  status: r.status,
  ...(r.reason !== null ? { reason: r.reason } : {}),
  ...(r.actor !== null ? { actor: r.actor } : {}),
  at: new Date(r.at),
  recordedAt: new Date(r.recorded_at),
});

/** SQLite errors as heyan errors: constraint and busy problems are the caller's; anything else is a bad file. */
function translate(e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  const m = (e as Error).message;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new RegistryError('this licence identifier is already registered', { cause: e });
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return new RegistryError('this status list entry is already taken', { cause: e });
  if (code.startsWith('SQLITE_CONSTRAINT')) return new RegistryError(`refused by the registry: ${m}`, { cause: e });
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new RegistryError(`the registry is busy (another process holds the write lock): ${m}`, { cause: e });
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new FormatError(`not a heyan registry (SQLite: ${m})`, { cause: e });
  if (code === 'SQLITE_CANTOPEN') return new RegistryError(`cannot open the registry: ${m}`, { cause: e });
  return new RegistryError(`SQLite: ${m}`, { cause: e });
}

function guard<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(translate(e));
  }
}

export class SqliteRegistryStore implements RegistryStore {
  readonly kind = 'sqlite';
  readonly #db: Db;

  private constructor(db: Db) {
    this.#db = db;
  }

  /** Open (or create) a registry file, or ':memory:'. Applies pending migrations. Throws RegistryError / FormatError / RuntimeError. */
  static open(path: string, opts: SqliteStoreOptions = {}): SqliteRegistryStore {
    const Driver = loadDriver();
    let db: Db;
    try {
      db = new Driver(path, { fileMustExist: opts.mustExist === true || opts.readonly === true, readonly: opts.readonly === true, timeout: opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
    } catch (e) {
      const t = translate(e);
      if (t !== e) throw t;
      throw new RegistryError(`cannot open the registry ${path}: ${(e as Error).message}`, { cause: e });
    }
    try {
      if (opts.readonly === true) {
        checkReadable(db);
        return new SqliteRegistryStore(db);
      }
      if (!db.memory) db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = FULL');
      migrate(db);
      initSettings(db, opts.listSize);
    } catch (e) {
      db.close();
      throw translate(e);
    }
    return new SqliteRegistryStore(db);
  }

  schemaVersion(): Promise<number> {
    return guard(() => (this.#db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v);
  }

  holderKey(): Promise<Uint8Array> {
    return guard(() => new Uint8Array(Buffer.from(setting(this.#db, 'holder-key') ?? '', 'hex')));
  }

  setting(name: string): Promise<string | undefined> {
    return guard(() => setting(this.#db, name));
  }

  insertLicence(licence: NewLicence, first: NewStatusEvent, index: IndexRequest): Promise<LicenceRow> {
    return guard(() =>
      this.#db
        .transaction((): LicenceRow => {
          const db = this.#db;
          const { list, position } = chooseEntry(db, licence.issuerCode, index);
          db.prepare(
            `INSERT INTO licences (identifier, type_code, issuer_code, area_code, holder_digest, credential_id, status_list, status_index, record_json, registered_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(licence.identifier, licence.typeCode, licence.issuerCode, licence.areaCode, licence.holderDigest, licence.credentialId ?? null, list, position, licence.recordJson, licence.registeredAt.toISOString());
          insertEvent(db, licence.identifier, first);
          return { ...licence, statusList: list, statusIndex: position };
        })
        .immediate(),
    );
  }

  getLicence(identifier: string): Promise<LicenceRow | undefined> {
    return guard(() => {
      const r = this.#db.prepare('SELECT * FROM licences WHERE identifier = ?').get(identifier) as LicenceDb | undefined;
      return r ? licenceOf(r) : undefined;
    });
  }

  findByHolderDigest(digest: string): Promise<LicenceRow[]> {
    return guard(() => (this.#db.prepare('SELECT * FROM licences WHERE holder_digest = ? ORDER BY registered_at, identifier LIMIT 10000').all(digest) as LicenceDb[]).map(licenceOf));
  }

  events(identifier: string): Promise<StatusEvent[]> {
    return guard(() => readEvents(this.#db, identifier));
  }

  eventsSync(identifier: string): StatusEvent[] {
    try {
      return readEvents(this.#db, identifier);
    } catch (e) {
      throw translate(e);
    }
  }

  appendEvent(identifier: string, event: NewStatusEvent, validate: (history: readonly StatusEvent[]) => void): Promise<StatusEvent> {
    return guard(() =>
      this.#db
        .transaction((): StatusEvent => {
          const db = this.#db;
          if (!db.prepare('SELECT 1 FROM licences WHERE identifier = ?').get(identifier)) throw new RegistryError(`licence ${identifier} is not registered`);
          const history = readEvents(db, identifier);
          if (history.length >= MAX_EVENTS_PER_LICENCE) throw new RegistryError(`licence ${identifier} has ${history.length} status events, the most allowed`);
          validate(history);
          return insertEvent(db, identifier, event);
        })
        .immediate(),
    );
  }

  issuerLists(issuerCode: string): Promise<number[]> {
    return guard(() => (this.#db.prepare('SELECT DISTINCT status_list AS l FROM licences WHERE issuer_code = ? ORDER BY l').all(issuerCode) as { l: number }[]).map((r) => r.l));
  }

  listEntries(issuerCode: string, statusList: number): Promise<{ identifier: string; statusIndex: number; events: StatusEvent[] }[]> {
    return guard(() =>
      // One read transaction: a consistent snapshot of the list even while others write.
      this.#db.transaction(() => {
        const rows = this.#db
          .prepare(
            `SELECT l.identifier AS lid, l.status_index AS idx, e.* FROM licences l JOIN status_events e ON e.identifier = l.identifier
             WHERE l.issuer_code = ? AND l.status_list = ? ORDER BY l.status_index, e.seq`,
          )
          .all(issuerCode, statusList) as (EventDb & { lid: string; idx: number })[];
        const out: { identifier: string; statusIndex: number; events: StatusEvent[] }[] = [];
        for (const r of rows) {
          let last = out[out.length - 1];
          if (!last || last.identifier !== r.lid) {
            last = { identifier: r.lid, statusIndex: r.idx, events: [] };
            out.push(last);
          }
          last.events.push(eventOf(r));
        }
        return out;
      })(),
    );
  }

  close(): Promise<void> {
    return guard(() => {
      if (this.#db.open) this.#db.close();
    });
  }
}

function setting(db: Db, name: string): string | undefined {
  return (db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as { value: string } | undefined)?.value;
}

function migrate(db: Db): void {
  db.transaction(() => {
    const hasVersionTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
    if (!hasVersionTable) {
      const other = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get() as { name: string } | undefined;
      if (other) throw new FormatError(`not a heyan registry (it has a table "${other.name}" but no schema_version)`);
      db.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
    }
    const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version').get() as { v: number }).v;
    if (current > LATEST_SCHEMA_VERSION) throw new FormatError(`the registry has schema version ${current}, newer than this heyan understands (${LATEST_SCHEMA_VERSION}): upgrade heyan`);
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)').run(m.version, m.description, new Date().toISOString());
    }
  }).immediate();
}

/** A read-only open cannot migrate: the file must already be a registry of a schema this heyan reads. */
function checkReadable(db: Db): void {
  const hasVersionTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!hasVersionTable) throw new FormatError('not a heyan registry (no schema_version table)');
  const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version').get() as { v: number }).v;
  if (current !== LATEST_SCHEMA_VERSION) throw new FormatError(`the registry has schema version ${current}, this heyan reads ${LATEST_SCHEMA_VERSION} (open it once for writing to migrate, or upgrade heyan)`);
}

function initSettings(db: Db, listSize: number | undefined): void {
  if (listSize !== undefined && (!Number.isSafeInteger(listSize) || listSize < 8 || listSize > 32 * 1024 * 1024)) throw new RegistryError(`list size ${listSize} is outside 8..${32 * 1024 * 1024}`);
  db.transaction(() => {
    const put = db.prepare('INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)');
    put.run('holder-key', randomBytes(32).toString('hex'));
    put.run('list-size', String(listSize ?? DEFAULT_LIST_SIZE));
    const stored = Number(setting(db, 'list-size'));
    if (listSize !== undefined && stored !== listSize) throw new RegistryError(`the registry was created with ${stored} entries per status list, not ${listSize}`);
  }).immediate();
}

function readEvents(db: Db, identifier: string): StatusEvent[] {
  return (db.prepare('SELECT * FROM status_events WHERE identifier = ? ORDER BY seq LIMIT ?').all(identifier, MAX_EVENTS_PER_LICENCE + 1) as EventDb[]).map(eventOf);
}

function insertEvent(db: Db, identifier: string, e: NewStatusEvent): StatusEvent {
  const r = db
    .prepare('INSERT INTO status_events (identifier, action, status, reason, actor, at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(identifier, e.action, e.status, e.reason ?? null, e.actor ?? null, e.at.toISOString(), e.recordedAt.toISOString());
  return { ...e, seq: Number(r.lastInsertRowid), identifier };
}

/** The list and entry for a new licence: the requested one if free, else a random free entry of the first list with room. */
function chooseEntry(db: Db, issuerCode: string, req: IndexRequest): { list: number; position: number } {
  const size = req.listSize;
  const used = db.prepare('SELECT 1 FROM licences WHERE issuer_code = ? AND status_list = ? AND status_index = ?');
  if (req.statusIndex !== undefined) {
    const list = req.statusList ?? 0;
    if (!Number.isSafeInteger(req.statusIndex) || req.statusIndex < 0 || req.statusIndex >= size) throw new RegistryError(`status index ${req.statusIndex} is outside 0..${size - 1}`);
    if (!Number.isSafeInteger(list) || list < 0 || list >= MAX_LISTS_PER_ISSUER) throw new RegistryError(`status list ${list} is outside 0..${MAX_LISTS_PER_ISSUER - 1}`);
    if (used.get(issuerCode, list, req.statusIndex)) throw new RegistryError(`status list ${list} entry ${req.statusIndex} of issuer ${issuerCode} is already taken`);
    return { list, position: req.statusIndex };
  }
  const counts = new Map((db.prepare('SELECT status_list AS l, COUNT(*) AS n FROM licences WHERE issuer_code = ? GROUP BY status_list').all(issuerCode) as { l: number; n: number }[]).map((r) => [r.l, r.n]));
  for (let list = 0; list < MAX_LISTS_PER_ISSUER; list++) {
    if ((counts.get(list) ?? 0) >= size) continue;
    const position = pickFreeIndex(
      size,
      (i) => used.get(issuerCode, list, i) !== undefined,
      () => (db.prepare('SELECT status_index AS i FROM licences WHERE issuer_code = ? AND status_list = ?').pluck().all(issuerCode, list) as number[]),
      req.random,
      RANDOM_PROBES,
    );
    if (position !== undefined) return { list, position };
  }
  throw new RegistryError(`issuer ${issuerCode} has no free status list entry left`);
}
