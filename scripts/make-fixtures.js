#!/usr/bin/env node
// Regenerates the test fixtures from the built core (`npm run fixtures` builds first).
// fixtures/pki/: a small PKI per key algorithm (sm2/, p256/, rsa/) with good and deliberately broken
// certificates, CRLs and TEST private keys. Keys are random on every run; the layout, names, serial
// numbers and dates are fixed. Anything signed with these keys must be regenerated after this runs.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportPrivateKey, generateKeyPair, issueCertificate, issueCrl } from '../packages/core/dist/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

const D = (s) => new Date(s);
const VALID_FROM = D('2025-01-01T00:00:00Z');
const VALID_TO = D('2046-12-31T23:59:59Z');
export const PKI_PASSWORD = 'heyan-test';
const EKU_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

const ALGORITHMS = [
  { dir: 'sm2', key: 'sm2', label: 'SM2' },
  { dir: 'p256', key: 'p256', label: 'P-256' },
  { dir: 'rsa', key: 'rsa2048', label: 'RSA' },
];

function subject(cn, label, ou) {
  const s = { C: 'CN', O: '核验测试', CN: `${cn}（${label}）` };
  if (ou) s.OU = ou;
  return s;
}

/** One algorithm's PKI. Returns what it wrote, for the README. */
export function makePki(outDir, alg) {
  mkdirSync(outDir, { recursive: true });
  const write = (name, text) => writeFileSync(join(outDir, name), text);
  const key = () => generateKeyPair(alg.key);
  const saveKey = (name, k) => write(`${name}.key.pem`, exportPrivateKey(k, { format: 'pem' }));
  const url = (what) => `http://crl.heyan.test/${alg.dir}/${what}.crl`;

  const rootKey = key();
  const root = issueCertificate({
    subject: subject('核验测试根 CA', alg.label),
    publicKey: rootKey.publicKey,
    issuerKey: rootKey,
    serialNumber: 0x1000n,
    notBefore: VALID_FROM,
    notAfter: VALID_TO,
    ca: true,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  write('root.pem', root.toPem());
  saveKey('root', rootKey);

  const intKey = key();
  const intermediate = issueCertificate({
    subject: subject('核验测试中级 CA', alg.label),
    publicKey: intKey.publicKey,
    issuer: root,
    issuerKey: rootKey,
    serialNumber: 0x1001n,
    notBefore: VALID_FROM,
    notAfter: VALID_TO,
    ca: true,
    pathLen: 0,
    keyUsage: ['keyCertSign', 'cRLSign'],
    crlDistributionPoints: [url('root')],
  });
  write('intermediate.pem', intermediate.toPem());
  saveKey('intermediate', intKey);

  const leaf = (name, serial, s, extra = {}) => {
    const k = key();
    const c = issueCertificate({
      subject: s,
      publicKey: k.publicKey,
      issuer: intermediate,
      issuerKey: intKey,
      serialNumber: serial,
      notBefore: VALID_FROM,
      notAfter: VALID_TO,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      crlDistributionPoints: [url('intermediate')],
      ...extra,
    });
    write(`${name}.pem`, c.toPem());
    saveKey(name, k);
    return { cert: c, key: k };
  };

  const signer = leaf('signer', 0x2001n, subject('测试签名人', alg.label, '签名'));
  write('signer.key.enc.pem', exportPrivateKey(signer.key, { format: 'pem', password: PKI_PASSWORD }));
  leaf('seal-maker', 0x2002n, subject('测试制章者', alg.label, '制章'));
  leaf('tsa', 0x2003n, subject('核验测试时间戳服务', alg.label, 'TSA'), { extKeyUsage: [EKU_TIME_STAMPING] });
  leaf('expired', 0x2004n, subject('测试过期证书', alg.label), { notBefore: D('2020-01-01T00:00:00Z'), notAfter: D('2021-12-31T23:59:59Z') });
  leaf('not-yet-valid', 0x2005n, subject('测试未生效证书', alg.label), { notBefore: D('2045-01-01T00:00:00Z'), notAfter: VALID_TO });
  const revoked = leaf('revoked', 0x2006n, subject('测试已吊销证书', alg.label));
  leaf('no-digital-signature', 0x2007n, subject('测试仅加密证书', alg.label), { keyUsage: ['keyEncipherment'] });

  // A CA without keyCertSign, straight under the root (the intermediate's pathLen 0 would also forbid it).
  const badCaKey = key();
  const badCa = issueCertificate({
    subject: subject('测试无证书签名权 CA', alg.label),
    publicKey: badCaKey.publicKey,
    issuer: root,
    issuerKey: rootKey,
    serialNumber: 0x1002n,
    notBefore: VALID_FROM,
    notAfter: VALID_TO,
    ca: true,
    keyUsage: ['digitalSignature', 'cRLSign'],
  });
  write('ca-no-keycertsign.pem', badCa.toPem());
  saveKey('ca-no-keycertsign', badCaKey);
  const underKey = key();
  const under = issueCertificate({
    subject: subject('测试错误 CA 下的证书', alg.label),
    publicKey: underKey.publicKey,
    issuer: badCa,
    issuerKey: badCaKey,
    serialNumber: 0x3001n,
    notBefore: VALID_FROM,
    notAfter: VALID_TO,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
  });
  write('leaf-under-bad-ca.pem', under.toPem());
  saveKey('leaf-under-bad-ca', underKey);

  const rootCrl = issueCrl({
    issuer: root,
    issuerKey: rootKey,
    thisUpdate: D('2025-01-01T00:00:00Z'),
    nextUpdate: D('2046-12-31T00:00:00Z'),
    revoked: [],
    crlNumber: 1n,
  });
  write('root.crl.pem', rootCrl.toPem());
  const intCrl = issueCrl({
    issuer: intermediate,
    issuerKey: intKey,
    thisUpdate: D('2025-06-02T00:00:00Z'),
    nextUpdate: D('2046-12-31T00:00:00Z'),
    revoked: [{ serialNumber: revoked.cert.serialNumber, revocationDate: D('2025-06-01T00:00:00Z'), reason: 'keyCompromise' }],
    crlNumber: 1n,
  });
  write('intermediate.crl.pem', intCrl.toPem());

  write('chain.pem', signer.cert.toPem() + intermediate.toPem());
}

const README = `# Test PKI (\`fixtures/pki/\`)

Generated by \`npm run fixtures\` (\`scripts/make-fixtures.js\`, through the built \`@heyan/core\`). Do not edit by hand.
**All private keys here are throw-away TEST keys, published on purpose. Never trust these roots outside tests.**

One folder per key algorithm, identical layout:

| folder | keys | certificate / CRL signatures |
|---|---|---|
| \`sm2/\` | SM2 (sm2p256v1) | SM2-with-SM3, user ID \`1234567812345678\` |
| \`p256/\` | ECDSA P-256 | ecdsa-with-SHA256 |
| \`rsa/\` | RSA 2048 | sha256WithRSAEncryption |

Keys are random on every run; names, serial numbers and dates are fixed. Fixtures signed with these keys
(seals, signed documents) must be regenerated after this script runs. Subjects are
\`C=CN, O=核验测试, [OU=…,] CN=<名称>（SM2|P-256|RSA）\` (UTF8String, Chinese on purpose).
Unless stated otherwise a certificate is valid **2025-01-01T00:00:00Z .. 2046-12-31T23:59:59Z**, so tests that pass an
explicit time (e.g. 2030-01-01) do not rot.

| file | serial | issuer | what it is for |
|---|---|---|---|
| \`root.pem\`, \`root.key.pem\` | 1000 | self | trust anchor; CA, keyUsage keyCertSign + cRLSign, no pathLen |
| \`intermediate.pem\`, \`intermediate.key.pem\` | 1001 | root | CA, **pathLen 0**, keyCertSign + cRLSign, CRL DP \`http://crl.heyan.test/<alg>/root.crl\` |
| \`signer.pem\`, \`signer.key.pem\` | 2001 | intermediate | document signer: keyUsage digitalSignature + nonRepudiation (all leaves have the CRL DP of the intermediate) |
| \`signer.key.enc.pem\` | | | the signer key again, PKCS#8 encrypted (PBES2/AES-256-CBC), password **\`${PKI_PASSWORD}\`** |
| \`seal-maker.pem\`, \`seal-maker.key.pem\` | 2002 | intermediate | seal maker (制章者): digitalSignature + nonRepudiation |
| \`tsa.pem\`, \`tsa.key.pem\` | 2003 | intermediate | time-stamping unit: extendedKeyUsage timeStamping, **critical** (RFC 3161) |
| \`expired.pem\`, \`expired.key.pem\` | 2004 | intermediate | valid **2020-01-01 .. 2021-12-31** only |
| \`not-yet-valid.pem\`, \`not-yet-valid.key.pem\` | 2005 | intermediate | valid from **2045-01-01** |
| \`revoked.pem\`, \`revoked.key.pem\` | 2006 | intermediate | revoked **2025-06-01T00:00:00Z**, reason **keyCompromise**, in \`intermediate.crl.pem\` |
| \`no-digital-signature.pem\`, \`.key.pem\` | 2007 | intermediate | keyUsage **keyEncipherment only**: must not be accepted as a signer |
| \`ca-no-keycertsign.pem\`, \`.key.pem\` | 1002 | root | CA:TRUE but keyUsage digitalSignature + cRLSign, **no keyCertSign** |
| \`leaf-under-bad-ca.pem\`, \`.key.pem\` | 3001 | ca-no-keycertsign | a leaf whose path must fail (issuer may not sign certificates) |
| \`intermediate.crl.pem\` | | intermediate | CRL v2 #1, thisUpdate 2025-06-02, nextUpdate 2046-12-31, lists \`revoked.pem\` |
| \`root.crl.pem\` | | root | CRL v2 #1, thisUpdate 2025-01-01, nextUpdate 2046-12-31, empty (the intermediate is not revoked) |
| \`chain.pem\` | | | \`signer.pem\` + \`intermediate.pem\` (a leaf-first bundle) |

Private keys are unencrypted PEM PKCS#8 (\`-----BEGIN PRIVATE KEY-----\`; SM2 keys as id-ecPublicKey with the SM2 curve
OID), except \`signer.key.enc.pem\`.

Checks with OpenSSL 3 (SM2 needs the distinguishing ID):

\`\`\`sh
openssl verify -CAfile p256/root.pem -untrusted p256/intermediate.pem -crl_check -CRLfile p256/intermediate.crl.pem p256/signer.pem
openssl verify -vfyopt distid:1234567812345678 -partial_chain -CAfile sm2/intermediate.pem sm2/signer.pem
\`\`\`
`;

export function makePkiFixtures(root = join(repo, 'fixtures/pki')) {
  for (const alg of ALGORITHMS) {
    const dir = join(root, alg.dir);
    rmSync(dir, { recursive: true, force: true });
    makePki(dir, alg);
  }
  writeFileSync(join(root, 'README.md'), README);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  makePkiFixtures();
  console.log('fixtures/pki written');
}
