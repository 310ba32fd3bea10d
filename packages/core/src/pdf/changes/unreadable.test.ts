// Objects an update defines but we cannot read, and new objects nothing references. The first were silently
// "unchanged" (an older definition stood in for them: a page forged after signing passed); the second were silent.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../report/indication.js';
import { openPdf } from '../document/index.js';
import { analyseChanges } from './analyse.js';
import { judgeChanges } from './judge.js';
import { appendUpdate, buildPdf, type ObjectBodies, stream } from './test-helpers.js';
import type { ChangeAnalysis } from './types.js';

const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>';
const base: ObjectBodies = {
  1: '<< /Type /Catalog /Pages 2 0 R >>',
  2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  3: PAGE,
  4: stream('', 'BT /F1 12 Tf 10 10 Td (Signed text) Tj ET'),
  5: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
};
const T = { root: 1 };
const signed = buildPdf(base, T);
const run = (pdf: Uint8Array): ChangeAnalysis => analyseChanges(openPdf(pdf), 0);
const nest = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const forged = (depth: number): ObjectBodies => ({
  20: stream('', 'BT /F1 24 Tf 10 100 Td (FORGED AFTER SIGNING) Tj ET'),
  3: PAGE.replace('/Contents 4 0 R', `/Contents 20 0 R /Pad ${nest(depth)}`),
});
const statusOf = (a: ChangeAnalysis, id: string, policy: 'licence' | 'general' = 'licence') =>
  judgeChanges(a, undefined, policy).checks.find((c) => c.id === id)?.status;

describe('an object redefined after signing that cannot be read', () => {
  it('the page nested past the depth limit (101, 100 000): an "other" change naming it, never unchanged', () => {
    for (const depth of [101, 100_000]) {
      const a = run(appendUpdate(signed, forged(depth), T));
      expect(a.level, `depth ${depth}`).toBe('OTHER');
      expect(a.changes).toContainEqual({ category: 'other', revision: 1, object: '3 0 R', detail: 'object 3 0 R redefined in revision 1 but unreadable' });
      for (const policy of ['licence', 'general'] as const) {
        const checks = judgeChanges(a, undefined, policy).checks;
        expect(checks.find((c) => c.id === 'pdf.changes.other')?.status).toBe('failed');
        expect(verdictOf(checks).indication).toBe('FAILED');
      }
    }
  });

  it('the same page at a readable depth (100) is judged as a page change — the analysis sees what it can read', () => {
    const a = run(appendUpdate(signed, forged(100), T));
    expect(a.level).toBe('OTHER');
    expect(a.changes.map((c) => c.category)).toContain('page');
    expect(a.changes.some((c) => /unreadable/.test(c.detail))).toBe(false);
  });

  it('the catalog replaced by 100 000 unclosed [: the catalog named as unreadable', () => {
    const a = run(appendUpdate(signed, { 1: '['.repeat(100_000) }, T));
    expect(a.level).toBe('OTHER');
    expect(a.changes).toContainEqual({ category: 'other', revision: 1, object: '1 0 R', detail: 'the catalog (/Root 1 0 R) redefined in revision 1 but unreadable' });
  });

  it('the trailer /Root moved to a new, unreadable object: the move and the unreadable catalog', () => {
    const a = run(appendUpdate(signed, { 30: `<< /Type /Catalog /Pages 2 0 R /Pad ${nest(101)} >>` }, { root: 30 }));
    expect(a.level).toBe('OTHER');
    expect(a.changes).toContainEqual({ category: 'other', revision: 1, object: '30 0 R', detail: 'the catalog (/Root 30 0 R) redefined in revision 1 but unreadable' });
    expect(a.changes.some((c) => c.category === 'other' && /trailer \/Root now points to 30 0 R/.test(c.detail))).toBe(true);
  });

  it('a new object that cannot be read, referenced by nothing: still an "other" change (reject by default)', () => {
    const a = run(appendUpdate(signed, { 31: nest(1000) }, T));
    expect(a.changes).toEqual([{ category: 'other', revision: 1, object: '31 0 R', detail: 'object 31 0 R redefined in revision 1 but unreadable' }]);
  });
});

describe('new objects nothing references', () => {
  const junk: ObjectBodies = { 40: '<< /Junk true >>', 41: stream('', 'x'.repeat(1000)) };
  const size = (objs: ObjectBodies): number =>
    Object.entries(objs).reduce((n, [k, v]) => n + Buffer.byteLength(`${k} 0 obj\n${v}\nendobj`, 'latin1'), 0);

  it('counted with their stored bytes; level NONE; a warning (count, bytes) under both policies, still PASSED', () => {
    const a = run(appendUpdate(signed, junk, T));
    expect(a.level).toBe('NONE');
    expect(a.changes).toEqual([]);
    expect(a.unreferenced).toEqual({ count: 2, bytes: size(junk), objects: ['40 0 R', '41 0 R'] });
    for (const policy of ['licence', 'general'] as const) {
      const checks = judgeChanges(a, undefined, policy).checks;
      const u = checks.find((c) => c.id === 'pdf.changes.unreferenced');
      expect(u).toMatchObject({ status: 'warning', details: { count: 2, bytes: size(junk) } });
      expect(u!.message.en).toContain(`2 objects, ${size(junk)} bytes`);
      expect(verdictOf(checks).indication).toBe('PASSED');
    }
  });

  it('no new objects, or only referenced ones: passed', () => {
    const info = appendUpdate(signed, { 50: '<< /Producer (x) >>' }, { root: 1, info: 50 });
    const a = run(info);
    expect(a.changes.map((c) => c.category)).toEqual(['metadata']);
    expect(a.unreferenced).toEqual({ count: 0, bytes: 0, objects: [] });
    expect(statusOf(a, 'pdf.changes.unreferenced')).toBe('passed');
    expect(statusOf(run(signed), 'pdf.changes.unreferenced')).toBe('passed');
  });

  it('an update written with an xref stream: the xref stream object itself is not counted, junk next to it is', () => {
    const text = Buffer.from(signed).toString('latin1');
    const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
    const junkAt = signed.length;
    const junkObj = '40 0 obj\n<< /Junk true >>\nendobj\n';
    const xrefAt = junkAt + junkObj.length;
    // /W [1 4 2]: type 1 entries for objects 40 (the junk) and 60 (this xref stream).
    const row = (off: number) => Buffer.from([1, (off >>> 24) & 255, (off >>> 16) & 255, (off >>> 8) & 255, off & 255, 0, 0]);
    const data = Buffer.concat([row(junkAt), row(xrefAt)]);
    const head = `60 0 obj\n<< /Type /XRef /W [1 4 2] /Index [40 1 60 1] /Size 61 /Root 1 0 R /Prev ${prev} /Length ${data.length} >>\nstream\n`;
    const tail = `\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`;
    const pdf = new Uint8Array(Buffer.concat([Buffer.from(signed), Buffer.from(junkObj + head, 'latin1'), data, Buffer.from(tail, 'latin1')]));
    const doc = openPdf(pdf);
    expect(doc.revisions.map((r) => r.xrefKind)).toEqual(['table', 'stream']);
    const a = analyseChanges(doc, 0);
    expect(a.newObjects.total).toBe(2);
    expect(a.unreferenced).toEqual({ count: 1, bytes: junkObj.length - 1, objects: ['40 0 R'] });
  });
});

describe('unreferenced objects in a corpus file, against qpdf', () => {
  it('pyh_pades-lta-dss-indirect-arrs-test: the DSS arrays pyHanko replaced (and a stray VRI) = new objects qpdf cannot reach from the trailer', () => {
    const file = fileURLToPath(new URL('../../../../../../shared/corpus/pdf/pyh_pades-lta-dss-indirect-arrs-test.pdf', import.meta.url));
    const doc = openPdf(new Uint8Array(readFileSync(file)));
    // qpdf's own parse: every object's value, references as "n g R" strings; reachability from the trailer.
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as { qpdf: [unknown, Record<string, unknown>] };
    const objs = json.qpdf[1];
    const reach = new Set<number>();
    const stack: unknown[] = [objs['trailer']];
    while (stack.length) {
      const v = stack.pop();
      if (typeof v === 'string') {
        const m = /^(\d+) \d+ R$/.exec(v);
        if (m && !reach.has(Number(m[1]))) {
          reach.add(Number(m[1]));
          stack.push(Object.entries(objs).find(([k]) => k.startsWith(`obj:${m[1]} `))?.[1]);
        }
      } else if (v && typeof v === 'object') stack.push(...Object.values(v));
    }
    const last = doc.revisions.length - 1;
    let withUnreferenced = 0;
    for (let s = 0; s < last; s++) {
      const before = new Set(doc.objectNumbers(s));
      const expected = doc.objectNumbers(last).filter((n) => !before.has(n) && !reach.has(n)).map((n) => `${n} 0 R`);
      const a = analyseChanges(doc, s);
      expect(a.unreferenced?.objects, `signed revision ${s}`).toEqual(expected);
      if (expected.length) withUnreferenced++;
    }
    expect(withUnreferenced).toBeGreaterThan(0);
    expect(analyseChanges(doc, 1).unreferenced).toMatchObject({ objects: ['20 0 R', '21 0 R', '22 0 R', '23 0 R', '28 0 R'] });
  });
});
