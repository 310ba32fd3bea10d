// Several signatures in sequence, certification (DocMDP), signature timestamps (B-T) and document timestamps,
// checked with pdfsig, qpdf, `openssl ts -verify` and the foundation's CMS verifier over each ByteRange.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Asn1Reader } from '../../asn1/index.js';
import { OID_SIGNATURE_TIMESTAMP_TOKEN } from '../../cms/oids.js';
import { parseSignedData } from '../../cms/parse.js';
import { signerDigestName, verifyCmsSignatureOnly } from '../../cms/verify-signer.js';
import { importPrivateKey } from '../../crypto/index.js';
import { UnsupportedError } from '../../errors.js';
import { loadCertificates } from '../../pki/index.js';
import { createTsa } from '../../tsp/create-tsa.js';
import type { TimestampSource } from '../../tsp/source.js';
import { contentsBytes, digestByteRange, type ByteRange } from '../byte-range.js';
import { findSignatureDicts } from '../signature-dicts.js';
import type { DigestName } from '../../crypto/types.js';
import { openPdf, signatureFields } from '../document/index.js';
import { signPdf, TIMESTAMP_TOKEN_RESERVE } from './sign-pdf.js';
import { timestampPdf } from './timestamp-pdf.js';
import type { PdfSignerIdentity } from './types.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (alg: string, f: string): string => join(repo, 'fixtures/pki', alg, f);
const base = new Uint8Array(readFileSync(join(repo, 'fixtures/pdf/base.pdf')));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfsign-seq-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const when = new Date('2030-01-01T08:00:00Z');

type Alg = 'rsa' | 'p256' | 'sm2';
const cert = (alg: Alg, name: string) => loadCertificates(readFileSync(pki(alg, `${name}.pem`)))[0]!;
const signer = (alg: Alg): PdfSignerIdentity => ({
  key: importPrivateKey(readFileSync(pki(alg, 'signer.key.pem'))),
  certificate: cert(alg, 'signer'),
  chain: [cert(alg, 'intermediate')],
});
const tsaSource = (alg: Alg): TimestampSource => {
  const tsa = createTsa(importPrivateKey(readFileSync(pki(alg, 'tsa.key.pem'))), cert(alg, 'tsa'), { chain: [cert(alg, 'intermediate')] });
  return (imp) => Promise.resolve(tsa.timestamp(imp));
};

function write(bytes: Uint8Array, name: string): string {
  const p = join(tmp, name);
  writeFileSync(p, bytes);
  return p;
}
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: tmp, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
};

function sigs(pdf: Uint8Array) {
  return findSignatureDicts(pdf).signatures.map((s) => {
    const br = s.byteRange!.values as unknown as ByteRange;
    const padded = contentsBytes(pdf, s)!;
    const el = new Asn1Reader(padded, { mode: 'der', maxDepth: 64, maxElements: 1_000_000 }).read(0, padded.length, 0);
    return { dict: s, br, cms: padded.subarray(0, el.next) };
  });
}

/** The foundation's CMS verifier over the ByteRange digest: intact and valid (SM2 included, which pdfsig cannot do). */
function cryptoOk(pdf: Uint8Array, s: { br: ByteRange; cms: Uint8Array }): boolean {
  const signedData = parseSignedData(s.cms);
  const signerInfo = signedData.signers[0]!;
  const r = verifyCmsSignatureOnly({ signedData, signer: signerInfo, contentDigest: digestByteRange(pdf, s.br, signerDigestName(signerInfo)!)!, detached: true });
  return r.intact && r.valid;
}

/** Object numbers written by the update between two file lengths. */
function objectsIn(pdf: Uint8Array, from: number, to = pdf.length): number[] {
  return [...Buffer.from(pdf.subarray(from, to)).toString('latin1').matchAll(/(?:^|\n)(\d+) \d+ obj\b/g)].map((m) => Number(m[1]));
}

describe('three signatures in sequence (SM2, RSA, ECDSA)', () => {
  it('every earlier signature stays valid; qpdf --check passes; later updates leave earlier signature objects alone', async () => {
    const one = await signPdf(base, { signer: signer('sm2'), signingTime: when, reason: '一审' });
    const two = await signPdf(one, { signer: signer('rsa'), signingTime: when, reason: 'second' });
    const three = await signPdf(two, { signer: signer('p256'), signingTime: when, reason: 'third', subFilter: 'adbe.pkcs7.detached' });
    expect(Buffer.from(three.subarray(0, two.length)).equals(Buffer.from(two))).toBe(true);
    const path = write(three, 'three.pdf');
    expect(run('qpdf', ['--check', path]).code).toBe(0);

    const out = run('pdfsig', ['-nocert', path]).out;
    const blocks = out.split(/Signature #\d+:/).slice(1);
    expect(blocks).toHaveLength(3);
    // pdfsig cannot verify SM2; the RSA and ECDSA ones must be valid, only the last covers the whole file.
    expect(blocks[1]).toContain('Signature is Valid');
    expect(blocks[1]).toContain('Not total document signed');
    expect(blocks[2]).toContain('Signature is Valid');
    expect(blocks[2]).toContain('Total document signed');

    const found = sigs(three);
    expect(found).toHaveLength(3);
    for (const s of found) expect(cryptoOk(three, s)).toBe(true);
    expect(found.map((s) => s.br[2] + s.br[3])).toEqual([one.length, two.length, three.length]);

    // The first signature's dictionary and widget are never rewritten by the later updates.
    const firstObjs = objectsIn(one, base.length);
    const sigObj = Number(/(\d+) 0 obj\n<< \/Type \/Sig/.exec(Buffer.from(one.subarray(base.length)).toString('latin1'))![1]);
    const widgetObj = Number(/(\d+) 0 obj\n<< \/Type \/Annot/.exec(Buffer.from(one.subarray(base.length)).toString('latin1'))![1]);
    expect(firstObjs).toContain(sigObj);
    const later = [...objectsIn(two, one.length), ...objectsIn(three, two.length)];
    expect(later).not.toContain(sigObj);
    expect(later).not.toContain(widgetObj);
    // Field names are unique: Signature1..3 (pdfsig lists them).
    expect(out).toContain('Signature Field Name: Signature1');
    expect(out).toContain('Signature Field Name: Signature3');
  });

  it('a field name already in use is refused', async () => {
    const one = await signPdf(base, { signer: signer('rsa'), fieldName: 'Approval', signingTime: when });
    await expect(signPdf(one, { signer: signer('rsa'), fieldName: 'Approval' })).rejects.toThrow(/already has a field "Approval"/);
  });
});

describe('certification signatures (DocMDP)', () => {
  it('P=1: /Reference DocMDP in the signature, /Perms in the catalog; another signature is refused, a document timestamp is not', async () => {
    const cert1 = await signPdf(base, { signer: signer('rsa'), certify: 1, signingTime: when });
    const text = Buffer.from(cert1.subarray(base.length)).toString('latin1');
    expect(text).toMatch(/\/Reference \[<< \/Type \/SigRef \/TransformMethod \/DocMDP \/TransformParams << \/Type \/TransformParams \/P 1 \/V \/1.2 >> >>\]/);
    const sigNum = /(\d+) 0 obj\n<< \/Type \/Sig/.exec(text)![1];
    expect(text).toMatch(new RegExp(`/Perms <<\\s*/DocMDP ${sigNum} 0 R\\s*>>`));
    expect(run('pdfsig', ['-nocert', write(cert1, 'cert1.pdf')]).out).toContain('Signature is Valid');
    await expect(signPdf(cert1, { signer: signer('p256') })).rejects.toThrow(UnsupportedError);
    await expect(signPdf(cert1, { signer: signer('p256') })).rejects.toThrow(/P=1/);
    // ISO 32000-2: document timestamps are not changes under P=1.
    const ts = await timestampPdf(cert1, { timestamp: tsaSource('rsa') });
    expect(sigs(ts)).toHaveLength(2);
  });

  it('P=2: a second signature is allowed and both verify', async () => {
    const cert2 = await signPdf(base, { signer: signer('p256'), certify: 2, signingTime: when });
    const two = await signPdf(cert2, { signer: signer('rsa'), signingTime: when });
    const out = run('pdfsig', ['-nocert', write(two, 'cert2.pdf')]).out;
    expect(out.match(/Signature is Valid/g)).toHaveLength(2);
    expect(run('qpdf', ['--check', join(tmp, 'cert2.pdf')]).code).toBe(0);
  });

  it('certify on an already signed document is refused', async () => {
    const one = await signPdf(base, { signer: signer('rsa'), signingTime: when });
    await expect(signPdf(one, { signer: signer('rsa'), certify: 2 })).rejects.toThrow(/first signature/);
  });
});

describe('timestamps', () => {
  for (const [sigAlg, tsaAlg] of [['rsa', 'rsa'], ['p256', 'p256'], ['sm2', 'p256']] as const) {
    it(`B-T (${sigAlg} signature, ${tsaAlg} TSA): the token passes openssl ts -verify over H(signature value)`, async () => {
      const requests: DigestName[] = [];
      const source = tsaSource(tsaAlg);
      const out = await signPdf(base, {
        signer: signer(sigAlg),
        timestamp: (imp) => (requests.push(imp.digestName), source(imp)),
        signingTime: when,
      });
      // One request per signature: no probe to size the placeholder.
      expect(requests).toEqual([sigAlg === 'sm2' ? 'sm3' : 'sha256']);
      const [s] = sigs(out);
      const si = parseSignedData(s!.cms).signers[0]!;
      const attr = si.unsignedAttributes!.find((a) => a.oid === OID_SIGNATURE_TIMESTAMP_TOKEN)!;
      write(attr.values[0]!, 'tst.der');
      write(si.signature, 'sigval.bin');
      write(readFileSync(pki(tsaAlg, 'intermediate.pem')), 'tsa-int.pem');
      const md = sigAlg === 'sm2' ? '-sm3' : '-sha256';
      const hex = run('openssl', ['dgst', md, '-r', 'sigval.bin']).out.split(' ')[0]!;
      const v = run('openssl', ['ts', '-verify', '-digest', hex, '-in', 'tst.der', '-token_in', '-CAfile', pki(tsaAlg, 'root.pem'), '-untrusted', 'tsa-int.pem']);
      expect(v.out).toContain('Verification: OK');
      // Another digest does not verify: the oracle is discriminating.
      const w = run('openssl', ['ts', '-verify', '-digest', hex.replace(/^./, (c) => (c === '0' ? '1' : '0')), '-in', 'tst.der', '-token_in', '-CAfile', pki(tsaAlg, 'root.pem'), '-untrusted', 'tsa-int.pem']);
      expect(w.out).not.toContain('Verification: OK');
      // The timestamp did not break the signature (it is an unsigned attribute).
      expect(cryptoOk(out, s!)).toBe(true);
      if (sigAlg !== 'sm2') expect(run('pdfsig', ['-nocert', write(out, 'bt.pdf')]).out).toContain('Signature is Valid');
      // The placeholder is the CMS estimate plus the token reserve: the padding is at most the reserve and margin.
      expect(s!.dict.contents!.end - s!.dict.contents!.start - 2 - 2 * s!.cms.length).toBeLessThanOrEqual(2 * (TIMESTAMP_TOKEN_RESERVE + 64 + 16));
    });
  }

  it('document timestamp (ETSI.RFC3161): openssl ts -verify -data over the ByteRange bytes; earlier signature still valid', async () => {
    const signed = await signPdf(base, { signer: signer('rsa'), signingTime: when });
    let requests = 0;
    const source = tsaSource('rsa');
    const out = await timestampPdf(signed, { timestamp: (imp) => (requests++, source(imp)) });
    expect(requests).toBe(1);
    const text = Buffer.from(out.subarray(signed.length)).toString('latin1');
    expect(text).toContain('/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161');
    expect(signatureFields(openPdf(out)).map((f) => f.name)).toEqual(['Signature1', 'Timestamp1']);
    const [first, doc] = sigs(out);
    expect(cryptoOk(out, first!)).toBe(true);
    write(doc!.cms, 'dts.der');
    write(Buffer.concat([out.subarray(0, doc!.br[1]), out.subarray(doc!.br[2], doc!.br[2] + doc!.br[3])]), 'dts-signed.bin');
    write(readFileSync(pki('rsa', 'intermediate.pem')), 'tsa-int.pem');
    const v = run('openssl', ['ts', '-verify', '-data', 'dts-signed.bin', '-in', 'dts.der', '-token_in', '-CAfile', pki('rsa', 'root.pem'), '-untrusted', 'tsa-int.pem']);
    expect(v.out).toContain('Verification: OK');
    expect(doc!.br[2] + doc!.br[3]).toBe(out.length);
    expect(run('qpdf', ['--check', write(out, 'dts.pdf')]).code).toBe(0);
    const p = run('pdfsig', ['-nocert', join(tmp, 'dts.pdf')]).out;
    expect(p.split(/Signature #\d+:/)[1]).toContain('Signature is Valid');
  });

  it('a timestamp source that fails makes signPdf reject (no half-signed output)', async () => {
    const failing: TimestampSource = () => Promise.reject(new Error('TSA unreachable'));
    await expect(signPdf(base, { signer: signer('rsa'), timestamp: failing })).rejects.toThrow(/TSA unreachable/);
  });
});
