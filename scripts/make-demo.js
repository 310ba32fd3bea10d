#!/usr/bin/env node
// Writes fixtures/demo/: signed objects that `npm start` verifies with heyan against the test PKI in
// fixtures/pki/ (run `npm run fixtures`, which builds first and regenerates the PKI before this).
// Only signed objects live here (npm start passes every file of the folder to `heyan verify`); the demo trust bundle
// goes to fixtures/trust/demo-bundle.json.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createStatusList, createTrustBundle, createTsa, exampleRecord, importPrivateKey, issueLicenseDocument, loadCertificates, loadCrls, signEncapsulated, signPdf,
} from '../packages/core/dist/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const pki = (alg, f) => readFileSync(join(repo, 'fixtures/pki', alg, f));
const SIGNING_TIME = new Date('2026-01-15T08:00:00Z');

const CONTENT = new TextEncoder().encode(
  '跨省通办授权书 / Cross-province service authorisation\n' +
    '申请人：核验测试企业 / Applicant: heyan test company\n' +
    '事项：营业执照变更登记 / Matter: business licence change registration\n',
);

export async function makeDemoFixtures(out = join(repo, 'fixtures/demo'), trustOut = join(repo, 'fixtures/trust')) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const flavours = [
    { alg: 'sm2', file: 'authorisation-sm2-gbt35275.p7m', flavour: 'gbt35275' },
    { alg: 'p256', file: 'authorisation-p256.p7m', flavour: 'pkcs7' },
    { alg: 'rsa', file: 'authorisation-rsa.p7m', flavour: 'pkcs7' },
  ];
  for (const f of flavours) {
    const [certificate, ...chain] = loadCertificates(pki(f.alg, 'chain.pem'));
    const key = importPrivateKey(pki(f.alg, 'signer.key.pem'));
    const cms = signEncapsulated({ content: CONTENT, key, certificate, chain, flavour: f.flavour, signingTime: SIGNING_TIME });
    writeFileSync(join(out, f.file), cms);
  }
  // A certificate bundle: validated as its first certificate, the second serving as intermediate.
  writeFileSync(join(out, 'signer-sm2-chain.pem'), pki('sm2', 'chain.pem'));

  // A licence-like PDF sealed with the SM2 seal (visible, PAdES B-T with the SM2 test TSA), then countersigned with
  // RSA as a second incremental update: both signatures must stay valid.
  const base = readFileSync(join(repo, 'fixtures/pdf/base.pdf'));
  const identity = (alg) => {
    const [certificate, ...chain] = loadCertificates(pki(alg, 'chain.pem'));
    return { key: importPrivateKey(pki(alg, 'signer.key.pem')), certificate, chain };
  };
  const [tsaCert] = loadCertificates(pki('sm2', 'tsa.pem'));
  const tsa = createTsa(importPrivateKey(pki('sm2', 'tsa.key.pem')), tsaCert, {
    chain: loadCertificates(pki('sm2', 'intermediate.pem')),
    clock: () => SIGNING_TIME,
  });
  const sealed = await signPdf(base, {
    signer: identity('sm2'),
    reason: '电子证照核验演示 / heyan demo seal',
    location: '杭州 / Hangzhou',
    signingTime: SIGNING_TIME,
    appearance: { page: 1, rect: [120, 200, 40, 40], image: { seal: readFileSync(join(repo, 'fixtures/seal/sample-v4.esl')) } },
    timestamp: async (imprint) => tsa.timestamp(imprint),
  });
  const countersigned = await signPdf(sealed, { signer: identity('rsa'), reason: 'countersigned', signingTime: SIGNING_TIME });
  writeFileSync(join(out, 'licence-sm2-seal-rsa.pdf'), countersigned);

  // Licence documents (营业执照 as PDF, B-T with the test TSA, and as OFD) issued by issueLicenseDocument with the SM2
  // issuer and its seal, and the signed trust bundle that authorises that issuer (business licences, Fujian) with its
  // status list: `npm start` verifies them with the licence layer. Bundle and list stay current until the seal ends
  // (2036) — a demo, where a real bundle lives days.
  const record = exampleRecord('营业执照');
  const issuer = identity('sm2');
  const listId = `urn:heyan:status:${record.issueDeptCode}:1`;
  const until = new Date('2036-01-01T00:00:00Z');
  const seal = readFileSync(join(repo, 'fixtures/seal/sample-v4.esl'));
  const licence = (format) =>
    issueLicenseDocument({ record, format, key: issuer.key, certificate: issuer.certificate, chain: issuer.chain, seal, time: SIGNING_TIME, status: { listId, index: 5 }, ...(format === 'pdf' ? { timestamp: async (imprint) => tsa.timestamp(imprint) } : {}) });
  writeFileSync(join(out, 'business-licence.pdf'), (await licence('pdf')).bytes);
  writeFileSync(join(out, 'business-licence.ofd'), (await licence('ofd')).bytes);
  const list = createStatusList({ id: listId, statuses: new Map([[7, 'revoked']]), validFrom: SIGNING_TIME, validUntil: until, issuer });
  const [bundleSigner] = loadCertificates(pki('sm2', 'bundle-signer.pem'));
  const bundle = createTrustBundle({
    version: 1,
    issuedAt: SIGNING_TIME,
    nextUpdate: until,
    roots: loadCertificates(pki('sm2', 'root.pem')),
    intermediates: loadCertificates(pki('sm2', 'intermediate.pem')),
    crls: [...loadCrls(pki('sm2', 'intermediate.crl.pem')), ...loadCrls(pki('sm2', 'root.crl.pem'))],
    issuers: [{ code: record.issueDeptCode, name: record.issueDept, certificates: [issuer.certificate], licenseTypes: [record.certificateTypeCode], areaCodes: [record.certificateAreaCode.slice(0, 2)] }],
    statusLists: [list],
    signer: { key: importPrivateKey(pki('sm2', 'bundle-signer.key.pem')), certificate: bundleSigner, chain: loadCertificates(pki('sm2', 'intermediate.pem')) },
  });
  mkdirSync(trustOut, { recursive: true });
  writeFileSync(join(trustOut, 'demo-bundle.json'), bundle);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await makeDemoFixtures();
  console.log('fixtures/demo written');
}
