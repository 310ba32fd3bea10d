// The repairs the document model needs to read a revision (PdfDocument.irregularities / objectIrregularities /
// streamIrregularity): what a strict reader would not accept as written is recorded per (object, revision), and a
// stream read through a repair never equals one read as written. Hand-made updates; the verifier-level attacks are in
// verify/parser-differential.test.ts.
import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appendUpdate, buildPdf, stream } from '../changes/test-helpers.js';
import { equalObjects } from './compare.js';
import { inflateBounded } from './filters.js';
import { openPdf } from './open.js';
import type { PdfIrregularityKind } from './types.js';

const L = (s: string): Buffer => Buffer.from(s, 'latin1');
const TEXT = 'BT /F1 12 Tf 10 10 Td (Hello) Tj ET';
const base = buildPdf(
  {
    1: '<< /Type /Catalog /Pages 2 0 R >>',
    2: '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 200] >>',
    3: '<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>',
    4: stream('', TEXT),
  },
  { root: 1 },
);
const kinds = (xs: { kind: PdfIrregularityKind }[]): PdfIrregularityKind[] => xs.map((x) => x.kind).sort();

/** Append raw bytes and an xref table whose entries are given as [num, offset, gen]. */
function rawUpdate(pdf: Uint8Array, body: (at: number) => { bytes: Buffer; entries: [number, number, number][] }): Uint8Array {
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(Buffer.from(pdf).toString('latin1'))![1]);
  const { bytes, entries } = body(pdf.length);
  const xr = pdf.length + bytes.length;
  let x = 'xref\n';
  for (const [n, o, g] of entries) x += `${n} 1\n${String(o).padStart(10, '0')} ${String(g).padStart(5, '0')} n\r\n`;
  return Buffer.concat([pdf, bytes, L(`${x}trailer\n<< /Size 10 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xr}\n%%EOF\n`)]);
}

describe('inflateBounded says when it repaired', () => {
  it('zlib data: clean; raw deflate: repaired; truncated: repaired; both give the text', () => {
    const clean = inflateBounded(deflateSync(L(TEXT)), 1 << 20);
    expect(clean).toEqual({ ok: true, data: expect.anything() });
    expect(clean.ok && 'repaired' in clean).toBe(false);
    const raw = inflateBounded(Buffer.concat([Buffer.from([0, 0]), deflateRawSync(L(TEXT))]), 1 << 20);
    expect(raw.ok && Buffer.from(raw.data).toString('latin1')).toBe(TEXT);
    expect(raw.ok && raw.repaired).toMatch(/raw deflate/);
    const z = deflateSync(L(TEXT.repeat(50)));
    const cut = inflateBounded(z.subarray(0, z.length - 10), 1 << 20);
    expect(cut.ok && cut.repaired).toMatch(/truncated/);
  });
});

describe('irregularities of a revision', () => {
  it('an update written as it should be: none; the signed revision is never asked', () => {
    const doc = openPdf(appendUpdate(base, { 4: stream('', 'BT (changed) Tj ET') }, { root: 1 }));
    expect(doc.irregularities(1)).toEqual([]);
    expect(doc.objectIrregularities(4)).toEqual([]);
    expect(doc.irregularities(5)).toEqual([]);
  });

  it('an object 3 bytes after its xref offset, a forged copy later: offset + stray-object', () => {
    const pdf = rawUpdate(base, (at) => {
      const a = L(`4 0 obj\n${stream('', TEXT)}\nendobj\n%${'x'.repeat(100)}\n`);
      return { bytes: Buffer.concat([a, L(`4 0 obj\n${stream('', 'BT (forged) Tj ET')}\nendobj\n`)]), entries: [[4, at + 3, 0]] };
    });
    const doc = openPdf(pdf);
    expect(kinds(doc.objectIrregularities(4))).toEqual(['offset']);
    const all = doc.irregularities(1);
    expect(kinds(all)).toEqual(['offset', 'stray-object']);
    expect(all.every((x) => x.revision === 1 && x.num === 4)).toBe(true);
    expect(doc.objectIrregularities(4, 0)).toEqual([]);
  });

  it('generation 1 in the xref, 0 in the header: generation', () => {
    const doc = openPdf(rawUpdate(base, (at) => ({ bytes: L(`4 0 obj\n${stream('', TEXT)}\nendobj\n`), entries: [[4, at, 1]] })));
    expect(kinds(doc.irregularities(1))).toEqual(['generation']);
  });

  it('a wrong /Length and a missing endobj: stream-length, endobj', () => {
    const doc = openPdf(
      rawUpdate(base, (at) => {
        const a = L(`4 0 obj\n<< /Length 3 >>\nstream\n${TEXT}\nendstream\nendobj\n`);
        return { bytes: Buffer.concat([a, L('3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\n')]), entries: [[4, at, 0], [3, at + a.length, 0]] };
      }),
    );
    expect(kinds(doc.irregularities(1))).toEqual(['endobj', 'stream-length']);
    const s = doc.getObject(4);
    expect(s?.t === 'stream' && doc.streamIrregularity(s)).toMatch(/Length/);
  });

  it('FlateDecode without a zlib header: stream-data, and it never equals the signed stream with the same text', () => {
    const data = Buffer.concat([Buffer.from([0, 0]), deflateRawSync(L(TEXT))]).toString('latin1');
    const doc = openPdf(appendUpdate(base, { 4: stream('/Filter /FlateDecode', data) }, { root: 1 }));
    const [old, neu] = [doc.getObject(4, 0), doc.getObject(4, 1)];
    expect(neu?.t === 'stream' && Buffer.from(doc.streamData(neu)!).toString('latin1')).toBe(TEXT);
    expect(kinds(doc.irregularities(1))).toEqual(['stream-data']);
    expect(equalObjects(old, neu, doc)).toBe(false);
    // The same text deflated properly is equal (a re-encoding is no change).
    const ok = openPdf(appendUpdate(base, { 4: stream('/Filter /FlateDecode', deflateSync(L(TEXT)).toString('latin1')) }, { root: 1 }));
    expect(equalObjects(ok.getObject(4, 0), ok.getObject(4, 1), ok)).toBe(true);
    expect(ok.irregularities(1)).toEqual([]);
  });

  it('an xref table listing an object twice: xref-entry', () => {
    const pdf = rawUpdate(base, (at) => ({ bytes: L(`4 0 obj\n${stream('', TEXT)}\nendobj\n`), entries: [[4, at, 0], [4, at, 0]] }));
    const doc = openPdf(pdf);
    expect(kinds(doc.irregularities(1))).toEqual(['xref-entry']);
  });

  it('an xref section announced 5 bytes off: xref (a revision-level repair)', () => {
    const pdf = Buffer.from(appendUpdate(base, { 4: stream('', 'BT (changed) Tj ET') }, { root: 1 }));
    const t = pdf.toString('latin1');
    const m = /startxref\n(\d+)\n%%EOF\n$/.exec(t)!;
    const shifted = Buffer.concat([pdf.subarray(0, m.index), L(`startxref\n${Number(m[1]) - 5}\n%%EOF\n`)]);
    const doc = openPdf(shifted);
    const x = doc.irregularities(1);
    expect(kinds(x)).toEqual(['xref']);
    expect(x[0]!.detail).toMatch(/off by 5/);
    expect(x[0]!.num).toBeUndefined();
  });
});
