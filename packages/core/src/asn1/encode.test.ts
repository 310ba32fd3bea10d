import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.js';
import { compareBytes, concatBytes, equalBytes, fromHex, toHex, bigIntToBytes, bytesToBigInt } from './bytes.js';
import {
  algorithmIdentifier,
  bitString,
  bmpString,
  boolean,
  derNull,
  enumerated,
  explicit,
  ia5String,
  implicit,
  integer,
  integerFromContent,
  octets,
  oid,
  printableString,
  seq,
  set,
  setOf,
  sortDer,
  tlv,
  utf8String,
} from './encode.js';
import { children, content, readRoot } from './reader.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-asn1-'));
/** The DER `openssl asn1parse -genconf` builds from an ASN1_generate_nconf description: an independent encoder. */
function genconf(conf: string): string {
  writeFileSync(join(tmp, 'c.cnf'), `asn1 = SEQUENCE:top\n[top]\n${conf}\n`);
  execFileSync('openssl', ['asn1parse', '-genconf', join(tmp, 'c.cnf'), '-noout', '-out', join(tmp, 'o.der')], { stdio: 'pipe' });
  return toHex(readFileSync(join(tmp, 'o.der')));
}

describe('TLV lengths', () => {
  it('short and long form at every boundary, as node-forge reads them', () => {
    for (const n of [0, 1, 127, 128, 255, 256, 65535, 65536, 1 << 20]) {
      const e = octets(new Uint8Array(n).fill(7));
      const head = n < 128 ? 2 : n < 256 ? 3 : n < 65536 ? 4 : 5;
      expect(e.length).toBe(head + n);
      const parsed = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(e).toString('binary')), { strict: true });
      expect((parsed.value as string).length).toBe(n);
      expect(content(readRoot(e, 'x', { mode: 'der' })).length).toBe(n); // minimal: strict DER accepts it
    }
  });

  it('identifier octets must be single-octet tags', () => {
    expect(() => tlv(0x1f)).toThrow(TypeError);
    expect(() => tlv(256)).toThrow(TypeError);
    expect(() => explicit(31)).toThrow(TypeError);
  });
});

describe('structures match OpenSSL\'s encoder', () => {
  it('a SEQUENCE of every primitive heyan writes', () => {
    const ours = seq(
      integer(-129),
      integer(2n ** 70n),
      boolean(true),
      boolean(false),
      derNull(),
      oid('1.2.156.10197.1.301'),
      octets(fromHex('00ff')),
      bitString(fromHex('a0'), 5),
      utf8String('核验'),
      printableString('CN'),
      ia5String('a@b'),
      bmpString('核'),
      enumerated(1),
      explicit(0, integer(2)),
      implicit(1, octets(fromHex('0102'))),
      implicit(2, seq(integer(1))),
    );
    const conf = [
      'a = INTEGER:-129',
      `b = INTEGER:${2n ** 70n}`,
      'c = BOOLEAN:TRUE',
      'd = BOOLEAN:FALSE',
      'e = NULL',
      'f = OID:1.2.156.10197.1.301',
      'g = FORMAT:HEX,OCTETSTRING:00ff',
      'h = FORMAT:BITLIST,BITSTRING:0,2',
      'i = FORMAT:UTF8,UTF8String:核验',
      'j = PRINTABLESTRING:CN',
      'k = IA5STRING:a@b',
      'l = FORMAT:UTF8,BMPSTRING:核',
      'm = ENUMERATED:1',
      'n = EXPLICIT:0,INTEGER:2',
      'o = IMPLICIT:1,FORMAT:HEX,OCTETSTRING:0102',
      'p = IMPLICIT:2,SEQUENCE:inner',
      '[inner]',
      'x = INTEGER:1',
    ].join('\n');
    expect(toHex(ours)).toBe(genconf(conf));
  });

  it('algorithmIdentifier with and without parameters; integerFromContent keeps the octets', () => {
    expect(toHex(algorithmIdentifier('1.2.840.10045.4.3.2'))).toBe('300a06082a8648ce3d040302');
    expect(toHex(algorithmIdentifier('1.2.840.113549.1.1.11', derNull()))).toBe('300d06092a864886f70d01010b0500');
    expect(toHex(integerFromContent(fromHex('00ff')))).toBe('020200ff');
    expect(() => integerFromContent(new Uint8Array(0))).toThrow(TypeError);
  });

  it('rejects values outside a string type, bad OIDs and bad bit counts', () => {
    expect(() => printableString('核')).toThrow(FormatError);
    expect(() => printableString('a@b')).toThrow(FormatError);
    expect(() => ia5String('é')).toThrow(FormatError);
    for (const bad of ['1', '3.1', '1.40', '1..2', '1.2.x', '1.2.-3', '1.2.3456789012345678']) expect(() => oid(bad)).toThrow(TypeError);
    expect(() => bitString(new Uint8Array(0), 1)).toThrow(RangeError);
    expect(() => bitString(fromHex('00'), 8)).toThrow(RangeError);
    expect(() => integer(2 ** 60)).toThrow(RangeError);
  });
});

describe('SET OF sorting (X.690 11.6)', () => {
  it('orders by encoding, a prefix first, whatever the input order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 6 }).map((b) => octets(b)), { maxLength: 10 }), (items) => {
        const sorted = sortDer(items);
        const byBuffer = [...items].sort((a, b) => Buffer.compare(a, b));
        expect(sorted.map(toHex)).toEqual(byBuffer.map(toHex));
        expect(toHex(setOf([...items].reverse()))).toBe(toHex(setOf(items)));
        const members = children(readRoot(setOf(items)));
        expect(members).toHaveLength(items.length);
      }),
    );
  });

  it('matches OpenSSL, whose DER encoder sorts SET OF members too (a shorter prefix first)', () => {
    const items = [octets(fromHex('0102')), octets(fromHex('01')), integer(5), octets(new Uint8Array(0)), utf8String('b'), utf8String('a')];
    const conf = ['x = SET:members', '[members]', 'a = FORMAT:HEX,OCTETSTRING:0102', 'b = FORMAT:HEX,OCTETSTRING:01', 'c = INTEGER:5', 'd = OCTETSTRING:', 'e = UTF8String:b', 'f = UTF8String:a'];
    const opensslSet = genconf(conf.join('\n')).slice(4); // drop the wrapping SEQUENCE header (30 LL)
    expect(toHex(setOf(items))).toBe(opensslSet);
    expect(toHex(set(items[0]!, items[1]!))).toBe('310704020102040101'); // set keeps the given order
  });
});

describe('bytes', () => {
  it('hex, concatenation, comparison and big-endian integers', () => {
    expect(toHex(fromHex('00Ff10'))).toBe('00ff10');
    for (const bad of ['0', 'zz', '0x00']) expect(() => fromHex(bad)).toThrow(TypeError);
    expect(toHex(concatBytes(fromHex('01'), new Uint8Array(0), fromHex('0203')))).toBe('010203');
    expect(equalBytes(fromHex('0102'), fromHex('0102'))).toBe(true);
    expect(equalBytes(fromHex('0102'), fromHex('0103'))).toBe(false);
    expect(equalBytes(fromHex('01'), fromHex('0100'))).toBe(false);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        expect(Math.sign(compareBytes(a, b))).toBe(Buffer.compare(a, b));
      }),
    );
    expect(toHex(bigIntToBytes(0x0102n, 4))).toBe('00000102');
    expect(() => bigIntToBytes(1n << 32n, 4)).toThrow(RangeError);
    expect(() => bigIntToBytes(-1n, 4)).toThrow(RangeError);
    expect(bytesToBigInt(fromHex('ff00'))).toBe(0xff00n);
    expect(bytesToBigInt(new Uint8Array(0))).toBe(0n);
  });
});

describe('implicit', () => {
  it('re-tags a copy: a Buffer argument (whose slice() is a view) is left unchanged', () => {
    const der = Buffer.from('04020102', 'hex');
    expect(toHex(implicit(1, der))).toBe('81020102');
    expect(der.toString('hex')).toBe('04020102');
  });
});
