// The issuer registry on SQLite: registration, status changes with reason / time / actor, point-in-time answers
// from the history, append-only events, transactions that hold the write lock, reopening from disk, migrations.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FormatError } from '../errors.js';
import { exampleRecord, makeLicenseId, type LicenseRecord } from '../license/index.js';
import { pickFreeIndex } from './assign-index.js';
import { RegistryError } from './errors.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';
import { openRegistry, type OpenRegistryOptions } from './open-registry.js';
import type { Registry } from './registry.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');

const TYPE = '11100000MB0A00106R001';
const ISSUER = '11350100MB0B002030';
const HOLDER = '91350100M000100Y43';

function record(serial: string, over: Partial<LicenseRecord> = {}): LicenseRecord {
  const r = exampleRecord('business-licence');
  return { ...r, certificateIdentifier: makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial, version: '001' }), ...over };
}

const d = (s: string) => new Date(s);
const open: Registry[] = [];
function reg(path = ':memory:', opts: OpenRegistryOptions = {}): Registry {
  const r = openRegistry(path, opts);
  open.push(r);
  return r;
}
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
});
const tmp = () => mkdtempSync(join(tmpdir(), 'heyan-registry-'));

describe('register', () => {
  it('stores the licence with a random free entry, without the raw holder code', async () => {
    const picks: number[] = [];
    const r = reg(':memory:', { random: (n) => (picks.push(n), 4242) });
    const rec = record('2024000001');
    const out = await r.register(rec, { credentialId: 'urn:uuid:1' });
    expect(picks).toEqual([131_072]);
    expect(out).toMatchObject({ identifier: rec.certificateIdentifier, issuerCode: ISSUER, typeCode: TYPE, areaCode: '350100', statusList: 0, statusIndex: 4242, statusListId: `urn:heyan:status:${ISSUER}:0`, credentialId: 'urn:uuid:1' });
    const got = await r.get(rec.certificateIdentifier);
    expect(got?.record).toMatchObject({ certificateHolder: rec.certificateHolder });
    expect((got?.record as Record<string, unknown>).certificateHolderCode).toBeUndefined();
    expect((await r.findByHolder(HOLDER.toLowerCase())).map((x) => x.identifier)).toEqual([rec.certificateIdentifier]);
    expect(await r.findByHolder('91350100M000100Y44')).toEqual([]);
    // Default effective time: the issue date at 00:00 China Standard Time.
    expect((await r.history(rec.certificateIdentifier))[0]).toMatchObject({ action: 'register', status: 'valid', at: d('2024-03-14T16:00:00Z') });
  });

  it('refuses a second registration, a taken entry, and bad records', async () => {
    const r = reg();
    await r.register(record('1'), { statusIndex: 7 });
    await expect(r.register(record('1'))).rejects.toThrow(RegistryError);
    await expect(r.register(record('2'), { statusIndex: 7 })).rejects.toThrow(/already taken/);
    await expect(r.register(record('3'), { statusIndex: 131_072 })).rejects.toThrow(RegistryError);
    await expect(r.register(record('4', { certificateValidateStart: '2030-01-01', certificateValidateEnd: '2020-01-01' }))).rejects.toThrow(FormatError);
    await expect(r.register({ nope: 1 })).rejects.toThrow(FormatError);
    await expect(r.register('{not json')).rejects.toThrow(FormatError);
    expect((await r.statusListEntries(ISSUER)).size).toBe(1);
  });

  it('fills a list, then the next (small lists)', async () => {
    const r = reg(':memory:', { listSize: 8 });
    const got = [];
    for (let i = 0; i < 10; i++) got.push(await r.register(record(`10${i}`)));
    expect(new Set(got.slice(0, 8).map((x) => x.statusIndex)).size).toBe(8);
    expect(got.slice(0, 8).every((x) => x.statusList === 0)).toBe(true);
    expect(got.slice(8).map((x) => x.statusList)).toEqual([1, 1]);
    expect(await r.statusLists(ISSUER)).toEqual([0, 1]);
  });

  it('pickFreeIndex falls back to a scan when probes keep hitting used entries', () => {
    const used = new Set([0, 1, 2, 3, 4, 5, 6]);
    expect(pickFreeIndex(8, (i) => used.has(i), () => used, () => 0)).toBe(7);
    expect(pickFreeIndex(8, () => true, () => [0, 1, 2, 3, 4, 5, 6, 7], () => 0)).toBeUndefined();
  });
});

describe('status changes and point-in-time answers', () => {
  it('suspend, reinstate, revoke: reason, time, actor, order, and the status at any date', async () => {
    let clock = d('2025-01-01T00:00:00Z');
    const r = reg(':memory:', { now: () => clock });
    const id = (await r.register(record('2024000001'), { at: d('2024-03-15T00:00:00Z'), actor: '登记员甲' })).identifier;
    await r.setStatus(id, 'suspended', { reason: '年报未公示', actor: '执法员乙', at: d('2024-06-01T00:00:00Z') });
    clock = d('2025-01-02T00:00:00Z');
    await r.setStatus(id, 'reinstated', { reason: '已补报', actor: '执法员乙', at: d('2024-09-01T00:00:00Z') });
    clock = d('2025-01-03T00:00:00Z');
    await r.setStatus(id, 'revoked', { reason: '吊销营业执照', actor: '局长丙', at: d('2025-01-02T08:00:00Z') });

    const h = await r.history(id);
    expect(h.map((e) => [e.action, e.status, e.reason ?? null, e.actor ?? null])).toEqual([
      ['register', 'valid', null, '登记员甲'],
      ['suspend', 'suspended', '年报未公示', '执法员乙'],
      ['reinstate', 'valid', '已补报', '执法员乙'],
      ['revoke', 'revoked', '吊销营业执照', '局长丙'],
    ]);
    expect(h.map((e) => e.recordedAt.toISOString())).toEqual(['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z']);

    const at = async (s: string) => (await r.statusAt(id, d(s)))!;
    expect((await at('2024-01-01T00:00:00Z')).status).toBe('unknown');
    expect(await at('2024-03-15T00:00:00Z')).toMatchObject({ status: 'valid', since: d('2024-03-15T00:00:00Z'), action: 'register' });
    expect(await at('2024-05-31T23:59:59Z')).toMatchObject({ status: 'valid' });
    expect(await at('2024-06-01T00:00:00Z')).toMatchObject({ status: 'suspended', reason: '年报未公示', actor: '执法员乙', since: d('2024-06-01T00:00:00Z') });
    expect(await at('2024-10-01T00:00:00Z')).toMatchObject({ status: 'valid', action: 'reinstate', reason: '已补报' });
    expect(await at('2025-01-02T07:59:59Z')).toMatchObject({ status: 'valid' });
    expect(await at('2025-06-01T00:00:00Z')).toMatchObject({ status: 'revoked', reason: '吊销营业执照', since: d('2025-01-02T08:00:00Z') });
    expect(await r.statusAt('1.2.156.3005.2.unknown', d('2025-06-01T00:00:00Z'))).toBeUndefined();
    expect(await r.history('1.2.156.3005.2.unknown')).toEqual([]);
  });

  it('the synchronous status source answers like statusAt (for synchronous verifiers)', async () => {
    const r = reg();
    const id = (await r.register(record('6'), { at: d('2024-01-01T00:00:00Z') })).identifier;
    await r.setStatus(id, 'revoked', { reason: '吊销', at: d('2024-06-01T00:00:00Z') });
    const src = r.asStatusSource();
    expect(src.statusAt(id, d('2023-01-01T00:00:00Z'))).toBeUndefined(); // not yet in effect
    expect(src.statusAt(id, d('2024-03-01T00:00:00Z'))).toEqual({ status: 'valid', since: d('2024-01-01T00:00:00Z') });
    expect(src.statusAt(id, d('2024-07-01T00:00:00Z'))).toEqual({ status: 'revoked', since: d('2024-06-01T00:00:00Z'), reason: '吊销' });
    expect(src.statusAt('no.such', d('2024-07-01T00:00:00Z'))).toBeUndefined();
    expect(r.statusAtSync(id, d('2024-07-01T00:00:00Z'))).toEqual(await r.statusAt(id, d('2024-07-01T00:00:00Z')));
  });

  it('refuses transitions the rules forbid, and leaves the history unchanged', async () => {
    const r = reg();
    const id = (await r.register(record('5'), { at: d('2024-01-01T00:00:00Z') })).identifier;
    await expect(r.setStatus(id, 'reinstated', { reason: 'x' })).rejects.toThrow(/only a suspended licence/);
    await r.setStatus(id, 'suspended', { reason: 'a', at: d('2024-02-01T00:00:00Z') });
    await expect(r.setStatus(id, 'suspended', { reason: 'again', at: d('2024-03-01T00:00:00Z') })).rejects.toThrow(RegistryError);
    await r.setStatus(id, 'revoked', { reason: 'b', at: d('2024-04-01T00:00:00Z') });
    await expect(r.setStatus(id, 'valid', { reason: 'undo' })).rejects.toThrow(/revocation is final/);
    await expect(r.setStatus(id, 'revoked', { reason: 'twice' })).rejects.toThrow(RegistryError);
    // Back-dated before the registration: nothing to change yet.
    await expect(r.setStatus(id, 'suspended', { reason: 'too early', at: d('2023-01-01T00:00:00Z') })).rejects.toThrow(RegistryError);
    // A back-dated reinstatement between the suspension and the revocation is consistent; one after it is not.
    await r.setStatus(id, 'reinstated', { reason: 'earlier fix', at: d('2024-03-01T00:00:00Z') });
    await expect(r.setStatus(id, 'reinstated', { reason: 'late', at: d('2024-05-01T00:00:00Z') })).rejects.toThrow(RegistryError);
    expect((await r.history(id)).map((e) => e.action)).toEqual(['register', 'suspend', 'reinstate', 'revoke']);
    expect((await r.statusAt(id, d('2024-03-15T00:00:00Z')))?.status).toBe('valid');
    // Reason is required; unknown statuses and licences are refused.
    await expect(r.setStatus(id, 'revoked', { reason: '  ' })).rejects.toThrow(FormatError);
    await expect(r.setStatus(id, 'lost' as 'revoked', { reason: 'x' })).rejects.toThrow(FormatError);
    await expect(r.setStatus('no.such.id', 'revoked', { reason: 'x' })).rejects.toThrow(/not registered/);
    await expect(r.setStatus(id, 'revoked', { reason: 'x'.repeat(3000) })).rejects.toThrow(FormatError);
  });

  it('statusListEntries publishes the current statuses and reads back through a status list', async () => {
    const { createStatusList } = await import('../status/create-status-list.js');
    const { checkStatus } = await import('../status/check-status.js');
    const { testPki, AT, DAY } = await import('../../../../test/helpers/trust-pki.js');
    const r = reg(':memory:', { now: () => AT });
    const a = await r.register(record('11'), { at: d('2024-01-01T00:00:00Z') });
    const b = await r.register(record('12'), { at: d('2024-01-01T00:00:00Z') });
    const c = await r.register(record('13'), { at: d('2024-01-01T00:00:00Z') });
    await r.setStatus(b.identifier, 'suspended', { reason: 'x', at: d('2029-06-01T00:00:00Z') });
    await r.setStatus(c.identifier, 'revoked', { reason: 'y', at: d('2029-07-01T00:00:00Z') });
    const now = await r.statusListEntries(ISSUER);
    expect(now).toEqual(new Map([[a.statusIndex, 'valid'], [b.statusIndex, 'suspended'], [c.statusIndex, 'revoked']]));
    const before = await r.statusListEntries(ISSUER, { at: d('2029-01-01T00:00:00Z') });
    expect([...before.values()]).toEqual(['valid', 'valid', 'valid']);
    const pki = testPki('sm2');
    const list = createStatusList({ id: b.statusListId, statuses: now, validFrom: AT, validUntil: new Date(AT.getTime() + DAY), issuer: { key: pki.signer.key, certificate: pki.signer.cert, chain: [pki.intermediate] } });
    for (const x of [a, b, c]) {
      const s = checkStatus({ list, index: x.statusIndex, time: AT, trust: pki.pinned() });
      expect(s.status).toBe((await r.statusAt(x.identifier, AT))?.status);
    }
  });
});

describe('storage', () => {
  it('reopens from disk with the same data, schema version and settings', async () => {
    const path = join(tmp(), 'registry.db');
    const r1 = openRegistry(path, { listSize: 1024 });
    const id = (await r1.register(record('21'))).identifier;
    await r1.setStatus(id, 'suspended', { reason: '调查', actor: 'a' });
    const key1 = await r1.store.holderKey();
    await r1.close();
    const r2 = reg(path, { mustExist: true });
    expect(await r2.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(await r2.listSize()).toBe(1024);
    expect(await r2.store.holderKey()).toEqual(key1);
    expect((await r2.statusAt(id))?.status).toBe('suspended');
    expect((await r2.findByHolder(HOLDER)).length).toBe(1);
    expect(() => openRegistry(path, { listSize: 2048 })).toThrow(/1024 entries/);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_version').pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT COUNT(*) FROM licences WHERE record_json LIKE ?').pluck().get(`%"certificateHolderCode"%`)).toBe(0);
    db.close();
  });

  it('status events are append-only, even through SQL', async () => {
    const path = join(tmp(), 'r.db');
    const r = reg(path);
    await r.register(record('31'));
    const db = new Database(path);
    expect(() => db.prepare("UPDATE status_events SET status = 'revoked'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM status_events').run()).toThrow(/append-only/);
    db.close();
  });

  it('refuses files that are not registries, newer schemas, and missing files when they must exist', () => {
    const dir = tmp();
    const notDb = join(dir, 'x.db');
    writeFileSync(notDb, 'this is not SQLite'.repeat(100));
    expect(() => openRegistry(notDb)).toThrow(FormatError);
    const other = join(dir, 'other.db');
    const o = new Database(other);
    o.exec('CREATE TABLE t (x)');
    o.close();
    expect(() => openRegistry(other)).toThrow(/not a heyan registry/);
    const newer = join(dir, 'newer.db');
    openRegistry(newer).close();
    const n = new Database(newer);
    n.prepare("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01')").run();
    n.close();
    expect(() => openRegistry(newer)).toThrow(/newer than this heyan/);
    expect(() => openRegistry(join(dir, 'missing.db'), { mustExist: true })).toThrow(RegistryError);
  });

  it('a write transaction holds the lock: another connection cannot write in the middle of an index choice', async () => {
    const path = join(tmp(), 'lock.db');
    const other = reg(path, { busyTimeoutMs: 50 });
    let inner: unknown;
    const r = reg(path, {
      random: (n) => {
        // Runs inside r's BEGIN IMMEDIATE transaction: the other connection must not get in.
        try {
          void other.store.insertLicence(
            { identifier: 'x', typeCode: TYPE, issuerCode: ISSUER, areaCode: '350100', holderDigest: 'h', recordJson: '{}', registeredAt: new Date() },
            { action: 'register', status: 'valid', at: new Date(), recordedAt: new Date() },
            { listSize: n, random: () => 1 },
          ).catch((e: unknown) => (inner = e));
        } catch (e) {
          inner = e;
        }
        return 1;
      },
    });
    await r.register(record('41'));
    await new Promise((res) => setTimeout(res, 10));
    expect(inner).toBeInstanceOf(RegistryError);
    expect(String((inner as Error).message)).toMatch(/busy/);
    expect((await other.statusListEntries(ISSUER)).size).toBe(1);
  });

  it('many concurrent registrations get distinct entries', async () => {
    const r = reg(':memory:', { listSize: 256 });
    const out = await Promise.all(Array.from({ length: 200 }, (_, i) => r.register(record(`5${i}`))));
    expect(new Set(out.map((x) => x.statusIndex)).size).toBe(200);
  });
});
