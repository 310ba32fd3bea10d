// A PDF made with pdf-lib, rewritten by qpdf (object streams, linearized, classic xref, encrypted) and extended by a
// hand-written incremental update: the document model must see the same pages, fields, objects and stream data as
// qpdf and pdfsig do.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts, type PDFObject, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { equalObjects, objectBytes, openPdf, pageRefs, pdfText, revisionEndingAt, signatureFields, type PdfDocument } from './index.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfdoc-var-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(cmd: string, args: string[]): { code: number; out: string; err: string; bytes: Buffer } {
  const r = spawnSync(cmd, args, { maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout.toString('latin1'), err: r.stderr.toString('latin1'), bytes: r.stdout };
}

/** Five pages, a content stream each, three signature fields (flat, nested with a UTF-16 name, one only in /Annots). */
async function makeBase(useObjectStreams: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 5; i++) pdf.addPage([595, 842]).drawText(`page ${i + 1} `.repeat(40), { x: 20, y: 400, size: 8, font });
  const ctx = pdf.context;
  const pages = pdf.getPages();
  const set = (ref: PDFRef, key: string, v: PDFObject): void => ctx.lookup(ref, PDFDict).set(PDFName.of(key), v);
  const w1 = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], F: 132, P: pages[0]!.ref }));
  set(w1, 'T', PDFString.of('Signature1'));
  pages[0]!.node.addAnnot(w1);
  // Nested: form (no /FT) → 签名 (/FT /Sig) → two widgets on pages 2 and 4 (0-based 1 and 3).
  const parent = ctx.register(ctx.obj({ T: PDFString.of('form') }));
  const child = ctx.register(ctx.obj({ FT: 'Sig', Parent: parent }));
  set(child, 'T', PDFHexString.fromText('签名'));
  const wa = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', Rect: [10, 10, 60, 40], Parent: child, P: pages[1]!.ref }));
  // No /P on this one: its page is found through /Annots.
  const wb = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', Rect: [10, 10, 60, 40], Parent: child }));
  set(child, 'Kids', ctx.obj([wa, wb]));
  set(parent, 'Kids', ctx.obj([child]));
  pages[1]!.node.addAnnot(wa);
  pages[3]!.node.addAnnot(wb);
  // Orphan: a signature widget on page 5 that /Fields does not list.
  const orphan = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0] }));
  set(orphan, 'T', PDFString.of('lost'));
  pages[4]!.node.addAnnot(orphan);
  pdf.catalog.set(PDFName.of('AcroForm'), ctx.obj({ SigFlags: 3, Fields: [w1, parent] }));
  return pdf.save({ useObjectStreams });
}

const variants: Record<string, string[] | undefined> = {
  'pdf-lib (xref stream + object streams)': undefined,
  'qpdf --object-streams=generate': ['--object-streams=generate'],
  'qpdf --object-streams=disable (classic xref table)': ['--object-streams=disable'],
  'qpdf --linearize': ['--linearize'],
  'qpdf --linearize --object-streams=generate': ['--linearize', '--object-streams=generate'],
};

let base: Uint8Array;
const files: Record<string, string> = {};
beforeAll(async () => {
  base = await makeBase(true);
  const basePath = join(tmp, 'base.pdf');
  writeFileSync(basePath, base);
  for (const [name, args] of Object.entries(variants)) {
    if (!args) {
      files[name] = basePath;
      continue;
    }
    const out = join(tmp, `${Object.keys(files).length}.pdf`);
    const r = run('qpdf', [...args, basePath, out]);
    expect(r.code, r.err).toBe(0);
    files[name] = out;
  }
});

function qpdfXref(path: string, extra: string[] = []): Map<number, string> {
  const m = new Map<number, string>();
  for (const line of run('qpdf', [...extra, '--show-xref', path]).out.split('\n')) {
    const u = /^(\d+)\/\d+: uncompressed; offset = (\d+)$/.exec(line);
    if (u) m.set(Number(u[1]), `offset ${u[2]}`);
    const c = /^(\d+)\/\d+: compressed; stream = (\d+), index = (\d+)$/.exec(line);
    if (c) m.set(Number(c[1]), `compressed ${c[2]} ${c[3]}`);
  }
  return m;
}

function mine(doc: PdfDocument): Map<number, string> {
  const m = new Map<number, string>();
  for (const n of doc.objectNumbers()) {
    const e = doc.definedIn(n)!.entry;
    if (e.kind === 'offset') m.set(n, `offset ${doc.objectLocation(n)?.start}`);
    if (e.kind === 'compressed') m.set(n, `compressed ${e.stream} ${e.index}`);
  }
  return m;
}

function expectFields(doc: PdfDocument): void {
  const f = signatureFields(doc);
  expect(f.map((x) => [x.name, x.pages, x.orphan ?? false])).toEqual([
    ['Signature1', [0], false],
    ['form.签名', [1, 3], false],
    ['lost', [4], true],
  ]);
  expect(f.every((x) => x.value === undefined && x.valueDict === undefined)).toBe(true);
}

describe('qpdf variants of a pdf-lib document', () => {
  it.each(Object.keys(variants))('%s', (name) => {
    const path = files[name]!;
    const bytes = new Uint8Array(readFileSync(path));
    const doc = openPdf(bytes);
    expect(doc.repaired).toBe(false);
    expect(doc.encrypted).toBe(false);
    // Linearized files: first-page and main xref sections are one revision.
    expect(doc.revisions.length).toBe(1);
    expect(doc.revisions[0]!.end).toBe(bytes.length);
    expect(revisionEndingAt(doc, bytes.length)).toBe(0);
    expect(mine(doc)).toEqual(qpdfXref(path));
    const pages = pageRefs(doc);
    expect(pages.refs.length).toBe(Number(run('qpdf', ['--show-npages', path]).out.trim()));
    expect(pages.truncated).toBe(false);
    expectFields(doc);
    // pdfsig lists one entry per signature widget, orphans included.
    const sig = Buffer.from(run('pdfsig', ['-nocert', path]).out, 'latin1').toString('utf8');
    const perWidget = signatureFields(doc).flatMap((f) => f.widgets.map(() => f.name));
    expect([...sig.matchAll(/Signature Field Name: (.*)/g)].map((m) => m[1])).toEqual(perWidget);
    // Every stream decodes to what qpdf decodes.
    let streams = 0;
    for (const n of doc.objectNumbers()) {
      const o = doc.getObject(n);
      expect(o, `object ${n}`).toBeDefined();
      if (o?.t !== 'stream') continue;
      const q = run('qpdf', [`--show-object=${n}`, '--filtered-stream-data', path]);
      if (q.code !== 0) continue; // qpdf refuses to filter some (e.g. the xref stream); nothing to compare
      expect(Buffer.from(doc.streamData(o)!).equals(q.bytes), `stream ${n}`).toBe(true);
      const raw = run('qpdf', [`--show-object=${n}`, '--raw-stream-data', path]);
      expect(Buffer.from(doc.streamData(o, false)!).equals(raw.bytes), `raw stream ${n}`).toBe(true);
      streams++;
    }
    expect(streams).toBeGreaterThanOrEqual(5);
  });

  it('the pdf-lib classic-xref form reads the same', async () => {
    const bytes = await makeBase(false);
    const doc = openPdf(bytes);
    expect(doc.revisions[0]!.xrefKind).toBe('table');
    expectFields(doc);
  });

  it('an encrypted file (AES-256) opens as encrypted with its structure readable, strings left as stored', () => {
    const out = join(tmp, 'enc.pdf');
    // Classic xref so that the structure is not inside (encrypted) object streams.
    const r = run('qpdf', ['--object-streams=disable', '--encrypt', 'u', 'o', '256', '--', files['pdf-lib (xref stream + object streams)']!, out]);
    expect(r.code, r.err).toBe(0);
    const doc = openPdf(new Uint8Array(readFileSync(out)));
    expect(doc.encrypted).toBe(true);
    expect(doc.repaired).toBe(false);
    expect(pageRefs(doc).refs.length).toBe(5);
    const f = signatureFields(doc);
    expect(f.length).toBe(3);
    // /T is encrypted: its stored bytes are not the plain name.
    expect(f.map((x) => x.name)).not.toContain('Signature1');
  });

  it('an encrypted file with object streams opens as encrypted without a crash', () => {
    const out = join(tmp, 'enc-objstm.pdf');
    const r = run('qpdf', ['--object-streams=generate', '--encrypt', 'u', 'o', '256', '--', files['pdf-lib (xref stream + object streams)']!, out]);
    expect(r.code, r.err).toBe(0);
    const doc = openPdf(new Uint8Array(readFileSync(out)));
    expect(doc.encrypted).toBe(true);
    expect(doc.repaired).toBe(false);
    expect(() => [pageRefs(doc), signatureFields(doc)]).not.toThrow();
  });
});

describe('a hand-written incremental update', () => {
  it('keeps the original revision readable and shows the change', () => {
    const path = files['qpdf --object-streams=disable (classic xref table)']!;
    const v0 = new Uint8Array(readFileSync(path));
    const d0 = openPdf(v0);
    const page = pageRefs(d0).refs[0]!;
    const pageDict = d0.getObject(page.num);
    expect(pageDict?.t).toBe('dict');
    const size = Math.max(...d0.objectNumbers()) + 1;
    // Rewrite page 1 with an extra /Annots entry pointing at a new text annotation; xref table with /Prev.
    const src = Buffer.from(objectBytes(d0, page.num)!).toString('latin1');
    const body = src.replace(/^\d+ \d+ obj\s*<</, '').replace(/>>\s*endobj\s*$/, '');
    const newAnnot = `${size} 0 obj\n<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (${'changed'}) >>\nendobj\n`;
    const newPage = `${page.num} 0 obj\n<<${body.replace(/\/Annots\s*\[[^\]]*\]/, '')} /Annots [${size} 0 R] >>\nendobj\n`;
    let upd = '\n';
    const off1 = v0.length + upd.length;
    upd += newPage;
    const off2 = v0.length + upd.length;
    upd += newAnnot;
    const xrefAt = v0.length + upd.length;
    const e = (o: number): string => `${String(o).padStart(10, '0')} 00000 n \n`;
    upd += `xref\n0 1\n0000000000 65535 f \n${page.num} 1\n${e(off1)}${size} 1\n${e(off2)}`;
    upd += `trailer\n<< /Size ${size + 1} /Root ${d0.revisions[0]!.trailer.get('Root')?.t === 'ref' ? (d0.revisions[0]!.trailer.get('Root') as { num: number }).num : 0} 0 R /Prev ${d0.revisions[0]!.xrefOffset} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const v1 = Buffer.concat([v0, Buffer.from(upd, 'latin1')]);
    const p1 = join(tmp, 'incr.pdf');
    writeFileSync(p1, v1);
    const q = run('qpdf', ['--check', p1]);
    expect(q.code, q.out + q.err).toBe(0);

    const doc = openPdf(new Uint8Array(v1));
    expect(doc.revisions.length).toBe(2);
    expect(doc.revisions[0]!.end).toBe(v0.length);
    expect(revisionEndingAt(doc, v0.length)).toBe(0);
    expect(revisionEndingAt(doc, v1.length)).toBe(1);
    expect(doc.definedIn(page.num)?.revision).toBe(1);
    expect(doc.definedIn(page.num, 0)?.revision).toBe(0);
    expect(doc.getObject(size, 0)).toBeUndefined();
    const annot = doc.getObject(size);
    expect(annot?.t === 'dict' && pdfText(annot.v.get('Contents'))).toBe('changed');
    expect(equalObjects(doc.getObject(page.num, 0), doc.getObject(page.num, 1), doc)).toBe(false);
    expect(equalObjects(doc.getObject(page.num, 0), pageDict, doc)).toBe(true);
    expect(doc.objectNumbers(1)).toEqual([...doc.objectNumbers(0), size]);
    expect(new Map([...mine(doc)])).toEqual(qpdfXref(p1));
    // Same fields and pages in both revisions.
    expect(pageRefs(doc, 0)).toEqual(pageRefs(doc, 1));
    expect(signatureFields(doc, 0).map((f) => f.name)).toEqual(signatureFields(doc, 1).map((f) => f.name));
  });
});
