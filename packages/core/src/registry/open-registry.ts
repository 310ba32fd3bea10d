// openRegistry: the SQLite registry at a path (or ':memory:'), migrated to the current schema.
import { Registry, type RegistryOptions } from './registry.js';
import { SqliteRegistryStore, type SqliteStoreOptions } from './sqlite-store.js';

export type OpenRegistryOptions = RegistryOptions & SqliteStoreOptions;

/** Open or create a registry. Throws RegistryError (cannot open, busy), FormatError (not a registry), RuntimeError (no driver). */
export function openRegistry(path: string, opts: OpenRegistryOptions = {}): Registry {
  const store = SqliteRegistryStore.open(path, {
    ...(opts.mustExist !== undefined ? { mustExist: opts.mustExist } : {}),
    ...(opts.listSize !== undefined ? { listSize: opts.listSize } : {}),
    ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}),
    ...(opts.readonly !== undefined ? { readonly: opts.readonly } : {}),
  });
  return new Registry(store, opts);
}
