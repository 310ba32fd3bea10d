// The whole licence flow through the built binary, with defaults: license example → register → credential issue
// --registry → status-list publish → bundle create (by the dedicated bundle signer) → verify --bundle → PASSED, also
// from the QR image; then revoke → publish → bundle v2 → FAILED/REVOKED naming the licence; bundle v1 after v2 →
// rollback refused. Also: credential issue --registry refuses an unregistered licence and a different --status-index,
// and verify --registry gives the revocation reason from the registry.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, json } from './helpers/cli.js';

beforeAll(() => ensureBuilt());

const dir = mkdtempSync(join(tmpdir(), 'heyan-licence-flow-'));
const f = (n: string) => join(dir, n);
const P = 'fixtures/pki/sm2';
const REASON = '以欺骗手段取得登记 fraud-test-reason';
const T0 = '2030-01-01T00:00:00Z'; // first list and bundle in force
const T1 = '2030-01-02T01:00:00Z'; // after the revocation, second list and bundle

describe('licence flow with defaults', () => {
  let record: { certificateIdentifier: string; issueDeptCode: string };
  const bundleArgs = (b: string) => ['--bundle', f(b), '--bundle-root', `${P}/root.pem`, '--bundle-state', f('state.json')];
  const bundle = (version: number, list: string, issuedAt: string, out: string) => {
    writeFileSync(
      f(`bundle-${version}.json`),
      JSON.stringify({
        version,
        issuedAt,
        validFor: '7d',
        roots: [`${process.cwd()}/${P}/root.pem`],
        intermediates: [`${process.cwd()}/${P}/intermediate.pem`],
        crls: [`${process.cwd()}/${P}/intermediate.crl.pem`],
        issuers: [{ code: record.issueDeptCode, name: '福州市市场监督管理局', certificates: [`${process.cwd()}/${P}/signer.pem`], licenseTypes: ['*'], areaCodes: ['3501'] }],
        statusLists: [list],
      }),
    );
    const c = heyan(['bundle', 'create', '--config', f(`bundle-${version}.json`), '--key', `${P}/bundle-signer.key.pem`, '--cert', f('bundle-chain.pem'), '--out', f(out)]);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
  };

  beforeAll(() => {
    const ex = heyan(['license', 'example', '--type', 'business-licence']);
    expect(ex.code).toBe(0);
    writeFileSync(f('R.json'), ex.stdout);
    record = JSON.parse(ex.stdout);
    writeFileSync(f('bundle-chain.pem'), readFileSync(`${P}/bundle-signer.pem`, 'utf8') + readFileSync(`${P}/intermediate.pem`, 'utf8'));
  });

  it('register → issue --registry → publish → bundle → verify PASSED (JWS and QR image); revoke → FAILED/REVOKED; old bundle refused', () => {
    const reg = heyan(['license', 'register', '--registry', f('db.sqlite'), '--record', f('R.json'), '--json']);
    expect(reg.code).toBe(0);
    const registered = JSON.parse(reg.stdout);
    expect(registered.statusListId).toBe(`urn:heyan:status:${record.issueDeptCode}:0`);

    const iss = heyan(['credential', 'issue', '--record', f('R.json'), '--key', `${P}/signer.key.pem`, '--cert', `${P}/chain.pem`, '--registry', f('db.sqlite'), '--out', f('l.jws')]);
    expect(iss.stderr).toBe('');
    expect(iss.code).toBe(0);
    const payload = JSON.parse(Buffer.from(readFileSync(f('l.jws'), 'utf8').trim().split('.')[1]!, 'base64url').toString());
    expect(JSON.stringify(payload.credentialStatus)).toContain(registered.statusListId);
    expect(JSON.stringify(payload.credentialStatus)).toContain(String(registered.statusIndex));

    // Publish with defaults (list 0): the list the credential points at.
    const pub = heyan(['status-list', 'publish', '--registry', f('db.sqlite'), '--issuer', record.issueDeptCode, '--key', `${P}/signer.key.pem`, '--cert', `${P}/chain.pem`, '--valid-from', '2029-12-31T00:00:00Z', '--out', f('list1.jws')]);
    expect(pub.code).toBe(0);
    expect(pub.stdout).toContain(registered.statusListId);
    bundle(1, f('list1.jws'), '2029-12-31T00:00:00Z', 'b1.hytb');

    const ok = heyan(['verify', f('l.jws'), ...bundleArgs('b1.hytb'), '--at', T0]);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/PASSED/);
    expect(ok.code).toBe(0);
    expect(heyan(['qr', 'encode', f('l.jws'), '--out', f('q.png')]).code).toBe(0);
    const qr = heyan(['verify', '--qr-image', f('q.png'), ...bundleArgs('b1.hytb'), '--at', T0]);
    expect(qr.stdout).toMatch(/PASSED/);
    expect(qr.code).toBe(0);

    // Revoke, publish, bundle version 2: FAILED / REVOKED, the licence named as revoked.
    const rev = heyan(['license', 'revoke', '--registry', f('db.sqlite'), '--id', record.certificateIdentifier, '--reason', REASON, '--at', '2030-01-01T12:00:00Z']);
    expect(rev.code).toBe(0);
    expect(heyan(['status-list', 'publish', '--registry', f('db.sqlite'), '--issuer', record.issueDeptCode, '--key', `${P}/signer.key.pem`, '--cert', `${P}/chain.pem`, '--valid-from', '2030-01-02T00:00:00Z', '--out', f('list2.jws')]).code).toBe(0);
    bundle(2, f('list2.jws'), '2030-01-02T00:00:00Z', 'b2.hytb');
    const revoked = heyan(['verify', f('l.jws'), ...bundleArgs('b2.hytb'), '--at', T1]);
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toMatch(/FAILED \(证照已吊销 \/ licence revoked; REVOKED\)/);
    expect(revoked.stdout).not.toMatch(/certificate revoked/);
    const j = json(heyan(['verify', f('l.jws'), ...bundleArgs('b2.hytb'), '--at', T1, '--json'])).reports[0]!;
    expect([j.indication, j.subIndication]).toEqual(['FAILED', 'REVOKED']);
    const qrRevoked = heyan(['verify', '--qr-image', f('q.png'), ...bundleArgs('b2.hytb'), '--at', T1]);
    expect(qrRevoked.code).toBe(1);
    expect(qrRevoked.stdout).toMatch(/licence revoked/);

    // Bundle version 1 after version 2: rollback, refused.
    const rolled = heyan(['verify', f('l.jws'), ...bundleArgs('b1.hytb'), '--at', T0, '--json']);
    expect(rolled.code).toBe(1);
    const rr = json(rolled).reports[0]!;
    expect([rr.indication, rr.subIndication]).toEqual(['FAILED', 'POLICY_FAILURE']);
    expect(rr.checks.find((c) => c.id === 'trust.bundle.used')?.message.en).toMatch(/rollback/);

    // verify --registry: the status, reason and date come from the registry (read-only).
    const viaRegistry = heyan(['verify', f('l.jws'), '--trust', `${P}/root.pem`, '--registry', f('db.sqlite'), '--at', T1]);
    expect(viaRegistry.code).toBe(1);
    expect(viaRegistry.stdout).toContain(REASON);
    expect(viaRegistry.stdout).toMatch(/证照已吊销 \/ licence revoked/);
    const before = heyan(['verify', f('l.jws'), '--trust', `${P}/root.pem`, '--registry', f('db.sqlite'), '--at', T0, '--json']);
    expect(json(before).reports[0]!.checks.find((c) => c.id === 'credential.status')?.status).toBe('passed');
  });

  it('credential issue --registry refuses an unregistered licence and a --status-index other than the registered one', () => {
    const db = f('db2.sqlite');
    const reg = heyan(['license', 'register', '--registry', db, '--record', f('R.json'), '--status-index', '5', '--json']);
    expect(JSON.parse(reg.stdout).statusIndex).toBe(5);
    const base = ['credential', 'issue', '--record', f('R.json'), '--key', `${P}/signer.key.pem`, '--cert', `${P}/chain.pem`, '--registry', db];
    const wrong = heyan([...base, '--status-index', '77', '--out', f('idx77.jws')]);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/--status-index 77 differs .* \(5\)/);
    expect(heyan([...base, '--status-index', '5', '--out', f('idx5.jws')]).code).toBe(0);
    const other = { ...record, certificateIdentifier: record.certificateIdentifier.replace('.001.', '.002.') };
    writeFileSync(f('other.json'), JSON.stringify(other));
    const unregistered = heyan(['credential', 'issue', '--record', f('other.json'), '--key', `${P}/signer.key.pem`, '--cert', `${P}/chain.pem`, '--registry', db, '--out', f('other.jws')]);
    expect(unregistered.code).toBe(3);
    expect(unregistered.stderr).toMatch(/not registered/);
    // Without --registry the default list is list 0, the one status-list publish signs by default.
    expect(heyan(['credential', 'issue', '--record', f('R.json'), '--key', `${P}/signer.key.pem`, '--cert', `${P}/chain.pem`, '--status-index', '5', '--out', f('plain.jws')]).stdout).toContain(`urn:heyan:status:${record.issueDeptCode}:0 #5`);
  });
});
