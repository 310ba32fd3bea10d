// Hostile input: truncation, broken xref offsets, /Prev loops, decompression bombs, deep nesting, reference and page
// tree cycles, a 200 MB file, random mutations. openPdf may throw only FormatError/LimitError; accessors never throw.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, LimitError } from '../../errors.js';
import {
  certification,
  equalObjects,
  objectBytes,
  openPdf,
  pageRefs,
  readDss,
  revisionEndingAt,
  signatureFields,
  type PdfDocument,
  type PdfDocumentLimits,
} from './index.js';

const corpusDir = fileURLToPath(new URL('../../../../../../shared/corpus/pdf/', import.meta.url));
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(join(corpusDir, name)));
const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

/** A PDF from object bodies (object i+1 = bodies[i]) with a correct classic xref table. */
function buildPdf(bodies: (string | Uint8Array)[], trailerExtra = '', root = 1): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let len = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    offsets.push(len);
    const head = Buffer.from(`${i + 1} 0 obj\n`, 'latin1');
    const body = typeof b === 'string' ? Buffer.from(b, 'latin1') : Buffer.from(b);
    const tail = Buffer.from('\nendobj\n', 'latin1');
    parts.push(head, body, tail);
    len += head.length + body.length + tail.length;
  });
  let x = `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) x += `${String(o).padStart(10, '0')} 00000 n \n`;
  x += `trailer\n<< /Size ${bodies.length + 1} /Root ${root} 0 R ${trailerExtra}>>\nstartxref\n${len}\n%%EOF\n`;
  parts.push(Buffer.from(x, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

const simplePages = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>',
  '<< /Length 8 >>\nstream\nBT ET q\nendstream',
];

/** Call every accessor; any throw fails the test. */
function exercise(doc: PdfDocument): void {
  for (let r = 0; r < doc.revisions.length; r++) {
    const nums = doc.objectNumbers(r);
    for (const n of nums.slice(0, 2000)) {
      const o = doc.getObject(n, r);
      doc.resolve(o, r);
      doc.definedIn(n, r);
      objectBytes(doc, n, r);
      if (o?.t === 'stream') {
        doc.streamData(o);
        doc.streamData(o, false);
      }
      equalObjects(o, doc.getObject(n), doc);
    }
    doc.catalog(r);
    pageRefs(doc, r);
    signatureFields(doc, r);
    readDss(doc, r);
    certification(doc, r);
    revisionEndingAt(doc, doc.revisions[r]!.end);
  }
  doc.getObject(-1);
  doc.getObject(1, 99);
  doc.resolve({ t: 'ref', num: 1e12, gen: 0 });
}

/** openPdf either returns a document whose accessors never throw, or throws FormatError/LimitError. */
function openOrReject(bytes: Uint8Array, limits?: Partial<PdfDocumentLimits>): PdfDocument | undefined {
  let doc: PdfDocument;
  try {
    doc = openPdf(bytes, limits);
  } catch (e) {
    expect(e instanceof FormatError || e instanceof LimitError, String(e)).toBe(true);
    return undefined;
  }
  exercise(doc);
  return doc;
}

describe('truncated corpus files', () => {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.pdf'));
  it.each(files)('%s cut at every 1/20th', (name) => {
    const bytes = load(name);
    let opened = 0;
    for (let i = 1; i < 20; i++) {
      const cut = Math.floor((bytes.length * i) / 20);
      if (openOrReject(bytes.subarray(0, cut))) opened++;
    }
    // Most prefixes still hold objects: they open (repaired or with an earlier revision) rather than fail.
    expect(opened).toBeGreaterThan(10);
  });

  it('a prefix without any %%EOF is repaired from its object headers', () => {
    const bytes = load('signpdf_signed.pdf');
    const doc = openPdf(bytes.subarray(0, bytes.length - 200));
    expect(doc.repaired).toBe(true);
    expect(pageRefs(doc).refs.length).toBe(1);
    expect(doc.warnings.join(' ')).toMatch(/scanning/);
  });

  it('bytes that are not a PDF → FormatError', () => {
    expect(() => openPdf(latin1('hello'))).toThrow(FormatError);
    expect(() => openPdf(new Uint8Array(0))).toThrow(FormatError);
    expect(() => openPdf(latin1('%PDF-1.7\nnothing here\n'))).toThrow(FormatError);
    expect(() => openPdf('%PDF-1.4' as unknown as Uint8Array)).toThrow(FormatError);
  });
});

describe('broken xref', () => {
  const good = buildPdf(simplePages);

  it('the reference builder is read without repair', () => {
    const doc = openPdf(good);
    expect(doc.repaired).toBe(false);
    expect(doc.warnings).toEqual([]);
    expect(pageRefs(doc).refs).toEqual([{ num: 3, gen: 0 }]);
  });

  it('startxref off by a few bytes: the section is found nearby', () => {
    const s = Buffer.from(good).toString('latin1');
    const m = /startxref\n(\d+)/.exec(s)!;
    for (const delta of [-7, -1, 3, 40]) {
      const bad = s.replace(`startxref\n${m[1]}`, `startxref\n${Number(m[1]) + delta}`);
      const doc = openPdf(latin1(bad));
      expect(doc.repaired).toBe(false);
      expect(doc.warnings.join(' ')).toContain(`off by ${-delta}`);
      expect(pageRefs(doc).refs.length).toBe(1);
    }
  });

  it('every object offset shifted: objects are still found, with warnings', () => {
    const s = Buffer.from(good).toString('latin1');
    const bad = s.replace(/^(\d{10}) 00000 n /gm, (_, o: string) => `${String(Number(o) + 5).padStart(10, '0')} 00000 n `);
    const doc = openPdf(latin1(bad));
    expect(pageRefs(doc).refs.length).toBe(1);
    expect(doc.warnings.some((w) => /object 3 announced at \d+ found at/.test(w))).toBe(true);
  });

  it('offsets pointing at the wrong objects: found through the header index', () => {
    const s = Buffer.from(good).toString('latin1');
    // Swap the entries of objects 2 and 3.
    const lines = s.split('\n');
    const i = lines.findIndex((l) => l === 'xref');
    [lines[i + 4], lines[i + 5]] = [lines[i + 5]!, lines[i + 4]!];
    const doc = openPdf(latin1(lines.join('\n')));
    expect(pageRefs(doc).refs).toEqual([{ num: 3, gen: 0 }]);
    expect(doc.warnings.some((w) => /object 2 announced at \d+ found at/.test(w))).toBe(true);
  });

  it('startxref pointing nowhere: repaired by scanning', () => {
    const bad = Buffer.from(good).toString('latin1').replace(/startxref\n\d+/, 'startxref\n99999999');
    const doc = openPdf(latin1(bad));
    expect(doc.repaired).toBe(true);
    expect(doc.revisions.length).toBe(1);
    expect(pageRefs(doc).refs.length).toBe(1);
  });

  it('a /Prev loop stops with a warning', () => {
    // Second section whose /Prev points at itself, and a third pointing at the second.
    const s = Buffer.from(good).toString('latin1');
    const x1 = Number(/startxref\n(\d+)/.exec(s)![1]);
    let out = s;
    const x2 = out.length;
    out += `xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R /Prev ${x2} >>\nstartxref\n${x2}\n%%EOF\n`;
    const x3 = out.length;
    out += `xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R /Prev ${x2} >>\nstartxref\n${x3}\n%%EOF\n`;
    const doc = openPdf(latin1(out));
    expect(doc.warnings.join(' ')).toMatch(/\/Prev loop/);
    // The loop never reaches the section that defines the objects: rebuilt by scanning, one revision per %%EOF.
    expect(doc.repaired).toBe(true);
    expect(doc.revisions.map((r) => r.end)).toEqual([x1 + s.slice(x1).indexOf('%%EOF') + 6, x3, out.length]);
    expect(pageRefs(doc).refs.length).toBe(1);
  });

  it('more xref sections than maxRevisions → LimitError', () => {
    let s = Buffer.from(good).toString('latin1');
    for (let i = 0; i < 5; i++) {
      const prev = [...s.matchAll(/startxref\n(\d+)/g)].pop()![1];
      const x = s.length;
      s += `xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${x}\n%%EOF\n`;
    }
    expect(openPdf(latin1(s)).revisions.length).toBe(6);
    expect(() => openPdf(latin1(s), { maxRevisions: 3 })).toThrow(LimitError);
  });

  it('a file larger than maxBytes → LimitError', () => {
    expect(() => openPdf(good, { maxBytes: 100 })).toThrow(LimitError);
  });
});

describe('bombs, nesting and cycles', () => {
  it('an object stream inflating past maxStreamBytes is not decoded; its members are absent', () => {
    const zeros = Buffer.alloc(300 * 1024 * 1024, 0x20);
    const bomb = deflateSync(zeros, { level: 9 });
    expect(bomb.length).toBeLessThan(400_000);
    const stm = Buffer.concat([
      Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`, 'latin1'),
      bomb,
      Buffer.from('\nendstream', 'latin1'),
    ]);
    const bytes = buildPdf([...simplePages, new Uint8Array(stm)]);
    const before = process.memoryUsage().rss;
    const doc = openPdf(bytes);
    const o5 = doc.getObject(5);
    expect(o5?.t).toBe('stream');
    expect(doc.streamData(o5 as Extract<typeof o5, { t: 'stream' }>)).toBeUndefined();
    // Bounded: far below the 300 MB the stream would inflate to.
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
    // A smaller limit is honoured too.
    expect(openPdf(bytes, { maxStreamBytes: 1024 }).streamData(o5 as Extract<typeof o5, { t: 'stream' }>)).toBeUndefined();
  });

  it('100 000 nested arrays: the object is unparsable, nothing overflows', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const doc = openPdf(buildPdf([...simplePages, deep]));
    expect(doc.getObject(5)).toBeUndefined();
    expect(doc.getObject(3)?.t).toBe('dict');
    // In the trailer: the chain is unusable and the file is repaired.
    const d2 = openPdf(buildPdf(simplePages, `/X ${'['.repeat(100_000)}`));
    expect(d2.repaired).toBe(true);
    expect(pageRefs(d2).refs.length).toBe(1);
    // Within the depth limit, nesting parses.
    const ok = openPdf(buildPdf([...simplePages, '['.repeat(90) + ']'.repeat(90)]));
    expect(ok.getObject(5)?.t).toBe('array');
  });

  it('reference cycles resolve to undefined', () => {
    const doc = openPdf(buildPdf([...simplePages, '6 0 R', '5 0 R', '7 0 R', '<< /Length 8 0 R >>\nstream\nabc\nendstream']));
    expect(doc.resolve({ t: 'ref', num: 5, gen: 0 })).toBeUndefined();
    expect(doc.resolve({ t: 'ref', num: 7, gen: 0 })).toBeUndefined();
    // A stream whose /Length refers to itself: data up to endstream.
    const s = doc.getObject(8);
    expect(s?.t === 'stream' && Buffer.from(doc.streamData(s)!).toString()).toBe('abc');
    // A chain longer than maxRefChain.
    const chain = Array.from({ length: 50 }, (_, i) => `${i + 6} 0 R`);
    chain[49] = '42';
    const d2 = openPdf(buildPdf([...simplePages, ...chain]));
    expect(d2.resolve({ t: 'ref', num: 50, gen: 0 })).toEqual({ t: 'num', v: 42, int: true });
    expect(d2.resolve({ t: 'ref', num: 5, gen: 0 })).toBeUndefined();
  });

  it('page tree and field cycles are cut', () => {
    const doc = openPdf(
      buildPdf([
        '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>',
        '<< /Type /Pages /Kids [3 0 R 2 0 R 4 0 R] /Count 2 >>',
        '<< /Type /Page /Parent 2 0 R >>',
        '<< /Type /Pages /Kids [2 0 R 3 0 R] >>',
        '<< /T (a) /Kids [6 0 R] >>',
        '<< /T (b) /FT /Sig /Kids [5 0 R 6 0 R 7 0 R] >>',
        '<< /Subtype /Widget /Parent 6 0 R /P 3 0 R >>',
      ]),
    );
    const pages = pageRefs(doc);
    expect(pages.refs).toEqual([{ num: 3, gen: 0 }]);
    expect(pages.truncated).toBe(true);
    const f = signatureFields(doc);
    expect(f.map((x) => [x.name, x.widgets, x.pages])).toEqual([['a.b', [{ num: 7, gen: 0 }], [0]]]);
  });
});

describe('200 MB file', () => {
  it('opens with bounded extra memory (the bytes themselves excluded)', () => {
    const big = 200 * 1024 * 1024;
    const head = Buffer.from(`<< /Length ${big} >>\nstream\n`, 'latin1');
    const body = Buffer.alloc(big, 0x41);
    const stream = Buffer.concat([head, body, Buffer.from('\nendstream', 'latin1')]);
    const bytes = buildPdf([...simplePages.slice(0, 3), new Uint8Array(stream)]);
    // Drop the temporary copies before measuring.
    const before = process.memoryUsage();
    const doc = openPdf(bytes);
    exercise(doc);
    const s = doc.getObject(4);
    expect(s?.t === 'stream' && s.dataLength).toBe(big);
    expect(doc.streamData(s as Extract<typeof s, { t: 'stream' }>)?.length).toBe(big);
    expect(pageRefs(doc).refs.length).toBe(1);
    const after = process.memoryUsage();
    expect(after.rss - before.rss).toBeLessThan(64 * 1024 * 1024);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    // Without the xref: the repair scan walks the 200 MB once, also within bounds.
    const cut = bytes.subarray(0, bytes.length - 100);
    const r = openPdf(cut);
    expect(r.repaired).toBe(true);
    expect(pageRefs(r).refs.length).toBe(1);
    expect(process.memoryUsage().rss - before.rss).toBeLessThan(96 * 1024 * 1024);
  });
});

describe('random mutations (fast-check)', () => {
  const seeds = [
    load('signpdf_signed.pdf'),
    buildPdf(simplePages),
    load('pyh_minimal-two-fields-signed-twice.pdf'),
    load('pyh_pades-lta-dss-indirect-arrs-test.pdf'),
  ];
  it('never a throw other than FormatError/LimitError from openPdf, never one from accessors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            op: fc.constantFrom('flip', 'delete', 'insert', 'digit'),
            byte: fc.integer({ min: 0, max: 255 }),
            len: fc.integer({ min: 1, max: 64 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (which, muts) => {
          let b = Buffer.from(seeds[which]!);
          for (const m of muts) {
            // Mostly past the header (a broken header is simply 'not a PDF'), sometimes in it.
            const p = m.byte % 16 === 0 ? Math.floor(m.at * b.length) : 16 + Math.floor(m.at * (b.length - 16));
            if (m.op === 'flip') b[p] = m.byte;
            else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, p), b.subarray(p + m.len)]);
            else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, p), Buffer.alloc(m.len, m.byte), b.subarray(p)]);
            else b[p] = 0x30 + (m.byte % 10);
          }
          openOrReject(new Uint8Array(b));
        },
      ),
      { numRuns: 500 },
    );
  });
});
