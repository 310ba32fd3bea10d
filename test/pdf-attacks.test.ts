// Attack fixtures made from our own signed PDFs (fixtures/pdf/attacks, written by scripts/make-pdf-attacks.js): every
// attacked file is FAILED by verify() and the check that names the attack failed; the untouched signed bases are
// PASSED up to their own trust anchor. Where an attack leaves the CMS valid over its ByteRange (incremental saving,
// shadow, certification), the test also proves that, so the failure comes from the structural check and not from a
// broken digest. The expected check of each file is stated here, independently of the script's README.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TrustStore, findCheck, loadCertificates, verify, type Certificate, type Report, type SignatureReport } from '@heyan/core';
import { internalErrors } from './helpers/report-shape.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dir = join(repo, 'fixtures/pdf/attacks');
const AT = new Date('2030-01-01T00:00:00Z');
type Alg = 'rsa' | 'sm2' | 'p256';
const root = (alg: Alg): Certificate => loadCertificates(readFileSync(join(repo, 'fixtures/pki', alg, 'root.pem')))[0]!;
const allRoots = (): TrustStore => new TrustStore().addAnchor(root('rsa')).addAnchor(root('sm2')).addAnchor(root('p256'));
const read = (f: string): Uint8Array => new Uint8Array(readFileSync(join(dir, f)));
const run = (f: string, trust: TrustStore): Promise<Report> => Promise.resolve(verify(read(f), { trust, at: AT, name: f }));
const failedIds = (s: SignatureReport): string[] => s.checks.filter((c) => c.status === 'failed').map((c) => c.id);
const explain = (r: Report): string =>
  r.signatures.map((s) => `#${s.index} ${s.indication}/${s.subIndication ?? ''}: ${s.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped').map((c) => `${c.id}:${c.status}`).join(' ')}`).join('\n');

interface Attack {
  file: string;
  /** The check that must fail on the attacked signature. */
  check: string;
  /** 1-based signature (in signing order) the attack targets; default 1. */
  sig?: number;
  /** The attack keeps that signature's CMS valid over its ByteRange (intact + valid). */
  cryptoValid?: boolean;
}

const ATTACKS: Attack[] = [
  { file: 'usf-contents-empty.pdf', check: 'pdf.contents.hex' },
  { file: 'usf-contents-zero.pdf', check: 'pdf.contents.hex' },
  { file: 'usf-contents-removed.pdf', check: 'pdf.contents.hex' },
  { file: 'usf-byterange-missing.pdf', check: 'pdf.byte-range.format' },
  { file: 'usf-byterange-two-numbers.pdf', check: 'pdf.byte-range.format' },
  { file: 'usf-byterange-negative.pdf', check: 'pdf.byte-range.format' },
  { file: 'usf-byterange-not-at-zero.pdf', check: 'pdf.byte-range.start' },
  { file: 'usf-byterange-past-eof.pdf', check: 'pdf.byte-range.bounds' },
  { file: 'usf-byterange-indirect.pdf', check: 'pdf.byte-range.format' },
  { file: 'isa-page-content.pdf', check: 'pdf.changes.pages', cryptoValid: true },
  { file: 'isa-add-page.pdf', check: 'pdf.changes.pages', cryptoValid: true },
  { file: 'isa-annotation-over-seal.pdf', check: 'pdf.changes.annotations', cryptoValid: true },
  { file: 'isa-tail-no-xref.pdf', check: 'pdf.revision.tail', cryptoValid: true },
  { file: 'isa-xref-repoint.pdf', check: 'pdf.changes.appearance', cryptoValid: true },
  { file: 'isa-reason-spoofed.pdf', check: 'pdf.changes.signature-dictionary', cryptoValid: true },
  { file: 'isa-seal-appearance.pdf', check: 'pdf.changes.appearance', cryptoValid: true },
  { file: 'sm2-isa-page-content.pdf', check: 'pdf.changes.pages', cryptoValid: true },
  { file: 'sm2-isa-annotation-over-seal.pdf', check: 'pdf.changes.annotations', cryptoValid: true },
  { file: 'swa-wrapping.pdf', check: 'pdf.byte-range.gap' },
  { file: 'sm2-swa-wrapping.pdf', check: 'pdf.byte-range.gap' },
  { file: 'shadow-hide.pdf', check: 'pdf.changes.appearance', cryptoValid: true },
  { file: 'shadow-replace-font.pdf', check: 'pdf.changes.appearance', cryptoValid: true },
  { file: 'shadow-replace-field.pdf', check: 'pdf.changes.appearance', cryptoValid: true },
  { file: 'cert-p1-signature.pdf', check: 'pdf.changes.doc-mdp', cryptoValid: true },
  { file: 'cert-p1-annotation.pdf', check: 'pdf.changes.doc-mdp', cryptoValid: true },
  { file: 'cert-p1-form-fill.pdf', check: 'pdf.changes.doc-mdp', cryptoValid: true },
  { file: 'cert-p2-annotation.pdf', check: 'pdf.changes.doc-mdp', cryptoValid: true },
  { file: 'overlap-byteranges.pdf', check: 'pdf.byte-range.collision', sig: 2 },
];

const BASES: { file: string; alg: Alg }[] = [
  { file: 'base-signed-rsa.pdf', alg: 'rsa' },
  { file: 'base-signed-sm2.pdf', alg: 'sm2' },
  { file: 'base-signed-rsa-seal.pdf', alg: 'rsa' },
  { file: 'base-signed-sm2-seal.pdf', alg: 'sm2' },
  { file: 'base-certified-p1.pdf', alg: 'rsa' },
  { file: 'base-certified-p2.pdf', alg: 'rsa' },
];

describe('PDF attack fixtures (scripts/make-pdf-attacks.js)', () => {
  it('every fixture file is covered here and listed in the README', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort();
    const known = [...ATTACKS.map((a) => a.file), ...BASES.map((b) => b.file), 'base-unsigned.pdf'].sort();
    expect(files).toEqual(known);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const f of files) expect(readme).toContain(`\`${f}\``);
  });

  it('every expected check id is in the check catalogue', () => {
    for (const a of ATTACKS) expect(findCheck(a.check), a.check).toBeDefined();
  });

  for (const b of BASES) {
    it(`${b.file}: PASSED with the ${b.alg} test root as anchor, every signature intact and untouched`, async () => {
      const r = await run(b.file, new TrustStore().addAnchor(root(b.alg)));
      expect(internalErrors(r)).toEqual([]);
      expect(r.indication, explain(r)).toBe('PASSED');
      expect(r.signatures).toHaveLength(1);
      const s = r.signatures[0]!;
      expect(s.pdf).toMatchObject({ intact: true, valid: true, trusted: true, coverage: 'ENTIRE_FILE' });
      expect(s.chain?.at(-1)?.fingerprintSha256).toBe(root(b.alg).fingerprintSha256);
      // The anchor decides: without it the same file is not PASSED.
      const none = await run(b.file, new TrustStore());
      expect(none.indication).not.toBe('PASSED');
    });
  }

  it('base-unsigned.pdf: not signed → FAILED', async () => {
    const r = await run('base-unsigned.pdf', allRoots());
    expect(r.indication).toBe('FAILED');
    expect(r.signatures).toHaveLength(0);
  });

  // A forged page 1 is a page change whichever way the content got there: a new content stream the page now points at
  // (isa-page-content) or the signed content stream's object number redefined in place (isa-xref-repoint).
  for (const f of ['isa-xref-repoint.pdf', 'isa-page-content.pdf', 'sm2-isa-page-content.pdf']) {
    it(`${f}: pdf.changes.pages failed, naming page 1's content`, async () => {
      const r = await run(f, allRoots());
      const s = r.signatures[0]!;
      const pages = s.checks.find((c) => c.id === 'pdf.changes.pages');
      expect(pages?.status, explain(r)).toBe('failed');
      expect(pages?.message.en).toContain('page 1 content changed');
    });
  }

  // The wrapped dictionary repeats /ByteRange (the attacker's one after the cut /Contents). Read as viewers read it
  // (the last one, pdfsig's "Signature is Valid"), the CMS is intact over the moved tail; the gap check and the
  // repeated key fail it.
  for (const f of ['swa-wrapping.pdf', 'sm2-swa-wrapping.pdf']) {
    it(`${f}: the last /ByteRange is used (CMS intact), pdf.signature.duplicate-keys and pdf.byte-range.gap failed`, async () => {
      const r = await run(f, allRoots());
      const s = r.signatures[0]!;
      expect(s.indication, explain(r)).toBe('FAILED');
      expect(failedIds(s), explain(r)).toEqual(expect.arrayContaining(['pdf.signature.duplicate-keys', 'pdf.byte-range.gap']));
      expect(s.checks.find((c) => c.id === 'pdf.signature.duplicate-keys')?.details).toEqual({ keys: ['/ByteRange'] });
      expect(s.pdf, explain(r)).toMatchObject({ intact: true, valid: true, coverage: 'UNCLEAR' });
    });
  }

  for (const a of ATTACKS) {
    it(`${a.file}: FAILED, ${a.check} failed${a.cryptoValid ? ' (CMS still valid)' : ''}`, async () => {
      const r = await run(a.file, allRoots());
      expect(internalErrors(r)).toEqual([]);
      expect(r.indication, explain(r)).toBe('FAILED');
      const s = r.signatures[(a.sig ?? 1) - 1];
      expect(s, explain(r)).toBeDefined();
      expect(s!.indication, explain(r)).toBe('FAILED');
      expect(failedIds(s!), explain(r)).toContain(a.check);
      if (a.cryptoValid) expect(s!.pdf, explain(r)).toMatchObject({ intact: true, valid: true, trusted: true });
    });
  }
});
