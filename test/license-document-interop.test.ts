// Licence documents from issueLicenseDocument against independent tools, for each shipped licence type (issue 6,
// acceptance 2 and 3): the SM2 PDF by the OpenSSL SM2 recipe (messageDigest == openssl dgst -sm3 of the /ByteRange
// bytes; the signed attributes verify with pkeyutl and the SM2 default ID, not with another), the ECDSA P-256 and RSA
// PDFs by pdfsig; every PDF by qpdf --check, pdftotext (holder, licence number), pdffonts, pdftoppm (silent at
// 150 dpi; the QR decoded from the pixels with jsqr verifies with the QR verifier), and its embedded font programs
// read back with fontkit (every character pdftotext reads has a drawn glyph with an outline); the SM2 OFD by our
// verifier, with References covering every member. Verdicts of verify() use a bundle authorising each record's issuer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSignedData } from '../packages/core/src/cms/parse.js';
import { verifyQrPayload } from '../packages/core/src/credential/qr/verify.js';
import { exampleRecord } from '../packages/core/src/license/example.js';
import { issueLicenseDocument, type IssuedLicenseDocument } from '../packages/core/src/license/issue-document.js';
import { testSeal } from '../packages/core/src/license/document/test-support.js';
import { readZip } from '../packages/core/src/ofd/zip-read.js';
import type { Report } from '../packages/core/src/report/types.js';
import { verify } from '../packages/core/src/verify.js';
import { fixturePath, fixturePki, licenceWorldFor, type FixtureFamily, type TypedWorld } from './helpers/credential-pki.js';
import { byteRangeSignature, drawnCharacters, pageFonts, tool } from './helpers/licence-interop.js';

const req = createRequire(import.meta.url);
const { PNG } = req('pngjs') as typeof import('pngjs');
const jsQR = req('jsqr') as typeof import('jsqr').default;

const TYPES = ['营业执照', '建筑业企业资质证书', '注册建造师'] as const;
/** exampleRecord knows the types by code or slug; the registered-constructor type's name is 注册建造师注册证书. */
const SLUG: Record<(typeof TYPES)[number], string> = { 营业执照: 'business-licence', 建筑业企业资质证书: 'construction-qualification', 注册建造师: 'registered-constructor' };
const FAMILIES: FixtureFamily[] = ['sm2', 'p256', 'rsa'];
const SM2_DEFAULT_ID = '1234567812345678';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-licinterop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Issued {
  doc: IssuedLicenseDocument;
  path: string;
  world: TypedWorld;
}
const issued = new Map<string, Issued>();
const key = (type: string, family: FixtureFamily, format: 'pdf' | 'ofd') => `${type}/${family}/${format}`;
const get = (type: string, family: FixtureFamily, format: 'pdf' | 'ofd'): Issued => issued.get(key(type, family, format))!;

const notPassed = (r: Report) => [...r.checks, ...r.signatures.flatMap((s) => s.checks)].filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => `${c.id}: ${c.message.en}`);

beforeAll(async () => {
  const sm2 = fixturePki('sm2');
  // SES seals are SM2 (GB/T 38540): one maker makes the seal for every issuer; the PDF only shows its picture.
  const maker = sm2.party('seal-maker');
  for (const type of TYPES) {
    const record = exampleRecord(SLUG[type]);
    for (const family of FAMILIES) {
      const pki = fixturePki(family);
      const world = licenceWorldFor(pki, record);
      const seal = testSeal(pki.signer, { key: maker.key, cert: maker.cert });
      for (const format of family === 'sm2' ? (['pdf', 'ofd'] as const) : (['pdf'] as const)) {
        const doc = await issueLicenseDocument({ record, format, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], seal, time: new Date(world.at.getTime() - 3_600_000), status: { listId: world.listId, index: 5 } });
        const path = join(tmp, `${SLUG[type]}-${family}.${format}`);
        writeFileSync(path, doc.bytes);
        issued.set(key(type, family, format), { doc, path, world });
      }
    }
  }
}, 300_000);

describe.each(TYPES)('%s: issued licence documents against independent tools', (type) => {
  const record = exampleRecord(SLUG[type]);

  it('the record is of this type', () => {
    expect(get(type, 'sm2', 'pdf').doc.type.name.startsWith(type)).toBe(true);
  });

  it('SM2 PDF: messageDigest == openssl dgst -sm3 of the /ByteRange bytes; pkeyutl verifies the signed attributes (SET) with the default ID, not another', () => {
    const { doc } = get(type, 'sm2', 'pdf');
    const x = byteRangeSignature(doc.bytes);
    expect(x.byteRange[2] + x.byteRange[3]).toBe(doc.bytes.length);
    const dir = mkdtempSync(join(tmp, 'sm2-'));
    writeFileSync(join(dir, 'signed.bin'), x.signed);
    const dgst = execFileSync('openssl', ['dgst', '-sm3', '-r', 'signed.bin'], { cwd: dir, encoding: 'utf8' }).split(' ')[0]!;
    const si = parseSignedData(x.cms).signers[0]!;
    const md = si.signedAttributes!.find((a) => a.oid === '1.2.840.113549.1.9.4')!.values[0]!;
    expect(md.subarray(0, 2)).toEqual(new Uint8Array([0x04, 32]));
    expect(Buffer.from(md.subarray(2)).toString('hex')).toBe(dgst);
    // Signed over the attributes with the SET OF tag (RFC 5652 §5.4), not the [0] IMPLICIT tag they carry.
    expect(si.signedAttributesDer![0]).toBe(0x31);
    writeFileSync(join(dir, 'sa.der'), si.signedAttributesDer!);
    writeFileSync(join(dir, 'sig.bin'), si.signature);
    execFileSync('openssl', ['x509', '-in', fixturePath('pki/sm2/signer.pem'), '-pubkey', '-noout', '-out', join(dir, 'pub.pem')]);
    const pkeyutl = (id: string) =>
      tool('openssl', ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', `distid:${id}`, '-pubin', '-inkey', 'pub.pem', '-in', 'sa.der', '-sigfile', 'sig.bin'], { cwd: dir });
    const ok = pkeyutl(SM2_DEFAULT_ID);
    expect(ok.out + ok.err).toContain('Signature Verified Successfully');
    expect(ok.code).toBe(0);
    const other = pkeyutl('1234567812345679');
    expect(other.out + other.err).not.toContain('Signature Verified Successfully');
    expect(other.code).not.toBe(0);
  });

  for (const family of ['p256', 'rsa'] as const) {
    it(`${family} PDF: pdfsig says the signature is valid and covers the whole document`, () => {
      const { path } = get(type, family, 'pdf');
      const r = tool('pdfsig', ['-nocert', path]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('Signature Validation: Signature is Valid.');
      expect(r.out).toContain('Total document signed');
      expect(r.out.match(/^Signature #\d+:/gm)).toHaveLength(1);
    });
  }

  for (const family of FAMILIES) {
    describe(`${family} PDF`, () => {
      it('verify() with a bundle authorising the issuer: PASSED, licence layer text and QR passed', async () => {
        const { doc, world } = get(type, family, 'pdf');
        const r = await verify(doc.bytes, { bundle: world.bundle, at: world.at });
        expect(notPassed(r)).toEqual([]);
        expect(r.indication).toBe('PASSED');
        expect(r.checks.find((c) => c.id === 'license.document.text')?.status).toBe('passed');
        expect(r.checks.find((c) => c.id === 'license.document.qr')?.status).toBe('passed');
      }, 60_000);

      it('qpdf --check: no errors, no warnings', () => {
        const r = tool('qpdf', ['--check', get(type, family, 'pdf').path]);
        expect(r.err).toBe('');
        expect(r.out).toContain('No syntax or stream encoding errors found');
        expect(r.out).not.toMatch(/WARNING/);
        expect(r.code).toBe(0);
      });

      it('pdftotext shows the holder and the licence number (white space normalised)', () => {
        const r = tool('pdftotext', ['-enc', 'UTF-8', get(type, family, 'pdf').path, '-']);
        expect(r.err).toBe('');
        const flat = r.out.replace(/\s+/g, ' ');
        expect(flat).toContain(record.certificateHolder);
        expect(flat).toContain(record.certificateNumber);
      });

      it('pdffonts: every font embedded, subset, with ToUnicode', () => {
        const r = tool('pdffonts', [get(type, family, 'pdf').path]);
        expect(r.err).toBe('');
        const rows = r.out.split('\n').slice(2).filter(Boolean);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID Type 0C\s+Identity-H\s+yes yes yes\s/);
      });

      it('pdftoppm -r 150 renders page 1 silently; the QR decoded from the pixels verifies and is this licence', () => {
        const { path, world, doc } = get(type, family, 'pdf');
        const out = join(tmp, `${SLUG[type]}-${family}`);
        const r = tool('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', path, out]);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        const png = PNG.sync.read(readFileSync(`${out}.png`));
        const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
        expect(code, 'no QR found on the rendered page').not.toBeNull();
        expect(code!.data).toBe(doc.credential.qr);
        const v = verifyQrPayload(code!.data, { bundle: world.bundle, time: world.at, record });
        expect(notPassed({ checks: v.checks, signatures: v.signatures } as Report)).toEqual([]);
        expect(v.indication).toBe('PASSED');
        expect(v.license?.identifier).toBe(record.certificateIdentifier);
        expect(v.license?.holder).toBe(record.certificateHolder);
      });

      it('every character pdftotext reads is drawn with a glyph that has an outline in the embedded font program', () => {
        const { path } = get(type, family, 'pdf');
        const { fonts, content } = pageFonts(path);
        for (const f of fonts.values()) {
          expect(f.subtype).toBe('/CIDFontType0C');
          expect(f.isCid).toBe(true);
        }
        // Tj is the only text-showing operator of the page: nothing drawn escapes the check below.
        const shows = content.split('\n').filter((l) => /(?:Tj|TJ|'|")$/.test(l));
        expect(shows.every((l) => /^<[0-9A-F]*> Tj$/.test(l))).toBe(true);
        const drawn = drawnCharacters(fonts, content);
        // Every glyph drawn exists; only white space may be blank.
        for (const d of drawn) {
          const n = fonts.get(d.font)?.outline(d.cid);
          expect(n, `${d.ch} (CID ${d.cid} of ${d.font})`).toBeDefined();
          if (!/\s/.test(d.ch)) expect(n, `${d.ch} (CID ${d.cid} of ${d.font})`).toBeGreaterThan(0);
        }
        const withOutline = new Set(drawn.filter((d) => (fonts.get(d.font)!.outline(d.cid) ?? 0) > 0).map((d) => d.ch));
        const text = tool('pdftotext', ['-enc', 'UTF-8', path, '-']).out.replace(/\s/g, '');
        expect(text.length).toBeGreaterThan(50);
        const missing = [...new Set(text)].filter((ch) => !withOutline.has(ch));
        expect(missing).toEqual([]);
      });
    });
  }

  describe('SM2 OFD', () => {
    it('verify() with a bundle authorising the issuer: PASSED', async () => {
      const { doc, world } = get(type, 'sm2', 'ofd');
      const r = await verify(doc.bytes, { bundle: world.bundle, at: world.at });
      expect(notPassed(r)).toEqual([]);
      expect(r.indication).toBe('PASSED');
      expect(r.format).toBe('ofd');
      expect(r.checks.find((c) => c.id === 'ofd.coverage')?.status).toBe('passed');
    }, 60_000);

    it('each signature\u2019s References cover every zip member but its own files, each CheckValue the SM3 of the member (OpenSSL)', () => {
      const { doc } = get(type, 'sm2', 'ofd');
      const zip = readZip(doc.bytes);
      const members = zip.entries.filter((e) => !e.isDirectory).map((e) => e.name);
      const read = (name: string) => zip.read(zip.entry(name)!);
      const text = (name: string) => new TextDecoder().decode(read(name));
      const signatureFiles = members.filter((n) => /\/Signature\.xml$/.test(n));
      expect(signatureFiles.length).toBeGreaterThan(0);
      const listFile = members.find((n) => /\/Signatures\.xml$/.test(n))!;
      expect(listFile).toBeDefined();
      for (const sigFile of signatureFiles) {
        const xml = text(sigFile);
        const dir = sigFile.slice(0, sigFile.lastIndexOf('/') + 1);
        const resolveLoc = (loc: string) => (loc.startsWith('/') ? loc.slice(1) : dir + loc);
        const signedValue = resolveLoc(/<ofd:SignedValue>([^<]+)<\/ofd:SignedValue>/.exec(xml)![1]!.trim());
        const refs = [...xml.matchAll(/<ofd:Reference\s+FileRef="([^"]+)"\s*>\s*<ofd:CheckValue>([^<]+)<\/ofd:CheckValue>/g)].map((m) => ({ path: m[1]!.replace(/^\//, ''), value: m[2]!.trim() }));
        const own = new Set([sigFile, signedValue, listFile]);
        expect(refs.map((r) => r.path).sort()).toEqual(members.filter((m) => !own.has(m)).sort());
        for (const r of refs) {
          const f = join(tmp, 'member.bin');
          writeFileSync(f, read(r.path));
          expect(execFileSync('openssl', ['dgst', '-sm3', '-binary', f]).toString('base64'), r.path).toBe(r.value);
        }
      }
    });
  });
});
