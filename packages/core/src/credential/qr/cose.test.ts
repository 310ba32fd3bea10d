// COSE_Sign1 against RFC 9052 Appendix C.2.1 (published ES256 example, key "11"): our Sig_structure equals the
// published ToBeSigned bytes and the published signature verifies over it; our own COSE_Sign1 round-trips.
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixturePki } from '../../../../../test/helpers/credential-pki.js';
import { cborDecode, CborTagged } from './cbor.js';
import { decodeCoseSign1, sigStructure, signCoseSign1, verifyCoseSign1 } from './cose.js';

const unhex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const RFC_C21 =
  'D28443A10126A10442313154546869732069732074686520636F6E74656E742E5840' +
  '8EB33E4CA31D1C465AB05AAC34CC6B23D58FEF5C083106C4D25A91AEF0B0117E2AF9A291AA32E14AB834DC56ED2A223444547E01F11D3B0916E5A4C345CACB36';
const TBS_C21 = '846A5369676E61747572653143A101264054546869732069732074686520636F6E74656E742E';

describe('RFC 9052 C.2.1', () => {
  it('our Sig_structure is the published ToBeSigned, and the published signature verifies over it', () => {
    const msg = cborDecode(unhex(RFC_C21));
    expect(msg).toBeInstanceOf(CborTagged);
    const [prot, , payload, sig] = (msg as CborTagged).value as [Uint8Array, unknown, Uint8Array, Uint8Array];
    const tbs = sigStructure(prot, payload);
    expect(Buffer.from(tbs).toString('hex').toUpperCase()).toBe(TBS_C21);
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: 'usWxHK2PmfnHKwXPS54m0kTcGJ90UiglWiGahtagnv8', y: 'IBOL-C3BttVivg-lSreASjpkttcsz-1rb7btKLv8EX4' }, format: 'jwk' });
    expect(verify('sha256', tbs, { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
    expect(verify('sha256', sigStructure(prot, unhex('00')), { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(false);
  });
  it('our decoder refuses it: the kid is in the unprotected header, which our profile does not accept', () => {
    expect(() => decodeCoseSign1(unhex(RFC_C21))).toThrow(/unprotected/);
  });
});

describe('our COSE_Sign1', () => {
  it.each(['sm2', 'p256', 'rsa'] as const)('%s: sign → decode → verify; another payload fails', (fam) => {
    const p = fixturePki(fam);
    const alg = fam === 'sm2' ? 'SM2SM3' : fam === 'p256' ? 'ES256' : 'PS256';
    const kid = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const bytes = signCoseSign1(Uint8Array.of(0xa0), { key: p.signerKey, alg, kid });
    const m = decodeCoseSign1(bytes);
    expect(m.alg).toBe(alg);
    expect([...m.kid]).toEqual([...kid]);
    expect(verifyCoseSign1(m, p.signer.publicKey)).toBe(true);
    expect(verifyCoseSign1({ ...m, toBeSigned: sigStructure(unhex('a0'), unhex('a1')) }, p.signer.publicKey)).toBe(false);
    expect(verifyCoseSign1(m, fixturePki(fam === 'p256' ? 'sm2' : 'p256').signer.publicKey)).toBe(false);
  });
});
