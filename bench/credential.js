// Licence credentials: verifications per second (SM2 and ES256, one issuer again and again: warm key and path
// caches, as at a window), QR verifications per second, and the business-licence QR payload size and version.
// Run after `npm run build`:  node bench/credential.js   (or via bench/run.js, which calls run()).
// Reference: jose 6 compactVerify (ES256, async WebCrypto) on the same credential — the JWS signature alone, no
// certificate path, no licence checks.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import * as core from '../packages/core/dist/index.js';

const {
  TrustStore, createStatusList, createTrustBundle, openTrustBundle, exampleRecord, importPrivateKey, loadCertificates, loadCrls,
  issueCredential, verifyCredential, verifyQrPayload, qrVersionFor, renderQr, decodeQrImage, base45Decode, signJws, verifyJws,
} = core;

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pki');
const AT = new Date('2030-01-01T00:00:00Z');
const DAY = 86_400_000;

function rate(fn, ms = 1500, min = 5) {
  let i = 0;
  const t0 = performance.now();
  while (i < min || performance.now() - t0 < ms) fn(i++);
  return i / ((performance.now() - t0) / 1000);
}

async function rateAsync(fn, ms = 1500, min = 5) {
  let i = 0;
  const t0 = performance.now();
  while (i < min || performance.now() - t0 < ms) await fn(i++);
  return i / ((performance.now() - t0) / 1000);
}

function world(fam) {
  const cert = (n) => loadCertificates(readFileSync(join(fixtures, fam, `${n}.pem`)))[0];
  const key = (n) => importPrivateKey(readFileSync(join(fixtures, fam, `${n}.key.pem`)));
  const root = cert('root');
  const intermediate = cert('intermediate');
  const signer = cert('signer');
  const signerKey = key('signer');
  const record = exampleRecord('营业执照');
  const listId = `urn:heyan:status:${record.issueDeptCode}:1`;
  const list = createStatusList({ id: listId, statuses: new Map([[7, 'revoked']]), validFrom: new Date(AT.getTime() - DAY), validUntil: new Date(AT.getTime() + 7 * DAY), issuer: { key: signerKey, certificate: signer, chain: [intermediate] } });
  const bytes = createTrustBundle({
    version: 1,
    issuedAt: new Date(AT.getTime() - DAY),
    nextUpdate: new Date(AT.getTime() + 30 * DAY),
    roots: [root],
    intermediates: [intermediate],
    crls: loadCrls(readFileSync(join(fixtures, fam, 'intermediate.crl.pem'))),
    issuers: [{ code: record.issueDeptCode, name: record.issueDept, certificates: [signer], licenseTypes: [record.certificateTypeCode], areaCodes: ['35'] }],
    statusLists: [list],
    signer: { key: key('seal-maker'), certificate: cert('seal-maker'), chain: [intermediate] },
  });
  // The seal-maker certificate signs this bench's bundle, so it is pinned as an allowed bundle signer.
  const opened = openTrustBundle(bytes, { pinned: new TrustStore().addAnchor(root), time: AT, signers: [cert('seal-maker')] });
  if (!opened.bundle) throw new Error(`bench bundle refused (${fam})`);
  const issued = issueCredential({ record, key: signerKey, certificate: signer, chain: [intermediate], status: { listId, index: 5 } });
  return { bundle: opened.bundle, issued, signer, signerKey, intermediate };
}

export async function run() {
  const rows = [];
  let joseVerify;
  try {
    joseVerify = (await import('jose')).compactVerify;
  } catch {
    joseVerify = undefined;
  }
  for (const fam of ['sm2', 'p256']) {
    const w = world(fam);
    const check = verifyCredential(w.issued.jws, { bundle: w.bundle, time: AT });
    if (check.indication !== 'PASSED') throw new Error(`${fam} credential did not pass: ${check.subIndication}`);
    const q = verifyQrPayload(w.issued.qr, { bundle: w.bundle, time: AT });
    if (q.indication !== 'PASSED') throw new Error(`${fam} QR did not pass: ${q.subIndication}`);
    const alg = fam === 'sm2' ? 'SM2SM3' : 'ES256';
    rows.push({ measure: `credential verify/s (${alg}, bundle + status list)`, value: Math.round(rate(() => verifyCredential(w.issued.jws, { bundle: w.bundle, time: AT }))) });
    rows.push({ measure: `JWS verify/s (${alg}, signature + path only)`, value: Math.round(rate(() => verifyJws(w.issued.jws, { trust: w.bundle.trustStore(), time: AT }))) });
    rows.push({ measure: `QR verify/s (${alg}, bundle + status list)`, value: Math.round(rate(() => verifyQrPayload(w.issued.qr, { bundle: w.bundle, time: AT }))) });
    rows.push({ measure: `credential issue/s (${alg}, JWS + QR)`, value: Math.round(rate(() => issueCredential({ record: w.issued.payload.credentialSubject, key: w.signerKey, certificate: w.signer, chain: [w.intermediate] }), 1000)) });
    if (fam === 'p256' && joseVerify) {
      const k = w.signer.publicKey.keyObject;
      rows.push({ measure: 'reference: jose compactVerify/s (ES256, signature only)', value: Math.round(await rateAsync(() => joseVerify(w.issued.jws, k))) });
    }
    const qr = w.issued.qr;
    const deflated = base45Decode(qr.slice(4));
    const cose = inflateRawSync(deflated);
    const png = renderQr(qr, { format: 'png' });
    if (decodeQrImage(png) !== qr) throw new Error('QR PNG round trip failed');
    rows.push({ measure: `QR business licence (${alg}): COSE_Sign1 bytes / deflated bytes / text chars`, value: `${cose.length} / ${deflated.length} / ${qr.length}` });
    rows.push({ measure: `QR business licence (${alg}): version at ECC Q (M)`, value: `${qrVersionFor(qr, 'Q')} (${qrVersionFor(qr, 'M')})` });
    rows.push({ measure: `credential JWS (${alg}) chars`, value: w.issued.jws.length });
  }
  return { title: 'Licence credentials (business-licence example, fixture PKI, 2030-01-01)', rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await run();
  console.log(r.title);
  console.table(r.rows);
}
