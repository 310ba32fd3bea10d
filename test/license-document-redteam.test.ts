// Red team of the licence-document layer (issue 6): a window clerk trusts heyan's PASSED for a licence PDF / OFD an
// applicant uploads. The attacker holds a genuine licence document of their own and another licence's, can edit
// bytes, and may own a certificate that the bundle's roots trust (any organisation's signing certificate under the
// same CA) — but not the issuer's key. A few attacks assume a signing oracle (a platform that signs whatever page it
// is given with the issuer's key, next to a genuine credential): there the page itself is hostile.
// Each test states the verdict a clerk must get and the check that gives it.
import { beforeAll, describe, expect, it } from 'vitest';
import { allChecks, expectFreshCopyAdvice, failedIds, otherLicence } from './helpers/licence-docs.js';
import { fixturePki, generatedPki, licenceWorldFor, type TypedWorld } from './helpers/credential-pki.js';
import { addFreeTextAnnotation, addInvisibleSignature, addOfdSeal, addPage, addVisibleSignature, licencePdfDrawn, ofdMembers, ofdText, retitle, rewriteOfd, type DrawnLine } from './helpers/licence-redteam.js';
import { issueCredential, type IssuedCredential } from '../packages/core/src/credential/issue.js';
import { licenceOfd, pageLines, signLicenceOfd, signLicencePdf, testSeal } from '../packages/core/src/license/document/test-support.js';
import { issueLicenseDocument, type IssuedLicenseDocument } from '../packages/core/src/license/issue-document.js';
import type { LicenseRecord } from '../packages/core/src/license/model.js';
import type { Check, Report } from '../packages/core/src/report/types.js';
import { verify } from '../packages/core/src/verify.js';

const pki = fixturePki('sm2');
const maker = pki.party('seal-maker');
const issuerSeal = testSeal(pki.signer, { key: maker.key, cert: maker.cert });
/** An organisation's own certificate under the bundle's root (the fixture seal maker): trusted for signatures. */
const outsider = { key: maker.key, certificate: maker.cert, chain: [pki.intermediate] };
/** A certificate under no root of the bundle. */
const stranger = generatedPki('sm2', 'redteam-stranger');
const strangerSigner = { key: stranger.signerKey, certificate: stranger.signer, chain: [stranger.intermediate] };

const check = (r: Report, id: string): Check | undefined => r.checks.find((c) => c.id === id);

const w: TypedWorld = licenceWorldFor(pki, '营业执照');
const record = w.record;
const opts = { bundle: w.bundle, at: w.at };
const issueTime = new Date(w.at.getTime() - 3_600_000);
const issue = (format: 'pdf' | 'ofd', r: LicenseRecord = record, index = 5): Promise<IssuedLicenseDocument> =>
  issueLicenseDocument({ record: r, format, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], seal: issuerSeal, time: issueTime, status: { listId: w.listId, index } });

/** The holder's value on the page: mm rectangle of its first line (top-left origin). */
function holderRect(d: IssuedLicenseDocument): [number, number, number, number] {
  const t = d.page.items.find((i) => i.kind === 'text' && i.role === 'value:certificateHolder');
  if (!t || t.kind !== 'text') throw new Error('no holder text');
  return [t.xMm, t.yMm - 6, 60, 8];
}

describe('licence document red team', () => {
  let pdf: IssuedLicenseDocument;
  let ofd: IssuedLicenseDocument;
  let other: IssuedCredential;

  beforeAll(async () => {
    pdf = await issue('pdf');
    ofd = await issue('ofd');
    other = issueCredential({ record: otherLicence(record), key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], status: { listId: w.listId, index: 6 } });
  }, 60_000);

  it('baseline: the genuine PDF and OFD are PASSED', async () => {
    for (const d of [pdf, ofd]) {
      const r = await verify(d.bytes, opts);
      expect(r.indication, failedIds(r).join()).toBe('PASSED');
      expect(check(r, 'license.document.additions')?.status).toBe('passed');
    }
  });

  // ---- PDF: updates after the issuer signed ----

  describe('PDF: what may be added after signing', () => {
    it('P1 a second VISIBLE signature by a trusted outsider over the holder name → FAILED license.document.additions', async () => {
      const bytes = await addVisibleSignature(pdf.bytes, outsider, holderRect(pdf));
      const r = await verify(bytes, opts);
      expect(r.signatures.filter((s) => s.kind !== 'jws').every((s) => s.indication === 'PASSED')).toBe(true);
      expect(r.indication).toBe('FAILED');
      expect(failedIds(r)).toContain('license.document.additions');
      expect(check(r, 'license.document.additions')?.message.en).toMatch(/signature/);
      expectFreshCopyAdvice(r);
    });

    it('P2 a second visible signature by an untrusted signer → FAILED (not INDETERMINATE "refresh the bundle")', async () => {
      const r = await verify(await addVisibleSignature(pdf.bytes, strangerSigner, holderRect(pdf)), opts);
      expect(r.indication).toBe('FAILED');
      expect(failedIds(r)).toContain('license.document.additions');
      expectFreshCopyAdvice(r);
    });

    it('P3 a second INVISIBLE signature by a trusted outsider: the page is what the issuer signed → PASSED', async () => {
      const r = await verify(await addInvisibleSignature(pdf.bytes, outsider), opts);
      expect(r.indication, failedIds(r).join()).toBe('PASSED');
      expect(check(r, 'license.document.additions')?.status).toBe('passed');
    });

    it('P4 a FreeText annotation over the licence number, verified with --pdf-policy general → FAILED license.document.additions', async () => {
      const bytes = addFreeTextAnnotation(pdf.bytes, [100, 600, 400, 640], '91350100MA00000000');
      const general = await verify(bytes, { ...opts, pdfPolicy: 'general' });
      expect(general.indication).toBe('FAILED');
      expect(failedIds(general)).toContain('license.document.additions');
      expectFreshCopyAdvice(general);
      // The default (licence) policy refuses it in the change analysis already.
      const strict = await verify(bytes, opts);
      expect(failedIds(strict)).toEqual(expect.arrayContaining(['pdf.changes.annotations', 'license.document.additions']));
    });

    it('P5 a second page appended after signing → FAILED pdf.changes.pages', async () => {
      const r = await verify(addPage(pdf.bytes, 'ANNEX: HOLDER CHANGED TO LI SI'), opts);
      expect(r.indication).toBe('FAILED');
      expect(failedIds(r)).toEqual(expect.arrayContaining(['pdf.changes.pages', 'license.document.signatures']));
      expectFreshCopyAdvice(r);
    });

    it('P6 /Info /Title rewritten after signing: no page content changes → PASSED with the pdf.changes.metadata warning', async () => {
      const r = await verify(retitle(pdf.bytes, '营业执照 厦门另一示例贸易有限公司'), opts);
      expect(r.indication).toBe('PASSED');
      expect(allChecks(r).find((c) => c.id === 'pdf.changes.metadata')?.status).toBe('warning');
    });
  });

  // ---- OFD: members and signatures outside the issuer's seal ----

  describe('OFD: members and signatures the issuer\'s seal does not cover', () => {
    it('O1 a second seal by a trusted outsider stamped over the holder name → FAILED license.document.additions', async () => {
      const outsiderSeal = testSeal(maker.cert, { key: maker.key, cert: maker.cert });
      const [x, y] = holderRect(ofd);
      const r = await verify(addOfdSeal(ofd.bytes, outsiderSeal, outsider, { x, y }), opts);
      expect(r.indication).toBe('FAILED');
      expect(failedIds(r)).toContain('license.document.additions');
      expectFreshCopyAdvice(r);
    });

    it('O2 a second DocBody listed first in OFD.xml (an unsigned document a viewer opens first) → FAILED', async () => {
      const doc = ofdText(ofd.bytes, 'OFD.xml');
      const fake = doc.replace(/<ofd:DocBody>[\s\S]*<\/ofd:DocBody>/, (body) => body.replace(/<ofd:Signatures>[^<]*<\/ofd:Signatures>/, '').replace(/Doc_0\//g, 'Doc_1/') + body);
      const copies: Record<string, Uint8Array> = {};
      for (const m of ofdMembers(ofd.bytes)) if (m.startsWith('Doc_0/') && !m.includes('/Signs/')) copies[m.replace('Doc_0/', 'Doc_1/')] = new TextEncoder().encode(ofdText(ofd.bytes, m));
      const bytes = rewriteOfd(ofd.bytes, (n, d) => (n === 'OFD.xml' ? new TextEncoder().encode(fake) : d), copies);
      const r = await verify(bytes, opts);
      expect(r.indication).toBe('FAILED');
      expect(failedIds(r)).toContain('license.document.signatures');
      expectFreshCopyAdvice(r);
    });

    it('O3 an annotation file dropped into Annots/ (not referenced) → FAILED ofd.coverage', async () => {
      const ann = '<?xml version="1.0" encoding="UTF-8"?><ofd:PageAnnot xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Annot ID="900" Type="Stamp"/></ofd:PageAnnot>';
      const r = await verify(rewriteOfd(ofd.bytes, undefined, { 'Doc_0/Annots/Page_0/Annotation.xml': ann }), opts);
      expect(r.indication).toBe('FAILED');
      expect(failedIds(r)).toContain('ofd.coverage');
    });

    it('O4 Annotations referenced from Document.xml (a FreeText-like Annot over the page) → FAILED by the seal digest', async () => {
      const docXml = ofdText(ofd.bytes, 'Doc_0/Document.xml').replace('</ofd:Document>', '<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>');
      const list = '<?xml version="1.0" encoding="UTF-8"?><ofd:Annotations xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Page PageID="1"><ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>';
      const ann = '<?xml version="1.0" encoding="UTF-8"?><ofd:PageAnnot xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Annot ID="900" Type="Highlight"><ofd:Appearance Boundary="20 40 100 10"><ofd:TextObject ID="901" Boundary="0 0 100 10" Font="1" Size="5"><ofd:TextCode X="0" Y="5">李四</ofd:TextCode></ofd:TextObject></ofd:Appearance></ofd:Annot></ofd:PageAnnot>';
      const bytes = rewriteOfd(ofd.bytes, (n, d) => (n === 'Doc_0/Document.xml' ? new TextEncoder().encode(docXml) : d), { 'Doc_0/Annots/Annotations.xml': list, 'Doc_0/Annots/Page_0/Annotation.xml': ann });
      const r = await verify(bytes, opts);
      expect(r.indication).toBe('FAILED');
      expect(failedIds(r)).toEqual(expect.arrayContaining(['ofd.reference.digest', 'license.document.signatures']));
      expectFreshCopyAdvice(r);
    });
  });

  // ---- a signing oracle: the issuer's key signs a hostile page next to a genuine credential ----

  describe('signing oracle: hostile pages signed with the issuer\'s key', () => {
    const own = async (lines: DrawnLine[], qrs: string[], c: { jws: string; qr: string; id: string }, scales?: number[]) =>
      signLicencePdf(licencePdfDrawn({ lines, qrs: qrs.length ? qrs : [c.qr], credential: c.jws, identifier: c.id, ...(scales ? { scales } : {}) }), { key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate] });
    const genuine = () => ({ jws: pdf.credential.jws, qr: pdf.credential.qr, id: record.certificateIdentifier });
    const fakeHolder = '厦门另一示例贸易有限公司';

    it('S0 control: the hand-drawn page with every value visible → PASSED', async () => {
      const r = await verify(await own(pageLines(record).map((text) => ({ text })), [], genuine()), opts);
      expect(r.indication, failedIds(r).join()).toBe('PASSED');
    });

    for (const [name, state] of [
      ['S1 render mode 3 (invisible)', '3 Tr'],
      ['S2 render mode 7 (clip only)', '7 Tr'],
      ['S3 font size 0', '/F1 0 Tf'],
    ] as const) {
      it(`${name}: the holder drawn invisibly, another holder visible → FAILED license.document.text`, async () => {
        const lines: DrawnLine[] = pageLines(record).map((text) => (text === record.certificateHolder ? { text, state } : { text }));
        const at = lines.findIndex((l) => l.text === record.certificateHolder);
        lines.splice(at + 1, 0, { text: fakeHolder });
        const r = await verify(await own(lines, [], genuine()), opts);
        expect(r.indication).toBe('FAILED');
        expect(check(r, 'license.document.text')?.details?.missing).toEqual(['certificateHolder']);
      });
    }

    for (const [name, attrs] of [
      ['S6 OFD Visible="false"', 'Visible="false" '],
      ['S7 OFD Size 0', 'Size="0" '],
      ['S7b OFD Size 0.01 (mm)', 'Size="0.01" '],
      ['S7c OFD CTM scaled by 0.001', 'CTM="0.001 0 0 0.001 0 0" '],
      ['S8 OFD Alpha 0', 'Alpha="0" '],
      ['S9 OFD Fill="false"', 'Fill="false" '],
    ] as const) {
      it(`${name}: the holder's TextObject not painted, another holder visible, sealed by the issuer → FAILED license.document.text`, async () => {
        const lines = pageLines(record);
        const at = lines.indexOf(record.certificateHolder);
        lines.splice(at + 1, 0, fakeHolder);
        const unsigned = licenceOfd({ lines, credential: pdf.credential.jws, customIdentifier: record.certificateIdentifier, qr: pdf.credential.qr });
        let hits = 0;
        const hostile = rewriteOfd(unsigned, (n, d) => {
          if (!n.endsWith('Content.xml')) return d;
          const xml = new TextDecoder().decode(d).replace(/<ofd:TextObject ((?:(?!<ofd:TextObject).)*?)Size="4">(<ofd:TextCode[^>]*>)([^<]*)<\/ofd:TextCode>/g, (m, pre: string, code: string, text: string) => {
            if (text !== record.certificateHolder) return m;
            hits++;
            const size = attrs.startsWith('Size') ? '' : 'Size="4" ';
            return `<ofd:TextObject ${attrs}${pre}${size}>${code}${text}</ofd:TextCode>`.replace(' >', '>');
          });
          return new TextEncoder().encode(xml);
        });
        expect(hits).toBe(1);
        const r = await verify(signLicenceOfd(hostile, issuerSeal, { key: pki.signerKey, certificate: pki.signer }), opts);
        expect(r.indication).toBe('FAILED');
        expect(check(r, 'license.document.text')?.details?.missing).toEqual(['certificateHolder']);
      });
    }

    it('S4 the genuine QR and another licence\'s QR on one page → FAILED license.document.qr', async () => {
      const r = await verify(await own(pageLines(record).map((text) => ({ text })), [pdf.credential.qr, other.qr], genuine()), opts);
      expect(r.indication).toBe('FAILED');
      expect(failedIds(r)).toContain('license.document.qr');
    });

    it('S5 another licence\'s QR hidden as the 9th image, past the 8 the reader searches → not PASSED (license.document.qr INDETERMINATE)', async () => {
      const filler = Array.from({ length: 8 }, () => pdf.credential.qr);
      // Eight identical images would be one XObject each: distinct streams, same genuine QR.
      const r = await verify(await own(pageLines(record).map((text) => ({ text })), [...filler, other.qr], genuine()), opts);
      expect(r.indication).not.toBe('PASSED');
      const qr = check(r, 'license.document.qr')!;
      expect(qr.status).toBe('indeterminate');
      expect(qr.message.en).toMatch(/not searched/);
      expect(r.advice?.en).toMatch(/freshly downloaded copy|verify/);
    });

    it('S10 another licence\'s QR as an image over 4 Mpx (skipped silently as "not QR-sized") → not PASSED (license.document.qr INDETERMINATE)', async () => {
      const r = await verify(await own(pageLines(record).map((text) => ({ text })), [pdf.credential.qr, other.qr], genuine(), [3, 48]), opts);
      expect(r.indication).not.toBe('PASSED');
      const qr = check(r, 'license.document.qr')!;
      expect(qr.status).toBe('indeterminate');
      expect(qr.message.en).toMatch(/exceeds/);
      expect(r.advice?.en).toMatch(/freshly downloaded copy/);
    });
  });
});
