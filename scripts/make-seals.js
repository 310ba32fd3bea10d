#!/usr/bin/env node
// Writes the sample seals and seal signatures of fixtures/seal/ from the SM2 test PKI (fixtures/pki/sm2: seal-maker
// makes the seals, signer signs with them, tsa timestamps). Run by `npm run fixtures` after make-fixtures.js, which
// renews the PKI keys: everything here must be regenerated with them. Times are fixed so tests do not rot.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeal, createSesSignature, createTsa, importPrivateKey, loadCertificates, sm3 } from '../packages/core/dist/index.js';
import { makeSealPictures } from './make-seal-picture.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const pki = (f) => readFileSync(join(repo, 'fixtures/pki/sm2', f));
const cert = (f) => loadCertificates(pki(f))[0];
const key = (f) => importPrivateKey(pki(f));

export const SEAL_CREATED = new Date('2026-01-15T08:00:00Z');
export const SEAL_VALID_TO = new Date('2036-01-15T08:00:00Z');
export const SIGNED_AT = new Date('2026-03-01T02:00:00Z');
export const CONTENT = new TextEncoder().encode('核验测试：电子签章保护的原文 / heyan test: data protected by a seal signature\n');

export function makeSeals(outDir = join(repo, 'fixtures/seal')) {
  makeSealPictures(outDir);
  const picture = { type: 'png', data: readFileSync(join(outDir, 'stamp.png')), widthMm: 40, heightMm: 40 };
  const maker = { makerKey: key('seal-maker.key.pem'), makerCertificate: cert('seal-maker.pem') };
  const signer = { key: key('signer.key.pem'), certificate: cert('signer.pem') };
  const tsa = createTsa(key('tsa.key.pem'), cert('tsa.pem'), { clock: () => SIGNED_AT });
  const common = {
    type: 1,
    name: '核验测试专用章',
    signerCertificates: [signer.certificate],
    picture,
    createDate: SEAL_CREATED,
    validStart: SEAL_CREATED,
    validEnd: SEAL_VALID_TO,
    ...maker,
  };
  const files = {};
  files['sample-v4.esl'] = createSeal({ ...common, esID: '11010800000001' });
  files['sample-v4-digests.esl'] = createSeal({ ...common, esID: '11010800000002', certDigests: true });
  // v5 with a seal timestamp (GM/T 0031-2025): the TSA clock is fixed after createDate.
  files['sample-v5.esl'] = createSeal({ ...common, version: 5, esID: '11010800000003', timestamp: (sig) => tsa.timestamp(sig) });
  const sign = (seal, extra = {}) =>
    createSesSignature({
      seal,
      dataHash: sm3(CONTENT),
      propertyInfo: 'sample-content.txt',
      timeInfo: SIGNED_AT,
      signerKey: signer.key,
      signerCertificate: signer.certificate,
      ...extra,
    });
  files['sample-signature-v4.dat'] = sign(files['sample-v4.esl']);
  files['sample-signature-v5-ts.dat'] = sign(files['sample-v5.esl'], { timestamp: (sig) => tsa.timestamp(sig) });
  files['sample-content.txt'] = CONTENT;
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(outDir, name), bytes);
  return Object.keys(files);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`fixtures/seal: ${makeSeals().join(', ')} written`);
}
