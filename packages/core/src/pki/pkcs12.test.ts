import { afterAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError, KeyError } from '../errors.js';
import { exportPkcs12, importPkcs12 } from './pkcs12.js';
import {
  exportPrivateKey,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  publicKeyAlgorithmName,
  signData,
  spkiFromCertificate,
  verifySignature,
  type KeyAlgorithm,
  type PrivateKey,
} from '../crypto/index.js';
import * as D from '../asn1/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const corpus = (f: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../../shared/corpus/ofd-ses/pki/${f}`, import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'heyan-p12-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (data: Uint8Array | string): string => {
  const f = join(dir, `f${n++}`);
  writeFileSync(f, data);
  return f;
};
const openssl = (args: string[]): Buffer => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
const pemToDer = (pem: string): Uint8Array[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));

/** tbsCertificate, signatureAlgorithm and signature of a DER certificate. */
function certParts(der: Uint8Array) {
  const [tbs, alg, sig] = D.children(D.readRoot(der));
  return {
    data: D.encoding(tbs!),
    algorithm: { oid: D.readOid(D.children(alg!)[0]!, 'algorithm') },
    signature: D.readBitString(sig!, 'signature'),
  };
}

const FILES = [
  ['ofdrw-ROOT.p12', '123456'],
  ['ofdrw-USER.p12', '777777'],
  ['ofdrw-SealBuilder.p12', '777777'],
] as const;

describe('corpus PKCS#12 files (legacy PBE, SM2)', () => {
  const opened = new Map(FILES.map(([f, pw]) => [f, importPkcs12(corpus(f), pw)]));
  test.each(FILES)('%s opens; certificate key matches the private key; same as `openssl pkcs12 -legacy`', (f, pw) => {
    const { key, certificates } = opened.get(f)!;
    expect(publicKeyAlgorithmName(key)).toBe('sm2');
    expect(certificates).toHaveLength(1);
    expect(hex(importPublicKey(certificates[0]!).spki)).toBe(hex(key.publicKey.spki));
    // A signature by the key verifies under the certificate's public key.
    const data = new TextEncoder().encode(f);
    const s = signData({ key, data });
    expect(verifySignature({ algorithm: s.algorithm, publicKey: importPublicKey(certificates[0]!), data, signature: s.signature }).ok).toBe(true);
    // OpenSSL sees the same key and certificate.
    const p12 = file(corpus(f));
    const keyPem = openssl(['pkcs12', '-legacy', '-in', p12, '-passin', `pass:${pw}`, '-nocerts', '-nodes']).toString();
    expect(hex(importPrivateKey(keyPem).pkcs8)).toBe(hex(key.pkcs8));
    const certPem = openssl(['pkcs12', '-legacy', '-in', p12, '-passin', `pass:${pw}`, '-nokeys']).toString();
    expect(pemToDer(certPem).map(hex)).toEqual(certificates.map(hex));
  });
  test('USER and SealBuilder certificates are signed by the ROOT key (SM2, default ID)', () => {
    const root = opened.get('ofdrw-ROOT.p12')!.key.publicKey;
    for (const f of ['ofdrw-USER.p12', 'ofdrw-SealBuilder.p12', 'ofdrw-ROOT.p12'] as const) {
      const parts = certParts(opened.get(f)!.certificates[0]!);
      expect(verifySignature({ ...parts, publicKey: root })).toMatchObject({ ok: true, algorithm: 'sm2-with-sm3' });
      expect(verifySignature({ ...parts, publicKey: root, sm2Id: '' }).ok).toBe(false);
    }
    const user = opened.get('ofdrw-USER.p12')!.key.publicKey;
    expect(verifySignature({ ...certParts(opened.get('ofdrw-SealBuilder.p12')!.certificates[0]!), publicKey: user }).ok).toBe(false);
  });
  test('wrong password → KeyError; garbage → FormatError', () => {
    expect(() => importPkcs12(corpus('ofdrw-USER.p12'), '123456')).toThrow(KeyError);
    expect(() => importPkcs12(corpus('ofdrw-ROOT.p12'), '')).toThrow(KeyError);
    expect(() => importPkcs12(new Uint8Array(100).fill(0x30), 'x')).toThrow(FormatError);
    expect(() => importPkcs12(corpus('ofdrw-USER.p12').subarray(0, 600), '777777')).toThrow();
    try {
      importPkcs12(corpus('ofdrw-USER.p12').subarray(0, 600), '777777');
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
    }
  });
});

describe('exportPkcs12', () => {
  const cert = (k: PrivateKey): Uint8Array => {
    const args = k.type === 'sm2' ? ['-sm3', '-sigopt', 'distid:1234567812345678'] : k.type === 'ed25519' ? [] : ['-sha256'];
    return new Uint8Array(openssl(['req', '-x509', '-new', '-key', file(exportPrivateKey(k, { format: 'pem' })), '-subj', `/CN=${k.type}`, '-days', '2', '-outform', 'DER', ...args]));
  };
  test.each(['sm2', 'p256', 'rsa2048', 'ed25519'] as KeyAlgorithm[])('%s: OpenSSL opens it (no -legacy) and so do we, leaf first', (alg) => {
    const k = generateKeyPair(alg);
    const other = generateKeyPair('p256');
    const leaf = cert(k);
    const ca = cert(other);
    const p12 = exportPkcs12(k, [ca, leaf], 'pässword', { friendlyName: 'heyan' });
    const f = file(p12);
    const info = spawnSync('openssl', ['pkcs12', '-in', f, '-passin', 'pass:pässword', '-info', '-noout'], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(info.stderr + info.stdout).toMatch(/MAC: sha256/);
    expect(info.stderr + info.stdout).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
    const keyPem = openssl(['pkcs12', '-in', f, '-passin', 'pass:pässword', '-nocerts', '-nodes']).toString();
    expect(hex(importPrivateKey(keyPem).pkcs8)).toBe(hex(k.pkcs8));
    const certPem = openssl(['pkcs12', '-in', f, '-passin', 'pass:pässword', '-nokeys']).toString();
    expect(new Set(pemToDer(certPem).map(hex))).toEqual(new Set([hex(ca), hex(leaf)]));
    expect(() => openssl(['pkcs12', '-in', f, '-passin', 'pass:wrong', '-nokeys'])).toThrow();
    const back = importPkcs12(p12, 'pässword');
    expect(hex(back.key.pkcs8)).toBe(hex(k.pkcs8));
    expect(back.certificates.map(hex)).toEqual([hex(leaf), hex(ca)]);
    expect(hex(spkiFromCertificate(back.certificates[0]!))).toBe(hex(k.publicKey.spki));
    expect(() => importPkcs12(p12, 'wrong')).toThrow(KeyError);
  });
  test('an OpenSSL-written PKCS#12 (AES default and -legacy 3DES) imports', () => {
    const k = generateKeyPair('p256');
    const leaf = cert(k);
    const keyFile = file(exportPrivateKey(k, { format: 'pem' }));
    const certFile = file(openssl(['x509', '-inform', 'DER', '-in', file(leaf)]));
    for (const extra of [[], ['-legacy']]) {
      const out = join(dir, `o${n++}.p12`);
      openssl(['pkcs12', '-export', ...extra, '-inkey', keyFile, '-in', certFile, '-passout', 'pass:pw', '-out', out]);
      const r = importPkcs12(new Uint8Array(readFileSync(out)), 'pw');
      expect(hex(r.key.pkcs8)).toBe(hex(k.pkcs8));
      expect(r.certificates.map(hex)).toEqual([hex(leaf)]);
    }
  });
});
