import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../errors.js';
import { sniff } from './sniff.js';
import { isDetachedSignedData } from './detached.js';
import { makeOpensslPki, type OpensslPki } from '../../../../test/helpers/openssl-pki.js';

let pki: OpensslPki;
beforeAll(() => {
  pki = makeOpensslPki();
});

const kinds = (name: string): string[] => sniff(pki.read(name)).items.map((i) => i.kind);

describe('sniff recognises what OpenSSL writes', () => {
  it.each([
    ['leaf.pem', ['certificate']],
    ['leaf.der', ['certificate']],
    ['chain.pem', ['certificate', 'certificate']],
    ['ca.crl.pem', ['crl']],
    ['ca.crl.der', ['crl']],
    ['bundle.p7b', ['certificate-bundle']],
    ['bundle.p7b.pem', ['certificate-bundle']],
    ['content.txt.p7s', ['signed-data']],
    ['content.txt.p7s.pem', ['signed-data']],
    ['attached.p7m', ['signed-data']],
    ['leaf.key', ['private-key']],
    ['leaf.p8.der', ['private-key']],
    ['leaf.enc.pem', ['encrypted-private-key']],
    ['leaf.sec1.pem', ['sec1-private-key']],
    ['leaf.sec1.der', ['sec1-private-key']],
    ['leaf.pub.pem', ['public-key']],
    ['rsa.pkcs1.pem', ['rsa-private-key']],
    ['rsa.pub.pkcs1.pem', ['rsa-public-key']],
    ['leaf.p12', ['pkcs12']],
  ])('%s → %j', (name, expected) => {
    expect(kinds(name)).toEqual(expected);
  });

  it('strips and reports zero padding after DER (PDF /Contents style), rejects other trailing bytes', () => {
    const der = pki.read('content.txt.p7s');
    const padded = new Uint8Array(der.length + 100);
    padded.set(der);
    const s = sniff(padded);
    expect(s.items[0]!.kind).toBe('signed-data');
    expect(s.items[0]!.der.length).toBe(der.length);
    expect(s.warnings.join()).toMatch(/100 zero bytes/);
    const junk = Uint8Array.from([...der, 0x41]);
    expect(() => sniff(junk)).toThrow(/unexpected bytes after/);
  });
});

describe('sniff rejects malformed input with a reason', () => {
  it('truncated DER', () => {
    const der = pki.read('leaf.der');
    expect(() => sniff(der.subarray(0, der.length - 10))).toThrow(FormatError);
    expect(() => sniff(der.subarray(0, der.length - 10))).toThrow(/runs past the end/);
  });
  it('a length past the end', () => {
    expect(() => sniff(Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00))).toThrow(/runs past the end/);
  });
  it('indefinite length on a primitive, and without end-of-contents', () => {
    expect(() => sniff(Uint8Array.of(0x30, 0x80, 0x04, 0x80, 0x00, 0x00))).toThrow(/primitive/);
    expect(() => sniff(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x00))).toThrow(/end-of-contents|truncated/);
  });
  it('nesting deeper than the limit', () => {
    const depth = 200;
    const deep = new Uint8Array(depth * 2);
    for (let i = 0; i < depth; i++) deep.set([0x30, 0x80], i * 2);
    const closed = Uint8Array.from([...deep, ...new Array(depth * 2).fill(0)]);
    expect(() => sniff(closed)).toThrow(LimitError);
  });
  it('wrong PEM armour', () => {
    const pem = Buffer.from(pki.read('leaf.pem')).toString('latin1');
    expect(() => sniff(Buffer.from(pem.replace('END CERTIFICATE', 'END X509 CRL')))).toThrow(/no matching "END CERTIFICATE"/);
    expect(() => sniff(Buffer.from(pem.replace(/^(-----BEGIN CERTIFICATE-----\n.{10})/, '$1!')))).toThrow(/base64/);
    // A CRL armoured as a certificate is an error, not a certificate.
    const crl = Buffer.from(pki.read('ca.crl.pem')).toString('latin1').replaceAll('X509 CRL', 'CERTIFICATE');
    expect(() => sniff(Buffer.from(crl))).toThrow(/does not hold a certificate/);
  });
  it('empty input and non-ASN.1 text are errors or unknown, never a throw of another kind', () => {
    expect(() => sniff(new Uint8Array(0))).toThrow(FormatError);
    expect(sniff(Uint8Array.of(0x02, 0x01, 0x05)).items[0]!.kind).toBe('unknown');
  });
});

describe('isDetachedSignedData', () => {
  it('true only for a SignedData without encapsulated content (DER or PEM)', () => {
    expect(isDetachedSignedData(pki.read('content.txt.p7s'))).toBe(true);
    expect(isDetachedSignedData(pki.read('content.txt.p7s.pem'))).toBe(true);
    expect(isDetachedSignedData(pki.read('attached.p7m'))).toBe(false);
    expect(isDetachedSignedData(pki.read('bundle.p7b'))).toBe(false);
    expect(isDetachedSignedData(pki.read('leaf.der'))).toBe(false);
    expect(isDetachedSignedData(Uint8Array.of(0x30, 0x80))).toBe(false);
  });
});
