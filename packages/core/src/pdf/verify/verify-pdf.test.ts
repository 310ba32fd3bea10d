// verifyPdf on PDFs our signer made (SM2 in both OID flavours, ECDSA, RSA; PAdES and adbe.pkcs7; B-T; sequences with
// a document timestamp; certification), on attacks made from them, and on hostile bytes. The corpus verdicts are in
// test/pdf-corpus.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importPrivateKey } from '../../crypto/index.js';
import { Crl, TrustStore, loadCertificates } from '../../pki/index.js';
import type { Check, SignatureReport } from '../../report/types.js';
import { createTsa } from '../../tsp/create-tsa.js';
import type { TimestampSource } from '../../tsp/source.js';
import { appendUpdate } from '../changes/test-helpers.js';
import { openPdf, signatureFields } from '../document/index.js';
import { signPdf, timestampPdf } from '../sign/index.js';
import type { PdfSignerIdentity } from '../sign/types.js';
import { collisionChecks } from './collisions.js';
import { looksLikePdf } from './looks-like-pdf.js';
import { verifyPdf } from './verify-pdf.js';
import type { PdfVerifyOptions } from './types.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (alg: string, f: string): string => join(repo, 'fixtures/pki', alg, f);
const base = new Uint8Array(readFileSync(join(repo, 'fixtures/pdf/base.pdf')));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfverify-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Alg = 'rsa' | 'p256' | 'sm2';
const AT = new Date('2030-01-01T08:00:00Z');
const cert = (alg: Alg, name: string) => loadCertificates(readFileSync(pki(alg, `${name}.pem`)))[0]!;
const signer = (alg: Alg, name = 'signer'): PdfSignerIdentity => ({
  key: importPrivateKey(readFileSync(pki(alg, `${name}.key.pem`))),
  certificate: cert(alg, name),
  chain: [cert(alg, 'intermediate')],
});
/**
 * A text as the signer writes caller-chosen texts (/Reason, /Location, /T …): a hex string of the ASCII bytes, or
 * UTF-16BE with a BOM when not ASCII (ISO 32000-1 §7.9.2.2).
 */
const hexText = (s: string): string =>
  /^[\x20-\x7e]*$/.test(s) ? `<${Buffer.from(s, 'latin1').toString('hex')}>` : `<feff${Buffer.from(s, 'utf16le').swap16().toString('hex')}>`;
const trust = (alg: Alg) => new TrustStore().addAnchor(cert(alg, 'root'));
const tsaSource = (alg: Alg, clock?: () => Date): TimestampSource => {
  const tsa = createTsa(importPrivateKey(readFileSync(pki(alg, 'tsa.key.pem'))), cert(alg, 'tsa'), { chain: [cert(alg, 'intermediate')], ...(clock ? { clock } : {}) });
  return (imp) => Promise.resolve(tsa.timestamp(imp));
};
const opts = (alg: Alg, more: Partial<PdfVerifyOptions> = {}): PdfVerifyOptions => ({ time: AT, atGiven: true, trust: trust(alg), ...more });

const status = (s: SignatureReport | { checks: Check[] }, id: string) => s.checks.filter((c) => c.id === id).map((c) => c.status);
const notPassed = (s: SignatureReport) => s.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped').map((c) => `${c.id}:${c.status}:${c.message.en}`);

describe('our own signatures', () => {
  for (const [alg, algorithm] of [
    ['sm2', 'sm2-with-sm3'],
    ['p256', 'ecdsa-with-sha256'],
    ['rsa', 'sha256-with-rsa'],
  ] as const) {
    it(`${alg} PAdES B-B: PASSED, whole file, B-B, ${algorithm}`, async () => {
      const pdf = await signPdf(base, { signer: signer(alg), reason: '核验 test', location: 'Beijing', name: 'Signer', signingTime: AT });
      const r = verifyPdf(pdf, opts(alg));
      expect(r.checks.map((c) => `${c.id}:${c.status}`)).toEqual(
        expect.arrayContaining(['pdf.structure:passed', 'pdf.encrypted:passed', 'pdf.signature.orphan:passed', 'pdf.field.duplicate-name:passed']),
      );
      expect(r.signatures).toHaveLength(1);
      const s = r.signatures[0]!;
      expect(s.indication, notPassed(s).join('\n')).toBe('PASSED');
      expect(s.kind).toBe('pdf');
      expect(s.algorithm).toBe(algorithm);
      expect(s.pdf).toMatchObject({
        intact: true,
        valid: true,
        trusted: true,
        coverage: 'ENTIRE_FILE',
        modificationLevel: 'NONE',
        padesLevel: 'B-B',
        subFilter: 'ETSI.CAdES.detached',
        timeSource: 'at',
        dictionary: { reason: '核验 test', location: 'Beijing', name: 'Signer' },
      });
      expect(s.pdf!.dictionary!.m).toMatch(/^D:20300101080000/);
      expect(s.signer?.subject).toMatch(/CN=/);
      expect(s.chain).toHaveLength(3);
    });
  }

  it('SM2 in the GB/T 35275 OID flavour and as adbe.pkcs7.detached: PASSED (no PAdES level for adbe)', async () => {
    const gm = verifyPdf(await signPdf(base, { signer: signer('sm2'), sm2Flavour: 'gbt35275', signingTime: AT }), opts('sm2')).signatures[0]!;
    expect(gm.indication, notPassed(gm).join('\n')).toBe('PASSED');
    expect(gm.checks.find((c) => c.id === 'cms.structure')?.details).toMatchObject({ flavour: 'gbt35275' });
    const adbe = verifyPdf(await signPdf(base, { signer: signer('sm2'), subFilter: 'adbe.pkcs7.detached', signingTime: AT }), opts('sm2')).signatures[0]!;
    expect(adbe.indication, notPassed(adbe).join('\n')).toBe('PASSED');
    expect(adbe.pdf?.padesLevel).toBeUndefined();
    expect(status(adbe, 'pdf.pades.signing-time')).toEqual([]);
  });

  it('without an anchor: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND, integrity still shown', async () => {
    const s = verifyPdf(await signPdf(base, { signer: signer('p256'), signingTime: AT }), { time: AT, atGiven: true }).signatures[0]!;
    expect([s.indication, s.subIndication]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);
    expect(s.pdf).toMatchObject({ intact: true, valid: true, trusted: false });
  });

  it('a revoked signer with the CRL given: FAILED / REVOKED', async () => {
    const pdf = await signPdf(base, { signer: signer('rsa', 'revoked'), signingTime: AT });
    const crl = Crl.fromDer(new Uint8Array(Buffer.from(readFileSync(pki('rsa', 'intermediate.crl.pem'), 'latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64')));
    const s = verifyPdf(pdf, opts('rsa', { crls: [crl] })).signatures[0]!;
    expect([s.indication, s.subIndication]).toEqual(['FAILED', 'REVOKED']);
  });

  it('B-T: the signature timestamp passes, its time is the validation time when --at is not given', async () => {
    const pdf = await signPdf(base, { signer: signer('sm2'), timestamp: tsaSource('sm2') });
    const s = verifyPdf(pdf, { time: new Date(), atGiven: false, trust: trust('sm2') }).signatures[0]!;
    expect(s.indication, notPassed(s).join('\n')).toBe('PASSED');
    expect(status(s, 'pdf.timestamp.signature')).toEqual(['passed']);
    expect(s.pdf).toMatchObject({ padesLevel: 'B-T', timeSource: 'signature-timestamp' });
    expect(s.timestamp?.indication).toBe('PASSED');
  });

  it('a timestamp from an untrusted TSA is a warning, never a failure of the signature', async () => {
    const pdf = await signPdf(base, { signer: signer('p256'), timestamp: tsaSource('rsa'), signingTime: AT });
    const s = verifyPdf(pdf, opts('p256')).signatures[0]!;
    expect(status(s, 'pdf.timestamp.signature')).toEqual(['warning']);
    expect(s.indication).toBe('PASSED');
    expect(s.pdf?.timeSource).toBe('at');
  });

  it('three signatures (SM2, RSA, P-256) then a document timestamp: every signature PASSED, changes allowed', async () => {
    let pdf = await signPdf(base, { signer: signer('sm2'), signingTime: AT });
    pdf = await signPdf(pdf, { signer: signer('rsa'), signingTime: AT });
    pdf = await signPdf(pdf, { signer: signer('p256'), signingTime: AT });
    pdf = await timestampPdf(pdf, { timestamp: tsaSource('p256') });
    const t = new TrustStore().addAnchor(cert('sm2', 'root')).addAnchor(cert('rsa', 'root')).addAnchor(cert('p256', 'root'));
    const r = verifyPdf(pdf, { time: new Date(), atGiven: false, trust: t });
    expect(r.signatures.map((s) => s.kind)).toEqual(['pdf', 'pdf', 'pdf', 'pdf-timestamp']);
    for (const s of r.signatures) expect(s.indication, notPassed(s).join('\n')).toBe('PASSED');
    expect(r.signatures.map((s) => s.pdf?.coverage)).toEqual(['ENTIRE_REVISION', 'ENTIRE_REVISION', 'ENTIRE_REVISION', 'ENTIRE_FILE']);
    expect(r.signatures.map((s) => s.pdf?.modificationLevel)).toEqual(['FORM_FILLING', 'FORM_FILLING', 'LTA_UPDATES', 'NONE']);
    // The document timestamp proves the earlier signatures existed at its time.
    expect(r.signatures[0]!.pdf?.timeSource).toBe('document-timestamp');
    expect(status(r.signatures[3]!, 'tsp.message-imprint')).toEqual(['passed']);
    expect(r.signatures.every((s) => status(s, 'pdf.byte-range.collision')[0] === 'passed')).toBe(true);
  });

  it('certification P=2 then an approval signature: DocMDP 2 respected', async () => {
    let pdf = await signPdf(base, { signer: signer('rsa'), certify: 2, signingTime: AT });
    pdf = await signPdf(pdf, { signer: signer('rsa'), signingTime: AT });
    const r = verifyPdf(pdf, opts('rsa'));
    expect(r.signatures.map((s) => s.indication)).toEqual(['PASSED', 'PASSED']);
    expect(r.signatures[0]!.pdf).toMatchObject({ docMdp: 2, docMdpOk: true, modificationLevel: 'FORM_FILLING' });
  });
});

describe('attacks on our own files', () => {
  it('a flipped signed byte: FAILED / HASH_FAILURE, not intact, still valid', async () => {
    const pdf = await signPdf(base, { signer: signer('sm2'), signingTime: AT });
    pdf[200] = pdf[200]! ^ 0x01;
    const s = verifyPdf(pdf, opts('sm2')).signatures[0]!;
    expect([s.indication, s.subIndication]).toEqual(['FAILED', 'HASH_FAILURE']);
    expect(s.pdf).toMatchObject({ intact: false, valid: true });
  });

  it('the signature dictionary rewritten in a later update (spoofed /Reason): FAILED, the signed value shown', async () => {
    const pdf = await signPdf(base, { signer: signer('p256'), reason: 'Approved', signingTime: AT });
    const doc = openPdf(pdf);
    const field = signatureFields(doc)[0]!;
    const obj = doc.getObject(field.value!.num);
    if (obj?.t !== 'dict') throw new Error('no signature dictionary');
    // The signer writes /Reason as a hex string: find it case-insensitively, put the hex of the spoofed text there.
    const signedText = Buffer.from(pdf.subarray(obj.start!, obj.end!)).toString('latin1');
    const approved = new RegExp(hexText('Approved'), 'gi'); // only <, > and hex digits: no regex metacharacters
    expect(signedText.match(approved)).toHaveLength(1);
    const text = signedText.replace(approved, hexText('Rejected'));
    const root = doc.revisions.at(-1)!.trailer.get('Root');
    const spoofed = appendUpdate(pdf, { [field.value!.num]: text }, { root: root?.t === 'ref' ? root.num : 0 });
    const s = verifyPdf(spoofed, opts('p256')).signatures[0]!;
    expect([s.indication, s.subIndication]).toEqual(['FAILED', 'FORMAT_FAILURE']);
    expect(status(s, 'pdf.signature.dictionary')).toEqual(['failed']);
    expect(s.checks.find((c) => c.id === 'pdf.signature.dictionary')!.message.en).toMatch(/\/Reason: "Approved" → "Rejected"/);
    expect(s.pdf?.dictionary?.reason).toBe('Approved');
    expect(s.pdf?.coverage).toBe('ENTIRE_REVISION');
  });

  it('bytes appended without an xref/trailer (incremental saving attack relying on repair): FAILED pdf.revision.tail', async () => {
    const pdf = await signPdf(base, { signer: signer('rsa'), signingTime: AT });
    const tail = Buffer.from('\n1 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n', 'latin1');
    const s = verifyPdf(new Uint8Array(Buffer.concat([pdf, tail])), opts('rsa')).signatures[0]!;
    // The signed range still ends at a revision boundary; the tail is no update of the document.
    expect([s.indication, s.subIndication]).toEqual(['FAILED', 'FORMAT_FAILURE']);
    expect(status(s, 'pdf.revision.tail')).toEqual(['failed']);
    expect(s.checks.find((c) => c.id === 'pdf.revision.tail')!.message.en).toMatch(/\d+ bytes follow it/);
  });

  it('collisions: a later gap inside an earlier signed revision fails, a later signature covering an earlier gap does not', () => {
    expect(collisionChecks([[0, 100, 200, 50], [0, 300, 400, 50]]).map((c) => c?.status)).toEqual(['passed', 'passed']);
    expect(collisionChecks([[0, 100, 200, 50], [0, 220, 400, 50]]).map((c) => c?.status)).toEqual(['passed', 'failed']);
    expect(collisionChecks([[0, 100, 200, 50], undefined]).map((c) => c?.status)).toEqual(['passed', undefined]);
  });
});

describe('hostile and unsigned input: a report, never a throw', () => {
  it('an unsigned PDF: FAILED verify.input.signed', () => {
    const r = verifyPdf(base, { time: AT, atGiven: true });
    expect(r.signatures).toEqual([]);
    expect(status(r, 'verify.input.signed')).toEqual(['failed']);
  });

  it('recognises %PDF- within the first 1024 bytes only', () => {
    expect(looksLikePdf(Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(looksLikePdf(Buffer.concat([Buffer.alloc(1000, 0x20), Buffer.from('%PDF-1.4')]))).toBe(true);
    expect(looksLikePdf(Buffer.concat([Buffer.alloc(1020, 0x20), Buffer.from('%PDF-1.4')]))).toBe(false);
    expect(looksLikePdf(new Uint8Array(0))).toBe(false);
  });

  it('a signed PDF truncated at every 1/40th: no throw, never PASSED', async () => {
    const pdf = await signPdf(base, { signer: signer('sm2'), signingTime: AT });
    for (let i = 1; i < 40; i++) {
      const cut = pdf.subarray(0, Math.floor((pdf.length * i) / 40));
      const r = verifyPdf(cut, opts('sm2'));
      expect(r.signatures.every((s) => s.indication !== 'PASSED'), `cut ${i}`).toBe(true);
      if (r.signatures.length === 0) expect(r.checks.some((c) => c.status === 'failed')).toBe(true);
    }
  });

  it('garbage after a header, deep nesting, a broken xref: reports', () => {
    const cases = [
      Buffer.from('%PDF-1.7\n' + 'x'.repeat(5000)),
      Buffer.from('%PDF-1.7\n1 0 obj\n' + '['.repeat(100_000) + '\nendobj\nstartxref\n9\n%%EOF\n'),
      Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> /Filter /Adobe.PPKLite >>\nendobj\nstartxref\n999999\n%%EOF\n'),
    ];
    for (const b of cases) {
      const r = verifyPdf(new Uint8Array(b), { time: AT, atGiven: true });
      expect(r.signatures.every((s) => s.indication === 'FAILED')).toBe(true);
    }
  });

  it('an encrypted signed PDF (qpdf --encrypt): handled, pdf.encrypted warning, no dictionary texts', async () => {
    const pdf = await signPdf(base, { signer: signer('rsa'), reason: 'secret', signingTime: AT });
    writeFileSync(join(tmp, 'signed.pdf'), pdf);
    const q = spawnSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', 'signed.pdf', 'enc.pdf'], { cwd: tmp, encoding: 'utf8' });
    expect(q.status, q.stderr).toBe(0);
    const r = verifyPdf(new Uint8Array(readFileSync(join(tmp, 'enc.pdf'))), opts('rsa'));
    expect(status(r, 'pdf.encrypted')).toEqual(['warning']);
    for (const s of r.signatures) {
      expect(s.pdf?.dictionary).toBeUndefined();
      expect(s.indication).not.toBe('PASSED'); // qpdf rewrote the file: the old ByteRange no longer fits
    }
  });
});
