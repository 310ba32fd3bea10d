// Test helper: a three-level PKI per key family (root → intermediate → signers) made with the library and
// written as PEM files to a temp folder, for the CLI end-to-end tests. Interoperability with OpenSSL is checked
// by the tests themselves (openssl verifies what heyan signs and the other way round).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exportPrivateKey,
  generateKeyPair,
  issueCertificate,
  issueCrl,
  type Certificate,
  type KeyAlgorithm,
  type PrivateKey,
} from '@heyan/core';

export type Family = 'sm2' | 'p256' | 'rsa';

export interface FamilyFiles {
  dir: string;
  /** Paths of root.pem, intermediate.pem, signer.pem (+ .key.pem), chain.pem (signer + intermediate), expired.pem,
   * expired.key.pem, revoked.pem, revoked.key.pem, intermediate.crl.pem, trust.pem (root + CRL). */
  path(name: string): string;
  signer: Certificate;
  signerKey: PrivateKey;
}

const DAY = 86_400_000;

function write(dir: string, name: string, data: string): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

export function makeFamily(family: Family, base = mkdtempSync(join(tmpdir(), 'heyan-pki-'))): FamilyFiles {
  const alg: KeyAlgorithm = family === 'rsa' ? 'rsa2048' : family;
  const now = Date.now();
  const nb = new Date(now - 30 * DAY);
  // CAs start well before the expired signer so `--at` inside its validity finds a valid chain.
  const caNb = new Date(now - 500 * DAY);
  const na = new Date(now + 365 * DAY);
  const rootKey = generateKeyPair(alg);
  const root = issueCertificate({ subject: { CN: `heyan test ${family} root`, O: '核验测试', C: 'CN' }, publicKey: rootKey.publicKey, issuerKey: rootKey, notBefore: caNb, notAfter: new Date(now + 3650 * DAY), ca: true });
  const intKey = generateKeyPair(alg);
  const intermediate = issueCertificate({ subject: { CN: `heyan test ${family} intermediate`, O: '核验测试', C: 'CN' }, publicKey: intKey.publicKey, issuer: root, issuerKey: rootKey, notBefore: caNb, notAfter: new Date(now + 1825 * DAY), ca: true, pathLen: 0 });
  const leaf = (cn: string, notBefore: Date, notAfter: Date) => {
    const key = generateKeyPair(alg);
    const cert = issueCertificate({ subject: { CN: cn, O: '核验测试', C: 'CN' }, publicKey: key.publicKey, issuer: intermediate, issuerKey: intKey, notBefore, notAfter, keyUsage: ['digitalSignature', 'nonRepudiation'] });
    return { key, cert };
  };
  const signer = leaf(`签名者 ${family}`, nb, na);
  const expired = leaf(`expired ${family}`, new Date(now - 400 * DAY), new Date(now - 35 * DAY));
  const revoked = leaf(`revoked ${family}`, nb, na);
  const crl = issueCrl({ issuer: intermediate, issuerKey: intKey, thisUpdate: new Date(now - DAY), nextUpdate: new Date(now + 30 * DAY), revoked: [{ serialNumber: revoked.cert.serialNumber, revocationDate: new Date(now - 2 * DAY), reason: 'keyCompromise' }] });

  const pem = (k: PrivateKey) => exportPrivateKey(k, { format: 'pem' });
  write(base, 'root.pem', root.toPem());
  write(base, 'root.key.pem', pem(rootKey));
  write(base, 'intermediate.pem', intermediate.toPem());
  write(base, 'intermediate.key.pem', pem(intKey));
  write(base, 'signer.pem', signer.cert.toPem());
  write(base, 'signer.key.pem', pem(signer.key));
  write(base, 'chain.pem', signer.cert.toPem() + intermediate.toPem());
  write(base, 'expired.pem', expired.cert.toPem() + intermediate.toPem());
  write(base, 'expired.key.pem', pem(expired.key));
  write(base, 'revoked.pem', revoked.cert.toPem() + intermediate.toPem());
  write(base, 'revoked.key.pem', pem(revoked.key));
  write(base, 'intermediate.crl.pem', crl.toPem());
  return { dir: base, path: (n) => join(base, n), signer: signer.cert, signerKey: signer.key };
}
