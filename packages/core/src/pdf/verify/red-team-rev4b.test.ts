// Second red-team round (rev4b): updates appended to PDFs we sign fresh in the test, each one showing a forgery in
// poppler while the verifier used to say PASSED under the licence policy. Oracles: pdftotext (page 1 text), pdfinfo
// (title), pdftoppm (the page renders differently from the signed revision's).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPrivateKey } from '../../crypto/index.js';
import { TrustStore } from '../../pki/index.js';
import type { Check, SignatureReport } from '../../report/types.js';
import { createTsa } from '../../tsp/index.js';
import { openPdf, pageRefs } from '../document/index.js';
import type { PdfObj } from '../document/types.js';
import { signPdf } from '../sign/index.js';
import type { SignPdfOptions } from '../sign/types.js';
import { AT, FORGED, L, base, cert, pki, repo, ser, signer } from './test-support.js';
import type { PdfVerifyOptions } from './types.js';
import { verifyPdf } from './verify-pdf.js';

const png = new Uint8Array(readFileSync(join(repo, 'fixtures/seal/stamp.png')));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-rev4b-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const opts = (policy: 'licence' | 'general' = 'licence'): PdfVerifyOptions => ({
  time: AT,
  atGiven: true,
  trust: new TrustStore().addAnchor(cert('root')),
  certificates: [cert('intermediate')],
  policy: { pdfChanges: policy },
});
const sign = async (pdf: Uint8Array, o: Partial<SignPdfOptions> = {}): Promise<Buffer> =>
  Buffer.from(await signPdf(pdf, { signer, signingTime: new Date('2026-01-15T08:00:00Z'), ...o }));

const stream = (data: Buffer | string, extra = ''): Buffer => {
  const d = typeof data === 'string' ? L(data) : data;
  return Buffer.concat([L(`<< ${extra}/Length ${d.length} >>\nstream\n`), d, L('\nendstream')]);
};

interface Obj {
  body: Buffer | string;
  gen?: number;
}
/** An incremental update: objects (with generations), free entries, the last trailer's /Root /Info /ID, /Prev. */
function append(pdf: Buffer, objs: Map<number, Obj>, free: [number, number][] = [], prev?: number): Buffer {
  const doc = openPdf(pdf);
  const last = doc.revisions.at(-1)!;
  const chunks = [pdf.at(-1) === 0x0a ? pdf : Buffer.concat([pdf, L('\n')])];
  let len = chunks[0]!.length;
  const entries = new Map<number, [number, number, 'n' | 'f']>();
  for (const [n, o] of objs) {
    entries.set(n, [len, o.gen ?? 0, 'n']);
    const b = Buffer.concat([L(`${n} ${o.gen ?? 0} obj\n`), typeof o.body === 'string' ? L(o.body) : o.body, L('\nendobj\n')]);
    chunks.push(b);
    len += b.length;
  }
  for (const [n, g] of free) entries.set(n, [0, g, 'f']);
  let x = 'xref\n';
  for (const n of [...entries.keys()].sort((a, b) => a - b)) {
    const [o, g, t] = entries.get(n)!;
    x += `${n} 1\n${String(o).padStart(10, '0')} ${String(g).padStart(5, '0')} ${t}\r\n`;
  }
  const size = Math.max((last.trailer.get('Size') as { v: number }).v, ...[...entries.keys()].map((n) => n + 1));
  const keep = ['Root', 'Info', 'ID'].filter((k) => last.trailer.has(k)).map((k) => `/${k} ${ser(last.trailer.get(k)!)}`).join(' ');
  chunks.push(L(`${x}trailer\n<< /Size ${size} ${keep} /Prev ${prev ?? last.xrefOffset} >>\nstartxref\n${len}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

/** Facts about a signed file needed to write updates against it. */
function facts(pdf: Buffer) {
  const doc = openPdf(pdf);
  const last = doc.revisions.at(-1)!;
  const root = (last.trailer.get('Root') as { num: number }).num;
  const cat = (doc.getObject(root) as { v: Map<string, PdfObj> }).v;
  const page = pageRefs(doc).refs[0]!.num;
  const pageDict = (doc.getObject(page) as { v: Map<string, PdfObj> }).v;
  const c = pageDict.get('Contents')!;
  const content = c.t === 'array' ? (c.v[0] as { num: number }).num : (c as { num: number }).num;
  const font = [...(doc.resolve((doc.resolve(pageDict.get('Resources')) as { v: Map<string, PdfObj> }).v.get('Font')) as { v: Map<string, PdfObj> }).v][0]!;
  const size = (last.trailer.get('Size') as { v: number }).v;
  return { doc, root, cat, page, pageDict, content, font, size };
}

/** Objects that add widget `w` as a field of the form and an annotation of page 1. */
function addToFormAndPage(pdf: Buffer, w: number): Map<number, Obj> {
  const f = facts(pdf);
  const out = new Map<number, Obj>();
  const ref: PdfObj = { t: 'ref', num: w, gen: 0 };
  const af = f.cat.get('AcroForm');
  const afDict = f.doc.resolve(af) as { t: 'dict'; v: Map<string, PdfObj> } | undefined;
  const fields = afDict?.v.get('Fields');
  const list = f.doc.resolve(fields) as { v: PdfObj[] } | undefined;
  const newFields: PdfObj = { t: 'array', v: [...(list?.v ?? []), ref] };
  if (fields?.t === 'ref') out.set(fields.num, { body: ser(newFields) });
  else {
    const nd = new Map(afDict?.v ?? [['SigFlags', { t: 'num', v: 3, int: true }]]);
    nd.set('Fields', newFields);
    if (af?.t === 'ref') out.set(af.num, { body: ser({ t: 'dict', v: nd }) });
    else out.set(f.root, { body: ser({ t: 'dict', v: new Map([...f.cat, ['AcroForm', { t: 'dict', v: nd }]]) }) });
  }
  const annots = f.pageDict.get('Annots');
  const alist = f.doc.resolve(annots) as { v: PdfObj[] } | undefined;
  const newAnnots: PdfObj = { t: 'array', v: [...(alist?.v ?? []), ref] };
  if (annots?.t === 'ref') out.set(annots.num, { body: ser(newAnnots) });
  else out.set(f.page, { body: ser({ t: 'dict', v: new Map([...f.pageDict, ['Annots', newAnnots]]) }) });
  return out;
}

/** A full-page form XObject that whites the page out and writes FORGED. */
const forgingAp = (pdf: Buffer): Buffer => {
  const [, font] = facts(pdf).font;
  return stream(`1 1 1 rg 0 0 595 842 re f BT 0 0 0 rg /F1 18 Tf 56 761.89 Td (${FORGED}) Tj ET`, `/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 ${ser(font)} >> >> `);
};

const tool = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: 'latin1' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};
let n = 0;
const file = (pdf: Buffer): string => {
  const p = join(tmp, `f${n++}.pdf`);
  writeFileSync(p, pdf);
  return p;
};
const text = (pdf: Buffer): string => tool('pdftotext', ['-f', '1', '-l', '1', file(pdf), '-']);
/** poppler's 20 dpi grey render of page 1. */
const render = (pdf: Buffer): Buffer => {
  const out = join(tmp, `r${n++}`);
  tool('pdftoppm', ['-r', '20', '-gray', '-f', '1', '-l', '1', '-singlefile', file(pdf), out]);
  return readFileSync(`${out}.pgm`);
};

const byId = (s: SignatureReport, id: string): Check | undefined => s.checks.find((c) => c.id === id);
const failedIds = (s: SignatureReport): string[] => s.checks.filter((c) => c.status === 'failed').map((c) => c.id);

let S: Buffer; // invisible signature
let C1: Buffer; // certification P=1
let C2: Buffer; // certification P=2
let V: Buffer; // visible seal
beforeAll(async () => {
  S = await sign(base);
  C1 = await sign(base, { certify: 1 });
  C2 = await sign(base, { certify: 2 });
  V = await sign(base, { appearance: { page: 1, rect: [20, 20, 40, 40], image: { png } } });
});

/** An empty signature field whose widget has /Rect `rect` and the forging appearance. */
function emptyField(pdf: Buffer, rect: (a: number, b: number) => string): Buffer {
  const size = facts(pdf).size;
  const [w, ap, x1, x2] = [size, size + 1, size + 2, size + 3];
  const objs = addToFormAndPage(pdf, w);
  objs.set(w, { body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Seal2) /F 4 /P ${facts(pdf).page} 0 R /Rect ${rect(x1, x2)} /AP << /N ${ap} 0 R >> >>` });
  objs.set(ap, { body: forgingAp(pdf) });
  objs.set(x1, { body: '595' });
  objs.set(x2, { body: '842' });
  return append(pdf, objs);
}

describe('B1 / B6: a new empty signature field with a forging appearance (sneaky signature)', () => {
  it('indirect /Rect numbers: visible, unsigned-field, FAILED under the licence policy; a warning under general', () => {
    const pdf = emptyField(S, (a, b) => `[0 0 ${a} 0 R ${b} 0 R]`);
    expect(Buffer.compare(render(pdf), render(S))).not.toBe(0); // poppler draws the overlay
    const lic = verifyPdf(pdf, opts()).signatures[0]!;
    expect(lic.indication).toBe('FAILED');
    expect(byId(lic, 'pdf.changes.unsigned-field')).toMatchObject({ status: 'failed' });
    expect(byId(lic, 'pdf.changes.unsigned-field')!.message.en).toContain('[0 0 595 842] on page 1');
    const gen = verifyPdf(pdf, opts('general')).signatures[0]!;
    expect(gen.indication).toBe('PASSED');
    expect(byId(gen, 'pdf.changes.unsigned-field')).toMatchObject({ status: 'warning' });
  });

  it('a zero /Rect with an appearance that draws: still visible (the appearance decides)', () => {
    const pdf = emptyField(S, () => '[0 0 0 0]');
    expect(failedIds(verifyPdf(pdf, opts()).signatures[0]!)).toContain('pdf.changes.unsigned-field');
  });

  it('on a --certify 2 file: FAILED under licence (P=2 permits filling and signing, not adding visible fields); general: a warning', () => {
    const pdf = emptyField(C2, () => '[0 0 595 842]');
    expect(Buffer.compare(render(pdf), render(C2))).not.toBe(0);
    const lic = verifyPdf(pdf, opts()).signatures[0]!;
    expect(lic.indication).toBe('FAILED');
    expect(failedIds(lic)).toEqual(['pdf.changes.unsigned-field']);
    const gen = verifyPdf(pdf, opts('general')).signatures[0]!;
    expect(gen.indication).toBe('PASSED');
    expect(byId(gen, 'pdf.changes.unsigned-field')!.status).toBe('warning');
  });

  it('on a --certify 1 file: FAILED under both policies', () => {
    const pdf = emptyField(C1, () => '[0 0 595 842]');
    for (const p of ['licence', 'general'] as const) expect(failedIds(verifyPdf(pdf, opts(p)).signatures[0]!)).toContain('pdf.changes.unsigned-field');
  });
});

/** A genuine document timestamp (in-process TSA) whose widget shows the forging appearance over page 1. */
function visibleDocTimestamp(pdf: Buffer): Buffer {
  const size = facts(pdf).size;
  const [w, ap, sg] = [size, size + 1, size + 2];
  const PH = 16384;
  const objs = addToFormAndPage(pdf, w);
  objs.set(w, { body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (DocTs) /V ${sg} 0 R /F 4 /P ${facts(pdf).page} 0 R /Rect [0 0 595 842] /AP << /N ${ap} 0 R >> >>` });
  objs.set(ap, { body: forgingAp(pdf) });
  objs.set(sg, { body: `<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange [0 0000000000 0000000000 0000000000] /Contents <${'0'.repeat(PH)}> >>` });
  const b = append(pdf, objs);
  const ci = b.indexOf(`/Contents <${'0'.repeat(100)}`, pdf.length) + '/Contents '.length;
  const ce = ci + PH + 2;
  const br = `[0 ${String(ci).padStart(10, '0')} ${String(ce).padStart(10, '0')} ${String(b.length - ce).padStart(10, '0')}]`;
  const bi = b.indexOf('[0 0000000000 0000000000 0000000000]', pdf.length);
  b.write(br, bi, 'latin1');
  const digest = createHash('sha256').update(b.subarray(0, ci)).update(b.subarray(ce)).digest();
  const tsa = createTsa(importPrivateKey(readFileSync(pki('tsa.key.pem'))), cert('tsa'));
  const hex = Buffer.from(tsa.timestamp({ digest, digestName: 'sha256' })).toString('hex');
  b.write(hex, ci + 1, 'latin1');
  return b;
}

describe('B2: visible document timestamps and visible signatures', () => {
  it('a genuine document timestamp with a visible widget is an appearance change: FAILED (plain and P=1)', () => {
    for (const signed of [S, C1]) {
      const pdf = visibleDocTimestamp(signed);
      expect(Buffer.compare(render(pdf), render(signed))).not.toBe(0);
      for (const p of ['licence', 'general'] as const) {
        const r = verifyPdf(pdf, opts(p));
        expect(r.signatures[1]!.checks.find((c) => c.status === 'failed')).toBeUndefined(); // the timestamp itself is genuine
        expect(r.signatures[0]!.indication).toBe('FAILED');
        expect(byId(r.signatures[0]!, 'pdf.changes.appearance')!.message.en).toContain("document timestamp field 'DocTs' added with a visible appearance");
      }
    }
  });

  it('a new visible signature by a valid signer: allowed, with a warning naming the page and the rectangle (both policies)', async () => {
    const pdf = await sign(S, { appearance: { page: 1, rect: [20, 20, 40, 40], image: { png } } });
    for (const p of ['licence', 'general'] as const) {
      const r = verifyPdf(pdf, opts(p));
      expect(r.signatures.map((s) => s.indication)).toEqual(['PASSED', 'PASSED']);
      const w = byId(r.signatures[0]!, 'pdf.changes.visible-signature')!;
      expect(w.status).toBe('warning');
      expect(w.message.en).toMatch(/page 1, rectangle \[[\d. ]+\]/);
      expect(w.message.zh).toContain('第 1 页');
    }
    // An invisible one: passed.
    const inv = await sign(S);
    expect(byId(verifyPdf(inv, opts()).signatures[0]!, 'pdf.changes.visible-signature')!.status).toBe('passed');
  });
});

/** The body of object `num` as written in `pdf` (first definition). */
const bodyOf = (pdf: Buffer, num: number): Buffer => {
  const h = pdf.indexOf(`\n${num} 0 obj`) + `\n${num} 0 obj`.length;
  return pdf.subarray(h, pdf.indexOf('endobj', h));
};

describe('B3: an object redefined under another generation (references still say n 0 R)', () => {
  it('identical bytes as "6 1 obj": poppler shows a blank page; an other change', () => {
    const f = facts(S);
    const pdf = append(S, new Map([[f.content, { body: bodyOf(S, f.content), gen: 1 }]]));
    expect(text(S)).toMatch(/\S/);
    expect(text(pdf)).not.toMatch(/\S/); // poppler: the reference names a free object
    expect(openPdf(pdf).resolve({ t: 'ref', num: f.content, gen: 0 })).toBeUndefined();
    const s = verifyPdf(pdf, opts()).signatures[0]!;
    expect(s.indication).toBe('FAILED');
    expect(JSON.stringify(byId(s, 'pdf.changes.other')!.details)).toContain(`object ${f.content} redefined with generation 1`);
  });

  it('freed (generation 1) then re-added with generation 1', () => {
    const f = facts(S);
    const freed = append(S, new Map(), [[f.content, 1]]);
    const pdf = append(freed, new Map([[f.content, { body: bodyOf(S, f.content), gen: 1 }]]));
    expect(text(pdf)).not.toMatch(/\S/);
    expect(failedIds(verifyPdf(pdf, opts()).signatures[0]!)).toContain('pdf.changes.other');
  });

  it("a visible seal's appearance stream bumped to generation 1: the seal disappears", () => {
    const doc = openPdf(V);
    const ap = /\/AP\s*<<\s*\/N (\d+) 0 R/.exec(V.toString('latin1'))![1]!;
    const pdf = append(V, new Map([[Number(ap), { body: bodyOf(V, Number(ap)), gen: 1 }]]));
    expect(doc.getObject(Number(ap))?.t).toBe('stream');
    expect(Buffer.compare(render(pdf), render(V))).not.toBe(0);
    expect(failedIds(verifyPdf(pdf, opts()).signatures[0]!)).toContain('pdf.changes.other');
  });
});

describe('B4 / B5: page content that doubles as a DSS entry, /Metadata or /Names (strictest role wins)', () => {
  for (const [tag, extra] of [
    ['dss', (c: number) => `/DSS << /Certs [${c} 0 R] >>`],
    ['metadata', (c: number) => `/Metadata ${c} 0 R`],
    ['names', (c: number) => `/Names ${c} 0 R`],
  ] as const) {
    it(`/Root ${tag}: rewriting the shared content stream is a page change`, async () => {
      const b = Buffer.from(base);
      const f0 = facts(b);
      const cat = ser({ t: 'dict', v: f0.cat }).replace(/>>$/, `${extra(f0.content)} >>`);
      const prepared = append(b, new Map([[f0.root, { body: cat }]]));
      const signed = await sign(prepared);
      expect(verifyPdf(signed, opts()).signatures[0]!.indication).toBe('PASSED');
      const f = facts(signed);
      const evil = `BT /${f.font[0]} 18 Tf 56 761.89 Td (${FORGED}) Tj ET\n`;
      const pdf = append(signed, new Map([[f.content, { body: stream(deflateSync(L(evil)), '/Filter /FlateDecode ') }]]));
      expect(text(pdf)).toContain(FORGED);
      const s = verifyPdf(pdf, opts()).signatures[0]!;
      expect(s.indication).toBe('FAILED');
      expect(failedIds(s)).toEqual(expect.arrayContaining(['pdf.changes.pages', 'pdf.changes.appearance']));
      expect(s.checks.find((c) => c.id === 'pdf.changes.summary')!.details!.level).toBe('OTHER');
    });
  }

  it('/Root /Names turned into a stream after signing: other', () => {
    const f = facts(S);
    const size = f.size;
    const cat = ser({ t: 'dict', v: f.cat }).replace(/>>$/, `/Names ${size} 0 R >>`);
    const pdf = append(S, new Map<number, Obj>([[f.root, { body: cat }], [size, { body: stream('junk', '/Dests << >> ') }]]));
    expect(JSON.stringify(byId(verifyPdf(pdf, opts()).signatures[0]!, 'pdf.changes.other')!.details)).toContain('/Root /Names is a stream');
  });
});

describe('metadata and the revision chain', () => {
  it('/Info rewritten after signing: PASSED with the pdf.changes.metadata warning listing the keys (both policies)', () => {
    const f = facts(S);
    const info = (f.doc.revisions.at(-1)!.trailer.get('Info') as { num: number }).num;
    const pdf = append(S, new Map([[info, { body: '<< /Title (LICENCE REVOKED 2025-04-01 - do not accept) /Subject (revoked) >>' }]]));
    expect(tool('pdfinfo', [file(pdf)])).toContain('LICENCE REVOKED');
    for (const p of ['licence', 'general'] as const) {
      const s = verifyPdf(pdf, opts(p)).signatures[0]!;
      expect(s.indication).toBe('PASSED');
      const m = byId(s, 'pdf.changes.metadata')!;
      expect(m.status).toBe('warning');
      expect(m.details!.keys).toEqual(expect.arrayContaining(['/Title', '/Subject']));
      expect(m.message.en).toContain('/Title');
    }
    expect(byId(verifyPdf(S, opts()).signatures[0]!, 'pdf.changes.metadata')).toBeUndefined(); // ENTIRE_FILE: no analysis
  });

  it("the final update's /Prev skips the signed revision: pdf.revision.chain FAILED (not 'encrypted or repaired')", () => {
    const first = openPdf(V).revisions[0]!.xrefOffset;
    const f = facts(V);
    const pdf = append(V, new Map([[f.content, { body: stream(`BT /${f.font[0]} 18 Tf 56 761.89 Td (${FORGED}) Tj ET`) }]]), [], first);
    expect(text(pdf)).toContain(FORGED);
    const s = verifyPdf(pdf, opts()).signatures[0]!;
    expect(s.indication).toBe('FAILED');
    const c = byId(s, 'pdf.revision.chain')!;
    expect(c.status).toBe('failed');
    expect(c.message.en).toContain(`the signed revision ends at ${V.length}`);
    expect(byId(s, 'pdf.changes.analysis')).toBeUndefined();
  });
});
