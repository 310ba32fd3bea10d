import { afterAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import * as D from '../asn1/index.js';
import * as O from './oids.js';
import { describeAlgorithm, signatureAlgorithmName, verifySignature } from './registry.js';
import { signData } from './sign-data.js';
import { isWeak } from './weak.js';
import { decodePssParams, encodePssParams } from './pss.js';
import { ecdsaDerToRaw, ecdsaRawToDer } from './ecdsa-der.js';
import { exportPrivateKey, exportPublicKey, generateKeyPair, importPrivateKey, importPublicKey, type KeyAlgorithm } from './keys/index.js';
import type { AlgorithmIdentifier, PrivateKey, PublicKey, SignatureVerifyInput } from './types.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'heyan-reg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (data: Uint8Array | string): string => {
  const f = join(dir, `f${n++}`);
  writeFileSync(f, data);
  return f;
};
const openssl = (args: string[]): Buffer => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
const opensslOk = (args: string[]): boolean => {
  try {
    openssl(args);
    return true;
  } catch {
    return false;
  }
};

const keyCache = new Map<string, PrivateKey>();
const key = (alg: KeyAlgorithm | 'rsa1024'): PrivateKey => {
  if (!keyCache.has(alg)) {
    keyCache.set(
      alg,
      alg === 'rsa1024'
        ? importPrivateKey(openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024']).toString())
        : generateKeyPair(alg),
    );
  }
  return keyCache.get(alg)!;
};

/** An OpenSSL self-signed certificate split into what a verifier needs. */
function opensslCert(k: PrivateKey, reqArgs: string[]): { tbs: Uint8Array; algorithm: AlgorithmIdentifier; signature: Uint8Array } {
  const der = new Uint8Array(
    openssl(['req', '-x509', '-new', '-key', file(exportPrivateKey(k, { format: 'pem' })), '-subj', '/CN=heyan', '-days', '1', '-outform', 'DER', ...reqArgs]),
  );
  const [tbsT, algT, sigT] = D.children(D.readRoot(der));
  const alg = D.children(algT!);
  const algorithm: AlgorithmIdentifier = { oid: D.readOid(alg[0]!, 'algorithm') };
  if (alg[1]) algorithm.params = Uint8Array.from(D.encoding(alg[1]));
  return { tbs: Uint8Array.from(D.encoding(tbsT!)), algorithm, signature: Uint8Array.from(D.readBitString(sigT!, 'signature')) };
}

const CERT_CASES: { label: string; alg: KeyAlgorithm | 'rsa1024'; args: string[]; name: string; weak?: string; oid: string; params: 'absent' | 'null' | 'pss' }[] = [
  { label: 'SM2 (distid)', alg: 'sm2', args: ['-sm3', '-sigopt', 'distid:1234567812345678'], name: 'sm2-with-sm3', oid: O.OID_SM2_WITH_SM3, params: 'absent' },
  { label: 'ECDSA P-256', alg: 'p256', args: ['-sha256'], name: 'ecdsa-with-sha256', oid: O.OID_ECDSA_WITH_SHA256, params: 'absent' },
  { label: 'ECDSA P-384', alg: 'p384', args: ['-sha384'], name: 'ecdsa-with-sha384', oid: O.OID_ECDSA_WITH_SHA384, params: 'absent' },
  { label: 'ECDSA P-256 SHA-512', alg: 'p256', args: ['-sha512'], name: 'ecdsa-with-sha512', oid: O.OID_ECDSA_WITH_SHA512, params: 'absent' },
  { label: 'RSA PKCS#1 v1.5 SHA-256', alg: 'rsa2048', args: ['-sha256'], name: 'sha256-with-rsa', oid: O.OID_SHA256_WITH_RSA, params: 'null' },
  { label: 'RSA PKCS#1 v1.5 SHA-384', alg: 'rsa2048', args: ['-sha384'], name: 'sha384-with-rsa', oid: O.OID_SHA384_WITH_RSA, params: 'null' },
  { label: 'RSA PKCS#1 v1.5 SHA-1 (weak)', alg: 'rsa2048', args: ['-sha1'], name: 'sha1-with-rsa', weak: 'sha1', oid: O.OID_SHA1_WITH_RSA, params: 'null' },
  { label: 'RSA-1024 SHA-256 (weak)', alg: 'rsa1024', args: ['-sha256'], name: 'sha256-with-rsa', weak: 'rsa-1024', oid: O.OID_SHA256_WITH_RSA, params: 'null' },
  { label: 'RSASSA-PSS SHA-256 salt 32', alg: 'rsa2048', args: ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:-1'], name: 'rsassa-pss', oid: O.OID_RSASSA_PSS, params: 'pss' },
  { label: 'RSASSA-PSS SHA-384 salt 20', alg: 'rsa2048', args: ['-sha384', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:20'], name: 'rsassa-pss', oid: O.OID_RSASSA_PSS, params: 'pss' },
  { label: 'Ed25519', alg: 'ed25519', args: [], name: 'ed25519', oid: O.OID_ED25519, params: 'absent' },
];

describe('OpenSSL-signed certificates verify through the registry', () => {
  test.each(CERT_CASES)('$label', (c) => {
    const k = key(c.alg);
    const cert = opensslCert(k, c.args);
    expect(cert.algorithm.oid).toBe(c.oid);
    if (c.params === 'absent') expect(cert.algorithm.params).toBeUndefined();
    if (c.params === 'null') expect(hex(cert.algorithm.params!)).toBe('0500');
    const input: SignatureVerifyInput = { algorithm: cert.algorithm, publicKey: k.publicKey, data: cert.tbs, signature: cert.signature };
    const r = verifySignature(input);
    expect(r).toMatchObject({ ok: true, algorithm: c.name });
    expect(r.weak).toBe(c.weak);
    expect(r.error).toBeUndefined();
    expect(signatureAlgorithmName(cert.algorithm)).toBe(c.name);
    const tampered = Uint8Array.from(cert.tbs);
    tampered[tampered.length - 3]! ^= 0x10;
    expect(verifySignature({ ...input, data: tampered }).ok).toBe(false);
    if (c.weak) {
      const refused = verifySignature(input, { weak: 'fail' });
      expect(refused).toMatchObject({ ok: false, weak: c.weak });
      expect(refused.error).toMatch(/weak/);
      expect(verifySignature(input, 'fail').ok).toBe(false);
    }
    if (c.params === 'pss') {
      const p = decodePssParams(cert.algorithm.params);
      expect(p.mgf1Hash).toBe(p.hash);
      expect(p.saltLength).toBe(c.label.includes('salt 20') ? 20 : 32);
      // Wrong salt length in the parameters → signature does not verify.
      const wrongSalt = { ...cert.algorithm, params: encodePssParams(p.hash, p.saltLength + 1) };
      expect(verifySignature({ ...input, algorithm: wrongSalt }).ok).toBe(false);
    }
  });
});

const SIGN_CASES: { alg: KeyAlgorithm; digest?: 'sha256' | 'sha384' | 'sha512' | 'sha1' | 'sm3'; pss?: boolean; name: string; verify: (pub: string, sig: string, msg: string) => string[] }[] = [
  { alg: 'sm2', name: 'sm2-with-sm3', verify: (p, s, m) => ['dgst', '-sm3', '-verify', p, '-sigopt', 'distid:1234567812345678', '-signature', s, m] },
  { alg: 'p256', name: 'ecdsa-with-sha256', verify: (p, s, m) => ['dgst', '-sha256', '-verify', p, '-signature', s, m] },
  { alg: 'p384', name: 'ecdsa-with-sha384', verify: (p, s, m) => ['dgst', '-sha384', '-verify', p, '-signature', s, m] },
  { alg: 'p256', digest: 'sha512', name: 'ecdsa-with-sha512', verify: (p, s, m) => ['dgst', '-sha512', '-verify', p, '-signature', s, m] },
  { alg: 'rsa2048', name: 'sha256-with-rsa', verify: (p, s, m) => ['dgst', '-sha256', '-verify', p, '-signature', s, m] },
  {
    alg: 'rsa2048',
    pss: true,
    name: 'rsassa-pss',
    verify: (p, s, m) => ['dgst', '-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32', '-verify', p, '-signature', s, m],
  },
  {
    alg: 'rsa2048',
    digest: 'sha384',
    pss: true,
    name: 'rsassa-pss',
    verify: (p, s, m) => ['dgst', '-sha384', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:48', '-verify', p, '-signature', s, m],
  },
  { alg: 'ed25519', name: 'ed25519', verify: (p, s, m) => ['pkeyutl', '-verify', '-rawin', '-pubin', '-inkey', p, '-sigfile', s, '-in', m] },
];

describe('signData: signatures OpenSSL accepts, and the registry verifies', () => {
  test.each(SIGN_CASES)('$name ($alg $digest)', (c) => {
    const k = key(c.alg);
    const data = randomBytes(1500);
    const res = signData({ key: k, data, ...(c.digest ? { digest: c.digest } : {}), ...(c.pss ? { rsaPadding: 'pss' as const } : {}) });
    expect(res.name).toBe(c.name);
    expect(signatureAlgorithmName(res.algorithm)).toBe(c.name);
    const pub = file(exportPublicKey(k, { format: 'pem' }));
    const m = file(data);
    expect(opensslOk(c.verify(pub, file(res.signature), m))).toBe(true);
    const bad = Uint8Array.from(res.signature);
    bad[10]! ^= 1;
    expect(opensslOk(c.verify(pub, file(bad), m))).toBe(false);
    const pk = importPublicKey(exportPublicKey(k, { format: 'der' }));
    expect(verifySignature({ algorithm: res.algorithm, publicKey: pk, data, signature: res.signature })).toMatchObject({ ok: true, algorithm: c.name });
    expect(verifySignature({ algorithm: res.algorithm, publicKey: pk, data, signature: bad }).ok).toBe(false);
  });
  test('AlgorithmIdentifiers: SM2 and ECDSA without params, RSA with NULL, PSS with full params', () => {
    const data = Uint8Array.of(1, 2, 3);
    expect(signData({ key: key('sm2'), data }).algorithm).toEqual({ oid: O.OID_SM2_WITH_SM3 });
    expect(signData({ key: key('p384'), data }).algorithm).toEqual({ oid: O.OID_ECDSA_WITH_SHA384 });
    expect(signData({ key: key('ed25519'), data }).algorithm).toEqual({ oid: O.OID_ED25519 });
    const rsa = signData({ key: key('rsa2048'), data }).algorithm;
    expect(rsa.oid).toBe(O.OID_SHA256_WITH_RSA);
    expect(hex(rsa.params!)).toBe('0500');
    const pss = signData({ key: key('rsa2048'), data, rsaPadding: 'pss' }).algorithm;
    expect(decodePssParams(pss.params)).toEqual({ hash: 'sha256', mgf1Hash: 'sha256', saltLength: 32, trailerField: 1 });
    // OpenSSL parses our PSS parameters the way we meant them.
    const text = openssl(['asn1parse', '-inform', 'DER', '-in', file(D.seq(D.oid(pss.oid), pss.params!))]).toString();
    expect(text).toMatch(/sha256/);
    expect(text).toMatch(/mgf1/);
    expect(() => signData({ key: key('sm2'), data, digest: 'sha256' })).toThrow();
    expect(() => signData({ key: key('p256'), data, digest: 'sm3' })).toThrow();
    expect(() => signData({ key: key('rsa2048'), data, digest: 'sm3' })).toThrow(/not supported/);
  });
});

describe('SM2 OID variants and SM2 IDs', () => {
  const k = key('sm2');
  const data = randomBytes(100);
  const sig = signData({ key: k, data }).signature;
  const base = { publicKey: k.publicKey, data, signature: sig };
  const SM3_ALG = { oid: O.OID_SM3 };
  test('1.2.156.10197.1.501 with params absent and NULL', () => {
    expect(verifySignature({ ...base, algorithm: { oid: O.OID_SM2_WITH_SM3 } })).toMatchObject({ ok: true, algorithm: 'sm2-with-sm3', digest: 'sm3' });
    expect(verifySignature({ ...base, algorithm: { oid: O.OID_SM2_WITH_SM3, params: Uint8Array.of(5, 0) } }).ok).toBe(true);
    const r = verifySignature({ ...base, algorithm: { oid: O.OID_SM2_WITH_SM3, params: Uint8Array.of(2, 1, 0) } });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/parameters/);
  });
  test('bare key algorithms (CMS SignerInfo): sm2-1, the curve OID and id-ecPublicKey with the digest from digestAlgorithm', () => {
    for (const oid of [O.OID_SM2_SIGN, O.OID_SM2_CURVE, O.OID_EC_PUBLIC_KEY]) {
      expect(verifySignature({ ...base, algorithm: { oid }, digestAlgorithm: SM3_ALG })).toMatchObject({ ok: true, algorithm: 'sm2-with-sm3' });
      expect(verifySignature({ ...base, algorithm: { oid }, digestAlgorithm: { oid: O.OID_SM3_NOKEY, params: Uint8Array.of(5, 0) } }).ok).toBe(true);
      const noDigest = verifySignature({ ...base, algorithm: { oid } });
      expect(noDigest.ok).toBe(false);
      expect(noDigest.error).toMatch(/digest/);
      expect(verifySignature({ ...base, algorithm: { oid }, digestAlgorithm: { oid: O.OID_SHA256 } })).toMatchObject({ ok: false, error: 'SM2 signatures use SM3' });
    }
    expect(signatureAlgorithmName({ oid: O.OID_SM2_SIGN })).toBe('sm2-with-sm3');
    expect(signatureAlgorithmName({ oid: O.OID_EC_PUBLIC_KEY }, { oid: O.OID_SHA256 })).toBe('ecdsa-with-sha256');
    expect(signatureAlgorithmName({ oid: O.OID_RSA_ENCRYPTION }, { oid: O.OID_SHA384 })).toBe('sha384-with-rsa');
  });
  test('user ID: custom ID verifies only with that ID; raw r‖s only when allowed, and flagged', () => {
    const s2 = signData({ key: k, data, sm2Id: 'ALICE123@YAHOO.COM' }).signature;
    const alg = { oid: O.OID_SM2_WITH_SM3 };
    expect(verifySignature({ ...base, algorithm: alg, signature: s2, sm2Id: 'ALICE123@YAHOO.COM' }).ok).toBe(true);
    expect(verifySignature({ ...base, algorithm: alg, signature: s2 }).ok).toBe(false);
    const D2R = ecdsaDerToRaw(sig, 32);
    expect(verifySignature({ ...base, algorithm: alg, signature: D2R })).toMatchObject({ ok: false });
    expect(verifySignature({ ...base, algorithm: alg, signature: D2R }).error).toMatch(/DER/);
    expect(verifySignature({ ...base, algorithm: alg, signature: D2R, allowRawSignature: true })).toMatchObject({ ok: true, rawSignature: true });
    expect(verifySignature({ ...base, algorithm: alg, allowRawSignature: true }).rawSignature).toBeUndefined();
  });
});

describe('bare key algorithms with the digest from CMS digestAlgorithm', () => {
  test('rsaEncryption and id-ecPublicKey take the digest from digestAlgorithm', () => {
    const data = randomBytes(64);
    const cases: [KeyAlgorithm, 'sha256' | 'sha384' | 'sha512', string, string][] = [
      ['rsa2048', 'sha384', O.OID_RSA_ENCRYPTION, 'sha384-with-rsa'],
      ['rsa2048', 'sha256', O.OID_RSA_ENCRYPTION, 'sha256-with-rsa'],
      ['p256', 'sha256', O.OID_EC_PUBLIC_KEY, 'ecdsa-with-sha256'],
      ['p384', 'sha512', O.OID_EC_PUBLIC_KEY, 'ecdsa-with-sha512'],
    ];
    const digestOids = { sha256: O.OID_SHA256, sha384: O.OID_SHA384, sha512: O.OID_SHA512 };
    for (const [alg, digest, oid, name] of cases) {
      const k = key(alg);
      const s = signData({ key: k, data, digest });
      const input = { algorithm: { oid, params: oid === O.OID_RSA_ENCRYPTION ? Uint8Array.of(5, 0) : undefined }, publicKey: k.publicKey, data, signature: s.signature };
      expect(verifySignature({ ...input, digestAlgorithm: { oid: digestOids[digest] } })).toMatchObject({ ok: true, algorithm: name, digest });
      // The wrong digest does not verify; a missing one is an error.
      const other = digest === 'sha256' ? O.OID_SHA512 : O.OID_SHA256;
      expect(verifySignature({ ...input, digestAlgorithm: { oid: other } }).ok).toBe(false);
      expect(verifySignature(input).error).toMatch(/digest/);
    }
  });
  test('a compressed P-256 SPKI decodes to the canonical uncompressed one', () => {
    const k = key('p256');
    const spki = k.publicKey.spki;
    const point = spki.subarray(spki.length - 65);
    const compressed = Uint8Array.from([0x02 + (point[64]! & 1), ...point.subarray(1, 33)]);
    const algId = D.encoding(D.children(D.readRoot(spki))[0]!);
    const cspki = D.seq(algId, D.bitString(compressed));
    expect(hex(importPublicKey(cspki).spki)).toBe(hex(spki));
  });
});

describe('mismatches, unknowns and hostile input', () => {
  const data = Uint8Array.of(9, 9, 9);
  test('key type must match the algorithm', () => {
    const ec = signData({ key: key('p256'), data });
    const wrong: [PublicKey, AlgorithmIdentifier][] = [
      [key('rsa2048').publicKey, ec.algorithm],
      [key('sm2').publicKey, ec.algorithm],
      [key('p256').publicKey, { oid: O.OID_SM2_WITH_SM3 }],
      [key('p256').publicKey, { oid: O.OID_SHA256_WITH_RSA }],
      [key('ed25519').publicKey, ec.algorithm],
      [key('p256').publicKey, { oid: O.OID_ED25519 }],
    ];
    for (const [publicKey, algorithm] of wrong) {
      const r = verifySignature({ algorithm, publicKey, data, signature: ec.signature });
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/does not match/);
    }
  });
  test('unknown OIDs and unsupported digests', () => {
    const r = verifySignature({ algorithm: { oid: '1.2.3.4' }, publicKey: key('p256').publicKey, data, signature: new Uint8Array(64) });
    expect(r).toMatchObject({ ok: false });
    expect(r.error).toMatch(/unsupported signature algorithm 1\.2\.3\.4/);
    expect(signatureAlgorithmName({ oid: '1.2.3.4' })).toBeUndefined();
    const r2 = verifySignature({ algorithm: { oid: O.OID_RSA_ENCRYPTION }, digestAlgorithm: { oid: '1.2.3' }, publicKey: key('rsa2048').publicKey, data, signature: new Uint8Array(256) });
    expect(r2.error).toMatch(/unsupported digest/);
    const pss = verifySignature({
      algorithm: { oid: O.OID_RSASSA_PSS, params: D.seq(D.explicit(0, D.seq(D.oid(O.OID_SHA256))), D.explicit(1, D.seq(D.oid(O.OID_MGF1), D.seq(D.oid(O.OID_SHA1))))) },
      publicKey: key('rsa2048').publicKey,
      data,
      signature: new Uint8Array(256),
    });
    expect(pss.error).toMatch(/MGF1/);
    expect(decodePssParams(undefined)).toEqual({ hash: 'sha1', mgf1Hash: 'sha1', saltLength: 20, trailerField: 1 });
  });
  test('ECDSA raw r‖s only when allowed; P-384 components are 48 bytes', () => {
    for (const alg of ['p256', 'p384'] as const) {
      const k = key(alg);
      const s = signData({ key: k, data });
      const size = alg === 'p256' ? 32 : 48;
      const raw = ecdsaDerToRaw(s.signature, size);
      expect(raw).toHaveLength(2 * size);
      expect(hex(ecdsaRawToDer(raw))).toBe(hex(s.signature));
      const input = { algorithm: s.algorithm, publicKey: k.publicKey, data, signature: raw };
      expect(verifySignature(input).ok).toBe(false);
      expect(verifySignature({ ...input, allowRawSignature: true })).toMatchObject({ ok: true, rawSignature: true });
    }
  });
  test('weak algorithms and keys', () => {
    expect(isWeak({ digest: 'sha1' })).toBe('sha1');
    expect(isWeak({ digest: 'md5' })).toBe('md5');
    expect(isWeak({ digest: 'sha256', publicKey: key('rsa1024').publicKey })).toBe('rsa-1024');
    expect(isWeak({ digest: 'sha256', publicKey: key('rsa2048').publicKey })).toBeUndefined();
    expect(isWeak({ digest: 'sm3', publicKey: key('sm2').publicKey })).toBeUndefined();
  });
  test('never throws, whatever the input (property)', () => {
    const keys = [key('sm2'), key('p256'), key('rsa2048'), key('ed25519')].map((k) => k.publicKey);
    const oids = [O.OID_SM2_WITH_SM3, O.OID_SM2_SIGN, O.OID_EC_PUBLIC_KEY, O.OID_RSA_ENCRYPTION, O.OID_RSASSA_PSS, O.OID_SHA256_WITH_RSA, O.OID_ECDSA_WITH_SHA256, O.OID_ED25519, '1.2.3'];
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.constantFrom(...oids),
        fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
        fc.uint8Array({ maxLength: 300 }),
        fc.boolean(),
        (publicKey, oid, params, signature, allowRawSignature) => {
          const r = verifySignature({ algorithm: params ? { oid, params } : { oid }, digestAlgorithm: { oid: O.OID_SM3 }, publicKey, data, signature, allowRawSignature });
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
    // Broken PublicKey objects are reported, not thrown.
    const r = verifySignature({ algorithm: { oid: O.OID_SHA256_WITH_RSA }, publicKey: { type: 'rsa', bits: 2048, spki: new Uint8Array(3) }, data, signature: new Uint8Array(256) });
    expect(r.ok).toBe(false);
    expect(r.error).toBeDefined();
  });
  test('describeAlgorithm names known OIDs for inspect output', () => {
    expect(describeAlgorithm(O.OID_SM2_WITH_SM3)).toBe('sm2-with-sm3 (1.2.156.10197.1.501)');
    expect(describeAlgorithm(O.OID_P256)).toMatch(/P-256/);
    expect(describeAlgorithm('1.2.3.4')).toBe('1.2.3.4');
  });
});
