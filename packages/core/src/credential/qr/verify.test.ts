// The licence QR end to end: the business-licence example issued with SM2 and ES256, printed to PNG, read back with
// jsqr and verified offline with only the trust bundle; its size (QR version at ECC Q); alterations, foreign QR
// texts, unknown keys, record binding, status and validity.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AT, BUSINESS, LIST_ID, REVOKED_INDEX, fixturePki, generatedPki, licenceWorld } from '../../../../../test/helpers/credential-pki.js';
import type { Check } from '../../report/types.js';
import { issueCredential } from '../issue.js';
import { base45Decode, base45Encode } from './base45.js';
import { cborDecode, cborEncode, CborTagged } from './cbor.js';
import { decodeQrImage } from './decode-image.js';
import { QR_PREFIX, decodeQrPayload } from './payload.js';
import { qrVersionFor, renderQr } from './render.js';
import { verifyQrPayload } from './verify.js';
import { inflateRawSync } from 'node:zlib';
import pngjs from 'pngjs';

const notPassed = (r: { signatures: { checks: Check[] }[]; checks: Check[] }) =>
  [...r.signatures.flatMap((s) => s.checks), ...r.checks].filter((c) => c.status !== 'passed' && c.status !== 'skipped').map((c) => `${c.id}:${c.status}`);

describe.each(['sm2', 'p256'] as const)('%s issuer', (fam) => {
  const w = licenceWorld(fixturePki(fam));
  const issued = issueCredential({ record: BUSINESS, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate], status: { listId: LIST_ID, index: 5 } });

  it('business licence QR: PNG → jsqr → verified offline with only the bundle → PASSED; fits version ≤ 17 at ECC Q', () => {
    const version = qrVersionFor(issued.qr, 'Q');
    expect(version).toBeLessThanOrEqual(17);
    expect(issued.qr.startsWith(QR_PREFIX)).toBe(true);
    expect(issued.payload.qr).toBe(issued.qr);
    const png = renderQr(issued.qr, { format: 'png', ecc: 'Q' });
    const text = decodeQrImage(png);
    expect(text).toBe(issued.qr);
    const r = verifyQrPayload(text, { bundle: w.bundle, time: AT });
    expect(notPassed(r)).toEqual([]);
    expect(r.indication).toBe('PASSED');
    expect(r.signatures[0]!.kind).toBe('qr');
    expect(r.license?.source).toBe('qr');
    expect(r.license?.holder).toBe(BUSINESS.certificateHolder);
    expect(r.license?.issuerName).toBe(BUSINESS.issueDept);
    expect(r.license?.fields.find((f) => f.key === 'certificateValidateEnd')?.value).toMatch(/长期/);
  });

  it('a scaled-down, inverted or SVG rendering still carries the same text', () => {
    expect(decodeQrImage(renderQr(issued.qr, { format: 'png', scale: 3, margin: 4 }))).toBe(issued.qr);
    const svg = renderQr(issued.qr, { format: 'svg' });
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    expect(Number(/viewBox="0 0 (\d+)/.exec(svg)![1])).toBe(17 + 4 * qrVersionFor(issued.qr) + 8);
  });

  it('binds to the full record: the right record → passed; another → FAILED / HASH_FAILURE', () => {
    const ok = verifyQrPayload(issued.qr, { bundle: w.bundle, time: AT, record: BUSINESS });
    expect(ok.checks.find((c) => c.id === 'credential.qr.record-digest')?.status).toBe('passed');
    const other = verifyQrPayload(issued.qr, { bundle: w.bundle, time: AT, record: { ...BUSINESS, surface: { ...BUSINESS.surface, registeredCapital: '5000' } } });
    expect(other.indication).toBe('FAILED');
    expect(other.subIndication).toBe('HASH_FAILURE');
  });

  it('an altered claim (re-encoded, not re-signed) → FAILED / SIG_CRYPTO_FAILURE', () => {
    const cose = (cborDecode(new Uint8Array(inflateRawSync(base45Decode(issued.qr.slice(4))))) as CborTagged).value as [Uint8Array, Map<number, never>, Uint8Array, Uint8Array];
    const claims = cborDecode(cose[2]) as Map<number, unknown>;
    claims.set(3, '冒名公司');
    const forged = new CborTagged(18, [cose[0], cose[1], cborEncode(claims as never), cose[3]]);
    const text = QR_PREFIX + base45Encode(deflateRawSync(cborEncode(forged)));
    const r = verifyQrPayload(text, { bundle: w.bundle, time: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(r.license).toBeUndefined();
  });

  it('revoked entry → FAILED / REVOKED; expired → FAILED / EXPIRED; not authorised for the area → POLICY_FAILURE', () => {
    const rv = issueCredential({ record: BUSINESS, key: w.pki.signerKey, certificate: w.pki.signer, status: { listId: LIST_ID, index: REVOKED_INDEX } });
    expect(verifyQrPayload(rv.qr, { bundle: w.bundle, time: AT }).subIndication).toBe('REVOKED');
    const ex = issueCredential({ record: { ...BUSINESS, certificateValidateEnd: '2029-12-31' }, key: w.pki.signerKey, certificate: w.pki.signer, status: { listId: LIST_ID, index: 5 } });
    expect(verifyQrPayload(ex.qr, { bundle: w.bundle, time: AT }).subIndication).toBe('EXPIRED');
    const zj = licenceWorld(fixturePki(fam), { areaCodes: ['33'] });
    expect(verifyQrPayload(issued.qr, { bundle: zj.bundle, time: AT }).subIndication).toBe('POLICY_FAILURE');
  });
});

describe('keys and foreign input', () => {
  const w = licenceWorld(fixturePki('sm2'));

  it('a key id no bundle issuer has → INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND; without any bundle too', () => {
    const stranger = generatedPki('sm2', 'qr-stranger');
    const { qr } = issueCredential({ record: BUSINESS, key: stranger.signerKey, certificate: stranger.signer });
    for (const opts of [{ bundle: w.bundle }, {}]) {
      const r = verifyQrPayload(qr, { ...opts, time: AT });
      expect(r.indication).toBe('INDETERMINATE');
      expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    }
  });

  it('issuer certificates given directly (no bundle) find the key; authority is then INDETERMINATE', () => {
    const { qr } = issueCredential({ record: BUSINESS, key: w.pki.signerKey, certificate: w.pki.signer, status: { listId: LIST_ID, index: 5 } });
    const r = verifyQrPayload(qr, { certificates: [w.pki.signer, w.pki.intermediate], trust: w.pki.trust, statusList: w.list, time: AT });
    expect(notPassed(r)).toEqual(['credential.issuer.authorised:indeterminate']);
  });

  it('RSA (PS256) QR codes verify too, at a larger version', () => {
    const rw = licenceWorld(fixturePki('rsa'));
    const { qr } = issueCredential({ record: BUSINESS, key: rw.pki.signerKey, certificate: rw.pki.signer, alg: 'PS256', status: { listId: LIST_ID, index: 5 } });
    expect(qrVersionFor(qr)).toBeLessThanOrEqual(25);
    expect(verifyQrPayload(qr, { bundle: rw.bundle, time: AT }).indication).toBe('PASSED');
  });

  it.each([
    ['HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N', /not a heyan licence QR.*EU Digital COVID/],
    ['https://example.gov.cn/verify?id=123', /not a heyan licence QR.*web address/],
    ['shc:/5676290952432060346029243740446031222959532654603460292540772804336028702864716745222809286133314564376531415906402203064504590856435503414245413640370636654171372412363803043756220467374075323239254334433260573601064529047', /SMART Health Card/],
    ['eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln', /JWS/],
    ['随机文本 random', /not a heyan licence QR/],
    ['', /not a heyan licence QR/],
    [`${QR_PREFIX}::::`, /Base45/],
    [`${QR_PREFIX}ABC`, /DEFLATE|Base45/],
    [QR_PREFIX + base45Encode(deflateRawSync(new Uint8Array(100_000))), /inflates beyond/],
    [QR_PREFIX + base45Encode(deflateRawSync(cborEncode([1, 2, 3]))), /COSE_Sign1/],
    [QR_PREFIX + 'A'.repeat(5000), /exceeds/],
  ])('%s → FAILED / FORMAT_FAILURE', (text, why) => {
    const r = verifyQrPayload(text, { bundle: w.bundle, time: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('FORMAT_FAILURE');
    expect(String(r.checks[0]?.details?.reason)).toMatch(why);
  });

  it('non-text input does not throw', () => {
    expect(verifyQrPayload(42 as unknown as string).indication).toBe('FAILED');
  });

  it('decodeQrImage refuses what is not a PNG with a QR', () => {
    expect(() => decodeQrImage(new Uint8Array(100))).toThrow(/not a PNG/);
    const small = renderQr('X', { format: 'png' });
    expect(decodeQrImage(small)).toBe('X');
    const white = new pngjs.PNG({ width: 64, height: 64 });
    white.data.fill(0xff);
    expect(() => decodeQrImage(new Uint8Array(pngjs.PNG.sync.write(white)))).toThrow(/no QR code found/);
    expect(() => decodeQrImage(small.slice(0, 60))).toThrow(/unreadable PNG/);
    const fake = Uint8Array.from(small);
    new DataView(fake.buffer).setUint32(16, 100_000);
    new DataView(fake.buffer).setUint32(20, 100_000);
    expect(() => decodeQrImage(fake)).toThrow(/exceeds/);
  });

  it('decodeQrPayload of our own text returns the claims', () => {
    const { qr } = issueCredential({ record: BUSINESS, key: w.pki.signerKey, certificate: w.pki.signer });
    const d = decodeQrPayload(qr);
    expect(d.claims.identifier).toBe(BUSINESS.certificateIdentifier);
    expect(d.claims.digest.length).toBe(16);
    expect(d.cose.kid.length).toBe(8);
  });
});
