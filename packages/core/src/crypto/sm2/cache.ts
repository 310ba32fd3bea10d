// Per-signer verification cache: (public key, user ID) → decoded point, its affine coordinates and Z. A key seen a
// few times (4 by default) gets a window-4 table of affine points for the variable-time kernel in fast-mul.ts
// (≈ 3 ms), which makes each later verification ≈ 3× faster than the per-call wNAF; a key seen very often (512 times
// by default) a window-8 one (≈ 30 ms, ≈ 0.6 MB, with a window-8 base table), faster again. Each tier pays for itself
// at about its threshold: a one-off key (a CA key used twice in one chain validation) builds nothing, a short batch
// (a folder of a few hundred licences by one signer) gets the cheap table at once, an archive of thousands gets the
// wide one. LRU-bounded in entries and tables.
import { sm2Curve } from './curve.js';
import type { Sm2Point } from './factory.js';
import { toHex } from '../../asn1/index.js';
import { buildFixedTable, type FixedTable } from './fast-mul.js';
import { baseTable, SCALAR_BITS } from './base-table.js';

export interface Sm2CacheOptions {
  /** Most (key, ID) entries kept (decoded point + Z, ≈ 1 KB each). Default 1024. */
  maxEntries?: number;
  /** Most entries holding a precompute table (≈ 0.1 MB each, ≈ 0.6 MB when wide). Default 32; 0 disables tables. */
  maxTables?: number;
  /** Sightings of a key before it gets the window-4 table. Default 4. */
  smallTableAfter?: number;
  /** Sightings of a key before it gets the window-8 table. Default 512. */
  tableAfter?: number;
}

/** A decoded key: noble's point (for the complete-formula fallback), its affine x, y and Z. */
export interface Sm2Key {
  point: Sm2Point;
  x: bigint;
  y: bigint;
  z: Uint8Array;
  /** The point's table for the variable-time verification kernel (fast-mul.ts), once the cache built one. */
  fast?: FixedTable;
}

interface Entry extends Sm2Key {
  seen: number;
  /** Window of the point's precompute table; 0 = none. */
  table: 0 | 4 | 8;
}

const settings = { maxEntries: 1024, maxTables: 32, smallTableAfter: 4, tableAfter: 512 };
const entries = new Map<string, Entry>();
let tables = 0;
const MAX_KEYED_ID = 512; // longer IDs are hashed into Z but not cached (bounded key size)

export function configureSm2Cache(opts: Sm2CacheOptions): void {
  if (opts.maxEntries !== undefined) settings.maxEntries = Math.max(0, Math.floor(opts.maxEntries));
  if (opts.maxTables !== undefined) settings.maxTables = Math.max(0, Math.floor(opts.maxTables));
  if (opts.smallTableAfter !== undefined) settings.smallTableAfter = Math.max(1, Math.floor(opts.smallTableAfter));
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
  const { fast: _dropped, ...rest } = e;
  entries.set(key, { ...rest, table: 0 });
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

/** The key's table, or undefined on an exceptional addition (impossible for a point of prime order n): the key is
 * then verified without one, never refused. */
function tableOf(e: Entry, W: 4 | 8): FixedTable | undefined {
  try {
    return buildFixedTable(e.x, e.y, W, SCALAR_BITS);
  } catch {
    return undefined;
  }
}

function decodeKey(pointBytes: Uint8Array, id: Uint8Array): Sm2Key {
  const point = sm2Curve.decodePoint(pointBytes);
  const { x, y } = point.toAffine();
  return { point, x, y, z: sm2Curve.z(point, id) };
}

/**
 * The decoded point and Z for (point bytes, ID bytes), cached. Throws when the point is invalid
 * (callers turn that into `false`).
 */
export function sm2VerifyKey(pointBytes: Uint8Array, id: Uint8Array): Sm2Key {
  if (settings.maxEntries === 0 || id.length > MAX_KEYED_ID) return decodeKey(pointBytes, id);
  const key = toHex(pointBytes) + '/' + toHex(id);
  let e = entries.get(key);
  if (e) {
    entries.delete(key); // move to the most-recent end
    e.seen++;
  } else {
    e = { ...decodeKey(pointBytes, id), seen: 1, table: 0 };
  }
  entries.set(key, e);
  const want = e.seen >= settings.tableAfter ? 8 : e.seen >= settings.smallTableAfter ? 4 : 0;
  if (want !== 0 && want > e.table && settings.maxTables > 0) {
    // The window-8 tier pairs with the base point's window-8 table (built here, once); the window-4 one with the
    // static window-6 one.
    if (want === 8) baseTable(8);
    const fast = tableOf(e, want);
    if (fast) {
      e.fast = fast; // replaces a smaller table
      if (!e.table) tables++;
      e.table = want;
    }
  }
  trim();
  return e;
}
