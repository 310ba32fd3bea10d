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
