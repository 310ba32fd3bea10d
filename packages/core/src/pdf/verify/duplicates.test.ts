// Ambiguous PDFs that different readers read differently: a signature dictionary that repeats a key (re-signed, so
// the CMS is intact and valid and only the new check fails) and two signature fields with one fully qualified name.
// Oracle: poppler's pdfsig (which /M it shows, which field names it lists).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signDetached } from '../../cms/index.js';
import type { Check } from '../../report/types.js';
import { digestByteRange } from '../byte-range.js';
import { signPdf } from '../sign/index.js';
import { findSignatureDicts } from '../signature-dicts.js';
import { verify } from '../../verify.js';
import { verifyPdf } from './verify-pdf.js';
import { AT, base, byId, opts, signer } from './test-support.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfdup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SIGNED_AT = new Date('2026-01-15T08:00:00Z');
const failedIds = (checks: readonly Check[]): string[] => checks.filter((c) => c.status === 'failed').map((c) => c.id);

/**
 * A text as the signer writes caller-chosen texts (/Reason, /Location, /T …): a hex string of the ASCII bytes, or
 * UTF-16BE with a BOM when not ASCII (ISO 32000-1 §7.9.2.2).
 */
function hexText(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `<${Buffer.from(s, 'latin1').toString('hex')}>`;
  return `<feff${Buffer.from(s, 'utf16le').swap16().toString('hex')}>`;
}

/** Replace `from` (its only occurrence, matched case-insensitively: hex digits) by `to` of the same length. */
function patch(pdf: Uint8Array, from: string, to: string): Uint8Array {
  expect(to.length).toBe(from.length);
  const b = Buffer.from(Buffer.from(pdf).toString('latin1').toLowerCase(), 'latin1');
  const needle = Buffer.from(from.toLowerCase(), 'latin1');
  const at = b.indexOf(needle);
  expect(b.lastIndexOf(needle)).toBe(at);
  expect(at).toBeGreaterThan(0);
  const out = new Uint8Array(pdf);
  out.set(Buffer.from(to, 'latin1'), at);
  return out;
}

/** A fresh PAdES CMS over what the (only) signature's /ByteRange names now, written into its /Contents. */
function resign(pdf: Uint8Array): Uint8Array {
  const sd = findSignatureDicts(pdf).signatures.at(-1)!;
  const digest = digestByteRange(pdf, sd.byteRange!.values as number[], 'sha256')!;
  const cms = signDetached({
    content: { digest, digestName: 'sha256' },
    key: signer.key,
    certificate: signer.certificate,
    chain: signer.chain!,
    digest: 'sha256',
    flavour: 'pkcs7',
    signingTime: SIGNED_AT,
    signingTimeAttribute: false,
    signingCertificateV2: true,
  });
  const room = sd.contents!.end - sd.contents!.start - 2;
  const hex = Buffer.from(cms).toString('hex').toUpperCase();
  expect(hex.length).toBeLessThanOrEqual(room);
  const out = new Uint8Array(pdf);
  out.set(Buffer.from(`<${hex.padEnd(room, '0')}>`, 'latin1'), sd.contents!.start);
  return out;
}

function pdfsig(pdf: Uint8Array, name: string): string {
  const file = join(tmp, name);
  writeFileSync(file, pdf);
  return spawnSync('pdfsig', ['-nocert', file], { encoding: 'utf8' }).stdout;
}

describe('a signature dictionary that repeats a key', () => {
  it('a second /M after the first, re-signed: CMS intact and valid, pdfsig shows the LAST /M; FAILED by pdf.signature.duplicate-keys only', async () => {
    // "/Location <hex of Beijing, China>" (40 bytes) becomes a second /M, space-padded to the same length, after /Reason.
    const signed = await signPdf(base, { signer, reason: 'Licence issued', location: 'Beijing, China', signingTime: SIGNED_AT });
    const clean = verifyPdf(signed, opts);
    expect(clean.signatures[0]!.indication).toBe('PASSED');
    expect(byId(clean.signatures[0]!.checks, 'pdf.signature.duplicate-keys').map((c) => c.status)).toEqual(['passed']);

    const location = `/Location ${hexText('Beijing, China')}`;
    const twoM = resign(patch(signed, location, '/M (D:20270101000000Z)'.padEnd(location.length, ' ')));
    const out = pdfsig(twoM, 'two-m.pdf');
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Signing Time: Jan 01 2027 00:00:00');

    const r = verifyPdf(twoM, opts);
    const s = r.signatures[0]!;
    expect(s.pdf).toMatchObject({ intact: true, valid: true, trusted: true, coverage: 'ENTIRE_FILE' });
    // Read as pdfsig reads it: the last /M.
    expect(s.pdf?.dictionary?.m).toBe('D:20270101000000Z');
    expect(s.signingTime).toBe('2027-01-01T00:00:00.000Z');
    expect(s.indication).toBe('FAILED');
    expect(failedIds(s.checks)).toEqual(['pdf.signature.duplicate-keys']);
    const dup = byId(s.checks, 'pdf.signature.duplicate-keys')[0]!;
    expect(dup.subIndication).toBe('FORMAT_FAILURE');
    expect(dup.details).toEqual({ keys: ['/M'] });
    expect(dup.message.en).toContain(': /M');
  });
});

describe('two signature fields with one fully qualified name', () => {
  it('distinct fields both named SigA, both signatures intact, valid and trusted: pdfsig lists SigA twice; document and both signatures FAILED by pdf.field.duplicate-name', async () => {
    const one = await signPdf(base, { signer, fieldName: 'SigA', signingTime: SIGNED_AT });
    const plain = await signPdf(one, { signer, fieldName: 'SigB', signingTime: SIGNED_AT });
    const before = verifyPdf(plain, opts);
    expect(byId(before.checks, 'pdf.field.duplicate-name').map((c) => c.status)).toEqual(['passed']);
    expect(before.signatures.map((s) => s.indication)).toEqual(['PASSED', 'PASSED']);

    // signPdf refuses a name in use: hide the first name while the second field is added, restore it (the first
    // signature is whole again), then re-sign the second signature over the final bytes.
    const hidden = patch(one, hexText('SigA'), hexText('SigZ'));
    const second = await signPdf(hidden, { signer, fieldName: 'SigA', signingTime: SIGNED_AT });
    const dup = resign(patch(second, hexText('SigZ'), hexText('SigA')));
    const out = pdfsig(dup, 'dup-names.pdf');
    expect([...out.matchAll(/Signature Field Name: (.*)/g)].map((m) => m[1])).toEqual(['SigA', 'SigA']);
    expect([...out.matchAll(/Signature Validation: (.*)/g)].map((m) => m[1])).toEqual(['Signature is Valid.', 'Signature is Valid.']);

    const r = verifyPdf(dup, opts);
    expect(r.signatures).toHaveLength(2);
    for (const s of r.signatures) {
      expect(s.pdf).toMatchObject({ field: 'SigA', intact: true, valid: true, trusted: true });
      // Each signature under the shared name carries the failure too, and nothing else fails.
      expect(s.indication).toBe('FAILED');
      expect(failedIds(s.checks)).toEqual(['pdf.field.duplicate-name']);
    }
    const c = byId(r.checks, 'pdf.field.duplicate-name');
    expect(c.map((x) => x.status)).toEqual(['failed']);
    expect(c[0]!.subIndication).toBe('FORMAT_FAILURE');
    expect(c[0]!.details).toEqual({ names: ['SigA'] });
    expect(c[0]!.message.en).toContain('SigA');
    // The document verdict: FAILED although each signature verifies.
    const report = await verify(dup, { trust: opts.trust!, at: AT });
    expect(report.indication).toBe('FAILED');
    expect(report.subIndication).toBe('FORMAT_FAILURE');
  });
});
