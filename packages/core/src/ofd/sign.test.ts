// signOfd round trips, refusals and tampering, judged by our verifier (verifyOfd) and, for the digests and the
// signature value, independently by the OpenSSL CLI, Python's zipfile and unzip.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitString, octets, oid, seq } from '../asn1/index.js';
import { importPrivateKey } from '../crypto/keys/index.js';
import { signData } from '../crypto/sign-data.js';
import type { PrivateKey } from '../crypto/types.js';
import { KeyError } from '../errors.js';
import { loadCertificates, TrustStore, type Certificate } from '../pki/index.js';
import type { Check } from '../report/types.js';
import { decodeSeal, decodeSesSignature } from '../seal/index.js';
import { tsaTimestampSource } from '../tsp/index.js';
import { MAX_TOKEN_BYTES } from '../tsp/limits.js';
import { openOfd } from './package.js';
import { signOfd, signOfdAsync, type SignOfdOptions } from './sign.js';
import { DocumentProtectedError, StampPlacementError } from './sign-errors.js';
import { readSignatureDocument, readSignatureList } from './signatures.js';
import { AT, SIGNED_AT, allChecks as all, ofdFixture, ofdTestSigner, opensslSm3Base64, rebuildOfd as rebuild, sm2Pki as pki, testTsa } from './test-support.js';
import { verifyOfd, type OfdVerifyResult } from './verify.js';
import { readZip } from './zip-read.js';
import { ZipWriter } from './zip-write.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/ofd-ses/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-ofdsign-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let key: PrivateKey;
let cert: Certificate;
let otherKey: PrivateKey;
let otherCert: Certificate;
let seal: Uint8Array;
let trust: TrustStore;
let unsigned: Uint8Array;
let unsigned2: Uint8Array;

beforeAll(() => {
  ({ key, cert, seal, trust } = ofdTestSigner());
  // A valid certificate of the same PKI that the seal does not list.
  otherKey = importPrivateKey(pki('seal-maker.key.pem'));
  otherCert = loadCertificates(pki('seal-maker.pem'))[0]!;
  unsigned = ofdFixture('unsigned.ofd');
  unsigned2 = ofdFixture('unsigned-2p.ofd');
});

const sign = (ofd: Uint8Array, extra: Partial<SignOfdOptions> = {}): Uint8Array => signOfd({ ofd, seal, key, certificate: cert, signingTime: SIGNED_AT, ...extra });
const verify = (ofd: Uint8Array): OfdVerifyResult => verifyOfd(ofd, { trust, time: AT });
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const b64sm3 = (b: Uint8Array): string => opensslSm3Base64(b, tmp);

function failedChecks(r: OfdVerifyResult): Check[] {
  return all(r).filter((c) => c.status === 'failed');
}
function mentions(c: Check, what: string): boolean {
  return JSON.stringify(c).includes(what);
}

/** References of a signature as member names. */
function referenced(ofd: Uint8Array, signature: string): string[] {
  return readSignatureDocument(openOfd(ofd), signature).references.map((r) => r.path!);
}

function expectPassed(r: OfdVerifyResult, signatures: number): void {
  const bad = all(r).filter((c) => c.status === 'failed' || c.status === 'indeterminate');
  expect(bad.map((c) => `${c.id}: ${c.message.en}`)).toEqual([]);
  expect(r.indication).toBe('PASSED');
  expect(r.signatures).toHaveLength(signatures);
  for (const s of r.signatures) expect(s.indication).toBe('PASSED');
}

describe('signOfd: round trips', () => {
  it('signs once: PASSED, every content file covered, same layout as ofdrw, members kept byte for byte', () => {
    const out = sign(unsigned);
    const r = verify(out);
    expectPassed(r, 1);
    expect(all(r).find((c) => c.id === 'ofd.coverage')?.status).toBe('passed');

    // The References name every file except this signature's Signature.xml, SignedValue.dat and the list.
    const files = openOfd(out).files;
    expect(new Set(referenced(out, 'Doc_0/Signs/Sign_0/Signature.xml'))).toEqual(
      new Set(files.filter((f) => !['Doc_0/Signs/Sign_0/Signature.xml', 'Doc_0/Signs/Sign_0/SignedValue.dat', 'Doc_0/Signs/Signatures.xml'].includes(f))),
    );

    // The file list of ofdrw's signed one-page document (ofdrw-sign 2.4.0), directories included.
    const ofdrw = readZip(new Uint8Array(readFileSync(join(corpus, 'ofd/ofdrw-SESV4SignDoc.ofd')))).entries.map((e) => e.name);
    expect(new Set(readZip(out).entries.map((e) => e.name))).toEqual(new Set(ofdrw));

    // Every original member is byte-identical (stored bytes, CRC, method, time), except OFD.xml, which only gains
    // the <ofd:Signatures> element.
    const a = readZip(unsigned);
    const b = readZip(out);
    for (const e of a.entries) {
      const f = b.entry(e.name)!;
      if (e.name === 'OFD.xml') continue;
      expect([f.method, f.crc32, f.compressedSize, f.uncompressedSize, f.dosTime, f.dosDate], e.name).toEqual([e.method, e.crc32, e.compressedSize, e.uncompressedSize, e.dosTime, e.dosDate]);
      expect(Buffer.from(b.raw(f)).equals(Buffer.from(a.raw(e))), e.name).toBe(true);
      expect(Buffer.from(b.read(f)).equals(Buffer.from(a.read(e))), e.name).toBe(true);
    }
    expect(text(b.read('OFD.xml'))).toBe(text(a.read('OFD.xml')).replace('</ofd:DocBody>', '<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody>'));
  });

  it('what it signs checks out with OpenSSL: every CheckValue, dataHash = SM3(Signature.xml), the SM2 signature over TBS_Sign', () => {
    const out = sign(unsigned2, { page: 2 });
    const z = readZip(out);
    const doc = readSignatureDocument(openOfd(out), 'Doc_0/Signs/Sign_0/Signature.xml');
    expect(doc.checkMethod).toBe('1.2.156.10197.1.401');
    expect(doc.references.length).toBe(6);
    for (const ref of doc.references) expect(ref.checkValue, ref.fileRef).toBe(b64sm3(z.read(ref.path!)));

    const sv = z.read('Doc_0/Signs/Sign_0/SignedValue.dat');
    const info = decodeSesSignature(sv);
    expect(Buffer.from(info.toSign.dataHash).toString('base64')).toBe(b64sm3(z.read('Doc_0/Signs/Sign_0/Signature.xml')));
    expect(info.toSign.propertyInfo).toBe('/Doc_0/Signs/Sign_0/Signature.xml');
    expect(info.toSign.timeInfo?.toISOString()).toBe(SIGNED_AT.toISOString());
    // Seal.esl is the embedded seal, byte for byte.
    expect(Buffer.from(z.read('Doc_0/Signs/Sign_0/Seal.esl')).equals(Buffer.from(info.toSign.sealBytes))).toBe(true);

    writeFileSync(join(tmp, 'tbs.der'), info.tbsBytes);
    writeFileSync(join(tmp, 'sig.der'), info.signature);
    writeFileSync(join(tmp, 'signer.der'), info.signerCertificate);
    const pub = spawnSync('openssl', ['x509', '-inform', 'DER', '-in', 'signer.der', '-pubkey', '-noout', '-out', 'signer.pub'], { cwd: tmp, encoding: 'utf8' });
    expect(pub.status).toBe(0);
    const v = spawnSync('openssl', ['dgst', '-sm3', '-verify', 'signer.pub', '-sigopt', 'distid:1234567812345678', '-signature', 'sig.der', 'tbs.der'], { cwd: tmp, encoding: 'utf8' });
    expect(v.stdout).toContain('Verified OK');

    // The stamp is on page 2 (PageRef is the page's ID), near the bottom-right corner of the A4 page.
    expect(doc.stampAnnots).toEqual([{ id: expect.any(String), pageRef: '2', boundary: '150 227 40 40' }]);
  });

  it('signs twice: both PASSED, the second covers the first one\'s files, IDs unique and above MaxUnitID', () => {
    const once = sign(unsigned2);
    const twice = sign(once, { page: 2, at: { x: 100.5, y: 20 }, size: { w: 30, h: 30 }, signingTime: new Date(SIGNED_AT.getTime() + 60_000) });
    expectPassed(verify(twice), 2);
    const refs = referenced(twice, 'Doc_0/Signs/Sign_1/Signature.xml');
    for (const f of ['Doc_0/Signs/Sign_0/Signature.xml', 'Doc_0/Signs/Sign_0/SignedValue.dat', 'Doc_0/Signs/Sign_0/Seal.esl', 'Doc_0/Signs/Sign_1/Seal.esl']) expect(refs).toContain(f);
    expect(refs).not.toContain('Doc_0/Signs/Signatures.xml');

    // The first signature's files are copied unchanged.
    const a = readZip(once);
    const b = readZip(twice);
    for (const e of a.entries.filter((x) => x.name !== 'Doc_0/Signs/Signatures.xml')) expect(Buffer.from(b.raw(e.name)).equals(Buffer.from(a.raw(e))), e.name).toBe(true);

    const pkg = openOfd(twice);
    const list = readSignatureList(pkg, 'Doc_0/Signs/Signatures.xml');
    const annots = list.entries.flatMap((e) => readSignatureDocument(pkg, e.path!).stampAnnots);
    const ids = [...list.entries.map((e) => Number(e.id)), ...annots.map((x) => Number(x.id))];
    expect(new Set(ids).size).toBe(4);
    const maxUnit = Number(/<ofd:MaxUnitID>(\d+)</.exec(text(pkg.read('Doc_0/Document.xml')))![1]);
    expect(Math.min(...ids)).toBeGreaterThan(maxUnit);
    expect(Number(list.maxSignId)).toBe(Math.max(...ids));
    expect(annots[1]).toMatchObject({ pageRef: '2', boundary: '100.5 20 30 30' });
  });

  it('protectAll: PASSED, Signatures.xml is referenced, and a further signature is refused', () => {
    const locked = sign(unsigned, { protectAll: true });
    expectPassed(verify(locked), 1);
    expect(referenced(locked, 'Doc_0/Signs/Sign_0/Signature.xml')).toContain('Doc_0/Signs/Signatures.xml');
    expect(all(verify(locked)).find((c) => c.id === 'ofd.whole-protected')?.status).toBe('passed');
    expect(() => sign(locked)).toThrow(DocumentProtectedError);
    // ofdrw's WholeProtected sample is refused the same way.
    expect(() => sign(new Uint8Array(readFileSync(join(corpus, 'ofd/ofdrw-allprotected.ofd'))))).toThrow(DocumentProtectedError);
  });

  it('adds to a signature list written by another tool (ofdrw, MaxSignId after the list)', () => {
    const src = new Uint8Array(readFileSync(join(corpus, 'ofd/ofdrw-SESV4SignDoc.ofd')));
    const out = sign(src);
    const pkg = openOfd(out);
    const list = readSignatureList(pkg, 'Doc_0/Signs/Signatures.xml');
    expect(list.entries.map((e) => e.baseLoc)).toEqual(['/Doc_0/Signs/Sign_0/Signature.xml', '/Doc_0/Signs/Sign_1/Signature.xml']);
    // MaxUnitID is 4 and MaxSignId 2 there: our IDs start above both.
    expect(list.entries[1]!.id).toBe('5');
    expect(list.maxSignId).toBe('6');
    // Our signature verifies; ofdrw's own files are untouched (its References still match).
    const r = verify(out);
    expect(r.signatures[1]!.indication).toBe('PASSED');
    expect(r.signatures[0]!.checks.filter((c) => c.id === 'ofd.reference.digest').every((c) => c.status === 'passed')).toBe(true);
  });

  it.each(['ofdrw-zsbk.ofd', 'ofdrw-n.ofd', 'ofdrw-v4signed.ofd', 'ofdrw-DigitalSign.ofd', 'ofdrw-SESV4SignDoc.ofd'])(
    'adds a signature to the vendor document %s: ours PASSED, the earlier verdicts unchanged',
    (file) => {
      const src = new Uint8Array(readFileSync(join(corpus, 'ofd', file)));
      const out = sign(src);
      const before = verify(src).signatures;
      const after = verify(out).signatures;
      expect(after).toHaveLength(before.length + 1);
      expect(after.slice(0, -1).map((x) => [x.indication, x.subIndication])).toEqual(before.map((x) => [x.indication, x.subIndication]));
      const ours = after.at(-1)!;
      expect(ours.checks.filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => c.id)).toEqual([]);
      expect(ours.indication).toBe('PASSED');
      // Every member of the source is in the output with the same stored bytes, except the one edited list.
      const a = readZip(src);
      const b = readZip(out);
      const list = openOfd(src).docBodies[0]!.signatures!;
      for (const e of a.entries.filter((x) => x.name !== list)) expect(Buffer.from(b.raw(e.name)).equals(Buffer.from(a.raw(e))), e.name).toBe(true);
    },
  );

  it('passes a timestamp callback the signature value and embeds its token', () => {
    let seen: Uint8Array | undefined;
    const token = seq(oid('1.2.840.113549.1.7.2'));
    const out = sign(unsigned, { timestamp: (sig) => ((seen = sig), token) });
    const info = decodeSesSignature(readZip(out).read('Doc_0/Signs/Sign_0/SignedValue.dat'));
    expect(Buffer.from(seen!).equals(Buffer.from(info.signature))).toBe(true);
    expect(Buffer.from(info.timeStamp!).equals(Buffer.from(token))).toBe(true);
    const viaObject = sign(unsigned, { timestamp: { timestamp: () => token } });
    expect(decodeSesSignature(readZip(viaObject).read('Doc_0/Signs/Sign_0/SignedValue.dat')).timeStamp).toBeDefined();
  });

  it('with an in-process TSA (fixtures/pki/sm2/tsa): the timestamp over the signature value verifies', () => {
    const out = sign(unsigned, { timestamp: testTsa() });
    const r = verify(out);
    expectPassed(r, 1);
    expect(r.signatures[0]!.checks.find((c) => c.id === 'seal.signature.timestamp')?.status).toBe('passed');
    expect(r.signatures[0]!.timestamp?.time).toBe(new Date(SIGNED_AT.getTime() + 5000).toISOString());
  });

  it('copies a package without directory entries without adding any', () => {
    const z = readZip(unsigned);
    const w = new ZipWriter({ date: SIGNED_AT });
    for (const e of z.entries) if (!e.isDirectory) w.copyFrom(z, e);
    const out = sign(w.finish());
    expect(readZip(out).entries.some((e) => e.isDirectory)).toBe(false);
    expectPassed(verify(out), 1);
  });
});

describe('signOfdAsync: an asynchronous timestamp source (a TSA over HTTP)', () => {
  const signAsync = (extra: Partial<Parameters<typeof signOfdAsync>[0]> = {}): Promise<Uint8Array> =>
    signOfdAsync({ ofd: unsigned, seal, key, certificate: cert, signingTime: SIGNED_AT, ...extra });

  it('asks the source for a token over the digest of the signature value and embeds it: PASSED, timestamp verified', async () => {
    const asked: { digest: Uint8Array; digestName: string }[] = [];
    const tsa = tsaTimestampSource(testTsa(7000));
    const out = await signAsync({ timestamp: async (imprint) => (asked.push(imprint), tsa(imprint)) });
    const r = verify(out);
    expectPassed(r, 1);
    expect(r.signatures[0]!.checks.find((c) => c.id === 'seal.signature.timestamp')?.status).toBe('passed');
    expect(r.signatures[0]!.timestamp?.time).toBe(new Date(SIGNED_AT.getTime() + 7000).toISOString());
    // One request, SM3 by default, over the signature value the SES_Signature carries (OpenSSL's SM3).
    const info = decodeSesSignature(readZip(out).read('Doc_0/Signs/Sign_0/SignedValue.dat'));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.digestName).toBe('sm3');
    expect(Buffer.from(asked[0]!.digest).toString('base64')).toBe(b64sm3(info.signature));
    // The package is what signOfd lays out: same members, same references.
    expect(readZip(out).entries.map((e) => e.name)).toEqual(readZip(sign(unsigned)).entries.map((e) => e.name));
  });

  it('timestampDigest picks the imprint digest (sha256): still verifies', async () => {
    let name = '';
    const tsa = tsaTimestampSource(testTsa());
    const out = await signAsync({ timestampDigest: 'sha256', timestamp: (imprint) => ((name = imprint.digestName), tsa(imprint)) });
    expect(name).toBe('sha256');
    expect(verify(out).signatures[0]!.checks.find((c) => c.id === 'seal.signature.timestamp')?.status).toBe('passed');
  });

  it('without a source: the same as signOfd (no timeStamp)', async () => {
    const out = await signAsync();
    expectPassed(verify(out), 1);
    expect(decodeSesSignature(readZip(out).read('Doc_0/Signs/Sign_0/SignedValue.dat')).timeStamp).toBeUndefined();
  });

  it('rejects with what the source throws, an empty token, or a source that is not a function; signer errors come first', async () => {
    await expect(signAsync({ timestamp: () => Promise.reject(new Error('TSA unreachable')) })).rejects.toThrow(/TSA unreachable/);
    await expect(signAsync({ timestamp: async () => new Uint8Array(0) })).rejects.toThrow(/no token/);
    await expect(signAsync({ timestamp: async () => new Uint8Array(MAX_TOKEN_BYTES + 1) })).rejects.toThrow(/limit/);
    await expect(signAsync({ timestamp: { timestamp: () => new Uint8Array(1) } as never })).rejects.toThrow(/TimestampSource/);
    let asked = false;
    const never = async (): Promise<Uint8Array> => ((asked = true), new Uint8Array(1));
    await expect(signAsync({ key: otherKey, certificate: otherCert, timestamp: never })).rejects.toThrow(/not in the seal's certList/);
    await expect(signAsync({ page: 5, timestamp: never })).rejects.toThrow(StampPlacementError);
    expect(asked).toBe(false);
  });
});

describe('signOfd: refusals', () => {
  it('refuses a signer that the seal does not list, and a key that is not the certificate\'s', () => {
    expect(() => signOfd({ ofd: unsigned, seal, key: otherKey, certificate: otherCert, signingTime: SIGNED_AT })).toThrow(/not in the seal's certList/);
    expect(() => signOfd({ ofd: unsigned, seal, key: otherKey, certificate: cert, signingTime: SIGNED_AT })).toThrow(KeyError);
  });

  it('refuses a page that does not exist and a stamp off the page', () => {
    expect(() => sign(unsigned, { page: 2 })).toThrow(StampPlacementError);
    expect(() => sign(unsigned, { page: 0 })).toThrow(StampPlacementError);
    expect(() => sign(unsigned, { at: { x: 200, y: 10 } })).toThrow(StampPlacementError);
    expect(() => sign(unsigned, { at: { x: -1, y: 10 } })).toThrow(StampPlacementError);
    expect(() => sign(unsigned, { size: { w: 0, h: 10 } })).toThrow(StampPlacementError);
    expect(() => sign(unsigned, { at: { x: 170, y: 257 } })).not.toThrow(); // 40 mm fits exactly
  });

  it('refuses input that is not an OFD', () => {
    expect(() => sign(new TextEncoder().encode('not a zip'))).toThrow(/ZIP/);
    const zipNoOfd = new ZipWriter({ date: SIGNED_AT }).addFile('a.txt', new Uint8Array(3)).finish();
    expect(() => sign(zipNoOfd)).toThrow(/OFD\.xml/);
  });
});

/** Flip one byte: in an XML part a character of text or of an attribute value (it stays well-formed), else the middle. */
function flip(name: string, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  let at = out.length >> 1;
  if (name.endsWith('.xml')) {
    // Text content first, else an attribute value (PublicRes.xml has no text).
    const s = Buffer.from(out).toString('latin1');
    const from = s.indexOf('?>') + 2;
    const m = />[^<]*?[0-9b-y]/.exec(s.slice(from)) ?? /="[^"]*?[0-9b-y]/.exec(s.slice(from));
    at = from + m!.index + m![0].length - 1;
  }
  out[at]! ^= 0x01;
  return out;
}

describe('signOfd: tampering with our signed outputs turns the verdict to FAILED', () => {
  let twice: Uint8Array;
  beforeAll(() => {
    twice = sign(sign(unsigned2), { page: 2, signingTime: new Date(SIGNED_AT.getTime() + 60_000) });
  });

  it('flipping a byte of each covered file in turn: FAILED, naming that file', () => {
    const covered = referenced(twice, 'Doc_0/Signs/Sign_1/Signature.xml');
    expect(covered.length).toBeGreaterThanOrEqual(9);
    const z = readZip(twice);
    for (const name of covered) {
      const r = verify(rebuild(twice, { [name]: flip(name, z.read(name)) }));
      expect(r.indication, name).toBe('FAILED');
      expect(failedChecks(r).some((c) => mentions(c, `/${name}`)), name).toBe(true);
      // The reference digest check is what fails for the file (the part stays parseable).
      const digest = r.signatures.flatMap((s) => s.checks).filter((c) => c.id === 'ofd.reference.digest' && c.status === 'failed');
      expect(digest.some((c) => mentions(c, `/${name}`)), name).toBe(true);
    }
  });

  it('replacing the seal picture in Seal.esl and in the seal inside SignedValue.dat: FAILED', () => {
    const once = sign(unsigned);
    const z = readZip(once);
    const picture = decodeSeal(seal).picture.data;
    const other = new Uint8Array(picture);
    other[other.length >> 1]! ^= 0xff; // same length, so every DER length stays right
    const swap = (b: Uint8Array): Uint8Array => {
      const at = Buffer.from(b).indexOf(Buffer.from(picture));
      expect(at).toBeGreaterThan(0);
      const out = new Uint8Array(b);
      out.set(other, at);
      return out;
    };
    const sealFile = 'Doc_0/Signs/Sign_0/Seal.esl';
    const sv = 'Doc_0/Signs/Sign_0/SignedValue.dat';
    const r = verify(rebuild(once, { [sealFile]: swap(z.read(sealFile)), [sv]: swap(z.read(sv)) }));
    expect(r.indication).toBe('FAILED');
    const failed = failedChecks(r).map((c) => c.id);
    expect(failed).toContain('seal.maker.signature'); // the seal maker's signature no longer covers the picture
    expect(failed).toContain('seal.signature.value'); // nor does the signer's (the seal is inside TBS_Sign)
    expect(failed).toContain('ofd.reference.digest'); // and Seal.esl is a covered file
  });

  it('swapping the signer certificate for one the seal does not list: FAILED with the certList check', () => {
    const once = sign(unsigned);
    const svPath = 'Doc_0/Signs/Sign_0/SignedValue.dat';
    const info = decodeSesSignature(readZip(once).read(svPath));
    // The same TBS_Sign (so dataHash still matches), re-signed by another valid key of the same PKI.
    const s = signData({ key: otherKey, data: info.tbsBytes });
    const forged = seq(info.tbsBytes, octets(otherCert.der), oid(s.algorithm.oid), bitString(s.signature));
    const r = verify(rebuild(once, { [svPath]: forged }));
    expect(r.indication).toBe('FAILED');
    const inList = r.signatures[0]!.checks.find((c) => c.id === 'seal.signer.in-cert-list');
    expect(inList?.status).toBe('failed');
    expect(r.signatures[0]!.checks.find((c) => c.id === 'seal.signature.value')?.status).toBe('passed');
  });

  it('adding an unlisted page file: FAILED (coverage), naming it', () => {
    const once = sign(unsigned);
    const page = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content/></ofd:Page>');
    const r = verify(rebuild(once, {}, { 'Doc_0/Pages/Page_1/Content.xml': page }));
    expect(r.indication).toBe('FAILED');
    const coverage = r.checks.find((c) => c.id === 'ofd.coverage');
    expect(coverage?.status).toBe('failed');
    expect(mentions(coverage!, '/Doc_0/Pages/Page_1/Content.xml')).toBe(true);
  });

  it('removing a Reference from Signature.xml: FAILED', () => {
    const once = sign(unsigned);
    const path = 'Doc_0/Signs/Sign_0/Signature.xml';
    const xml = text(readZip(once).read(path));
    const cut = xml.replace(/<ofd:Reference FileRef="\/Doc_0\/PublicRes\.xml">.*?<\/ofd:Reference>/, '');
    expect(cut.length).toBeLessThan(xml.length);
    const r = verify(rebuild(once, { [path]: new TextEncoder().encode(cut) }));
    expect(r.indication).toBe('FAILED');
    const failed = failedChecks(r).map((c) => c.id);
    expect(failed).toContain('seal.data-hash'); // Signature.xml is what the seal signature protects
    expect(failed).toContain('ofd.coverage'); // and PublicRes.xml is no longer covered
  });
});

describe('signOfd: the zips it writes', () => {
  it('unzip -t and Python zipfile accept what signOfd writes', () => {
    const outputs = { 'once.ofd': sign(unsigned), 'twice.ofd': sign(sign(unsigned2), { page: 2 }), 'locked.ofd': sign(unsigned, { protectAll: true }) };
    for (const [name, bytes] of Object.entries(outputs)) {
      const f = join(tmp, name);
      writeFileSync(f, bytes);
      const u = spawnSync('unzip', ['-t', f], { encoding: 'utf8' });
      expect(u.stdout, name).toContain('No errors detected');
      const py = spawnSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip())', f], { encoding: 'utf8' });
      expect(py.stdout.trim(), name).toBe('None');
    }
  });
});
