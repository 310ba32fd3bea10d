import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, HeyanError } from '../errors.js';
import { Certificate } from './certificate.js';
import { importPkcs12 } from './pkcs12.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pki-cert-'));

/** What OpenSSL says about a DER certificate: the independent reference for the parser. */
function openssl(der: Uint8Array) {
  const f = join(tmp, `c${Math.random().toString(36).slice(2)}.der`);
  writeFileSync(f, der);
  const out = execFileSync(
    'openssl',
    ['x509', '-inform', 'der', '-in', f, '-noout', '-fingerprint', '-sha256', '-serial', '-subject', '-issuer', '-startdate', '-enddate', '-nameopt', 'RFC2253,-esc_msb'],
    { encoding: 'utf8' },
  );
  const get = (k: string) => out.split('\n').find((l) => l.startsWith(k + '='))!.slice(k.length + 1);
  return {
    fingerprint: get('sha256 Fingerprint').replace(/:/g, '').toLowerCase(),
    serial: get('serial').toLowerCase(),
    subject: get('subject'),
    issuer: get('issuer'),
    notBefore: new Date(get('notBefore')),
    notAfter: new Date(get('notAfter')),
  };
}

function expectMatchesOpenssl(c: Certificate) {
  const o = openssl(c.der);
  expect(c.fingerprintSha256).toBe(o.fingerprint);
  // OpenSSL prints the serial's magnitude with an even number of digits; ours keeps the DER sign byte.
  expect(c.serialNumber.replace(/^00(?=[89a-f])/, '')).toBe(o.serial);
  expect(c.subject).toBe(o.subject);
  expect(c.issuer).toBe(o.issuer);
  expect(c.notBefore.getTime()).toBe(o.notBefore.getTime());
  expect(c.notAfter.getTime()).toBe(o.notAfter.getTime());
}

const P12 = [
  { file: 'ofdrw-ROOT.p12', password: '123456', serial: '01719d2bdec7' },
  { file: 'ofdrw-USER.p12', password: '777777', serial: '01719d2dab60' },
  { file: 'ofdrw-SealBuilder.p12', password: '777777', serial: '01719d2e201d' },
];

describe('Certificate.fromDer on the corpus', () => {
  for (const p of P12) {
    it(`parses the SM2 certificate in ${p.file} like OpenSSL does`, () => {
      const { certificates } = importPkcs12(readFileSync(join(corpus, 'ofd-ses/pki', p.file)), p.password);
      const c = Certificate.fromDer(certificates[0]!);
      expectMatchesOpenssl(c);
      expect(c.serialNumber).toBe(p.serial);
      expect(c.version).toBe(3);
      expect(c.publicKey.type).toBe('sm2');
      expect(c.summary().publicKeyAlgorithm).toBe('sm2');
      expect(c.signatureAlgorithm.oid).toBe('1.2.156.10197.1.501');
      expect(c.issuer).toBe('CN=OFD Reader and WriterROOT Certificate,L=Hangzhou,ST=Zhejiang,O=OFD R&W,C=CN');
      expect(c.extensions.extKeyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
      expect(c.extensions.unknownCritical).toEqual([]);
      expect(c.extensions.malformed).toEqual([]);
    });
  }

  it('decodes the ofdrw ROOT extensions: CA but no keyCertSign', () => {
    const { certificates } = importPkcs12(readFileSync(join(corpus, 'ofd-ses/pki/ofdrw-ROOT.p12')), '123456');
    const root = Certificate.fromDer(certificates[0]!);
    expect(root.isSelfIssued).toBe(true);
    expect(root.extensions.basicConstraints).toEqual({ cA: true });
    expect([...root.extensions.keyUsage!].sort()).toEqual(['digitalSignature', 'nonRepudiation']);
  });

  it('parses the pyHanko test root (RSA, GeneralizedTime 2500, SKI = AKI)', () => {
    const [c] = pemCerts(readFileSync(join(corpus, 'pdf/pyh_testing-ca-root.cert.pem'), 'utf8'));
    expectMatchesOpenssl(c!);
    expect(c!.serialNumber).toBe('1000');
    expect(c!.notAfter.toISOString()).toBe('2500-01-01T00:00:00.000Z');
    expect(c!.extensions.subjectKeyIdentifier).toBe('f1b4799502b2b45f3972fdb08fc25faf5b9a50b5');
    expect(c!.extensions.authorityKeyIdentifier).toBe(c!.extensions.subjectKeyIdentifier);
    expect(c!.extensions.basicConstraints).toEqual({ cA: true });
    expect(c!.publicKeyAlgorithm).toBe('rsa-2048');
    expect(c!.isSelfIssued).toBe(true);
  });

  it('parses the Costa Rica root (serialNumber attribute, key usage)', () => {
    const [c] = pemCerts(readFileSync(join(corpus, 'pdf/dss_costa-rica-root-ca-v2.cert.pem'), 'utf8'));
    expectMatchesOpenssl(c!);
    expect(c!.fingerprintSha256.startsWith('fd9ea730948ec258')).toBe(true);
    expect(c!.subject).toBe('CN=CA RAIZ NACIONAL - COSTA RICA v2,C=CR,O=MICITT,OU=DCFD,serialNumber=CPJ-2-100-098311');
    expect([...c!.extensions.keyUsage!].sort()).toEqual(['cRLSign', 'digitalSignature', 'keyCertSign']);
  });

  it('keeps the TBS bytes exactly as in the input and round-trips to PEM', () => {
    const [c] = pemCerts(readFileSync(join(corpus, 'pdf/pyh_testing-ca-root.cert.pem'), 'utf8'));
    const i = Buffer.from(c!.der).indexOf(Buffer.from(c!.tbs));
    expect(i).toBe(4); // right after the outer SEQUENCE header (30 82 LL LL)
    expect(c!.tbs.length).toBe(((c!.der[6]! << 8) | c!.der[7]!) + 4);
    expect(Certificate.fromDer(pemCerts(c!.toPem())[0]!.der).fingerprintSha256).toBe(c!.fingerprintSha256);
  });
});

function pemCerts(text: string): Certificate[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) =>
    Certificate.fromDer(new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'))),
  );
}

describe('Certificate.fromDer on hostile input', () => {
  const good = pemCerts(readFileSync(join(corpus, 'pdf/pyh_testing-ca-root.cert.pem'), 'utf8'))[0]!.der;

  it('rejects empty, truncated, trailing-byte and oversized input with FormatError', () => {
    expect(() => Certificate.fromDer(new Uint8Array(0))).toThrow(FormatError);
    expect(() => Certificate.fromDer(good.subarray(0, good.length - 1))).toThrow(FormatError);
    expect(() => Certificate.fromDer(Uint8Array.of(...good, 0))).toThrow(FormatError);
    expect(() => Certificate.fromDer(new Uint8Array(300 * 1024).fill(0x30))).toThrow(FormatError);
  });

  it('rejects deep nesting without overflowing the stack', () => {
    const depth = 5000;
    const bytes: number[] = [];
    for (let i = 0; i < depth; i++) bytes.push(0x30, 0x80);
    for (let i = 0; i < depth; i++) bytes.push(0, 0);
    expect(() => Certificate.fromDer(Uint8Array.from(bytes))).toThrow(HeyanError);
  });

  it('rejects an impossible date', () => {
    const i = Buffer.from(good).indexOf(Buffer.from('000101000000Z', 'latin1'));
    expect(i).toBeGreaterThan(0);
    const bad = Uint8Array.from(good);
    bad.set(Buffer.from('001301000000Z', 'latin1'), i); // month 13
    expect(() => Certificate.fromDer(bad)).toThrow(/impossible date|bad time/);
  });

  it('throws only HeyanErrors on mutated certificates (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), (pos, val) => {
        const m = Uint8Array.from(good);
        m[pos] = val;
        try {
          const c = Certificate.fromDer(m);
          c.summary();
        } catch (e) {
          if (!(e instanceof HeyanError)) throw e;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('throws only HeyanErrors on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => {
        try {
          Certificate.fromDer(Uint8Array.of(0x30, 0x82, b.length >> 8, b.length & 0xff, ...b));
        } catch (e) {
          if (!(e instanceof HeyanError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
