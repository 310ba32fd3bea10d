import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latin1, toHex } from './bytes.js';
import { time } from './encode.js';
import { content, readRoot } from './reader.js';
import { parseTime, readTime } from './time.js';

const iso = (s: string): Date => new Date(s);
const utc = (s: string, rules = {}) => parseTime(s, true, 't', rules);
const gen = (s: string, rules = {}) => parseTime(s, false, 't', rules);

describe('reading UTCTime and GeneralizedTime (RFC 5280 4.1.2.5)', () => {
  it('two-digit years: 50–99 are 19xx, 00–49 are 20xx', () => {
    expect(utc('491231235959Z')).toEqual(iso('2049-12-31T23:59:59Z'));
    expect(utc('500101000000Z')).toEqual(iso('1950-01-01T00:00:00Z'));
    expect(utc('991231235959Z')).toEqual(iso('1999-12-31T23:59:59Z'));
    expect(utc('000101000000Z')).toEqual(iso('2000-01-01T00:00:00Z'));
  });

  it('GeneralizedTime, including years before 100 (no 19xx shift)', () => {
    expect(gen('20500101000000Z')).toEqual(iso('2050-01-01T00:00:00Z'));
    expect(gen('00500101000000Z').getUTCFullYear()).toBe(50);
    expect(gen('99991231235959Z')).toEqual(iso('9999-12-31T23:59:59Z'));
  });

  it('matches the calendar of Date for every instant (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: iso('1950-01-01T00:00:00Z'), max: iso('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
        const s = whole.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
        expect(gen(s)).toEqual(whole);
        if (whole.getUTCFullYear() < 2050) expect(utc(s.slice(2))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what RFC 5280 forbids unless the caller relaxes it', () => {
    expect(() => gen('20240101000000.5Z')).toThrow(/bad time/);
    expect(gen('20240101000000.5Z', { fractions: true })).toEqual(iso('2024-01-01T00:00:00.500Z'));
    expect(gen('20240101000000,123456Z', { fractions: true })).toEqual(iso('2024-01-01T00:00:00.123Z'));
    expect(() => utc('2401010000Z')).toThrow(/bad time/);
    expect(utc('2401010000Z', { utcWithoutSeconds: true })).toEqual(iso('2024-01-01T00:00:00Z'));
    for (const bad of ['240101000000', '240101000000+0800', '20240101000000', '2024010100000Z', '24010100000aZ', ' 40101000000Z'])
      expect(() => (bad.length > 13 ? gen(bad) : utc(bad))).toThrow(/bad time/);
  });

  it('impossible dates are refused, leap days are not', () => {
    expect(gen('20240229120000Z')).toEqual(iso('2024-02-29T12:00:00Z'));
    for (const bad of ['20230229000000Z', '20240230000000Z', '20241301000000Z', '20240001000000Z', '20240101240000Z', '20240101236000Z', '20240101235960Z'])
      expect(() => gen(bad)).toThrow(/impossible date/);
  });

  it('readTime takes only the two time types, as OpenSSL writes them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-asn1-'));
    const out = join(dir, 't.der');
    execFileSync('openssl', ['asn1parse', '-genstr', 'UTCTIME:491231235959Z', '-noout', '-out', out]);
    expect(readTime(readRoot(new Uint8Array(readFileSync(out))), 't')).toEqual(iso('2049-12-31T23:59:59Z'));
    execFileSync('openssl', ['asn1parse', '-genstr', 'GENTIME:20500101000000Z', '-noout', '-out', out]);
    expect(readTime(readRoot(new Uint8Array(readFileSync(out))), 't')).toEqual(iso('2050-01-01T00:00:00Z'));
    expect(() => readTime(readRoot(Uint8Array.of(0x04, 0x00)), 'notBefore')).toThrow(/notBefore: UTCTime or GeneralizedTime expected/);
  });
});

describe('writing times', () => {
  const text = (d: Date) => latin1(content(readRoot(time(d))));
  it('UTCTime through 2049, GeneralizedTime from 2050 and before 1950, whole seconds', () => {
    expect(toHex(time(iso('2049-12-31T23:59:59.999Z')))).toBe(toHex(Buffer.from('170d3439313233313233353935395a', 'hex')));
    expect(time(iso('2050-01-01T00:00:00Z'))[0]).toBe(0x18);
    expect(text(iso('2050-01-01T00:00:00Z'))).toBe('20500101000000Z');
    expect(time(iso('1950-01-01T00:00:00Z'))[0]).toBe(0x17);
    expect(text(iso('1949-12-31T23:59:59Z'))).toBe('19491231235959Z');
    expect(time(iso('1949-12-31T23:59:59Z'))[0]).toBe(0x18);
  });

  it('round-trips through the reader (property) and refuses invalid dates and years past 9999', () => {
    fc.assert(
      fc.property(fc.date({ min: iso('0001-01-01T00:00:00Z'), max: iso('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(readTime(readRoot(time(d)), 't').getTime()).toBe(Math.floor(d.getTime() / 1000) * 1000);
      }),
      { numRuns: 300 },
    );
    expect(() => time(new Date(NaN))).toThrow(/invalid date/);
    expect(() => time(iso('+010000-01-01T00:00:00Z'))).toThrow(/out of range/);
  });
});
