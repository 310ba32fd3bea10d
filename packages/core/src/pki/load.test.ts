import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../errors.js';
import { loadCrls } from './crl.js';
import { loadCertificates } from './load.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pki-load-'));
const fx = (p: string) => join(fixtures, p);

/** OpenSSL builds the PKCS#7 certs-only bundle: an independent producer. */
function crl2pkcs7(files: string[], pem: boolean): Buffer {
  const out = join(tmp, `b${Math.random().toString(36).slice(2)}.p7b`);
  execFileSync('openssl', ['crl2pkcs7', '-nocrl', ...files.flatMap((f) => ['-certfile', f]), '-outform', pem ? 'PEM' : 'DER', '-out', out]);
  return readFileSync(out);
}

describe('loadCertificates', () => {
  it('reads a PEM bundle in order (chain.pem = signer, intermediate)', () => {
    const certs = loadCertificates(readFileSync(fx('sm2/chain.pem'), 'utf8'));
    expect(certs.map((c) => c.serialNumber)).toEqual(['2001', '1001']);
    expect(certs[0]!.subject).toBe('CN=测试签名人（SM2）,OU=签名,O=核验测试,C=CN');
  });

  it('reads a single DER certificate and PEM text given as bytes', () => {
    const pem = readFileSync(fx('p256/root.pem'));
    const der = Buffer.from(pem.toString('latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(loadCertificates(new Uint8Array(der))[0]!.fingerprintSha256).toBe(loadCertificates(new Uint8Array(pem))[0]!.fingerprintSha256);
  });

  it('ignores text around PEM blocks (OpenSSL "Bag Attributes" and -text dumps)', () => {
    const text = `Bag Attributes\n    localKeyId: 01\nsubject=/CN=x\n${readFileSync(fx('rsa/signer.pem'), 'utf8')}\ntrailing notes\n`;
    expect(loadCertificates(text)).toHaveLength(1);
  });

  for (const pem of [false, true]) {
    it(`reads an OpenSSL crl2pkcs7 bundle (${pem ? 'PEM "PKCS7"' : 'DER'}) in order`, () => {
      const files = ['rsa/signer.pem', 'rsa/intermediate.pem', 'rsa/root.pem'].map(fx);
      const bundle = crl2pkcs7(files, pem);
      const certs = loadCertificates(pem ? bundle.toString('latin1') : new Uint8Array(bundle));
      expect(certs.map((c) => c.serialNumber)).toEqual(['2001', '1001', '1000']);
      // Byte-exact: the same certificate as the PEM file.
      expect(certs[0]!.fingerprintSha256).toBe(loadCertificates(readFileSync(files[0]!))[0]!.fingerprintSha256);
    });
  }

  it('reads the corpus anchors', () => {
    expect(loadCertificates(readFileSync(join(corpus, 'pdf/pyh_testing-ca-root.cert.pem')))[0]!.subject).toBe('CN=Root CA,OU=Testing Authority,O=Example Inc,C=BE');
    expect(loadCertificates(readFileSync(join(corpus, 'pdf/dss_costa-rica-root-ca-v2.cert.pem')))).toHaveLength(1);
  });

  it('rejects wrong armour, missing blocks, broken base64 and unterminated blocks with FormatError', () => {
    expect(() => loadCertificates(readFileSync(fx('sm2/signer.key.pem'), 'utf8'))).toThrow(/PRIVATE KEY.*not a certificate/);
    expect(() => loadCertificates(readFileSync(fx('sm2/root.crl.pem'), 'utf8'))).toThrow(FormatError);
    expect(() => loadCertificates('hello')).toThrow(FormatError);
    expect(() => loadCertificates('-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n')).toThrow(/base64/);
    expect(() => loadCertificates('-----BEGIN CERTIFICATE-----\nMIIB\n')).toThrow(/END/);
    expect(() => loadCertificates(Uint8Array.of(0x04, 0x00))).toThrow(FormatError);
    expect(() => loadCertificates(new Uint8Array(0))).toThrow(FormatError);
  });

  it('rejects a PKCS#7 that is not SignedData and oversized input', () => {
    // ContentInfo { data, [0] OCTET STRING "" }
    const data = Uint8Array.from(Buffer.from('300f06092a864886f70d010701a0020400', 'hex'));
    expect(() => loadCertificates(data)).toThrow(/not SignedData/);
    expect(() => loadCertificates(new Uint8Array(17 * 1024 * 1024))).toThrow(LimitError);
  });
});

describe('loadCrls', () => {
  it('reads PEM "X509 CRL" and DER, rejects other armour', () => {
    const pem = readFileSync(fx('p256/intermediate.crl.pem'), 'utf8');
    const [c] = loadCrls(pem);
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(loadCrls(new Uint8Array(der))[0]!.fingerprintSha256).toBe(c!.fingerprintSha256);
    expect(() => loadCrls(readFileSync(fx('p256/root.pem'), 'utf8'))).toThrow(/not a CRL/);
  });
});
