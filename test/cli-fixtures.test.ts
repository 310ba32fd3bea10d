// The committed test PKI (fixtures/pki/, see its README) through the CLI, at a fixed time so the tests do not rot.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, heyan, json, openssl, repoRoot } from './helpers/cli.js';

const AT = '2030-01-01T00:00:00Z';
let work: string;
beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'heyan-fx-'));
  writeFileSync(join(work, 'doc.txt'), '电子证照 demo\n');
});

describe.each(['sm2', 'p256', 'rsa'])('fixtures/pki/%s', (family) => {
  const f = (n: string) => join(repoRoot, 'fixtures/pki', family, n);
  const v = (...args: string[]) => {
    const r = heyan(['verify', ...args, '--at', AT, '--json']);
    return { code: r.code, rep: json(r).reports[0]! };
  };

  it('chain.pem with the root: PASSED, a three-certificate chain', () => {
    const { code, rep } = v(f('chain.pem'), '--trust', f('root.pem'));
    expect(code).toBe(0);
    expect(rep.signatures[0]!.signer!.subject).toMatch(/^CN=测试签名人/);
    expect((rep.signatures[0] as { chain?: unknown[] }).chain).toHaveLength(3);
  });

  it.each([
    ['expired.pem', 'EXPIRED'],
    ['not-yet-valid.pem', 'NOT_YET_VALID'],
  ])('%s → FAILED / %s', (file, sub) => {
    const { code, rep } = v(f(file), '--trust', f('intermediate.pem'));
    expect(code).toBe(1);
    expect(rep.subIndication).toBe(sub);
  });

  it('revoked.pem with the intermediate CRL (via --crl or in the --trust folder) → FAILED / REVOKED', () => {
    expect(v(f('revoked.pem'), '--trust', f('root.pem'), '--cert', f('intermediate.pem'), '--crl', f('intermediate.crl.pem')).rep.subIndication).toBe('REVOKED');
    // A folder as --trust: every certificate and CRL in it is read (anchors: the root and the intermediate).
    const dir = join(work, `trust-${family}`);
    mkdirSync(dir);
    for (const n of ['root.pem', 'intermediate.pem', 'intermediate.crl.pem']) copyFileSync(f(n), join(dir, n));
    const r = v(f('revoked.pem'), '--trust', dir);
    expect(r.code).toBe(1);
    expect(r.rep.subIndication).toBe('REVOKED');
  });

  it('a PKCS#7 certs-only bundle from OpenSSL (DER and PEM): its first certificate is validated, a three-certificate chain; as --cert it carries the signer of a raw signature', () => {
    const der = join(work, `${family}.chain.p7b`);
    const pem = join(work, `${family}.chain.p7b.pem`);
    for (const [out, form] of [[der, 'DER'], [pem, 'PEM']] as const) {
      const o = openssl(['crl2pkcs7', '-nocrl', '-certfile', f('chain.pem'), '-outform', form, '-out', out], work);
      expect(o.stderr).toBe('');
      expect(o.code).toBe(0);
    }
    for (const bundle of [der, pem]) {
      const { code, rep } = v(bundle, '--trust', f('root.pem'));
      expect(code, bundle).toBe(0);
      expect(rep.format).toBe('certificate');
      expect(rep.indication).toBe('PASSED');
      expect(rep.signatures).toHaveLength(1);
      // The signer (first in chain.pem, and OpenSSL keeps the order), not the intermediate that follows it.
      expect(rep.signatures[0]!.signer!.subject).toMatch(/^CN=测试签名人/);
      expect((rep.signatures[0] as { chain?: unknown[] }).chain).toHaveLength(3);
      // Without its anchor the same bundle is not PASSED: the verdict above depends on --trust.
      const untrusted = v(bundle);
      expect(untrusted.code).toBe(2);
      expect(untrusted.rep.signatures[0]!.signer!.subject).toMatch(/^CN=测试签名人/);
    }

    const doc = join(work, 'doc.txt');
    const sig = join(work, `${family}.p7b.sig`);
    expect(heyan(['sign', 'raw', '--key', f('signer.key.pem'), '--content', doc, '--out', sig]).code).toBe(0);
    for (const bundle of [der, pem]) {
      const r = v('--signature', sig, '--cert', bundle, '--content', doc, '--trust', f('root.pem'));
      expect(r.code, bundle).toBe(0);
      expect(r.rep.format).toBe('raw-signature');
      expect(r.rep.signatures[0]!.signer!.subject).toMatch(/^CN=测试签名人/);
      expect(r.rep.signatures[0]!.checks.find((c) => c.id === 'verify.raw.signature')!.status).toBe('passed');
      // The bundle's key really is the one checked: other content fails.
      expect(v('--signature', sig, '--cert', bundle, '--content', f('root.pem'), '--trust', f('root.pem')).rep.subIndication).toBe('SIG_CRYPTO_FAILURE');
    }
  });

  it('a leaf under a CA without keyCertSign → FAILED', () => {
    const { code, rep } = v(f('leaf-under-bad-ca.pem'), '--cert', f('ca-no-keycertsign.pem'), '--trust', f('root.pem'));
    expect(code).toBe(1);
    expect(rep.indication).toBe('FAILED');
  });

  it('the encrypted signer key (password heyan-test) signs a CMS that verifies; a keyEncipherment-only certificate cannot sign (raw signature FAILED)', () => {
    const out = join(work, `${family}.p7s`);
    const s = heyan(['sign', 'cms', '--key', f('signer.key.enc.pem'), '--password', 'heyan-test', '--cert', f('chain.pem'), '--content', join(work, 'doc.txt'), '--out', out]);
    expect(s.code).toBe(0);
    expect(v(out, '--content', join(work, 'doc.txt'), '--trust', f('root.pem')).code).toBe(0);
    const sig = join(work, `${family}.nods.sig`);
    expect(heyan(['sign', 'raw', '--key', f('no-digital-signature.key.pem'), '--content', join(work, 'doc.txt'), '--out', sig]).code).toBe(0);
    const r = v('--signature', sig, '--cert', f('no-digital-signature.pem'), '--content', join(work, 'doc.txt'), '--trust', f('root.pem'), '--crl', f('intermediate.crl.pem'));
    // The value itself is fine; the certificate may not be used for signatures.
    expect(r.rep.signatures[0]!.checks.find((c) => c.id === 'verify.raw.signature')!.status).toBe('passed');
    expect(r.code).toBe(1);
  });
});
