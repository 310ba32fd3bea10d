// heyan credential issue → verify → qr encode / payload / decode → verify --qr / --qr-image, through the built binary,
// with the fixture PKI. Exit codes: 0 issued / PASSED, 1 FAILED or refused record, 2 INDETERMINATE, 3 usage.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, json } from './helpers/cli.js';

beforeAll(() => ensureBuilt());

const dir = mkdtempSync(join(tmpdir(), 'heyan-cred-cli-'));
const at = ['--at', '2030-01-01T00:00:00Z'];
const f = (n: string) => join(dir, n);

describe('heyan credential / qr / verify', () => {
  beforeAll(() => {
    const ex = heyan(['license', 'example', '--type', 'business-licence']);
    expect(ex.code).toBe(0);
    writeFileSync(f('R.json'), ex.stdout);
    const record = JSON.parse(ex.stdout);
    writeFileSync(f('bad.json'), JSON.stringify({ ...record, certificateHolderCode: `${record.certificateHolderCode.slice(0, -1)}0` }));
  });

  it.each([
    ['sm2', 'SM2SM3', 'sm2-with-sm3'],
    ['p256', 'ES256', 'ecdsa-with-sha256'],
  ])('%s: issue (%s) → exit 0; verify with --trust → INDETERMINATE (no bundle: authority unknown), licence in JSON', (fam, alg, name) => {
    const out = f(`${fam}.jws`);
    const r = heyan(['credential', 'issue', '--record', f('R.json'), '--key', `fixtures/pki/${fam}/signer.key.pem`, '--cert', `fixtures/pki/${fam}/chain.pem`, '--status-index', '5', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/QR version \d+ at ECC Q/);
    const header = JSON.parse(Buffer.from(readFileSync(out, 'utf8').split('.')[0]!, 'base64url').toString());
    expect(header.alg).toBe(alg);
    expect(header.typ).toBe('vc+jwt');
    expect(header.x5c).toHaveLength(2);
    const v = heyan(['verify', out, '--trust', `fixtures/pki/${fam}/root.pem`, '--json', ...at]);
    expect(v.code).toBe(2);
    const rep = json(v).reports[0]!;
    expect(rep.format).toBe('credential');
    expect(rep.signatures[0]!.indication).toBe('PASSED');
    expect(rep.signatures[0]!.algorithm).toBe(name);
    expect(rep.checks.filter((c) => c.status === 'indeterminate').map((c) => c.id)).toEqual(['credential.issuer.authorised', 'credential.status']);
    expect((rep as unknown as { license: { holder: string } }).license.holder).toBe('福州示例科技有限公司');
  });

  it('a changed byte in the credential → exit 1 (signature)', () => {
    const jws = readFileSync(f('sm2.jws'), 'utf8').trim();
    const [h, p, s] = jws.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.validUntil = '2099-12-31T23:59:59+08:00';
    writeFileSync(f('forged.jws'), `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`);
    const v = heyan(['verify', f('forged.jws'), '--trust', 'fixtures/pki/sm2/root.pem', '--json', ...at]);
    expect(v.code).toBe(1);
    expect(json(v).reports[0]!.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });

  it('qr payload / encode (PNG, SVG) / decode, and verify --qr-image with the issuer certificate', () => {
    const text = heyan(['qr', 'payload', f('sm2.jws')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^HY1:[0-9A-Z $%*+\-./:]+\n$/);
    const png = heyan(['qr', 'encode', f('sm2.jws'), '--out', f('qr.png')]);
    expect(png.code).toBe(0);
    expect(png.stdout).toMatch(/QR version (\d+) at ECC Q/);
    expect(Number(/version (\d+)/.exec(png.stdout)![1])).toBeLessThanOrEqual(25);
    expect(heyan(['qr', 'encode', f('sm2.jws'), '--out', f('qr.svg')]).code).toBe(0);
    expect(readFileSync(f('qr.svg'), 'utf8')).toMatch(/^<svg /);
    const dec = heyan(['qr', 'decode', f('qr.png')]);
    expect(dec.stdout).toBe(text.stdout);
    const v = heyan(['verify', '--qr-image', f('qr.png'), '--cert', 'fixtures/pki/sm2/chain.pem', '--trust', 'fixtures/pki/sm2/root.pem', '--json', ...at]);
    const rep = json(v).reports[0]!;
    expect(rep.format).toBe('qr');
    expect(rep.signatures[0]!.indication).toBe('PASSED');
    expect(v.code).toBe(2);
    const t = heyan(['verify', '--qr', text.stdout.trim(), '--cert', 'fixtures/pki/sm2/chain.pem', '--trust', 'fixtures/pki/sm2/root.pem', '--json', ...at]);
    expect(json(t).reports[0]!.signatures[0]!.indication).toBe('PASSED');
  });

  it('verify --qr with another system\'s QR text → exit 1, "not a heyan licence QR"', () => {
    const v = heyan(['verify', '--qr', 'HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+IUKRG*I.I3BDEK2MSCJD*0R6IB:L', '--json']);
    expect(v.code).toBe(1);
    const rep = json(v).reports[0]!;
    expect(rep.subIndication).toBe('FORMAT_FAILURE');
    expect(rep.checks[0]!.message.en).toMatch(/not a heyan licence QR/);
  });

  it('refusals: a wrong check character is not issued (exit 1) unless --lenient; bad usage → exit 3', () => {
    const bad = heyan(['credential', 'issue', '--record', f('bad.json'), '--key', 'fixtures/pki/sm2/signer.key.pem', '--cert', 'fixtures/pki/sm2/chain.pem', '--out', f('bad.jws')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot be issued.*check character/i);
    const lenient = heyan(['credential', 'issue', '--record', f('bad.json'), '--key', 'fixtures/pki/sm2/signer.key.pem', '--cert', 'fixtures/pki/sm2/chain.pem', '--lenient', '--out', f('bad.jws')]);
    expect(lenient.code).toBe(0);
    const v = heyan(['verify', f('bad.jws'), '--trust', 'fixtures/pki/sm2/root.pem', '--json', '--verbose', ...at]);
    expect(json(v).reports[0]!.checks.find((c) => c.id === 'license.holder.uscc')?.status).toBe('warning');
    expect(heyan(['credential', 'issue', '--record', f('R.json'), '--key', 'fixtures/pki/sm2/signer.key.pem', '--cert', 'fixtures/pki/p256/signer.pem', '--out', f('x.jws')]).code).toBe(3);
    expect(heyan(['credential', 'issue', '--record', f('R.json'), '--out', f('x.jws')]).code).toBe(3);
    expect(heyan(['credential', 'issue', '--record', f('R.json'), '--key', 'fixtures/pki/sm2/signer.key.pem', '--cert', 'fixtures/pki/sm2/chain.pem', '--alg', 'HS256', '--out', f('x.jws')]).code).toBe(3);
    expect(heyan(['qr', 'encode', f('sm2.jws'), '--out', f('qr.gif')]).code).toBe(3);
    expect(heyan(['qr', 'payload', f('R.json')]).code).toBe(1);
    expect(heyan(['verify', '--qr', 'HY1:', f('sm2.jws')]).code).toBe(3);
    expect(heyan(['verify', '--qr-image', f('R.json')]).code).toBe(3);
  });
});
