// Acceptance on the ofd-ses corpus (expected verdicts in ../shared/corpus/README.md): real seals of all three
// versions and real seal signatures of three vendors, with the reason each verdict names.
import { describe, expect, it } from 'vitest';
import { AT, corpus, ofdMember, ofdrwPki } from '../../../../test/helpers/seal-fixtures.js';
import { verifySignature } from '../crypto/registry.js';
import { Certificate } from '../pki/certificate.js';
import { TrustStore } from '../pki/trust-store.js';
import type { Check } from '../report/types.js';
import { rawToDer } from '../crypto/sm2/der.js';
import { decodeSeal, decodeSesSignature, verifySeal, verifySesSignature } from './index.js';

const SIG = (d: string, f: string): Uint8Array => corpus(`signatures/${d}/${f}`);
const find = (checks: Check[], id: string, role?: string): Check | undefined =>
  checks.find((c) => c.id === id && (role === undefined || (c.details as { role?: string } | undefined)?.role === role));
const status = (checks: Check[], id: string, role?: string): string | undefined => find(checks, id, role)?.status;

describe('seals', () => {
  it('UserV1: the seal signature verifies over SEQUENCE { SealInfo, cert, alg } and NOT over SealInfo alone', () => {
    const s = decodeSeal(corpus('seals/ofdrw-UserV1.esl'));
    const key = Certificate.fromDer(s.makerCertificate).publicKey;
    const over = (data: Uint8Array): boolean => verifySignature({ algorithm: { oid: s.signatureAlgorithm }, publicKey: key, data, signature: s.signatureValue }).ok;
    expect(over(s.signedBytes)).toBe(true);
    expect(over(s.sealInfoBytes)).toBe(false);
    const r = verifySeal({ seal: s, time: new Date('2021-01-01T00:00:00Z') });
    expect(find(r.checks, 'seal.maker.signature')!.message.en).toContain('SEQUENCE { SES_SealInfo, cert, signatureAlgorithm }');
    expect(status(r.checks, 'seal.maker.signature')).toBe('passed');
    // Within its validity, without the ofdrw root: only the chain is missing.
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('UserV4: seal signature OK (maker = ofdrw SealBuilder); seal and maker certificate expired now → FAILED / EXPIRED', () => {
    const raw = corpus('seals/ofdrw-UserV4.esl');
    const r = verifySeal({ seal: raw });
    expect(status(r.checks, 'seal.maker.signature')).toBe('passed');
    expect(r.maker!.der).toEqual(ofdrwPki().sealBuilder.der);
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('EXPIRED');
    expect(find(r.checks, 'seal.validity')).toMatchObject({ status: 'failed', subIndication: 'EXPIRED' });
    expect(find(r.checks, 'pki.cert.validity', 'maker')).toMatchObject({ status: 'failed', subIndication: 'EXPIRED' });
    expect(r.seal).toMatchObject({ version: 4, esID: '51f044b76510434e9bc67a1185c2fba5', validEnd: '2022-04-22T02:09:00.000Z' });
  });

  it('UserV5: seal signature OK, FAILED under GM/T 0031-2025: the maker certificate expired before the seal was created', () => {
    const raw = corpus('seals/ofdrw-UserV5.esl');
    // At a time inside the seal's own validity (2026-04-24 .. 2028-04-24), and now: the same reason.
    for (const time of [new Date('2027-01-01T00:00:00Z'), undefined]) {
      const r = verifySeal({ seal: raw, ...(time ? { time } : {}) });
      expect(status(r.checks, 'seal.maker.signature')).toBe('passed');
      expect(r.indication).toBe('FAILED');
      expect(r.subIndication).toBe('EXPIRED');
      const firstFailure = r.checks.find((c) => c.status === 'failed')!;
      expect(firstFailure.id).toBe('seal.maker.valid-at-creation');
      expect(firstFailure.message.en).toMatch(/maker certificate expired before the seal was created/i);
      expect(firstFailure.message.zh).toContain('制章者证书在印章制作前已过期');
    }
    expect(status(verifySeal({ seal: raw, time: new Date('2027-01-01T00:00:00Z') }).checks, 'seal.validity')).toBe('passed');
  });

  it('the ofdrw ROOT lacks keyCertSign: as a trust anchor, strict validation fails on that (its signature on SealBuilder verifies)', () => {
    const { root } = ofdrwPki();
    expect(root.extensions.keyUsage?.has('keyCertSign')).toBe(false);
    const trust = new TrustStore().addAnchor(root);
    const r = verifySeal({ seal: corpus('seals/ofdrw-UserV4.esl'), trust, time: new Date('2021-01-01T00:00:00Z') });
    expect(status(r.checks, 'pki.path.build', 'maker')).toBe('passed');
    expect(status(r.checks, 'pki.cert.signature', 'maker')).toBe('passed');
    expect(find(r.checks, 'pki.cert.key-cert-sign', 'maker')).toMatchObject({ status: 'failed', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
  });
});

describe('seal signatures (Signature.xml + SignedValue.dat pairs)', () => {
  const pairs = [
    { dir: 'gomain-jiangsu-tax-v4', signedAt: '2020-10-04T07:28:55.000Z', raw: false },
    { dir: 'antchain-zhejiang-v4', signedAt: '2022-10-31T06:16:35.000Z', raw: false },
    { dir: 'oesplugin-zibo-v4-raw-rs', signedAt: '2020-06-20T09:18:49.000Z', raw: true },
  ];
  for (const p of pairs) {
    it(`${p.dir}: dataHash = SM3(Signature.xml), TBS signature and seal signature OK; chain INDETERMINATE`, () => {
      const r = verifySesSignature({ signature: SIG(p.dir, 'SignedValue.dat'), data: SIG(p.dir, 'Signature.xml') });
      expect(find(r.checks, 'seal.data-hash')).toMatchObject({ status: 'passed', details: { algorithm: 'sm3' } });
      expect(status(r.checks, 'seal.signature.value')).toBe('passed');
      expect(status(r.checks, 'seal.maker.signature')).toBe('passed');
      expect(status(r.checks, 'seal.signer.in-cert-list')).toBe('passed');
      expect(status(r.checks, 'seal.nonstandard.raw-signature')).toBe(p.raw ? 'warning' : undefined);
      expect(status(r.checks, 'pki.path.build', 'signer')).toBe('indeterminate');
      expect(status(r.checks, 'pki.path.build', 'maker')).toBe('indeterminate');
      expect(r.checks.filter((c) => c.status === 'failed')).toEqual([]);
      expect(r.indication).toBe('INDETERMINATE');
      expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
      expect(r.kind).toBe('ses');
      expect(r.signingTime).toBe(p.signedAt);
      expect(r.ses).toMatchObject({ version: 4, signingTimeSource: 'timeInfo', dataHashAlgorithm: 'sm3' });
    });
  }

  it('the raw r‖s signature (oesplugin) verifies only after normalisation: strict DER is refused', () => {
    const raw = SIG('oesplugin-zibo-v4-raw-rs', 'SignedValue.dat');
    const r = verifySesSignature({ signature: raw, data: SIG('oesplugin-zibo-v4-raw-rs', 'Signature.xml') });
    expect(find(r.checks, 'seal.signature.value')?.details).toMatchObject({ signatureForm: 'raw' });
    const s = decodeSesSignature(raw);
    const input = { algorithm: { oid: s.signatureAlgorithm }, publicKey: Certificate.fromDer(s.signerCertificate).publicKey, data: s.tbsBytes };
    expect(verifySignature({ ...input, signature: s.signature }).ok).toBe(false);
    expect(verifySignature({ ...input, signature: rawToDer(s.signature) }).ok).toBe(true);
  });

  it('a modified Signature.xml is HASH_FAILURE; the signature value itself still verifies', () => {
    const data = SIG('antchain-zhejiang-v4', 'Signature.xml').slice();
    data[100] ^= 1;
    const r = verifySesSignature({ signature: SIG('antchain-zhejiang-v4', 'SignedValue.dat'), data });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('HASH_FAILURE');
    expect(status(r.checks, 'seal.signature.value')).toBe('passed');
  });

  it('without the data: dataHash is not checked → INDETERMINATE, never PASSED', () => {
    const r = verifySesSignature({ signature: SIG('antchain-zhejiang-v4', 'SignedValue.dat') });
    expect(find(r.checks, 'seal.data-hash')).toMatchObject({ status: 'indeterminate', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(r.indication).toBe('INDETERMINATE');
  });

  it('dms360 v1 (ofdrw-n.ofd): TBS signature only as e = dataHash (non-standard warning), seal OK, re-serialised XML → HASH_FAILURE', () => {
    const sv = ofdMember('ofdrw-n.ofd', 'Doc_0/Signs/Sign_0/SignedValue.dat');
    const r = verifySesSignature({
      signature: sv,
      data: ofdMember('ofdrw-n.ofd', 'Doc_0/Signs/Sign_0/Signature.xml'),
      sealFile: ofdMember('ofdrw-n.ofd', 'Doc_0/Signs/Sign_0/Seal.esl'),
      time: AT,
    });
    expect(find(r.checks, 'seal.signature.value')).toMatchObject({ status: 'passed', details: { variant: 'e = dataHash' } });
    expect(status(r.checks, 'seal.nonstandard.digest-signature')).toBe('warning');
    expect(status(r.checks, 'seal.nonstandard.v1-time-text')).toBe('warning');
    expect(status(r.checks, 'seal.maker.signature')).toBe('passed');
    expect(status(r.checks, 'seal.seal-file')).toBe('passed');
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('HASH_FAILURE');
    expect(r.ses).toMatchObject({ version: 1, timeInfoText: '2020-01-25T07:31:56.377Z' });
  });
});
