// `heyan seal create | inspect | picture` and `heyan verify` on seals and seal signatures, through the built binary,
// with the SM2 test PKI (fixtures/pki/sm2) and the ofd-ses corpus.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, json } from './helpers/cli.js';
import { corpusDir, repoRoot } from './helpers/seal-fixtures.js';

const PKI = join(repoRoot, 'fixtures/pki/sm2');
const SEAL = join(repoRoot, 'fixtures/seal');
const AT = '2030-01-01T00:00:00Z';
const trustArgs = ['--trust', join(PKI, 'root.pem'), '--cert', join(PKI, 'intermediate.pem'), '--crl', join(PKI, 'intermediate.crl.pem'), '--crl', join(PKI, 'root.crl.pem'), '--at', AT];
let dir: string;

const create = (out: string, extra: string[] = []) =>
  heyan([
    'seal', 'create',
    '--maker-key', join(PKI, 'seal-maker.key.pem'),
    '--maker-cert', join(PKI, 'seal-maker.pem'),
    '--signer-cert', join(PKI, 'signer.pem'),
    '--name', '核验测试合同专用章',
    '--esid', '11010800000042',
    '--picture', join(SEAL, 'stamp.png'),
    '--size', '40x40',
    '--valid-from', '2026-01-01T00:00:00Z',
    '--valid-to', '2036-01-01T00:00:00Z',
    '--out', out,
    ...extra,
  ]);

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'heyan-cli-seal-'));
});

describe('heyan seal create / inspect / picture', () => {
  it('creates a v4 seal that inspects field by field and verifies PASSED with the test root', () => {
    const out = join(dir, 'v4.esl');
    const r = create(out, ['--type', '2', '--signer-cert', join(PKI, 'tsa.pem')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/created .*v4\.esl: seal v4, esID 11010800000042, 2 signers/);

    const ins = heyan(['seal', 'inspect', out, '--json']);
    expect(ins.code).toBe(0);
    const d = JSON.parse(ins.stdout);
    expect(d).toMatchObject({ type: 'seal', version: 4, esID: '11010800000042', header: { id: 'ES', version: 4, vid: 'heyan' } });
    expect(d.property).toMatchObject({ type: 2, name: '核验测试合同专用章', certListType: 1, validStart: '2026-01-01T00:00:00.000Z', validEnd: '2036-01-01T00:00:00.000Z' });
    expect(d.property.certList.certs.map((c: { serialNumber: string }) => c.serialNumber)).toEqual(['2001', '2003']);
    expect(d.picture).toMatchObject({ type: 'PNG', detected: 'png', widthMm: 40, heightMm: 40, bytes: readFileSync(join(SEAL, 'stamp.png')).length });
    expect(d.makerCertificate.serialNumber).toBe('2002');
    expect(d.tolerances).toEqual([]);

    const text = heyan(['seal', 'inspect', out]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('电子印章 Electronic seal');
    expect(text.stdout).toContain('印章编码 esID: 11010800000042');
    expect(text.stdout).toContain('名称 Name: 核验测试合同专用章');

    const v = heyan(['verify', out, ...trustArgs, '--json']);
    expect(v.code).toBe(0);
    const rep = json(v).reports[0]!;
    expect(rep).toMatchObject({ format: 'seal', indication: 'PASSED' });
    expect(rep.signatures[0]).toMatchObject({ kind: 'seal', signer: { subject: expect.stringContaining('测试制章者') } });
  });

  it('extracts the stamp image byte for byte, the extension from its type', () => {
    const out = join(dir, 'pic.esl');
    expect(create(out).code).toBe(0);
    const r = heyan(['seal', 'picture', out, '--out', join(dir, 'stamp-out')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('png, ');
    expect(readFileSync(join(dir, 'stamp-out.png'))).toEqual(readFileSync(join(SEAL, 'stamp.png')));
    // Default output: the input's name with the image's extension.
    expect(heyan(['seal', 'picture', out]).code).toBe(0);
    expect(existsSync(join(dir, 'pic.png'))).toBe(true);
  });

  it('v5 with certificate digests and a JPEG picture', () => {
    const out = join(dir, 'v5.esl');
    const r = create(out, ['--version', '5', '--cert-digests', '--picture', join(SEAL, 'stamp.jpg'), '--size', '42x30', '--vid', 'heyan-cli']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(heyan(['seal', 'inspect', out, '--json']).stdout);
    expect(d).toMatchObject({ version: 5, header: { version: 5, vid: 'heyan-cli' }, property: { certListType: 2 }, picture: { type: 'JPG', widthMm: 42, heightMm: 30 } });
    expect(d.property.certList.digests).toHaveLength(1);
    expect(d.property.certList.digests[0].type).toBe('SM3');
    expect(heyan(['seal', 'picture', out, '--out', join(dir, 'v5-stamp')]).code).toBe(0);
    expect(readFileSync(join(dir, 'v5-stamp.jpg'))).toEqual(readFileSync(join(SEAL, 'stamp.jpg')));
    expect(heyan(['verify', out, ...trustArgs]).code).toBe(0);
  });

  it('a PKCS#12 maker whose certificate expired before createDate is refused (exit 1, one line)', () => {
    const r = heyan([
      'seal', 'create',
      '--maker-key', join(corpusDir, 'pki/ofdrw-SealBuilder.p12'),
      '--password', '777777',
      '--signer-cert', join(PKI, 'signer.pem'),
      '--name', 'x', '--esid', 'x', '--picture', join(SEAL, 'stamp.png'), '--size', '40x40',
      '--out', join(dir, 'never.esl'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^heyan: seal: the maker certificate is not valid at createDate/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'never.esl'))).toBe(false);
  });

  it('help: heyan help seal, heyan seal --help; heyan seal alone is a usage error', () => {
    const h = heyan(['help', 'seal']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('heyan seal create --maker-key K');
    expect(heyan(['seal', 'create', '--help']).stdout).toContain('--cert-digests');
    expect(heyan(['help']).stdout).toContain('heyan seal inspect');
    expect(heyan(['seal']).code).toBe(3);
  });

  it('usage errors exit 3', () => {
    const base = ['seal', 'create', '--maker-key', join(PKI, 'seal-maker.key.pem'), '--maker-cert', join(PKI, 'seal-maker.pem'), '--name', 'x', '--esid', 'x', '--out', join(dir, 'u.esl')];
    expect(heyan([...base, '--picture', join(SEAL, 'stamp.png'), '--size', '40x40']).stderr).toMatch(/--signer-cert/);
    const cases = [
      [...base, '--signer-cert', join(PKI, 'signer.pem'), '--picture', join(SEAL, 'stamp.png'), '--size', '40'],
      [...base, '--signer-cert', join(PKI, 'signer.pem'), '--picture', join(PKI, 'root.pem'), '--size', '40x40'],
      [...base, '--signer-cert', join(PKI, 'signer.pem'), '--picture', join(SEAL, 'stamp.png'), '--size', '40x40', '--version', '3'],
      [...base, '--signer-cert', join(dir, 'missing.pem'), '--picture', join(SEAL, 'stamp.png'), '--size', '40x40'],
      ['seal', 'frobnicate'],
      ['seal', 'inspect'],
    ];
    for (const c of cases) {
      const r = heyan(c);
      expect(r.code, c.join(' ')).toBe(3);
      expect(r.stderr).toMatch(/^heyan: /);
    }
  });

  it('inspects a seal signature (the embedded seal included) and refuses what is neither', () => {
    const r = heyan(['seal', 'inspect', join(corpusDir, 'signatures/gomain-jiangsu-tax-v4/SignedValue.dat'), '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ type: 'ses-signature', version: 4, toSign: { propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml', seal: { esID: '32010600000001' } } });
    expect(d.toSign.seal.tolerances.map((t: { id: string }) => t.id)).toContain('seal.nonstandard.explicit-default');
    const pic = heyan(['seal', 'picture', join(corpusDir, 'signatures/gomain-jiangsu-tax-v4/SignedValue.dat'), '--out', join(dir, 'gomain')]);
    expect(pic.code).toBe(0);
    expect(readFileSync(join(dir, 'gomain.ofd')).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const bad = heyan(['seal', 'inspect', join(PKI, 'root.pem')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^heyan: neither an electronic seal nor a seal signature/);
  });
});

describe('heyan verify on seal signatures', () => {
  it('with --content PASSED (0), without INDETERMINATE (2), changed content FAILED (1)', () => {
    const sig = join(SEAL, 'sample-signature-v4.dat');
    const content = join(SEAL, 'sample-content.txt');
    const ok = heyan(['verify', sig, '--content', content, ...trustArgs, '--json']);
    expect(ok.code).toBe(0);
    expect(json(ok).reports[0]).toMatchObject({ format: 'ses-signature', indication: 'PASSED' });
    expect(heyan(['verify', sig, ...trustArgs]).code).toBe(2);
    const changed = join(dir, 'changed.txt');
    writeFileSync(changed, readFileSync(content).toString('utf8').replace('核验', '核准'));
    const bad = heyan(['verify', sig, '--content', changed, ...trustArgs, '--json']);
    expect(bad.code).toBe(1);
    expect(json(bad).reports[0]!.subIndication).toBe('HASH_FAILURE');
  });

  it('the corpus v5 seal fails naming the maker certificate that expired before the seal was created', () => {
    const r = heyan(['verify', join(corpusDir, 'seals/ofdrw-UserV5.esl'), '--json']);
    expect(r.code).toBe(1);
    const rep = json(r).reports[0]!;
    expect(rep).toMatchObject({ format: 'seal', indication: 'FAILED', subIndication: 'EXPIRED' });
    const text = heyan(['verify', join(corpusDir, 'seals/ofdrw-UserV5.esl')]);
    expect(text.stdout).toMatch(/maker certificate expired before the seal was created/i);
  });
});
