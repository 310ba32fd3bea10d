// Per-signer verification cache: (public key, user ID) → decoded point and Z. A key seen often
// (16 times by default) also gets a window-8 precompute table (≈ 110 ms, ≈ 0.6 MB) that makes each
// later verification ≈ 4× faster. The threshold keeps one-off and few-use keys (a CA key used twice in
// one chain validation) from paying 110 ms for a table they never amortise (break-even ≈ 35 uses);
// batch runs over archives, where a few CA and seal keys repeat thousands of times, get it early.
// LRU-bounded in entries and tables.
import { sm2Curve } from './curve.js';
import type { Sm2Point } from './factory.js';
import { toHex } from '../../asn1/index.js';

export interface Sm2CacheOptions {
  /** Most (key, ID) entries kept (decoded point + Z, ≈ 1 KB each). Default 1024. */
  maxEntries?: number;
  /** Most entries holding a precompute table (≈ 0.6 MB each). Default 32; 0 disables tables. */
  maxTables?: number;
  /** Sightings of a key before it gets a table. Default 16. */
  tableAfter?: number;
}

interface Entry {
  point: Sm2Point;
  z: Uint8Array;
  seen: number;
  table: boolean;
}

const settings = { maxEntries: 1024, maxTables: 32, tableAfter: 16 };
const entries = new Map<string, Entry>();
let tables = 0;
const MAX_KEYED_ID = 512; // longer IDs are hashed into Z but not cached (bounded key size)

export function configureSm2Cache(opts: Sm2CacheOptions): void {
  if (opts.maxEntries !== undefined) settings.maxEntries = Math.max(0, Math.floor(opts.maxEntries));
  if (opts.maxTables !== undefined) settings.maxTables = Math.max(0, Math.floor(opts.maxTables));
  if (opts.tableAfter !== undefined) settings.tableAfter = Math.max(1, Math.floor(opts.tableAfter));
  trim();
}

export function clearSm2Cache(): void {
  entries.clear();
  tables = 0;
}

export function sm2CacheStats(): { entries: number; tables: number } {
  return { entries: entries.size, tables };
}

function dropTable(key: string, e: Entry): void {
  // noble keeps tables in a WeakMap keyed by the point object: a fresh object sheds the table.
  entries.set(key, { ...e, point: sm2Curve.Point.fromAffine(e.point.toAffine()), table: false });
  tables--;
}

function trim(): void {
  while (entries.size > settings.maxEntries) {
    const [k, e] = entries.entries().next().value as [string, Entry];
    if (e.table) tables--;
    entries.delete(k);
  }
  if (tables > settings.maxTables) {
    for (const [k, e] of entries) {
      if (tables <= settings.maxTables) break;
      if (e.table) dropTable(k, e);
    }
  }
}

/**
 * The decoded point and Z for (point bytes, ID bytes), cached. Throws when the point is invalid
 * (callers turn that into `false`).
 */
export function sm2VerifyKey(pointBytes: Uint8Array, id: Uint8Array): { point: Sm2Point; z: Uint8Array } {
  if (settings.maxEntries === 0 || id.length > MAX_KEYED_ID) {
    const point = sm2Curve.decodePoint(pointBytes);
    return { point, z: sm2Curve.z(point, id) };
  }
  const key = toHex(pointBytes) + '/' + toHex(id);
  let e = entries.get(key);
  if (e) {
    entries.delete(key); // move to the most-recent end
    e.seen++;
  } else {
    const point = sm2Curve.decodePoint(pointBytes);
    e = { point, z: sm2Curve.z(point, id), seen: 1, table: false };
  }
  entries.set(key, e);
  if (!e.table && settings.maxTables > 0 && e.seen >= settings.tableAfter) {
    sm2Curve.warmBase();
    e.point.precompute(8, false);
    e.table = true;
    tables++;
  }
  trim();
  return e;
}
