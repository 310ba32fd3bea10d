// Interoperability of our JWS with independent implementations: jose 6 (ES256/ES384/EdDSA/RS256/PS256 in both
// directions) and, for the private SM2SM3, the OpenSSL 3 CLI and sm-crypto over the ASCII signing input.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, compactVerify } from 'jose';
import smCrypto from 'sm-crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AT, fixturePki, generatedPki, type Pki } from '../../../../../test/helpers/credential-pki.js';
import { rawToDer, derToRaw } from '../../crypto/index.js';
import { exportPrivateKey } from '../../crypto/keys/index.js';
import { base64Encode, base64urlDecode, base64urlEncode } from './base64url.js';
import { signJws } from './sign.js';
import { verifyJws } from './verify.js';
import type { JwsAlgorithm } from './algorithms.js';

const dir = mkdtempSync(join(tmpdir(), 'heyan-jws-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: Uint8Array | string): string => {
  const f = join(dir, name);
  writeFileSync(f, data);
  return f;
};
function openssl(args: string[]): number {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    return 0;
  } catch (e) {
    return (e as { status?: number }).status ?? 1;
  }
}

const payload = { iss: 'urn:uscc:11100000000013127D', 名称: '测试', n: [1, 2, 3] };
const joseCases: [JwsAlgorithm, () => Pki][] = [
  ['ES256', () => fixturePki('p256')],
  ['ES384', () => generatedPki('p384')],
  ['EdDSA', () => generatedPki('ed25519')],
  ['RS256', () => fixturePki('rsa')],
  ['PS256', () => fixturePki('rsa')],
];

describe('jose 6.2.18', () => {
  it.each(joseCases)('our %s JWS verifies with jose, and fails there when altered', async (alg, pki) => {
    const p = pki();
    const jws = signJws(payload, { key: p.signerKey, certificate: p.signer, alg });
    const res = await compactVerify(jws, p.signer.publicKey.keyObject!, { algorithms: [alg] });
    expect(JSON.parse(new TextDecoder().decode(res.payload))).toEqual(payload);
    const [h, , s] = jws.split('.');
    await expect(compactVerify(`${h}.${base64urlEncode(JSON.stringify({ ...payload, n: [1] }))}.${s}`, p.signer.publicKey.keyObject!)).rejects.toThrow();
  });

  it.each(joseCases)('a jose-made %s JWS with x5c verifies with us → PASSED; altered → FAILED', async (alg, pki) => {
    const p = pki();
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg, x5c: [base64Encode(p.signer.der), base64Encode(p.intermediate.der)] })
      .sign(p.signerKey.keyObject!);
    const r = verifyJws(jws, { trust: p.trust, time: AT });
    expect(r.indication).toBe('PASSED');
    expect(r.payload).toEqual(payload);
    const [h, , s] = jws.split('.');
    expect(verifyJws(`${h}.${base64urlEncode('{}')}.${s}`, { trust: p.trust, time: AT }).subIndication).toBe('SIG_CRYPTO_FAILURE');
  });
});

describe('SM2SM3 against OpenSSL 3 and sm-crypto', () => {
  const p = fixturePki('sm2');
  const pub = file('pub.pem', `-----BEGIN PUBLIC KEY-----\n${base64Encode(p.signer.spki).replace(/(.{64})/g, '$1\n')}\n-----END PUBLIC KEY-----\n`);

  it('our SM2SM3 signature (r‖s → DER) verifies with openssl pkeyutl -rawin -digest sm3 distid:1234567812345678', () => {
    for (let i = 0; i < 3; i++) {
      const jws = signJws({ ...payload, i }, { key: p.signerKey, certificate: p.signer });
      const [h, pl, s] = jws.split('.') as [string, string, string];
      const raw = base64urlDecode(s, 'sig');
      expect(raw.length).toBe(64);
      const data = file(`in${i}`, `${h}.${pl}`);
      const sig = file(`sig${i}.der`, rawToDer(raw));
      const args = ['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-in', data, '-sigfile', sig];
      expect(openssl(args)).toBe(0);
      // Another message, or another distinguishing ID, must fail there: the check can fail.
      const other = file(`other${i}`, `${h}.${pl}x`);
      expect(openssl(args.map((a) => (a === data ? other : a)))).not.toBe(0);
      expect(openssl(args.map((a) => (a === 'distid:1234567812345678' ? 'distid:0000000000000000' : a)))).not.toBe(0);
    }
  });

  it('an OpenSSL-made SM2 signature over the signing input verifies with us as SM2SM3', () => {
    const keyFile = file('key.pem', exportPrivateKey(p.signerKey, { format: 'pem' }) as string);
    const header = base64urlEncode(JSON.stringify({ alg: 'SM2SM3', x5c: [base64Encode(p.signer.der), base64Encode(p.intermediate.der)] }));
    const body = base64urlEncode(JSON.stringify(payload));
    const data = file('ossl-in', `${header}.${body}`);
    const sigFile = join(dir, 'ossl-sig.der');
    execFileSync('openssl', ['pkeyutl', '-sign', '-inkey', keyFile, '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-in', data, '-out', sigFile]);
    const der = new Uint8Array(readFileSync(sigFile));
    const jws = `${header}.${body}.${base64urlEncode(derToRaw(der))}`;
    expect(verifyJws(jws, { trust: p.trust, time: AT }).indication).toBe('PASSED');
  });

  it('sm-crypto verifies our raw r‖s signature with the default user ID', () => {
    const jws = signJws(payload, { key: p.signerKey, certificate: p.signer });
    const [h, pl, s] = jws.split('.') as [string, string, string];
    const hex = Buffer.from(base64urlDecode(s, 'sig')).toString('hex');
    const point = Buffer.from(p.signer.publicKey.point!).toString('hex');
    const msg = Array.from(Buffer.from(`${h}.${pl}`));
    expect(smCrypto.sm2.doVerifySignature(msg, hex, point, { hash: true, der: false })).toBe(true);
    expect(smCrypto.sm2.doVerifySignature(msg, hex, point, { hash: true, der: false, userId: 'other' })).toBe(false);
  });
});
