import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../crypto/index.js';
import { FormatError, KeyError } from '../errors.js';
import { Certificate } from './certificate.js';
import { issueCertificate, type IssueCertificateOptions } from './issue-certificate.js';
import { encodeName } from './name.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-pki-issue-'));
const key = generateKeyPair('p256');
const dates = { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') };

function selfSigned(extra: Partial<IssueCertificateOptions> = {}): Certificate {
  return issueCertificate({ subject: { CN: 'x' }, publicKey: key.publicKey, issuerKey: key, ...dates, ...extra });
}

function opensslText(c: Certificate, ...args: string[]): string {
  const f = join(tmp, `${c.fingerprintSha256}.pem`);
  writeFileSync(f, c.toPem());
  return execFileSync('openssl', ['x509', '-in', f, '-noout', ...args], { encoding: 'utf8' });
}

function asn1parse(c: Certificate): string {
  const f = join(tmp, `${c.fingerprintSha256}.der`);
  writeFileSync(f, c.der);
  return execFileSync('openssl', ['asn1parse', '-inform', 'der', '-in', f], { encoding: 'utf8' });
}

describe('issueCertificate', () => {
  it('writes the extensions OpenSSL expects', () => {
    const ca = selfSigned({ subject: { CN: 'CA' }, ca: true, pathLen: 2, crlDistributionPoints: ['http://crl.example.test/a.crl'] });
    const text = opensslText(ca, '-text');
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:2/);
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toContain('URI:http://crl.example.test/a.crl');
    expect(text).toContain(`X509v3 Subject Key Identifier: \n                ${ca.extensions.subjectKeyIdentifier!.toUpperCase().match(/../g)!.join(':')}`);
    expect(ca.extensions.authorityKeyIdentifier).toBe(ca.extensions.subjectKeyIdentifier);
    const tsa = selfSigned({ keyUsage: ['digitalSignature', 'nonRepudiation'], extKeyUsage: ['1.3.6.1.5.5.7.3.8'] });
    expect(opensslText(tsa, '-text')).toMatch(/Extended Key Usage: critical\s+Time Stamping/);
    expect(opensslText(selfSigned({ keyUsage: ['decipherOnly'] }), '-text')).toMatch(/Key Usage: critical\s+Decipher Only/);
    expect(opensslText(selfSigned({ keyUsage: ['keyEncipherment'] }), '-text')).toMatch(/Key Usage: critical\s+Key Encipherment\n/);
    expect([...selfSigned({ keyUsage: ['nonRepudiation', 'cRLSign'] }).extensions.keyUsage!].sort()).toEqual(['cRLSign', 'nonRepudiation']);
  });

  it('uses UTCTime through 2049 and GeneralizedTime from 2050 (RFC 5280 4.1.2.5)', () => {
    const c = selfSigned({ notBefore: new Date('2049-12-31T23:59:59Z'), notAfter: new Date('2050-01-01T00:00:00Z') });
    const a = asn1parse(c);
    expect(a).toContain('UTCTIME           :491231235959Z');
    expect(a).toContain('GENERALIZEDTIME   :20500101000000Z');
    expect(c.notAfter.toISOString()).toBe('2050-01-01T00:00:00.000Z');
    expect(opensslText(c, '-enddate')).toContain('Jan  1 00:00:00 2050 GMT');
  });

  it('encodes serial numbers as positive minimal INTEGERs', () => {
    expect(selfSigned({ serialNumber: 0x80n }).serialNumber).toBe('0080');
    expect(opensslText(selfSigned({ serialNumber: 0x80n }), '-serial')).toBe('serial=80\n');
    expect(selfSigned({ serialNumber: Uint8Array.of(0, 0, 1, 2) }).serialNumber).toBe('0102');
    const r = selfSigned().serialNumber;
    expect(r).toMatch(/^[0-7][0-9a-f]{31}$/);
    expect(() => selfSigned({ serialNumber: 0n })).toThrow(FormatError);
    expect(() => selfSigned({ serialNumber: 1n << 200n })).toThrow(FormatError);
  });

  it('encodes names in the conventional order, keeps Chinese and escapes RFC 4514 specials', () => {
    const c = selfSigned({ subject: { CN: '张三（测试）', O: 'Acme, Inc.', OU: 'a+b', C: 'CN', ST: '浙江', L: ' 杭州' } });
    expect(c.subject).toBe('CN=张三（测试）,OU=a\\+b,O=Acme\\, Inc.,L=\\ 杭州,ST=浙江,C=CN');
    expect(opensslText(c, '-subject', '-nameopt', 'RFC2253,-esc_msb')).toBe(`subject=${c.subject}\n`);
    expect(c.subjectAttributes.map((a) => a.name)).toEqual(['C', 'ST', 'L', 'O', 'OU', 'CN']);
    // countryName must be a PrintableString
    expect(asn1parse(c)).toContain('PRINTABLESTRING   :CN');
  });

  it('accepts RFC 4514 and OpenSSL-style strings, multi-valued RDNs and OIDs', () => {
    const a = encodeName('CN=Leaf+UID=42,O=Example\\, Ltd,C=CN');
    const b = encodeName('/C=CN/O=Example, Ltd/CN=Leaf+UID=42');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = selfSigned({ subject: 'CN=Leaf+UID=42,O=Example\\, Ltd,2.5.4.97=VATCN-123,C=CN' });
    expect(c.subject).toBe('CN=Leaf+UID=42,O=Example\\, Ltd,organizationIdentifier=VATCN-123,C=CN');
    // The order inside a multi-valued RDN carries no meaning; OpenSSL prints its members reversed.
    expect(opensslText(c, '-subject', '-nameopt', 'RFC2253,-esc_msb')).toBe('subject=UID=42+CN=Leaf,O=Example\\, Ltd,organizationIdentifier=VATCN-123,C=CN\n');
    expect(() => encodeName({ XX: 'y' })).toThrow(FormatError);
    expect(() => encodeName({ C: 'China' })).toThrow(FormatError);
    expect(() => encodeName('')).toThrow(FormatError);
    expect(() => encodeName({ CN: '' })).toThrow(FormatError);
  });

  it('refuses a key that does not belong to the issuer, and inconsistent options', () => {
    const other = generateKeyPair('p256');
    expect(() => issueCertificate({ subject: { CN: 'x' }, publicKey: key.publicKey, issuerKey: other, ...dates })).toThrow(KeyError);
    const ca = selfSigned({ ca: true });
    expect(() => issueCertificate({ subject: { CN: 'y' }, publicKey: other.publicKey, issuer: ca, issuerKey: other, ...dates })).toThrow(KeyError);
    expect(() => selfSigned({ notBefore: dates.notAfter, notAfter: dates.notBefore })).toThrow(FormatError);
    expect(() => selfSigned({ pathLen: 1 })).toThrow(FormatError);
  });

  it('signs with the issuer key for every key type, with the requested digest', () => {
    for (const alg of ['sm2', 'p256', 'p384', 'rsa2048', 'ed25519'] as const) {
      const k = generateKeyPair(alg);
      const c = issueCertificate({ subject: { CN: alg }, publicKey: k.publicKey, issuerKey: k, ...dates });
      expect(Certificate.fromDer(c.der).publicKey.type).toBe(k.type);
    }
    const rsa = generateKeyPair('rsa2048');
    expect(issueCertificate({ subject: { CN: 'r' }, publicKey: rsa.publicKey, issuerKey: rsa, digest: 'sha384', ...dates }).signatureAlgorithm.oid).toBe('1.2.840.113549.1.1.12');
  });
});
