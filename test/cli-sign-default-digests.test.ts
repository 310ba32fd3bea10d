// heyan sign raw without --digest for the key types whose default is not SHA-256 / SM3: P-384 (ECDSA with SHA-384)
// and Ed25519 (pure EdDSA over the content). Keys come from `heyan keys generate`; OpenSSL verifies the signatures
// against the public key alone, and heyan verify checks them against a certificate the library issues here.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, importPublicKey, issueCertificate } from '@heyan/core';
import { ensureBuilt, heyan, json, openssl } from './helpers/cli.js';

const DAY = 86_400_000;
let dir: string;
const p = (n: string): string => join(dir, n);

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'heyan-digests-'));
  writeFileSync(p('licence.xml'), '<licence holder="王五">营业执照 default digests</licence>\n');
  writeFileSync(p('tampered.xml'), '<licence holder="赵六">营业执照 default digests</licence>\n');
});

const CASES = [
  {
    alg: 'p384' as const,
    name: 'ecdsa-with-sha384',
    // The default must be SHA-384: OpenSSL accepts it as SHA-384 and rejects it as SHA-256.
    opensslVerify: (pub: string, sig: string, data: string) => ['dgst', '-sha384', '-verify', pub, '-signature', sig, data],
    opensslWrongDigest: (pub: string, sig: string, data: string) => ['dgst', '-sha256', '-verify', pub, '-signature', sig, data],
  },
  {
    alg: 'ed25519' as const,
    name: 'ed25519',
    opensslVerify: (pub: string, sig: string, data: string) => ['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', data, '-sigfile', sig],
    opensslWrongDigest: undefined,
  },
];

describe.each(CASES)('$alg: heyan keys generate → heyan sign raw (default digest)', ({ alg, name, opensslVerify, opensslWrongDigest }) => {
  const key = `${alg}.key.pem`;
  const pub = `${alg}.pub.pem`;
  const sig = `${alg}.sig`;

  beforeAll(() => {
    const g = heyan(['keys', 'generate', '--alg', alg, '--out', p(key), '--pub', p(pub)]);
    expect(g.code).toBe(0);
    const s = heyan(['sign', 'raw', '--key', p(key), '--content', p('licence.xml'), '--out', p(sig)]);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(name);
  });

  it('OpenSSL verifies the signature with the public key', () => {
    if (alg === 'ed25519') expect(readFileSync(p(sig))).toHaveLength(64); // R‖S, no DER wrapper
    const ok = openssl(opensslVerify(p(pub), p(sig), p('licence.xml')), dir);
    expect(ok.stdout + ok.stderr).toMatch(/Verified OK|Signature Verified Successfully/);
    expect(ok.code).toBe(0);
    expect(openssl(opensslVerify(p(pub), p(sig), p('tampered.xml')), dir).code).not.toBe(0);
    if (opensslWrongDigest) expect(openssl(opensslWrongDigest(p(pub), p(sig), p('licence.xml')), dir).code).not.toBe(0);
  });

  it('heyan verify --signature with a certificate for the key: PASSED; other content: FAILED / SIG_CRYPTO_FAILURE', () => {
    // A CA of the same family issues a certificate for the public key heyan wrote; OpenSSL accepts that certificate.
    const caKey = generateKeyPair(alg);
    const now = Date.now();
    const ca = issueCertificate({ subject: { CN: `heyan ${alg} test CA`, O: '核验测试' }, publicKey: caKey.publicKey, issuerKey: caKey, notBefore: new Date(now - DAY), notAfter: new Date(now + 30 * DAY), ca: true });
    const cert = issueCertificate({
      subject: { CN: `签名者 ${alg}`, O: '核验测试' },
      publicKey: importPublicKey(readFileSync(p(pub))),
      issuer: ca,
      issuerKey: caKey,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 10 * DAY),
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });
    writeFileSync(p(`${alg}.ca.pem`), ca.toPem());
    writeFileSync(p(`${alg}.cert.pem`), cert.toPem());
    expect(openssl(['verify', '-CAfile', p(`${alg}.ca.pem`), p(`${alg}.cert.pem`)], dir).code).toBe(0);

    const base = ['verify', '--signature', p(sig), '--cert', p(`${alg}.cert.pem`), '--trust', p(`${alg}.ca.pem`), '--json'];
    const ok = heyan([...base, '--content', p('licence.xml')]);
    expect(ok.code).toBe(0);
    const rep = json(ok).reports[0]!;
    expect(rep.format).toBe('raw-signature');
    expect(rep.indication).toBe('PASSED');
    expect(rep.signatures[0]!.algorithm).toBe(name);
    expect(rep.signatures[0]!.signer!.subject).toContain(`签名者 ${alg}`);
    expect(rep.signatures[0]!.checks.find((c) => c.id === 'verify.raw.signature')!.status).toBe('passed');

    const bad = heyan([...base, '--content', p('tampered.xml')]);
    expect(bad.code).toBe(1);
    expect(json(bad).reports[0]!.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });
});

it('P-384 with an explicit --digest sha256: OpenSSL sees SHA-256, not SHA-384 (the override is honoured)', () => {
  const k = p('p384-explicit.key.pem');
  expect(heyan(['keys', 'generate', '--alg', 'p384', '--out', k, '--pub', p('p384-explicit.pub.pem')]).code).toBe(0);
  expect(heyan(['sign', 'raw', '--key', k, '--content', p('licence.xml'), '--out', p('p384-256.sig'), '--digest', 'sha256']).code).toBe(0);
  expect(openssl(['dgst', '-sha256', '-verify', p('p384-explicit.pub.pem'), '-signature', p('p384-256.sig'), p('licence.xml')], dir).code).toBe(0);
  expect(openssl(['dgst', '-sha384', '-verify', p('p384-explicit.pub.pem'), '-signature', p('p384-256.sig'), p('licence.xml')], dir).code).not.toBe(0);
});
