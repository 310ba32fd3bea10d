// Issuer registry: issued licences, their status-list entries and append-only status history (SQLite by default).
export { openRegistry, type OpenRegistryOptions } from './open-registry.js';
export { Registry, statusListIdOf, type RegistryOptions, type StatusChangeOptions } from './registry.js';
export { SqliteRegistryStore, type SqliteStoreOptions } from './sqlite-store.js';
export { RegistryError } from './errors.js';
export { checkHistory, effectiveOrder, statusAtFrom, transition } from './history.js';
export { pickFreeIndex } from './assign-index.js';
export { holderDigest } from './holder-digest.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations.js';
export * as registryLimits from './limits.js';
export type {
  IndexRequest,
  LicenceRow,
  NewLicence,
  NewStatusEvent,
  RegisteredLicence,
  RegisterOptions,
  RegistryStore,
  StatusAction,
  StatusAt,
  StatusChange,
  StatusEvent,
} from './types.js';
