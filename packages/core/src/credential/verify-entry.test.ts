// verify() with credentials and QR texts: format detection (compact JWS, HY1:, forced QR text), the report's licence
// summary, the bundle named in the report, licence-specific advice, and no misdetection of other inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AT, BUSINESS, LIST_ID, REVOKED_INDEX, fixture, fixturePki, licenceWorld } from '../../../../test/helpers/credential-pki.js';
import { internalErrors, reportProblems } from '../../../../test/helpers/report-shape.js';
import { verify } from '../verify.js';
import { issueCredential } from './issue.js';
import { sniffCredentialText } from './verify-entry.js';
import { decodeQrPayload } from './qr/payload.js';

const equalCose = (a: string, b: string) => {
  try {
    return Buffer.from(decodeQrPayload(a).cose.toBeSigned).equals(Buffer.from(decodeQrPayload(b).cose.toBeSigned)) && Buffer.from(decodeQrPayload(a).cose.signature).equals(Buffer.from(decodeQrPayload(b).cose.signature));
  } catch {
    return false;
  }
};

const utf8 = (s: string) => new TextEncoder().encode(s);
const w = licenceWorld(fixturePki('sm2'));
const issue = (o: Partial<Parameters<typeof issueCredential>[0]> = {}) =>
  issueCredential({ record: BUSINESS, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate], status: { listId: LIST_ID, index: 5 }, ...o });

describe('verify() entry', () => {
  it('a credential file (with a trailing newline) → format credential, PASSED, licence summary, bundle named', async () => {
    const r = await verify(utf8(`${issue().jws}\n`), { bundle: w.bundle, at: AT, name: 'L.jws' });
    expect(reportProblems(r)).toEqual([]);
    expect(internalErrors(r)).toEqual([]);
    expect(r.format).toBe('credential');
    expect(r.indication).toBe('PASSED');
    expect(r.license?.identifier).toBe(BUSINESS.certificateIdentifier);
    expect(r.checks[0]?.id).toBe('trust.bundle.used');
    expect(r.signatures[0]?.kind).toBe('jws');
  });

  it('QR text as input bytes → format qr; as opts.qrText, foreign text → FAILED / FORMAT_FAILURE "not a heyan licence QR"', async () => {
    const { qr } = issue();
    const r = await verify(utf8(qr), { bundle: w.bundle, at: AT });
    expect(r.format).toBe('qr');
    expect(r.indication).toBe('PASSED');
    expect(reportProblems(r)).toEqual([]);
    const hc1 = 'HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+IUKRG*I.I3BDEK2MSCJD*0R6IB:L';
    const f = await verify(utf8(hc1), { bundle: w.bundle, at: AT, qrText: hc1 });
    expect(f.format).toBe('qr');
    expect(f.indication).toBe('FAILED');
    expect(f.subIndication).toBe('FORMAT_FAILURE');
    expect(f.checks.find((c) => c.status === 'failed')?.message.en).toMatch(/not a heyan licence QR.*COVID/);
    expect(reportProblems(f)).toEqual([]);
    expect(f.advice?.zh).toMatch(/电子证照/);
  });

  it('licence advice for a revoked or expired licence; generic advice for a forged one', async () => {
    const rv = await verify(utf8(issue({ status: { listId: LIST_ID, index: REVOKED_INDEX } }).jws), { bundle: w.bundle, at: AT });
    expect(rv.subIndication).toBe('REVOKED');
    expect(rv.advice?.en).toMatch(/licence was revoked/);
    const ex = await verify(utf8(issue({ record: { ...BUSINESS, certificateValidateEnd: '2029-12-31' } }).jws), { bundle: w.bundle, at: AT });
    expect(ex.subIndication).toBe('EXPIRED');
    expect(ex.advice?.en).toMatch(/licence has expired/);
    const [h, , s] = issue().jws.split('.');
    const forged = await verify(utf8(`${h}.${Buffer.from('{"x":1}').toString('base64url')}.${s}`), { bundle: w.bundle, at: AT });
    expect(forged.subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(forged.advice?.en).toMatch(/signature value is wrong/);
    for (const r of [rv, ex, forged]) expect(reportProblems(r)).toEqual([]);
  });

  it('with --trust only, the authority is INDETERMINATE and the advice says to use a bundle', async () => {
    const r = await verify(utf8(issue().jws), { trust: w.pki.trust, at: AT });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.advice?.en).toMatch(/--bundle/);
  });

  it('other inputs are not mistaken for credentials', () => {
    for (const f of ['pki/sm2/signer.pem', 'pki/sm2/root.crl.pem', 'pki/sm2/signer.key.pem']) expect(sniffCredentialText(fixture(f))).toBeUndefined();
    expect(sniffCredentialText(new Uint8Array([0x30, 0x82, 0x01, 0x00]))).toBeUndefined();
    expect(sniffCredentialText(utf8('hello world'))).toBeUndefined();
    expect(sniffCredentialText(utf8('a.b.c'))).toBe('credential');
    expect(sniffCredentialText(utf8('  HY1:ABC\n'))).toBe('qr');
  });

  it('mutated credentials and QR texts never throw, never pass, and never hit an internal error', async () => {
    const { jws, qr } = issue();
    const alphabet = { jws: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.', qr: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:' };
    for (const [kind, text] of [['jws', jws], ['qr', qr]] as const) {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.nat(text.length - 1), fc.constantFrom(...alphabet[kind])), { minLength: 1, maxLength: 4 }), fc.boolean(), async (edits, cut) => {
          const chars = [...text];
          for (const [i, ch] of edits) chars[i] = ch;
          let mutated = chars.join('');
          if (cut) mutated = mutated.slice(0, edits[0]![0]);
          fc.pre(mutated !== text);
          const r = await verify(utf8(mutated), { bundle: w.bundle, at: AT, ...(kind === 'qr' ? { qrText: mutated } : {}) });
          // Raw DEFLATE ignores the padding bits after its last block: a QR text that differs only there inflates
          // to the very same signed bytes, and may pass. Anything else must not.
          if (r.indication === 'PASSED') expect(kind === 'qr' && equalCose(mutated, text)).toBe(true);
          expect(internalErrors(r)).toEqual([]);
          expect(reportProblems(r)).toEqual([]);
        }),
        { numRuns: 150 },
      );
    }
  });
});
