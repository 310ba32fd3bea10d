// An object whose xref entry in revision R cannot be read must stay unreadable as of R: it never resolves to another
// revision's definition of the same number (the defect: an update's page nested beyond the depth limit resolved to
// the signed page, so the change analysis compared the signed page with itself while qpdf/pdftotext show the new one).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPdf, pageRefs } from './index.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-unreadable-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const latin = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
const nest = (n: number): string => '['.repeat(n) + ']'.repeat(n);

const BASE = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  '<< /Length 8 >>\nstream\nBT ET q\nendstream',
];

/** Objects 1..n with a classic xref table. */
function build(bodies: string[]): Uint8Array {
  let s = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offs: number[] = [];
  bodies.forEach((b, i) => {
    offs.push(s.length);
    s += `${i + 1} 0 obj\n${b}\nendobj\n`;
  });
  const x = s.length;
  s += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  s += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${x}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

/** One incremental update defining `objs`; `offsetOf` may change the offset written for an object. */
function update(pdf: Uint8Array, objs: Record<number, string>, offsetOf: (num: number, real: number) => number = (_, o) => o): Uint8Array {
  const t = latin(pdf);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(t)![1]);
  let s = t;
  const offs: [number, number][] = [];
  for (const [n, body] of Object.entries(objs)) {
    offs.push([Number(n), s.length]);
    s += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const x = s.length;
  s += `xref\n${offs.map(([n, o]) => `${n} 1\n${String(offsetOf(n, o)).padStart(10, '0')} 00000 n \n`).join('')}`;
  s += `trailer\n<< /Size 60 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${x}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

/** qpdf's reading of object `num` of the final document (an independent reader; exit 3 = read with warnings). */
function qpdfShow(pdf: Uint8Array, num: number): string {
  const f = join(tmp, `q${num}.pdf`);
  writeFileSync(f, pdf);
  const r = spawnSync('qpdf', [`--show-object=${num}`, f], { encoding: 'latin1' });
  expect([0, 3], r.stderr).toContain(r.status);
  return r.stdout;
}

const base = build(BASE);
const forgedPage = (depth: number) =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 50 0 R /Pad ${nest(depth)} >>`;

describe('an update whose object cannot be parsed', () => {
  it.each([101, 100_000])('page 3 redefined with a %i-deep /Pad: unreadable in the update, never the old page', (depth) => {
    const pdf = update(base, { 50: '<< /Length 10 >>\nstream\nBT FAKE ET\nendstream', 3: forgedPage(depth) });
    const doc = openPdf(pdf);
    expect(doc.repaired).toBe(false);
    expect(doc.revisions).toHaveLength(2);
    // qpdf reads the new page (with /Pad and the new content): the update's object is there.
    if (depth === 101) expect(qpdfShow(pdf, 3)).toMatch(/\/Contents 50 0 R[\s\S]*\/Pad \[ \[/);
    expect(doc.getObject(3, 1)).toBeUndefined();
    expect(doc.unreadable(3, 1)).toBe(true);
    expect(doc.unreadable(3)).toBe(true);
    expect(doc.objectLocation(3, 1)).toBeUndefined();
    // The signed revision still has its page; the update's readable objects read.
    expect(doc.getObject(3, 0)).toMatchObject({ t: 'dict' });
    expect(doc.unreadable(3, 0)).toBe(false);
    expect(doc.getObject(50, 1)).toMatchObject({ t: 'stream' });
    expect(doc.unreadable(50, 1)).toBe(false);
    expect(doc.warnings.join('\n')).toMatch(/object 3 of revision 1 at \d+ cannot be parsed/);
    expect(pageRefs(doc, 0).refs).toHaveLength(1);
  });

  it('a /Pad 100 deep (the deepest the lexer takes inside a page dictionary) reads: the limit decides, not the fix', () => {
    const doc = openPdf(update(base, { 3: forgedPage(100) }));
    expect(doc.getObject(3)).toMatchObject({ t: 'dict' });
    expect(doc.unreadable(3)).toBe(false);
  });

  it('absent, free and never-defined objects are not "unreadable"', () => {
    const t = latin(base);
    const prev = Number(/startxref\s+(\d+)/.exec(t)![1]);
    const x = t.length;
    const freed = new Uint8Array(Buffer.from(`${t}xref\n0 1\n0000000000 65535 f \n4 1\n0000000000 00001 f \ntrailer\n<< /Size 5 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${x}\n%%EOF\n`, 'latin1'));
    const doc = openPdf(freed);
    expect(doc.getObject(4)).toBeUndefined();
    expect(doc.unreadable(4)).toBe(false);
    expect(doc.unreadable(4, 0)).toBe(false);
    expect(doc.unreadable(999)).toBe(false);
    expect(doc.unreadable(-1)).toBe(false);
    expect(doc.unreadable(1, 7)).toBe(false);
  });

  it('the catalog replaced by 100 000 unclosed [: no repair bringing the old catalog back', () => {
    const doc = openPdf(update(base, { 1: '['.repeat(100_000) }));
    expect(doc.repaired).toBe(false);
    expect(doc.revisions).toHaveLength(2);
    expect(doc.catalog()).toBeUndefined();
    expect(doc.unreadable(1)).toBe(true);
    expect(doc.catalog(0)?.get('Pages')).toEqual({ t: 'ref', num: 2, gen: 0 });
  });

  it('the catalog replaced by a readable non-dictionary: kept as it is, not repaired', () => {
    const doc = openPdf(update(base, { 1: '[ 1 2 3 ]' }));
    expect(doc.repaired).toBe(false);
    expect(doc.catalog()).toBeUndefined();
    expect(doc.getObject(1)).toMatchObject({ t: 'array' });
    expect(doc.unreadable(1)).toBe(false);
  });
});

describe("stale offsets are searched in the revision's own bytes only", () => {
  it("an update's entry pointing a few bytes off the signed revision's definition: the update's own object, as qpdf reads", () => {
    const old = latin(base).indexOf('3 0 obj');
    const pdf = update(base, { 3: forgedPage(1) }, (n, o) => (n === 3 ? old + 3 : o));
    const doc = openPdf(pdf);
    // The near search would hit the signed revision's `3 0 obj` 3 bytes away; only the update's bytes are searched.
    expect((doc.getObject(3, 1) as { v: Map<string, unknown> }).v.has('Pad')).toBe(true);
    expect(doc.warnings.join('\n')).toMatch(new RegExp(`object 3 announced at ${old + 3} found at \\d+ by scanning`));
    expect(qpdfShow(pdf, 3)).toMatch(/\/Pad \[ \]/);
  });

  it("an update's entry pointing a few bytes off the signed revision's definition, no such object in the update: unreadable", () => {
    const old = latin(base).indexOf('3 0 obj');
    const pdf = update(base, { 3: forgedPage(1).replace('/Type /Page', '/Type /Page /X') }, (n, o) => (n === 3 ? old + 3 : o));
    // The update's object carries another number, so nothing in the update's bytes is `3 0 obj`.
    const hidden = new Uint8Array(Buffer.from(latin(pdf).replace(/(\n|^)3 0 obj\n<< \/Type \/Page \/X/, '$149 0 obj\n<< /Type /Page /X'), 'latin1'));
    const doc = openPdf(hidden);
    expect(doc.getObject(3, 0)).toMatchObject({ t: 'dict' });
    expect(doc.getObject(3, 1)).toBeUndefined();
    expect(doc.unreadable(3, 1)).toBe(true);
    expect(doc.warnings.join('\n')).toContain(`object 3 of revision 1 announced at ${old + 3} not found in that revision's bytes`);
  });

  it("an update's entry pointing at nothing, the object being in the update: found there by scanning", () => {
    const pdf = update(base, { 3: forgedPage(1) }, (n, o) => (n === 3 ? 5 : o));
    const doc = openPdf(pdf);
    expect(doc.getObject(3, 1)).toMatchObject({ t: 'dict' });
    expect((doc.getObject(3, 1) as { v: Map<string, unknown> }).v.has('Pad')).toBe(true);
    expect(doc.warnings.join('\n')).toMatch(/object 3 announced at 5 found at \d+ by scanning/);
  });

  it("an update's entry a few bytes off its own object: found nearby", () => {
    const pdf = update(base, { 3: forgedPage(1) }, (n, o) => (n === 3 ? o + 4 : o));
    const doc = openPdf(pdf);
    expect((doc.getObject(3) as { v: Map<string, unknown> }).v.has('Pad')).toBe(true);
    expect(doc.warnings.join('\n')).toMatch(/object 3 announced at \d+ found at \d+$/m);
  });

  it("a signed revision's entry pointing past its own end (into a later update): not read from the later bytes", () => {
    // Revision 0 lists object 4 at an offset that only a later update fills with `4 0 obj`.
    const t = latin(base);
    const lateAt = t.length;
    const patched = t.replace(/^(\d{10}) 00000 n \n(?=trailer)/m, `${String(lateAt).padStart(10, '0')} 00000 n \n`);
    expect(patched).not.toBe(t);
    const pdf = update(new Uint8Array(Buffer.from(patched, 'latin1')), { 4: '<< /Length 6 >>\nstream\nFORGED\nendstream' });
    // The update starts with `4 0 obj` right at t.length: the entry of revision 0 points at it.
    expect(latin(pdf).slice(lateAt, lateAt + 7)).toBe('4 0 obj');
    const doc = openPdf(pdf);
    expect(doc.getObject(4, 1)).toMatchObject({ t: 'stream' });
    // Revision 0's own object 4 (inside its bytes) is found by scanning instead.
    const o = doc.getObject(4, 0);
    expect(o?.t).toBe('stream');
    if (o?.t === 'stream') expect(latin(doc.streamData(o)!)).toBe('BT ET q\n');
  });
});
