import { afterAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { FormatError, HeyanError, KeyError, LimitError, UnsupportedError } from '../../errors.js';
import * as D from '../../asn1/index.js';
import * as OIDS from '../oids.js';
import {
  exportPrivateKey,
  exportPublicKey,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  KEY_ALGORITHMS,
  publicKeyAlgorithmName,
  publicKeyFromSpki,
  sm2PrivateKeyFromScalar,
  sm2Pkcs8,
  sm2Sec1,
  type KeyAlgorithm,
} from './index.js';
import { sm2GenerateKeyPair } from '../sm2/keygen.js';
import type { PrivateKey } from '../types.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'heyan-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (data: Uint8Array | string): string => {
  const f = join(dir, `f${n++}`);
  writeFileSync(f, data);
  return f;
};
const openssl = (args: string[]): Buffer => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

const keys = new Map<KeyAlgorithm, PrivateKey>();
const key = (alg: KeyAlgorithm): PrivateKey => {
  if (!keys.has(alg)) keys.set(alg, generateKeyPair(alg));
  return keys.get(alg)!;
};
const ALGS: KeyAlgorithm[] = ['sm2', 'p256', 'p384', 'rsa2048', 'ed25519'];
const NAMES: Record<KeyAlgorithm, string> = {
  sm2: 'sm2',
  p256: 'ecdsa-p256',
  p384: 'ecdsa-p384',
  rsa2048: 'rsa-2048',
  rsa3072: 'rsa-3072',
  rsa4096: 'rsa-4096',
  ed25519: 'ed25519',
};

describe.each(ALGS)('%s', (alg) => {
  test('PKCS#8 and SPKI round trips in PEM and DER; name; OpenSSL reads both', () => {
    const k = key(alg);
    expect(publicKeyAlgorithmName(k.publicKey)).toBe(NAMES[alg]);
    for (const format of ['pem', 'der'] as const) {
      const k2 = importPrivateKey(exportPrivateKey(k, { format }));
      expect(hex(k2.pkcs8)).toBe(hex(k.pkcs8));
      expect(hex(k2.publicKey.spki)).toBe(hex(k.publicKey.spki));
      const p = importPublicKey(exportPublicKey(k, { format }));
      expect(hex(p.spki)).toBe(hex(k.publicKey.spki));
      expect(p.type).toBe(k.type);
      expect(p.bits).toBe(k.bits);
    }
    expect(hex(publicKeyFromSpki(k.publicKey.spki).spki)).toBe(hex(k.publicKey.spki));
    // OpenSSL derives the same public key from our PKCS#8 and reads our SPKI unchanged.
    const fromPriv = openssl(['pkey', '-in', file(exportPrivateKey(k, { format: 'pem' })), '-pubout', '-outform', 'DER']);
    expect(hex(fromPriv)).toBe(hex(k.publicKey.spki));
    const fromPub = openssl(['pkey', '-pubin', '-in', file(exportPublicKey(k, { format: 'pem' })), '-pubout', '-outform', 'DER']);
    expect(hex(fromPub)).toBe(hex(k.publicKey.spki));
    if (alg === 'sm2') {
      const text = openssl(['pkey', '-in', file(exportPrivateKey(k, { format: 'pem' })), '-text', '-noout']).toString();
      expect(text).toMatch(/ASN1 OID: SM2/);
    }
  });

  test('encrypted PKCS#8 (AES-256-CBC/PBKDF2) is read by `openssl pkey -passin`, and by us; wrong password → KeyError', () => {
    const k = key(alg);
    const enc = exportPrivateKey(k, { format: 'pem', password: 'pässwörd' });
    expect(enc).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const info = openssl(['asn1parse', '-in', file(enc)]).toString();
    expect(info).toMatch(/PBES2/);
    expect(info).toMatch(/aes-256-cbc/);
    const plain = openssl(['pkey', '-in', file(enc), '-passin', 'pass:pässwörd', '-outform', 'DER']);
    expect(hex(importPrivateKey(new Uint8Array(plain)).pkcs8)).toBe(hex(k.pkcs8));
    expect(hex(importPrivateKey(enc, { password: 'pässwörd' }).pkcs8)).toBe(hex(k.pkcs8));
    const encDer = exportPrivateKey(k, { format: 'der', password: 'x' });
    expect(hex(importPrivateKey(encDer, { password: 'x' }).pkcs8)).toBe(hex(k.pkcs8));
    expect(() => importPrivateKey(enc, { password: 'wrong' })).toThrow(KeyError);
    expect(() => importPrivateKey(enc)).toThrow(KeyError);
  });

  test('OpenSSL-encrypted PKCS#8 (PBES2 AES-256, PBES2 3DES, legacy PBE-SHA1-3DES) imports', () => {
    const k = key(alg);
    const src = file(exportPrivateKey(k, { format: 'pem' }));
    const variants = [
      ['pkey', '-in', src, '-aes256', '-passout', 'pass:pw'],
      ['pkcs8', '-topk8', '-in', src, '-v2', 'des3', '-passout', 'pass:pw'],
      ['pkcs8', '-topk8', '-in', src, '-v1', 'PBE-SHA1-3DES', '-passout', 'pass:pw'],
    ];
    for (const v of variants) {
      const pem = openssl(v).toString();
      expect(hex(importPrivateKey(pem, { password: 'pw' }).pkcs8)).toBe(hex(k.pkcs8));
      expect(() => importPrivateKey(pem, { password: 'pv' })).toThrow(KeyError);
    }
  });
});

describe('OpenSSL-written traditional formats', () => {
  test('SEC1 "EC PRIVATE KEY" / "SM2 PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY", and their legacy-encrypted forms', () => {
    for (const alg of ['sm2', 'p256', 'rsa2048'] as const) {
      const k = key(alg);
      const src = file(exportPrivateKey(k, { format: 'pem' }));
      const tool = alg === 'rsa2048' ? 'rsa' : 'ec';
      const trad = openssl([tool, '-in', src, ...(tool === 'rsa' ? ['-traditional'] : [])]).toString();
      expect(trad).toMatch(alg === 'rsa2048' ? /RSA PRIVATE KEY/ : alg === 'sm2' ? /SM2 PRIVATE KEY/ : /EC PRIVATE KEY/);
      expect(hex(importPrivateKey(trad).pkcs8)).toBe(hex(k.pkcs8));
      const der = openssl([tool, '-in', src, '-outform', 'DER', ...(tool === 'rsa' ? ['-traditional'] : [])]);
      expect(hex(importPrivateKey(new Uint8Array(der)).pkcs8)).toBe(hex(k.pkcs8));
      const enc = openssl([tool, '-in', src, '-aes256', '-passout', 'pass:pw', ...(tool === 'rsa' ? ['-traditional'] : [])]).toString();
      expect(enc).toMatch(/Proc-Type: 4,ENCRYPTED/);
      expect(hex(importPrivateKey(enc, { password: 'pw' }).pkcs8)).toBe(hex(k.pkcs8));
      expect(() => importPrivateKey(enc, { password: 'nope' })).toThrow(KeyError);
      expect(() => importPrivateKey(enc)).toThrow(KeyError);
    }
  });

  test('the key of an OpenSSL certificate imports as a public key', () => {
    const k = key('sm2');
    const cert = openssl([
      'req', '-x509', '-new', '-key', file(exportPrivateKey(k, { format: 'pem' })), '-subj', '/CN=heyan test', '-days', '2',
      '-sm3', '-sigopt', 'distid:1234567812345678',
    ]).toString();
    expect(hex(importPublicKey(cert).spki)).toBe(hex(k.publicKey.spki));
    const der = openssl(['x509', '-in', file(cert), '-outform', 'DER']);
    expect(hex(importPublicKey(new Uint8Array(der)).spki)).toBe(hex(k.publicKey.spki));
  });
});

describe('SM2 key encodings', () => {
  test('SEC1 with curve params, PKCS#8 with the bare SM2 OID, missing public key: all import', () => {
    const { d, point } = sm2GenerateKeyPair();
    const k = sm2PrivateKeyFromScalar(d);
    expect(hex(importPrivateKey(sm2Sec1(d, point)).pkcs8)).toBe(hex(k.pkcs8));
    expect(hex(importPrivateKey(sm2Pkcs8(d, point)).pkcs8)).toBe(hex(k.pkcs8));
    // PrivateKeyInfo with algorithm 1.2.156.10197.1.301 and no [1] public key (older toolkits).
    const bare = Buffer.concat([
      Buffer.from('3041020100301306072a8648ce3d020106082a811ccf5501822d042730250201010420', 'hex'),
      d,
    ]);
    expect(hex(importPrivateKey(new Uint8Array(bare)).pkcs8)).toBe(hex(k.pkcs8));
    const bareOid = Buffer.concat([Buffer.from('303a020100300c06082a811ccf5501822d0500042730250201010420', 'hex'), d]);
    expect(importPrivateKey(new Uint8Array(bareOid)).type).toBe('sm2');
  });
  test('mismatched embedded public key, out-of-range scalar → KeyError', () => {
    const a = sm2GenerateKeyPair();
    const b = sm2GenerateKeyPair();
    expect(() => importPrivateKey(sm2Pkcs8(a.d, b.point))).toThrow(KeyError);
    expect(() => importPrivateKey(sm2Pkcs8(new Uint8Array(32), a.point))).toThrow(KeyError);
    expect(() => importPrivateKey(sm2Pkcs8(new Uint8Array(32).fill(0xff), a.point))).toThrow(KeyError);
  });
  test('SM2 SPKI recognised as id-ecPublicKey+SM2 and as the bare SM2 OID; compressed points normalised', () => {
    const { point } = sm2GenerateKeyPair();
    const canonical = Buffer.concat([Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex'), point]);
    const bare = Buffer.concat([Buffer.from('3052300c06082a811ccf5501822d0500034200', 'hex'), point.subarray(0, 1), point.subarray(1)]);
    const compressed = Uint8Array.from([0x02 + (point[64]! & 1), ...point.subarray(1, 33)]);
    const comp = Buffer.concat([Buffer.from('3039301306072a8648ce3d020106082a811ccf5501822d032200', 'hex'), compressed]);
    for (const s of [canonical, bare, comp]) {
      const p = publicKeyFromSpki(new Uint8Array(s));
      expect(p.type).toBe('sm2');
      expect(hex(p.spki)).toBe(hex(canonical));
      expect(hex(p.point!)).toBe(hex(point));
    }
  });
});

describe('hostile input', () => {
  test('publicKeyFromSpki: malformed → FormatError, unknown algorithm or curve → UnsupportedError', () => {
    const p256 = key('p256').publicKey.spki;
    expect(() => publicKeyFromSpki(Uint8Array.from([...p256, 0]))).toThrow(FormatError);
    expect(() => publicKeyFromSpki(p256.subarray(0, 40))).toThrow(FormatError);
    expect(() => publicKeyFromSpki(new Uint8Array(0))).toThrow(FormatError);
    const k1 = openssl(['pkey', '-pubout', '-outform', 'DER', '-in', file(openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1']))]);
    expect(() => publicKeyFromSpki(new Uint8Array(k1))).toThrow(UnsupportedError);
    const ed448 = openssl(['pkey', '-pubout', '-outform', 'DER', '-in', file(openssl(['genpkey', '-algorithm', 'ED448']))]);
    expect(() => publicKeyFromSpki(new Uint8Array(ed448))).toThrow(UnsupportedError);
    // SM2 SPKI with an off-curve point.
    const sm2 = Uint8Array.from(key('sm2').publicKey.spki);
    sm2[sm2.length - 1]! ^= 1;
    expect(() => publicKeyFromSpki(sm2)).toThrow(FormatError);
  });
  test('random bytes and mutated keys only ever raise HeyanError subclasses', () => {
    const samples = [key('sm2'), key('p256'), key('rsa2048'), key('ed25519')].flatMap((k) => [k.pkcs8, k.publicKey.spki]);
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 200 }), (base, pos, val, junk) => {
        const m = Uint8Array.from(base);
        m[pos % m.length] = val;
        for (const input of [m, junk, m.subarray(0, pos % m.length)]) {
          for (const f of [() => importPrivateKey(input), () => importPublicKey(input), () => publicKeyFromSpki(input)]) {
            try {
              f();
            } catch (e) {
              expect(e).toBeInstanceOf(HeyanError);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
    expect(() => importPrivateKey('not a key')).toThrow(FormatError);
    expect(() => importPrivateKey('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).toThrow(FormatError);
  });
  test('a hostile PBKDF2 iteration count is refused before deriving (LimitError)', () => {
    const O = OIDS;
    const enc = D.seq(
      D.seq(
        D.oid(O.OID_PBES2),
        D.seq(
          D.seq(D.oid(O.OID_PBKDF2), D.seq(D.octets(new Uint8Array(16)), D.integer(0x7fffffff), D.seq(D.oid(O.OID_HMAC_SHA256), D.derNull()))),
          D.seq(D.oid(O.OID_AES256_CBC), D.octets(new Uint8Array(16))),
        ),
      ),
      D.octets(new Uint8Array(64)),
    );
    expect(() => importPrivateKey(enc, { password: 'x' })).toThrow(LimitError);
  });
  test('a legacy PKCS#12-PBE key (left to node-forge) opens, and a hostile count is refused before forge derives', () => {
    const k = generateKeyPair('p256');
    const keyFile = file(exportPrivateKey(k, { format: 'pem' }));
    const der = new Uint8Array(
      execFileSync('openssl', ['pkcs8', '-topk8', '-in', keyFile, '-v1', 'PBE-SHA1-3DES', '-iter', '2048', '-passout', 'pass:pw', '-outform', 'DER']),
    );
    expect(hex(importPrivateKey(der, { password: 'pw' }).pkcs8)).toBe(hex(k.pkcs8));
    // INTEGER 2048 (02 02 08 00) → 32767 would be allowed; 02 02 → 02 04 needs re-encoding, so rebuild the parameters.
    const [alg, data] = D.children(D.readRoot(der));
    const [oid, params] = D.children(alg!);
    const [salt] = D.children(params!);
    const hostile = D.seq(D.seq(D.encoding(oid!), D.seq(D.encoding(salt!), D.integer(2_000_000_000))), D.encoding(data!));
    expect(() => importPrivateKey(hostile, { password: 'pw' })).toThrow(LimitError);
  });
});

describe('generation', () => {
  test('every algorithm of the CLI generates a distinct working key', () => {
    for (const alg of KEY_ALGORITHMS.filter((a) => a !== 'rsa4096' && a !== 'rsa3072')) {
      const a = generateKeyPair(alg);
      const b = generateKeyPair(alg);
      expect(hex(a.publicKey.spki)).not.toBe(hex(b.publicKey.spki));
      expect(publicKeyAlgorithmName(a)).toBe(NAMES[alg]);
    }
    expect(generateKeyPair('rsa3072').bits).toBe(3072);
    expect(() => generateKeyPair('dsa' as KeyAlgorithm)).toThrow(UnsupportedError);
    expect(randomBytes(1)).toHaveLength(1);
  });
});
