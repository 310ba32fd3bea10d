// scripts/make-fixtures.js itself: makePki() for SM2 (the algorithm OpenSSL is least forgiving about: the SM2 user ID
// in certificate signatures) into a temp folder, then the files it wrote are checked with the library (at a fixed
// time, so the test does not rot) and with OpenSSL. The committed fixtures/pki/ are only as good as this script.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore, type Certificate, importPrivateKey, loadCertificates, loadCrls, verify } from '@heyan/core';
import { ensureBuilt, openssl, repoRoot } from './helpers/cli.js';

const AT = new Date('2030-01-01T00:00:00Z');
const SM2 = { dir: 'sm2', key: 'sm2', label: 'SM2' };
let dir: string;
let pkiPassword: string;
const f = (n: string): string => join(dir, n);
const read = (n: string): Uint8Array => new Uint8Array(readFileSync(f(n)));
const one = (n: string): Certificate => loadCertificates(read(n))[0]!;

beforeAll(async () => {
  ensureBuilt(); // the script imports the built core (packages/core/dist)
  const script = (await import(pathToFileURL(join(repoRoot, 'scripts/make-fixtures.js')).href)) as {
    makePki: (outDir: string, alg: typeof SM2) => void;
    PKI_PASSWORD: string;
  };
  dir = mkdtempSync(join(tmpdir(), 'heyan-make-fixtures-'));
  script.makePki(dir, SM2);
  pkiPassword = script.PKI_PASSWORD;
});

describe('makePki(sm2) from scripts/make-fixtures.js', () => {
  it('writes the documented files', () => {
    for (const n of ['root.pem', 'intermediate.pem', 'signer.pem', 'signer.key.pem', 'signer.key.enc.pem', 'chain.pem', 'expired.pem', 'revoked.pem', 'intermediate.crl.pem', 'root.crl.pem', 'tsa.pem', 'not-yet-valid.pem', 'no-digital-signature.pem', 'ca-no-keycertsign.pem', 'leaf-under-bad-ca.pem']) {
      expect(existsSync(f(n)), n).toBe(true);
    }
    const chain = loadCertificates(read('chain.pem'));
    expect(chain).toHaveLength(2);
    expect(chain[0]!.subject).toMatch(/^CN=测试签名人（SM2）/);
    expect(chain[0]!.serialNumber).toBe('2001');
  });

  it('the signer chain validates with the library at 2030-01-01 (root as the anchor, both CRLs given)', async () => {
    const trust = new TrustStore().addAnchor(one('root.pem'));
    const crls = [...loadCrls(read('intermediate.crl.pem')), ...loadCrls(read('root.crl.pem'))];
    const r = await verify(read('chain.pem'), { trust, crls, at: AT });
    expect(r.indication).toBe('PASSED');
    expect(r.validationTime).toBe(AT.toISOString());
    const sig = r.signatures[0] as { signer?: { subject: string }; chain?: unknown[] };
    expect(sig.signer!.subject).toMatch(/^CN=测试签名人/);
    expect(sig.chain).toHaveLength(3);
  });

  it('the signer key belongs to the signer certificate; the encrypted copy opens with PKI_PASSWORD', () => {
    const cert = one('signer.pem');
    expect(importPrivateKey(read('signer.key.pem')).publicKey.spki).toEqual(cert.publicKey.spki);
    expect(importPrivateKey(read('signer.key.enc.pem'), { password: pkiPassword }).publicKey.spki).toEqual(cert.publicKey.spki);
  });

  it('revoked.pem is REVOKED with the generated CRL', async () => {
    const trust = new TrustStore().addAnchor(one('root.pem'));
    const r = await verify(read('revoked.pem'), { trust, certificates: loadCertificates(read('intermediate.pem')), crls: loadCrls(read('intermediate.crl.pem')), at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('REVOKED');
  });

  it('expired.pem is EXPIRED', async () => {
    const trust = new TrustStore().addAnchor(one('root.pem'));
    const r = await verify(read('expired.pem'), { trust, certificates: loadCertificates(read('intermediate.pem')), at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('EXPIRED');
  });

  it('OpenSSL verifies the signer under the intermediate (SM2 with the default distinguishing ID)', () => {
    const r = openssl(['verify', '-vfyopt', 'distid:1234567812345678', '-partial_chain', '-CAfile', f('intermediate.pem'), f('signer.pem')], dir);
    expect(r.stdout).toContain(': OK');
    expect(r.code).toBe(0);
  });
});
