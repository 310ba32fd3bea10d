import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError, KeyError, LimitError } from '../errors.js';
import { encryptPkcs8 } from '../crypto/keys/pbes2.js';
import { MAX_FORGE_ITERATIONS } from '../crypto/keys/pbe-iterations.js';
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

describe('iteration limits (hostile files must not make forge derive keys for minutes)', () => {
  const pbe = (forge.pki as unknown as { pbe: { getCipher: unknown } }).pbe;
  const originalGetCipher = pbe.getCipher;
  afterEach(() => vi.restoreAllMocks());
  const k = generateKeyPair('p256');
  // 32768 iterations is INTEGER 02 03 00 80 00; 7f ff ff in its place (8 388 607) keeps every length unchanged.
  const p12 = exportPkcs12(k, [], 'pw', { iterations: 32768 });
  const COUNT = Buffer.from('020300800000', 'hex').subarray(0, 5);
  const HUGE = Buffer.from('02037fffff', 'hex');
  const patchAt = (at: number): Uint8Array => {
    const b = Buffer.from(p12);
    HUGE.copy(b, at);
    return new Uint8Array(b);
  };
  const first = Buffer.from(p12).indexOf(COUNT);
  const last = Buffer.from(p12).lastIndexOf(COUNT);
  /** Every key derivation forge could start (MAC and PKCS#12 PBE keys, PBKDF2), counted. */
  const spies = () => [vi.spyOn(forge.pkcs12, 'generateKey'), vi.spyOn(forge.pkcs5, 'pbkdf2')];

  test('the file opens as made; both counts are where expected (key bag PBKDF2 first, MAC last)', () => {
    expect(first).toBeGreaterThan(0);
    expect(last).toBe(p12.length - 5);
    expect(hex(importPkcs12(p12, 'pw').key.pkcs8)).toBe(hex(k.pkcs8));
    expect(pbe.getCipher).toBe(originalGetCipher);
    // The budget is for the whole file: 2 × 32768 does not fit in 50 000.
    expect(() => importPkcs12(p12, 'pw', { maxIterations: 50_000 })).toThrow(LimitError);
  });

  test.each([
    ['MAC', last],
    ['key bag PBKDF2', first],
  ])('a %s count of 8 388 607 is refused before any derivation (LimitError)', (_what, at) => {
    expect(MAX_FORGE_ITERATIONS).toBeLessThan(8_388_607);
    const [kdf, pbkdf2] = spies();
    expect(() => importPkcs12(patchAt(at), 'pw')).toThrow(LimitError);
    expect(kdf).not.toHaveBeenCalled();
    expect(pbkdf2).not.toHaveBeenCalled();
    expect(pbe.getCipher).toBe(originalGetCipher);
    // An unpatched count still needs work: the spies do see it.
    importPkcs12(p12, 'pw');
    expect(kdf).toHaveBeenCalled();
  });

  /** A PFX whose only key bag sits inside a PBES2-encrypted SafeContents (no MacData: it is OPTIONAL). */
  function hiddenKeyBag(hugeCount: boolean): Uint8Array {
    const shrouded = Buffer.from(encryptPkcs8(k.pkcs8, 'pw', 32768));
    if (hugeCount) HUGE.copy(shrouded, shrouded.indexOf(COUNT)); // visible only after decryption
    const safeContents = D.seq(D.seq(D.oid('1.2.840.113549.1.12.10.1.2'), D.explicit(0, shrouded)));
    // Encrypted with PBES2 / PBKDF2-SHA256 (1000 iterations) / AES-256-CBC, by Node's crypto.
    const salt = randomBytes(16);
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-cbc', pbkdf2Sync('pw', salt, 1000, 32, 'sha256'), iv);
    const ct = Buffer.concat([c.update(safeContents), c.final()]);
    const alg = D.algorithmIdentifier(
      '1.2.840.113549.1.5.13',
      D.seq(
        D.algorithmIdentifier('1.2.840.113549.1.5.12', D.seq(D.octets(salt), D.integer(1000), D.algorithmIdentifier('1.2.840.113549.2.9', D.derNull()))),
        D.algorithmIdentifier('2.16.840.1.101.3.4.1.42', D.octets(iv)),
      ),
    );
    const encryptedData = D.seq(D.integer(0), D.seq(D.oid('1.2.840.113549.1.7.1'), alg, D.tlv(0x80, ct)));
    const authSafe = D.seq(D.seq(D.oid('1.2.840.113549.1.7.6'), D.explicit(0, encryptedData)));
    return D.seq(D.integer(3), D.seq(D.oid('1.2.840.113549.1.7.1'), D.explicit(0, D.octets(authSafe))));
  }

  test('a key bag inside an encrypted SafeContents is charged when forge reaches it, before its derivation', () => {
    // The construction is sound: with a normal count the key comes out.
    expect(hex(importPkcs12(hiddenKeyBag(false), 'pw').key.pkcs8)).toBe(hex(k.pkcs8));
    const [, pbkdf2] = spies();
    expect(() => importPkcs12(hiddenKeyBag(true), 'pw')).toThrow(/8388607 iterations.*exceed the limit/);
    // Only the outer SafeContents key (1000 iterations) was derived.
    expect(pbkdf2).toHaveBeenCalledTimes(1);
    expect(pbkdf2.mock.calls[0]![2]).toBe(1000);
    expect(pbe.getCipher).toBe(originalGetCipher);
  });
});
