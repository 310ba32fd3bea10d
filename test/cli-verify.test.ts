// heyan verify end to end: certificates and chains, exit codes 0/1/2/3, the --json shape, batch order, errors.
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, json } from './helpers/cli.js';
import { makeFamily, type Family, type FamilyFiles } from './helpers/lib-pki.js';

const families: Family[] = ['sm2', 'p256', 'rsa'];
const pki = {} as Record<Family, FamilyFiles>;

beforeAll(() => {
  ensureBuilt();
  for (const f of families) pki[f] = makeFamily(f);
});

describe.each(families)('verify a %s certificate', (family) => {
  const p = (n: string) => pki[family].path(n);

  it('chain with --trust root → PASSED, exit 0', () => {
    const r = heyan(['verify', p('chain.pem'), '--trust', p('root.pem'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = json(r);
    expect(doc.summary).toEqual({ total: 1, passed: 1, failed: 0, indeterminate: 0 });
    const rep = doc.reports[0]!;
    expect(rep.format).toBe('certificate');
    expect(rep.indication).toBe('PASSED');
    expect(rep.signatures[0]!.kind).toBe('certificate');
    expect(rep.signatures[0]!.signer!.subject).toContain(`签名者 ${family}`);
    expect(rep.advice).toBeUndefined();
  });

  it('no trust anchor → INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND, exit 2, advice names --trust', () => {
    const r = heyan(['verify', p('chain.pem'), '--json']);
    expect(r.code).toBe(2);
    const rep = json(r).reports[0]!;
    expect(rep.indication).toBe('INDETERMINATE');
    expect(rep.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    expect(rep.advice!.en).toMatch(/--trust/);
  });

  it('an intermediate alone as anchor is enough (the trust may be an intermediate CA)', () => {
    const r = heyan(['verify', p('signer.pem'), '--trust', p('intermediate.pem')]);
    expect(r.code).toBe(0);
  });

  it('expired certificate → FAILED / EXPIRED, exit 1; PASSED at a time inside its validity (--at)', () => {
    const r = heyan(['verify', p('expired.pem'), '--trust', p('root.pem'), '--json']);
    expect(r.code).toBe(1);
    expect(json(r).reports[0]!.subIndication).toBe('EXPIRED');
    const at = new Date(Date.now() - 100 * 86_400_000).toISOString();
    const r2 = heyan(['verify', p('expired.pem'), '--trust', p('root.pem'), '--at', at, '--json']);
    expect(r2.code).toBe(0);
    expect(json(r2).reports[0]!.validationTime).toBe(at);
  });

  it('revoked certificate with the CRL → FAILED / REVOKED, exit 1', () => {
    const r = heyan(['verify', p('revoked.pem'), '--trust', p('root.pem'), '--crl', p('intermediate.crl.pem'), '--json']);
    expect(r.code).toBe(1);
    expect(json(r).reports[0]!.subIndication).toBe('REVOKED');
    // The CRL may also come through --trust (a folder or file of anchors and CRLs).
    const r2 = heyan(['verify', p('revoked.pem'), '--trust', p('root.pem'), '--trust', p('intermediate.crl.pem')]);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toContain('REVOKED');
  });
});

describe('batch, text output and exit codes', () => {
  it('reports in input order with a summary; any FAILED → exit 1', () => {
    const s = pki.p256;
    const r = heyan(['verify', s.path('chain.pem'), s.path('expired.pem'), pki.sm2.path('chain.pem'), '--trust', s.path('root.pem'), '--json']);
    expect(r.code).toBe(1);
    const doc = json(r);
    expect(doc.summary).toEqual({ total: 3, passed: 1, failed: 1, indeterminate: 1 });
    expect(doc.reports.map((x) => x.input.name)).toEqual([s.path('chain.pem'), s.path('expired.pem'), pki.sm2.path('chain.pem')]);
    expect(doc.reports.map((x) => x.indication)).toEqual(['PASSED', 'FAILED', 'INDETERMINATE']);
    expect(Object.keys(doc)).toEqual(['summary', 'reports']);
  });

  it('none failed but some INDETERMINATE → exit 2', () => {
    const r = heyan(['verify', pki.p256.path('chain.pem'), pki.sm2.path('chain.pem'), '--trust', pki.p256.path('root.pem')]);
    expect(r.code).toBe(2);
  });

  it('text output: verdict in Chinese and English per input, failed checks with ids, no colour when piped', () => {
    const r = heyan(['verify', pki.rsa.path('expired.pem'), '--trust', pki.rsa.path('root.pem')], { env: { NO_COLOR: undefined } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('结论 Verdict: ✗ 不通过 FAILED');
    expect(r.stdout).toMatch(/\[pki\.[a-z.-]+\]/);
    expect(r.stdout).toContain('建议 Advice:');
    expect(r.stdout).not.toContain('\x1b[');
    const v = heyan(['verify', pki.rsa.path('chain.pem'), '--trust', pki.rsa.path('root.pem'), '--verbose']);
    expect(v.stdout).toContain('[pki.path.build]');
  });

  it('FORCE_COLOR turns colour on, NO_COLOR wins over it', () => {
    const args = ['verify', pki.rsa.path('chain.pem'), '--trust', pki.rsa.path('root.pem')];
    expect(heyan(args, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toContain('\x1b[32m');
    expect(heyan(args, { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain('\x1b[');
  });

  it('a file that is not a signature or certificate → FAILED / FORMAT_FAILURE, exit 1', () => {
    const f = join(pki.p256.dir, 'garbage.bin');
    writeFileSync(f, 'this is not a certificate\n');
    const r = heyan(['verify', f, '--json']);
    expect(r.code).toBe(1);
    const rep = json(r).reports[0]!;
    expect(rep.indication).toBe('FAILED');
    expect(rep.subIndication).toBe('FORMAT_FAILURE');
    expect(rep.checks[0]!.id).toBe('verify.input.format');
  });

  it('a private key given to verify is reported as not verifiable, exit 1', () => {
    const r = heyan(['verify', pki.p256.path('signer.key.pem'), '--json']);
    expect(r.code).toBe(1);
    const rep = json(r).reports[0]!;
    expect(rep.format).toBe('private-key');
    expect(rep.checks.map((c) => c.id)).toContain('verify.input.signed');
  });
});

describe('usage errors exit 3 with one line and no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing input file', ['verify', '/nonexistent/x.pem'], /cannot read input \/nonexistent\/x\.pem: no such file/],
    ['unknown flag', ['verify', '--frobnicate', 'x'], /Unknown option '--frobnicate'/],
    ['no input', ['verify'], /verify needs an input/],
    ['bad --at', ['verify', 'package.json', '--at', 'yesterday'], /--at needs an ISO-8601 time/],
    ['bad --weak', ['verify', 'package.json', '--weak', 'maybe'], /--weak must be one of warn, fail/],
    ['missing trust path', ['verify', 'package.json', '--trust', '/nonexistent/roots'], /cannot read trust path/],
    ['--signature without --cert', ['verify', '--signature', 'package.json', '--content', 'package.json'], /--signature needs --cert/],
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['directory as input', ['verify', 'test'], /is a directory/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const r = heyan(args);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^heyan: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an input over the 256 MiB limit is refused before reading it (sparse file)', () => {
    const big = join(pki.p256.dir, 'big.p7s');
    writeFileSync(big, '');
    truncateSync(big, 256 * 1024 * 1024 + 1);
    const r = heyan(['verify', pki.p256.path('chain.pem'), big]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/big\.p7s: larger than 268435456 bytes/);
  });

  it('an unreadable input among good ones stops the batch before any verification', () => {
    const r = heyan(['verify', pki.p256.path('chain.pem'), '/nonexistent/y.p7s', '--json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });
});

describe('version and help', () => {
  it('--version prints the package version', () => {
    const r = heyan(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^heyan \d+\.\d+\.\d+\n$/);
  });
  it('help and help <command>', () => {
    expect(heyan(['help']).stdout).toContain('heyan verify <input...>');
    expect(heyan(['help', 'sign']).stdout).toContain('--flavour');
    expect(heyan(['help', 'nope']).code).toBe(3);
    expect(heyan(['verify', '--help']).stdout).toContain('--signature F');
  });
});
