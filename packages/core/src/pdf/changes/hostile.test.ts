// Hostile input: the analysis never throws and never passes silently — truncated files, mutated updates, cycles,
// reference floods, absurd revision numbers.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../../errors.js';
import { openPdf } from '../document/index.js';
import type { PdfDocument } from '../document/types.js';
import { analyseChanges } from './analyse.js';
import { judgeChanges } from './judge.js';
import { appendUpdate, buildPdf, stream } from './test-helpers.js';
import { LEVEL_ORDER } from './types.js';

const dir = fileURLToPath(new URL('../../../../../../shared/corpus/pdf/', import.meta.url));

/** openPdf may refuse input with its named errors; anything else is a bug. */
function tryOpen(bytes: Uint8Array): PdfDocument | undefined {
  try {
    return openPdf(bytes);
  } catch (e) {
    if (e instanceof FormatError || e instanceof LimitError) return undefined;
    throw e;
  }
}

function analyseAll(doc: PdfDocument): void {
  for (let r = -1; r <= doc.revisions.length; r++) {
    const a = analyseChanges(doc, r);
    expect(LEVEL_ORDER).toContain(a.level);
    if (a.truncated) expect(a.level).toBe('OTHER');
    judgeChanges(a, 2, 'licence');
  }
}

const base = buildPdf(
  {
    1: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>',
    2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    3: '<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Annots [4 0 R] >>',
    4: '<< /FT /Sig /T (S) /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 6 0 R >>',
    5: stream('', 'BT (x) Tj ET'),
    6: '<< /Type /Sig /Reason (r) /ByteRange [0 1 2 3] /Contents <00> >>',
  },
  { root: 1 },
);

describe('hostile input', () => {
  it('every corpus PDF truncated at every 1/20th: every revision analysed without a throw', () => {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.pdf'))) {
      const bytes = new Uint8Array(readFileSync(dir + f));
      for (let i = 1; i <= 20; i++) {
        const doc = tryOpen(bytes.subarray(0, Math.floor((bytes.length * i) / 20)));
        if (doc) analyseAll(doc);
      }
    }
  });

  it('fast-check: random byte mutations of an incremental update never make the analysis throw', () => {
    const updated = appendUpdate(
      base,
      {
        1: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 7 0 R] >> /DSS << /Certs [8 0 R] >> >>',
        3: '<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Annots [4 0 R 7 0 R 9 0 R] >>',
        6: '<< /Type /Sig /Reason (spoof) /ByteRange [0 1 2 3] /Contents <00> >>',
        7: '<< /FT /Sig /T (S2) /Subtype /Widget /Rect [0 0 9 9] /P 3 0 R /V 6 0 R /AP << /N 5 0 R >> >>',
        8: stream('', 'cert'),
        9: '<< /Type /Annot /Subtype /Text /Rect [0 0 5 5] /P 3 0 R >>',
      },
      { root: 1 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat({ max: updated.length - base.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 12 }),
        (muts) => {
          const b = Uint8Array.from(updated);
          for (const m of muts) b[base.length + m.at] = m.byte;
          const doc = tryOpen(b);
          if (doc) analyseAll(doc);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('self-referencing and mutually referencing objects in the signed revision and the update terminate', () => {
    const cyclic = buildPdf(
      {
        1: '<< /Type /Catalog /Pages 2 0 R /Loop 7 0 R >>',
        2: '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>',
        3: '<< /Type /Page /Parent 3 0 R /Contents 5 0 R /Resources 7 0 R >>',
        5: stream('', 'x'),
        7: '<< /A 7 0 R /B [7 0 R 3 0 R] /C 1 0 R >>',
      },
      { root: 1 },
    );
    const a = analyseChanges(openPdf(appendUpdate(cyclic, { 7: '<< /A 7 0 R /B [7 0 R 3 0 R] /C 1 0 R /D 8 0 R >>', 8: '<< /E 8 0 R /F 7 0 R >>' }, { root: 1 })), 0);
    expect(a.level).toBe('OTHER');
    expect(a.changes.some((c) => c.category === 'appearance' && c.object === '7 0 R')).toBe(true);
  });

  it('a flood of references (100 000 in one array) is bounded by the object budget', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `${i + 10} 0 R`).join(' ');
    const pdf = appendUpdate(base, { 1: `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> /DSS << /Certs [${many}] >> >>` }, { root: 1 });
    const a = analyseChanges(openPdf(pdf), 0, { maxObjects: 1000 });
    expect(a.level).toBe('OTHER');
  });

  it('500 tiny incremental updates: the change list stays bounded by what actually differs', () => {
    let pdf = base;
    for (let i = 0; i < 500; i++) pdf = appendUpdate(pdf, { 6: `<< /Type /Sig /Reason (r${i % 2 ? '' : 'x'}) /ByteRange [0 1 2 3] /Contents <00> >>` }, { root: 1 });
    const doc = openPdf(pdf);
    expect(doc.revisions).toHaveLength(501);
    const a = analyseChanges(doc, 0);
    // The last update (i = 499, odd) restores /Reason (r): nothing differs from the signed revision.
    expect(a.changes).toEqual([]);
    expect(analyseChanges(doc, 499).changes.map((c) => c.category)).toEqual(['signature-dictionary']);
  });
});
