import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildOfd, members, rezip, sm2Signer, type OfdSpec } from '../../../../test/helpers/ofd-build.js';
import { importPkcs12 } from '../pki/pkcs12.js';
import { Certificate, TrustStore } from '../pki/index.js';
import type { Check, SignatureReport } from '../report/types.js';
import { verifyOfd, type OfdVerifyResult } from './verify.js';
import { readZip } from './zip-read.js';

const corpus = (name: string): string => fileURLToPath(new URL(`../../../../../shared/corpus/ofd-ses/${name}`, import.meta.url));
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(corpus(name)));

const failedChecks = (checks: readonly Check[]): Check[] => checks.filter((c) => c.status === 'failed');
const byId = (checks: readonly Check[], id: string): Check[] => checks.filter((c) => c.id === id);
const one = (checks: readonly Check[], id: string): Check => {
  const found = byId(checks, id);
  expect(found, id).toHaveLength(1);
  return found[0]!;
};
/** Per-file reference outcomes: a failed reference has a check of its own, the matching ones are listed in one check. */
const refFiles = (s: SignatureReport): { path: string; status: string; details: Record<string, unknown>; message?: Check['message'] }[] => [
  ...byId(s.checks, 'ofd.reference.digest')
    .filter((c) => c.status === 'failed' && c.details?.path !== undefined)
    .map((c) => ({ path: String(c.details!.path), status: c.status, details: c.details!, message: c.message })),
  ...byId(s.checks, 'ofd.reference.digest')
    .filter((c) => c.status === 'passed')
    .flatMap((c) => (c.details!.files as Record<string, unknown>[]).map((f) => ({ path: String(f.path), status: c.status, details: f }))),
];
/** Checks of the OFD and seal layers (certificate path checks apart: the corpus issuers are not public). */
const ownLayers = (s: SignatureReport): Check[] => s.checks.filter((c) => !c.id.startsWith('pki.'));

const USER = importPkcs12(load('pki/ofdrw-USER.p12'), '777777');
const userCert = Certificate.fromDer(USER.certificates[0]!);

describe('corpus: ofd-ses/ofd at the signing time', () => {
  it('SESV4SignDoc: references, dataHash and both signatures OK; the time policy fails (used after the seal expired)', () => {
    const r = verifyOfd(load('ofd/ofdrw-SESV4SignDoc.ofd'), { time: new Date('2026-08-04T02:08:09Z') });
    expect(r.ofd).toBe(true);
    expect(r.indication).toBe('FAILED');
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0]!;
    expect(s.kind).toBe('ofd-seal');
    const refs = refFiles(s);
    expect(refs).toHaveLength(5);
    expect(refs.every((c) => c.status === 'passed')).toBe(true);
    // The matching references are summed up in one check that counts them.
    expect(one(s.checks, 'ofd.reference.digest').details!.references).toBe(5);
    expect(one(s.checks, 'ofd.reference.digest').message.en).toMatch(/\(5 files\)$/);
    for (const id of ['seal.data-hash', 'seal.signature.value', 'seal.maker.signature', 'seal.seal-file', 'ofd.property-info', 'ofd.stamp-annot.page']) expect(one(s.checks, id).status, id).toBe('passed');
    // The real reason: the seal (valid to 2022-04-22) was used in 2026; and the signer certificate had expired.
    expect(one(s.checks, 'seal.validity').status).toBe('failed');
    expect(failedChecks(ownLayers(s)).map((c) => c.id).sort()).toEqual(['seal.signer.validity', 'seal.validity']);
    expect(r.checks.every((c) => c.status !== 'failed')).toBe(true);
  });

  it('allprotected: all OK, whole-document protection reported; chain INDETERMINATE without the issuers', () => {
    const r = verifyOfd(load('ofd/ofdrw-allprotected.ofd'), { time: new Date('2020-10-23T11:45:37Z') });
    expect(one(r.checks, 'ofd.whole-protected').status).toBe('passed');
    const s = r.signatures[0]!;
    expect(s.ofd.wholeProtected).toBe(true);
    expect(refFiles(s).map((c) => c.status)).toEqual(Array(6).fill('passed'));
    expect(failedChecks(ownLayers(s))).toEqual([]);
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('allprotected with the ofdrw ROOT as anchor: still not PASSED (the ROOT lacks keyCertSign)', () => {
    const root = importPkcs12(load('pki/ofdrw-ROOT.p12'), '123456');
    const trust = new TrustStore().addAnchor(Certificate.fromDer(root.certificates[0]!));
    const r = verifyOfd(load('ofd/ofdrw-allprotected.ofd'), { time: new Date('2020-10-23T11:45:37Z'), trust });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
    expect(failedChecks(r.signatures[0]!.checks).map((c) => c.id)).toEqual(['pki.cert.key-cert-sign', 'pki.cert.key-cert-sign']); // maker and signer paths
  });

  it('DigitalSign: OK with the USER certificate, INDETERMINATE without one, FAILED with a wrong one', () => {
    const bytes = load('ofd/ofdrw-DigitalSign.ofd');
    const at = new Date('2020-04-22T08:22:44Z');
    const none = verifyOfd(bytes, { time: at });
    expect(none.indication).toBe('INDETERMINATE');
    expect(none.subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
    expect(one(none.signatures[0]!.checks, 'ofd.sign.certificate').status).toBe('indeterminate');

    const withCert = verifyOfd(bytes, { time: at, certificates: [userCert] });
    const s = withCert.signatures[0]!;
    expect(s.kind).toBe('ofd-sign');
    expect(refFiles(s).map((c) => c.status)).toEqual(Array(4).fill('passed'));
    expect(one(s.checks, 'ofd.sign.value').status).toBe('passed');
    expect(s.signer?.subject).toBe(userCert.subject);
    expect(withCert.indication).toBe('INDETERMINATE'); // no anchor: the chain cannot be completed
    expect(withCert.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');

    const trusted = verifyOfd(bytes, { time: at, certificates: [userCert], trust: new TrustStore().addAnchor(userCert) });
    expect(trusted.indication).toBe('PASSED');

    const maker = Certificate.fromDer(importPkcs12(load('pki/ofdrw-SealBuilder.p12'), '777777').certificates[0]!);
    const wrong = verifyOfd(bytes, { time: at, certificates: [maker] });
    expect(wrong.indication).toBe('FAILED');
    expect(wrong.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });

  it('v4signed (tax test system): all 13 references, dataHash, TBS and seal signatures OK; chain INDETERMINATE', () => {
    const r = verifyOfd(load('ofd/ofdrw-v4signed.ofd'), { time: new Date('2020-10-10T07:11:20Z') });
    const s = r.signatures[0]!;
    expect(refFiles(s).map((c) => c.status)).toEqual(Array(13).fill('passed'));
    for (const id of ['seal.data-hash', 'seal.signature.value', 'seal.maker.signature']) expect(one(s.checks, id).status, id).toBe('passed');
    expect(failedChecks(ownLayers(s))).toEqual([]);
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    expect(one(r.checks, 'ofd.coverage').status).toBe('passed');
  });

  it('v4signed: each CheckValue equals base64(SM3(member)) computed by unzip + openssl (independent)', () => {
    const path = corpus('ofd/ofdrw-v4signed.ofd');
    const r = verifyOfd(load('ofd/ofdrw-v4signed.ofd'));
    const refs = refFiles(r.signatures[0]!);
    expect(refs).toHaveLength(13);
    for (const c of refs) {
      const member = c.path.slice(1);
      const bytes = execFileSync('unzip', ['-p', path, member]);
      const sm3 = execFileSync('openssl', ['dgst', '-sm3', '-binary'], { input: bytes }).toString('base64');
      expect(c.details!.expected).toBe(sm3);
      expect(c.details!.computed).toBe(sm3);
    }
  });

  it('n.ofd (dms360 v1): XML parts re-serialised after signing, dataHash mismatch, non-standard hashing reported', () => {
    const r = verifyOfd(load('ofd/ofdrw-n.ofd'), { time: new Date('2020-01-25T07:31:56Z') });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('HASH_FAILURE');
    const s = r.signatures[0]!;
    const refs = refFiles(s);
    const failedRefs = refs.filter((c) => c.status === 'failed').map((c) => c.path);
    expect(failedRefs.sort()).toEqual(['/Doc_0/Document.xml', '/Doc_0/Pages/Page_0/Content.xml', '/Doc_0/Pages/Page_1/Content.xml', '/Doc_0/PublicRes.xml', '/OFD.xml']);
    for (const c of refs.filter((c) => c.status === 'failed')) expect(c.message!.en).toMatch(/^Document modified/);
    // The binary Seal.esl matches only as SM3(Z_signer ‖ file): accepted, flagged.
    const seal = refs.find((c) => c.path === '/Doc_0/Signs/Sign_0/Seal.esl')!;
    expect(seal.status).toBe('passed');
    expect(seal.details!.form).toBe('SM3(Z ‖ file)');
    expect(one(s.checks, 'ofd.nonstandard.z-prefixed-digest').status).toBe('warning');
    expect(one(s.checks, 'seal.data-hash').status).toBe('failed');
    expect(one(s.checks, 'seal.nonstandard.digest-signature').status).toBe('warning'); // e = dataHash
    expect(one(s.checks, 'seal.maker.signature').status).toBe('passed'); // the v1 rule
  });

  it('zsbk: two seal signatures with OK seal/TBS/dataHash; both page contents changed after signing; Sign_1 covers Sign_0', () => {
    const r = verifyOfd(load('ofd/ofdrw-zsbk.ofd'), { time: new Date('2020-10-10T06:58:41Z') });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('HASH_FAILURE');
    expect(r.signatures).toHaveLength(2);
    for (const s of r.signatures) {
      expect(s.kind).toBe('ofd-seal'); // no Type attribute: Seal
      for (const id of ['seal.data-hash', 'seal.signature.value', 'seal.maker.signature']) expect(one(s.checks, id).status, id).toBe('passed');
      const bad = byId(s.checks, 'ofd.reference.digest').filter((c) => c.status === 'failed');
      expect(bad.map((c) => c.details!.path).sort()).toEqual(['/Doc_0/Pages/Page_0/Content.xml', '/Doc_0/Pages/Page_1/Content.xml']);
      for (const c of bad) {
        expect(c.message.en).toMatch(/page content changed after signing/);
        expect(c.message.zh).toMatch(/页面内容在签署后被修改/);
      }
    }
    const [s0, s1] = r.signatures as [SignatureReport, SignatureReport];
    expect(one(s0.checks, 'ofd.signature.covers-earlier').status).toBe('skipped');
    expect(one(s1.checks, 'ofd.signature.covers-earlier').status).toBe('passed');
    const listed1 = refFiles(s1).map((c) => c.path);
    expect(listed1).toEqual(expect.arrayContaining(['/Doc_0/Signs/Sign_0/Signature.xml', '/Doc_0/Signs/Sign_0/SignedValue.dat', '/Doc_0/Signs/Sign_0/Seal.esl']));
    // StampAnnot PageRef 677 is a page ID from Document.xml, not an index.
    expect(one(s0.checks, 'ofd.stamp-annot.page').status).toBe('passed');
  });
});

describe('corpus: a real GB/T 35275 Type=Sign pair (CCB receipt) in a package', () => {
  // Only Signature.xml and SignedValue.dat were published: the referenced files are missing (FAILED), but the
  // SignedData over the stored Signature.xml must verify: messageDigest and SM2 over the signed attributes.
  const NS = 'http://www.ofdspec.org/2016';
  const files = new Map<string, Uint8Array>([
    ['OFD.xml', Buffer.from(`<ofd:OFD xmlns:ofd="${NS}"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>`)],
    ['Doc_0/Document.xml', Buffer.from(`<ofd:Document xmlns:ofd="${NS}"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`)],
    ['Doc_0/Signs/Signatures.xml', Buffer.from(`<ofd:Signatures xmlns:ofd="${NS}"><ofd:Signature ID="1" Type="Sign" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/></ofd:Signatures>`)],
    ['Doc_0/Signs/Sign_0/Signature.xml', load('signatures/ccb-receipt-gbt35275-sign/Signature.xml')],
    ['Doc_0/Signs/Sign_0/SignedValue.dat', load('signatures/ccb-receipt-gbt35275-sign/SignedValue.dat')],
  ]);

  it('messageDigest and the SM2 signature verify; the missing referenced files fail', () => {
    const r = verifyOfd(rezip(files), { time: new Date('2026-05-13T15:25:43Z') });
    const s = r.signatures[0]!;
    expect(s.kind).toBe('ofd-sign');
    expect(one(s.checks, 'ofd.sign.format').details!.form).toBe('GB/T 35275 SignedData');
    expect(one(s.checks, 'cms.attribute.message-digest').status).toBe('passed');
    expect(one(s.checks, 'cms.signature.value').status).toBe('passed');
    expect(s.signer?.subject).toMatch(/The Certificate For CCB Bank Receipt/);
    expect(byId(s.checks, 'ofd.reference.file').every((c) => c.status === 'failed')).toBe(true);
    expect(r.indication).toBe('FAILED');
  });

  it('one changed byte of Signature.xml breaks messageDigest', () => {
    const changed = new Map(files);
    const xml = Buffer.from(changed.get('Doc_0/Signs/Sign_0/Signature.xml')!);
    xml[xml.indexOf('ofdrw-sign')] = 0x4f; // 'o' → 'O'
    changed.set('Doc_0/Signs/Sign_0/Signature.xml', xml);
    const s = verifyOfd(rezip(changed), { time: new Date('2026-05-13T15:25:43Z') }).signatures[0]!;
    expect(one(s.checks, 'cms.attribute.message-digest').status).toBe('failed');
  });
});

describe('tampering with corpus copies', () => {
  const original = readZip(load('ofd/ofdrw-v4signed.ofd'));
  const at = new Date('2020-10-10T07:11:20Z');
  const run = (files: Map<string, Uint8Array>): OfdVerifyResult => verifyOfd(rezip(files), { time: at });

  it('a rebuilt, unchanged copy verifies exactly as the original', () => {
    const a = verifyOfd(load('ofd/ofdrw-v4signed.ofd'), { time: at });
    const b = run(members(original));
    expect(b.indication).toBe(a.indication);
    expect(b.signatures[0]!.checks.map((c) => [c.id, c.status])).toEqual(a.signatures[0]!.checks.map((c) => [c.id, c.status]));
  });

  const covered = [...members(original).keys()].filter((f) => f !== 'Doc_0/Signs/Signatures.xml');
  it.each(covered)('flipping one byte of %s fails, naming the file', (name) => {
    const files = members(original);
    const b = files.get(name)!;
    // In text or an attribute value for XML (a letter or digit stays one: the part still parses), else in the middle.
    const m = /(?:>|=")[A-Za-z0-9]/.exec(Buffer.from(b).toString('latin1'));
    const at_ = name.endsWith('.xml') ? (m ? m.index + m[0].length - 1 : -1) : b.length >> 1;
    expect(at_).toBeGreaterThan(0);
    b[at_] = b[at_]! ^ 0x01;
    const r = run(files);
    expect(r.indication).toBe('FAILED');
    const failed = failedChecks([...r.checks, ...r.signatures.flatMap((s) => s.checks)]);
    if (name.endsWith('Signature.xml')) expect(failed.map((c) => c.id)).toContain('seal.data-hash');
    else if (name.endsWith('SignedValue.dat')) expect(failed.some((c) => c.id.startsWith('seal.'))).toBe(true);
    else expect(failed.some((c) => c.id === 'ofd.reference.digest' && c.message.en.includes(`/${name}`))).toBe(true);
  });

  it('adding an unlisted page file fails the coverage check', () => {
    const files = members(original);
    files.set('Doc_0/Pages/Page_1/Content.xml', Buffer.from('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>'));
    const r = run(files);
    expect(r.indication).toBe('FAILED');
    const c = one(r.checks, 'ofd.coverage');
    expect(c.status).toBe('failed');
    expect(c.message.en).toMatch(/an unlisted page file was added: \/Doc_0\/Pages\/Page_1\/Content\.xml/);
  });

  it('a vendor extra file is a warning, not a failure', () => {
    const files = members(original);
    files.set('Doc_0/Signs/Sign_0/signFilePaths.dat', Buffer.from('vendor'));
    const r = run(files);
    expect(r.indication).toBe('INDETERMINATE');
    expect(one(r.checks, 'ofd.coverage.extras').status).toBe('warning');
    expect(one(r.checks, 'ofd.coverage').status).toBe('passed');
  });

  it('removing a file that is referenced fails (file missing)', () => {
    const files = members(original);
    files.delete('Doc_0/Res/qr.png');
    const r = run(files);
    expect(r.indication).toBe('FAILED');
    const c = byId(r.signatures[0]!.checks, 'ofd.reference.file').find((x) => x.status === 'failed')!;
    expect(c.message.en).toMatch(/missing \(\/Doc_0\/Res\/qr\.png\)/);
  });

  it('replacing Seal.esl fails: reference digest and the seal-file equality', () => {
    const doc = readZip(load('ofd/ofdrw-SESV4SignDoc.ofd'));
    const files = members(doc);
    files.set('Doc_0/Signs/Sign_0/Seal.esl', load('seals/ofdrw-UserV4.esl').slice());
    files.get('Doc_0/Signs/Sign_0/Seal.esl')![100]! ^= 1;
    const r = verifyOfd(rezip(files), { time: new Date('2020-10-23T11:45:37Z') });
    expect(r.indication).toBe('FAILED');
    const s = r.signatures[0]!;
    expect(byId(s.checks, 'ofd.reference.digest').find((c) => c.details!.path === '/Doc_0/Signs/Sign_0/Seal.esl')!.status).toBe('failed');
    expect(one(s.checks, 'seal.seal-file').status).toBe('failed');
  });

  it('junk bytes before the ZIP (KingGrid) are tolerated and reported', () => {
    const r = verifyOfd(rezip(members(original), { prefix: Buffer.from('KGBrowser junk header\r\n') }), { time: at });
    expect(one(r.checks, 'ofd.package').status).toBe('warning');
    expect(r.indication).toBe('INDETERMINATE');
    expect(byId(r.signatures[0]!.checks, 'ofd.reference.digest').every((c) => c.status === 'passed')).toBe(true);
  });
});

describe('synthetic signed OFDs (Type=Sign, SM2, own test PKI)', () => {
  const trust = new TrustStore().addAnchor(sm2Signer.root);
  const opts = { time: new Date('2030-01-01T00:00:00Z'), trust, certificates: [sm2Signer.cert, sm2Signer.intermediate], revocation: 'none' as const };
  const run = (spec: OfdSpec): OfdVerifyResult => verifyOfd(buildOfd(spec), opts);

  it('a correctly signed document PASSES', () => {
    const r = run({ pages: 2, signatures: [{ id: 's1' }] });
    expect(r.indication).toBe('PASSED');
    expect(one(r.checks, 'ofd.whole-protected').status).toBe('skipped');
  });

  it.each<[string, OfdSpec['ns']]>([
    ['another prefix bound to the OFD namespace', { prefix: 'x' }],
    ['the default namespace', 'default'],
    ['no namespace at all', 'none'],
  ])('namespaces: %s', (_, ns) => {
    expect(run({ ns, signatures: [{ id: '1' }] }).indication).toBe('PASSED');
  });

  it('Signatures location without a leading slash, and a Signatures.xml outside Signs/', () => {
    expect(run({ signaturesLoc: 'Doc_0/Signs/Signatures.xml', signatures: [{ id: '1' }] }).indication).toBe('PASSED');
    expect(run({ signaturesPath: 'Doc_0/Signatures.xml', signatures: [{ id: '1' }] }).indication).toBe('PASSED');
  });

  it('removing a Reference from a validly signed document fails the coverage check (nothing else)', () => {
    const r = run({ pages: 2, signatures: [{ id: '1', refs: (f) => f.filter((x) => x !== 'Doc_0/Pages/Page_1/Content.xml') }] });
    expect(r.indication).toBe('FAILED');
    const c = one(r.checks, 'ofd.coverage');
    expect(c.message.en).toMatch(/an unlisted page file was added: \/Doc_0\/Pages\/Page_1\/Content\.xml/);
    expect(failedChecks([...r.checks, ...r.signatures.flatMap((s) => s.checks)]).map((x) => x.id)).toEqual(['ofd.coverage']);
  });

  it('StampAnnot PageRef must be a page ID of Document.xml', () => {
    const r = run({ signatures: [{ id: '1', pageRef: '0' }] }); // pages have ID 1..n; 0 is an index, not an ID
    expect(r.indication).toBe('FAILED');
    expect(one(r.signatures[0]!.checks, 'ofd.stamp-annot.page').status).toBe('failed');
  });

  it('WholeProtected: reported; a later signature after it fails', () => {
    const locked = run({ signatures: [{ id: '1', wholeProtected: true }] });
    expect(locked.indication).toBe('PASSED');
    expect(one(locked.checks, 'ofd.whole-protected').status).toBe('passed');
    const after = run({ signatures: [{ id: '1', wholeProtected: true }, { id: '2' }] });
    expect(after.indication).toBe('FAILED');
    expect(one(after.checks, 'ofd.whole-protected').status).toBe('failed');
    // The first signature's Signatures.xml reference broke too (the list changed when the second was added).
    expect(byId(after.signatures[0]!.checks, 'ofd.reference.digest').some((c) => c.status === 'failed' && c.message.en.includes('Signatures.xml'))).toBe(true);
  });

  it('later signatures cover earlier ones; Relative must name a signature that verifies', () => {
    const r = run({ signatures: [{ id: '1' }, { id: '2', relative: '1' }] });
    expect(r.indication).toBe('PASSED');
    expect(one(r.signatures[1]!.checks, 'ofd.signature.covers-earlier').status).toBe('passed');
    expect(one(r.signatures[1]!.checks, 'ofd.signature.relative').status).toBe('passed');
    const missing = run({ signatures: [{ id: '1' }, { id: '2', relative: '9' }] });
    expect(one(missing.signatures[1]!.checks, 'ofd.signature.relative').status).toBe('failed');
    expect(missing.indication).toBe('FAILED');
    // The base was signed by a key that is not the supplied certificate's: the base fails, so does the relative one.
    const other = importPkcs12(load('pki/ofdrw-USER.p12'), '777777').key;
    const badBase = run({ signatures: [{ id: '1', key: other }, { id: '2', relative: '1' }] });
    expect(badBase.signatures[0]!.indication).toBe('FAILED');
    expect(one(badBase.signatures[1]!.checks, 'ofd.signature.relative').status).toBe('failed');
    // A later signature that leaves the earlier one's files out is reported.
    const partial = run({ signatures: [{ id: '1' }, { id: '2', refs: (f) => f.filter((x) => !x.includes('Sign_0')) }] });
    expect(one(partial.signatures[1]!.checks, 'ofd.signature.covers-earlier').status).toBe('warning');
  });

  it('a signature removed from Signatures.xml while a later one covers its files fails (签名列表中的签名被删除)', () => {
    const list = (xml: string): string => xml.replace(/<ofd:Signature ID="1"[^>]*\/>/, '');
    const r = run({ signatures: [{ id: '1' }, { id: '2' }], after: (f) => void f.set('Doc_0/Signs/Signatures.xml', Buffer.from(list(Buffer.from(f.get('Doc_0/Signs/Signatures.xml')!).toString()))) });
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]!.indication).toBe('PASSED'); // the remaining signature itself is intact
    const c = one(r.checks, 'ofd.signatures.removed');
    expect(c.status).toBe('failed');
    expect(c.message.en).toMatch(/a signature was removed from the signature list: .*\/Doc_0\/Signs\/Sign_0\/Signature\.xml \(protected by signature ID "2"\)/i);
    expect(c.message.zh).toMatch(/签名列表中的签名被删除/);
    expect(r.indication).toBe('FAILED');
    // Both signatures listed: nothing removed.
    expect(one(run({ signatures: [{ id: '1' }, { id: '2' }] }).checks, 'ofd.signatures.removed').status).toBe('passed');
  });

  it('the same Signature.xml listed twice, or two signatures with one ID, fail', () => {
    const twice = run({
      signatures: [{ id: '1' }],
      after: (f) => void f.set('Doc_0/Signs/Signatures.xml', Buffer.from(`<ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Signature ID="1" Type="Sign" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/><ofd:Signature ID="2" Type="Sign" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>`)),
    });
    expect(twice.indication).toBe('FAILED');
    expect(one(twice.checks, 'ofd.signatures.unique').message.en).toMatch(/\/Doc_0\/Signs\/Sign_0\/Signature\.xml is listed 2 times/);
    const sameId = run({ signatures: [{ id: '1' }, { id: '1' }] });
    expect(sameId.indication).toBe('FAILED');
    expect(one(sameId.checks, 'ofd.signatures.unique').message.en).toMatch(/ID "1" is used by 2 signatures/);
    expect(one(run({ signatures: [{ id: '1' }, { id: '2' }] }).checks, 'ofd.signatures.unique').status).toBe('passed');
  });

  it('Relative cycles (A → B → A) and a signature based on itself fail, without recursion', () => {
    const cycle = run({ signatures: [{ id: '1', relative: '2' }, { id: '2', relative: '1' }] });
    expect(cycle.indication).toBe('FAILED');
    for (const s of cycle.signatures) expect(one(s.checks, 'ofd.signature.relative').message.en).toMatch(/Relative forms a cycle/);
    expect(one(cycle.signatures[0]!.checks, 'ofd.signature.relative').message.en).toMatch(/ID "1" → ID "2" → ID "1"/);
    const self = run({ signatures: [{ id: '1', relative: '1' }] });
    expect(self.indication).toBe('FAILED');
    expect(one(self.signatures[0]!.checks, 'ofd.signature.relative').message.en).toMatch(/Relative forms a cycle \(ID "1" → ID "1"\)/);
    // A longer chain is followed to its end: 3 → 2 → 1 passes when all verify.
    const chain = run({ signatures: [{ id: '1' }, { id: '2', relative: '1' }, { id: '3', relative: '2' }] });
    expect(chain.indication).toBe('PASSED');
    expect(one(chain.signatures[2]!.checks, 'ofd.signature.relative').details!.chain).toEqual(['2', '1']);
  });

  it('CheckMethod: names and OIDs accepted, MD5/SHA-1 weak (warning, or failed by policy), unknown INDETERMINATE', () => {
    expect(run({ signatures: [{ id: '1', checkMethod: 'SM3' }] }).indication).toBe('PASSED');
    expect(run({ signatures: [{ id: '1', checkMethod: '2.16.840.1.101.3.4.2.1', digest: 'sha256' }] }).indication).toBe('PASSED');
    expect(run({ signatures: [{ id: '1', checkMethod: 'SHA-256', digest: 'sha256' }] }).indication).toBe('PASSED');
    const md5 = run({ signatures: [{ id: '1', checkMethod: 'MD5', digest: 'md5' }] });
    expect(md5.indication).toBe('PASSED');
    expect(one(md5.signatures[0]!.checks, 'ofd.references.check-method').status).toBe('warning');
    const absent = run({ signatures: [{ id: '1', checkMethod: null, digest: 'md5' }] });
    expect(one(absent.signatures[0]!.checks, 'ofd.references.check-method').details!.defaulted).toBeDefined();
    const sha1Fail = verifyOfd(buildOfd({ signatures: [{ id: '1', checkMethod: 'SHA1', digest: 'sha1' }] }), { ...opts, policy: { weak: 'fail' } });
    expect(sha1Fail.indication).toBe('FAILED');
    const unknown = run({ signatures: [{ id: '1', checkMethod: 'WHIRLPOOL' }] });
    expect(unknown.indication).toBe('INDETERMINATE');
    expect(one(unknown.signatures[0]!.checks, 'ofd.references.check-method').status).toBe('indeterminate');
  });

  it('a Type other than Seal or Sign fails', () => {
    const r = run({ signatures: [{ id: '1', type: 'Stamp' }] });
    expect(r.indication).toBe('FAILED');
    expect(one(r.signatures[0]!.checks, 'ofd.signature.type').status).toBe('failed');
  });

  it('many signatures naming one large Signature.xml hit the package-wide XML budget', () => {
    const big = `<ofd:Signature xmlns:ofd="http://www.ofdspec.org/2016"><ofd:SignedInfo><ofd:Provider ProviderName="${'x'.repeat(200_000)}"/></ofd:SignedInfo></ofd:Signature>`;
    const list = `<ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016">${Array.from({ length: 50 }, (_, i) => `<ofd:Signature ID="${i}" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/>`).join('')}</ofd:Signatures>`;
    const bytes = buildOfd({ signatures: [{ id: '1' }], after: (f) => void (f.set('Doc_0/Signs/Signatures.xml', Buffer.from(list)), f.set('Doc_0/Signs/Sign_0/Signature.xml', Buffer.from(big))) });
    const r = verifyOfd(bytes, { ...opts, limits: { maxXmlTotalBytes: 2_000_000 } });
    expect(r.indication).toBe('FAILED');
    const refused = r.signatures.filter((s) => one(s.checks, 'ofd.signature.file').message.en.includes('would take the XML parsed to more than 2000000 bytes'));
    expect(refused.length).toBeGreaterThan(35);
  });

  it('thousands of references: matching ones summed up in one check, failures capped with an "N more" check', () => {
    const page = 'Doc_0/Pages/Page_0/Content.xml';
    const refs = (f: string[]): string[] => [...f, ...Array<string>(3000).fill(page)];
    // Each distinct member is read (and hashed) once per package: 3000 references to the page fit a read budget of
    // two copies of the package (Signature.xml is read as bytes and as XML), which 3000 reads of the page would not.
    const signed = buildOfd({ signatures: [{ id: '1', refs }] });
    const size = readZip(signed).entries.reduce((n, e) => n + e.uncompressedSize, 0);
    const pageSize = readZip(signed).entry(page)!.uncompressedSize;
    expect(3000 * pageSize).toBeGreaterThan(20_000);
    const ok = verifyOfd(signed, { ...opts, limits: { maxReadBytes: 2 * size + 10_000 } });
    expect(ok.indication).toBe('PASSED');
    const digests = byId(ok.signatures[0]!.checks, 'ofd.reference.digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.details!.references).toBe(3004);
    expect((digests[0]!.details!.files as unknown[]).length).toBe(200);
    expect(digests[0]!.details!.filesOmitted).toBe(2804);

    const changed = verifyOfd(buildOfd({ signatures: [{ id: '1', refs }], after: (f) => void f.set(page, Buffer.from('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>')) }), opts);
    expect(changed.indication).toBe('FAILED');
    const failedRefs = byId(changed.signatures[0]!.checks, 'ofd.reference.digest').filter((c) => c.status === 'failed');
    expect(failedRefs).toHaveLength(51);
    expect(failedRefs[0]!.message.en).toMatch(/page content changed after signing/);
    expect(failedRefs[50]!.message.en).toBe('Document modified: 2951 more protected files differ from the signed values or are missing');
    expect(failedRefs[50]!.details!.files).toEqual(['/Doc_0/Pages/Page_0/Content.xml']);
    expect(JSON.stringify(changed).length).toBeLessThan(100_000);
  });

  it('references of all signatures together are bounded: over the package budget the package is refused', () => {
    const bytes = buildOfd({ signatures: [{ id: '1' }, { id: '2' }, { id: '3' }] });
    const refused = verifyOfd(bytes, { ...opts, limits: { maxTotalReferences: 12 } }); // 4 + 6 + 8 references
    expect(refused.indication).toBe('FAILED');
    expect(refused.subIndication).toBe('FORMAT_FAILURE');
    expect(refused.signatures).toEqual([]);
    expect(byId(refused.checks, 'ofd.signatures.list').find((c) => c.status === 'failed')!.message.en).toMatch(/takes the references of all signatures to \d+, over the package limit of 12/);
    expect(verifyOfd(bytes, { ...opts, limits: { maxTotalReferences: 18 } }).indication).toBe('PASSED');
  });

  it('an unsigned OFD fails: no signature', () => {
    const r = run({ signatures: [], after: (f) => void f.set('Doc_0/Signs/Signatures.xml', Buffer.from('<ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"/>')) });
    expect(r.indication).toBe('FAILED');
    expect(one(r.checks, 'ofd.signatures.present').status).toBe('failed');
  });
});
