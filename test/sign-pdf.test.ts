// `heyan sign pdf` and `heyan sign pdf-timestamp` end to end: the built binary, checked with pdfsig, qpdf, pdftoppm
// and OpenSSL; B-T and document timestamps from a real `heyan tsa serve` over HTTP; keys from encrypted PKCS#8 and
// PKCS#12; refusals with their exit codes (3 usage, 1 failed operation).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID_GM_SIGNED_DATA, OID_SIGNATURE_TIMESTAMP_TOKEN, openPdf, parseSignedData, pdfText, signatureFields } from '@heyan/core';
import { Asn1Reader } from '../packages/core/src/asn1/index.js';
import { contentsBytes, type ByteRange } from '../packages/core/src/pdf/byte-range.js';
import { findSignatureDicts } from '../packages/core/src/pdf/signature-dicts.js';
import { ensureBuilt, heyan, openssl, repoRoot, serveTsa, stopTsa, type ServedTsa } from './helpers/cli.js';

const fx = (alg: string, name: string) => join(repoRoot, 'fixtures/pki', alg, name);
const base = join(repoRoot, 'fixtures/pdf/base.pdf');
const tmp = mkdtempSync(join(tmpdir(), 'heyan-sign-pdf-'));
const at = (name: string) => join(tmp, name);
const served: ServedTsa[] = [];

beforeAll(() => ensureBuilt());
afterAll(() => {
  for (const s of served) stopTsa(s);
  rmSync(tmp, { recursive: true, force: true });
});

const pdfsig = (path: string): string => spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' }).stdout;
const qpdfOk = (path: string): boolean => spawnSync('qpdf', ['--check', path]).status === 0;

/** The signatures of a PDF: ByteRange, CMS cut to its DER length, the signed bytes. */
function signatures(path: string) {
  const pdf = new Uint8Array(readFileSync(path));
  return findSignatureDicts(pdf).signatures.map((s) => {
    const br = s.byteRange!.values as unknown as ByteRange;
    const padded = contentsBytes(pdf, s)!;
    const el = new Asn1Reader(padded, { mode: 'der', maxDepth: 64, maxElements: 1_000_000 }).read(0, padded.length, 0);
    return { br, cms: padded.subarray(0, el.next), signed: Buffer.concat([pdf.subarray(0, br[1]), pdf.subarray(br[2], br[2] + br[3])]) };
  });
}

/** `heyan tsa serve` on a free port; resolves with its URL (stopped after the file). */
async function serveTsaOf(alg: string): Promise<string> {
  const s = await serveTsa(['--key', fx(alg, 'tsa.key.pem'), '--cert', fx(alg, 'tsa.pem'), '--chain', fx(alg, 'intermediate.pem')]);
  served.push(s);
  return s.url;
}

describe('heyan sign pdf', () => {
  it('invisible PAdES with an encrypted PKCS#8 key: pdfsig Valid + Total document signed, qpdf ok, openssl cms -verify ok', () => {
    const r = heyan(['sign', 'pdf', '--key', fx('rsa', 'signer.key.enc.pem'), '--password', 'heyan-test', '--cert', fx('rsa', 'chain.pem'), '--reason', '审批', '--location', 'Beijing', '--name', 'Tester', base, '--out', at('rsa.pdf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^signed .*base\.pdf → .*rsa\.pdf \(PAdES B-B, invisible, \d+ bytes appended\)\n$/);
    const s = pdfsig(at('rsa.pdf'));
    expect(s).toContain('Signature Type: ETSI.CAdES.detached');
    expect(s).toContain('Total document signed');
    expect(s).toContain('Signature is Valid');
    expect(qpdfOk(at('rsa.pdf'))).toBe(true);
    const [sig] = signatures(at('rsa.pdf'));
    writeFileSync(at('rsa.p7s'), sig!.cms);
    writeFileSync(at('rsa.bin'), sig!.signed);
    const v = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'rsa.p7s', '-content', 'rsa.bin', '-CAfile', fx('rsa', 'root.pem'), '-purpose', 'any', '-out', '/dev/null'], tmp);
    expect(v.stderr).toContain('Verification successful');
    // The dictionary carries what was asked, as hex strings (UTF-16BE with BOM for non-ASCII).
    const tail = readFileSync(at('rsa.pdf')).subarray(readFileSync(base).length).toString('latin1');
    expect(tail).toContain('/Reason <FEFF5BA16279>');
    expect(tail).toContain(`/Location <${Buffer.from('Beijing').toString('hex').toUpperCase()}>`);
    expect(tail).toContain(`/Name <${Buffer.from('Tester').toString('hex').toUpperCase()}>`);
    // heyan's own verifier agrees (trust anchored at the test root).
    const v2 = heyan(['verify', at('rsa.pdf'), '--trust', fx('rsa', 'root.pem'), '--crl', fx('rsa', 'intermediate.crl.pem'), '--crl', fx('rsa', 'root.crl.pem')]);
    expect(v2.code, v2.stdout + v2.stderr).toBe(0);
    expect(v2.stdout).toContain('ENTIRE_FILE');
  });

  it('help lists sign pdf and sign pdf-timestamp', () => {
    const h = heyan(['sign', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('heyan sign pdf --key F');
    expect(h.stdout).toContain('heyan sign pdf-timestamp --tsa URL');
  });

  it('a PKCS#12 key (no --cert), --pkcs7, a visible PNG on page 2: pdfsig Valid, the stamp renders inside --rect', () => {
    const p12 = at('p256.p12');
    const e = spawnSync('openssl', ['pkcs12', '-export', '-inkey', fx('p256', 'signer.key.pem'), '-in', fx('p256', 'signer.pem'), '-certfile', fx('p256', 'intermediate.pem'), '-passout', 'pass:pw', '-out', p12]);
    expect(e.status).toBe(0);
    const r = heyan(['sign', 'pdf', '--key', p12, '--password', 'pw', '--pkcs7', '--image', join(repoRoot, 'fixtures/seal/stamp.png'), '--page', '2', '--rect', '120,60,40,40', base, '--out', at('p256.pdf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('adbe.pkcs7.detached, visible on page 2');
    const s = pdfsig(at('p256.pdf'));
    expect(s).toContain('Signature Type: adbe.pkcs7.detached');
    expect(s).toContain('Signature is Valid');
    expect(s).toContain('Total document signed');
    expect(qpdfOk(at('p256.pdf'))).toBe(true);
    expect(spawnSync('pdftoppm', ['-r', '72', '-f', '2', '-l', '2', '-png', '-singlefile', at('p256.pdf'), at('p256-p2')]).status).toBe(0);
    const img = pngjs.PNG.sync.read(readFileSync(at('p256-p2.png')));
    const mm = 72 / 25.4;
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const i = (y * img.width + x) * 4;
        const red = img.data[i]! > 150 && img.data[i + 1]! < 110 && img.data[i + 2]! < 110;
        if (!red) continue;
        if (x >= 120 * mm - 1 && x <= 160 * mm + 1 && y >= 60 * mm - 1 && y <= 100 * mm + 1) inside++;
        else outside++;
      }
    }
    expect(inside).toBeGreaterThan(1000);
    expect(outside).toBe(0);
  });

  it('SM2 with a seal (.esl) and --sm2-flavour gbt35275: GB/T 35275 SignedData; messageDigest == openssl dgst -sm3', () => {
    const r = heyan(['sign', 'pdf', '--key', fx('sm2', 'signer.key.pem'), '--cert', fx('sm2', 'chain.pem'), '--seal', join(repoRoot, 'fixtures/seal/sample-v4.esl'), '--sm2-flavour', 'gbt35275', base, '--out', at('sm2.pdf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(qpdfOk(at('sm2.pdf'))).toBe(true);
    const [sig] = signatures(at('sm2.pdf'));
    const cms = parseSignedData(sig!.cms);
    expect(cms.contentType).toBe(OID_GM_SIGNED_DATA);
    writeFileSync(at('sm2.bin'), sig!.signed);
    const md = cms.signers[0]!.signedAttributes!.find((a) => a.oid === '1.2.840.113549.1.9.4')!.values[0]!.subarray(2);
    expect(openssl(['dgst', '-sm3', '-r', 'sm2.bin'], tmp).stdout.split(' ')[0]).toBe(Buffer.from(md).toString('hex'));
  });

  it('--tsa (heyan tsa serve): PAdES B-T whose token passes openssl ts -verify; then sign pdf-timestamp adds a document timestamp', async () => {
    const url = await serveTsaOf('p256');
    const r = heyan(['sign', 'pdf', '--key', fx('rsa', 'signer.key.pem'), '--cert', fx('rsa', 'chain.pem'), '--tsa', url, base, '--out', at('bt.pdf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PAdES B-T');
    expect(pdfsig(at('bt.pdf'))).toContain('Signature is Valid');
    const [sig] = signatures(at('bt.pdf'));
    const si = parseSignedData(sig!.cms).signers[0]!;
    writeFileSync(at('bt.tst'), si.unsignedAttributes!.find((a) => a.oid === OID_SIGNATURE_TIMESTAMP_TOKEN)!.values[0]!);
    writeFileSync(at('bt.sigval'), si.signature);
    const hex = openssl(['dgst', '-sha256', '-r', 'bt.sigval'], tmp).stdout.split(' ')[0]!;
    expect(openssl(['ts', '-verify', '-digest', hex, '-in', 'bt.tst', '-token_in', '-CAfile', fx('p256', 'root.pem'), '-untrusted', fx('p256', 'intermediate.pem')], tmp).stdout).toContain('Verification: OK');

    const d = heyan(['sign', 'pdf-timestamp', '--tsa', url, at('bt.pdf'), '--out', at('lta.pdf')]);
    expect(d.stderr).toBe('');
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('document timestamp ETSI.RFC3161');
    const [first, dts] = signatures(at('lta.pdf'));
    expect(first!.br).toEqual(sig!.br);
    writeFileSync(at('lta.tst'), dts!.cms);
    writeFileSync(at('lta.bin'), dts!.signed);
    expect(openssl(['ts', '-verify', '-data', 'lta.bin', '-in', 'lta.tst', '-token_in', '-CAfile', fx('p256', 'root.pem'), '-untrusted', fx('p256', 'intermediate.pem')], tmp).stdout).toContain('Verification: OK');
    expect(qpdfOk(at('lta.pdf'))).toBe(true);
    expect(pdfsig(at('lta.pdf')).split(/Signature #\d+:/)[1]).toContain('Signature is Valid');
  });

  it('texts that look like PDF structure in --reason/--location/--name: one signature over the whole file, Valid; --name "" writes no /Name', () => {
    const key = ['--key', fx('rsa', 'signer.key.pem'), '--cert', fx('rsa', 'chain.pem')];
    const r = heyan(['sign', 'pdf', ...key, '--reason', 'x /Contents <y', '--location', '/ByteRange [0 1 2 3]', '--name', '', base, '--out', at('inj.pdf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = pdfsig(at('inj.pdf'));
    expect(s).toContain('Signature is Valid');
    expect(s).toContain('Total document signed');
    expect(qpdfOk(at('inj.pdf'))).toBe(true);
    const pdf = new Uint8Array(readFileSync(at('inj.pdf')));
    expect(findSignatureDicts(pdf).signatures).toHaveLength(1);
    const dict = signatureFields(openPdf(pdf))[0]!.valueDict!;
    expect(pdfText(dict.get('Reason'))).toBe('x /Contents <y');
    expect(pdfText(dict.get('Location'))).toBe('/ByteRange [0 1 2 3]');
    expect(dict.has('Name')).toBe(false);
  });

  it('--tsa-digest sha256 with an SM2 key: the authority gets a SHA-256 imprint of the signature value', async () => {
    const url = await serveTsaOf('p256');
    const r = heyan(['sign', 'pdf', '--key', fx('sm2', 'signer.key.pem'), '--cert', fx('sm2', 'chain.pem'), '--tsa', url, '--tsa-digest', 'sha256', base, '--out', at('sm2-bt.pdf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [sig] = signatures(at('sm2-bt.pdf'));
    const si = parseSignedData(sig!.cms).signers[0]!;
    writeFileSync(at('sm2-bt.tst'), si.unsignedAttributes!.find((a) => a.oid === OID_SIGNATURE_TIMESTAMP_TOKEN)!.values[0]!);
    writeFileSync(at('sm2-bt.sigval'), si.signature);
    const hex = openssl(['dgst', '-sha256', '-r', 'sm2-bt.sigval'], tmp).stdout.split(' ')[0]!;
    expect(openssl(['ts', '-verify', '-digest', hex, '-in', 'sm2-bt.tst', '-token_in', '-CAfile', fx('p256', 'root.pem'), '-untrusted', fx('p256', 'intermediate.pem')], tmp).stdout).toContain('Verification: OK');
  });

  it('--certify 1 then another signature: refused (exit 1) with the reason; --certify 2 then another: both valid', () => {
    const key = ['--key', fx('p256', 'signer.key.pem'), '--cert', fx('p256', 'chain.pem')];
    expect(heyan(['sign', 'pdf', ...key, '--certify', '1', base, '--out', at('c1.pdf')]).code).toBe(0);
    const again = heyan(['sign', 'pdf', ...key, at('c1.pdf'), '--out', at('c1b.pdf')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^heyan: .*DocMDP P=1.*\n$/);
    expect(heyan(['sign', 'pdf', ...key, '--certify', '2', base, '--out', at('c2.pdf')]).code).toBe(0);
    expect(heyan(['sign', 'pdf', ...key, '--field', 'Second', at('c2.pdf'), '--out', at('c2b.pdf')]).code).toBe(0);
    expect(pdfsig(at('c2b.pdf')).match(/Signature is Valid/g)).toHaveLength(2);
    expect(pdfsig(at('c2b.pdf'))).toContain('Signature Field Name: Second');
  });

  it('refusals: usage errors exit 3, inputs that cannot be signed exit 1, and no output is written', () => {
    const key = ['--key', fx('rsa', 'signer.key.pem'), '--cert', fx('rsa', 'signer.pem')];
    const usage: [string[], RegExp][] = [
      [['sign', 'pdf', ...key, '--rect', '1,1,10,10', base, '--out', at('u.pdf')], /--seal or --image/],
      [['sign', 'pdf', ...key, '--image', 'x.png', '--seal', 'y.esl', base, '--out', at('u.pdf')], /not both/],
      [['sign', 'pdf', ...key, '--image', join(repoRoot, 'fixtures/seal/stamp.png'), '--page', '0', base, '--out', at('u.pdf')], /--page needs a page number from 1/],
      [['sign', 'pdf', ...key, '--image', join(repoRoot, 'fixtures/seal/stamp.png'), '--rect', '1,2,3', base, '--out', at('u.pdf')], /--rect needs x,y,w,h/],
      [['sign', 'pdf', ...key, '--certify', '4', base, '--out', at('u.pdf')], /--certify must be one of 1, 2, 3/],
      [['sign', 'pdf', ...key, '--pades', '--pkcs7', base, '--out', at('u.pdf')], /not both/],
      [['sign', 'pdf', ...key, '--tsa', 'ftp://x', base, '--out', at('u.pdf')], /--tsa needs an http/],
      [['sign', 'pdf', ...key, '--out', at('u.pdf')], /exactly one input PDF/],
      [['sign', 'pdf', ...key, at('missing.pdf'), '--out', at('u.pdf')], /missing\.pdf/],
      [['sign', 'pdf-timestamp', base, '--out', at('u.pdf')], /needs --tsa/],
      // Placement the document has no room for, like --page 0: the command line is wrong.
      [['sign', 'pdf', ...key, '--image', join(repoRoot, 'fixtures/seal/stamp.png'), '--page', '5', base, '--out', at('u.pdf')], /page 5 does not exist: the document has 2 pages/],
      [['sign', 'pdf', ...key, '--image', join(repoRoot, 'fixtures/seal/stamp.png'), '--rect', '190,10,40,40', base, '--out', at('u.pdf')], /does not fit the 210\.0 × 297\.0 mm page/],
      [['sign', 'pdf', ...key, '--image', join(repoRoot, 'fixtures/seal/stamp.png'), '--rect', '10,10,40,0.5', base, '--out', at('u.pdf')], /--rect needs x,y,w,h/],
      [['sign', 'pdf', ...key, '--tsa-digest', 'sha256', base, '--out', at('u.pdf')], /--tsa-digest needs --tsa/],
      [['sign', 'pdf', ...key, '--tsa', 'http://127.0.0.1:1/', '--tsa-digest', 'sha999', base, '--out', at('u.pdf')], /--tsa-digest must be one of/],
    ];
    for (const [args, msg] of usage) {
      const r = heyan(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toMatch(msg);
    }
    const enc = at('enc.pdf');
    expect(spawnSync('qpdf', ['--encrypt', '', 'owner', '256', '--', base, enc]).status).toBe(0);
    writeFileSync(at('not.pdf'), 'not a pdf');
    const failed: [string[], RegExp][] = [
      [['sign', 'pdf', ...key, enc, '--out', at('u.pdf')], /encrypted/],
      [['sign', 'pdf', ...key, at('not.pdf'), '--out', at('u.pdf')], /not a PDF/],
      [['sign', 'pdf', '--key', fx('rsa', 'signer.key.pem'), '--cert', fx('p256', 'signer.pem'), base, '--out', at('u.pdf')], /does not belong to --key/],
    ];
    for (const [args, msg] of failed) {
      const r = heyan(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(msg);
    }
    expect(spawnSync('test', ['-e', at('u.pdf')]).status).not.toBe(0);
  });
});
