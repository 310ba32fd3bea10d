// judgeChanges: policies and DocMDP, on hand-built analyses and on updates appended to the certified corpus file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../report/indication.js';
import { certification, objectBytes, openPdf } from '../document/index.js';
import { analyseChanges } from './analyse.js';
import { judgeChanges } from './judge.js';
import { BYTE_RANGE_TO_END, appendUpdate, endByteRanges } from './test-helpers.js';
import { type ChangeAnalysis, type ChangeCategory, levelOf } from './types.js';

const analysis = (...cats: ChangeCategory[]): ChangeAnalysis => {
  const changes = cats.map((category, i) => ({ category, revision: 1, detail: `change ${i}` }));
  return { level: levelOf(changes), changes, pagesSigned: 1, pagesFinal: 1, truncated: false, newObjects: { total: 0, explained: 0, unreachable: 0 } };
};
const statuses = (a: ChangeAnalysis, mdp: 1 | 2 | 3 | undefined, policy: 'licence' | 'general' = 'licence') =>
  Object.fromEntries(judgeChanges(a, mdp, policy).checks.map((c) => [c.id.replace('pdf.changes.', ''), c.status]));

describe('judgeChanges', () => {
  it('no changes: everything passes, DocMDP skipped without a certification', () => {
    expect(statuses(analysis(), undefined)).toEqual({
      summary: 'passed', pages: 'passed', 'signature-dictionary': 'passed', appearance: 'passed',
      annotations: 'passed', 'form-fill': 'passed', 'unsigned-field': 'passed', other: 'passed', 'visible-signature': 'passed', metadata: 'passed',
      unreferenced: 'passed', 'doc-mdp': 'skipped',
    });
  });

  it('unreferenced new objects: a warning with count and bytes under both policies, never a failure', () => {
    const a = { ...analysis(), unreferenced: { count: 2, bytes: 1234, objects: ['30 0 R', '31 0 R'] } };
    for (const policy of ['licence', 'general'] as const) {
      for (const mdp of [undefined, 1, 2, 3] as const) {
        const checks = judgeChanges(a, mdp, policy).checks;
        const u = checks.find((c) => c.id === 'pdf.changes.unreferenced');
        expect(u).toMatchObject({ status: 'warning', details: { count: 2, bytes: 1234, objects: ['30 0 R', '31 0 R'] } });
        expect(u!.message.en).toContain('2 objects, 1234 bytes');
        expect(u!.message.zh).toContain('2 个对象，1234 字节');
        expect(verdictOf(checks).indication).toBe('PASSED');
      }
    }
  });

  it('DSS, document timestamps, signatures and metadata pass under both policies (metadata with a warning)', () => {
    for (const policy of ['licence', 'general'] as const) {
      const checks = judgeChanges(analysis('dss', 'doc-timestamp', 'signature', 'metadata'), undefined, policy).checks;
      expect(verdictOf(checks).indication).toBe('PASSED');
      expect(checks.filter((c) => c.status !== 'passed').map((c) => c.id)).toEqual(['pdf.changes.metadata', 'pdf.changes.doc-mdp']);
    }
  });

  it('page, signature-dictionary, appearance and other changes fail under both policies with FORMAT_FAILURE', () => {
    for (const [cat, id] of [
      ['page', 'pages'],
      ['signature-dictionary', 'signature-dictionary'],
      ['appearance', 'appearance'],
      ['other', 'other'],
    ] as const) {
      for (const policy of ['licence', 'general'] as const) {
        const checks = judgeChanges(analysis(cat), 3, policy).checks;
        expect(checks.find((c) => c.id === `pdf.changes.${id}`)).toMatchObject({ status: 'failed', subIndication: 'FORMAT_FAILURE' });
        expect(verdictOf(checks)).toEqual({ indication: 'FAILED', subIndication: 'FORMAT_FAILURE' });
      }
    }
  });

  it('licence policy: annotations fail unless P=3 (warning); form filling fails unless P≥2 (warning)', () => {
    const a = analysis('annotation', 'form-fill');
    expect(statuses(a, undefined)).toMatchObject({ annotations: 'failed', 'form-fill': 'failed' });
    expect(statuses(a, 1)).toMatchObject({ annotations: 'failed', 'form-fill': 'failed', 'doc-mdp': 'failed' });
    expect(statuses(a, 2)).toMatchObject({ annotations: 'failed', 'form-fill': 'warning', 'doc-mdp': 'failed' });
    expect(statuses(a, 3)).toMatchObject({ annotations: 'warning', 'form-fill': 'warning', 'doc-mdp': 'passed' });
  });

  it('general policy: annotations and form filling without a certification are warnings; DocMDP still limits them', () => {
    const a = analysis('annotation', 'form-fill');
    expect(statuses(a, undefined, 'general')).toMatchObject({ annotations: 'warning', 'form-fill': 'warning', 'doc-mdp': 'skipped' });
    expect(verdictOf(judgeChanges(a, undefined, 'general').checks).indication).toBe('PASSED');
    expect(statuses(a, 2, 'general')).toMatchObject({ annotations: 'failed', 'form-fill': 'warning', 'doc-mdp': 'failed' });
  });

  it('DocMDP: P=1 allows only DSS, document timestamps and metadata; P=2 adds signatures and form filling', () => {
    expect(statuses(analysis('dss', 'doc-timestamp', 'metadata'), 1)['doc-mdp']).toBe('passed');
    expect(statuses(analysis('signature'), 1)['doc-mdp']).toBe('failed');
    expect(statuses(analysis('signature', 'form-fill'), 2)['doc-mdp']).toBe('passed');
    expect(statuses(analysis('annotation'), 2)['doc-mdp']).toBe('failed');
  });

  it('a truncated analysis fails the summary; every failed check carries the changes that caused it', () => {
    const a = { ...analysis('page'), truncated: true };
    const checks = judgeChanges(a, undefined, 'licence').checks;
    expect(checks.find((c) => c.id === 'pdf.changes.summary')!.status).toBe('failed');
    const pages = checks.find((c) => c.id === 'pdf.changes.pages')!;
    expect(pages.details).toEqual({ changes: [{ category: 'page', revision: 1, detail: 'change 0' }] });
    expect(pages.message.en).toContain('change 0');
  });
});

describe('DocMDP P=1 on dss_certified-no-change-permitted.pdf with appended updates', () => {
  const file = fileURLToPath(new URL('../../../../../../shared/corpus/pdf/dss_certified-no-change-permitted.pdf', import.meta.url));
  const original = new Uint8Array(readFileSync(file));
  const doc0 = openPdf(original);
  const body = (num: number): string => {
    const raw = Buffer.from(objectBytes(doc0, num)!).toString('latin1');
    return raw.slice(raw.indexOf('obj') + 3, raw.lastIndexOf('endobj')).trim();
  };
  /** Insert entries before the final `>>` of a dictionary body. */
  const extend = (dict: string, entries: string): string => `${dict.slice(0, dict.lastIndexOf('>>'))} ${entries}>>`;
  const signedRev = doc0.revisions.length - 1;
  const judge = (pdf: Uint8Array) => {
    const doc = openPdf(pdf);
    const cert = certification(doc, signedRev);
    const a = analyseChanges(doc, signedRev);
    return { a, cert, checks: judgeChanges(a, cert?.p, 'licence').checks };
  };

  it('the file as is: certified with P=1, no changes', () => {
    expect(certification(doc0)?.p).toBe(1);
    expect(analyseChanges(doc0, signedRev)).toMatchObject({ level: 'NONE', changes: [] });
  });

  it('adding a DSS (ISO 32000-2: not a change under P=1) keeps DocMDP satisfied', () => {
    const pdf = appendUpdate(original, { 1: extend(body(1), '/DSS 1173 0 R'), 1173: '<< /Certs [1174 0 R] >>', 1174: '<< /Length 3 >>\nstream\nabc\nendstream' }, { root: 1, info: 111 });
    const { a, cert, checks } = judge(pdf);
    expect(cert?.p).toBe(1);
    expect(a.level).toBe('LTA_UPDATES');
    expect(checks.find((c) => c.id === 'pdf.changes.doc-mdp')!.status).toBe('passed');
    expect(verdictOf(checks).indication).toBe('PASSED');
  });

  it('adding a FreeText annotation on page 1 violates P=1 (annotations and DocMDP fail)', () => {
    const pdf = appendUpdate(
      original,
      { 3: body(3).replace(/\/Annots\s*\[\s*1168 0 R\s*\]/, '/Annots [1168 0 R 1173 0 R]'), 1173: '<< /Type /Annot /Subtype /FreeText /Rect [0 0 595 842] /Contents (VOID) /DA (/Helv 40 Tf) /P 3 0 R >>' },
      { root: 1, info: 111 },
    );
    const { a, checks } = judge(pdf);
    expect(a.level).toBe('ANNOTATIONS');
    expect(checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(['pdf.changes.annotations', 'pdf.changes.doc-mdp']);
  });

  it('adding a second signature violates P=1 (DSS "does not permit a new signature creation")', () => {
    const pdf = endByteRanges(
      appendUpdate(
        original,
        {
          1167: extend(body(1167).replace(/\/Fields\s*\[\s*1168 0 R\s*\]/, '/Fields [1168 0 R 1173 0 R]'), ''),
          1173: '<< /FT /Sig /T (Second) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 1174 0 R >>',
          1174: `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${BYTE_RANGE_TO_END} /Contents <00> >>`,
        },
        { root: 1, info: 111 },
      ),
      original.length,
    );
    const { a, checks } = judge(pdf);
    expect(a.changes.map((c) => c.category)).toEqual(['signature']);
    expect(checks.find((c) => c.id === 'pdf.changes.doc-mdp')!.status).toBe('failed');
  });
});
