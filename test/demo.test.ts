// `npm start` verifies fixtures/demo/ with the arguments of the root package.json's start script: this keeps the
// README's "install and run" command true (every demo file PASSED, exit 0, a batch total line).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LICENSE_DOCUMENT_CHECKS } from '@heyan/core';
import { ensureBuilt, heyan, repoRoot } from './helpers/cli.js';

const startScript: string = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.start;
// "node packages/cli/dist/bin.js verify fixtures/demo/* --trust ..." → the arguments after the binary, glob expanded.
const startArgs = startScript
  .split(/\s+/)
  .slice(2)
  .flatMap((a) => (a === 'fixtures/demo/*' ? readdirSync(join(repoRoot, 'fixtures/demo')).sort().map((f) => `fixtures/demo/${f}`) : [a]));

describe('npm start (demo fixtures)', () => {
  beforeAll(() => ensureBuilt());

  it('runs heyan verify over every demo file: all PASSED, exit 0', () => {
    expect(startArgs[0]).toBe('verify');
    const files = readdirSync(join(repoRoot, 'fixtures/demo'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const r = heyan([...startArgs, '--json'], { cwd: repoRoot });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ total: files.length, passed: files.length, failed: 0, indeterminate: 0 });
    const formats = out.reports.map((x: { format: string }) => x.format).sort();
    expect(formats).toEqual(['certificate', 'cms', 'cms', 'cms', 'ofd', 'pdf', 'pdf']);
    const algorithms = out.reports.map((x: { signatures: { algorithm: string }[] }) => x.signatures[0]?.algorithm).sort();
    expect(algorithms).toEqual(['ecdsa-with-sha256', 'sha256-with-rsa', 'sm2-with-sm3', 'sm2-with-sm3', 'sm2-with-sm3', 'sm2-with-sm3', 'sm2-with-sm3']);
    // The sealed licence PDF: an SM2 PAdES B-T seal, then an RSA countersignature, both valid.
    const named = (f: string) => out.reports.find((x: { input: { name: string } }) => x.input.name.endsWith(f));
    const pdf = named('licence-sm2-seal-rsa.pdf');
    expect(pdf.signatures.map((s: { indication: string; algorithm: string; pdf: { padesLevel: string } }) => [s.indication, s.algorithm, s.pdf.padesLevel])).toEqual([
      ['PASSED', 'sm2-with-sm3', 'B-T'],
      ['PASSED', 'sha256-with-rsa', 'B-B'],
    ]);
  });

  it('the licence documents (issued by issueLicenseDocument) pass the licence layer with the demo trust bundle', () => {
    const out = JSON.parse(heyan([...startArgs, '--json'], { cwd: repoRoot }).stdout);
    for (const f of ['business-licence.pdf', 'business-licence.ofd']) {
      const r = out.reports.find((x: { input: { name: string } }) => x.input.name.endsWith(f));
      expect(r.indication, f).toBe('PASSED');
      const ids = r.checks.filter((c: { id: string; status: string }) => c.id.startsWith('license.document.') && c.status === 'passed').map((c: { id: string }) => c.id);
      // Every check of the licence layer's catalogue ran and passed.
      expect(ids.sort(), f).toEqual(Object.values(LICENSE_DOCUMENT_CHECKS).map((c) => c.id).sort());
      expect(r.checks.find((c: { id: string }) => c.id === 'credential.issuer.authorised')?.status, f).toBe('passed');
      expect(r.license.certificateHolder ?? JSON.stringify(r.license), f).toContain('福州示例科技有限公司');
    }
  });

  it('prints a batch total line in the text view', () => {
    const r = heyan(startArgs, { cwd: repoRoot });
    expect(r.code).toBe(0);
    const n = readdirSync(join(repoRoot, 'fixtures/demo')).length;
    expect(r.stdout).toContain(`总计 Total: ${n} — 通过 passed ${n}, 不通过 failed 0, 无法确定 indeterminate 0`);
  });
});
