// The seal maker's certificate judged like any signer's (revocation from the test CRL, key usage), the reference time
// of the maker checks named for what it is (GM/T 0031-2025: the seal's createDate, claimed, not a proven signing
// time), and a dataHash made with another hash than the signature algorithm names: accepted, reported as a tolerance.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AT, fixture, sm2Pki } from '../../../../test/helpers/seal-fixtures.js';
import { bitString, octets, oid, seq } from '../asn1/index.js';
import { signData } from '../crypto/sign-data.js';
import { sm3 } from '../crypto/sm3.js';
import type { Check } from '../report/types.js';
import { createSeal, createSesSignature, decodeSeal, verifySeal, verifySesSignature, type CreateSealOptions } from './index.js';

const DATA = new TextEncoder().encode('<ofd:Signature>核验</ofd:Signature>');
const CREATED = new Date('2026-01-15T08:00:00Z');
const SIGNED = new Date('2026-03-01T02:00:00Z');
const find = (checks: readonly Check[], id: string, role?: string): Check | undefined =>
  checks.find((c) => c.id === id && (role === undefined || (c.details as { role?: string } | undefined)?.role === role));

function sealOptions(over: Partial<CreateSealOptions> = {}): CreateSealOptions {
  const { maker, signer } = sm2Pki();
  return {
    esID: '11010800000001',
    type: 1,
    name: '核验测试专用章',
    signerCertificates: [signer.cert],
    picture: { type: 'png', data: fixture('seal/stamp.png'), widthMm: 40, heightMm: 40 },
    createDate: CREATED,
    validStart: CREATED,
    validEnd: new Date('2036-01-15T08:00:00Z'),
    makerKey: maker.key,
    makerCertificate: maker.cert,
    ...over,
  };
}

function sign(seal: Uint8Array, dataHash: Uint8Array = sm3(DATA)): Uint8Array {
  const { signer } = sm2Pki();
  return createSesSignature({ seal, dataHash, propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml', timeInfo: SIGNED, signerKey: signer.key, signerCertificate: signer.cert });
}

describe('the seal maker certificate', () => {
  it('revoked (intermediate.crl.pem, 2025-06-01, before the seal was made): FAILED / REVOKED, bare and in a signature', () => {
    const { revoked, trust, crls } = sm2Pki();
    for (const version of [4, 5] as const) {
      const seal = createSeal(sealOptions({ version, makerKey: revoked.key, makerCertificate: revoked.cert }));
      const bare = verifySeal({ seal, trust, crls, time: AT });
      expect(find(bare.checks, 'seal.maker.signature')?.status, `v${version}`).toBe('passed');
      expect(find(bare.checks, 'pki.revocation.status', 'maker')?.status, `v${version}`).toBe('failed');
      expect(bare.indication, `v${version}`).toBe('FAILED');
      expect(bare.subIndication, `v${version}`).toBe('REVOKED');
      const signed = verifySesSignature({ signature: sign(seal), data: DATA, trust, crls, time: AT });
      expect(signed.indication, `v${version}`).toBe('FAILED');
      expect(signed.subIndication, `v${version}`).toBe('REVOKED');
      // Without the CRL the revocation cannot be seen: the same seal passes (the CRL is what decides).
      expect(verifySeal({ seal, trust, time: AT, revocation: 'none' }).indication, `v${version}`).toBe('PASSED');
    }
    // v5 judges the maker at createDate: the message names that time, not a signing time.
    const v5 = verifySeal({ seal: createSeal(sealOptions({ version: 5, makerKey: revoked.key, makerCertificate: revoked.cert })), trust, crls, time: AT });
    expect(find(v5.checks, 'pki.revocation.status', 'maker')!.message.en).toMatch(/^Seal maker certificate: Certificate was revoked before the seal was created/);
  });

  it('without digitalSignature in its key usage: FAILED on key usage', () => {
    const { noDigitalSignature, trust, crls } = sm2Pki();
    // createSeal refuses such a maker; a seal made elsewhere is assembled from the DER parts (v4 SESeal).
    const sealInfo = decodeSeal(createSeal(sealOptions())).sealInfoBytes;
    const signed = signData({ key: noDigitalSignature.key, data: sealInfo });
    const seal = seq(sealInfo, octets(noDigitalSignature.cert.der), oid(signed.algorithm.oid), bitString(signed.signature));
    expect(() => createSeal(sealOptions({ makerKey: noDigitalSignature.key, makerCertificate: noDigitalSignature.cert }))).toThrow(/lacks digitalSignature/);
    const r = verifySeal({ seal, trust, crls, time: AT });
    expect(find(r.checks, 'seal.maker.signature')?.status).toBe('passed'); // the key does sign: only the usage is wrong
    const ku = find(r.checks, 'pki.cert.key-usage', 'maker');
    expect(ku?.status).toBe('failed');
    expect(ku?.message.en).toMatch(/^Seal maker certificate: /);
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
  });

  it('v5, expired now but valid at createDate: the warning names the creation date as the seal states it', () => {
    const { expired, trust, crls } = sm2Pki();
    const created = new Date('2021-06-01T00:00:00Z');
    const opts = sealOptions({ version: 5, makerKey: expired.key, makerCertificate: expired.cert, createDate: created, validStart: created });
    const seal = createSeal(opts);
    for (const checks of [verifySeal({ seal, trust, crls, time: AT }).checks, verifySesSignature({ signature: sign(seal), data: DATA, trust, crls, time: AT }).checks]) {
      const c = find(checks, 'pki.cert.validity', 'maker')!;
      expect(c.status).toBe('warning');
      expect(c.message.en).toMatch(/but was valid at the seal's creation date/);
      expect(c.message.en).toContain(`seal created ${created.toISOString()} (as the seal states, not proven by a timestamp)`);
      expect(c.message.en).not.toMatch(/proven signing time|signing time .* proven/);
      expect(c.message.zh).toMatch(/印章制作日期/);
      expect(c.details!.referenceTime).toBe('create-date');
    }
  });
});

describe('dataHash computed with another hash than the signature algorithm names', () => {
  it('SHA-256 under SM2-with-SM3: accepted, reported as seal.nonstandard.data-hash-algorithm', () => {
    const { trust, crls } = sm2Pki();
    const sha256 = new Uint8Array(createHash('sha256').update(DATA).digest());
    const r = verifySesSignature({ signature: sign(createSeal(sealOptions()), sha256), data: DATA, trust, crls, time: AT });
    expect(find(r.checks, 'seal.data-hash')?.status).toBe('passed');
    expect(r.ses?.dataHashAlgorithm).toBe('sha256');
    const w = find(r.checks, 'seal.nonstandard.data-hash-algorithm');
    expect(w?.status).toBe('warning');
    expect(w?.message.en).toMatch(/\(TBS_Sign\.dataHash\): SHA256 where the signature algorithm names SM3$/);
    expect(r.indication).toBe('PASSED');
    // The standard SM3 dataHash: no such warning.
    const standard = verifySesSignature({ signature: sign(createSeal(sealOptions())), data: DATA, trust, crls, time: AT });
    expect(find(standard.checks, 'seal.nonstandard.data-hash-algorithm')).toBeUndefined();
    expect(standard.checks.filter((c) => c.status === 'warning')).toEqual([]);
  });
});
