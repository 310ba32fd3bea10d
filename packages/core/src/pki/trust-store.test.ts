import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../errors.js';
import { loadCertificates } from './load.js';
import { TrustStore } from './trust-store.js';
import { loadTrustStore } from './trust-store-fs.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const fx = (p: string) => join(fixtures, p);
const bytes = (p: string) => new Uint8Array(readFileSync(fx(p)));
const der = (p: string) => new Uint8Array(Buffer.from(readFileSync(fx(p), 'latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64'));

describe('TrustStore', () => {
  it('is empty by default and trusts only what is added', () => {
    const s = new TrustStore();
    const root = loadCertificates(bytes('sm2/root.pem'))[0]!;
    expect(s.anchors).toEqual([]);
    expect(s.isAnchor(root)).toBe(false);
    s.addAnchor(root).addAnchor(root);
    expect(s.anchors).toHaveLength(1);
    expect(s.isAnchor(root)).toBe(true);
    expect(s.isAnchor(loadCertificates(bytes('sm2/intermediate.pem'))[0]!)).toBe(false);
  });

  it('fromBytes tells certificates from CRLs in PEM and DER', () => {
    const s = TrustStore.fromBytes([bytes('sm2/root.pem'), der('p256/root.pem'), bytes('rsa/root.crl.pem'), der('p256/intermediate.crl.pem'), bytes('rsa/chain.pem')]);
    expect(s.anchors.map((c) => c.serialNumber).sort()).toEqual(['1000', '1000', '1001', '2001']);
    expect(s.crls).toHaveLength(2);
    expect(s.intermediates).toEqual([]);
  });

  it('fromBytes reads an OpenSSL PKCS#7 bundle of roots', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-pki-ts-'));
    const out = join(dir, 'roots.p7b');
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', fx('sm2/root.pem'), '-certfile', fx('rsa/root.pem'), '-outform', 'DER', '-out', out]);
    expect(TrustStore.fromBytes([new Uint8Array(readFileSync(out))]).anchors).toHaveLength(2);
  });

  it('fromBytes rejects keys and garbage, naming the input', () => {
    expect(() => TrustStore.fromBytes([bytes('sm2/root.pem'), bytes('sm2/root.key.pem')])).toThrow(/trust input #2.*PRIVATE KEY/);
    expect(() => TrustStore.fromBytes([Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)])).toThrow(FormatError);
  });
});

describe('loadTrustStore', () => {
  it('reads files and folders, non-recursive unless asked, only certificate/CRL file endings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-pki-fs-'));
    mkdirSync(join(dir, 'sub'));
    copyFileSync(fx('sm2/root.pem'), join(dir, 'a-root.pem'));
    writeFileSync(join(dir, 'b-root.cer'), der('p256/root.pem'));
    copyFileSync(fx('sm2/intermediate.crl.pem'), join(dir, 'c.crl'));
    writeFileSync(join(dir, 'README.txt'), 'not a certificate');
    copyFileSync(fx('rsa/root.pem'), join(dir, 'sub', 'rsa-root.crt'));
    symlinkSync(dir, join(dir, 'sub', 'loop'));

    const flat = await loadTrustStore([dir]);
    expect(flat.anchors).toHaveLength(2);
    expect(flat.crls).toHaveLength(1);
    const deep = await loadTrustStore([dir], { recursive: true });
    expect(deep.anchors).toHaveLength(3);
    // A file named explicitly is read whatever its name.
    copyFileSync(fx('rsa/root.pem'), join(dir, 'sub', 'anchor.txt'));
    expect((await loadTrustStore([join(dir, 'sub', 'anchor.txt'), fx('sm2/root.crl.pem')])).anchors).toHaveLength(1);
  });

  it('names a bad file, refuses an oversized one, fails on a missing path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-pki-fs-'));
    writeFileSync(join(dir, 'bad.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    await expect(loadTrustStore([dir])).rejects.toThrow(/bad\.pem/);
    const big = join(mkdtempSync(join(tmpdir(), 'heyan-pki-fs-')), 'big.crl');
    writeFileSync(big, '');
    truncateSync(big, 65 * 1024 * 1024); // sparse: no disk used
    await expect(loadTrustStore([big])).rejects.toThrow(LimitError);
    await expect(loadTrustStore([join(dir, 'missing.pem')])).rejects.toThrow(/ENOENT/);
  });

  it('skips key files in a folder (fixtures/pki/sm2 keeps *.key.pem next to the certificates), never loads them', async () => {
    const store = await loadTrustStore([join(fixtures, 'sm2')]);
    // Every certificate file of the folder (chain.pem repeats signer + intermediate), both CRLs; no key.
    const certFiles = readdirSync(join(fixtures, 'sm2')).filter((f) => f.endsWith('.pem') && !f.includes('.key.') && !f.endsWith('.crl.pem'));
    const expected = new Set(certFiles.flatMap((f) => loadCertificates(bytes(`sm2/${f}`)).map((c) => c.fingerprintSha256)));
    expect(expected.size).toBeGreaterThan(10);
    expect(new Set(store.anchors.map((c) => c.fingerprintSha256))).toEqual(expected);
    expect(store.crls).toHaveLength(2);
    // Legacy encrypted keys (RFC 1421 headers), PUBLIC KEY files and a key + parameters file are skipped as well.
    const dir = mkdtempSync(join(tmpdir(), 'heyan-pki-keys-'));
    copyFileSync(fx('p256/root.pem'), join(dir, 'root.pem'));
    copyFileSync(fx('p256/signer.key.enc.pem'), join(dir, 'signer.key.enc.pem'));
    writeFileSync(join(dir, 'legacy.pem'), '-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END EC PRIVATE KEY-----\n');
    writeFileSync(join(dir, 'pub.pem'), execFileSync('openssl', ['pkey', '-in', fx('p256/root.key.pem'), '-pubout']));
    writeFileSync(join(dir, 'ec.pem'), execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey']));
    expect((await loadTrustStore([dir])).anchors.map((c) => c.subject)).toEqual([loadCertificates(bytes('p256/root.pem'))[0]!.subject]);
    // A file that mixes a certificate and a key is still an error, naming the file.
    writeFileSync(join(dir, 'mixed.pem'), Buffer.concat([readFileSync(fx('p256/root.pem')), readFileSync(fx('p256/root.key.pem'))]));
    await expect(loadTrustStore([dir])).rejects.toThrow(/mixed\.pem.*PRIVATE KEY/);
  });

  it('a key file named explicitly is an error', async () => {
    await expect(loadTrustStore([fx('sm2/root.key.pem')])).rejects.toThrow(/root\.key\.pem.*PRIVATE KEY/);
    await expect(loadTrustStore([fx('sm2/root.pem'), fx('sm2/signer.key.enc.pem')])).rejects.toThrow(FormatError);
  });
});
