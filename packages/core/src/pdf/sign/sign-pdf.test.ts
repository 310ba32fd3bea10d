// signPdf against independent oracles: poppler's pdfsig (integrity + "Total document signed"), qpdf --check,
// OpenSSL cms -verify over the ByteRange bytes (RSA/ECDSA), and the manual SM2 procedure of
// reference/pdf-signatures.md §8.3 (messageDigest == openssl dgst -sm3; signed attributes verified with pkeyutl).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Asn1Reader } from '../../asn1/index.js';
import { OID_GM_SIGNED_DATA, OID_SIGNED_DATA, OID_SIGNING_TIME } from '../../cms/oids.js';
import { parseSignedData } from '../../cms/parse.js';
import { importPrivateKey } from '../../crypto/index.js';
import { loadCertificates, type Certificate } from '../../pki/index.js';
import { checkByteRange, contentsBytes, digestByteRange, type ByteRange } from '../byte-range.js';
import { findRevisions } from '../revisions.js';
import { findSignatureDicts } from '../signature-dicts.js';
import { signPdf } from './sign-pdf.js';
import type { PdfSignerIdentity } from './types.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (alg: string, f: string): string => join(repo, 'fixtures/pki', alg, f);
const base = new Uint8Array(readFileSync(join(repo, 'fixtures/pdf/base.pdf')));
const baseXrefStream = new Uint8Array(readFileSync(join(repo, 'fixtures/pdf/base-xref-stream.pdf')));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfsign-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Alg = 'rsa' | 'p256' | 'sm2';
function signer(alg: Alg, name = 'signer'): PdfSignerIdentity {
  return {
    key: importPrivateKey(readFileSync(pki(alg, `${name}.key.pem`))),
    certificate: loadCertificates(readFileSync(pki(alg, `${name}.pem`)))[0]!,
    chain: loadCertificates(readFileSync(pki(alg, 'intermediate.pem'))) as Certificate[],
  };
}

let n = 0;
function file(bytes: Uint8Array, name = `f${++n}.pdf`): string {
  const p = join(tmp, name);
  writeFileSync(p, bytes);
  return p;
}

function pdfsig(path: string): string {
  const r = spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

/** The i-th signature as found by the byte scan: ByteRange, the CMS cut to its DER length, the signed bytes. */
function extract(pdf: Uint8Array, i: number): { br: ByteRange; cms: Uint8Array; signed: Uint8Array; padded: Uint8Array } {
  const sig = findSignatureDicts(pdf).signatures[i]!;
  const br = sig.byteRange!.values as unknown as ByteRange;
  const padded = contentsBytes(pdf, sig)!;
  const el = new Asn1Reader(padded, { mode: 'der', maxDepth: 64, maxElements: 1_000_000 }).read(0, padded.length, 0);
  const signed = Buffer.concat([pdf.subarray(br[0], br[0] + br[1]), pdf.subarray(br[2], br[2] + br[3])]);
  return { br, cms: padded.subarray(0, el.next), signed, padded };
}

function openssl(args: string[]): { code: number; out: string } {
  const r = spawnSync('openssl', args, { cwd: tmp, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

const when = new Date('2030-01-01T08:00:00Z');

describe('signPdf: invisible PAdES and adbe.pkcs7 signatures, checked by pdfsig, qpdf and OpenSSL', () => {
  for (const alg of ['rsa', 'p256'] as const) {
    for (const subFilter of ['ETSI.CAdES.detached', 'adbe.pkcs7.detached'] as const) {
      it(`${alg} ${subFilter}: pdfsig Valid + Total document signed, qpdf ok, openssl cms -verify ok (with chain too)`, async () => {
        const out = await signPdf(base, { signer: signer(alg), subFilter, reason: 'Approval', location: 'Beijing', name: 'Test Signer', signingTime: when });
        // Incremental: the input is a prefix, unchanged.
        expect(Buffer.from(out.subarray(0, base.length)).equals(Buffer.from(base))).toBe(true);
        const path = file(out);
        const s = pdfsig(path);
        expect(s).toContain('Signature Validation: Signature is Valid.');
        expect(s).toContain('Total document signed');
        expect(s).toContain(`Signature Type: ${subFilter === 'ETSI.CAdES.detached' ? 'ETSI.CAdES.detached' : 'adbe.pkcs7.detached'}`);
        expect(spawnSync('qpdf', ['--check', path]).status).toBe(0);

        const x = extract(out, 0);
        expect(x.br[2] + x.br[3]).toBe(out.length);
        // The foundation's ByteRange rules: 4 integers from 0, gap == this dictionary's /Contents, whole file.
        const br = checkByteRange(out, findSignatureDicts(out).signatures[0]!, { revisions: findRevisions(out).revisions });
        expect(br.coverage).toBe('ENTIRE_FILE');
        expect(br.checks.every((c) => c.status === 'passed')).toBe(true);
        writeFileSync(join(tmp, 'sig.der'), x.cms);
        writeFileSync(join(tmp, 'signed.bin'), x.signed);
        const v = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'signed.bin', '-noverify', '-out', '/dev/null']);
        expect(v.out).toContain('Verification successful');
        const chain = openssl([
          'cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'signed.bin', '-out', '/dev/null',
          '-CAfile', pki(alg, 'root.pem'), '-purpose', 'any', '-attime', String(Math.floor(when.getTime() / 1000)),
        ]);
        expect(chain.out).toContain('Verification successful');
        // A flipped byte in the signed part is caught by the same oracle (the test can fail).
        const bad = Buffer.from(x.signed);
        bad[100]! ^= 1;
        writeFileSync(join(tmp, 'signed.bin'), bad);
        expect(openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'signed.bin', '-noverify', '-out', '/dev/null']).code).not.toBe(0);

        // PAdES: no signing-time attribute (the time is /M); adbe.pkcs7: signing-time present.
        const si = parseSignedData(x.cms).signers[0]!;
        expect(si.signedAttributes!.some((a) => a.oid === OID_SIGNING_TIME)).toBe(subFilter === 'adbe.pkcs7.detached');
        expect(parseSignedData(x.cms).eContent).toBeUndefined();
      });
    }
  }

  for (const flavour of ['pkcs7', 'gbt35275'] as const) {
    it(`sm2 (${flavour} OIDs): messageDigest == openssl dgst -sm3 of the ByteRange bytes; signed attributes verify with pkeyutl + distid`, async () => {
      const out = await signPdf(base, { signer: signer('sm2'), sm2Flavour: flavour, signingTime: when, reason: '审批通过' });
      expect(spawnSync('qpdf', ['--check', file(out)]).status).toBe(0);
      const x = extract(out, 0);
      const cms = parseSignedData(x.cms);
      expect(cms.contentType).toBe(flavour === 'gbt35275' ? OID_GM_SIGNED_DATA : OID_SIGNED_DATA);
      writeFileSync(join(tmp, 'signed.bin'), x.signed);
      const dgst = openssl(['dgst', '-sm3', '-r', 'signed.bin']).out.split(' ')[0]!;
      const si = cms.signers[0]!;
      const md = si.signedAttributes!.find((a) => a.oid === '1.2.840.113549.1.9.4')!.values[0]!;
      expect(Buffer.from(md.subarray(2)).toString('hex')).toBe(dgst);
      writeFileSync(join(tmp, 'sa.der'), si.signedAttributesDer!);
      writeFileSync(join(tmp, 'sigval.bin'), si.signature);
      execFileSync('openssl', ['x509', '-in', pki('sm2', 'signer.pem'), '-pubkey', '-noout', '-out', join(tmp, 'pub.pem')]);
      const v = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-in', 'sa.der', '-sigfile', 'sigval.bin']);
      expect(v.out).toContain('Signature Verified Successfully');
      // The signed attributes really are what OpenSSL checked: another ID fails.
      const w = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345679', '-in', 'sa.der', '-sigfile', 'sigval.bin']);
      expect(w.out).not.toContain('Signature Verified Successfully');
    });
  }

  it('an input with an xref stream gets an xref stream update; qpdf and pdfsig accept it', async () => {
    const out = await signPdf(baseXrefStream, { signer: signer('p256'), signingTime: when });
    const tail = Buffer.from(out.subarray(baseXrefStream.length)).toString('latin1');
    expect(tail).toMatch(/\/Type \/XRef/);
    expect(tail).not.toMatch(/^xref$/m);
    const path = file(out);
    expect(spawnSync('qpdf', ['--check', path]).status).toBe(0);
    expect(pdfsig(path)).toContain('Signature is Valid');
    expect(pdfsig(path)).toContain('Total document signed');
  });

  it('an input with a table gets a table with /Prev, carrying /Root /Info /ID', async () => {
    const out = await signPdf(base, { signer: signer('rsa'), signingTime: when });
    const tail = Buffer.from(out.subarray(base.length)).toString('latin1');
    expect(tail).toMatch(/^xref$/m);
    const trailer = /trailer\s*<<(.*)>>/s.exec(tail)![1]!;
    expect(trailer).toContain('/Prev 1563');
    expect(trailer).toContain('/Root 2 0 R');
    expect(trailer).toContain('/Info 3 0 R');
    expect(trailer).toContain('/ID [ <686579616e2d706466626173652d3031> <686579616e2d706466626173652d3031> ]');
    expect(execFileSync('qpdf', ['--show-xref', file(out)], { encoding: 'utf8' })).toContain('uncompressed');
  });

  it('placeholder: the CMS fits, the rest is zero padding, and it is sized from the real CMS (not a fixed guess)', async () => {
    for (const alg of ['rsa', 'p256', 'sm2'] as const) {
      const out = await signPdf(base, { signer: signer(alg), signingTime: when });
      const x = extract(out, 0);
      expect(x.padded.length).toBeGreaterThanOrEqual(x.cms.length);
      expect(x.padded.subarray(x.cms.length).every((b) => b === 0)).toBe(true);
      expect(x.padded.length - x.cms.length).toBeLessThanOrEqual(64 + 4);
      expect(digestByteRange(out, x.br, alg === 'sm2' ? 'sm3' : 'sha256')).toBeDefined();
    }
  });
});
