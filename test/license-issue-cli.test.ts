// `heyan license issue` end to end: a licence PDF and OFD issued from the shipped example record with the SM2 test
// issuer and an .esl seal, then `heyan verify --json`: the licence layer reads the page text, the QR and the
// embedded credential (the issuer's trust is not configured here, so the verdict is INDETERMINATE, exit 2, with the
// refresh-the-bundle advice); qpdf and pdftotext accept the PDF; with --tsa against `heyan tsa serve` the OFD's seal
// signature carries a timestamp that verifies (and `heyan sign ofd --tsa` does the same); usage errors exit 3.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, json, repoRoot, serveTsa, stopTsa, type ServedTsa } from './helpers/cli.js';

const pki = (f: string) => join(repoRoot, 'fixtures/pki/sm2', f);

describe('heyan license issue', () => {
  let dir: string;
  let record: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'heyan-license-issue-'));
    record = join(dir, 'record.json');
    writeFileSync(record, heyan(['license', 'example', '--type', 'business-licence']).stdout);
  });
  const issue = (out: string, extra: string[] = []) =>
    heyan(['license', 'issue', '--record', record, '--key', pki('signer.key.pem'), '--cert', pki('signer.pem'), '--seal', join(repoRoot, 'fixtures/seal/sample-v4.esl'), ...extra, '--out', out]);

  for (const ext of ['pdf', 'ofd']) {
    it(`${ext}: issued, then verified with the licence layer`, () => {
      const out = join(dir, `licence.${ext}`);
      const r = issue(out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('91350100M000100Y43');
      const v = heyan(['verify', out, '--json', '--trust', pki('root.pem'), '--cert', pki('intermediate.pem')]);
      const report = json(v).reports[0]!;
      expect(report.format).toBe(ext);
      const status = (id: string) => report.checks.find((c) => c.id === id)?.status;
      expect(status('license.document.recognised')).toBe('passed');
      expect(status('license.document.text')).toBe('passed');
      expect(status('license.document.qr')).toBe('passed');
      expect(status('license.document.signer')).toBe('passed');
      // Signatures valid and trusted; without a bundle the issuer's authority cannot be confirmed.
      expect(report.signatures.filter((s) => s.kind !== 'jws').every((s) => s.indication === 'PASSED')).toBe(true);
      expect(v.code).toBe(2);
      expect(JSON.stringify(report.advice)).toMatch(/bundle/);
      if (ext === 'pdf') {
        expect(execFileSync('qpdf', ['--check', out], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
        const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
        expect(text).toContain('福州示例科技有限公司');
        expect(text).toContain('91350100M000100Y43');
      }
    }, 60_000);
  }

  it('refuses an --out that is neither .pdf nor .ofd, and a --tsa that is not an http(s) URL (exit 3)', () => {
    expect(issue(join(dir, 'x.txt')).code).toBe(3);
    const r = issue(join(dir, 'x.ofd'), ['--tsa', 'ftp://127.0.0.1/tsa']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--tsa needs an http/);
  });

  it('--registry: registered on the first issue, a fresh copy keeps the entry, revoked → no document (exit 1) and verify --registry says REVOKED', () => {
    const db = join(dir, 'registry.db');
    const first = issue(join(dir, 'reg.pdf'), ['--registry', db]);
    expect(first.code, first.stderr).toBe(0);
    const entry = /status entry (urn:heyan:status:\S+ #\d+)/.exec(first.stderr)?.[1];
    expect(entry).toBeDefined();
    expect(first.stderr).not.toContain('fresh copy');
    const copy = issue(join(dir, 'reg-copy.ofd'), ['--registry', db]);
    expect(copy.code, copy.stderr).toBe(0);
    expect(copy.stderr).toContain(`status entry ${entry!} (registered before: a fresh copy)`);
    const id = (JSON.parse(readFileSync(record, 'utf8')) as { certificateIdentifier: string }).certificateIdentifier;
    expect(heyan(['license', 'revoke', '--registry', db, '--id', id, '--reason', '以欺骗手段取得登记']).code).toBe(0);
    const refused = issue(join(dir, 'reg-revoked.pdf'), ['--registry', db]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/revoked since/);
    const v = heyan(['verify', join(dir, 'reg.pdf'), '--json', '--registry', db, '--trust', pki('root.pem'), '--cert', pki('intermediate.pem')]);
    const report = json(v).reports[0]!;
    expect(report.indication).toBe('FAILED');
    expect(report.subIndication).toBe('REVOKED');
    expect(v.code).toBe(1);
  }, 60_000);

  describe('OFD with --tsa: heyan tsa serve (SM2 test TSA)', () => {
    let tsa: ServedTsa | undefined;
    let url: string;
    beforeAll(async () => {
      tsa = await serveTsa(['--key', pki('tsa.key.pem'), '--cert', pki('tsa.pem'), '--chain', pki('intermediate.pem')]);
      url = `${tsa.url}tsa`;
    }, 30_000);
    afterAll(() => stopTsa(tsa));

    /** The seal signature's timestamp check and time in `heyan verify --json`; the other signature checks too. */
    const verified = (file: string) => {
      const v = heyan(['verify', file, '--json', '--trust', pki('root.pem'), '--cert', pki('intermediate.pem')]);
      const report = json(v).reports[0]!;
      const seal = report.signatures.find((s) => s.kind !== 'jws')!;
      return { report, seal, status: (id: string) => seal.checks.find((c) => c.id === id)?.status };
    };

    it('license issue --tsa URL --out X.ofd: the seal signature\u2019s timestamp verifies, the licence layer passes', () => {
      const out = join(dir, 'licence-tsa.ofd');
      const r = issue(out, ['--tsa', url]);
      expect(r.code, r.stderr).toBe(0);
      const { report, seal, status } = verified(out);
      expect(report.format).toBe('ofd');
      expect(seal.indication).toBe('PASSED');
      expect(status('seal.signature.timestamp')).toBe('passed');
      // The TSA's time is now (the test PKI's clock), not the record's.
      const time = (seal as { timestamp?: { time?: string } }).timestamp?.time;
      expect(Math.abs(Date.parse(String(time)) - Date.now())).toBeLessThan(10 * 60_000);
      expect(report.checks.find((c) => c.id === 'license.document.signer')?.status).toBe('passed');
      // Without --tsa the same licence has no timestamp: the check above really looked at the token.
      const plain = join(dir, 'licence-no-tsa.ofd');
      expect(issue(plain).code).toBe(0);
      expect(verified(plain).status('seal.signature.timestamp')).toBe('skipped');
    }, 60_000);

    it('sign ofd --tsa URL [--tsa-digest sha256]: timestamped, verifies; --tsa with --tsa-key is refused (exit 3)', () => {
      for (const extra of [[], ['--tsa-digest', 'sha256']]) {
        const out = join(dir, `signed-tsa${extra.length}.ofd`);
        const r = heyan(['sign', 'ofd', '--seal', join(repoRoot, 'fixtures/ofd/seal.esl'), '--key', pki('signer.key.pem'), '--cert', pki('signer.pem'), '--tsa', url, ...extra, join(repoRoot, 'fixtures/ofd/unsigned.ofd'), '--out', out]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain('timestamped');
        const { seal, status } = verified(out);
        expect(seal.indication).toBe('PASSED');
        expect(status('seal.signature.timestamp')).toBe('passed');
      }
      const both = heyan(['sign', 'ofd', '--seal', join(repoRoot, 'fixtures/ofd/seal.esl'), '--key', pki('signer.key.pem'), '--cert', pki('signer.pem'), '--tsa', url, '--tsa-key', pki('tsa.key.pem'), '--tsa-cert', pki('tsa.pem'), join(repoRoot, 'fixtures/ofd/unsigned.ofd'), '--out', join(dir, 'x.ofd')]);
      expect(both.code).toBe(3);
    }, 60_000);
  });
});
