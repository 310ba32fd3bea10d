// Per-signer verification cache: (public key, user ID) → decoded point and Z. A key seen a few times (4 by
// default) gets a window-4 table of affine points for the variable-time kernel in fast-mul.ts (≈ 5 ms, with a
// window-6 table for the base point built once), which makes each later verification ≈ 3× faster; a key seen very
// often (512 times by default) a window-8 one (≈ 30 ms, ≈ 0.6 MB, with a window-8 base table), faster again. Each tier pays for itself at about its threshold: a one-off key (a CA key used
// twice in one chain validation) builds nothing, a short batch (a folder of a few hundred licences by one signer)
// gets the cheap table at once, an archive of thousands gets the wide one. LRU-bounded in entries and tables.
import { sm2Curve } from './curve.js';
import type { Sm2Point } from './factory.js';
import { toHex } from '../../asn1/index.js';
import { buildFixedTable, type FixedTable } from './fast-mul.js';

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

interface Entry {
  point: Sm2Point;
  z: Uint8Array;
  seen: number;
  /** Window of the point's precompute table; 0 = none. */
  table: 0 | 4 | 8;
  /** The point's table for the variable-time verification kernel (fast-mul.ts). */
  fast?: FixedTable;
}

// The base point's tables for the same kernel: window 6 with the window-4 tier, window 8 with the window-8 one.
const baseTables = new Map<number, FixedTable>();
export function baseTable(W: 6 | 8): FixedTable {
  let t = baseTables.get(W);
  if (!t) baseTables.set(W, (t = buildFixedTable(sm2Curve.Point.Fp, sm2Curve.Point.BASE, W, sm2Curve.Point.Fn.BITS)));
  return t;
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

/**
 * The decoded point and Z for (point bytes, ID bytes), cached. Throws when the point is invalid
 * (callers turn that into `false`).
 */
export function sm2VerifyKey(pointBytes: Uint8Array, id: Uint8Array): { point: Sm2Point; z: Uint8Array; fast?: FixedTable } {
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
    e = { point, z: sm2Curve.z(point, id), seen: 1, table: 0 };
  }
  entries.set(key, e);
  const want = e.seen >= settings.tableAfter ? 8 : e.seen >= settings.smallTableAfter ? 4 : 0;
  if (want > e.table && settings.maxTables > 0) {
    // The window-8 tier pairs with the base point's window-8 table; the window-4 one with a window-6 one.
    baseTable(want === 8 ? 8 : 6);
    e.fast = buildFixedTable(sm2Curve.Point.Fp, e.point, want, sm2Curve.Point.Fn.BITS); // replaces a smaller table
    if (!e.table) tables++;
    e.table = want;
  }
  trim();
  return e;
}
