import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.js';
import { fromHex, toHex } from './bytes.js';
import {
  canonicalInteger,
  decodeOid,
  decodeString,
  integerHex,
  integerToBigInt,
  readBitString,
  readBoolean,
  readInteger,
  readNull,
  readOid,
  readSmallInt,
  readSmallUint,
  readString,
  readUnsignedInteger,
} from './decode.js';
import { integer, oid } from './encode.js';
import { readRoot, type Asn1Mode } from './reader.js';

const el = (hex: string, mode: Asn1Mode = 'der') => readRoot(fromHex(hex), 'x', { mode });
/** What `openssl asn1parse -genstr` encodes: an independent DER producer. */
const tmp = mkdtempSync(join(tmpdir(), 'heyan-asn1-'));
function genstr(s: string): string {
  execFileSync('openssl', ['asn1parse', '-genstr', s, '-noout', '-out', join(tmp, 'out.der')], { stdio: 'pipe' });
  return toHex(readFileSync(join(tmp, 'out.der')));
}

describe('OBJECT IDENTIFIER', () => {
  it('decodes what node-forge encodes and encodes what it decodes (property, arcs below 2^31)', () => {
    const arc = fc.integer({ min: 0, max: 2 ** 31 - 1 });
    const oidArb = fc
      .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 39 }), fc.array(arc, { maxLength: 12 }))
      .map(([a, b, rest]) => [a, b, ...rest].join('.'));
    fc.assert(
      fc.property(oidArb, (dotted) => {
        const forgeBytes = forge.asn1.oidToDer(dotted).getBytes();
        const ours = oid(dotted);
        expect(toHex(ours.subarray(2))).toBe(Buffer.from(forgeBytes, 'binary').toString('hex'));
        expect(decodeOid(ours.subarray(2))).toBe(dotted);
        expect(forge.asn1.derToOid(forge.util.createBuffer(Buffer.from(ours.subarray(2)).toString('binary')))).toBe(dotted);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with OpenSSL on real OIDs, large arcs and the 2.x first-arc packing', () => {
    for (const o of ['1.2.156.10197.1.301', '2.16.840.1.101.3.4.2.1', '2.999.3', '1.3.6.1.4.1.311.10.3.12', '2.25.329800735698586'])
      expect(toHex(oid(o))).toBe(genstr(`OID:${o}`));
    expect(decodeOid(fromHex('8837'))).toBe('2.999');
    expect(decodeOid(fromHex('8fffffffffffff7f'))).toBe(`2.${2 ** 53 - 1 - 80}`);
  });

  it('rejects non-minimal, truncated, oversized and over-long identifiers (arcs above 2^53 too: UUID OIDs are not read)', () => {
    expect(() => decodeOid(fromHex('2a8001'))).toThrow(/non-minimal/);
    expect(() => decodeOid(fromHex('2a86'))).toThrow(/truncated/);
    expect(() => decodeOid(new Uint8Array(0))).toThrow(/length/);
    expect(() => decodeOid(new Uint8Array(256).fill(1))).toThrow(/length/);
    expect(() => decodeOid(fromHex('2a' + 'ffffffffffffffff7f'))).toThrow(/too large/);
    expect(() => decodeOid(new Uint8Array(200).fill(1))).toThrow(/too long/);
    expect(() => readOid(el('0500'), 'alg')).toThrow(/alg: tag 0x06 expected, found 0x05/);
    expect(() => readOid(undefined, 'alg')).toThrow(/alg: missing/);
  });
});

describe('INTEGER', () => {
  it('two\'s complement values match OpenSSL and round-trip (property)', () => {
    for (const v of [0n, 1n, 127n, 128n, 255n, 256n, -1n, -128n, -129n, -256n, 2n ** 64n, -(2n ** 64n), 2n ** 160n - 1n]) {
      expect(toHex(integer(v))).toBe(genstr(`INTEGER:${v}`));
    }
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }), (v) => {
        const c = readInteger(readRoot(integer(v)), 'x');
        expect(integerToBigInt(c)).toBe(v);
        expect(canonicalInteger(c)).toEqual(c); // the encoder is minimal
      }),
      { numRuns: 500 },
    );
  });

  it('bytes are an unsigned magnitude', () => {
    expect(toHex(integer(fromHex('0080')))).toBe('02020080');
    expect(toHex(integer(fromHex('000001')))).toBe('020101');
    expect(toHex(integer(new Uint8Array(0)))).toBe('020100');
  });

  it('minimal encoding is required in DER only; canonical bytes and hex strip redundant sign octets', () => {
    expect(() => readInteger(el('0202007f'), 'n')).toThrow(/non-minimal INTEGER/);
    expect(() => readInteger(el('0202ff80'), 'n')).toThrow(/non-minimal INTEGER/);
    const lax = readInteger(el('0203000080', 'definite'), 'n');
    expect(integerHex(lax)).toBe('0080');
    expect(integerHex(fromHex('ffff80'))).toBe('80');
    expect(integerToBigInt(fromHex('ff7f'))).toBe(-129n);
    expect(() => readInteger(el('0200', 'ber'), 'n')).toThrow(/empty INTEGER/);
  });

  it('small integers: signed and unsigned ranges', () => {
    expect(readSmallInt(el('0204ffffff80'.replace('ffffff80', '80000000')), 'n')).toBe(-(2 ** 31));
    expect(readSmallInt(el('02047fffffff'), 'n')).toBe(2 ** 31 - 1);
    expect(readSmallUint(el('020100'), 'n')).toBe(0);
    expect(() => readSmallUint(el('0201ff'), 'n')).toThrow(/negative/);
    expect(() => readSmallInt(el('02050080000000'), 'n')).toThrow(/too large/);
    expect(() => readUnsignedInteger(el('020180'), 'n')).toThrow(/negative/);
  });
});

describe('BOOLEAN, NULL, BIT STRING', () => {
  it('BOOLEAN: 00/FF in DER, any non-zero octet is TRUE otherwise', () => {
    expect(readBoolean(el('0101ff'), 'b')).toBe(true);
    expect(readBoolean(el('010100'), 'b')).toBe(false);
    expect(() => readBoolean(el('010101'), 'b')).toThrow(/00 or FF/);
    expect(readBoolean(el('010101', 'definite'), 'b')).toBe(true);
    expect(() => readBoolean(el('01020000'), 'b')).toThrow(/bad BOOLEAN/);
  });

  it('NULL must be empty', () => {
    expect(readNull(el('0500'), 'n')).toBeNull();
    expect(() => readNull(el('050100'), 'n')).toThrow(/bad NULL/);
  });

  it('BIT STRING: whole bytes unless a named-bit list is allowed', () => {
    expect(toHex(readBitString(el('030200ff'), 'k'))).toBe('ff');
    expect(() => readBitString(el('030201fe'), 'k')).toThrow(/bad BIT STRING/);
    expect(toHex(readBitString(el('030201fe'), 'k', true))).toBe('fe');
    expect(() => readBitString(el('030108'), 'k', true)).toThrow(/bad BIT STRING/);
    expect(() => readBitString(el('030101'), 'k', true)).toThrow(/bad BIT STRING/);
    expect(() => readBitString(el('0300', 'ber'), 'k')).toThrow(/bad BIT STRING/);
  });
});

describe('character strings', () => {
  it('decodes every string type heyan meets in names, as OpenSSL encodes them', () => {
    expect(decodeString(el(genstr('FORMAT:UTF8,UTF8String:核验 CA')))).toBe('核验 CA');
    expect(decodeString(el(genstr('PRINTABLESTRING:Test CA')))).toBe('Test CA');
    expect(decodeString(el(genstr('IA5STRING:a@b.cn')))).toBe('a@b.cn');
    expect(decodeString(el(genstr('FORMAT:UTF8,BMPSTRING:核验')))).toBe('核验');
    expect(decodeString(el(genstr('FORMAT:UTF8,UNIVERSALSTRING:核验a')))).toBe('核验a');
    expect(decodeString(el(genstr('T61STRING:cafe')))).toBe('cafe');
    expect(decodeString(el('1404636166e9'))).toBe('café'); // Teletex read as Latin-1
    expect(decodeString(el('1a0141'))).toBe('A'); // VisibleString
    expect(decodeString(el('120131'))).toBe('1'); // NumericString
  });

  it('undefined for other types and impossible lengths; readString throws', () => {
    expect(decodeString(el('020101'))).toBeUndefined();
    expect(decodeString(el('1e0100'))).toBeUndefined();
    expect(decodeString(el('1c03000000'))).toBeUndefined();
    expect(decodeString(el('1c0400110000'))).toBeUndefined(); // above U+10FFFF
    expect(() => readString(el('0500'), 'cn')).toThrow(FormatError);
  });
});
