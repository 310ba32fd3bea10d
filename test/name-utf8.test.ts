// Certificate names: UTF-8 put into IA5String by a Chinese CA (the zsbk signer's emailAddress 电子邮箱) is shown as
// the text the CA meant, not as Latin-1 mojibake. Compared with OpenSSL, which passes such bytes through unchanged
// when its name printer is not asked to convert to UTF-8 (and escapes real UTF8String characters as \UXXXX).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Certificate, decodeSesSignature, encodeName, readZip } from '@heyan/core';
import { oid, seq, set, tlv } from '../packages/core/src/asn1/index.js';
import { parseNameDer } from '../packages/core/src/pki/name.js';

const zsbk = fileURLToPath(new URL('../../shared/corpus/ofd-ses/ofd/ofdrw-zsbk.ofd', import.meta.url));

function signerDer(): Uint8Array {
  const zip = readZip(new Uint8Array(readFileSync(zsbk)));
  return decodeSesSignature(zip.read('Doc_0/Signs/Sign_0/SignedValue.dat')).signerCertificate;
}

/** OpenSSL's RFC 2253 subject without its UTF-8 conversion: IA5 bytes raw, \UXXXX for UTF8String characters. */
function opensslSubject(der: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'heyan-name-')), 'cert.der');
  writeFileSync(file, der);
  const out = execFileSync('openssl', ['x509', '-inform', 'DER', '-in', file, '-noout', '-subject', '-nameopt', 'esc_2253,esc_ctrl,sep_comma_plus,dn_rev,sname']).toString('utf8');
  return out
    .trim()
    .replace(/^subject=/, '')
    .replace(/\\U([0-9A-Fa-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\W([0-9A-Fa-f]{8})/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
}

describe('IA5String / PrintableString holding UTF-8', () => {
  it('the zsbk signer subject reads as OpenSSL shows its bytes: emailAddress=电子邮箱', () => {
    const der = signerDer();
    const cert = Certificate.fromDer(der);
    expect(cert.subject).toContain('emailAddress=电子邮箱');
    expect(cert.subject).not.toMatch(/ç|å|é/);
    expect(cert.subject).toBe(opensslSubject(der));
  });

  it('ASCII and genuine Latin-1 keep their reading; the comparison key follows the text', () => {
    // IA5String 'a@b.cn' and a PrintableString country are plain ASCII.
    expect(parseNameDer(encodeName({ C: 'CN', emailAddress: 'a@b.cn' })).text).toBe('emailAddress=a@b.cn,C=CN');
    // A hand-made IA5String with the Latin-1 byte 0xE9 (not valid UTF-8) stays Latin-1: "é".
    const name = (type: string, tag: number, bytes: Uint8Array): Uint8Array => seq(set(seq(oid(type), tlv(tag, bytes))));
    expect(parseNameDer(name('1.2.840.113549.1.9.1', 0x16, Uint8Array.of(0x61, 0xe9, 0x62))).text).toBe('emailAddress=aéb');
    // UTF-8 bytes in an IA5String or a PrintableString: the same key as the UTF8String spelling, so a path can still
    // be matched by name.
    const asIa5 = name('2.5.4.3', 0x16, new Uint8Array(Buffer.from('电子', 'utf8')));
    expect(parseNameDer(name('2.5.4.10', 0x13, new Uint8Array(Buffer.from('核验', 'utf8')))).text).toBe('O=核验');
    expect(parseNameDer(asIa5).text).toBe('CN=电子');
    expect(parseNameDer(asIa5).key).toBe(parseNameDer(encodeName({ CN: '电子' })).key);
  });
});
