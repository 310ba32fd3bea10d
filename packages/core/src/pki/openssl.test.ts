// Cross-checks with the OpenSSL 3 CLI: certificates and CRLs heyan issues verify with OpenSSL, OpenSSL's verdicts on
// the fixture chains match heyan's, and certificates OpenSSL issues validate with heyan.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPrivateKey, exportPublicKey } from '../crypto/index.js';
import type { Certificate } from './certificate.js';
import { loadCrls } from './crl.js';
import { issueCertificate } from './issue-certificate.js';
import { loadCertificates } from './load.js';
import { validateCertificatePath } from './path-validation.js';
import { TrustStore } from './trust-store.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const fx = (p: string) => join(fixtures, p);
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pki-openssl-'));
const ID = 'distid:1234567812345678';
const T2030 = new Date('2030-01-01T00:00:00Z');
const ATTIME = String(T2030.getTime() / 1000);

function ossl(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

function file(name: string, data: Uint8Array | string): string {
  const p = join(tmp, name);
  writeFileSync(p, data);
  return p;
}

const load = (p: string): Certificate => loadCertificates(readFileSync(p))[0]!;

const LEAVES = ['signer', 'seal-maker', 'tsa', 'expired', 'not-yet-valid', 'revoked', 'no-digital-signature'];

describe.each(['p256', 'rsa'] as const)('OpenSSL agrees with heyan on the %s fixtures', (alg) => {
  const root = fx(`${alg}/root.pem`);
  const int = fx(`${alg}/intermediate.pem`);
  const trust = () => new TrustStore().addAnchor(load(root));

  for (const leaf of LEAVES) {
    it(`${leaf}: same verdict without and with CRLs at 2030-01-01`, () => {
      const base = ['verify', '-attime', ATTIME, '-CAfile', root, '-untrusted', int];
      const plain = ossl([...base, fx(`${alg}/${leaf}.pem`)]);
      const crl = ossl([...base, '-crl_check_all', '-CRLfile', fx(`${alg}/root.crl.pem`), '-CRLfile', fx(`${alg}/intermediate.crl.pem`), fx(`${alg}/${leaf}.pem`)]);
      const opts = { certificate: load(fx(`${alg}/${leaf}.pem`)), intermediates: [load(int)], trust: trust(), time: T2030 };
      const h1 = validateCertificatePath({ ...opts, revocation: 'off' });
      const h2 = validateCertificatePath({ ...opts, revocation: 'require', crls: [loadCrls(readFileSync(fx(`${alg}/root.crl.pem`)))[0]!, loadCrls(readFileSync(fx(`${alg}/intermediate.crl.pem`)))[0]!] });
      expect(h1.indication === 'PASSED').toBe(plain.ok);
      expect(h2.indication === 'PASSED').toBe(crl.ok);
      if (leaf === 'revoked') expect(crl.out).toContain('certificate revoked');
      if (leaf === 'expired') expect(plain.out).toContain('certificate has expired');
    });
  }

  it('leaf-under-bad-ca: both refuse the CA without keyCertSign', () => {
    const bad = fx(`${alg}/ca-no-keycertsign.pem`);
    const o = ossl(['verify', '-attime', ATTIME, '-CAfile', root, '-untrusted', bad, fx(`${alg}/leaf-under-bad-ca.pem`)]);
    expect(o.ok).toBe(false);
    const h = validateCertificatePath({ certificate: load(fx(`${alg}/leaf-under-bad-ca.pem`)), intermediates: [load(bad)], trust: trust(), time: T2030 });
    expect(h.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
  });

  it('the CRLs heyan issued verify with `openssl crl -verify`', () => {
    for (const [c, ca] of [['root', root], ['intermediate', int]] as const) {
      const o = ossl(['crl', '-in', fx(`${alg}/${c}.crl.pem`), '-CAfile', ca, '-noout', '-verify']);
      expect(o.out).toContain('verify OK');
    }
  });
});

describe('OpenSSL verifies heyan SM2 certificates link by link (distid 1234567812345678)', () => {
  const links: [string, string][] = [
    ...LEAVES.map((l) => [`sm2/${l}.pem`, 'sm2/intermediate.pem'] as [string, string]),
    ['sm2/intermediate.pem', 'sm2/root.pem'],
    ['sm2/ca-no-keycertsign.pem', 'sm2/root.pem'],
    ['sm2/leaf-under-bad-ca.pem', 'sm2/ca-no-keycertsign.pem'],
  ];
  for (const [cert, issuer] of links) {
    it(`${cert} under ${issuer}`, () => {
      // -partial_chain: the issuer is trusted as given; -no_check_time: this checks signatures and constraints, not dates.
      const good = ossl(['verify', '-vfyopt', ID, '-partial_chain', '-no_check_time', '-CAfile', fx(issuer), fx(cert)]);
      if (cert.includes('bad-ca')) expect(good.out).toMatch(/key usage does not include certificate signing|invalid CA certificate/);
      else expect(good.ok, good.out).toBe(true);
      // Without the ID OpenSSL uses an empty one: the signature must then fail, proving the default ID was used.
      const noId = ossl(['verify', '-partial_chain', '-no_check_time', '-CAfile', fx(issuer), fx(cert)]);
      expect(noId.ok).toBe(false);
      if (!cert.includes('bad-ca')) expect(noId.out).toMatch(/signature failure/);
    });
  }

  it('the SM2 root self-signature and both SM2 CRL signatures verify with pkeyutl', () => {
    const rootCert = load(fx('sm2/root.pem'));
    const intCert = load(fx('sm2/intermediate.pem'));
    const objects = [
      { o: rootCert, by: rootCert },
      { o: loadCrls(readFileSync(fx('sm2/root.crl.pem')))[0]!, by: rootCert },
      { o: loadCrls(readFileSync(fx('sm2/intermediate.crl.pem')))[0]!, by: intCert },
    ];
    for (const [i, { o, by }] of objects.entries()) {
      const pub = file(`pub${i}.pem`, exportPublicKey(by.publicKey, { format: 'pem' }));
      const args = ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', ID, '-pubin', '-inkey', pub, '-in', file(`tbs${i}.der`, o.tbs), '-sigfile', file(`sig${i}.der`, o.signatureValue)];
      expect(ossl(args).out).toContain('Signature Verified Successfully');
    }
  });
});

describe('certificates made by OpenSSL validate with heyan', () => {
  function opensslChain(sm2: boolean, withId = true) {
    const dir = mkdtempSync(join(tmp, sm2 ? 'sm2-' : 'ec-'));
    const keyArgs = sm2 ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2'] : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
    const md = sm2 ? ['-sm3', ...(withId ? ['-sigopt', ID] : [])] : ['-sha256'];
    const run = (...a: string[]) => execFileSync('openssl', a, { cwd: dir, stdio: 'pipe' });
    run('genpkey', ...keyArgs, '-out', 'ca.key');
    run('req', '-x509', '-new', '-key', 'ca.key', ...md, '-utf8', '-subj', '/C=CN/O=OpenSSL 测试/CN=OpenSSL Root', '-days', '3650', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'ca.pem');
    run('genpkey', ...keyArgs, '-out', 'leaf.key');
    run('req', '-new', '-key', 'leaf.key', ...md, '-subj', '/C=CN/CN=OpenSSL Leaf', '-out', 'leaf.csr');
    writeFileSync(join(dir, 'ext.cnf'), '[v3]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', ...md, ...(sm2 && withId ? ['-vfyopt', ID] : []), '-days', '365', '-extfile', 'ext.cnf', '-extensions', 'v3', '-set_serial', '0x8001', '-out', 'leaf.pem');
    return { ca: load(join(dir, 'ca.pem')), leaf: load(join(dir, 'leaf.pem')), caKey: importPrivateKey(readFileSync(join(dir, 'ca.key'))) };
  }

  it('an SM2 chain made with `req -x509 -sm3 -sigopt distid:…` passes', () => {
    const { ca, leaf } = opensslChain(true);
    expect(ca.subject).toBe('CN=OpenSSL Root,O=OpenSSL 测试,C=CN');
    const r = validateCertificatePath({ certificate: leaf, trust: new TrustStore().addAnchor(ca), time: new Date(), usage: 'signature' });
    expect(r.indication).toBe('PASSED');
    expect(r.checks.filter((c) => c.id === 'pki.cert.signature').every((c) => c.status === 'passed')).toBe(true);
  });

  it('an SM2 certificate signed with the empty ID (OpenSSL without -sigopt) fails the signature check', () => {
    const { ca, leaf } = opensslChain(true, false);
    const r = validateCertificatePath({ certificate: leaf, trust: new TrustStore().addAnchor(ca), time: new Date() });
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE' });
  });

  it('an ECDSA chain made by OpenSSL passes', () => {
    const { ca, leaf } = opensslChain(false);
    expect(validateCertificatePath({ certificate: leaf, trust: new TrustStore().addAnchor(ca), time: new Date(), usage: 'signature' }).indication).toBe('PASSED');
  });

  it('heyan issues under an OpenSSL CA: the issuer name is copied byte for byte and OpenSSL verifies the result', () => {
    for (const sm2 of [true, false]) {
      const { ca, caKey } = opensslChain(sm2);
      const leaf = issueCertificate({
        subject: { CN: '由核验签发' },
        publicKey: importPrivateKey(readFileSync(fx(sm2 ? 'sm2/signer.key.pem' : 'p256/signer.key.pem'))).publicKey,
        issuer: ca,
        issuerKey: caKey,
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + 86400_000),
        keyUsage: ['digitalSignature'],
      });
      expect(Buffer.from(leaf.issuerDer).equals(Buffer.from(ca.subjectDer))).toBe(true);
      const args = ['verify', ...(sm2 ? ['-vfyopt', ID] : []), '-CAfile', file(`ca-${sm2}.pem`, ca.toPem()), file(`leaf-${sm2}.pem`, leaf.toPem())];
      const o = ossl(args);
      expect(o.ok, o.out).toBe(true);
    }
  });
});
