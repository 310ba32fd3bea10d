// The small pure parts: ST_Loc resolution, CheckMethod names, SignatureDateTime forms, coverage classification.
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.js';
import { parseCheckMethod } from './check-method.js';
import { checkCoverage } from './coverage.js';
import { conventionalRole } from './document.js';
import { resolveLoc } from './loc.js';
import { parseSignatureDateTime } from './signature-time.js';

describe('resolveLoc (ST_Loc)', () => {
  it.each([
    ['/Doc_0/Signs/Signatures.xml', 'OFD.xml', 'Doc_0/Signs/Signatures.xml'],
    ['Doc_0/Signs/Signatures.xml', 'OFD.xml', 'Doc_0/Signs/Signatures.xml'],
    ['Pages/Page_0/Content.xml', 'Doc_0/Document.xml', 'Doc_0/Pages/Page_0/Content.xml'],
    ['../Res/a.png', 'Doc_0/Pages/Page_0/Content.xml', 'Doc_0/Pages/Res/a.png'],
    ['../../Res/a.png', 'Doc_0/Pages/Page_0/Content.xml', 'Doc_0/Res/a.png'],
    ['./Sign_0//Signature.xml', 'Doc_0/Signs/Signatures.xml', 'Doc_0/Signs/Sign_0/Signature.xml'],
    ['  /OFD.xml  ', 'Doc_0/Signs/Sign_0/Signature.xml', 'OFD.xml'],
  ])('%s from %s → %s', (loc, from, want) => {
    expect(resolveLoc(loc, from)).toBe(want);
  });

  it.each([
    ['../x', 'OFD.xml', /leaves the package/],
    ['/../x', 'Doc_0/a.xml', /leaves the package/],
    ['../../../x', 'Doc_0/Pages/a.xml', /leaves the package/],
    ['Doc_0\\a.xml', 'OFD.xml', /backslash/],
    ['C:/x', 'OFD.xml', /not a package path/],
    ['http://evil/x', 'OFD.xml', /not a package path/],
    ['', 'OFD.xml', /empty/],
    ['/', 'OFD.xml', /root/],
  ])('refuses %j', (loc, from, re) => {
    expect(() => resolveLoc(loc, from)).toThrow(FormatError);
    expect(() => resolveLoc(loc, from)).toThrow(re);
  });
});

describe('parseCheckMethod', () => {
  it.each([
    ['1.2.156.10197.1.401', 'sm3', false, undefined],
    ['SM3', 'sm3', false, undefined],
    ['sm3', 'sm3', false, undefined],
    ['1.2.156.10197.1.401.1', 'sm3', false, undefined],
    ['1.2.156.10197.1.401.2', 'sm3', true, undefined],
    ['2.16.840.1.101.3.4.2.1', 'sha256', false, undefined],
    ['SHA-256', 'sha256', false, undefined],
    ['SHA1', 'sha1', false, 'sha1'],
    ['1.3.14.3.2.26', 'sha1', false, 'sha1'],
    ['MD5', 'md5', false, 'md5'],
    ['1.2.840.113549.2.5', 'md5', false, 'md5'],
  ])('%s', (written, digest, z, weak) => {
    const m = parseCheckMethod(written)!;
    expect(m.digest).toBe(digest);
    expect(m.zPrefixed).toBe(z);
    expect(m.weak).toBe(weak);
    expect(m.defaulted).toBe(false);
  });

  it('absent means the standard default MD5 (flagged), unknown names are undefined', () => {
    expect(parseCheckMethod(undefined)).toMatchObject({ digest: 'md5', defaulted: true, weak: 'md5' });
    expect(parseCheckMethod('WHIRLPOOL')).toBeUndefined();
    expect(parseCheckMethod('1.2.3.4')).toBeUndefined();
  });
});

describe('parseSignatureDateTime (vendor forms, §7.4)', () => {
  it.each([
    ['20201010151120', '2020-10-10T07:11:20.000Z', true],
    ['20201004072855.302Z', '2020-10-04T07:28:55.302Z', false],
    ['20200620091849Z', '2020-06-20T09:18:49.000Z', false],
    ['2020-06-20 17:18:49', '2020-06-20T09:18:49.000Z', true],
    ['2026-05-13 23:25:43', '2026-05-13T15:25:43.000Z', true],
    ['2020-01-25T07:31:56.377Z', '2020-01-25T07:31:56.377Z', false],
    ['2020-01-25T15:31:56+08:00', '2020-01-25T07:31:56.000Z', false],
  ])('%s', (written, iso, assumed) => {
    const t = parseSignatureDateTime(written);
    expect(t.iso).toBe(iso);
    expect(t.zoneAssumed === true).toBe(assumed);
  });

  it.each(['yesterday', '2020-02-30 10:00:00', '20201310000000', ''])('unreadable: %j', (w) => {
    expect(parseSignatureDateTime(w).iso).toBeUndefined();
  });
});

describe('coverage', () => {
  const docDirs = ['Doc_0/'];
  it('classifies by the conventional layout', () => {
    expect(conventionalRole('Doc_0/Pages/Page_9/Content.xml', docDirs)).toBe('page');
    expect(conventionalRole('Doc_0/TPLS/TPL_0/Content.xml', docDirs)).toBe('template');
    expect(conventionalRole('Doc_0/Res/x.png', docDirs)).toBe('resource');
    expect(conventionalRole('Doc_0/Attachs/a.pdf', docDirs)).toBe('attachment');
    expect(conventionalRole('Doc_0/Document.xml', docDirs)).toBe('document');
    expect(conventionalRole('Doc_0/Signs/Sign_0/signFilePaths.dat', docDirs)).toBeUndefined();
    expect(conventionalRole('vendor/extra.bin', docDirs)).toBeUndefined();
  });

  it('own Signature.xml, SignedValue.dat and the signature lists need no cover; content does, extras warn', () => {
    const files = ['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/Signs/Signatures.xml', 'Doc_0/Signs/Sign_0/Signature.xml', 'Doc_0/Signs/Sign_0/SignedValue.dat', 'Doc_0/Pages/Page_1/Content.xml', 'Doc_0/Signs/Sign_1/Signature.xml'];
    const roleOf = (m: string) => (m === 'OFD.xml' ? 'package' : conventionalRole(m, docDirs));
    const r = checkCoverage({
      files,
      signatures: [{ path: 'Doc_0/Signs/Sign_0/Signature.xml', signedValuePath: 'Doc_0/Signs/Sign_0/SignedValue.dat', listed: new Set(['OFD.xml', 'Doc_0/Document.xml']) }],
      signatureLists: ['Doc_0/Signs/Signatures.xml'],
      roleOf,
    });
    expect(r.content.map((u) => u.path)).toEqual(['Doc_0/Pages/Page_1/Content.xml']);
    expect(r.extras.map((u) => u.path)).toEqual(['Doc_0/Signs/Sign_1/Signature.xml']);
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['ofd.coverage', 'failed'],
      ['ofd.coverage.extras', 'warning'],
    ]);
    expect(r.checks[1]!.message.en).toMatch(/a signature may have been removed/);
  });
});
