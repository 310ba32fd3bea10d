// Repeated dictionary keys: the shared lexer keeps the LAST occurrence, as qpdf ("last occurrence overrides") and
// poppler (pdfinfo, pdfsig) read it, and records the overridden ones; the signature scan reports them by path.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPdf } from './changes/test-helpers.js';
import { openPdf, pdfText } from './document/index.js';
import { parseObjectAt, type PdfValue } from './lexer.js';
import { duplicateKeysAt, findSignatureDicts } from './signature-dicts.js';

const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdflex-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const LIM = { maxBytes: 1 << 20, maxDepth: 32, maxValues: 10_000 };
const lex = (s: string): PdfValue | undefined => parseObjectAt(Buffer.from(s, 'latin1'), 0, LIM);

describe('repeated dictionary keys', () => {
  it('the last occurrence wins; the earlier ones are recorded in file order with their offsets', () => {
    const src = '<< /A 1 /B (b) /A 2 /A [3] >>';
    const v = lex(src);
    expect(v?.kind).toBe('dict');
    if (v?.kind !== 'dict') return;
    const a = v.entries.get('A')!;
    expect(a.value.kind).toBe('array');
    expect(a.keyStart).toBe(src.lastIndexOf('/A'));
    expect(v.duplicates?.map((d) => [d.key, d.keyStart, d.value.kind === 'number' ? d.value.value : d.value.kind])).toEqual([
      ['A', src.indexOf('/A'), 1],
      ['A', src.indexOf('/A 2'), 2],
    ]);
    // A dictionary without repeated keys carries no list.
    const plain = lex('<< /A 1 /B 2 >>');
    expect(plain?.kind === 'dict' && plain.duplicates).toBe(undefined);
  });

  it('the document model reads a repeated key as qpdf --json and pdfinfo do (the last value)', () => {
    const pdf = buildPdf(
      {
        1: '<< /Type /Catalog /Pages 2 0 R >>',
        2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /MediaBox [0 0 300 400] >>',
        4: '<< /Title (First) /Producer (p) /Title (Second) >>',
      },
      { root: 1, info: 4 },
    );
    const file = join(tmp, 'dup.pdf');
    writeFileSync(file, pdf);
    const doc = openPdf(pdf);
    const info = doc.getObject(4);
    const title = info?.t === 'dict' ? pdfText(info.v.get('Title')) : undefined;
    const box = doc.getObject(3);
    const media = box?.t === 'dict' ? box.v.get('MediaBox') : undefined;
    expect(title).toBe('Second');
    expect(media?.t === 'array' && media.v.map((x) => (x.t === 'num' ? x.v : NaN))).toEqual([0, 0, 300, 400]);

    const q = spawnSync('qpdf', ['--json', '--json-key=qpdf', file], { encoding: 'utf8' });
    // Exit 3: qpdf succeeded with warnings — the warning states its rule.
    expect(q.status, q.stderr).toBe(3);
    expect(q.stderr).toContain('dictionary has duplicated key /Title; last occurrence overrides earlier ones');
    const objs = (JSON.parse(q.stdout) as { qpdf: [unknown, Record<string, { value: Record<string, unknown> }>] }).qpdf[1];
    expect(objs['obj:4 0 R']!.value['/Title']).toBe('u:Second');
    expect(objs['obj:3 0 R']!.value['/MediaBox']).toEqual([0, 0, 300, 400]);

    const p = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(p.stdout).toMatch(/^Title:\s+Second$/m);
    expect(p.stdout).toMatch(/^Page size:\s+300 x 400 pts/m);
  });

  it('the signature scan uses the last /ByteRange and names every repeated key, nested ones by path', () => {
    const dict =
      '<< /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 1 2 3] /Contents <00> /Reference [<< /Type /SigRef /TransformParams << /P 1 /V /1.2 /P 3 >> >>] /ByteRange [0 10 20 30] >>';
    const pdf = Buffer.from(`%PDF-1.7\n1 0 obj\n${dict}\nendobj\n`, 'latin1');
    const { signatures } = findSignatureDicts(pdf);
    expect(signatures).toHaveLength(1);
    const s = signatures[0]!;
    expect(s.byteRange?.values).toEqual([0, 10, 20, 30]);
    expect(s.byteRange?.start).toBe(pdf.indexOf('[0 10 20 30]'));
    expect(s.duplicateKeys).toEqual(['/ByteRange', '/Reference[0] /TransformParams /P']);
    expect(duplicateKeysAt(pdf, s.start)).toEqual(s.duplicateKeys);
    // No repeated key: no list.
    const clean = Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >>\nendobj\n`, 'latin1');
    expect(findSignatureDicts(clean).signatures[0]!.duplicateKeys).toBe(undefined);
    expect(duplicateKeysAt(clean, -1)).toEqual([]);
  });
});
