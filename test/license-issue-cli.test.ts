// `heyan license issue` end to end: a licence PDF and OFD issued from the shipped example record with the SM2 test
// issuer and an .esl seal, then `heyan verify --json`: the licence layer reads the page text, the QR and the
// embedded credential (the issuer's trust is not configured here, so the verdict is INDETERMINATE, exit 2, with the
// refresh-the-bundle advice); qpdf and pdftotext accept the PDF; usage errors exit 3.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, json, repoRoot } from './helpers/cli.js';

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

  it('refuses an --out that is neither .pdf nor .ofd, and a TSA for OFD (exit 3)', () => {
    expect(issue(join(dir, 'x.txt')).code).toBe(3);
    expect(issue(join(dir, 'x.ofd'), ['--tsa', 'http://127.0.0.1:9/']).code).toBe(3);
  });
});
