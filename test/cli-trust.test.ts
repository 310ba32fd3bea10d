// heyan license register|suspend|reinstate|revoke|status, status-list publish|check, bundle create|verify|inspect,
// and verify --bundle, end to end through the built binary with the fixture PKI (fixtures/pki/sm2).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicenseId } from '../packages/core/src/license/codes/license-id.js';
import { exampleRecord } from '../packages/core/src/license/example.js';
import { binPath, ensureBuilt, heyan, json, repoRoot } from './helpers/cli.js';

const P = join(repoRoot, 'fixtures/pki/sm2');
const P256 = join(repoRoot, 'fixtures/pki/p256');
const TYPE = '11100000MB0A00106R001';
const ISSUER = '11350100MB0B002030';
let dir: string;
const f = (n: string) => join(dir, n);

function recordFile(serial: string): { path: string; id: string } {
  const r = exampleRecord('business-licence');
  const id = makeLicenseId({ typeCode: TYPE, issuerCode: ISSUER, serial, version: '001' });
  const path = f(`rec-${serial}.json`);
  writeFileSync(path, JSON.stringify({ ...r, certificateIdentifier: id }));
  return { path, id };
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [binPath, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    c.on('error', reject);
    c.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'heyan-trust-cli-'));
});

describe('licence registry', () => {
  it('register, suspend, reinstate, revoke, and point-in-time status with exit codes', () => {
    const db = f('reg.db');
    const { path, id } = recordFile('3001');
    const reg = heyan(['license', 'register', '--registry', db, '--record', path, '--status-index', '77', '--at', '2024-01-01T00:00:00Z', '--json']);
    expect(reg.stderr).toBe('');
    expect(reg.code).toBe(0);
    expect(JSON.parse(reg.stdout)).toMatchObject({ identifier: id, statusIndex: 77, statusListId: `urn:heyan:status:${ISSUER}:0` });
    expect(heyan(['license', 'suspend', '--registry', db, '--id', id, '--reason', '年报未公示', '--actor', '执法员', '--at', '2025-01-01T00:00:00Z']).code).toBe(0);
    expect(heyan(['license', 'reinstate', '--registry', db, '--id', id, '--reason', '已补报', '--at', '2025-02-01T00:00:00Z']).code).toBe(0);
    expect(heyan(['license', 'revoke', '--registry', db, '--id', id, '--reason', '吊销营业执照', '--at', '2025-03-01T00:00:00Z']).code).toBe(0);

    const at = (iso: string) => heyan(['license', 'status', '--registry', db, '--id', id, '--at', iso, '--json']);
    const jan = at('2025-01-15T00:00:00Z');
    expect(jan.code).toBe(1);
    expect(JSON.parse(jan.stdout)).toMatchObject({ status: 'suspended', reason: '年报未公示', actor: '执法员', since: '2025-01-01T00:00:00.000Z' });
    expect(at('2025-02-15T00:00:00Z').code).toBe(0);
    const later = JSON.parse(at('2026-01-01T00:00:00Z').stdout);
    expect(later).toMatchObject({ status: 'revoked', reason: '吊销营业执照' });
    expect(later.history.map((e: { action: string }) => e.action)).toEqual(['register', 'suspend', 'reinstate', 'revoke']);
    expect(at('2023-06-01T00:00:00Z').code).toBe(2);
    const text = heyan(['license', 'status', '--registry', db, '--id', id, '--at', '2026-01-01T00:00:00Z', '--history']);
    expect(text.stdout).toMatch(/revoked \(吊销\) since 2025-03-01T00:00:00.000Z — 吊销营业执照/);
    expect(text.stdout.split('\n').filter((l) => / → /.test(l))).toHaveLength(4);
  });

  it('refusals: forbidden transitions, duplicates, bad records, missing options and registries', () => {
    const db = f('reg2.db');
    const { path, id } = recordFile('3002');
    expect(heyan(['license', 'register', '--registry', db, '--record', path]).code).toBe(0);
    const dup = heyan(['license', 'register', '--registry', db, '--record', path]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already registered/);
    const reinstate = heyan(['license', 'reinstate', '--registry', db, '--id', id, '--reason', 'x']);
    expect(reinstate.code).toBe(1);
    expect(reinstate.stderr).toMatch(/only a suspended licence/);
    expect(heyan(['license', 'revoke', '--registry', db, '--id', id]).code).toBe(3); // --reason missing
    expect(heyan(['license', 'revoke', '--registry', db, '--id', 'no.such', '--reason', 'x']).code).toBe(1);
    expect(heyan(['license', 'status', '--registry', db, '--id', 'no.such']).code).toBe(3);
    expect(heyan(['license', 'status', '--registry', f('missing.db'), '--id', id]).code).toBe(3);
    writeFileSync(f('bad.json'), JSON.stringify({ certificateType: '营业执照' }));
    const bad = heyan(['license', 'register', '--registry', db, '--record', f('bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not acceptable/);
    expect(heyan(['license', 'types']).code).toBe(0); // the licence-type subcommands still dispatch
  });

  it('parallel registrations from separate processes get distinct entries', async () => {
    const db = f('parallel.db');
    expect(heyan(['license', 'register', '--registry', db, '--record', recordFile('4000').path]).code).toBe(0);
    const files = Array.from({ length: 8 }, (_, i) => recordFile(`40${10 + i}`));
    const results = await Promise.all(files.map((x) => run(['license', 'register', '--registry', db, '--record', x.path, '--json'])));
    expect(results.map((r) => [r.code, r.stderr])).toEqual(files.map(() => [0, '']));
    const indexes = results.map((r) => JSON.parse(r.stdout).statusIndex as number);
    expect(new Set(indexes).size).toBe(8);
    for (const x of files) expect(heyan(['license', 'status', '--registry', db, '--id', x.id]).code).toBe(0);
  });
});

describe('status lists and trust bundles', () => {
  let revokedIndex: number;
  let validIndex: number;

  beforeAll(() => {
    const db = f('pub.db');
    const a = recordFile('5001');
    const b = recordFile('5002');
    revokedIndex = JSON.parse(heyan(['license', 'register', '--registry', db, '--record', a.path, '--at', '2024-01-01T00:00:00Z', '--json']).stdout).statusIndex;
    validIndex = JSON.parse(heyan(['license', 'register', '--registry', db, '--record', b.path, '--at', '2024-01-01T00:00:00Z', '--json']).stdout).statusIndex;
    heyan(['license', 'revoke', '--registry', db, '--id', a.id, '--reason', '吊销', '--at', '2029-06-01T00:00:00Z']);
    const pub = heyan(['status-list', 'publish', '--registry', db, '--issuer', ISSUER, '--key', join(P, 'signer.key.pem'), '--cert', join(P, 'chain.pem'), '--valid-from', '2029-12-31T00:00:00Z', '--valid-for', '7d', '--out', f('list.jws')]);
    expect(pub.stderr).toBe('');
    expect(pub.stdout).toMatch(/1 revoked/);
    const config = {
      version: 7,
      issuedAt: '2029-12-31T00:00:00Z',
      nextUpdate: '2030-01-02T00:00:00Z',
      roots: [join(P, 'root.pem')],
      intermediates: [join(P, 'intermediate.pem')],
      crls: [join(P, 'intermediate.crl.pem')],
      issuers: [{ code: ISSUER, name: '福州市市场监督管理局', certificates: [join(P, 'signer.pem')], licenseTypes: [TYPE], areaCodes: ['3501'] }],
      statusLists: ['list.jws'],
    };
    writeFileSync(f('bundle.json'), JSON.stringify(config));
    writeFileSync(f('bundle-old.json'), JSON.stringify({ ...config, version: 6 }));
    // The bundle signer (EKU id-kp-heyanTrustBundleSigning) with its intermediate.
    writeFileSync(f('bundle-chain.pem'), readFileSync(join(P, 'bundle-signer.pem'), 'utf8') + readFileSync(join(P, 'intermediate.pem'), 'utf8'));
    for (const [cfg, out] of [
      ['bundle.json', 'b7.hytb'],
      ['bundle-old.json', 'b6.hytb'],
    ]) {
      const c = heyan(['bundle', 'create', '--config', f(cfg!), '--key', join(P, 'bundle-signer.key.pem'), '--cert', f('bundle-chain.pem'), '--out', f(out!)]);
      expect(c.stderr).toBe('');
      expect(c.code).toBe(0);
    }
  });

  it('status-list check reads the published entries, and refuses a stale list', () => {
    const check = (index: number, at = '2030-01-01T00:00:00Z') => heyan(['status-list', 'check', f('list.jws'), '--index', String(index), '--trust', join(P, 'root.pem'), '--at', at, '--json']);
    const revoked = check(revokedIndex);
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ status: 'revoked', indication: 'FAILED', subIndication: 'REVOKED' });
    expect(JSON.parse(check(validIndex).stdout)).toMatchObject({ status: 'valid', indication: 'PASSED' });
    const stale = check(revokedIndex, '2030-02-01T00:00:00Z');
    expect(stale.code).toBe(2);
    expect(JSON.parse(stale.stdout)).toMatchObject({ status: 'unknown', indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(check(131_072).code).toBe(1);
  });

  it('bundle verify: PASSED and remembered; a lower version is a rollback; stale unless within the grace', () => {
    const state = f('state.json');
    const v = (b: string, ...more: string[]) => heyan(['bundle', 'verify', f(b), '--bundle-root', join(P, 'root.pem'), '--bundle-state', state, '--json', ...more]);
    const ok = v('b7.hytb', '--at', '2030-01-01T00:00:00Z');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ indication: 'PASSED', version: 7, bundle: { issuers: [{ code: ISSUER, areaCodes: ['3501'] }] } });
    expect(Object.values(JSON.parse(readFileSync(state, 'utf8')).bundles)).toEqual([expect.objectContaining({ version: 7 })]);
    const rollback = v('b6.hytb', '--at', '2030-01-01T00:00:00Z');
    expect(rollback.code).toBe(1);
    expect(JSON.parse(rollback.stdout)).toMatchObject({ indication: 'FAILED', subIndication: 'POLICY_FAILURE', version: 6, previousVersion: 7 });
    // Without the state the older bundle alone is fine (the library only knows what it is told).
    expect(heyan(['bundle', 'verify', f('b6.hytb'), '--bundle-root', join(P, 'root.pem'), '--bundle-state', f('other-state.json'), '--at', '2030-01-01T00:00:00Z']).code).toBe(0);
    const stale = v('b7.hytb', '--at', '2030-01-03T00:00:00Z');
    expect(stale.code).toBe(2);
    expect(JSON.parse(stale.stdout)).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    const grace = v('b7.hytb', '--at', '2030-01-03T00:00:00Z', '--grace', '2d');
    expect(grace.code).toBe(0);
    expect(JSON.parse(grace.stdout).checks.find((c: { id: string }) => c.id === 'trust.bundle.freshness').status).toBe('warning');
    expect(v('b7.hytb', '--at', '2030-01-01T00:00:00Z').stdout).toMatch(/"previousVersion": 7/);
  });

  it('bundle verify refuses a tampered file and an unpinned signer; inspect shows the content unverified', () => {
    const bytes = readFileSync(f('b7.hytb'));
    bytes[bytes.length - 2]! ^= 0xff;
    writeFileSync(f('tampered.hytb'), bytes);
    const state = f('state2.json');
    const t = heyan(['bundle', 'verify', f('tampered.hytb'), '--bundle-root', join(P, 'root.pem'), '--bundle-state', state, '--at', '2030-01-01T00:00:00Z']);
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/trust\.bundle\.signature/);
    expect(t.stdout).toMatch(/更新信任包/);
    const u = heyan(['bundle', 'verify', f('b7.hytb'), '--bundle-root', join(P256, 'root.pem'), '--bundle-state', state, '--at', '2030-01-01T00:00:00Z']);
    expect(u.code).toBe(2);
    expect(heyan(['bundle', 'verify', f('b7.hytb'), '--bundle-state', state]).code).toBe(3); // no pinned root
    expect(heyan(['bundle', 'verify', f('b7.hytb'), '--trust', join(P, 'root.pem'), '--bundle-state', state]).code).toBe(3); // --trust is not --bundle-root
    const ins = heyan(['bundle', 'inspect', f('b7.hytb'), '--json']);
    expect(ins.code).toBe(0);
    const doc = JSON.parse(ins.stdout);
    expect(doc).toMatchObject({ version: 7, verified: false, flavour: 'gbt35275', statusLists: [{ id: `urn:heyan:status:${ISSUER}:0` }] });
    expect(heyan(['bundle', 'inspect', f('b7.hytb')]).stdout).toMatch(/NOT VERIFIED/);
    expect(heyan(['bundle', 'inspect', f('bundle.json')]).code).toBe(3);
  });

  it('verify --bundle: a certificate and a CMS signature pass with only the bundle; a refused bundle decides every input', () => {
    writeFileSync(f('doc.txt'), '营业执照扫描件');
    const sign = heyan(['sign', 'cms', '--key', join(P, 'signer.key.pem'), '--cert', join(P, 'chain.pem'), '--content', f('doc.txt'), '--out', f('doc.txt.p7s'), '--flavour', 'gbt35275']);
    expect(sign.code).toBe(0);
    const state = f('state3.json');
    const inputs = [join(P, 'signer.pem'), f('doc.txt.p7s')];
    const withBundle = (b: string, at = '2030-01-01T00:00:00Z') => heyan(['verify', ...inputs, '--bundle', f(b), '--bundle-root', join(P, 'root.pem'), '--bundle-state', state, '--at', at, '--json']);
    const ok = withBundle('b7.hytb');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const doc = json(ok);
    expect(doc.reports.map((r) => [r.format, r.indication])).toEqual([
      ['certificate', 'PASSED'],
      ['cms', 'PASSED'],
    ]);
    expect(doc.reports[0]!.checks[0]).toMatchObject({ id: 'trust.bundle.used', status: 'passed' });
    // Without the bundle nothing is trusted.
    expect(heyan(['verify', ...inputs, '--at', '2030-01-01T00:00:00Z']).code).toBe(2);
    // Rolled back (version 6 after 7): FAILED, with the advice to refresh.
    const rolled = withBundle('b6.hytb');
    expect(rolled.code).toBe(1);
    for (const r of json(rolled).reports) {
      expect([r.indication, r.subIndication]).toEqual(['FAILED', 'POLICY_FAILURE']);
      expect(r.advice?.zh).toMatch(/更新信任包/);
    }
    // A bundle signed by another certificate of the same root (no bundle-signing EKU, not pinned): refused.
    writeFileSync(f('seal-maker-chain.pem'), readFileSync(join(P, 'seal-maker.pem'), 'utf8') + readFileSync(join(P, 'intermediate.pem'), 'utf8'));
    const evil = heyan(['bundle', 'create', '--config', f('bundle.json'), '--key', join(P, 'seal-maker.key.pem'), '--cert', f('seal-maker-chain.pem'), '--out', f('evil.hytb')]);
    expect(evil.code).toBe(0);
    const refused = withBundle('evil.hytb');
    expect(refused.code).toBe(1);
    expect(json(refused).reports[0]!.checks[0]!.message.en).toMatch(/not authorised to sign trust bundles/);
    // Pinned with --bundle-signer it is accepted — but the rollback counter is per root, so its version 7 equals
    // the highest seen and passes, while the same signer's version 6 is a rollback.
    const pinnedEvil = heyan(['verify', join(P, 'signer.pem'), '--bundle', f('evil.hytb'), '--bundle-root', join(P, 'root.pem'), '--bundle-signer', join(P, 'seal-maker.pem'), '--bundle-state', state, '--at', '2030-01-01T00:00:00Z']);
    expect(pinnedEvil.code).toBe(0);
    heyan(['bundle', 'create', '--config', f('bundle-old.json'), '--key', join(P, 'seal-maker.key.pem'), '--cert', f('seal-maker-chain.pem'), '--out', f('evil6.hytb')]);
    const otherSignerRollback = heyan(['verify', join(P, 'signer.pem'), '--bundle', f('evil6.hytb'), '--bundle-root', join(P, 'root.pem'), '--bundle-signer', join(P, 'seal-maker.pem'), '--bundle-state', state, '--at', '2030-01-01T00:00:00Z', '--json']);
    expect(otherSignerRollback.code).toBe(1);
    expect(json(otherSignerRollback).reports[0]!.checks[0]!.message.en).toMatch(/rollback/);
    // Stale: INDETERMINATE / TRY_LATER for every input.
    const stale = withBundle('b7.hytb', '2030-01-05T00:00:00Z');
    expect(stale.code).toBe(2);
    expect(json(stale).reports.map((r) => [r.indication, r.subIndication])).toEqual([
      ['INDETERMINATE', 'TRY_LATER'],
      ['INDETERMINATE', 'TRY_LATER'],
    ]);
    // --bundle-root is required: --trust does not name who may publish trust (usage error, exit 3).
    const onlyTrust = heyan(['verify', join(P, 'signer.pem'), '--bundle', f('b7.hytb'), '--trust', join(P, 'root.pem'), '--bundle-state', state, '--at', '2030-01-01T00:00:00Z']);
    expect(onlyTrust.code).toBe(3);
    expect(onlyTrust.stderr).toMatch(/--bundle-root/);
    expect(heyan(['verify', join(P, 'signer.pem'), '--bundle', f('b7.hytb'), '--bundle-state', state]).code).toBe(3);
  });
});
