// Schema migrations of the SQLite registry, applied in order at open; `schema_version` records each one. Add a new
// entry for every change, never edit a released one.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'licences, append-only status events, settings',
    sql: `
      CREATE TABLE settings (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE licences (
        identifier    TEXT PRIMARY KEY,
        type_code     TEXT NOT NULL,
        issuer_code   TEXT NOT NULL,
        area_code     TEXT NOT NULL,
        holder_digest TEXT NOT NULL,
        credential_id TEXT,
        status_list   INTEGER NOT NULL CHECK (status_list >= 0),
        status_index  INTEGER NOT NULL CHECK (status_index >= 0),
        record_json   TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        UNIQUE (issuer_code, status_list, status_index)
      );
      CREATE INDEX licences_by_holder ON licences (holder_digest);
      CREATE TABLE status_events (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        identifier  TEXT NOT NULL REFERENCES licences (identifier),
        action      TEXT NOT NULL CHECK (action IN ('register', 'suspend', 'revoke', 'reinstate')),
        status      TEXT NOT NULL CHECK (status IN ('valid', 'suspended', 'revoked')),
        reason      TEXT,
        actor       TEXT,
        at          TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX status_events_by_licence ON status_events (identifier, seq);
      -- History is evidence: events are never changed or removed.
      CREATE TRIGGER status_events_no_update BEFORE UPDATE ON status_events
        BEGIN SELECT RAISE(ABORT, 'status events are append-only'); END;
      CREATE TRIGGER status_events_no_delete BEFORE DELETE ON status_events
        BEGIN SELECT RAISE(ABORT, 'status events are append-only'); END;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
