// The corpus PDFs (../shared/corpus/pdf, verdicts in corpus/README.md `pdf/`): the level and the changes of every
// signature, and poppler's renderer as an independent oracle for "did anything visible change".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openPdf, revisionEndingAt, signatureFields } from '../document/index.js';
import type { PdfDocument } from '../document/types.js';
import { analyseChanges } from './analyse.js';
import { LEVEL_OF, type ChangeAnalysis, type ChangeCategory, type PdfChange } from './types.js';

const dir = fileURLToPath(new URL('../../../../../../shared/corpus/pdf/', import.meta.url));
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));

/** Every filled signature field with the revision its ByteRange ends at (the signed revision). */
function signatures(doc: PdfDocument): { name: string; type?: string; rev: number | undefined }[] {
  return signatureFields(doc).flatMap((f) => {
    const br = f.valueDict?.get('ByteRange');
    if (br?.t !== 'array' || br.v.length !== 4) return [];
    const n = br.v.map((x) => (x.t === 'num' ? x.v : Number.NaN));
    const type = f.valueDict?.get('Type');
    return [{ name: f.name, ...(type?.t === 'name' ? { type: type.v } : {}), rev: revisionEndingAt(doc, n[2]! + n[3]!) }];
  });
}

function analyse(file: string, field: string): { a: ChangeAnalysis; doc: PdfDocument; rev: number } {
  const doc = openPdf(read(file));
  const s = signatures(doc).find((x) => x.name === field);
  if (s?.rev === undefined) throw new Error(`${file}: no signed revision for ${field}`);
  return { a: analyseChanges(doc, s.rev), doc, rev: s.rev };
}
const cats = (a: ChangeAnalysis): ChangeCategory[] => [...new Set(a.changes.map((c) => c.category))].sort();
const failing = (a: ChangeAnalysis): PdfChange[] => a.changes.filter((c) => LEVEL_OF[c.category] === 'OTHER');

describe('change analysis on the corpus', () => {
  it('dss_pades-signed-annot-added: Signature2 → ANNOTATIONS (annotations + metadata, nothing undefined)', () => {
    const { a } = analyse('dss_pades-signed-annot-added.pdf', 'Signature2');
    expect(a.level).toBe('ANNOTATIONS');
    expect(cats(a)).toEqual(['annotation', 'metadata']);
    expect(a.changes.filter((c) => c.category === 'annotation' && c.page === 1).map((c) => c.detail)).toEqual(
      expect.arrayContaining(['/FreeText annotation 89 0 R added on page 1', '/FreeText annotation 90 0 R added on page 1']),
    );
  });

  it('dss_pdf-signed-added-page: a page change, 1 → 2 pages, page 2 reported', () => {
    const { a } = analyse('dss_pdf-signed-added-page.pdf', 'Signature1');
    expect(a).toMatchObject({ level: 'OTHER', pagesSigned: 1, pagesFinal: 2 });
    expect(failing(a)).toEqual([{ category: 'page', revision: 2, object: '72 0 R', page: 2, detail: 'page 2 added after signing (1 → 2 pages)' }]);
  });

  it('dss_pades-spoofing-replaced-reason: exactly one failing change, the signature dictionary, naming /Reason', () => {
    const { a } = analyse('dss_pades-spoofing-replaced-reason.pdf', 'Signature1');
    expect(a.level).toBe('OTHER');
    const bad = failing(a);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ category: 'signature-dictionary', object: '42 0 R', field: 'Signature1' });
    expect(bad[0]!.detail).toContain("/Reason changed from 'DSS testing' to 'EVIL'");
    // The rest is AcroForm housekeeping (/DA, /DR fonts added).
    expect(cats(a)).toEqual(['signature', 'signature-dictionary']);
  });

  it('dss_2236_hide (shadow attack): the image XObject drawn on page 1 was replaced → appearance, not passing', () => {
    const { a } = analyse('dss_2236_hide.pdf', 'Signature1');
    expect(a.level).toBe('OTHER');
    // The update's xref entry for object 6 points at `8 0 obj` and its own bytes hold no object 6: unreadable, and an
    // 'other' change — never the signed revision's object 6 taken in its place.
    expect(a.changes).toEqual([
      { category: 'other', revision: 2, object: '6 0 R', detail: 'object 6 0 R redefined in revision 2 but unreadable' },
      // The new image stream's /Length is wrong: only a reader that searches for endstream reads it.
      {
        category: 'other',
        revision: 2,
        object: '8 0 R',
        detail: 'revision 2 can only be read with a repair: object 8: stream /Length wrong or unresolvable; its data was delimited by searching for endstream',
      },
      { category: 'appearance', revision: 2, object: '8 0 R', page: 1, detail: 'stream 8 0 R used by the signed revision was rewritten (referenced from page 1 /Resources /XObject /I1)' },
    ]);
  });

  it('pyh_form-update-override-appearance-stream-sneaky: Sig1 OTHER (shared appearance .FooBar clobbered), Sig2 NONE', () => {
    const { a } = analyse('pyh_form-update-override-appearance-stream-sneaky.pdf', 'Sig1');
    expect(a.level).toBe('OTHER');
    const ap = a.changes.filter((c) => c.category === 'appearance');
    expect(ap).toHaveLength(1);
    expect(ap[0]!.detail).toContain('/Root /FooBar');
    expect(ap[0]!.detail).toContain('field Sig2 /AP /N');
    expect(analyse('pyh_form-update-override-appearance-stream-sneaky.pdf', 'Sig2').a.level).toBe('NONE');
  });

  it('pyh_minimal-two-fields-signed-twice (Adobe Reader, object streams): Sig2 FORM_FILLING with signature + metadata only, Sig1 NONE', () => {
    const { a } = analyse('pyh_minimal-two-fields-signed-twice.pdf', 'Sig2');
    expect(a.level).toBe('FORM_FILLING');
    expect(cats(a)).toEqual(['metadata', 'signature']);
    expect(a.changes.filter((c) => c.category === 'signature').every((c) => c.field === 'Sig1')).toBe(true);
    expect(analyse('pyh_minimal-two-fields-signed-twice.pdf', 'Sig1').a).toMatchObject({ level: 'NONE', changes: [] });
  });

  it('dss_doc-firmado-LT: a DSS added later → LTA_UPDATES only', () => {
    const { a } = analyse('dss_doc-firmado-LT.pdf', 'Signature1');
    expect(a.level).toBe('LTA_UPDATES');
    expect(cats(a)).toEqual(['dss']);
    expect(a.newObjects.explained).toBe(a.newObjects.total);
  });

  it('pyh_pades-lta-dss-indirect-arrs-test: DSS + document timestamp → LTA_UPDATES for the signature and the timestamp', () => {
    const doc = openPdf(read('pyh_pades-lta-dss-indirect-arrs-test.pdf'));
    const sigs = signatures(doc);
    expect(sigs.map((s) => s.type)).toEqual(['Sig', 'DocTimeStamp']);
    const first = analyseChanges(doc, sigs[0]!.rev!);
    expect(first.level).toBe('LTA_UPDATES');
    expect(cats(first)).toEqual(['doc-timestamp', 'dss']);
    const ts = analyseChanges(doc, sigs[1]!.rev!);
    expect(ts.level).toBe('LTA_UPDATES');
    expect(cats(ts)).toEqual(['dss']);
  });

  it('dss_timestamped_and_signed: after the document timestamp, a signature was added (allowed, FORM_FILLING)', () => {
    const doc = openPdf(read('dss_timestamped_and_signed.pdf'));
    const ts = signatures(doc).find((s) => s.type === 'DocTimeStamp')!;
    const a = analyseChanges(doc, ts.rev!);
    expect(a.level).toBe('FORM_FILLING');
    expect(cats(a)).toEqual(['signature']);
    expect(a.changes.some((c) => c.detail === "signature field 'Signature2' added and signed")).toBe(true);
  });

  it('dss_pdf-byterange-overlap: the first signature sees only a second signature added', () => {
    const { a } = analyse('dss_pdf-byterange-overlap.pdf', 'Signature1');
    expect(a.level).toBe('FORM_FILLING');
    expect(cats(a)).toEqual(['signature']);
  });

  it('signatures covering their whole file (dss_certified-no-change-permitted and the baselines) → NONE', () => {
    for (const [file, field] of [
      ['dss_certified-no-change-permitted.pdf', 'Sign993545267'],
      ['dss_pdf-signed-original.pdf', 'Signature1'],
      ['signpdf_signed.pdf', 'Signature1'],
      ['pyh_sig-no-signed-attrs.pdf', 'Sig1'],
    ] as const) {
      expect(analyse(file, field).a, file).toMatchObject({ level: 'NONE', changes: [], truncated: false });
    }
  });
});

describe('poppler rendering as an oracle (pdftoppm: signed revision vs final file)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfdiff-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const render = (bytes: Uint8Array, tag: string): Buffer => {
    const f = join(tmp, `${tag}.pdf`);
    writeFileSync(f, bytes);
    try {
      execFileSync('pdftoppm', ['-r', '20', f, join(tmp, tag)], { stdio: 'ignore' });
    } catch {
      // poppler exits non-zero on damaged files yet still renders what it can
    }
    const pages = readdirSync(tmp).filter((x) => x.startsWith(`${tag}-`) && x.endsWith('.ppm')).sort();
    return Buffer.concat(pages.map((p) => readFileSync(join(tmp, p))));
  };
  /** Changes that can alter what a viewer shows. */
  const visual = (c: PdfChange): boolean =>
    ['page', 'appearance', 'annotation', 'form-fill'].includes(c.category) || (c.category === 'signature' && /\(visible\)|\(\/AP\b|appearance stream/.test(c.detail));

  it('a render difference is always explained by a visual change, and no visual change is reported when renders agree', () => {
    let compared = 0;
    let differing = 0;
    for (const file of readdirSync(dir).filter((x) => x.endsWith('.pdf'))) {
      const bytes = read(file);
      const doc = openPdf(bytes);
      for (const s of signatures(doc)) {
        if (s.rev === undefined || s.rev === doc.revisions.length - 1) continue;
        const tag = `${file.replace(/\W/g, '_')}-${s.rev}`;
        const before = render(bytes.subarray(0, doc.revisions[s.rev]!.end), `${tag}-a`);
        const after = render(bytes, `${tag}-b`);
        const a = analyseChanges(doc, s.rev);
        const same = before.equals(after);
        compared++;
        if (!same) differing++;
        expect(a.changes.some(visual), `${file} ${s.name}: renders ${same ? 'agree' : 'differ'}`).toBe(!same);
      }
    }
    // 11 signatures (and timestamps) with later revisions; after 5 of them, what the pages show changed.
    expect([compared, differing]).toEqual([11, 5]);
  });
});
