// heyan sign ofd end to end: sign with the built binary, verify with `heyan verify`, and check the package with unzip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeal, decodeSeal, exportPkcs12, importPrivateKey, loadCertificates } from '@heyan/core';
import { ensureBuilt, heyan, json, repoRoot } from './helpers/cli.js';

const AT = '2030-01-01T00:00:00Z';
const pki = (f: string): string => join(repoRoot, 'fixtures/pki/sm2', f);
const unsigned = join(repoRoot, 'fixtures/ofd/unsigned.ofd');
const unsigned2 = join(repoRoot, 'fixtures/ofd/unsigned-2p.ofd');
// SES signatures carry only the signer's certificate, so the intermediate CA is named with --trust beside the root.
const TRUST = ['--trust', pki('root.pem'), '--trust', pki('intermediate.pem')];
let dir: string;
const p = (n: string): string => join(dir, n);

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'heyan-cli-ofd-'));
  const read = (f: string): Uint8Array => new Uint8Array(readFileSync(pki(f)));
  const signer = loadCertificates(read('signer.pem'))[0]!;
  const picture = decodeSeal(new Uint8Array(readFileSync(join(repoRoot, '../shared/corpus/ofd-ses/seals/ofdrw-UserV4.esl')))).picture;
  const seal = createSeal({
    esID: '11010800000077',
    type: 1,
    name: '命令行测试章',
    signerCertificates: [signer],
    picture: { type: 'png', data: picture.data, widthMm: 42, heightMm: 42 },
    createDate: new Date('2026-01-01T00:00:00Z'),
    validStart: new Date('2026-01-01T00:00:00Z'),
    validEnd: new Date('2040-01-01T00:00:00Z'),
    makerKey: importPrivateKey(read('seal-maker.key.pem')),
    makerCertificate: loadCertificates(read('seal-maker.pem'))[0]!,
  });
  writeFileSync(p('seal.esl'), seal);
  writeFileSync(p('signer.p12'), exportPkcs12(importPrivateKey(read('signer.key.pem')), [signer.der], 'p12-pass', { iterations: 1000 }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signArgs = (input: string, out: string, extra: string[] = []): string[] => [
  'sign', 'ofd', '--seal', p('seal.esl'), '--key', pki('signer.key.pem'), '--cert', pki('signer.pem'), ...extra, input, '--out', out,
];

describe('heyan sign ofd', () => {
  it('signs; heyan verify --at 2030 exits 0 with one PASSED seal signature; unzip -t accepts the package', () => {
    const s = heyan(signArgs(unsigned, p('once.ofd')));
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('once.ofd');
    const v = heyan(['verify', p('once.ofd'), ...TRUST, '--at', AT, '--json']);
    expect(v.code).toBe(0);
    const rep = json(v).reports[0]!;
    expect(rep.format).toBe('ofd');
    expect(rep.indication).toBe('PASSED');
    expect(rep.signatures).toHaveLength(1);
    expect(rep.signatures[0]!.kind).toBe('ofd-seal');
    expect(rep.signatures[0]!.signer?.subject).toMatch(/^CN=测试签名人/);
    const u = spawnSync('unzip', ['-t', p('once.ofd')], { encoding: 'utf8' });
    expect(u.stdout).toContain('No errors detected');
    // Without the trust anchors the same file is INDETERMINATE (exit 2), not PASSED.
    expect(heyan(['verify', p('once.ofd'), '--at', AT]).code).toBe(2);
  });

  it('places the stamp with --page/--at/--size, signs again, and both signatures pass', () => {
    expect(heyan(signArgs(unsigned2, p('a.ofd'))).code).toBe(0);
    const s = heyan(signArgs(p('a.ofd'), p('b.ofd'), ['--page', '2', '--at', '20.5,30', '--size', '30,30']));
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    const v = heyan(['verify', p('b.ofd'), ...TRUST, '--at', AT, '--json']);
    expect(v.code).toBe(0);
    expect(json(v).reports[0]!.signatures.map((x) => x.indication)).toEqual(['PASSED', 'PASSED']);
    const xml = spawnSync('unzip', ['-p', p('b.ofd'), 'Doc_0/Signs/Sign_1/Signature.xml'], { encoding: 'utf8' }).stdout;
    expect(xml).toMatch(/<ofd:StampAnnot ID="\d+" PageRef="2" Boundary="20.5 30 30 30"\/>/);
  });

  it('--protect-all locks the document: a further sign ofd fails (exit 1) and says why', () => {
    expect(heyan(signArgs(unsigned, p('locked.ofd'), ['--protect-all'])).code).toBe(0);
    expect(heyan(['verify', p('locked.ofd'), ...TRUST, '--at', AT]).code).toBe(0);
    const again = heyan(signArgs(p('locked.ofd'), p('again.ofd')));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/WholeProtected/);
  });

  it('accepts a PKCS#12 --key with --password, and timestamps with --tsa-key/--tsa-cert', () => {
    const s = heyan(['sign', 'ofd', '--seal', p('seal.esl'), '--key', p('signer.p12'), '--password', 'p12-pass', '--tsa-key', pki('tsa.key.pem'), '--tsa-cert', pki('tsa.pem'), unsigned, '--out', p('ts.ofd')]);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    const v = heyan(['verify', p('ts.ofd'), ...TRUST, '--at', AT, '--json']);
    expect(v.code).toBe(0);
    const sig = json(v).reports[0]!.signatures[0]!;
    expect(sig.checks.find((c) => c.id === 'seal.signature.timestamp')?.status).toBe('passed');
  });

  it('refuses a signer the seal does not list (exit 1) and bad command lines (exit 3)', () => {
    const other = heyan(['sign', 'ofd', '--seal', p('seal.esl'), '--key', pki('seal-maker.key.pem'), '--cert', pki('seal-maker.pem'), unsigned, '--out', p('x.ofd')]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/certList/);
    expect(heyan(signArgs(unsigned, p('x.ofd'), ['--page', '3'])).code).toBe(1);
    expect(heyan(['sign', 'ofd', '--key', pki('signer.key.pem'), '--cert', pki('signer.pem'), unsigned, '--out', p('x.ofd')]).code).toBe(3);
    expect(heyan(signArgs(unsigned, p('x.ofd'), ['--at', 'left'])).code).toBe(3);
    expect(heyan(signArgs(unsigned, p('x.ofd'), ['--page', '0'])).code).toBe(3);
    expect(heyan(signArgs(unsigned, p('x.ofd'), ['--tsa-key', pki('tsa.key.pem')])).code).toBe(3);
    expect(heyan(signArgs(p('missing.ofd'), p('x.ofd'))).code).toBe(3);
  });

  it.each([
    [['--at', '-5,1']],
    [['--at=-5,1']],
    [['--at', '10,-0.5']],
  ])('a negative stamp position %j is our own usage error (exit 3), not parseArgs\' "ambiguous"', (extra) => {
    const r = heyan(signArgs(unsigned, p('neg.ofd'), extra));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--at needs a position on the page: x,y in millimetres from its top-left corner, 0 or more, such as 150,230 \(got "-?\d+(\.\d+)?,-?\d+(\.\d+)?"\)/);
    expect(r.stderr).not.toMatch(/ambiguous/);
    expect(existsSync(p('neg.ofd'))).toBe(false);
  });

  it('--size with a negative value is a usage error too; --at=X,Y (inline) still works', () => {
    const neg = heyan(signArgs(unsigned, p('neg.ofd'), ['--size', '-30,30']));
    expect(neg.code).toBe(3);
    expect(neg.stderr).toMatch(/--size needs a positive width and height/);
    const ok = heyan(signArgs(unsigned, p('inline.ofd'), ['--at=20,30']));
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  });
});
