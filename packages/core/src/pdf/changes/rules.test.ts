// Every rule of the change analysis on small hand-made multi-revision PDFs (signed revision = revision 0).
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { openPdf } from '../document/index.js';
import { analyseChanges } from './analyse.js';
import { BYTE_RANGE_TO_END, appendUpdate, buildPdf, endByteRanges, type ObjectBodies, stream } from './test-helpers.js';
import type { ChangeAnalysis, ChangeCategory } from './types.js';

const CATALOG = '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /Metadata 17 0 R >>';
const PAGE = '<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /X1 5 0 R >> /Font << /F1 18 0 R >> >> /Annots [7 0 R 9 0 R 10 0 R 12 0 R] >>';
const SIGDICT = `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Reason (Approved) /M (D:20250101000000Z) ${BYTE_RANGE_TO_END} /Contents <00> >>`;
const base: ObjectBodies = {
  1: CATALOG,
  2: '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 200] >>',
  3: PAGE,
  4: stream('', 'q /X1 Do Q BT /F1 12 Tf 10 10 Td (Hello) Tj ET'),
  5: stream('/Type /XObject /Subtype /Form /BBox [0 0 100 100]', '0 0 1 rg 0 0 100 100 re f'),
  6: '<< /Fields [7 0 R 9 0 R 10 0 R] /SigFlags 3 >>',
  7: '<< /FT /Sig /T (Signer) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 /V 8 0 R >>',
  8: SIGDICT,
  9: '<< /FT /Tx /T (Name) /Type /Annot /Subtype /Widget /Rect [10 150 190 170] /P 3 0 R /V (Alice) /AP << /N 15 0 R >> >>',
  10: '<< /FT /Sig /T (Approver) /Type /Annot /Subtype /Widget /Rect [10 100 190 140] /P 3 0 R /F 4 /AP << /N 14 0 R >> >>',
  11: '<< /Producer (test) /ModDate (D:20250101000000Z) >>',
  12: '<< /Type /Annot /Subtype /Text /Rect [150 10 170 30] /Contents (note) /P 3 0 R >>',
  13: stream('/Type /XObject /Subtype /Form /BBox [0 0 200 200]', '1 0 0 rg 0 0 200 200 re f'),
  14: stream('/Type /XObject /Subtype /Form /BBox [0 0 180 40]', '0.9 g 0 0 180 40 re f'),
  15: stream('/Type /XObject /Subtype /Form /BBox [0 0 180 20]', 'BT /F1 10 Tf (Alice) Tj ET'),
  17: stream('/Type /Metadata /Subtype /XML', '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>'),
  18: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
};
const T = { root: 1, info: 11 };
const signed = (over: ObjectBodies = {}): Uint8Array => buildPdf({ ...base, ...over }, T);
const update = (pdf: Uint8Array, objs: ObjectBodies, t = T): Uint8Array => endByteRanges(appendUpdate(pdf, objs, t), pdf.length);
const run = (pdf: Uint8Array, rev = 0): ChangeAnalysis => analyseChanges(openPdf(pdf), rev);
const cats = (a: ChangeAnalysis): ChangeCategory[] => [...new Set(a.changes.map((c) => c.category))].sort();
const only = (a: ChangeAnalysis, cat: ChangeCategory) => a.changes.filter((c) => c.category === cat);

describe('unchanged and allowed updates', () => {
  it('the signed revision itself (nothing after it) is NONE', () => {
    const a = run(signed());
    expect(a).toMatchObject({ level: 'NONE', changes: [], pagesSigned: 1, pagesFinal: 1, truncated: false });
  });

  it('objects rewritten unchanged (other spacing, a stream re-encoded with FlateDecode) are not changes', () => {
    const flate = deflateSync(Buffer.from('0 0 1 rg 0 0 100 100 re f')).toString('latin1');
    const pdf = update(signed(), {
      1: CATALOG.replace(/ /g, '  '),
      3: PAGE.replace('<< /XObject', '<</XObject'),
      5: `<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Filter /FlateDecode /Length ${flate.length} >>\nstream\n${flate}\nendstream`,
    });
    const a = run(pdf);
    expect(a.changes).toEqual([]);
    expect(a.level).toBe('NONE');
  });

  it('an object changed in one update and restored in the next is not a change', () => {
    const pdf = update(update(signed(), { 12: '<< /Type /Annot /Subtype /Text /Rect [0 0 200 200] /Contents (EVIL) /P 3 0 R >>' }), { 12: base[12]! });
    expect(run(pdf).level).toBe('NONE');
  });

  it('a DSS added by a new catalog: LTA_UPDATES, its new objects explained', () => {
    const pdf = update(signed(), {
      1: CATALOG.replace(' >>', ' /DSS 20 0 R >>'),
      20: '<< /Type /DSS /Certs [21 0 R] /VRI << /ABCDEF0123456789ABCDEF0123456789ABCDEF01 << /Cert [21 0 R] >> >> >>',
      21: stream('', 'certificate bytes'),
    });
    const a = run(pdf);
    expect(a.level).toBe('LTA_UPDATES');
    expect(cats(a)).toEqual(['dss']);
    expect(a.changes[0]).toMatchObject({ revision: 1, object: '1 0 R' });
    expect(a.newObjects).toEqual({ total: 2, explained: 2, unreachable: 0 });
  });

  it('a DSS with an unexpected key is not an LTA update', () => {
    const pdf = update(signed(), { 1: CATALOG.replace(' >>', ' /DSS << /Certs [] /JS (x) >> >>') });
    expect(only(run(pdf), 'other')[0]!.detail).toContain('/JS');
  });

  it('a document timestamp field appended to /Fields: LTA_UPDATES', () => {
    const pdf = update(signed(), {
      6: '<< /Fields [7 0 R 9 0 R 10 0 R 20 0 R] /SigFlags 3 >>',
      20: '<< /FT /Sig /T (TS1) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 21 0 R >>',
      21: `<< /Type /DocTimeStamp /SubFilter /ETSI.RFC3161 ${BYTE_RANGE_TO_END} /Contents <00> >>`,
      3: PAGE.replace('12 0 R]', '12 0 R 20 0 R]'),
    });
    const a = run(pdf);
    expect(a.level).toBe('LTA_UPDATES');
    expect(cats(a)).toEqual(['doc-timestamp']);
    expect(a.changes[0]).toMatchObject({ field: 'TS1', page: 1, object: '20 0 R' });
    expect(a.newObjects).toEqual({ total: 2, explained: 2, unreachable: 0 });
  });

  it('signing the empty field (new /V, new appearance, Locked flag): FORM_FILLING, signature only', () => {
    const pdf = update(signed(), {
      10: '<< /FT /Sig /T (Approver) /Type /Annot /Subtype /Widget /Rect [10 100 190 140] /P 3 0 R /F 132 /AP << /N 21 0 R >> /V 20 0 R >>',
      20: SIGDICT.replace('Approved', 'Second'),
      21: stream('/Type /XObject /Subtype /Form /BBox [0 0 180 40]', 'BT (signed) Tj ET'),
    });
    const a = run(pdf);
    expect(a.level).toBe('FORM_FILLING');
    expect(cats(a)).toEqual(['signature']);
    expect(a.changes.map((c) => c.field)).toEqual(['Approver', 'Approver', 'Approver']);
    expect(a.newObjects).toEqual({ total: 2, explained: 2, unreachable: 0 });
  });

  it('a new visible signed signature field with its widget on the page and /DR additions: FORM_FILLING', () => {
    const pdf = update(signed(), {
      6: '<< /Fields [7 0 R 9 0 R 10 0 R 20 0 R] /SigFlags 3 /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 18 0 R >> >> >>',
      20: '<< /FT /Sig /T (Third) /Type /Annot /Subtype /Widget /Rect [10 10 100 50] /P 3 0 R /V 21 0 R /AP << /N 22 0 R >> >>',
      21: SIGDICT,
      22: stream('/Type /XObject /Subtype /Form /BBox [0 0 90 40]', 'BT (Third) Tj ET'),
      3: PAGE.replace('12 0 R]', '12 0 R 20 0 R]'),
    });
    const a = run(pdf);
    expect(a.level).toBe('FORM_FILLING');
    expect(cats(a)).toEqual(['signature']);
    const third = a.changes.find((c) => c.field === 'Third')!;
    expect(third.detail).toBe("signature field 'Third' added and signed (visible: [10 10 100 50] on page 1)");
    expect(third.rect).toEqual([10, 10, 100, 50]);
  });

  it('Info and XMP metadata updates: recorded as metadata (LTA_UPDATES)', () => {
    const pdf = update(signed(), { 11: '<< /Producer (other) /ModDate (D:20260101000000Z) >>', 17: stream('/Type /Metadata /Subtype /XML', '<x:xmpmeta/>') });
    const a = run(pdf);
    expect(a.level).toBe('LTA_UPDATES');
    expect(a.changes.map((c) => [c.category, c.object])).toEqual([
      ['metadata', '11 0 R'],
      ['metadata', '17 0 R'],
    ]);
    expect(a.changes[0]!.detail).toBe('document information updated (/ModDate /Producer)');
  });

  it('a new unreachable object is harmless but counted', () => {
    const a = run(update(signed(), { 30: '<< /Junk true >>' }));
    expect(a).toMatchObject({ level: 'NONE', changes: [], newObjects: { total: 1, explained: 0, unreachable: 1 } });
  });
});

describe('form filling and annotations', () => {
  it('a text field value changed with its appearance regenerated: form-fill', () => {
    const pdf = update(signed(), {
      9: '<< /FT /Tx /T (Name) /Type /Annot /Subtype /Widget /Rect [10 150 190 170] /P 3 0 R /V (Mallory) /AP << /N 20 0 R >> >>',
      20: stream('/Type /XObject /Subtype /Form /BBox [0 0 180 20]', 'BT /F1 10 Tf (Mallory) Tj ET'),
    });
    const a = run(pdf);
    expect(a.level).toBe('FORM_FILLING');
    expect(cats(a)).toEqual(['form-fill']);
    expect(a.changes[0]!.detail).toBe("value of field 'Name' changed from 'Alice' to 'Mallory'");
  });

  it('an empty visible signature field added (sneaky signature attack): unsigned-field, not signature', () => {
    const pdf = update(signed(), {
      6: '<< /Fields [7 0 R 9 0 R 10 0 R 20 0 R] /SigFlags 3 >>',
      20: '<< /FT /Sig /T (Fake) /Type /Annot /Subtype /Widget /Rect [0 0 200 200] /P 3 0 R /AP << /N 13 0 R >> >>',
      3: PAGE.replace('12 0 R]', '12 0 R 20 0 R]'),
    });
    const a = run(pdf);
    expect(only(a, 'unsigned-field')[0]!.detail).toContain("empty visible signature field 'Fake'");
    // …and its appearance is the object hidden in the signed revision.
    expect(only(a, 'appearance')[0]!.object).toBe('13 0 R');
  });

  it('an annotation added on page 1: ANNOTATIONS', () => {
    const pdf = update(signed(), {
      3: PAGE.replace('12 0 R]', '12 0 R 20 0 R]'),
      20: '<< /Type /Annot /Subtype /FreeText /Rect [0 0 200 200] /Contents (VOID) /DA (/Helv 12 Tf) /P 3 0 R >>',
    });
    const a = run(pdf);
    expect(a.level).toBe('ANNOTATIONS');
    expect(a.changes).toEqual([{ category: 'annotation', revision: 1, object: '20 0 R', page: 1, detail: '/FreeText annotation 20 0 R added on page 1' }]);
  });

  it('an annotation modified, and one removed', () => {
    const mod = run(update(signed(), { 12: '<< /Type /Annot /Subtype /Text /Rect [150 10 170 30] /Contents (changed) /P 3 0 R >>' }));
    expect(mod.changes).toEqual([{ category: 'annotation', revision: 1, object: '12 0 R', page: 1, detail: '/Text annotation 12 0 R on page 1 modified (/Contents)' }]);
    const del = run(update(signed(), { 3: PAGE.replace(' 12 0 R]', ']') }));
    expect(del.changes.map((c) => c.detail)).toEqual(['annotation 12 0 R (/Text) removed from page 1']);
  });

  it('a new non-signature field: other', () => {
    const pdf = update(signed(), { 6: '<< /Fields [7 0 R 9 0 R 10 0 R 20 0 R] /SigFlags 3 >>', 20: '<< /FT /Tx /T (Extra) /V (x) >>' });
    expect(only(run(pdf), 'other')[0]!.detail).toBe("new form field 'Extra' (/Tx) added after signing");
  });

  it('a field removed from /Fields: other', () => {
    const a = run(update(signed(), { 6: '<< /Fields [7 0 R 10 0 R] /SigFlags 3 >>' }));
    expect(only(a, 'other').map((c) => c.field)).toContain('Name');
  });

  it('/Lock added to an existing signature field: other', () => {
    const pdf = update(signed(), { 10: base[10]!.replace(/ >>$/, ' /Lock << /Type /SigFieldLock /Action /All >> >>') });
    expect(run(pdf).changes).toMatchObject([{ category: 'other', field: 'Approver', detail: "/Lock added on field 'Approver'" }]);
  });
});

describe('forbidden changes', () => {
  it('a page added: page change on page 2, 1 → 2 pages', () => {
    const pdf = update(signed(), {
      2: '<< /Type /Pages /Kids [3 0 R 20 0 R] /Count 2 /MediaBox [0 0 200 200] >>',
      20: '<< /Type /Page /Parent 2 0 R /Contents 21 0 R >>',
      21: stream('', 'BT (new page) Tj ET'),
    });
    const a = run(pdf);
    expect(a).toMatchObject({ level: 'OTHER', pagesSigned: 1, pagesFinal: 2 });
    expect(a.changes).toEqual([{ category: 'page', revision: 1, object: '20 0 R', page: 2, detail: 'page 2 added after signing (1 → 2 pages)' }]);
  });

  it('page content replaced: page change naming /Contents', () => {
    const pdf = update(signed(), { 3: PAGE.replace('/Contents 4 0 R', '/Contents 20 0 R'), 20: stream('', 'BT (other) Tj ET') });
    expect(run(pdf).changes).toEqual([{ category: 'page', revision: 1, object: '3 0 R', page: 1, detail: 'page 1 content changed (/Contents 4 0 R → 20 0 R)' }]);
  });

  it('page content stream redefined in place (same object number, page dictionary untouched): page change, plus the rewrite of a signed object', () => {
    const a = run(update(signed(), { 4: stream('', 'BT /F1 12 Tf 10 10 Td (FORGED) Tj ET') }));
    expect(a.level).toBe('OTHER');
    expect(only(a, 'page')).toEqual([
      { category: 'page', revision: 1, object: '4 0 R', page: 1, detail: 'page 1 content changed (content stream 4 0 R rewritten in place after signing)' },
    ]);
    expect(only(a, 'appearance').map((c) => c.detail)).toEqual(['stream 4 0 R used by the signed revision was rewritten (referenced from page 1 /Contents)']);
    expect(cats(a)).toEqual(['appearance', 'page']);
  });

  it('a stream of a direct /Contents array redefined in place: page change', () => {
    const pdf = signed({ 3: PAGE.replace('/Contents 4 0 R', '/Contents [4 0 R 16 0 R]'), 16: stream('', 'BT (second part) Tj ET') });
    const a = run(update(pdf, { 16: stream('', 'BT (FORGED) Tj ET') }));
    expect(only(a, 'page')).toMatchObject([{ object: '16 0 R', page: 1, detail: 'page 1 content changed (content stream 16 0 R rewritten in place after signing)' }]);
  });

  it('an indirect /Contents array: a stream in it, or the array itself, redefined in place → page change', () => {
    const pdf = signed({ 3: PAGE.replace('/Contents 4 0 R', '/Contents 19 0 R'), 19: '[4 0 R 16 0 R]', 16: stream('', 'BT (second part) Tj ET') });
    expect(run(pdf).changes).toEqual([]);
    const inStream = run(update(pdf, { 16: stream('', 'BT (FORGED) Tj ET') }));
    expect(only(inStream, 'page')).toMatchObject([{ object: '16 0 R', page: 1, detail: 'page 1 content changed (content stream 16 0 R rewritten in place after signing)' }]);
    const arr = run(update(pdf, { 19: '[4 0 R 20 0 R]', 20: stream('', 'BT (FORGED) Tj ET') }));
    expect(only(arr, 'page')).toMatchObject([{ object: '19 0 R', page: 1, detail: 'page 1 content changed (/Contents array 19 0 R rewritten in place after signing)' }]);
    expect(arr.newObjects).toEqual({ total: 1, explained: 1, unreachable: 0 });
  });

  it('a content stream shared by two pages redefined in place: one page change naming both pages', () => {
    const pdf = signed({
      2: '<< /Type /Pages /Kids [3 0 R 20 0 R] /Count 2 /MediaBox [0 0 200 200] >>',
      20: '<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /X1 5 0 R >> /Font << /F1 18 0 R >> >> >>',
    });
    const a = run(update(pdf, { 4: stream('', 'BT (FORGED) Tj ET') }));
    expect(only(a, 'page')).toMatchObject([{ object: '4 0 R', page: 1, detail: 'pages 1, 2 content changed (content stream 4 0 R rewritten in place after signing)' }]);
  });

  it('an inherited page attribute changed on the page-tree node: page', () => {
    const a = run(update(signed(), { 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 100 100] >>' }));
    expect(a.changes[0]).toMatchObject({ category: 'page', object: '2 0 R' });
    expect(a.changes[0]!.detail).toContain('/MediaBox');
  });

  it('spoofing: the signature dictionary rewritten with another /Reason → exactly one signature-dictionary change', () => {
    const a = run(appendUpdate(signed(), { 8: SIGDICT.replace('(Approved)', '(EVIL)') }, T));
    expect(a.level).toBe('OTHER');
    expect(a.changes).toEqual([
      {
        category: 'signature-dictionary',
        revision: 1,
        object: '8 0 R',
        field: 'Signer',
        detail: "signature dictionary of field 'Signer' rewritten after signing: /Reason changed from 'Approved' to 'EVIL'",
      },
    ]);
  });

  it("a signed field's /V swapped to another signature dictionary", () => {
    const pdf = update(signed(), { 7: base[7]!.replace('/V 8 0 R', '/V 20 0 R'), 20: SIGDICT.replace('Approved', 'Other') });
    expect(run(pdf).changes[0]).toMatchObject({ category: 'signature-dictionary', detail: "signature of field 'Signer' replaced (/V 8 0 R → 20 0 R)" });
  });

  it("a signed field's visible appearance replaced later (new seal image over an existing signature): appearance", () => {
    const pdf = update(signed(), {
      7: base[7]!.replace('/Rect [0 0 0 0]', '/Rect [0 0 200 200]').replace(/ >>$/, ' /AP << /N 20 0 R >> >>'),
      20: stream('/Type /XObject /Subtype /Form /BBox [0 0 200 200]', 'BT (APPROVED) Tj ET'),
    });
    const a = run(pdf);
    expect(cats(a)).toEqual(['appearance', 'other']);
    expect(only(a, 'appearance')[0]!.detail).toBe("appearance of signature field 'Signer' changed (/AP) without a new value");
    expect(only(a, 'other')[0]!.detail).toBe("field 'Signer': /Rect changed from [0 0 0 0] to [0 0 200 200]");
  });

  it('shadow (hide via referenced object): the XObject drawn by page 1 rewritten in place → appearance', () => {
    const a = run(update(signed(), { 5: stream('/Type /XObject /Subtype /Form /BBox [0 0 100 100]', '') }));
    expect(a.changes).toEqual([
      {
        category: 'appearance',
        revision: 1,
        object: '5 0 R',
        page: 1,
        detail: 'stream 5 0 R used by the signed revision was rewritten (referenced from page 1 /Resources /XObject /X1)',
      },
    ]);
  });

  it('shadow (replace via reference swap): a new resources dictionary pointing at an object hidden in the signed revision', () => {
    const pdf = update(signed(), {
      3: PAGE.replace('/Resources << /XObject << /X1 5 0 R >> /Font << /F1 18 0 R >> >>', '/Resources 20 0 R'),
      20: '<< /XObject << /X1 13 0 R >> /Font << /F1 18 0 R >> >>',
    });
    const a = run(pdf);
    const ap = only(a, 'appearance');
    expect(ap).toHaveLength(1);
    expect(ap[0]!.object).toBe('13 0 R');
    expect(ap[0]!.detail).toContain('existed but was not used in the signed revision');
  });

  it('shadow (dangling reference): the signed page draws an object that only a later update defines', () => {
    const pdf = update(signed({ 3: PAGE.replace('/X1 5 0 R', '/X1 5 0 R /X2 30 0 R'), 4: stream('', 'q /X1 Do Q q /X2 Do Q') }), {
      30: stream('/Type /XObject /Subtype /Form /BBox [0 0 200 200]', 'BT (PAID) Tj ET'),
    });
    const a = run(pdf);
    expect(a.changes).toHaveLength(1);
    expect(a.changes[0]).toMatchObject({ category: 'appearance', object: '30 0 R' });
    expect(a.changes[0]!.detail).toContain('page 1 /Resources /XObject /X2');
  });

  it('sneaky: filling a field whose appearance stream is shared with /Root /FooBar clobbers it → appearance naming FooBar', () => {
    const sneaky = signed({ 1: CATALOG.replace(' >>', ' /FooBar 14 0 R >>') });
    const fill = {
      10: '<< /FT /Sig /T (Approver) /Type /Annot /Subtype /Widget /Rect [10 100 190 140] /P 3 0 R /F 4 /AP << /N 14 0 R >> /V 20 0 R >>',
      20: SIGDICT,
      14: stream('/Type /XObject /Subtype /Form /BBox [0 0 180 40]', 'BT (signed by Bob) Tj ET'),
    };
    const a = run(update(sneaky, fill));
    const ap = only(a, 'appearance');
    expect(ap).toHaveLength(1);
    expect(ap[0]!.detail).toContain('/Root /FooBar');
    expect(a.level).toBe('OTHER');
    // The same in-place update without the sharing (pyHanko's non-clobbering twin) is an allowed signature update.
    const twin = run(update(signed(), fill));
    expect(twin.level).toBe('FORM_FILLING');
    expect(twin.changes.map((c) => c.detail)).toContain("appearance stream of field 'Approver' updated in place");
  });

  it('catalog keys outside the allowed set (/OpenAction, /Perms, /Names /JavaScript): other', () => {
    expect(only(run(update(signed(), { 1: CATALOG.replace(' >>', ' /OpenAction 3 0 R >>') })), 'other')[0]!.detail).toContain('/Root /OpenAction');
    expect(only(run(update(signed(), { 1: CATALOG.replace(' >>', ' /Perms << /DocMDP 8 0 R >> >>') })), 'other')[0]!.detail).toContain('/Perms');
    const js = run(update(signed(), { 1: CATALOG.replace(' >>', ' /Names << /JavaScript 20 0 R >> >>'), 20: '<< /Names [(a) 21 0 R] >>', 21: '<< /S /JavaScript /JS (app.alert(1)) >>' }));
    expect(js.changes).toMatchObject([{ category: 'other', detail: '/Root /Names /JavaScript changed after signing' }]);
  });

  it('an object deleted (freed) while still referenced: other', () => {
    const a = run(update(signed(), { 18: null }));
    expect(only(a, 'other')[0]!.detail).toContain('18 0 R deleted after signing but still referenced');
  });

  it('/Encrypt added to the trailer: other', () => {
    const a = run(update(signed(), { 20: '<< /Filter /Standard >>' }, { ...T, extra: '/Encrypt 20 0 R' }));
    expect(only(a, 'other').map((c) => c.detail)).toContain('trailer /Encrypt added or changed after signing');
  });
});

describe('several revisions, limits, bad input', () => {
  it('each change names the revision that made it', () => {
    const r1 = update(signed(), { 1: CATALOG.replace(' >>', ' /DSS 20 0 R >>'), 20: '<< /Certs [] >>' });
    const r2 = update(r1, { 3: PAGE.replace('12 0 R]', '12 0 R 21 0 R]'), 21: '<< /Type /Annot /Subtype /Square /Rect [0 0 9 9] >>' }, T);
    const a = run(r2);
    expect(a.changes.map((c) => [c.category, c.revision])).toEqual([
      ['dss', 1],
      ['annotation', 2],
    ]);
    // From revision 1 on, only the annotation remains.
    expect(run(r2, 1).changes.map((c) => c.category)).toEqual(['annotation']);
  });

  it('a signed revision that does not exist: OTHER', () => {
    for (const rev of [-1, 5, 0.5, Number.NaN]) expect(run(signed(), rev).level).toBe('OTHER');
  });

  it('an exhausted object budget: truncated and an other change, never a silent pass', () => {
    const pdf = update(signed(), { 11: '<< /Producer (x) >>' });
    const a = analyseChanges(openPdf(pdf), 0, { maxObjects: 5 });
    expect(a.truncated).toBe(true);
    expect(a.level).toBe('OTHER');
    expect(a.changes.at(-1)!.detail).toContain('stopped at a limit');
  });

  it('reference cycles among new objects terminate', () => {
    const pdf = update(signed(), {
      1: CATALOG.replace(' >>', ' /DSS 20 0 R >>'),
      20: '<< /Certs 21 0 R /VRI 22 0 R >>',
      21: '[20 0 R 22 0 R]',
      22: '<< /A 20 0 R /B 21 0 R /C 22 0 R >>',
    });
    const a = run(pdf);
    expect(a.newObjects).toEqual({ total: 3, explained: 3, unreachable: 0 });
  });

  it('deep nesting in an update is bounded (depth limit → truncated)', () => {
    const deep = `${'['.repeat(90)}${']'.repeat(90)}`;
    const a = analyseChanges(openPdf(update(signed(), { 12: `<< /Type /Annot /Subtype /Text /Deep ${deep} >>` })), 0, { maxDepth: 20 });
    expect(a.level).toBe('OTHER');
  });
});
