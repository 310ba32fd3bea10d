// The two precompute tiers of the per-signer cache: results are the same with no table, the window-4 table and the
// window-8 table (valid signatures pass, tampered ones fail at every tier), and a key counts as one table throughout.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { clearSm2Cache, configureSm2Cache, sm2CacheStats } from './cache.js';
import { sm2GenerateKeyPair } from './keygen.js';
import { sm2Sign } from './sign.js';
import { sm2Verify } from './verify.js';

describe('per-signer cache tiers', () => {
  beforeEach(() => {
    clearSm2Cache();
    configureSm2Cache({ maxEntries: 1024, maxTables: 32, smallTableAfter: 2, tableAfter: 4 });
  });
  afterAll(() => {
    clearSm2Cache();
    configureSm2Cache({ smallTableAfter: 4, tableAfter: 512 });
  });
  test('no table, then window 4, then window 8: same answers', () => {
    const { d, point } = sm2GenerateKeyPair();
    const msgs = Array.from({ length: 6 }, (_, i) => Uint8Array.of(i, 1, 2, 3));
    const sigs = msgs.map((m) => sm2Sign(d, m));
    const tablesAfter: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Each sighting checks one good and one wrong (message, signature) pair.
      expect(sm2Verify(point, msgs[i]!, sigs[i]!)).toBe(true);
      expect(sm2Verify(point, msgs[i]!, sigs[(i + 1) % 6]!)).toBe(false);
      tablesAfter.push(sm2CacheStats().tables);
    }
    // Sightings 1.. : 2 per round; a table from the 2nd sighting on, one entry, one table whatever its window.
    expect(tablesAfter).toEqual([1, 1, 1, 1, 1, 1]);
    expect(sm2CacheStats().entries).toBe(1);
  });
  test('a fresh key in the middle of a tabled one is verified without a table', () => {
    const a = sm2GenerateKeyPair();
    const b = sm2GenerateKeyPair();
    const m = Uint8Array.of(9);
    const sa = sm2Sign(a.d, m);
    const sb = sm2Sign(b.d, m);
    for (let i = 0; i < 5; i++) expect(sm2Verify(a.point, m, sa)).toBe(true);
    expect(sm2CacheStats()).toEqual({ entries: 1, tables: 1 });
    expect(sm2Verify(b.point, m, sb)).toBe(true);
    expect(sm2Verify(b.point, m, sa)).toBe(false); // 2nd sighting of b: it gets its window-4 table
    expect(sm2CacheStats()).toEqual({ entries: 2, tables: 2 });
    expect(sm2Verify(a.point, m, sb)).toBe(false);
  });
});
