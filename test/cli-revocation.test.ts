// heyan verify --revocation require|if-available|off: the option reaches certificate, CMS and PDF validation.
// The sm2 test PKI (fixtures/pki/sm2) and a pyHanko corpus PDF; the CRLs decide, never the option alone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, json, repoRoot, type BatchJson } from './helpers/cli.js';

const fx = (n: string) => join(repoRoot, 'fixtures/pki/sm2', n);
const corpus = (n: string) => join(repoRoot, '../shared/corpus/pdf', n);
const AT = '2030-01-01T00:00:00Z';
const CRLS = ['--crl', fx('intermediate.crl.pem'), '--crl', fx('root.crl.pem')];

type Sig = BatchJson['reports'][number]['signatures'][number];
const statuses = (s: Sig, id: string) => s.checks.filter((c) => c.id === id).map((c) => c.status);

function run(args: string[]) {
  const r = heyan(['verify', ...args, '--json']);
  expect(r.stderr).toBe('');
  const doc = json(r);
  expect(doc.reports).toHaveLength(1);
  return { code: r.code, report: doc.reports[0]!, sig: doc.reports[0]!.signatures[0]! };
}

beforeAll(() => ensureBuilt());

describe('verify --revocation on a certificate chain (sm2 fixtures, trusted root)', () => {
  const base = [fx('chain.pem'), '--trust', fx('root.pem'), '--at', AT];

  it('require without the CRLs → INDETERMINATE / TRY_LATER, exit 2, the revocation check names why', () => {
    const r = run([...base, '--revocation', 'require']);
    expect(r.code).toBe(2);
    expect(r.report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(statuses(r.sig, 'pki.revocation.status')).toEqual(['indeterminate', 'indeterminate']);
  });

  it('require with the CRLs → PASSED, exit 0: the data satisfies it', () => {
    const r = run([...base, ...CRLS, '--revocation', 'require']);
    expect(r.code).toBe(0);
    expect(r.report.indication).toBe('PASSED');
    expect(statuses(r.sig, 'pki.revocation.status')).toEqual(['passed', 'passed']);
  });

  it('off → PASSED, exit 0, the check skipped; if-available (also the default) skips it when no CRL is given', () => {
    for (const extra of [['--revocation', 'off'], ['--revocation', 'if-available'], []]) {
      const r = run([...base, ...extra]);
      expect(r.code, extra.join(' ')).toBe(0);
      expect(r.report.indication).toBe('PASSED');
      expect(statuses(r.sig, 'pki.revocation.status')).toEqual(['skipped', 'skipped']);
    }
  });

  it('a revoked certificate: FAILED / REVOKED by the CRL, PASSED only when revocation is turned off', () => {
    const args = [fx('revoked.pem'), '--trust', fx('root.pem'), '--cert', fx('intermediate.pem'), '--at', AT, ...CRLS];
    const dflt = run(args);
    expect(dflt.code).toBe(1);
    expect(dflt.report).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED' });
    const off = run([...args, '--revocation', 'off']);
    expect(off.code).toBe(0);
    expect(off.report.indication).toBe('PASSED');
    expect(statuses(off.sig, 'pki.revocation.status')).toEqual(['skipped', 'skipped']);
  });

  it('an unknown mode is a usage error (exit 3)', () => {
    const r = heyan(['verify', ...base, '--revocation', 'maybe']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--revocation must be one of require, if-available, off/);
  });
});

describe('verify --revocation on a CMS signature', () => {
  it('a detached SM2 CMS by the fixture signer: require → exit 2, off → exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-revocation-'));
    const content = join(dir, 'data.txt');
    writeFileSync(content, '核验 revocation\n');
    const sig = join(dir, 'data.txt.p7s');
    const s = heyan(['sign', 'cms', '--key', fx('signer.key.pem'), '--cert', fx('chain.pem'), '--content', content, '--out', sig]);
    expect(s.code, s.stderr).toBe(0);
    const args = [sig, '--content', content, '--trust', fx('root.pem'), '--at', AT];
    const req = run([...args, '--revocation', 'require']);
    expect(req.code).toBe(2);
    expect(req.report.indication).toBe('INDETERMINATE');
    expect(statuses(req.sig, 'pki.revocation.status')).toContain('indeterminate');
    const off = run([...args, '--revocation', 'off']);
    expect(off.code).toBe(0);
    expect(off.report.indication).toBe('PASSED');
    expect(statuses(off.sig, 'pki.revocation.status')).toEqual(['skipped', 'skipped']);
  });
});

describe('verify --revocation on a PDF (corpus)', () => {
  const args = [corpus('pyh_pades-with-old-style-signing-cert-attr.pdf'), '--trust', corpus('pyh_testing-ca-root.cert.pem'), '--at', '2020-11-01T00:00:00Z'];

  it('pyHanko PAdES, trusted at 2020-11-01: off → PASSED exit 0; require without revocation data → exit 2', () => {
    const off = run([...args, '--revocation', 'off']);
    expect(off.code).toBe(0);
    expect(off.report.indication).toBe('PASSED');
    const offStatuses = statuses(off.sig, 'pki.revocation.status');
    expect(offStatuses.length).toBeGreaterThan(0);
    expect(offStatuses.every((s) => s === 'skipped')).toBe(true);
    const req = run([...args, '--revocation', 'require']);
    expect(req.code).toBe(2);
    expect(req.report.indication).toBe('INDETERMINATE');
    expect(statuses(req.sig, 'pki.revocation.status')).toContain('indeterminate');
  });
});
