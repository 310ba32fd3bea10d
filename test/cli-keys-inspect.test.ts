// heyan keys generate (read back by OpenSSL) and heyan inspect (text and JSON, checked against OpenSSL's view).
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, openssl } from './helpers/cli.js';
import { makeFamily, type FamilyFiles } from './helpers/lib-pki.js';

let dir: string;
let pki: FamilyFiles;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'heyan-keys-'));
  pki = makeFamily('p256');
});

const OPENSSL_TEXT: Record<string, RegExp> = {
  sm2: /ASN1 OID: SM2/,
  p256: /NIST CURVE: P-256/,
  p384: /NIST CURVE: P-384/,
  rsa2048: /Private-Key: \(2048 bit/,
  rsa3072: /Private-Key: \(3072 bit/,
  ed25519: /ED25519 Private-Key/,
};

describe.each(Object.keys(OPENSSL_TEXT))('keys generate --alg %s', (alg) => {
  it('writes a PKCS#8 key (mode 0600) and an SPKI public key that OpenSSL reads and agrees with', () => {
    const key = join(dir, `${alg}.key`);
    const pub = join(dir, `${alg}.pub`);
    const r = heyan(['keys', 'generate', '--alg', alg, '--out', key, '--pub', pub]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(key, 'latin1')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const text = openssl(['pkey', '-in', key, '-noout', '-text'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(OPENSSL_TEXT[alg]!);
    // The public key file is the public half of the private key, byte for byte as OpenSSL derives it.
    const derived = openssl(['pkey', '-in', key, '-pubout'], dir);
    expect(readFileSync(pub, 'latin1')).toBe(derived.stdout);
  });
});

describe('keys generate options', () => {
  it('--password writes an encrypted PKCS#8 that OpenSSL opens only with that password', () => {
    const key = join(dir, 'enc.key');
    expect(heyan(['keys', 'generate', '--alg', 'sm2', '--out', key, '--password', 'pw-核验']).code).toBe(0);
    expect(readFileSync(key, 'latin1')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(openssl(['pkey', '-in', key, '-passin', 'pass:pw-核验', '-noout'], dir).code).toBe(0);
    expect(openssl(['pkey', '-in', key, '-passin', 'pass:wrong', '-noout'], dir).code).not.toBe(0);
    // and heyan signs with it
    writeFileSync(join(dir, 'c.txt'), 'x');
    expect(heyan(['sign', 'raw', '--key', key, '--password', 'pw-核验', '--content', join(dir, 'c.txt'), '--out', join(dir, 'c.sig')]).code).toBe(0);
  });
  it('usage errors: unknown alg, missing --out, unknown subcommand', () => {
    expect(heyan(['keys', 'generate', '--alg', 'dsa', '--out', join(dir, 'x')]).stderr).toMatch(/--alg must be one of sm2, p256, p384, rsa2048, rsa3072, ed25519/);
    expect(heyan(['keys', 'generate', '--alg', 'sm2']).code).toBe(3);
    expect(heyan(['keys', 'destroy']).code).toBe(3);
  });
});

describe('inspect', () => {
  it('a certificate: text names subject, issuer and serial as OpenSSL reads them', () => {
    const r = heyan(['inspect', pki.path('signer.pem')]);
    expect(r.code).toBe(0);
    const serial = openssl(['x509', '-in', pki.path('signer.pem'), '-noout', '-serial'], pki.dir).stdout.trim().split('=')[1]!.toLowerCase();
    // Compare as numbers: random serials may start with a zero nibble that tools print differently.
    const shown = /序列号 Serial: ([0-9a-f]+)/.exec(r.stdout)?.[1];
    expect(shown).toBeDefined();
    expect(BigInt(`0x${shown}`)).toBe(BigInt(`0x${serial}`));
    expect(r.stdout).toContain('主体 Subject: CN=签名者 p256');
    expect(r.stdout).toContain('颁发者 Issuer: CN=heyan test p256 intermediate');
  });

  it('a PEM chain as JSON: one object per certificate with the OpenSSL fingerprint', () => {
    const r = heyan(['inspect', pki.path('chain.pem'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { encoding: string; objects: Array<{ type: string; fingerprintSha256: string; basicConstraints?: { cA: boolean } }> };
    expect(doc.encoding).toBe('pem');
    expect(doc.objects.map((o) => o.type)).toEqual(['certificate', 'certificate']);
    const fp = openssl(['x509', '-in', pki.path('signer.pem'), '-noout', '-fingerprint', '-sha256'], pki.dir).stdout.trim().split('=')[1]!.replace(/:/g, '').toLowerCase();
    expect(doc.objects[0]!.fingerprintSha256).toBe(fp);
    expect(doc.objects[1]!.basicConstraints?.cA).toBe(true);
  });

  it('a CRL lists its revoked serials', () => {
    const r = heyan(['inspect', pki.path('intermediate.crl.pem'), '--json']);
    const crl = JSON.parse(r.stdout).objects[0] as { type: string; revoked: Array<{ serialNumber: string; reason?: string }> };
    expect(crl.type).toBe('crl');
    const revoked = openssl(['x509', '-in', pki.path('revoked.pem'), '-noout', '-serial'], pki.dir).stdout.trim().split('=')[1]!.toLowerCase();
    expect(crl.revoked.map((e) => BigInt(`0x${e.serialNumber}`))).toEqual([BigInt(`0x${revoked}`)]);
    expect(crl.revoked[0]!.reason).toBe('keyCompromise');
  });

  it('a CMS: signers, attributes and embedded certificates', () => {
    writeFileSync(pki.path('doc.txt'), 'doc');
    heyan(['sign', 'cms', '--key', pki.path('signer.key.pem'), '--cert', pki.path('chain.pem'), '--content', pki.path('doc.txt'), '--out', pki.path('doc.p7s')]);
    const r = heyan(['inspect', pki.path('doc.p7s'), '--json']);
    const cms = JSON.parse(r.stdout).objects[0];
    expect(cms.type).toBe('cms');
    expect(cms.detached).toBe(true);
    expect(cms.signers).toHaveLength(1);
    expect(cms.signers[0].certificate).toBe('CN=签名者 p256,O=核验测试,C=CN');
    const sha = openssl(['dgst', '-sha256', '-r', pki.path('doc.txt')], pki.dir).stdout.split(' ')[0];
    expect(cms.signers[0].messageDigest).toBe(sha);
    expect(cms.certificates).toHaveLength(2);
    const text = heyan(['inspect', pki.path('doc.p7s')]).stdout;
    expect(text).toContain('签名者 Signers (1):');
  });

  it('keys: public half described, never private values', () => {
    const r = heyan(['inspect', pki.path('signer.key.pem'), '--json']);
    const k = JSON.parse(r.stdout).objects[0];
    expect(k).toMatchObject({ type: 'private-key', encoding: 'PKCS#8', algorithm: 'ecdsa-p256', bits: 256 });
    const pubDer = openssl(['pkey', '-in', pki.path('signer.key.pem'), '-pubout', '-outform', 'DER', '-out', pki.path('pub.der')], pki.dir);
    expect(pubDer.code).toBe(0);
    const sha = openssl(['dgst', '-sha256', '-r', pki.path('pub.der')], pki.dir).stdout.split(' ')[0];
    expect(k.publicKeySha256).toBe(sha);
    const priv = openssl(['pkey', '-in', pki.path('signer.key.pem'), '-noout', '-text'], pki.dir).stdout;
    const d = priv.split('priv:')[1]!.split('pub:')[0]!.replace(/[\s:]/g, '');
    expect(r.stdout.toLowerCase()).not.toContain(d.replace(/^00/, '').slice(0, 16));
  });

  it('garbage → exit 1 with one line; missing file → exit 3; two inputs → exit 3', () => {
    writeFileSync(join(dir, 'junk'), Buffer.from([0x30, 0x82, 0xff, 0xff, 1, 2, 3]));
    const r = heyan(['inspect', join(dir, 'junk')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^heyan: cannot inspect .*runs past the end/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(heyan(['inspect', join(dir, 'nope')]).code).toBe(3);
    expect(heyan(['inspect', 'a', 'b']).code).toBe(3);
  });
});
