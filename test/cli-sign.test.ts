// heyan sign raw|cms end to end, cross-checked with OpenSSL both ways: OpenSSL verifies what heyan signs, heyan
// verifies what OpenSSL signs.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, json, openssl } from './helpers/cli.js';
import { makeFamily, type Family, type FamilyFiles } from './helpers/lib-pki.js';

const families: Family[] = ['sm2', 'p256', 'rsa'];
const pki = {} as Record<Family, FamilyFiles>;

beforeAll(() => {
  ensureBuilt();
  for (const f of families) {
    pki[f] = makeFamily(f);
    writeFileSync(pki[f].path('licence.xml'), `<licence holder="张三" family="${f}">营业执照</licence>\n`);
    writeFileSync(pki[f].path('tampered.xml'), `<licence holder="李四" family="${f}">营业执照</licence>\n`);
  }
});

describe.each(families)('%s: sign raw → verify --signature', (family) => {
  const p = (n: string) => pki[family].path(n);

  it('heyan sign raw then heyan verify --signature: PASSED; other content: FAILED / SIG_CRYPTO_FAILURE', () => {
    const s = heyan(['sign', 'raw', '--key', p('signer.key.pem'), '--content', p('licence.xml'), '--out', p('licence.sig')]);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    const ok = heyan(['verify', '--signature', p('licence.sig'), '--cert', p('chain.pem'), '--content', p('licence.xml'), '--trust', p('root.pem'), '--json']);
    expect(ok.code).toBe(0);
    const rep = json(ok).reports[0]!;
    expect(rep.format).toBe('raw-signature');
    expect(rep.signatures[0]!.kind).toBe('raw');
    expect(rep.signatures[0]!.algorithm).toBe({ sm2: 'sm2-with-sm3', p256: 'ecdsa-with-sha256', rsa: 'sha256-with-rsa' }[family]);
    const bad = heyan(['verify', '--signature', p('licence.sig'), '--cert', p('chain.pem'), '--content', p('tampered.xml'), '--trust', p('root.pem'), '--json']);
    expect(bad.code).toBe(1);
    expect(json(bad).reports[0]!.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });

  it('without --trust the signature still verifies but the verdict is INDETERMINATE (exit 2)', () => {
    heyan(['sign', 'raw', '--key', p('signer.key.pem'), '--content', p('licence.xml'), '--out', p('licence2.sig')]);
    const r = heyan(['verify', '--signature', p('licence2.sig'), '--cert', p('chain.pem'), '--content', p('licence.xml'), '--json']);
    expect(r.code).toBe(2);
    const sig = json(r).reports[0]!.signatures[0]!;
    expect(sig.checks.find((c) => c.id === 'verify.raw.signature')!.status).toBe('passed');
  });

  it('OpenSSL verifies the raw signature heyan wrote', () => {
    heyan(['sign', 'raw', '--key', p('signer.key.pem'), '--content', p('licence.xml'), '--out', p('h.sig')]);
    openssl(['pkey', '-in', p('signer.key.pem'), '-pubout', '-out', p('signer.pub.pem')], pki[family].dir);
    const args =
      family === 'sm2'
        ? ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pubin', '-inkey', p('signer.pub.pem'), '-in', p('licence.xml'), '-sigfile', p('h.sig'), '-pkeyopt', 'distid:1234567812345678']
        : ['dgst', '-sha256', '-verify', p('signer.pub.pem'), '-signature', p('h.sig'), p('licence.xml')];
    const r = openssl(args, pki[family].dir);
    expect(r.stdout + r.stderr).toMatch(/Verified OK|Signature Verified Successfully/);
    expect(r.code).toBe(0);
  });

  it('heyan verifies a raw signature OpenSSL wrote', () => {
    const args =
      family === 'sm2'
        ? ['pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-inkey', p('signer.key.pem'), '-in', p('licence.xml'), '-out', p('o.sig'), '-pkeyopt', 'distid:1234567812345678']
        : ['dgst', '-sha256', '-sign', p('signer.key.pem'), '-out', p('o.sig'), p('licence.xml')];
    const o = openssl(args, pki[family].dir);
    expect(o.stderr).toBe('');
    const r = heyan(['verify', '--signature', p('o.sig'), '--cert', p('chain.pem'), '--content', p('licence.xml'), '--trust', p('root.pem')]);
    expect(r.stdout).toContain('✓ 通过 PASSED');
    expect(r.code).toBe(0);
  });
});

describe('SM2 user ID and digest options', () => {
  const p = (n: string) => pki.sm2.path(n);
  it('a signature made with --id verifies only with the same --id', () => {
    heyan(['sign', 'raw', '--key', p('signer.key.pem'), '--content', p('licence.xml'), '--out', p('alice.sig'), '--id', 'ALICE123@YAHOO.COM']);
    const base = ['verify', '--signature', p('alice.sig'), '--cert', p('chain.pem'), '--content', p('licence.xml'), '--trust', p('root.pem')];
    expect(heyan(base).code).toBe(1);
    expect(heyan([...base, '--id', 'ALICE123@YAHOO.COM']).code).toBe(0);
    // OpenSSL agrees on the ID.
    openssl(['pkey', '-in', p('signer.key.pem'), '-pubout', '-out', p('signer.pub.pem')], pki.sm2.dir);
    const o = openssl(['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pubin', '-inkey', p('signer.pub.pem'), '-in', p('licence.xml'), '-sigfile', p('alice.sig'), '-pkeyopt', 'distid:ALICE123@YAHOO.COM'], pki.sm2.dir);
    expect(o.code).toBe(0);
  });
  it('--digest sha384 with P-256 is honoured on both sides; SM2 with sha256 is refused', () => {
    const q = (n: string) => pki.p256.path(n);
    expect(heyan(['sign', 'raw', '--key', q('signer.key.pem'), '--content', q('licence.xml'), '--out', q('384.sig'), '--digest', 'sha384']).code).toBe(0);
    openssl(['pkey', '-in', q('signer.key.pem'), '-pubout', '-out', q('signer.pub.pem')], pki.p256.dir);
    expect(openssl(['dgst', '-sha384', '-verify', q('signer.pub.pem'), '-signature', q('384.sig'), q('licence.xml')], pki.p256.dir).code).toBe(0);
    const base = ['verify', '--signature', q('384.sig'), '--cert', q('chain.pem'), '--content', q('licence.xml'), '--trust', q('root.pem')];
    expect(heyan(base).code).toBe(1); // P-256 implies SHA-256
    const r = heyan(['sign', 'raw', '--key', p('signer.key.pem'), '--content', p('licence.xml'), '--out', p('x.sig'), '--digest', 'sha256']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^heyan: .*SM3/);
  });
});

describe.each(families)('%s: sign cms → verify', (family) => {
  const p = (n: string) => pki[family].path(n);

  it('detached CMS verifies with --content and, for X.p7s, with X beside it', () => {
    const s = heyan(['sign', 'cms', '--key', p('signer.key.pem'), '--cert', p('chain.pem'), '--content', p('licence.xml'), '--out', p('licence.xml.p7s')]);
    expect(s.code).toBe(0);
    const r = heyan(['verify', p('licence.xml.p7s'), '--content', p('licence.xml'), '--trust', p('root.pem'), '--json']);
    expect(r.code).toBe(0);
    const rep = json(r).reports[0]!;
    expect(rep.format).toBe('cms');
    expect(rep.signatures).toHaveLength(1);
    // The intermediate came from --cert and is embedded: only the root is needed as anchor.
    expect(heyan(['verify', p('licence.xml.p7s'), '--trust', p('root.pem')]).code).toBe(0);
    const bad = heyan(['verify', p('licence.xml.p7s'), '--content', p('tampered.xml'), '--trust', p('root.pem'), '--json']);
    expect(bad.code).toBe(1);
    expect(json(bad).reports[0]!.subIndication).toBe('HASH_FAILURE');
  });

  it('without the content the verdict is INDETERMINATE / SIGNED_DATA_NOT_FOUND', () => {
    heyan(['sign', 'cms', '--key', p('signer.key.pem'), '--cert', p('chain.pem'), '--content', p('licence.xml'), '--out', p('lonely.p7s')]);
    const r = heyan(['verify', p('lonely.p7s'), '--trust', p('root.pem'), '--json']);
    expect(r.code).toBe(2);
    expect(json(r).reports[0]!.subIndication).toBe('SIGNED_DATA_NOT_FOUND');
  });

  if (family !== 'sm2') {
    it('OpenSSL cms -verify accepts what heyan signed', () => {
      heyan(['sign', 'cms', '--key', p('signer.key.pem'), '--cert', p('chain.pem'), '--content', p('licence.xml'), '--out', p('o.p7s')]);
      const r = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', p('o.p7s'), '-content', p('licence.xml'), '-CAfile', p('root.pem'), '-purpose', 'any', '-out', p('o.out')], pki[family].dir);
      expect(r.stderr).toContain('Verification successful');
      expect(r.code).toBe(0);
      expect(readFileSync(p('o.out'))).toEqual(readFileSync(p('licence.xml')));
    });

    it('heyan verifies a CMS OpenSSL signed (detached and attached)', () => {
      const d = openssl(['cms', '-sign', '-binary', '-in', p('licence.xml'), '-signer', p('signer.pem'), '-inkey', p('signer.key.pem'), '-certfile', p('intermediate.pem'), '-outform', 'DER', '-out', p('ossl.p7s')], pki[family].dir);
      expect(d.code).toBe(0);
      expect(heyan(['verify', p('ossl.p7s'), '--content', p('licence.xml'), '--trust', p('root.pem')]).code).toBe(0);
      openssl(['cms', '-sign', '-nodetach', '-binary', '-in', p('licence.xml'), '-signer', p('signer.pem'), '-inkey', p('signer.key.pem'), '-certfile', p('intermediate.pem'), '-outform', 'PEM', '-out', p('ossl.p7m')], pki[family].dir);
      const r = heyan(['verify', p('ossl.p7m'), '--trust', p('root.pem'), '--json']);
      expect(r.code).toBe(0);
      expect(json(r).reports[0]!.format).toBe('cms');
      // -stream writes BER with indefinite lengths: accepted, and reported as BER.
      openssl(['cms', '-sign', '-stream', '-binary', '-in', p('licence.xml'), '-signer', p('signer.pem'), '-inkey', p('signer.key.pem'), '-certfile', p('intermediate.pem'), '-outform', 'DER', '-out', p('ber.p7m')], pki[family].dir);
      expect(readFileSync(p('ber.p7m'))[1]).toBe(0x80);
      const b = heyan(['verify', p('ber.p7m'), '--trust', p('root.pem'), '--json']);
      expect(b.code).toBe(0);
      expect(json(b).reports[0]!.checks[0]).toMatchObject({ id: 'verify.input.format', details: { ber: true } });
    });
  }
});

describe('sign cms options and key formats', () => {
  it('GB/T 35275 flavour for SM2 verifies', () => {
    const p = (n: string) => pki.sm2.path(n);
    expect(heyan(['sign', 'cms', '--flavour', 'gbt35275', '--key', p('signer.key.pem'), '--cert', p('chain.pem'), '--content', p('licence.xml'), '--out', p('gm.p7s')]).code).toBe(0);
    const i = heyan(['inspect', p('gm.p7s'), '--json']);
    expect(JSON.parse(i.stdout).objects[0].flavour).toBe('gbt35275');
    expect(heyan(['verify', p('gm.p7s'), '--content', p('licence.xml'), '--trust', p('root.pem')]).code).toBe(0);
  });

  it('an encrypted PKCS#8 key with --password; wrong password → one-line error, exit 1', () => {
    const dir = pki.p256.dir;
    const p = (n: string) => pki.p256.path(n);
    openssl(['pkcs8', '-topk8', '-in', p('signer.key.pem'), '-v2', 'aes-256-cbc', '-passout', 'pass:s3cret', '-out', p('enc.key.pem')], dir);
    expect(heyan(['sign', 'raw', '--key', p('enc.key.pem'), '--password', 's3cret', '--content', p('licence.xml'), '--out', p('e.sig')]).code).toBe(0);
    const r = heyan(['sign', 'raw', '--key', p('enc.key.pem'), '--password', 'wrong', '--content', p('licence.xml'), '--out', p('e2.sig')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^heyan: /);
  });

  it('SEC1 and PKCS#1 keys from OpenSSL sign', () => {
    const p = (n: string) => pki.p256.path(n);
    openssl(['ec', '-in', p('signer.key.pem'), '-out', p('sec1.key.pem')], pki.p256.dir);
    expect(heyan(['sign', 'raw', '--key', p('sec1.key.pem'), '--content', p('licence.xml'), '--out', p('s.sig')]).code).toBe(0);
    const q = (n: string) => pki.rsa.path(n);
    openssl(['rsa', '-in', q('signer.key.pem'), '-traditional', '-out', q('pkcs1.key.pem')], pki.rsa.dir);
    expect(heyan(['sign', 'raw', '--key', q('pkcs1.key.pem'), '--content', q('licence.xml'), '--out', q('s.sig')]).code).toBe(0);
    expect(heyan(['verify', '--signature', q('s.sig'), '--cert', q('chain.pem'), '--content', q('licence.xml'), '--trust', q('root.pem')]).code).toBe(0);
  });

  it('a PKCS#12 key: --cert is optional, the certificate comes from the .p12', () => {
    const p = (n: string) => pki.rsa.path(n);
    const o = openssl(['pkcs12', '-export', '-in', p('signer.pem'), '-inkey', p('signer.key.pem'), '-certfile', p('intermediate.pem'), '-passout', 'pass:p12pass', '-out', p('signer.p12')], pki.rsa.dir);
    expect(o.code).toBe(0);
    expect(heyan(['sign', 'cms', '--key', p('signer.p12'), '--password', 'p12pass', '--content', p('licence.xml'), '--out', p('p12.p7s')]).code).toBe(0);
    expect(heyan(['verify', p('p12.p7s'), '--content', p('licence.xml'), '--trust', p('root.pem')]).code).toBe(0);
    expect(heyan(['sign', 'cms', '--key', p('signer.p12'), '--content', p('licence.xml'), '--out', p('x.p7s')]).code).toBe(3);
  });

  it('a certificate that does not match the key is refused as a failed operation (exit 1, not a usage error)', () => {
    const p = (n: string) => pki.p256.path(n);
    const r = heyan(['sign', 'cms', '--key', p('signer.key.pem'), '--cert', pki.p256.path('expired.pem'), '--content', p('licence.xml'), '--out', p('m.p7s')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does not belong to --key/);
  });

  it('usage errors: missing --out, unknown mode, unreadable content', () => {
    const p = (n: string) => pki.p256.path(n);
    expect(heyan(['sign', 'raw', '--key', p('signer.key.pem'), '--content', p('licence.xml')]).stderr).toMatch(/needs --out/);
    expect(heyan(['sign', 'pdf', '--key', 'k']).code).toBe(3);
    const r = heyan(['sign', 'raw', '--key', p('signer.key.pem'), '--content', '/nonexistent', '--out', p('z.sig')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot read content/);
  });

  it('X.sig holding a detached CMS takes X beside it as the content', () => {
    const p = (n: string) => pki.p256.path(n);
    copyFileSync(p('licence.xml'), join(pki.p256.dir, 'copy.xml'));
    heyan(['sign', 'cms', '--key', p('signer.key.pem'), '--cert', p('chain.pem'), '--content', p('copy.xml'), '--out', p('copy.xml.sig')]);
    expect(heyan(['verify', p('copy.xml.sig'), '--trust', p('root.pem')]).code).toBe(0);
  });
});
