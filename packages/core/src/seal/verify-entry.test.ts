// verify(): a bare seal is format 'seal' with one SignatureReport of kind 'seal'; an SES_Signature is format
// 'ses-signature' (kind 'ses') whose dataHash is checked against `content` when given. Bad input never throws.
import { describe, expect, it } from 'vitest';
import { internalErrors, reportProblems } from '../../../../test/helpers/report-shape.js';
import { AT, corpus, fixture, sm2Pki } from '../../../../test/helpers/seal-fixtures.js';
import { verify } from '../verify.js';

describe('verify() on seals and seal signatures', () => {
  it('fixtures/seal/sample-v4.esl: format seal, PASSED with the SM2 test root at 2030-01-01', async () => {
    const { trust, crls } = sm2Pki();
    const r = await verify(fixture('seal/sample-v4.esl'), { trust, crls, at: AT, name: 'sample-v4.esl' });
    expect(reportProblems(r)).toEqual([]);
    expect(r.format).toBe('seal');
    expect(r.indication).toBe('PASSED');
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]).toMatchObject({ kind: 'seal', algorithm: 'sm2-with-sm3', signer: { serialNumber: '2002' } });
    expect((r.signatures[0] as { seal?: { esID: string } }).seal?.esID).toBe('11010800000001');
  });

  it('fixtures/seal/sample-signature-v4.dat with --content: PASSED; without: INDETERMINATE (dataHash not checked)', async () => {
    const { trust, crls } = sm2Pki();
    const sig = fixture('seal/sample-signature-v4.dat');
    const withData = await verify(sig, { trust, crls, at: AT, content: fixture('seal/sample-content.txt') });
    expect(reportProblems(withData)).toEqual([]);
    expect(withData.format).toBe('ses-signature');
    expect(withData.indication).toBe('PASSED');
    expect(withData.signatures[0]!.kind).toBe('ses');
    const without = await verify(sig, { trust, crls, at: AT });
    expect(without.indication).toBe('INDETERMINATE');
    expect(without.subIndication).toBe('SIGNED_DATA_NOT_FOUND');
    expect(without.signatures[0]!.checks.find((c) => c.id === 'seal.data-hash')?.status).toBe('indeterminate');
    expect(reportProblems(without)).toEqual([]);
  });

  it('the v5 sample with timestamps: signing time proven', async () => {
    const { trust, crls } = sm2Pki();
    const r = await verify(fixture('seal/sample-signature-v5-ts.dat'), { trust, crls, at: AT, content: fixture('seal/sample-content.txt') });
    expect(r.indication).toBe('PASSED');
    expect(r.signatures[0]!.timestamp?.indication).toBe('PASSED');
  });

  it('corpus seals and signatures keep their verdicts through verify()', async () => {
    const v5 = await verify(corpus('seals/ofdrw-UserV5.esl'));
    expect(v5).toMatchObject({ format: 'seal', indication: 'FAILED', subIndication: 'EXPIRED' });
    const g = await verify(corpus('signatures/gomain-jiangsu-tax-v4/SignedValue.dat'), { content: corpus('signatures/gomain-jiangsu-tax-v4/Signature.xml') });
    expect(g).toMatchObject({ format: 'ses-signature', indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    // A GB/T 35275 SignedData is CMS, not a seal signature.
    const cms = await verify(corpus('signatures/ccb-receipt-gbt35275-sign/SignedValue.dat'));
    expect(cms.format).toBe('cms');
    for (const r of [v5, g, cms]) expect(internalErrors(r)).toEqual([]);
  });

  it('truncated and garbage seals are FAILED / FORMAT_FAILURE, never a throw', async () => {
    const good = corpus('seals/ofdrw-UserV4.esl');
    const sig = corpus('signatures/antchain-zhejiang-v4/SignedValue.dat');
    const cases = [good.subarray(0, 1000), good.subarray(0, good.length - 1), sig.subarray(0, sig.length - 3), new Uint8Array(5000).fill(0x30), Uint8Array.from(good).reverse()];
    for (const c of cases) {
      const r = await verify(c);
      expect(r.indication).toBe('FAILED');
      expect(r.subIndication).toBe('FORMAT_FAILURE');
      expect(internalErrors(r)).toEqual([]);
      expect(reportProblems(r)).toEqual([]);
    }
  });

  it('a seal whose structure is right but whose content is not (maker certificate garbage) is FAILED with a named check', async () => {
    const good = corpus('seals/ofdrw-UserV4.esl').slice();
    // The maker certificate OCTET STRING starts at 16397 (hl=4): corrupt its inner SEQUENCE tag.
    good[16401] = 0x31;
    const r = await verify(good);
    expect(r.format).toBe('seal');
    expect(r.signatures[0]!.checks.find((c) => c.id === 'seal.maker.certificate')?.status).toBe('failed');
    expect(r.indication).toBe('FAILED');
    expect(internalErrors(r)).toEqual([]);
  });
});
