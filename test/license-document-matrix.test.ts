// Issue 6 acceptance, first line: for EACH shipped licence type × PDF and OFD, a licence document issued with
// issueLicenseDocument (SM2 fixture issuer, SES seal made by the fixture seal-maker) verifies PASSED with its type's
// trust bundle, and each way of making it wrong reaches its own verdict, named by check id and clerk advice:
// a field changed after signing, the embedded credential swapped (after signing, and — stronger — signed in by the
// issuer's key), another licence's QR code, revoked, expired, an issuer the bundle does not authorise.
// Each base document is issued once per type × format (beforeAll); the variants are derived from it.
import { beforeAll, describe, expect, it } from 'vitest';
import { allChecks, expectFreshCopyAdvice, failedIds, otherLicence } from './helpers/licence-docs.js';
import { DOCUMENT_AT, REVOKED_INDEX, fixturePki, licenceWorldFor, recordValidity, type TypedWorld } from './helpers/credential-pki.js';
import { issueCredential, type IssuedCredential } from '../packages/core/src/credential/issue.js';
import { renderQr } from '../packages/core/src/credential/qr/render.js';
import { appendUpdate, testSeal } from '../packages/core/src/license/document/test-support.js';
import { issueLicenseDocument } from '../packages/core/src/license/issue-document.js';
import type { LicenseRecord } from '../packages/core/src/license/model.js';
import { layoutLicense } from '../packages/core/src/license/render/layout.js';
import { renderLicensePdf } from '../packages/core/src/license/render/render-pdf.js';
import { defaultLicenseTypes } from '../packages/core/src/license/type-registry.js';
import { renderLicenseOfd, sealLicenseOfd } from '../packages/core/src/ofd/write/index.js';
import { readZip } from '../packages/core/src/ofd/zip-read.js';
import { ZipWriter } from '../packages/core/src/ofd/zip-write.js';
import { openPdf, pageRefs, type PdfObj } from '../packages/core/src/pdf/document/index.js';
import { signPdf } from '../packages/core/src/pdf/sign/index.js';
import type { Check, Report } from '../packages/core/src/report/types.js';
import { verify } from '../packages/core/src/verify.js';

type Format = 'pdf' | 'ofd';
const FORMATS: readonly Format[] = ['pdf', 'ofd'];
const DAY = 86_400_000;
const INDEX = 5;

const pki = fixturePki('sm2');
const maker = pki.party('seal-maker');
const seal = testSeal(pki.signer, { key: maker.key, cert: maker.cert });

// ---- report helpers ----

const byId = (r: Report, id: string): Check[] => allChecks(r).filter((c) => c.id === id);
const notPassed = (r: Report): string[] => allChecks(r).filter((c) => c.status === 'failed' || c.status === 'indeterminate' || c.status === 'warning').map((c) => `${c.id}:${c.status}`);
/** Every signature of the document (not the embedded credential's JWS) PASSED. */
const documentSignaturesPassed = (r: Report): boolean => r.signatures.filter((s) => s.kind !== 'jws').every((s) => s.indication === 'PASSED');

function expectFailed(r: Report, ...ids: string[]): void {
  expect(r.indication).toBe('FAILED');
  const failed = failedIds(r);
  for (const id of ids) expect(failed, `${id} failed; not passed: ${notPassed(r).join(', ')}`).toContain(id);
  expect(r.advice?.zh.length).toBeGreaterThan(0);
  expect(r.advice?.en.length).toBeGreaterThan(0);
}


// ---- documents ----

const issueTime = (w: TypedWorld): Date => new Date(w.at.getTime() - 3_600_000);

function issue(w: TypedWorld, record: LicenseRecord, format: Format, index = INDEX) {
  return issueLicenseDocument({ record, format, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], seal, time: issueTime(w), status: { listId: w.listId, index } });
}

/**
 * A licence document of `record`'s page, metadata identifier and — independently — the given embedded credential and
 * QR text, signed / sealed by the issuer exactly as issueLicenseDocument does: every signature valid.
 */
async function renderSigned(w: TypedWorld, record: LicenseRecord, format: Format, credentialJws: string, qr: string): Promise<Uint8Array> {
  const type = defaultLicenseTypes().get(record.certificateTypeCode)!;
  const page = layoutLicense(record, type, { qrPng: renderQr(qr, { format: 'png' }) });
  const title = record.certificateName || type.name;
  const time = issueTime(w);
  const s = page.sealRect;
  if (format === 'pdf') {
    const unsigned = await renderLicensePdf(page, { credentialJws, identifier: record.certificateIdentifier, title, author: record.issueDept, createdAt: time });
    return signPdf(unsigned, {
      signer: { key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate] },
      reason: `${title} ${record.certificateNumber}`,
      name: record.issueDept,
      signingTime: time,
      appearance: { page: 1, rect: [s.xMm, s.yMm, s.wMm, s.hMm], image: { seal } },
    });
  }
  const unsigned = renderLicenseOfd(page, { credentialJws, identifier: record.certificateIdentifier, title, author: record.issueDept, creationDate: time });
  return sealLicenseOfd(unsigned, { seal, key: pki.signerKey, certificate: pki.signer, rect: s, signingTime: time });
}

// ---- after-signing changes (the file's bytes; pdf-lib never re-saves a signed file) ----

const hexOf = (s: string): string => Buffer.from(s, 'latin1').toString('hex').toUpperCase();

/** Object numbers of page 1's content stream and of the embedded credential file stream, and the decoded content. */
function pdfParts(bytes: Uint8Array): { contentNum: number; content: string; credentialNum: number } {
  const doc = openPdf(bytes);
  const ref = pageRefs(doc, undefined, { maxPages: 1 }).refs[0]!;
  const page = doc.resolve({ t: 'ref', num: ref.num, gen: ref.gen });
  if (page?.t !== 'dict') throw new Error('no page 1');
  const contents = page.v.get('Contents');
  if (contents?.t !== 'ref') throw new Error('page 1 /Contents is not one indirect stream');
  const stream = doc.resolve(contents);
  if (stream?.t !== 'stream') throw new Error('page 1 /Contents is not a stream');
  const dict = (o: PdfObj | undefined) => {
    const r = doc.resolve(o);
    return r?.t === 'dict' ? r.v : undefined;
  };
  const af = doc.resolve(doc.catalog()?.get('AF'));
  const ef = af?.t === 'array' ? dict(dict(af.v[0])?.get('EF'))?.get('F') : undefined;
  if (ef?.t !== 'ref') throw new Error('no associated file');
  return { contentNum: contents.num, content: Buffer.from(doc.streamData(stream)!).toString('latin1'), credentialNum: ef.num };
}

/**
 * Page content with the holder's name drawn reversed: the show operator after the renderer's
 * `/HeyanText <</Role (value:certificateHolder)>> BDC` gets its two-byte glyph codes in reverse order. Same font, only
 * glyphs the subset has — the page renders cleanly with another name, as a real forger would want.
 */
function reverseHolder(content: string): string {
  const marker = `/HeyanText <</Role <${hexOf('value:certificateHolder')}>>> BDC`;
  let out = content;
  let at = out.indexOf(marker);
  let changed = 0;
  for (; at >= 0; at = out.indexOf(marker, at + 1)) {
    const show = /<([0-9A-Fa-f]+)> Tj/g;
    show.lastIndex = at;
    const m = show.exec(out)!;
    const reversed = (m[1]!.match(/.{4}/g) ?? []).reverse().join('');
    out = out.slice(0, m.index) + `<${reversed}> Tj` + out.slice(m.index + m[0].length);
    if (reversed !== m[1]) changed++;
  }
  if (changed === 0) throw new Error('no holder text to change');
  return out;
}

/** An OFD with members changed (the zip rewritten, every other member as it was). */
function rewriteOfd(bytes: Uint8Array, change: (name: string, data: Uint8Array) => Uint8Array): Uint8Array {
  const zip = readZip(bytes);
  const out = new ZipWriter();
  for (const e of zip.entries) {
    if (e.isDirectory) out.addDirectory(e.name);
    else out.addFile(e.name, change(e.name, zip.read(e)));
  }
  return out.finish();
}

const reversed = (s: string): string => [...s].reverse().join('');

function tamperField(format: Format, bytes: Uint8Array, holder: string): Uint8Array {
  if (format === 'pdf') {
    const p = pdfParts(bytes);
    return appendUpdate(bytes, { [p.contentNum]: { dict: '', data: new Uint8Array(Buffer.from(reverseHolder(p.content), 'latin1')) } });
  }
  let hits = 0;
  const out = rewriteOfd(bytes, (name, data) => {
    if (!/Content\.xml$/.test(name)) return data;
    const text = new TextDecoder().decode(data);
    hits += text.split(holder).length - 1;
    return new TextEncoder().encode(text.replaceAll(holder, reversed(holder)));
  });
  if (hits === 0) throw new Error('holder not in one TextCode');
  return out;
}

function swapCredential(format: Format, bytes: Uint8Array, jws: string): Uint8Array {
  if (format === 'pdf') {
    const p = pdfParts(bytes);
    return appendUpdate(bytes, { [p.credentialNum]: { dict: `/Type /EmbeddedFile /Subtype /application#2Fvc+jwt /Params << /Size ${jws.length} >>`, data: new Uint8Array(Buffer.from(jws)) } });
  }
  let hits = 0;
  const out = rewriteOfd(bytes, (name, data) => (name.endsWith('/license-credential.jws') ? (hits++, new TextEncoder().encode(jws)) : data));
  if (hits !== 1) throw new Error('no credential attachment');
  return out;
}

// ---- the matrix ----

for (const type of defaultLicenseTypes().list()) {
  describe(`${type.name} (${type.aliases[0] ?? type.code})`, () => {
    const w = licenceWorldFor(pki, type.code);
    const record = w.record;
    const other = otherLicence(record);
    // A licence with an end date to expire: the example's own, or (long-term licences) one with 营业期限 ending soon.
    const mortal: LicenseRecord = record.certificateValidateEnd ? record : { ...structuredClone(record), certificateValidateEnd: '2027-05-09' };
    const afterEnd = new Date(recordValidity(mortal).until!.getTime() + 30 * DAY);
    const expiredWorld = licenceWorldFor(pki, mortal, { at: afterEnd });

    const docs = {} as Record<Format, { base: Uint8Array; revoked: Uint8Array; mortal: Uint8Array; otherCredential: Uint8Array; otherQr: Uint8Array }>;
    let otherIssued: IssuedCredential;

    beforeAll(async () => {
      otherIssued = issueCredential({ record: other, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], status: { listId: w.listId, index: INDEX + 1 } });
      for (const format of FORMATS) {
        const base = await issue(w, record, format);
        docs[format] = {
          base: base.bytes,
          revoked: (await issue(w, record, format, REVOKED_INDEX)).bytes,
          mortal: mortal === record ? base.bytes : (await issue(w, mortal, format)).bytes,
          otherCredential: await renderSigned(w, record, format, otherIssued.jws, base.credential.qr),
          otherQr: await renderSigned(w, record, format, base.credential.jws, otherIssued.qr),
        };
      }
    }, 120_000);

    it('the world: AT inside the example validity, issuer authorised for the type in its province', () => {
      const v = recordValidity(record);
      expect(w.at.getTime()).toBe(DOCUMENT_AT.getTime());
      expect(w.at >= v.from && (!v.until || w.at < v.until)).toBe(true);
      expect(w.areaCode).toBe(record.certificateAreaCode.slice(0, 2));
      expect(w.listId).toContain(record.issueDeptCode);
      expect(afterEnd > recordValidity(mortal).until!).toBe(true);
    });

    for (const format of FORMATS) {
      describe(format, () => {
        const check = (r: Report, id: string) => byId(r, id)[0];

        it('issued → PASSED, every check passed, the licence summary shows holder and number', async () => {
          const r = await verify(docs[format].base, { bundle: w.bundle, at: w.at });
          expect(notPassed(r)).toEqual([]);
          expect(r.indication).toBe('PASSED');
          expect(r.format).toBe(format);
          for (const id of ['recognised', 'credential', 'signatures', 'signer', 'identifier', 'qr', 'text']) expect(check(r, `license.document.${id}`)?.status, id).toBe('passed');
          expect(check(r, 'credential.issuer.authorised')?.status).toBe('passed');
          expect(r.license?.holder).toBe(record.certificateHolder);
          expect((r.license?.fields as { key: string; value: string }[]).find((f) => f.key === 'certificateNumber')?.value).toBe(record.certificateNumber);
          expect(r.advice).toBeUndefined();
        });

        it('a field changed after signing → FAILED: the signature and the page text', async () => {
          const r = await verify(tamperField(format, docs[format].base, record.certificateHolder), { bundle: w.bundle, at: w.at });
          if (format === 'pdf') {
            // The update after the signature changes page 1's content: the change analysis refuses it (pdf.changes.pages),
            // and the page shows another holder.
            expectFailed(r, 'pdf.changes.pages', 'license.document.signatures', 'license.document.text');
            expect(check(r, 'license.document.text')?.details?.missing).toEqual(['certificateHolder']);
          } else {
            // OFD text is Unicode in Content.xml: the seal's digest of that member fails, and the page shows another holder.
            expectFailed(r, 'ofd.reference.digest', 'license.document.signatures', 'license.document.text');
          }
          expect(check(r, 'license.document.credential')?.status).toBe('passed');
          expectFreshCopyAdvice(r);
        });

        it('the embedded credential swapped for another licence\'s (same issuer) after signing → FAILED', async () => {
          const r = await verify(swapCredential(format, docs[format].base, otherIssued.jws), { bundle: w.bundle, at: w.at });
          expectFailed(r, 'license.document.credential', 'license.document.signatures', 'license.document.identifier', 'license.document.qr', 'license.document.text');
          // PDF: a changed object that is neither page, form nor annotation (pdf.changes.other); OFD: the member's digest.
          expectFailed(r, format === 'pdf' ? 'pdf.changes.other' : 'ofd.reference.digest');
          expect(check(r, 'license.document.credential')?.details?.credentialIdentifier).toBe(other.certificateIdentifier);
          expectFreshCopyAdvice(r);
        });

        it('another licence\'s credential signed into the document by the issuer (signatures valid) → FAILED by the credential check', async () => {
          const r = await verify(docs[format].otherCredential, { bundle: w.bundle, at: w.at });
          expect(documentSignaturesPassed(r)).toBe(true);
          expect(check(r, 'license.document.signatures')?.status).toBe('passed');
          expect(check(r, 'license.document.signer')?.status).toBe('passed');
          expectFailed(r, 'license.document.credential', 'license.document.identifier', 'license.document.qr', 'license.document.text');
          const c = check(r, 'license.document.credential')!;
          expect(c.subIndication).toBe('POLICY_FAILURE');
          expect(c.details).toMatchObject({ credentialIdentifier: other.certificateIdentifier, documentIdentifier: record.certificateIdentifier });
          expect(c.message.en).toMatch(/another licence/);
          expect(c.message.zh).toMatch(/另一证照/);
          expect(r.subIndication).toBe('POLICY_FAILURE');
          expectFreshCopyAdvice(r);
        });

        it('another licence\'s QR code (valid, same issuer) on a validly signed page → FAILED by the QR check alone', async () => {
          const r = await verify(docs[format].otherQr, { bundle: w.bundle, at: w.at });
          expect(documentSignaturesPassed(r)).toBe(true);
          expectFailed(r, 'license.document.qr');
          expect(failedIds(r)).toEqual(['license.document.qr']);
          expect(check(r, 'license.document.qr')?.message.en).toMatch(/identifier/);
          expect(check(r, 'license.document.credential')?.status).toBe('passed');
          expectFreshCopyAdvice(r);
        });

        it('revoked in the status list → FAILED / REVOKED, the clerk told it was revoked', async () => {
          const r = await verify(docs[format].revoked, { bundle: w.bundle, at: w.at });
          expect(r.indication).toBe('FAILED');
          expect(r.subIndication).toBe('REVOKED');
          expect(failedIds(r)).toEqual(['credential.status']);
          expect(check(r, 'credential.status')?.details).toMatchObject({ status: 'revoked', listId: w.listId });
          expect(r.advice?.en).toMatch(/^reject it: the licence is revoked/);
          expect(r.advice?.zh).toMatch(/已被吊销/);
        });

        it('verified after the end of its validity (bundle and status list current) → FAILED / EXPIRED', async () => {
          const r = await verify(docs[format].mortal, { bundle: expiredWorld.bundle, at: expiredWorld.at });
          expect(r.indication).toBe('FAILED');
          expect(r.subIndication).toBe('EXPIRED');
          expect(failedIds(r)).toEqual(['credential.validity']);
          expect(check(r, 'credential.validity')?.subIndication).toBe('EXPIRED');
          expect(check(r, 'credential.status')?.status).toBe('passed');
          expect(r.advice?.en).toBe(`reject it: the licence expired on ${mortal.certificateValidateEnd}`);
          expect(r.advice?.zh).toContain(mortal.certificateValidateEnd);
        });

        it('an issuer the bundle authorises for another type, or another area → FAILED / POLICY_FAILURE by the authorisation check', async () => {
          const otherType = defaultLicenseTypes().list().find((t) => t.code !== record.certificateTypeCode)!.code;
          const otherArea = w.areaCode === '33' ? '35' : '33';
          for (const o of [{ licenseTypes: [otherType] }, { areaCodes: [otherArea] }]) {
            const bundle = licenceWorldFor(pki, record, o).bundle;
            const r = await verify(docs[format].base, { bundle, at: w.at });
            expect(r.indication, JSON.stringify(o)).toBe('FAILED');
            expect(r.subIndication).toBe('POLICY_FAILURE');
            expect(failedIds(r)).toEqual(['credential.issuer.authorised']);
            expect(check(r, 'credential.issuer.authorised')?.message.en).toMatch(o.areaCodes ? /area/ : /licence type/);
            expect(r.advice?.en).toMatch(/not authorised/);
            expect(r.advice?.zh).toMatch(/无权签发/);
          }
        });
      });
    }
  });
}
