// SM2 interoperability with two independent implementations: sm-crypto 0.5.8 (pure JS) and the
// OpenSSL 3 CLI (C), in both directions.
import { afterAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { sm2Sign } from './sign.js';
import { sm2Verify } from './verify.js';
import { sm2GenerateKeyPair } from './keygen.js';
import { exportPrivateKey, exportPublicKey, importPrivateKey, sm2PrivateKeyFromScalar } from '../keys/index.js';

const { sm2 } = smCrypto;
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const dir = mkdtempSync(join(tmpdir(), 'heyan-sm2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: Uint8Array | string): string => {
  const f = join(dir, name);
  writeFileSync(f, data);
  return f;
};
/** Run openssl; returns [exit status, stdout]. */
function openssl(args: string[]): { status: number; out: Buffer } {
  try {
    return { status: 0, out: execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { status: (e as { status?: number }).status ?? 1, out: Buffer.alloc(0) };
  }
}

const IDS = [undefined, 'ALICE123@YAHOO.COM', '测试ID'];

describe('sm-crypto 0.5.8', () => {
  test('our signatures verify in sm-crypto (DER, hash:true, userId) and fail there with another ID', () => {
    for (let i = 0; i < 9; i++) {
      const { d, point } = sm2GenerateKeyPair();
      const id = IDS[i % 3];
      const msg = randomBytes(i * 50 + 1);
      const sig = sm2Sign(d, msg, { id });
      const opts = id === undefined ? { hash: true, der: true } : { hash: true, der: true, userId: id };
      expect(sm2.doVerifySignature(Array.from(msg), hex(sig), hex(point), opts)).toBe(true);
      expect(sm2.doVerifySignature(Array.from(msg), hex(sig), hex(point), { hash: true, der: true, userId: 'nope' })).toBe(false);
    }
  });
  test('sm-crypto signatures verify with us, and fail with another ID', () => {
    for (let i = 0; i < 9; i++) {
      const kp = sm2.generateKeyPairHex();
      const id = IDS[i % 3];
      const msg = randomBytes(i * 50 + 1);
      const opts = id === undefined ? { hash: true, der: true, publicKey: kp.publicKey } : { hash: true, der: true, publicKey: kp.publicKey, userId: id };
      const sig = h(sm2.doSignature(Array.from(msg), kp.privateKey, opts));
      expect(sm2Verify(h(kp.publicKey), msg, sig, { id })).toBe(true);
      expect(sm2Verify(h(kp.publicKey), msg, sig, { id: 'nope' })).toBe(false);
      // Its raw r‖s form (der:false) verifies with format 'raw'.
      const raw = h(sm2.doSignature(Array.from(msg), kp.privateKey, { ...opts, der: false }).padStart(128, '0'));
      expect(sm2Verify(h(kp.publicKey), msg, raw, { id, format: 'raw' })).toBe(true);
    }
  });
});

describe('OpenSSL 3 CLI', () => {
  const ID_CASES = ['1234567812345678', 'ALICE123@YAHOO.COM'];

  test('our key (exported PEM) signs in OpenSSL; OpenSSL signature verifies with us', () => {
    for (const id of ID_CASES) {
      const key = importPrivateKey(exportPrivateKey(sm2PrivateKeyFromScalar(sm2GenerateKeyPair().d), { format: 'pem' }));
      const keyFile = file(`k-${id}.pem`, exportPrivateKey(key, { format: 'pem' }));
      const msg = randomBytes(1000);
      const msgFile = file('m.bin', msg);
      const sigFile = join(dir, 'ossl.sig');
      const r = openssl(['pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-pkeyopt', `distid:${id}`, '-inkey', keyFile, '-in', msgFile, '-out', sigFile]);
      expect(r.status).toBe(0);
      const sig = new Uint8Array(readFileSync(sigFile));
      expect(sm2Verify(key.publicKey.point!, msg, sig, { id })).toBe(true);
      expect(sm2Verify(key.publicKey.point!, msg, sig, { id: '' })).toBe(false);
    }
  });

  test('our signatures verify in OpenSSL with the right distid, fail with a wrong one', () => {
    for (const id of ID_CASES) {
      const { d } = sm2GenerateKeyPair();
      const key = sm2PrivateKeyFromScalar(d);
      const pubFile = file(`p-${id}.pem`, exportPublicKey(key, { format: 'pem' }));
      const msg = randomBytes(333);
      const msgFile = file('m2.bin', msg);
      const sigFile = file('ours.sig', sm2Sign(d, msg, { id }));
      const verify = (distid: string): number =>
        openssl(['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', `distid:${distid}`, '-pubin', '-inkey', pubFile, '-in', msgFile, '-sigfile', sigFile]).status;
      expect(verify(id)).toBe(0);
      expect(verify(id + 'x')).not.toBe(0);
      // openssl dgst with -sigopt distid as well
      expect(openssl(['dgst', '-sm3', '-verify', pubFile, '-sigopt', `distid:${id}`, '-signature', sigFile, msgFile]).status).toBe(0);
    }
  });

  test('keys generated by OpenSSL (PKCS#8, SEC1 "SM2 PRIVATE KEY", -algorithm SM2) import and sign for OpenSSL', () => {
    const pk8 = join(dir, 'g1.pem');
    expect(openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', pk8]).status).toBe(0);
    const sec1 = join(dir, 'g1-sec1.pem');
    expect(openssl(['ec', '-in', pk8, '-out', sec1]).status).toBe(0);
    const alt = join(dir, 'g2.pem');
    expect(openssl(['genpkey', '-algorithm', 'SM2', '-out', alt]).status).toBe(0);
    const a = importPrivateKey(readFileSync(pk8));
    const b = importPrivateKey(readFileSync(sec1, 'utf8'));
    expect(a.type).toBe('sm2');
    expect(hex(b.d!)).toBe(hex(a.d!));
    expect(hex(b.pkcs8)).toBe(hex(a.pkcs8));
    const c = importPrivateKey(readFileSync(alt));
    for (const [k, f] of [[a, pk8], [c, alt]] as const) {
      const msg = randomBytes(64);
      const msgFile = file('m3.bin', msg);
      const sigFile = file('s3.sig', sm2Sign(k.d!, msg));
      expect(openssl(['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-inkey', f, '-in', msgFile, '-sigfile', sigFile]).status).toBe(0);
      // Our public key equals OpenSSL's view of it.
      const pub = openssl(['pkey', '-in', f, '-pubout', '-outform', 'DER']).out;
      expect(hex(k.publicKey.spki)).toBe(hex(pub));
    }
  });
});
