// Page 1 as read for the text check: an /ActualText span is read in place of its glyphs only when it names the same
// glyphs (characters one glyph stands for); any other ActualText — another name over the glyphs, text over no glyphs,
// a span never closed — leaves the drawn text in place and is noted as a problem.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUSINESS } from '../../../../../test/helpers/credential-pki.js';
import { readPdfLicenseParts } from './read-pdf.js';
import { appendUpdate, licencePdf, pageLines, pageStreams } from './test-support.js';

const lines = pageLines(BUSINESS);
const holderAt = lines.indexOf(BUSINESS.certificateHolder);
const base = { credential: null, xmpIdentifier: BUSINESS.certificateIdentifier, qr: null };

function read(shown: string[], actualText: Map<number, string>) {
  return readPdfLicenseParts(licencePdf({ ...base, lines: shown, actualText }), { page: 'always' });
}

describe('page 1 text and /ActualText', () => {
  it('an ActualText naming the same glyphs (U+00A0 drawn as a space, U+2011 as a hyphen) is read in their place', () => {
    const shown = [...lines];
    shown[holderAt] = '福州示例-科技 有限公司';
    const actual = '福州示例\u2011科技\u00a0有限公司';
    const p = read(shown, new Map([[holderAt, actual]]));
    expect(p.text[holderAt]).toBe(actual);
    expect(p.problems).toEqual([]);
  });

  it('an ActualText naming other glyphs is not read: the drawn text is, and the mismatch is a problem', () => {
    expect(holderAt).toBeGreaterThan(0);
    const shown = [...lines];
    shown[holderAt] = '厦门另一家贸易有限公司';
    const p = read(shown, new Map([[holderAt, BUSINESS.certificateHolder]]));
    expect(p.text[holderAt]).toBe('厦门另一家贸易有限公司');
    expect(p.text).not.toContain(BUSINESS.certificateHolder);
    expect(p.problems.join('\n')).toMatch(/ActualText "福州示例科技有限公司" does not match the glyphs it covers "厦门另一家贸易有限公司"/);
  });

  it('an ActualText over no glyphs adds no text', () => {
    const shown = [...lines];
    shown[holderAt] = '';
    const p = read(shown, new Map([[holderAt, BUSINESS.certificateHolder]]));
    expect(p.text).toEqual(lines.filter((_, i) => i !== holderAt));
    expect(p.problems).toHaveLength(1);
  });

  it('a span never closed ends with the stream: it hides none of the text drawn after it', () => {
    const shown = [...lines];
    shown[holderAt] = '厦门另一家贸易有限公司';
    const actualText = new Map([[holderAt, BUSINESS.certificateHolder]]);
    const pdf = licencePdf({ ...base, lines: shown, actualText });
    // The same content with the holder line's two EMCs dropped (object 8 replaced in an update).
    const content = inflateSync(pageStreams(shown, { actualText }).content).toString('latin1');
    const open = content.replace('EMC EMC', '');
    expect(open).not.toBe(content);
    const p = readPdfLicenseParts(appendUpdate(pdf, { 8: { dict: '', data: new Uint8Array(Buffer.from(open, 'latin1')) } }), { page: 'always' });
    expect(p.text).toEqual(shown);
    expect(p.problems.join('\n')).toMatch(/does not match the glyphs/);
  });
});

describe('page 1 text no viewer shows is not read as shown', () => {
  const pdf = licencePdf({ ...base, lines });
  const content = inflateSync(pageStreams(lines, {}).content).toString('latin1');
  const role = Buffer.from(`line:${holderAt}`).toString('hex');
  const holderShow = new RegExp(`(/HeyanText <</Role <${role}>>> BDC\n)(1 0 0 1 [0-9.]+ ([0-9.]+) Tm\n)(<[0-9a-f]+> Tj\n)`);
  const page = (resources: string) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 4 0 R >> ${resources} >> /Contents 8 0 R >>`;
  const L = (t: string) => new Uint8Array(Buffer.from(t, 'latin1'));
  /** The holder line drawn another way (content rewritten, page resources and objects added in an update). */
  const readWith = (edit: (m: RegExpExecArray) => string, update: Record<number, string | { dict: string; data: Uint8Array }> = {}) => {
    const m = holderShow.exec(content)!;
    expect(m).not.toBeNull();
    const changed = content.replace(holderShow, edit(m));
    return readPdfLicenseParts(appendUpdate(pdf, { 8: { dict: '', data: L(changed) }, ...update }), { page: 'always' });
  };
  const expectHidden = (p: ReturnType<typeof readPdfLicenseParts>) => {
    expect(p.text).not.toContain(BUSINESS.certificateHolder);
    expect(p.text).toEqual(lines.filter((_, i) => i !== holderAt));
    expect(p.problems.join('\n')).toMatch(/draws text no viewer shows/);
  };

  it('the same page unchanged reads every line (the cases below differ only in how the holder is drawn)', () => {
    const p = readWith((m) => m[0]);
    expect(p.text).toEqual(lines);
    expect(p.problems).toEqual([]);
  });

  it('a tiny size: /F1 0.0001 Tf, or a text matrix scaled by 1e-5', () => {
    expectHidden(readWith((m) => `${m[1]}/F1 0.0001 Tf\n${m[2]}${m[4]}/F1 10 Tf\n`));
    expectHidden(readWith((m) => `${m[1]}0.00001 0 0 0.00001 56 ${m[3]} Tm\n${m[4]}`));
    // 0.5 pt as drawn is the threshold: 10 pt × 0.06 = 0.6 pt is read.
    expect(readWith((m) => `${m[1]}0.06 0 0 0.06 56 ${m[3]} Tm\n${m[4]}`).text).toContain(BUSINESS.certificateHolder);
  });

  it('fully transparent: an ExtGState with /ca 0 (fill) for filled text; /CA 0 does not hide filled text', () => {
    expectHidden(readWith((m) => `${m[1]}q /G0 gs\n${m[2]}${m[4]}Q\n`, { 3: page('/ExtGState << /G0 << /ca 0 >> >>') }));
    expect(readWith((m) => `${m[1]}q /G0 gs\n${m[2]}${m[4]}Q\n`, { 3: page('/ExtGState << /G0 << /CA 0 >> >>') }).text).toContain(BUSINESS.certificateHolder);
    // Restored by Q: the lines after it are read.
    const p = readWith((m) => `${m[1]}q /G0 gs\n${m[2]}${m[4]}Q\n`, { 3: page('/ExtGState << /G0 << /ca 0 >> >>') });
    expect(p.text[p.text.length - 1]).toBe(lines[lines.length - 1]);
  });

  it('drawn through a form XObject whose /Matrix collapses it or whose /BBox is empty', () => {
    const form = (dict: string) => ({ dict: `/Type /XObject /Subtype /Form ${dict} /Resources << /Font << /F1 4 0 R >> >>`, data: L(`BT /F1 10 Tf 1 0 0 1 0 0 Tm ${holderShow.exec(content)![4]}ET`) });
    const viaForm = (dict: string) => readWith((m) => `${m[1]}${m[2]}ET /Fm1 Do BT /F1 10 Tf\n`, { 3: page('/XObject << /Fm1 20 0 R >>'), 20: form(dict) });
    expect(viaForm('/BBox [0 0 600 100]').text).toContain(BUSINESS.certificateHolder);
    expectHidden(viaForm('/BBox [0 0 600 100] /Matrix [0 0 0 0 0 0]'));
    expectHidden(viaForm('/BBox [0 0 0 0]'));
  });
});

