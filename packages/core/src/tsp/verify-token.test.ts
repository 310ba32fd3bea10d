// verifyTimestampToken on tokens from our TSA (SM2, P-256, RSA fixtures): each check can fail on its own, and the
// verdict follows the time policy (TSA path at the validation time, out of bounds → INDETERMINATE).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalBytes } from '../asn1/index.js';
import { parseSignedData } from '../cms/parse.js';
import { signEncapsulated } from '../cms/sign.js';
import { digest, importPrivateKey, type PrivateKey } from '../crypto/index.js';
import { HeyanError } from '../errors.js';
import { Certificate, TrustStore, loadCertificates } from '../pki/index.js';
import { createTsa, type TsaOptions } from './create-tsa.js';
import { OID_CT_TST_INFO } from './oids.js';
import { parseTimestampToken } from './parse-token.js';
import { encodeMessageImprint } from './message-imprint.js';
import { encodeTstInfo } from './tst-info.js';
import { verifyTimestampToken, type TimestampVerifyResult } from './verify-token.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const cert = (alg: string, name: string): Certificate => loadCertificates(readFileSync(join(fixtures, alg, `${name}.pem`)))[0]!;
const key = (alg: string, name: string): PrivateKey => importPrivateKey(readFileSync(join(fixtures, alg, `${name}.key.pem`)));
const trust = (alg: string) => new TrustStore().addAnchor(cert(alg, 'root'));
const T = new Date('2030-01-01T00:00:00Z');
const GEN = new Date('2029-06-01T08:30:15.250Z');
const DATA = new TextEncoder().encode('签名值 signature value to be time-stamped');

const tsaOf = (alg: string, o: TsaOptions = {}, name = 'tsa') =>
  createTsa(key(alg, name), cert(alg, name), { chain: [cert(alg, 'intermediate')], clock: () => GEN, ...o });
const status = (r: TimestampVerifyResult, id: string) => r.checks.filter((c) => c.id === id).map((c) => c.status);
const notPassed = (r: TimestampVerifyResult) => JSON.stringify(r.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped'));

describe.each(['sm2', 'p256', 'rsa'] as const)('tokens from our %s TSA', (alg) => {
  const tsa = tsaOf(alg);
  const token = tsa.timestamp(DATA);

  it('verify: PASSED with the data and the root, genTime and TSA reported', () => {
    const r = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T });
    expect(r.indication, notPassed(r)).toBe('PASSED');
    expect(r.genTime?.toISOString()).toBe(GEN.toISOString());
    expect(r.tsa?.subject).toContain('OU=TSA');
    expect(r.chain?.map((c) => c.serialNumber)).toEqual(['2003', '1001', '1000']);
    expect(r.summary).toMatchObject({ time: GEN.toISOString(), indication: 'PASSED', tsa: { serialNumber: '2003' } });
    for (const id of ['tsp.token.structure', 'tsp.token.content-type', 'cms.attribute.message-digest', 'cms.signature.value',
      'tsp.token.signing-certificate', 'tsp.message-imprint', 'tsp.tsa.ext-key-usage', 'tsp.gen-time.certificate-validity', 'pki.path.build'])
      expect(status(r, id), id).toEqual(['passed']);
    expect(r.tstInfo?.messageImprint.hashAlgorithm).toBe(alg === 'sm2' ? 'sm3' : 'sha256');
    expect(equalBytes(r.tstInfo!.messageImprint.hashedMessage, digest(alg === 'sm2' ? 'sm3' : 'sha256', DATA))).toBe(true);
  });

  it('the imprint may be given as a digest instead of the data', () => {
    const d = alg === 'sm2' ? 'sm3' : 'sha256';
    expect(verifyTimestampToken({ token, imprint: { digest: digest(d, DATA), digestName: d }, trust: trust(alg), time: T }).indication).toBe('PASSED');
    const other = verifyTimestampToken({ token, imprint: { digest: digest('sha384', DATA), digestName: 'sha384' }, trust: trust(alg), time: T });
    expect(other.indication).toBe('INDETERMINATE');
    expect(status(other, 'tsp.message-imprint')).toEqual(['indeterminate']);
  });

  it('data changed → FAILED / HASH_FAILURE', () => {
    const changed = DATA.slice();
    changed[0]! ^= 1;
    const r = verifyTimestampToken({ token, data: changed, trust: trust(alg), time: T });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('HASH_FAILURE');
    expect(status(r, 'tsp.message-imprint')).toEqual(['failed']);
    expect(status(r, 'cms.signature.value')).toEqual(['passed']);
  });

  it('no data → INDETERMINATE / SIGNED_DATA_NOT_FOUND', () => {
    const r = verifyTimestampToken({ token, trust: trust(alg), time: T });
    expect([r.indication, r.subIndication]).toEqual(['INDETERMINATE', 'SIGNED_DATA_NOT_FOUND']);
  });

  it('token signature flipped → FAILED / SIG_CRYPTO_FAILURE', () => {
    const sd = parseSignedData(token);
    const sig = sd.signers[0]!.signature;
    const at = indexOf(token, sig);
    const bad = token.slice();
    bad[at + sig.length - 5]! ^= 0x01;
    const r = verifyTimestampToken({ token: bad, data: DATA, trust: trust(alg), time: T });
    expect([r.indication, r.subIndication]).toEqual(['FAILED', 'SIG_CRYPTO_FAILURE']);
    expect(status(r, 'cms.signature.value')).toEqual(['failed']);
  });

  it('TSTInfo changed after signing → FAILED / HASH_FAILURE (messageDigest)', () => {
    const hashed = parseTimestampToken(token).tstInfo.messageImprint.hashedMessage;
    const at = indexOf(token, hashed);
    const bad = token.slice();
    bad[at]! ^= 0x01; // the TSTInfo still decodes, but no longer says what was signed
    const r = verifyTimestampToken({ token: bad, data: DATA, trust: trust(alg), time: T });
    expect(r.indication).toBe('FAILED');
    expect(status(r, 'cms.attribute.message-digest')).toEqual(['failed']);
    expect(r.subIndication).toBe('HASH_FAILURE');
  });

  it('no trust anchor → INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND', () => {
    const r = verifyTimestampToken({ token, data: DATA, time: T });
    expect([r.indication, r.subIndication]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);
    expect(r.summary.indication).toBe('INDETERMINATE');
  });

  it('the signer certificate used as a TSA (no timeStamping EKU) → FAILED', () => {
    expect(() => createTsa(key(alg, 'signer'), cert(alg, 'signer'))).toThrow(/timeStamping/);
    const rogue = tsaOf(alg, { checkCertificate: false }, 'signer');
    const r = verifyTimestampToken({ token: rogue.timestamp(DATA), data: DATA, trust: trust(alg), time: T });
    expect([r.indication, r.subIndication]).toEqual(['FAILED', 'CHAIN_CONSTRAINTS_FAILURE']);
    expect(status(r, 'tsp.tsa.ext-key-usage')).toEqual(['failed']);
    // Cryptographically the token is fine: only the TSA's purpose is wrong.
    expect(status(r, 'cms.signature.value')).toEqual(['passed']);
    // Also without trust: the purpose is judged on the certificate itself.
    expect(verifyTimestampToken({ token: rogue.timestamp(DATA), data: DATA, time: T }).indication).toBe('FAILED');
  });

  it('TSA certificate expired at the validation time → INDETERMINATE / OUT_OF_BOUNDS_NO_POE', () => {
    const r = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: new Date('2050-01-01T00:00:00Z') });
    expect([r.indication, r.subIndication]).toEqual(['INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE']);
  });

  it('genTime outside the TSA certificate validity → FAILED / NOT_YET_VALID', () => {
    const early = tsaOf(alg, { clock: () => new Date('2024-06-01T00:00:00Z') });
    const r = verifyTimestampToken({ token: early.timestamp(DATA), data: DATA, trust: trust(alg), time: T });
    expect([r.indication, r.subIndication]).toEqual(['FAILED', 'NOT_YET_VALID']);
    expect(status(r, 'tsp.gen-time.certificate-validity')).toEqual(['failed']);
  });
});

describe('token details', () => {
  const alg = 'p256';

  it('nonce: passes when it matches the request, fails otherwise', () => {
    const token = tsaOf(alg).timestamp(DATA, { nonce: 0xfedcba9876543210n });
    const ok = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T, nonce: 0xfedcba9876543210n });
    expect(ok.indication).toBe('PASSED');
    expect(ok.tstInfo?.nonce).toBe('00fedcba9876543210');
    expect(verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T, nonce: 'fedcba9876543210' }).indication).toBe('PASSED');
    const bad = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T, nonce: 1n });
    expect([bad.indication, bad.subIndication]).toEqual(['FAILED', 'SIG_CONSTRAINTS_FAILURE']);
    expect(status(verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T }), 'tsp.nonce')).toEqual(['skipped']);
  });

  it('tsa name, accuracy and policy are written and read back', () => {
    const token = tsaOf(alg, { tsaName: true, accuracy: { seconds: 1, millis: 500 }, policy: '1.3.6.1.4.1.32473.9.9' }).timestamp(DATA);
    const r = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T });
    expect(r.indication).toBe('PASSED');
    expect(status(r, 'tsp.tsa-name')).toEqual(['passed']);
    expect(r.tstInfo).toMatchObject({ policy: '1.3.6.1.4.1.32473.9.9', accuracy: { seconds: 1, millis: 500, micros: 0 }, ordering: false });
    expect(r.tstInfo?.tsaName).toBe(cert(alg, 'tsa').subject);
  });

  it('serial numbers differ between tokens; a custom serial source is used', () => {
    const tsa = tsaOf(alg);
    const serials = new Set(Array.from({ length: 20 }, () => parseTimestampToken(tsa.timestamp(DATA)).tstInfo.serialNumber));
    expect(serials.size).toBe(20);
    let n = 41n;
    const counted = tsaOf(alg, { serial: () => ++n });
    expect(parseTimestampToken(counted.timestamp(DATA)).tstInfo.serialNumber).toBe('2a');
    expect(parseTimestampToken(counted.timestamp(DATA)).tstInfo.serialNumber).toBe('2b');
  });

  it('a SHA-1 imprint is a warning, FAILED / CRYPTO_CONSTRAINTS_FAILURE when the policy rejects weak algorithms', () => {
    const tsa = tsaOf(alg, { acceptedDigests: ['sha1', 'sha256'] });
    const token = tsa.timestamp({ digest: digest('sha1', DATA), digestName: 'sha1' });
    const warn = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T });
    expect(warn.indication).toBe('PASSED');
    expect(status(warn, 'tsp.message-imprint.algorithm')).toEqual(['warning']);
    expect(status(warn, 'tsp.message-imprint')).toEqual(['passed']);
    const strict = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T, policy: { weak: 'fail' } });
    expect([strict.indication, strict.subIndication]).toEqual(['FAILED', 'CRYPTO_CONSTRAINTS_FAILURE']);
  });

  it('without the ESS signingCertificateV2 attribute → INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND', () => {
    const token = hand(alg, { signingCertificateV2: false });
    const r = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T });
    expect(status(r, 'tsp.token.signing-certificate')).toEqual(['indeterminate']);
    expect([r.indication, r.subIndication]).toEqual(['INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND']);
    // The same hand-made token with the attribute passes: the difference is the attribute alone.
    expect(verifyTimestampToken({ token: hand(alg, {}), data: DATA, trust: trust(alg), time: T }).indication).toBe('PASSED');
  });

  it('a TSTInfo signed as id-data is not a token → FAILED / FORMAT_FAILURE', () => {
    const token = hand(alg, { eContentType: '1.2.840.113549.1.7.1' });
    const r = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T });
    expect(status(r, 'tsp.token.content-type')).toEqual(['failed']);
    expect([r.indication, r.subIndication]).toEqual(['FAILED', 'FORMAT_FAILURE']);
    expect(() => parseTimestampToken(token)).toThrow(/id-ct-TSTInfo/);
  });

  it('the TSA certificate may come from extraCertificates when the token carries none', () => {
    const token = tsaOf(alg, { includeCertificates: false }).timestamp(DATA);
    expect(parseSignedData(token).certificates).toHaveLength(0);
    const none = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T });
    expect([none.indication, none.subIndication]).toEqual(['INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND']);
    const r = verifyTimestampToken({ token, data: DATA, trust: trust(alg), time: T, extraCertificates: [cert(alg, 'tsa'), cert(alg, 'intermediate')] });
    expect(r.indication, notPassed(r)).toBe('PASSED');
  });

  it('GB/T 35275 flavoured SM2 token (GM OIDs) parses and verifies', () => {
    const token = tsaOf('sm2', { flavour: 'gbt35275' }).timestamp(DATA);
    const p = parseTimestampToken(token);
    expect(p.signedData.contentType).toBe('1.2.156.10197.6.1.4.2.2');
    expect(p.signedData.signers[0]!.signatureAlgorithm.oid).toBe('1.2.156.10197.1.301.1');
    const r = verifyTimestampToken({ token, data: DATA, trust: trust('sm2'), time: T });
    expect(r.indication, notPassed(r)).toBe('PASSED');
  });

  it('an SM2 token fails with another SM2 user ID', () => {
    const token = tsaOf('sm2').timestamp(DATA);
    const r = verifyTimestampToken({ token, data: DATA, trust: trust('sm2'), time: T, sm2Id: 'another-id' });
    expect([r.indication, r.subIndication]).toEqual(['FAILED', 'SIG_CRYPTO_FAILURE']);
  });
});

describe('hostile tokens', () => {
  const token = tsaOf('p256').timestamp(DATA);

  it('every truncation → FAILED / FORMAT_FAILURE, never a throw', () => {
    for (let n = 0; n < token.length; n += n < 64 ? 1 : 7) {
      const r = verifyTimestampToken({ token: token.subarray(0, n), data: DATA, trust: trust('p256'), time: T });
      expect([r.indication, r.subIndication], `length ${n}`).toEqual(['FAILED', 'FORMAT_FAILURE']);
      expect(r.summary.time).toBe('');
    }
  });

  it('garbage and non-tokens → FAILED / FORMAT_FAILURE; parseTimestampToken throws FormatError only', () => {
    const inputs = [new Uint8Array(0), Uint8Array.of(0x30, 0x80), new TextEncoder().encode('-----BEGIN PKCS7-----'), cert('p256', 'tsa').der, new Uint8Array(2 * 1024 * 1024)];
    for (const g of inputs) {
      const r = verifyTimestampToken({ token: g, data: DATA });
      expect([r.indication, r.subIndication]).toEqual(['FAILED', 'FORMAT_FAILURE']);
      expect(() => parseTimestampToken(g)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^ERR_(FORMAT|LIMIT)$/) }));
    }
    // Not even bytes.
    const r = verifyTimestampToken({ token: 'x' as unknown as Uint8Array, data: DATA });
    expect(r.indication).toBe('FAILED');
  });

  it('parseTimestampToken on mutated tokens throws nothing but FormatError / LimitError', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat(), (at, x, cut) => {
        const bad = token.slice();
        bad[at % bad.length]! ^= x;
        for (const input of [bad, bad.subarray(0, cut % bad.length)]) {
          try {
            parseTimestampToken(input);
          } catch (e) {
            expect(e).toBeInstanceOf(HeyanError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('random single-byte changes never throw and never pass inside the signed parts', () => {
    const sd = parseSignedData(token);
    const tst = indexOf(token, sd.eContent!);
    const attrs = indexOf(token, sd.signers[0]!.signedAttributesDer!.subarray(2)); // contents of [0] IMPLICIT
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 300; i++) {
      const bad = token.slice();
      const at = rnd() % bad.length;
      bad[at]! ^= 1 + (rnd() % 255);
      const r = verifyTimestampToken({ token: bad, data: DATA, trust: trust('p256'), time: T });
      expect(['PASSED', 'FAILED', 'INDETERMINATE']).toContain(r.indication);
      const inSigned = (at >= tst && at < tst + sd.eContent!.length) || (at >= attrs && at < attrs + sd.signers[0]!.signedAttributesDer!.length - 2);
      if (inSigned) expect(r.indication, `byte ${at}`).not.toBe('PASSED');
    }
  });
});

/** A token built by hand with signEncapsulated, to vary what createTsa always gets right. */
function hand(alg: string, o: { signingCertificateV2?: boolean; eContentType?: string }): Uint8Array {
  const tst = encodeTstInfo({
    policy: '1.3.6.1.4.1.32473.3161.1',
    messageImprint: encodeMessageImprint('sha256', digest('sha256', DATA)),
    serialNumber: 77n,
    genTime: GEN,
  });
  return signEncapsulated({
    content: tst,
    key: key(alg, 'tsa'),
    certificate: cert(alg, 'tsa'),
    chain: [cert(alg, 'intermediate')],
    eContentType: o.eContentType ?? OID_CT_TST_INFO,
    signingCertificateV2: o.signingCertificateV2 ?? true,
    signingTime: GEN,
  });
}

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('not found');
}
