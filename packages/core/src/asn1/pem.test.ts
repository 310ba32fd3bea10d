import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../errors.js';
import { decodePem, encodePem, looksLikePem } from './pem.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pem-'));
const block = (label: string, b64: string) => `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;

describe('encodePem', () => {
  it('writes exactly what OpenSSL writes for the same DER (64-column lines)', () => {
    const der = execFileSync('openssl', ['x509', '-in', join(fixtures, 'sm2/signer.pem'), '-outform', 'DER']);
    writeFileSync(join(tmp, 'c.der'), der);
    const opensslPem = execFileSync('openssl', ['x509', '-inform', 'DER', '-in', join(tmp, 'c.der')], { encoding: 'latin1' });
    expect(encodePem('CERTIFICATE', der)).toBe(opensslPem);
    expect(decodePem(opensslPem)).toEqual([{ label: 'CERTIFICATE', der: new Uint8Array(der) }]);
  });

  it('an empty body and an invalid label', () => {
    expect(encodePem('X', new Uint8Array(0))).toBe('-----BEGIN X-----\n\n-----END X-----\n');
    expect(() => encodePem('bad-label', new Uint8Array(1))).toThrow(TypeError);
  });
});

describe('decodePem', () => {
  const der = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05);
  const b64 = Buffer.from(der).toString('base64');

  it('several blocks, CRLF, text before, between and after (OpenSSL "Bag Attributes", -text dumps)', () => {
    const text = `Bag Attributes\r\n    localKeyID: 01\r\n${block('CERTIFICATE', b64).replace(/\n/g, '\r\n')}garbage -----\n${block('X509 CRL', b64)}trailer`;
    expect(decodePem(text).map((b) => b.label)).toEqual(['CERTIFICATE', 'X509 CRL']);
    expect(decodePem(Buffer.from(text)).map((b) => b.der)).toEqual([der, der]);
  });

  it('[] when there is no block; unterminated, mismatched and nested blocks are errors', () => {
    expect(decodePem('hello')).toEqual([]);
    expect(() => decodePem('-----BEGIN CERTIFICATE-----\nMIIB\n')).toThrow(/no matching "END /);
    expect(() => decodePem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n')).toThrow(/no matching "END /);
    expect(() => decodePem(`-----BEGIN A-----\n${block('B', b64)}-----END A-----\n`)).toThrow(/no matching "END /);
  });

  it('strict base64: alphabet, padding, length, empty body', () => {
    for (const bad of ['MII*', 'AAA', 'AA=A', 'A===', '', 'AAAA\n=AAA'])
      expect(() => decodePem(block('CERTIFICATE', bad)), JSON.stringify(bad)).toThrow(FormatError);
    expect(decodePem(block('X', 'AA==\n'))[0]!.der).toEqual(Uint8Array.of(0));
    expect(decodePem(block('X', ' A A\tA A '))[0]!.der).toEqual(Uint8Array.of(0, 0, 0));
    // Only space, tab, CR and LF separate base64 (OpenSSL refuses form feeds and vertical tabs too).
    for (const ws of ['\f', '\v', '\u00a0']) expect(() => decodePem(block('X', `AA${ws}AA`)), JSON.stringify(ws)).toThrow(/not valid base64/);
    expect(() => decodePem(block('X', ''))).toThrow(/empty body/);
  });

  it('encapsulated headers: refused by default, returned with headers: "parse"', () => {
    const enc = readFileSync(join(fixtures, 'p256/signer.key.enc.pem'), 'latin1');
    const legacy = `-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n${b64}\n-----END EC PRIVATE KEY-----\n`;
    expect(() => decodePem(legacy)).toThrow(/encapsulated headers/);
    const [b] = decodePem(legacy, { headers: 'parse' });
    expect(b!.headers).toEqual({ 'Proc-Type': '4,ENCRYPTED', 'DEK-Info': 'AES-256-CBC,00112233445566778899AABBCCDDEEFF' });
    expect(b!.der).toEqual(der);
    expect(() => decodePem(legacy.replace('\n\n', '\n'), { headers: 'parse' })).toThrow(/blank line/);
    // A PKCS#8 "ENCRYPTED PRIVATE KEY" has no headers: the same in both modes.
    expect(decodePem(enc)[0]!.label).toBe('ENCRYPTED PRIVATE KEY');
    expect(decodePem(enc, { headers: 'parse' })[0]!.headers).toBeUndefined();
  });

  it('limits: block count and text size', () => {
    const many = block('X', b64).repeat(5);
    expect(decodePem(many, { maxBlocks: 5 })).toHaveLength(5);
    expect(() => decodePem(many, { maxBlocks: 4 })).toThrow(LimitError);
    expect(() => decodePem(many, { maxChars: 100 })).toThrow(LimitError);
  });

  it('a long run of BEGIN lines without END stays linear and fails cleanly', () => {
    const hostile = '-----BEGIN X-----\n'.repeat(20_000);
    expect(() => decodePem(hostile)).toThrow(/no matching "END /);
  });
});

describe('looksLikePem', () => {
  it('finds an armour line near the start of text or bytes, not in DER', () => {
    expect(looksLikePem('junk\n-----BEGIN CERTIFICATE-----')).toBe(true);
    expect(looksLikePem(Buffer.from(`${'x'.repeat(1000)}-----BEGIN X-----`))).toBe(true);
    expect(looksLikePem(readFileSync(join(fixtures, 'sm2/root.pem')))).toBe(true);
    expect(looksLikePem(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05))).toBe(false);
    expect(looksLikePem(Buffer.from(`${'x'.repeat(70_000)}-----BEGIN X-----`))).toBe(false);
  });
});
