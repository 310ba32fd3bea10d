// The licence layer end to end through verify(): licence PDFs and OFDs written by hand (test-support.ts), signed with
// the real signers (signPdf, signOfd) and verified against a signed trust bundle (trust/, status/). Every case of
// issue 6's "Verifying a licence document": PASSED, changed after signing, another licence's credential, another
// licence's QR, another signing key, revoked (registry and list), expired, unauthorised issuer, stale list,
// untrusted, and documents that are no licence.
import { describe, expect, it } from 'vitest';
import { AT, BUSINESS, LIST_ID, REVOKED_INDEX, fixturePki, licenceWorld, type FixtureFamily, type Pki, type World } from '../../../../../test/helpers/credential-pki.js';
import { issueCredential, type IssuedCredential } from '../../credential/issue.js';
import { verifyCredential } from '../../credential/verify.js';
import { importPrivateKey } from '../../crypto/keys/import-private.js';
import { openOfd } from '../../ofd/package.js';
import { readZip } from '../../ofd/zip-read.js';
import { ZipWriter } from '../../ofd/zip-write.js';
import { issueCertificate } from '../../pki/issue-certificate.js';
import { TrustStore } from '../../pki/trust-store.js';
import type { Check, Report } from '../../report/types.js';
import { verify } from '../../verify.js';
import { makeLicenseId } from '../codes/license-id.js';
import type { LicenseRecord } from '../model.js';
import { FRESH_COPY, REFRESH_BUNDLE, UNAUTHORISED } from './advice.js';
import { appendUpdate, licenceOfd, licencePdf, pageLines, pageStreams, signLicenceOfd, signLicencePdf, testSeal } from './test-support.js';

const DAY = 86_400_000;
const LAYER = ['license.document.recognised', 'license.document.credential', 'license.document.signatures', 'license.document.additions', 'license.document.signer', 'license.document.identifier', 'license.document.qr', 'license.document.text'];
const byId = (r: Report, id: string): Check | undefined => r.checks.find((c) => c.id === id);
const notPassed = (r: Report) => r.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped').map((c) => `${c.id}:${c.status}`);

/** Another licence of the same issuer: another holder, another identifier (valid check character). */
function otherRecord(r: LicenseRecord): LicenseRecord {
  const parts = r.certificateIdentifier.split('.');
  const id = makeLicenseId({ typeCode: parts[5]!, issuerCode: parts[6]!, serial: '2024000777', version: '001' });
  return { ...structuredClone(r), certificateIdentifier: id, certificateHolder: '厦门另一家贸易有限公司', surface: { ...r.surface, legalRepresentative: '陈另一' } };
}

function issue(w: World, record: LicenseRecord = w.record, o: { index?: number; pki?: Pki } = {}): IssuedCredential {
  const pki = o.pki ?? w.pki;
  return issueCredential({ record, key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate], status: { listId: LIST_ID, index: o.index ?? 5 } });
}

interface Parts {
  /** What the page, the metadata and the QR show (default the credential's record). */
  page?: LicenseRecord;
  credential?: IssuedCredential | null;
  qr?: string | null;
  metadata?: string | null;
}

function pdfOf(c: IssuedCredential, p: Parts = {}): Uint8Array {
  const page = p.page ?? (c.payload.credentialSubject as LicenseRecord);
  return licencePdf({
    lines: pageLines(page),
    credential: p.credential === null ? null : (p.credential ?? c).jws,
    xmpIdentifier: p.metadata === undefined ? page.certificateIdentifier : p.metadata,
    qr: p.qr === undefined ? c.qr : p.qr,
  });
}

function ofdOf(c: IssuedCredential, p: Parts = {}): Uint8Array {
  const page = p.page ?? (c.payload.credentialSubject as LicenseRecord);
  return licenceOfd({
    lines: pageLines(page),
    credential: p.credential === null ? null : (p.credential ?? c).jws,
    customIdentifier: p.metadata === undefined ? page.certificateIdentifier : p.metadata,
    qr: p.qr === undefined ? c.qr : p.qr,
  });
}

const signedPdf = (w: World, c: IssuedCredential, p: Parts = {}, signer: Pki = w.pki) => signLicencePdf(pdfOf(c, p), { key: signer.signerKey, certificate: signer.signer, chain: [signer.intermediate] });

describe.each(['sm2', 'p256', 'rsa'] as FixtureFamily[])('licence PDF, %s issuer', (fam) => {
  const w = licenceWorld(fixturePki(fam));

  it('issued, signed by the issuer, verified with the bundle → PASSED with the licence summary', async () => {
    const c = issue(w);
    const r = await verify(await signedPdf(w, c), { bundle: w.bundle, at: AT });
    expect(notPassed(r)).toEqual([]);
    expect(r.indication).toBe('PASSED');
    expect(r.advice).toBeUndefined();
    for (const id of LAYER) expect(byId(r, id)?.status, id).toBe('passed');
    // The credential's own checks are in the report, under their own ids.
    for (const id of ['credential.payload', 'credential.issuer.authorised', 'credential.validity', 'credential.status', 'credential.qr.consistent']) expect(byId(r, id)?.status, id).toBe('passed');
    expect(r.signatures.map((s) => `${s.kind}:${s.indication}`)).toEqual(['pdf:PASSED', 'jws:PASSED']);
    expect(r.signatures.map((s) => s.index)).toEqual([0, 1]);
    expect(r.license?.identifier).toBe(BUSINESS.certificateIdentifier);
    expect(r.license?.holder).toBe(BUSINESS.certificateHolder);
    expect(r.license?.status).toBe('valid');
    expect(r.license?.document).toEqual({ format: 'pdf', credentialFile: 'license-credential.jws', metadataIdentifier: BUSINESS.certificateIdentifier, qrCodes: 1, textItems: pageLines(BUSINESS).length, signatures: 1, signer: w.pki.signer.subject });
    expect(byId(r, 'license.document.signer')?.details?.same).toBe('certificate');
  });
});

describe('licence PDF (SM2 issuer): what must fail', () => {
  const w = licenceWorld(fixturePki('sm2'));
  const c = issue(w);

  it('visible text changed after signing (incremental update) → FAILED, change analysis and page text, "fresh copy" advice', async () => {
    const signed = await signedPdf(w, c);
    const forged = { ...w.record, certificateHolder: '福州伪造科技有限公司' };
    const { cmap, content } = pageStreams(pageLines(forged));
    const tampered = appendUpdate(signed, { 7: { dict: '', data: cmap }, 8: { dict: '/Filter /FlateDecode', data: content } });
    const r = await verify(tampered, { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.signatures[0]!.indication).toBe('FAILED');
    expect(r.signatures[0]!.checks.some((x) => x.id.startsWith('pdf.changes') && x.status === 'failed')).toBe(true);
    expect(byId(r, 'license.document.signatures')?.status).toBe('failed');
    expect(byId(r, 'license.document.text')?.status).toBe('failed');
    expect(byId(r, 'license.document.text')?.details?.missing).toEqual(['certificateHolder']);
    // The credential itself is still genuine.
    expect(r.signatures[1]!.kind).toBe('jws');
    expect(r.signatures[1]!.indication).toBe('PASSED');
    expect(r.advice).toEqual(FRESH_COPY);
  });

  it('the credential of another licence of the same issuer embedded → credential (another licence), identifier, QR and text FAILED', async () => {
    const other = issue(w, otherRecord(w.record));
    const r = await verify(await signedPdf(w, c, { credential: other }), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('POLICY_FAILURE');
    expect(notPassed(r)).toEqual(['license.document.credential:failed', 'license.document.identifier:failed', 'license.document.qr:failed', 'license.document.text:failed']);
    // The metadata and the QR code agree on this document's licence: the credential is the odd one out.
    expect(byId(r, 'license.document.credential')).toMatchObject({ subIndication: 'POLICY_FAILURE', details: { documentIdentifier: w.record.certificateIdentifier, namedBy: ['XMP hy:identifier', 'QR code'] } });
    expect(byId(r, 'license.document.qr')?.message.en).toMatch(/identifier, .*holder, .*record digest/);
    expect(byId(r, 'license.document.text')?.details?.missing).toEqual(['certificateHolder', 'certificateIdentifier', 'surface.legalRepresentative']);
    expect(r.license?.identifier).toBe(other.payload.credentialSubject.certificateIdentifier);
    expect(r.advice).toEqual(FRESH_COPY);
  });

  it('an embedded credential altered (payload re-encoded, not re-signed) → credential FAILED / SIG_CRYPTO_FAILURE, nothing compared', async () => {
    const [h, p, sig] = c.jws.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.credentialSubject.certificateHolder = '福州伪造科技有限公司';
    const forged = { ...c, jws: `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}` };
    const r = await verify(await signedPdf(w, c, { credential: forged }), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(byId(r, 'license.document.credential')).toMatchObject({ status: 'failed', subIndication: 'SIG_CRYPTO_FAILURE' });
    expect(r.signatures.map((x) => `${x.kind}:${x.indication}`)).toEqual(['pdf:PASSED', 'jws:FAILED']);
    for (const id of ['license.document.signer', 'license.document.identifier', 'license.document.qr', 'license.document.text']) expect(byId(r, id)?.status).toBe('skipped');
    expect(r.advice).toEqual(FRESH_COPY);
  });

  it('an /ActualText with the credential\'s holder over glyphs of another holder, signed → text FAILED (the drawn text counts)', async () => {
    // What an issuer-side forger (or a careless tool) could do: the page draws one name, its ActualText says the
    // credential's. The text check reads what is drawn, so the document fails although every signature is valid.
    const lines = pageLines(w.record);
    const i = lines.indexOf(w.record.certificateHolder);
    lines[i] = '厦门另一家贸易有限公司';
    const pdf = licencePdf({ lines, credential: c.jws, xmpIdentifier: w.record.certificateIdentifier, qr: c.qr, actualText: new Map([[i, w.record.certificateHolder]]) });
    const r = await verify(await signLicencePdf(pdf, { key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] }), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.signatures.map((x) => `${x.kind}:${x.indication}`)).toEqual(['pdf:PASSED', 'jws:PASSED']);
    expect(notPassed(r)).toEqual(['license.document.recognised:warning', 'license.document.text:failed']);
    expect(byId(r, 'license.document.text')?.details?.missing).toEqual(['certificateHolder']);
    expect(JSON.stringify(byId(r, 'license.document.recognised')?.details?.problems)).toMatch(/ActualText/);
    expect(r.advice).toEqual(FRESH_COPY);
  });

  it("another licence's QR code on the page → only the QR check FAILED", async () => {
    const other = issue(w, otherRecord(w.record));
    const r = await verify(await signedPdf(w, c, { qr: other.qr }), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(notPassed(r)).toEqual(['license.document.qr:failed']);
    expect(byId(r, 'license.document.qr')?.message.en).toMatch(/differs in: identifier, holder, record digest/);
    expect(r.advice).toEqual(FRESH_COPY);
  });

  it('a QR code of the same licence signed with another key → QR FAILED (not the credential certificate)', async () => {
    const foreign = issue(w, w.record, { pki: fixturePki('p256') });
    const r = await verify(await signedPdf(w, c, { qr: foreign.qr }), { bundle: w.bundle, at: AT });
    expect(notPassed(r)).toEqual(['license.document.qr:failed']);
    expect(byId(r, 'license.document.qr')?.message.en).toMatch(/not signed with the credential's certificate/);
  });

  it('no QR code, or a QR that is no licence code → QR FAILED', async () => {
    const none = await verify(await signedPdf(w, c, { qr: null }), { bundle: w.bundle, at: AT });
    expect(notPassed(none)).toEqual(['license.document.qr:failed']);
    expect(byId(none, 'license.document.qr')?.message.en).toMatch(/no QR code found in the 0 image/);
    const url = await verify(await signedPdf(w, c, { qr: 'HTTPS://LICENCE.EXAMPLE/CHECK' }), { bundle: w.bundle, at: AT });
    expect(notPassed(url)).toEqual(['license.document.qr:failed']);
    expect(byId(url, 'license.document.qr')?.details).toMatchObject({ found: 1, licenceCodes: 0, otherCodes: 1 });
  });

  it('the document signed with another (trusted) key than the credential → signer FAILED', async () => {
    const p256 = fixturePki('p256');
    const trust = new TrustStore().addAnchor(p256.root);
    const r = await verify(await signedPdf(w, c, {}, p256), { bundle: w.bundle, trust, at: AT });
    expect(byId(r, 'license.document.signatures')?.status).toBe('passed');
    expect(notPassed(r)).toEqual(['license.document.signer:failed']);
    expect(byId(r, 'license.document.signer')?.message.en).toContain(p256.signer.subject);
    expect(r.indication).toBe('FAILED');
    expect(r.advice).toEqual(FRESH_COPY);
  });

  it('the document signed with another certificate of the same key → signer PASSED (same key)', async () => {
    const ik = importPrivateKey(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(new URL('../../../../../fixtures/pki/sm2/intermediate.key.pem', import.meta.url)))));
    const twin = issueCertificate({
      subject: { CN: '福州市市场监督管理局（换发）', O: '核验测试', C: 'CN' },
      publicKey: w.pki.signerKey.publicKey,
      issuer: w.pki.intermediate,
      issuerKey: ik,
      notBefore: new Date('2025-06-01T00:00:00Z'),
      notAfter: new Date('2040-01-01T00:00:00Z'),
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });
    const r = await verify(await signedPdf(w, c, {}, { ...w.pki, signer: twin }), { bundle: w.bundle, at: AT });
    expect(notPassed(r)).toEqual([]);
    expect(byId(r, 'license.document.signer')?.details?.same).toBe('key');
    expect(r.signatures[0]!.signer?.fingerprintSha256).toBe(twin.fingerprintSha256);
  });

  it('metadata naming another licence (the QR code naming the credential\'s) → identifier FAILED, the credential not blamed; no metadata → identifier FAILED', async () => {
    const other = otherRecord(w.record).certificateIdentifier;
    const r = await verify(await signedPdf(w, c, { metadata: other }), { bundle: w.bundle, at: AT });
    expect(notPassed(r)).toEqual(['license.document.identifier:failed']);
    expect(byId(r, 'license.document.identifier')?.details).toMatchObject({ metadata: other, credential: w.record.certificateIdentifier });
    const none = await verify(await signedPdf(w, c, { metadata: null }), { bundle: w.bundle, at: AT });
    expect(notPassed(none)).toEqual(['license.document.identifier:failed']);
  });

  it('a page that omits a surface value → text FAILED naming it', async () => {
    const lines = pageLines(w.record).filter((l) => l !== '林示例');
    const pdf = licencePdf({ lines, credential: c.jws, xmpIdentifier: w.record.certificateIdentifier, qr: c.qr });
    const r = await verify(await signLicencePdf(pdf, { key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] }), { bundle: w.bundle, at: AT });
    expect(notPassed(r)).toEqual(['license.document.text:failed']);
    expect(byId(r, 'license.document.text')?.message.zh).toContain('法定代表人');
    expect(byId(r, 'license.document.text')?.message.en).toContain('Legal representative');
  });

  it('revoked in the registry → FAILED / REVOKED, the advice gives the date and reason', async () => {
    const since = new Date('2029-06-01T00:00:00Z');
    const statusRegistry = { statusAt: (id: string, at: Date) => (id !== BUSINESS.certificateIdentifier ? undefined : at < since ? { status: 'valid' as const } : { status: 'revoked' as const, since, reason: '以欺骗手段取得登记' }) };
    const pdf = await signedPdf(w, c);
    const r = await verify(pdf, { bundle: w.bundle, statusRegistry, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('REVOKED');
    expect(notPassed(r)).toEqual(['credential.status:failed']);
    expect(r.license?.status).toBe('revoked');
    expect(r.advice?.zh).toBe('不予受理：该证照已于 2029-06-01 被吊销（原因：以欺骗手段取得登记）');
    expect(r.advice?.en).toBe('reject it: the licence was revoked on 2029-06-01 (以欺骗手段取得登记)');
    // Before the revocation the same file is fine.
    expect((await verify(pdf, { bundle: w.bundle, statusRegistry, at: new Date('2029-05-01T00:00:00Z') })).indication).toBe('PASSED');
  });

  it("revoked in the bundle's status list → FAILED / REVOKED, the advice names the list", async () => {
    const revoked = issue(w, w.record, { index: REVOKED_INDEX });
    const r = await verify(await signedPdf(w, revoked), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('REVOKED');
    expect(notPassed(r)).toEqual(['credential.status:failed']);
    expect(r.advice?.en).toBe(`reject it: the licence is revoked (status list ${LIST_ID})`);
  });

  it('expired (validation time after validUntil) → FAILED / EXPIRED, the advice gives the end date', async () => {
    const expired = issue(w, { ...w.record, certificateValidateEnd: '2029-12-31' });
    const r = await verify(await signedPdf(w, expired), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('EXPIRED');
    expect(notPassed(r)).toEqual(['credential.validity:failed']);
    expect(r.advice).toEqual({ zh: '不予受理：该证照已于 2029-12-31 过期', en: 'reject it: the licence expired on 2029-12-31' });
  });

  it('not yet valid → FAILED / NOT_YET_VALID, the advice gives the start date', async () => {
    const future = issue(w, { ...w.record, certificateValidateStart: '2031-01-01' });
    const r = await verify(await signedPdf(w, future), { bundle: w.bundle, at: AT });
    expect(r.subIndication).toBe('NOT_YET_VALID');
    expect(r.advice?.en).toBe("do not accept it yet: the licence is valid only from 2031-01-01 (check this machine's clock too)");
  });

  it("issuer not authorised for the type or area in the bundle → the credential's verdict (FAILED / POLICY_FAILURE)", async () => {
    const pdf = await signedPdf(w, c);
    for (const o of [{ areaCodes: ['33'] }, { licenseTypes: ['11100000000013338W901'] }]) {
      const other = licenceWorld(fixturePki('sm2'), o);
      const r = await verify(pdf, { bundle: other.bundle, at: AT });
      const cred = verifyCredential(c.jws, { bundle: other.bundle, time: AT });
      expect({ indication: r.indication, subIndication: r.subIndication }).toEqual({ indication: cred.indication, subIndication: cred.subIndication });
      expect(r.subIndication).toBe('POLICY_FAILURE');
      expect(notPassed(r)).toEqual(['credential.issuer.authorised:failed']);
      expect(r.advice).toEqual(UNAUTHORISED);
    }
  });

  it('a stale status list in the bundle → INDETERMINATE / TRY_LATER, "refresh the trust bundle"', async () => {
    const stale = licenceWorld(fixturePki('sm2'), { listFrom: new Date(AT.getTime() - 10 * DAY), listUntil: new Date(AT.getTime() - 2 * DAY) });
    const r = await verify(await signedPdf(w, c), { bundle: stale.bundle, at: AT });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('TRY_LATER');
    expect(notPassed(r)).toEqual(['credential.status:indeterminate']);
    expect(r.advice).toEqual(REFRESH_BUNDLE);
  });

  it('no bundle and no trust → INDETERMINATE (untrusted signer), "refresh the trust bundle"', async () => {
    const r = await verify(await signedPdf(w, c), { at: AT });
    expect(r.indication).toBe('INDETERMINATE');
    expect(byId(r, 'license.document.signatures')?.status).toBe('indeterminate');
    expect(byId(r, 'license.document.credential')?.status).toBe('indeterminate');
    expect(r.advice).toEqual(REFRESH_BUNDLE);
  });

  it('metadata says licence but no credential is embedded → credential FAILED, the rest not compared', async () => {
    const r = await verify(await signedPdf(w, c, { credential: null }), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(notPassed(r)).toEqual(['license.document.credential:failed']);
    for (const id of ['license.document.signer', 'license.document.identifier', 'license.document.qr', 'license.document.text']) expect(byId(r, id)?.status).toBe('skipped');
    expect(r.advice).toEqual(FRESH_COPY);
  });

  it('no licence parts (no credential, no metadata), or an unrelated attachment → a plain PDF report', async () => {
    for (const pdf of [await signedPdf(w, c, { credential: null, metadata: null })]) {
      const r = await verify(pdf, { bundle: w.bundle, at: AT });
      expect(r.indication).toBe('PASSED');
      expect(r.license).toBeUndefined();
      expect(r.checks.some((x) => x.id.startsWith('license.') || x.id.startsWith('credential.'))).toBe(false);
      expect(r.signatures.map((s) => s.kind)).toEqual(['pdf']);
    }
    // An embedded file of another name: the cheap byte test lets the layer look, the layer finds no licence.
    const other = licencePdf({ lines: ['x'], credential: c.jws, credentialName: 'other-attachment.jws', xmpIdentifier: null, qr: null });
    const r = await verify(await signLicencePdf(other, { key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate] }), { bundle: w.bundle, at: AT });
    expect(r.license).toBeUndefined();
    expect(r.indication).toBe('PASSED');
  });
});

describe('licence OFD (SM2 issuer, SES seal)', () => {
  const w = licenceWorld(fixturePki('sm2'));
  const c = issue(w);
  const seal = testSeal(w.pki.signer, w.pki.party('seal-maker'));
  const sign = (ofd: Uint8Array, signer: Pki = w.pki, s = seal) => signLicenceOfd(ofd, s, { key: signer.signerKey, certificate: signer.signer });

  it('issued and sealed → PASSED; the seal signature covers every content file', async () => {
    const ofd = sign(ofdOf(c));
    const r = await verify(ofd, { bundle: w.bundle, at: AT });
    expect(notPassed(r).filter((x) => x !== 'ofd.whole-protected:skipped')).toEqual([]);
    expect(r.indication).toBe('PASSED');
    for (const id of LAYER) expect(byId(r, id)?.status, id).toBe('passed');
    expect(r.signatures.map((s) => `${s.kind}:${s.indication}`)).toEqual(['ofd-seal:PASSED', 'jws:PASSED']);
    expect(r.license?.document).toMatchObject({ format: 'ofd', metadataIdentifier: BUSINESS.certificateIdentifier, qrCodes: 1, signer: w.pki.signer.subject });
    expect(openOfd(ofd).files).toContain('Doc_0/Attachs/license-credential.jws');
  });

  it('page content changed after sealing → FAILED (reference digest), "fresh copy" advice', async () => {
    const ofd = sign(ofdOf(c));
    const forged = licenceOfd({ lines: pageLines({ ...w.record, certificateHolder: '福州伪造科技有限公司' }), credential: c.jws, customIdentifier: w.record.certificateIdentifier, qr: c.qr });
    const content = readZip(forged).read('Doc_0/Pages/Page_0/Content.xml');
    const z = readZip(ofd);
    const out = new ZipWriter({ date: new Date('2026-03-01T10:00:00Z') });
    for (const e of z.entries) (e.name === 'Doc_0/Pages/Page_0/Content.xml' ? out.addFile(e.name, content) : out.copyFrom(z, e));
    const r = await verify(out.finish(), { bundle: w.bundle, at: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.signatures[0]!.checks.some((x) => x.id === 'ofd.reference.digest' && x.status === 'failed')).toBe(true);
    expect(byId(r, 'license.document.text')?.status).toBe('failed');
    expect(r.advice).toEqual(FRESH_COPY);
  });

  it("another licence's credential → identifier, QR, text FAILED; another licence's QR → QR FAILED", async () => {
    const other = issue(w, otherRecord(w.record));
    const swapped = await verify(sign(ofdOf(c, { credential: other })), { bundle: w.bundle, at: AT });
    expect(notPassed(swapped).filter((x) => x !== 'ofd.whole-protected:skipped')).toEqual(['license.document.credential:failed', 'license.document.identifier:failed', 'license.document.qr:failed', 'license.document.text:failed']);
    const pasted = await verify(sign(ofdOf(c, { qr: other.qr })), { bundle: w.bundle, at: AT });
    expect(notPassed(pasted).filter((x) => x !== 'ofd.whole-protected:skipped')).toEqual(['license.document.qr:failed']);
  });

  it('sealed by another signer (with its own seal) → signer FAILED', async () => {
    const maker = w.pki.party('seal-maker');
    const otherSeal = testSeal(maker.cert, maker);
    const r = await verify(sign(ofdOf(c), { ...w.pki, signer: maker.cert, signerKey: maker.key }, otherSeal), { bundle: w.bundle, at: AT });
    expect(byId(r, 'license.document.signer')?.status).toBe('failed');
    expect(r.indication).toBe('FAILED');
  });

  it('revoked, expired, unauthorised → FAILED with the licence advice', async () => {
    const since = new Date('2029-06-01T00:00:00Z');
    const statusRegistry = { statusAt: () => ({ status: 'revoked' as const, since, reason: '吊销营业执照' }) };
    const ofd = sign(ofdOf(c));
    const rv = await verify(ofd, { bundle: w.bundle, statusRegistry, at: AT });
    expect(rv.subIndication).toBe('REVOKED');
    expect(rv.advice?.en).toBe('reject it: the licence was revoked on 2029-06-01 (吊销营业执照)');
    const expired = issue(w, { ...w.record, certificateValidateEnd: '2029-12-31' });
    const ex = await verify(sign(ofdOf(expired)), { bundle: w.bundle, at: AT });
    expect(ex.subIndication).toBe('EXPIRED');
    const un = await verify(ofd, { bundle: licenceWorld(fixturePki('sm2'), { areaCodes: ['33'] }).bundle, at: AT });
    expect(un.subIndication).toBe('POLICY_FAILURE');
    expect(un.advice).toEqual(UNAUTHORISED);
  });

  it('no attachment and no CustomData → a plain OFD report', async () => {
    const r = await verify(sign(ofdOf(c, { credential: null, metadata: null })), { bundle: w.bundle, at: AT });
    expect(r.license).toBeUndefined();
    expect(r.checks.some((x) => x.id.startsWith('license.'))).toBe(false);
    expect(r.indication).toBe('PASSED');
  });
});
