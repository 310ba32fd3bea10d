// The objects the signer rewrites come from the xref chain as of the last revision (the document model), never from
// a body scan: an unlisted shadow copy of a page must not become the signed, current page. Damaged files (repaired
// xref, an unreadable object among those rewritten) are refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importPrivateKey } from '../../crypto/index.js';
import { UnsupportedError } from '../../errors.js';
import { loadCertificates } from '../../pki/index.js';
import { verify } from '../../verify.js';
import { openPdf, pageRefs } from '../document/index.js';
import { signPdf } from './sign-pdf.js';
import type { PdfSignerIdentity } from './types.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (f: string): string => join(repo, 'fixtures/pki/rsa', f);
const base = readFileSync(join(repo, 'fixtures/pdf/base.pdf'));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfsign-src-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const signer: PdfSignerIdentity = {
  key: importPrivateKey(readFileSync(pki('signer.key.pem'))),
  certificate: loadCertificates(readFileSync(pki('signer.pem')))[0]!,
  chain: loadCertificates(readFileSync(pki('intermediate.pem'))),
};
const pageText = (pdf: Uint8Array, page: number): string => {
  const p = join(tmp, `t${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(p, pdf);
  return spawnSync('pdftotext', ['-f', String(page), '-l', String(page), p, '-'], { encoding: 'utf8' }).stdout;
};

/**
 * base.pdf (page 1 = object 5) + one update: `objects` in the body, only `listed` of them in its xref section; `raw`
 * objects are written as given (e.g. unparsable) and listed too.
 */
function update(objects: Record<number, string>, listed: number[], raw: Record<number, string> = {}): Uint8Array {
  let out = base.toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(out)![1]);
  const off: Record<number, number> = {};
  for (const [n, body] of Object.entries(objects)) {
    off[Number(n)] = out.length;
    out += `${n} 0 obj\n${body}\nendobj\n`;
  }
  for (const [n, text] of Object.entries(raw)) {
    off[Number(n)] = out.length;
    out += text;
    listed.push(Number(n));
  }
  const xref = out.length;
  out += 'xref\n';
  for (const n of listed) out += `${n} 1\n${String(off[n]).padStart(10, '0')} 00000 n \n`;
  const size = Math.max(9, ...Object.keys(objects).map(Number), ...Object.keys(raw).map(Number)) + 1;
  out += `trailer\n<< /Size ${size} /Root 2 0 R /Info 3 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('objects rewritten by the signer', () => {
  it('an unlisted shadow copy of the page is ignored: the signed file shows, and the verifier sees, the real page', async () => {
    const content = 'BT /F1 48 Tf 100 400 Td (SHADOW PAGE) Tj ET';
    const shadow = update(
      {
        20: `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
        21: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        // Page 1 again, after the listed objects in the body, but NOT in this update's xref: not current.
        5: '<< /Type /Page /Parent 1 0 R /Resources << /Font << /F1 21 0 R >> >> /MediaBox [ 0 0 595.28 841.89 ] /Contents [ 20 0 R ] >>',
        3: '<< /Producer (x) >>',
      },
      [3, 20, 21],
    );
    expect(spawnSync('qpdf', ['--check', '-'], { input: shadow }).status ?? 0).toBeLessThanOrEqual(3);
    expect(pageText(shadow, 1)).not.toContain('SHADOW PAGE');
    const before = pageText(shadow, 1);
    expect(before).toContain('heyan PDF signing test');

    const signed = await signPdf(shadow, { signer });
    // pdftotext (poppler) and the document model agree with the input: page 1 is the real page.
    expect(pageText(signed, 1)).toBe(before);
    const doc = openPdf(signed);
    const page = doc.resolve({ t: 'ref', ...pageRefs(doc).refs[0]! });
    const contents = page?.t === 'dict' ? page.v.get('Contents') : undefined;
    expect(contents).not.toEqual({ t: 'array', v: [{ t: 'ref', num: 20, gen: 0 }] });
    expect(JSON.stringify(contents)).toBe(JSON.stringify(openPdf(shadow).resolve((openPdf(shadow).getObject(5) as { v: Map<string, never> }).v.get('Contents'))));
    // The verifier: the signature is intact and valid, and nothing changed after it.
    const report = await verify(signed);
    const sig = report.signatures[0]!;
    expect(sig.pdf).toMatchObject({ intact: true, valid: true, coverage: 'ENTIRE_FILE', modificationLevel: 'NONE' });
  });

  it('a repaired file (an xref table that cannot be read) is refused', async () => {
    const text = base.toString('latin1').replace('0 9\n0000000000 65535 f', '0 9\n000000000x 65535 f');
    const broken = Buffer.from(text, 'latin1');
    expect(openPdf(broken).repaired).toBe(true);
    const p = signPdf(broken, { signer });
    await expect(p).rejects.toThrow(UnsupportedError);
    await expect(p).rejects.toThrow(/broken|repair/);
  });

  it('an object the xref lists at the wrong offset (found elsewhere by scanning) is refused', async () => {
    const moved = Buffer.from(base.toString('latin1').replace('0000000082 00000 n', '0000001200 00000 n'), 'latin1');
    expect(openPdf(moved).repaired).toBe(false);
    const p = signPdf(moved, { signer });
    await expect(p).rejects.toThrow(UnsupportedError);
    await expect(p).rejects.toThrow(/object 2\) is not where the xref says/);
  });

  for (const [what, page, extraObjects] of [
    ['/Annots array of the page', '<< /Type /Page /Parent 1 0 R /MediaBox [0 0 595.28 841.89] /Annots 30 0 R >>', {}],
    ['/AcroForm of the catalog', '<< /Type /Page /Parent 1 0 R /MediaBox [0 0 595.28 841.89] >>', { 2: '<< /Type /Catalog /Pages 1 0 R /AcroForm 30 0 R >>' }],
  ] as const) {
    it(`an unreadable object among those rewritten (${what}) is refused`, async () => {
      // Object 30 is listed at an offset where no object parses.
      const garbage = '30 0 obj\n<< /Fields [ 1 0 R >> ]] )\nendobj\n';
      const objects: Record<number, string> = { 5: page, ...extraObjects };
      const withEntry = update(objects, Object.keys(objects).map(Number), { 30: garbage });
      expect(openPdf(withEntry).unreadable(30)).toBe(true);
      expect(openPdf(withEntry).repaired).toBe(false);
      const p = signPdf(withEntry, { signer });
      await expect(p).rejects.toThrow(UnsupportedError);
      await expect(p).rejects.toThrow(/object 30\) cannot be read/);
    });
  }
});
