// What the signature dictionary says, read back independently: /M, /Reason, /Location, /Name, /ContactInfo through
// the document model and the verifier's facets, /M through pdfsig; caller texts that look like PDF structure
// (`/Contents <`, `/ByteRange [`) cannot disturb the layout; DocMDP P=3; the timestamp imprint digest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OID_SIGNATURE_TIMESTAMP_TOKEN } from '../../cms/oids.js';
import { parseSignedData } from '../../cms/parse.js';
import { digest, importPrivateKey } from '../../crypto/index.js';
import type { DigestName } from '../../crypto/types.js';
import { loadCertificates } from '../../pki/index.js';
import { createTsa } from '../../tsp/create-tsa.js';
import type { TimestampSource } from '../../tsp/source.js';
import { verify } from '../../verify.js';
import { contentsBytes } from '../byte-range.js';
import { certification, openPdf, pdfText, signatureFields } from '../document/index.js';
import { findSignatureDicts } from '../signature-dicts.js';
import { signPdf, TIMESTAMP_TOKEN_RESERVE } from './sign-pdf.js';
import type { PdfSignerIdentity } from './types.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (alg: string, f: string): string => join(repo, 'fixtures/pki', alg, f);
const base = new Uint8Array(readFileSync(join(repo, 'fixtures/pdf/base.pdf')));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfsign-dict-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const when = new Date('2030-01-02T03:04:05Z');
const cert = (alg: string, name: string) => loadCertificates(readFileSync(pki(alg, `${name}.pem`)))[0]!;
const signer = (alg: string): PdfSignerIdentity => ({
  key: importPrivateKey(readFileSync(pki(alg, 'signer.key.pem'))),
  certificate: cert(alg, 'signer'),
  chain: [cert(alg, 'intermediate')],
});
const pdfsig = (pdf: Uint8Array): string => {
  const p = join(tmp, `s${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(p, pdf);
  return spawnSync('pdfsig', ['-nocert', p], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }).stdout;
};
const qpdfOk = (pdf: Uint8Array): boolean => {
  const p = join(tmp, `q${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(p, pdf);
  return spawnSync('qpdf', ['--check', p]).status === 0;
};
const dictOf = (pdf: Uint8Array, i = 0) => {
  const d = signatureFields(openPdf(pdf))[i]!.valueDict!;
  const text = (k: string) => pdfText(d.get(k));
  return { d, text };
};

describe('signature dictionary values', () => {
  it('/M, /Reason, /Location, /Name, /ContactInfo read back (document model, verifier facets, pdfsig /M)', async () => {
    const out = await signPdf(base, { signer: signer('rsa'), signingTime: when, reason: '审批 approval', location: 'Beijing', name: 'Tester', contactInfo: 'a@b.c' });
    const { text } = dictOf(out);
    expect(text('M')).toBe('D:20300102030405Z');
    expect(text('Reason')).toBe('审批 approval');
    expect(text('Location')).toBe('Beijing');
    expect(text('Name')).toBe('Tester');
    expect(text('ContactInfo')).toBe('a@b.c');
    const report = await verify(out, { at: when });
    expect(report.signatures[0]!.pdf!.dictionary).toMatchObject({ reason: '审批 approval', location: 'Beijing', name: 'Tester', contactInfo: 'a@b.c' });
    // pdfsig 22.12 prints /M (not /Reason, /Location, /Name).
    expect(pdfsig(out)).toContain('Signing Time: Jan 02 2030 03:04:05');
  });

  it('empty texts write no entry', async () => {
    const out = await signPdf(base, { signer: signer('rsa'), name: '', reason: '', location: '' });
    const { d } = dictOf(out);
    expect([...d.keys()].filter((k) => ['Name', 'Reason', 'Location'].includes(k))).toEqual([]);
  });

  it('texts that look like PDF structure (/Contents <, /ByteRange [, parentheses) do not disturb the layout', async () => {
    const texts = { reason: 'x /Contents <y', location: '/ByteRange [0 1 2 3]', name: ') /Contents <00> (', contactInfo: '\\) >> endobj' };
    const out = await signPdf(base, { signer: signer('rsa'), ...texts });
    // The byte scan a verifier uses finds one signature, its /ByteRange covering the whole file.
    const found = findSignatureDicts(out).signatures;
    expect(found).toHaveLength(1);
    const br = found[0]!.byteRange!.values;
    expect(br[0]).toBe(0);
    expect(br[2]! + br[3]!).toBe(out.length);
    expect(contentsBytes(out, found[0]!)!.length).toBeGreaterThan(1000);
    expect(pdfsig(out)).toContain('Signature is Valid');
    expect(qpdfOk(out)).toBe(true);
    const { text } = dictOf(out);
    expect({ reason: text('Reason'), location: text('Location'), name: text('Name'), contactInfo: text('ContactInfo') }).toEqual(texts);
    const sig = (await verify(out)).signatures[0]!;
    expect(sig.pdf).toMatchObject({ intact: true, valid: true, coverage: 'ENTIRE_FILE' });
    // Caller texts are hex strings: the raw update holds none of them.
    const tail = Buffer.from(out.subarray(base.length)).toString('latin1');
    expect(tail.match(/\/Contents </g)).toHaveLength(1);
    expect(tail.match(/\/ByteRange \[/g)).toHaveLength(1);
  });

  it('DocMDP P=3: /P 3 written, a second signature allowed, both intact and valid', async () => {
    const certified = await signPdf(base, { signer: signer('p256'), certify: 3, signingTime: when });
    const c = certification(openPdf(certified))!;
    expect(c.p).toBe(3);
    expect(c.declaredP).toEqual({ t: 'num', v: 3, int: true });
    const two = await signPdf(certified, { signer: signer('rsa'), signingTime: when });
    expect(pdfsig(two).match(/Signature is Valid/g)).toHaveLength(2);
    const report = await verify(two, { at: when });
    expect(report.signatures.map((s) => [s.pdf!.intact, s.pdf!.valid, s.pdf!.docMdp])).toEqual([
      [true, true, 3],
      [true, true, 3],
    ]);
    expect(report.signatures[0]!.pdf!.docMdpOk).toBe(true);
  });
});

describe('signature timestamps', () => {
  const tsa = (alg: string, chain = [cert(alg, 'intermediate')]): TimestampSource => {
    const t = createTsa(importPrivateKey(readFileSync(pki(alg, 'tsa.key.pem'))), cert(alg, 'tsa'), { chain });
    return (imp) => Promise.resolve(t.timestamp(imp));
  };

  it('timestampDigest: an SM2/SM3 signature time-stamped with a SHA-256 imprint, one request', async () => {
    const seen: DigestName[] = [];
    const source = tsa('p256');
    const out = await signPdf(base, { signer: signer('sm2'), timestampDigest: 'sha256', timestamp: (imp) => (seen.push(imp.digestName), source(imp)) });
    expect(seen).toEqual(['sha256']);
    const s = findSignatureDicts(out).signatures[0]!;
    const padded = contentsBytes(out, s)!;
    const si = parseSignedData(padded.subarray(0, 2 + 2 + ((padded[2]! << 8) | padded[3]!))).signers[0]!;
    const token = si.unsignedAttributes!.find((a) => a.oid === OID_SIGNATURE_TIMESTAMP_TOKEN)!.values[0]!;
    write('tst-sha256.der', token);
    const hex = Buffer.from(digest('sha256', si.signature)).toString('hex');
    const v = spawnSync('openssl', ['ts', '-verify', '-digest', hex, '-in', 'tst-sha256.der', '-token_in', '-CAfile', pki('p256', 'root.pem'), '-untrusted', pki('p256', 'intermediate.pem')], { cwd: tmp, encoding: 'utf8' });
    expect(v.stdout + v.stderr).toContain('Verification: OK');
  });

  it(`a token larger than the ${TIMESTAMP_TOKEN_RESERVE}-byte reserve: laid out once more (two requests), still valid`, async () => {
    let requests = 0;
    // Every test certificate in the token: well over the reserve.
    const many = ['rsa', 'p256', 'sm2'].flatMap((alg) => readdirSync(join(repo, 'fixtures/pki', alg)).filter((f) => f.endsWith('.pem') && !f.includes('key') && !f.includes('crl') && f !== 'chain.pem').map((f) => cert(alg, f.replace(/\.pem$/, ''))));
    const source = tsa('rsa', many);
    const probe = await source({ digest: new Uint8Array(32), digestName: 'sha256' });
    expect(probe.length).toBeGreaterThan(TIMESTAMP_TOKEN_RESERVE);
    const out = await signPdf(base, { signer: signer('rsa'), timestamp: (imp) => (requests++, source(imp)) });
    expect(requests).toBe(2);
    expect(pdfsig(out)).toContain('Signature is Valid');
    expect((await verify(out)).signatures[0]!.pdf).toMatchObject({ intact: true, valid: true, padesLevel: 'B-T' });
  });
});

function write(name: string, b: Uint8Array): void {
  writeFileSync(join(tmp, name), b);
}
