// Registry limits: bounded text, bounded history, bounded lists.

export const MAX_IDENTIFIER_CHARS = 256;
export const MAX_REASON_CHARS = 2000;
export const MAX_ACTOR_CHARS = 256;
/** Largest stored record JSON, bytes. */
export const MAX_RECORD_JSON_BYTES = 1024 * 1024;
/** Status events per licence. */
export const MAX_EVENTS_PER_LICENCE = 10_000;
/** Status lists per issuer. */
export const MAX_LISTS_PER_ISSUER = 4096;
/** Entries per list by default (the W3C minimum). */
export const DEFAULT_LIST_SIZE = 131_072;
/** Random probes for a free entry before falling back to a scan of the list. */
export const RANDOM_PROBES = 32;
/** Milliseconds a writer waits for another process's lock. */
export const BUSY_TIMEOUT_MS = 10_000;
