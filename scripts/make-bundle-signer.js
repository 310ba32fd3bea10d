#!/usr/bin/env node
// Issues the SM2 trust bundle signer of the test PKI: fixtures/pki/sm2/bundle-signer.pem + .key.pem, under the
// committed sm2 intermediate (its key is read from fixtures, so every other fixture stays valid). The certificate
// carries id-kp-heyanTrustBundleSigning (what authorises a bundle signer) and id-kp-documentSigning (so the generic
// signature path check accepts it as a signer). Run by `npm run fixtures` after make-fixtures.js.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EKU_HEYAN_TRUST_BUNDLE_SIGNING, exportPrivateKey, generateKeyPair, importPrivateKey, issueCertificate, loadCertificates } from '../packages/core/dist/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pki', 'sm2');
const EKU_DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

const intermediate = loadCertificates(readFileSync(join(dir, 'intermediate.pem')))[0];
const intermediateKey = importPrivateKey(readFileSync(join(dir, 'intermediate.key.pem')));
const key = generateKeyPair('sm2');
const cert = issueCertificate({
  subject: { C: 'CN', O: '核验测试', OU: '信任包', CN: '测试信任包签发者（SM2）' },
  publicKey: key.publicKey,
  issuer: intermediate,
  issuerKey: intermediateKey,
  serialNumber: 0x2008n,
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2046-12-31T23:59:59Z'),
  keyUsage: ['digitalSignature'],
  extKeyUsage: [EKU_HEYAN_TRUST_BUNDLE_SIGNING, EKU_DOCUMENT_SIGNING],
  crlDistributionPoints: ['http://crl.heyan.test/sm2/intermediate.crl'],
});
writeFileSync(join(dir, 'bundle-signer.pem'), cert.toPem());
writeFileSync(join(dir, 'bundle-signer.key.pem'), exportPrivateKey(key, { format: 'pem' }));
// make-fixtures.js rewrites the README; add this certificate's line after it.
const readme = join(dir, '..', 'README.md');
const text = readFileSync(readme, 'utf8');
if (!text.includes('bundle-signer.pem')) {
  writeFileSync(
    readme,
    `${text.trimEnd()}\n\n## Trust bundle signer (\`sm2/\` only; \`scripts/make-bundle-signer.js\`)\n\n` +
      '`sm2/bundle-signer.pem`, `sm2/bundle-signer.key.pem` (serial 2008, issuer intermediate): keyUsage digitalSignature, ' +
      `extendedKeyUsage id-kp-heyanTrustBundleSigning (${EKU_HEYAN_TRUST_BUNDLE_SIGNING}) + documentSigning. The only fixture ` +
      'certificate allowed to sign trust bundles without being pinned with --bundle-signer.\n',
  );
}
console.log(`wrote ${join(dir, 'bundle-signer.pem')} (serial 2008, EKU ${EKU_HEYAN_TRUST_BUNDLE_SIGNING})`);
