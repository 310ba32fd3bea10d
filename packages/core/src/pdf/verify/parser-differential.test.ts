// Parser differentials and sneaky signatures (red-team review, rev4): updates appended to a PDF we signed (RSA) that
// our reader would read as the signed content — by repairing its way to the signed copy — while poppler/qpdf show a
// forgery. Reject-by-default: anything an update defines that needs a repair to read is an 'other' change; a new
// signature field counts as a signature only with a value of its own that is a signature dictionary. Oracles: pdftotext
// (page 1 text), qpdf --show-object, pdftoppm (the overlay is drawn).
import { spawnSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check, SignatureReport } from '../../report/types.js';
import { verify } from '../../verify.js';
import { openPdf, pageRefs, signatureFields } from '../document/index.js';
import type { PdfDocument, PdfObj } from '../document/types.js';
import { signPdf } from '../sign/index.js';
import { verifyPdf } from './verify-pdf.js';
import { AT, FORGED, L, base, byId, opts, ser, signer } from './test-support.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfdiff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const failedIds = (s: SignatureReport): string[] => s.checks.filter((c) => c.status === 'failed').map((c) => c.id);
const explain = (ss: readonly SignatureReport[]): string =>
  ss.map((s) => `#${s.index} ${s.indication}: ${s.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped').map((c) => `${c.id}:${c.status}:${c.message.en}`).join(' | ')}`).join('\n');
const otherDetails = (s: SignatureReport): string[] =>
  ((byId(s.checks, 'pdf.changes.other')[0]?.details?.changes ?? []) as { detail: string }[]).map((c) => c.detail);

interface Signed {
  pdf: Buffer;
  doc: PdfDocument;
  /** Last xref offset (the update's /Prev). */
  prev: number;
  trailer: string;
  page: number;
  pageDict: Map<string, PdfObj>;
  content: number;
  text: string;
  catalog: number;
  catalogDict: Map<string, PdfObj>;
  field: number;
  value: number;
  size: number;
}

let S: Signed;
beforeAll(async () => {
  const pdf = Buffer.from(await signPdf(base, { signer, signingTime: new Date('2026-01-15T08:00:00Z') }));
  const doc = openPdf(pdf);
  const last = doc.revisions.at(-1)!;
  const page = pageRefs(doc).refs[0]!.num;
  const pageObj = doc.getObject(page)!;
  if (pageObj.t !== 'dict') throw new Error('page');
  const c = pageObj.v.get('Contents')!;
  const content = c.t === 'array' ? (c.v[0] as { num: number }).num : (c as { num: number }).num;
  const cs = doc.getObject(content)!;
  if (cs.t !== 'stream') throw new Error('content');
  const rootRef = last.trailer.get('Root') as { num: number };
  const cat = doc.getObject(rootRef.num)!;
  if (cat.t !== 'dict') throw new Error('catalog');
  const f = signatureFields(doc)[0]!;
  const trailer = ['Root', 'Info', 'ID'].filter((k) => last.trailer.has(k)).map((k) => `/${k} ${ser(last.trailer.get(k)!)}`).join(' ');
  const size = (last.trailer.get('Size') as { v: number }).v;
  S = {
    pdf,
    doc,
    prev: last.xrefOffset,
    trailer,
    page,
    pageDict: pageObj.v,
    content,
    text: Buffer.from(doc.streamData(cs)!).toString('latin1'),
    catalog: rootRef.num,
    catalogDict: cat.v,
    field: f.field.num,
    value: f.value!.num,
    size,
  };
});

const evilText = (): string => `q\nBT\n0 0 0 rg\n/${[...((S.pageDict.get('Resources') as { v: Map<string, PdfObj> }).v.get('Font') as { v: Map<string, PdfObj> }).v.keys()][0]} 18 Tf\n1 0 0 1 56 761.89 Tm\n(${FORGED}) Tj\nET\nQ\n`;
const streamObj = (num: number, data: Buffer | string, extra = '', gen = 0): Buffer => {
  const d = typeof data === 'string' ? L(data) : data;
  return Buffer.concat([L(`${num} ${gen} obj\n<< ${extra}/Length ${d.length} >>\nstream\n`), d, L('\nendstream\nendobj\n')]);
};
const plainObj = (num: number, body: string): Buffer => L(`${num} 0 obj\n${body}\nendobj\n`);

/** xref table for entries num → [offset, gen], one subsection per run. */
function xrefTable(entries: Map<number, [number, number]>): string {
  const nums = [...entries.keys()].sort((a, b) => a - b);
  let out = 'xref\n';
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    out += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const [o, g] = entries.get(nums[k]!)!;
      out += `${String(o).padStart(10, '0')} ${String(g).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  return out;
}

/** Parts appended to the signed file, then an xref table with `entries` (offsets relative to the whole file). */
function withTable(parts: (out: { len: () => number; push: (b: Buffer) => void }) => Map<number, [number, number]>): Buffer {
  const chunks: Buffer[] = [S.pdf];
  let len = S.pdf.length;
  const out = { len: () => len, push: (b: Buffer) => (chunks.push(b), (len += b.length)) };
  const entries = parts(out);
  const xr = len;
  out.push(L(`${xrefTable(entries)}trailer\n<< /Size ${S.size + 20} ${S.trailer} /Prev ${S.prev} >>\nstartxref\n${xr}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

function objStm(num: number, members: [number, string][]): Buffer {
  let head = '';
  let body = '';
  for (const [n, o] of members) {
    head += `${n} ${body.length} `;
    body += `${o}\n`;
  }
  return streamObj(num, head + body, `/Type /ObjStm /N ${members.length} /First ${head.length} `);
}

/** A page 1 dictionary with other /Contents (and optionally /Annots). */
function pageWith(contents: string, annots?: string): string {
  const m = new Map(S.pageDict);
  const p = ser({ t: 'dict', v: m });
  return p
    .replace(/\/Contents (\[[^\]]*\]|\d+ \d+ R)/, `/Contents ${contents}`)
    .replace(/\/Annots (\[[^\]]*\]|\d+ \d+ R)/, annots ? `/Annots ${annots}` : '$&');
}

const build: Record<string, () => Buffer> = {
  // 1. The entry for page 1's content points 3 bytes into a copy identical to the signed one; a forged copy of the
  // same number sits further on. Rebuilding readers use the last header.
  a1: () =>
    withTable((o) => {
      const at = o.len();
      o.push(streamObj(S.content, S.text));
      o.push(L(`%${'x'.repeat(200)}\n`));
      o.push(streamObj(S.content, evilText()));
      return new Map([[S.content, [at + 3, 0]]]);
    }),
  // 2. The entry says generation 1; the header there says 0 (the signed text); a forged copy follows.
  a2: () =>
    withTable((o) => {
      const at = o.len();
      o.push(streamObj(S.content, S.text));
      o.push(streamObj(S.content, evilText()));
      return new Map([[S.content, [at, 1]]]);
    }),
  // 3. Content redefined as two zero bytes + raw deflate of the signed text: no zlib header.
  a5: () =>
    withTable((o) => {
      const at = o.len();
      o.push(streamObj(S.content, Buffer.concat([Buffer.from([0, 0]), deflateRawSync(L(S.text))]), '/Filter /FlateDecode '));
      return new Map([[S.content, [at, 0]]]);
    }),
};

/** An update with an object stream holding `members` and an xref stream giving page 1 as (stream, index). */
function objStmUpdate(members: (evil: number) => [number, string][], index: number): Buffer {
  const chunks: Buffer[] = [S.pdf];
  let len = S.pdf.length;
  const push = (b: Buffer): void => void (chunks.push(b), (len += b.length));
  const evil = S.size + 1;
  const stm = S.size + 2;
  const xs = S.size + 3;
  const evilAt = len;
  push(streamObj(evil, evilText()));
  const stmAt = len;
  push(objStm(stm, members(evil)));
  const xsAt = len;
  const row = (t: number, a: number, g: number): Buffer => Buffer.from([t, (a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255, g]);
  const rows = Buffer.concat([row(2, stm, index), row(1, evilAt, 0), row(1, stmAt, 0), row(1, xsAt, 0)]);
  push(Buffer.concat([L(`${xs} 0 obj\n<< /Type /XRef /Size ${xs + 1} /W [1 4 1] /Index [${S.page} 1 ${evil} 3] ${S.trailer} /Prev ${S.prev} /Length ${rows.length} >>\nstream\n`), rows, L(`\nendstream\nendobj\nstartxref\n${xsAt}\n%%EOF\n`)]));
  return Buffer.concat(chunks);
}
// 4. Page 1 listed twice in the object stream header (signed copy first, forged second); the xref uses index 0.
build.a6 = () => objStmUpdate((evil) => [[S.page, ser({ t: 'dict', v: S.pageDict })], [S.page, pageWith(`[ ${evil} 0 R ]`)]], 0);
// 5. The xref gives page 1 as member 1 of the object stream, but member 1 is another object.
build.a6c = () => objStmUpdate(() => [[S.page, ser({ t: 'dict', v: S.pageDict })], [S.value, 'null']], 1);

/** A new visible signature field 'Signature2' with value `v` whose appearance overlays forged text. */
function sneaky(v: string, extra: [number, string][] = []): Buffer {
  const fld = S.size + 1;
  const ap = S.size + 2;
  const cat = new Map(S.catalogDict);
  const acro = cat.get('AcroForm');
  if (acro?.t !== 'dict') throw new Error('AcroForm');
  const am = new Map(acro.v);
  am.set('Fields', { t: 'array', v: [{ t: 'ref', num: S.field, gen: 0 }, { t: 'ref', num: fld, gen: 0 }] });
  cat.set('AcroForm', { t: 'dict', v: am });
  const font = [...((S.pageDict.get('Resources') as { v: Map<string, PdfObj> }).v.get('Font') as { v: Map<string, PdfObj> }).v.values()][0]!;
  return withTable((o) => {
    const e = new Map<number, [number, number]>();
    const put = (n: number, b: Buffer): void => {
      e.set(n, [o.len(), 0]);
      o.push(b);
    };
    put(S.catalog, plainObj(S.catalog, ser({ t: 'dict', v: cat })));
    put(S.page, plainObj(S.page, pageWith(ser(S.pageDict.get('Contents')!), `[ ${S.field} 0 R ${fld} 0 R ]`)));
    put(fld, plainObj(fld, `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature2) /V ${v} /F 4 /P ${S.page} 0 R /Rect [50 700 430 780] /AP << /N ${ap} 0 R >> >>`));
    put(ap, streamObj(ap, `q 1 1 1 rg 0 0 380 80 re f Q BT 0 0 0 rg /F1 11 Tf 6 50 Td (${FORGED}) Tj ET`, `/Type /XObject /Subtype /Form /BBox [0 0 380 80] /Resources << /Font << /F1 ${ser(font)} >> >> `));
    for (const [n, body] of extra) put(n, plainObj(n, body));
    return e;
  });
}
build.a7 = () => sneaky(`${S.value} 0 R`);
build.a7b = () => sneaky(`${S.size + 3} 0 R`, [[S.size + 3, '<< >>']]);
build.a7c = () => sneaky(`${S.size + 3} 0 R`, [[S.size + 3, '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached >>']]);

function save(name: string, pdf: Uint8Array): string {
  const f = join(tmp, `${name}.pdf`);
  writeFileSync(f, pdf);
  return f;
}
const pdftotext = (f: string): string => spawnSync('pdftotext', ['-f', '1', '-l', '1', f, '-'], { encoding: 'utf8' }).stdout;
const qpdfObject = (f: string, num: number): string => spawnSync('qpdf', [`--show-object=${num}`, f], { encoding: 'utf8' }).stdout;
const render = (f: string): Buffer => {
  spawnSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', '-singlefile', '-png', f, `${f}-p1`]);
  return readFileSync(`${f}-p1.png`);
};

/** The signed file: PASSED, nothing changed, pdftotext shows the licence text. */
describe('the signed base', () => {
  it('is PASSED with no change; page 1 carries the signed text', () => {
    const r = verifyPdf(S.pdf, opts);
    expect(r.signatures.map((s) => s.indication), explain(r.signatures)).toEqual(['PASSED']);
    const f = save('signed', S.pdf);
    expect(pdftotext(f)).toContain('Licence no.');
    expect(pdftotext(f)).not.toContain('FORGED');
  });
});

describe('parser differentials: an update only a repairing reader reads as the signed content → pdf.changes.other', () => {
  const cases: { name: string; what: string; detail: RegExp; oracle: (f: string) => void }[] = [
    {
      name: 'a1',
      what: '1. stale xref offset next to a signed-identical copy, forged copy further on',
      detail: /not at its xref offset/,
      oracle: (f) => expect(pdftotext(f)).toContain('FORGED'),
    },
    {
      name: 'a2',
      what: '2. xref generation 1 at a "n 0 obj" header, forged copy follows',
      detail: /generation/,
      oracle: (f) => expect(pdftotext(f)).toContain('FORGED'),
    },
    {
      name: 'a5',
      what: '3. FlateDecode data without its zlib header (our raw-deflate retry reads the signed text)',
      detail: /raw deflate|repair/,
      // poppler refuses the stream: page 1 is blank.
      oracle: (f) => expect(pdftotext(f)).not.toContain('page 1 of 2'),
    },
    {
      name: 'a6',
      what: '4. object stream header lists page 1 twice (signed copy first, forged second)',
      detail: /twice|more than once/,
      // qpdf keeps the last member: page 1 draws the forged stream.
      oracle: (f) => expect(qpdfObject(f, S.page)).toContain(`/Contents [ ${S.size + 1} 0 R ]`),
    },
    {
      name: 'a6c',
      what: '5. xref names member 1 of the object stream, which is another object',
      detail: /member 1/,
      // poppler: page 1 is null and vanishes.
      oracle: (f) => expect(pdftotext(f)).not.toContain('page 1 of 2'),
    },
  ];
  for (const c of cases) {
    it(`${c.name} (${c.what}): the oracle shows something else; FAILED with pdf.changes.other naming the irregularity`, () => {
      const pdf = build[c.name]!();
      c.oracle(save(c.name, pdf));
      const r = verifyPdf(pdf, opts);
      expect(r.signatures).toHaveLength(1);
      const s = r.signatures[0]!;
      // The signature itself is intact and valid: only the change analysis can catch this.
      expect(s.pdf, explain(r.signatures)).toMatchObject({ intact: true, valid: true, trusted: true, coverage: 'ENTIRE_REVISION' });
      expect(s.indication, explain(r.signatures)).toBe('FAILED');
      expect(failedIds(s), explain(r.signatures)).toContain('pdf.changes.other');
      expect(otherDetails(s).join('\n'), explain(r.signatures)).toMatch(c.detail);
      expect(s.modifications).toBe('OTHER');
      // The open-time repair is reported on the signature too.
      expect(byId(s.checks, 'pdf.revision.structure').map((x) => x.status), explain(r.signatures)).toEqual(['warning']);
    });
  }
});

describe('sneaky signatures: a new visible /Sig field whose value is not a signature of its own', () => {
  it("a7 (6.): /V shared with Signature1 — pdftoppm draws the overlay; document, signature #1 FAILED by pdf.field.shared-value, and its change analysis says 'other'", async () => {
    const pdf = build.a7!();
    const f = save('a7', pdf);
    expect(render(f).equals(render(save('signed-r', S.pdf)))).toBe(false);
    const r = verifyPdf(pdf, opts);
    const doc = byId(r.checks, 'pdf.field.shared-value');
    expect(doc.map((c) => c.status)).toEqual(['failed']);
    expect(doc[0]!.subIndication).toBe('FORMAT_FAILURE');
    expect(doc[0]!.message.en).toContain('Signature2');
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0]!;
    expect(s.indication, explain(r.signatures)).toBe('FAILED');
    expect(failedIds(s), explain(r.signatures)).toEqual(expect.arrayContaining(['pdf.field.shared-value', 'pdf.changes.other']));
    expect(otherDetails(s).join('\n')).toMatch(/Signature2.*shares its value|shares its value.*Signature2/);
    expect(s.modifications).toBe('OTHER');
    const report = await verify(pdf, { trust: opts.trust!, at: AT });
    expect(report.indication).toBe('FAILED');
  });

  for (const [name, what] of [
    ['a7b', 'an empty dictionary'],
    ['a7c', 'a /Type /Sig dictionary without /ByteRange or /Contents'],
  ] as const) {
    it(`${name} (7.): /V is ${what} — Signature2 gets a FAILED report; signature #1 FAILED by pdf.changes.other`, () => {
      const pdf = build[name]!();
      expect(render(save(name, pdf)).equals(render(save('signed-r2', S.pdf)))).toBe(false);
      const r = verifyPdf(pdf, opts);
      expect(byId(r.checks, 'pdf.field.shared-value').map((c) => c.status)).toEqual(['passed']);
      expect(r.signatures, explain(r.signatures)).toHaveLength(2);
      const [one, two] = r.signatures as [SignatureReport, SignatureReport];
      expect(one.pdf?.field).toBe('Signature1');
      expect(one.pdf, explain(r.signatures)).toMatchObject({ intact: true, valid: true, trusted: true });
      expect(one.indication, explain(r.signatures)).toBe('FAILED');
      expect(failedIds(one)).toContain('pdf.changes.other');
      expect(otherDetails(one).join('\n')).toMatch(/Signature2.*not a signature dictionary/);
      expect(two.pdf?.field).toBe('Signature2');
      expect(two.indication).toBe('FAILED');
    });
  }
});
