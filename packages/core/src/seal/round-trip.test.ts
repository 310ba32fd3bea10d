// createSeal / createSesSignature round trips with the SM2 test PKI (fixtures/pki/sm2), the DER rules of what we
// write, verification PASSED at 2030-01-01 with the test root, timestamps from the in-process TSA, and the negative
// cases: each alteration turns the verdict with a specific check.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AT, corpus, fixture, sm2Pki } from '../../../../test/helpers/seal-fixtures.js';
import {
  TAG_GENERALIZED_TIME,
  bitString,
  encoding,
  explicit,
  generalizedTime,
  ia5String,
  integer,
  octets,
  oid,
  printableString,
  readRoot,
  readSequence,
  seq,
  utf8String,
} from '../asn1/index.js';
import { sm3 } from '../crypto/sm3.js';
import { signData } from '../crypto/sign-data.js';
import { FormatError, KeyError, LimitError, UnsupportedError } from '../errors.js';
import type { Check } from '../report/types.js';
import { importPrivateKey } from '../crypto/keys/import-private.js';
import { loadCertificates } from '../pki/load.js';
import { TrustStore } from '../pki/trust-store.js';
import { createTsa } from '../tsp/create-tsa.js';
import {
  createSeal,
  createSesSignature,
  decodeSeal,
  decodeSesSignature,
  verifySeal,
  verifySesSignature,
  type CreateSealOptions,
  type PictureKind,
} from './index.js';

const DATA = new TextEncoder().encode('<ofd:Signature>核验</ofd:Signature>');
const CREATED = new Date('2026-01-15T08:00:00Z');
const SIGNED = new Date('2026-03-01T02:00:00Z');
const find = (checks: Check[], id: string, role?: string): Check | undefined =>
  checks.find((c) => c.id === id && (role === undefined || (c.details as { role?: string } | undefined)?.role === role));
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
const PICTURES: Record<'png' | 'jpg' | 'gif', Uint8Array> = { png: fixture('seal/stamp.png'), jpg: fixture('seal/stamp.jpg'), gif: fixture('seal/stamp.gif') };

function sealOptions(over: Partial<CreateSealOptions> = {}): CreateSealOptions {
  const { maker, signer } = sm2Pki();
  return {
    esID: '11010800000001',
    type: 1,
    name: '核验测试专用章',
    signerCertificates: [signer.cert],
    picture: { type: 'png', data: PICTURES.png, widthMm: 40, heightMm: 40 },
    createDate: CREATED,
    validStart: CREATED,
    validEnd: new Date('2036-01-15T08:00:00Z'),
    makerKey: maker.key,
    makerCertificate: maker.cert,
    ...over,
  };
}

function sign(seal: Uint8Array, over: Partial<Parameters<typeof createSesSignature>[0]> = {}): Uint8Array {
  const { signer } = sm2Pki();
  return createSesSignature({ seal, dataHash: sm3(DATA), propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml', timeInfo: SIGNED, signerKey: signer.key, signerCertificate: signer.cert, ...over });
}

const tsa = () => createTsa(sm2Pki().tsa.key, sm2Pki().tsa.cert, { clock: () => SIGNED });

/** SES_SealInfo rebuilt from decoded fields with the DER encoders (independently of createSeal). */
function reencodeSealInfo(s: ReturnType<typeof decodeSeal>): Uint8Array {
  const p = s.property;
  const certList =
    p.certList.kind === 'certs' ? seq(...p.certList.certs.map((c) => octets(c))) : seq(...p.certList.digests.map((d) => seq(printableString(d.type), octets(d.value))));
  const ext = s.extDatas.length ? [seq(...s.extDatas.map((x) => (x.critical ? seq(oid(x.oid), Uint8Array.of(1, 1, 0xff), octets(x.value)) : seq(oid(x.oid), octets(x.value)))))] : [];
  return seq(
    seq(ia5String(s.header.id), integer(s.header.version), ia5String(s.header.vid)),
    ia5String(s.esID),
    seq(integer(p.type), utf8String(p.name), integer(p.certListType), certList, generalizedTime(p.createDate), generalizedTime(p.validStart), generalizedTime(p.validEnd)),
    seq(ia5String(s.picture.type), octets(s.picture.data), integer(s.picture.widthMm), integer(s.picture.heightMm)),
    ...ext,
  );
}

describe('createSeal → decodeSeal → verifySeal', () => {
  const cases: { version: 4 | 5; certDigests: boolean; picture: 'png' | 'jpg' | 'gif' }[] = [];
  for (const version of [4, 5] as const) for (const certDigests of [false, true]) for (const picture of ['png', 'jpg', 'gif'] as const) cases.push({ version, certDigests, picture });

  for (const c of cases) {
    it(`v${c.version}, ${c.certDigests ? 'certificate digests' : 'certificates'}, ${c.picture}: same fields back, DER, re-encodes identically, PASSED`, () => {
      const { maker, signer, trust, crls } = sm2Pki();
      const ext = [{ oid: '1.2.156.112600.7.1', value: new TextEncoder().encode('91110105061311021A 核验') }, { oid: '1.2.3.4.5', critical: true, value: Uint8Array.of(1, 2) }];
      const der = createSeal(sealOptions({ version: c.version, certDigests: c.certDigests, picture: { type: c.picture as PictureKind, data: PICTURES[c.picture], widthMm: 42, heightMm: 30 }, extDatas: ext }));
      const s = decodeSeal(der);
      expect(s.version).toBe(c.version);
      expect(s.header).toEqual({ id: 'ES', version: c.version, vid: 'heyan' });
      expect(s.esID).toBe('11010800000001');
      expect(s.property).toMatchObject({ type: 1, name: '核验测试专用章', certListType: c.certDigests ? 2 : 1 });
      expect(s.property.createDate).toEqual(CREATED);
      expect(s.property.validEnd).toEqual(new Date('2036-01-15T08:00:00Z'));
      if (c.certDigests) expect(s.property.certList).toEqual({ kind: 'digests', digests: [{ type: 'SM3', value: sm3(signer.cert.der) }] });
      else expect(s.property.certList).toEqual({ kind: 'certs', certs: [signer.cert.der] });
      expect(s.picture).toEqual({ type: c.picture.toUpperCase(), data: PICTURES[c.picture], widthMm: 42, heightMm: 30 });
      expect(s.extDatas).toEqual([
        { oid: '1.2.156.112600.7.1', critical: false, value: ext[0]!.value },
        { oid: '1.2.3.4.5', critical: true, value: ext[1]!.value },
      ]);
      expect(same(s.makerCertificate, maker.cert.der)).toBe(true);
      expect(s.signatureAlgorithm).toBe('1.2.156.10197.1.501');
      expect(s.signatureForm).toBe('der');
      // DER: decoded in strict mode with no tolerance at all (no explicit DEFAULT, GeneralizedTime, minimal lengths).
      expect(s.tolerances).toEqual([]);
      const kids = readSequence(readRoot(s.sealInfoBytes, 'x'), 'x');
      const times = readSequence(kids[2], 'p').slice(4);
      expect(times.map((t) => t.tag)).toEqual([TAG_GENERALIZED_TIME, TAG_GENERALIZED_TIME, TAG_GENERALIZED_TIME]);
      // Re-encoding the decoded fields gives the same bytes; so does re-assembling the seal.
      expect(same(reencodeSealInfo(s), s.sealInfoBytes)).toBe(true);
      expect(same(seq(s.sealInfoBytes, octets(s.makerCertificate), oid(s.signatureAlgorithm), bitString(s.signatureValue)), der)).toBe(true);
      const r = verifySeal({ seal: der, trust, crls, time: AT });
      expect(r.checks.filter((x) => x.status === 'failed' || x.status === 'indeterminate')).toEqual([]);
      expect(r.indication).toBe('PASSED');
      expect(find(r.checks, 'pki.path.build', 'maker')?.status).toBe('passed');
      expect(find(r.checks, 'pki.revocation.status', 'maker')?.status).toBe('passed');
    });
  }

  it('v5 with a seal timestamp: token over the signature value, createDate ≤ genTime, PASSED; the timestamp is a POE for the maker', () => {
    const { trust, crls } = sm2Pki();
    const der = createSeal(sealOptions({ version: 5, timestamp: (sig) => tsa().timestamp(sig) }));
    const s = decodeSeal(der);
    expect(s.timeStamp).toBeDefined();
    // [0] EXPLICIT BIT STRING as the last element.
    const last = readSequence(readRoot(der, 'x'), 'x')[4]!;
    expect(last.tag).toBe(0xa0);
    const r = verifySeal({ seal: der, trust, crls, time: AT });
    expect(r.indication).toBe('PASSED');
    expect(find(r.checks, 'seal.timestamp')).toMatchObject({ status: 'passed', details: { genTime: SIGNED.toISOString() } });
    expect(find(r.checks, 'seal.timestamp.create-date')?.status).toBe('passed');
    expect(r.timestamp?.time).toBe(SIGNED.toISOString());
    expect(r.seal?.timestamp).toBe(SIGNED.toISOString());
  });

  it('a v5 seal whose timestamp predates createDate fails seal.timestamp.create-date', () => {
    const { trust, crls } = sm2Pki();
    const early = createTsa(sm2Pki().tsa.key, sm2Pki().tsa.cert, { clock: () => new Date('2026-01-01T00:00:00Z') });
    const r = verifySeal({ seal: createSeal(sealOptions({ version: 5, timestamp: (sig) => early.timestamp(sig) })), trust, crls, time: AT });
    expect(find(r.checks, 'seal.timestamp.create-date')?.status).toBe('failed');
    expect(r.indication).toBe('FAILED');
  });

  it('a timestamp over something else is no proof: seal.timestamp FAILED', () => {
    const { trust, crls } = sm2Pki();
    const r = verifySeal({ seal: createSeal(sealOptions({ version: 5, timestamp: () => tsa().timestamp(Uint8Array.of(1, 2, 3)) })), trust, crls, time: AT });
    expect(find(r.checks, 'seal.timestamp')?.status).toBe('failed');
    expect(r.indication).toBe('FAILED');
  });

  it('replacing the seal picture bytes breaks the maker signature', () => {
    const der = createSeal(sealOptions());
    const s = decodeSeal(der);
    const at = Buffer.from(der).indexOf(Buffer.from(s.picture.data));
    const evil = der.slice();
    evil.set(PICTURES.png.subarray(0, 16).map((b) => b ^ 0x5a), at + 200);
    const r = verifySeal({ seal: evil, trust: sm2Pki().trust, time: AT });
    expect(find(r.checks, 'seal.maker.signature')?.status).toBe('failed');
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });

  it('GM/T 0031-2025: a maker certificate valid at createDate but expired now is a warning; GB/T 38540 (v4): FAILED / EXPIRED', () => {
    const { expired, trust, crls } = sm2Pki();
    const opts = sealOptions({ makerKey: expired.key, makerCertificate: expired.cert, createDate: new Date('2021-06-01T00:00:00Z'), validStart: new Date('2021-06-01T00:00:00Z') });
    const v5 = verifySeal({ seal: createSeal({ ...opts, version: 5 }), trust, crls, time: AT });
    expect(find(v5.checks, 'pki.cert.validity', 'maker')?.status).toBe('warning');
    expect(find(v5.checks, 'seal.maker.valid-at-creation')?.status).toBe('passed');
    expect(v5.indication).toBe('PASSED');
    const v4 = verifySeal({ seal: createSeal({ ...opts, version: 4 }), trust, crls, time: AT });
    expect(find(v4.checks, 'pki.cert.validity', 'maker')?.status).toBe('failed');
    expect(v4.indication).toBe('FAILED');
    expect(v4.subIndication).toBe('EXPIRED');
  });

  it('a bare seal past validEnd is FAILED / EXPIRED, before validStart NOT_YET_VALID', () => {
    const { trust, crls } = sm2Pki();
    const der = createSeal(sealOptions({ validEnd: new Date('2027-01-01T00:00:00Z') }));
    expect(verifySeal({ seal: der, trust, crls, time: AT })).toMatchObject({ indication: 'FAILED', subIndication: 'EXPIRED' });
    expect(verifySeal({ seal: der, trust, crls, time: new Date('2025-06-01T00:00:00Z') })).toMatchObject({ indication: 'FAILED', subIndication: 'NOT_YET_VALID' });
  });
});

describe('other key families through the registry', () => {
  for (const fam of ['p256', 'rsa'] as const) {
    it(`${fam}: a ${fam} maker and signer; dataHash with the hash the signature algorithm names`, () => {
      const f = (n: string): Uint8Array => fixture(`pki/${fam}/${n}`);
      const party = (n: string) => ({ key: importPrivateKey(f(`${n}.key.pem`)), cert: loadCertificates(f(`${n}.pem`))[0]! });
      const maker = party('seal-maker');
      const signer = party('signer');
      const trust = new TrustStore().addAnchor(loadCertificates(f('root.pem'))[0]!).addIntermediate(loadCertificates(f('intermediate.pem'))[0]!);
      const seal = createSeal(sealOptions({ makerKey: maker.key, makerCertificate: maker.cert, signerCertificates: [signer.cert] }));
      const s = decodeSeal(seal);
      expect(s.signatureAlgorithm).toBe(fam === 'p256' ? '1.2.840.10045.4.3.2' : '1.2.840.113549.1.1.11');
      expect(s.tolerances).toEqual([]);
      expect(verifySeal({ seal, trust, time: AT }).indication).toBe('PASSED');
      const dataHash = new Uint8Array(createHash('sha256').update(DATA).digest());
      const sig = createSesSignature({ seal, dataHash, propertyInfo: 'x', timeInfo: SIGNED, signerKey: signer.key, signerCertificate: signer.cert });
      const r = verifySesSignature({ signature: sig, data: DATA, trust, time: AT });
      expect(r.indication).toBe('PASSED');
      expect(r.ses?.dataHashAlgorithm).toBe('sha256');
      expect(r.algorithm).toBe(fam === 'p256' ? 'ecdsa-with-sha256' : 'sha256-with-rsa');
    });
  }
});

describe('asn1 generalizedTime (added for seals)', () => {
  it('writes GeneralizedTime for every year, whole seconds, Z', () => {
    const text = (d: string): string => Buffer.from(generalizedTime(new Date(d)).subarray(2)).toString('latin1');
    expect(text('2026-01-15T08:00:00.999Z')).toBe('20260115080000Z');
    expect(text('1949-12-31T23:59:59Z')).toBe('19491231235959Z');
    expect(text('2050-01-01T00:00:00Z')).toBe('20500101000000Z');
    expect(generalizedTime(new Date('2026-01-15T08:00:00Z'))[0]).toBe(TAG_GENERALIZED_TIME);
    expect(() => generalizedTime(new Date(NaN))).toThrow(FormatError);
  });
});

describe('createSeal refuses bad input with named errors', () => {
  const { expired, noDigitalSignature, signer } = sm2Pki();
  const bad: [string, Partial<CreateSealOptions>, new (...a: never[]) => Error][] = [
    ['validStart after validEnd', { validStart: new Date('2037-01-01T00:00:00Z') }, FormatError],
    ['createDate after validEnd', { createDate: new Date('2037-01-01T00:00:00Z'), validEnd: new Date('2036-01-01T00:00:00Z') }, FormatError],
    ['picture bytes that are not the type', { picture: { type: 'jpg', data: PICTURES.png, widthMm: 40, heightMm: 40 } }, FormatError],
    ['picture size 0 mm', { picture: { type: 'png', data: PICTURES.png, widthMm: 0, heightMm: 40 } }, FormatError],
    ['a picture over the limit', { picture: { type: 'png', data: new Uint8Array(9 * 1024 * 1024).fill(1), widthMm: 40, heightMm: 40 } }, LimitError],
    ['the maker key of another certificate', { makerKey: signer.key }, KeyError],
    ['a maker certificate not valid at createDate', { makerKey: expired.key, makerCertificate: expired.cert }, KeyError],
    ['a maker certificate without digitalSignature', { makerKey: noDigitalSignature.key, makerCertificate: noDigitalSignature.cert }, KeyError],
    ['no signer certificate', { signerCertificates: [] }, FormatError],
    ['a signer certificate that is not one', { signerCertificates: [Uint8Array.of(1, 2, 3)] }, FormatError],
    ['a non-IA5 esID', { esID: '印章' }, FormatError],
    ['a v4 seal with a timestamp', { timestamp: () => Uint8Array.of(1) }, UnsupportedError],
    ['v5 createDate before validStart', { version: 5, validStart: new Date('2026-02-01T00:00:00Z') }, FormatError],
  ];
  for (const [what, over, E] of bad) {
    it(what, () => {
      expect(() => createSeal(sealOptions(over))).toThrow(E);
    });
  }
});

describe('createSesSignature → verifySesSignature', () => {
  it('v4: PASSED with the data at 2030-01-01; TBS_Sign embeds the seal byte for byte and is DER', () => {
    const { trust, crls } = sm2Pki();
    const seal = createSeal(sealOptions());
    const der = sign(seal, { extDatas: [{ oid: '1.2.3.4', value: Uint8Array.of(7) }] });
    const s = decodeSesSignature(der);
    expect(s.version).toBe(4);
    expect(s.tolerances).toEqual([]);
    expect(same(s.toSign.sealBytes, seal)).toBe(true);
    expect(s.toSign.timeInfo).toEqual(SIGNED);
    expect(s.toSign.dataHash).toEqual(sm3(DATA));
    expect(s.toSign.extDatas).toEqual([{ oid: '1.2.3.4', critical: false, value: Uint8Array.of(7) }]);
    const r = verifySesSignature({ signature: der, data: DATA, trust, crls, time: AT, sealFile: seal });
    expect(r.checks.filter((c) => c.status === 'failed' || c.status === 'indeterminate')).toEqual([]);
    expect(r.indication).toBe('PASSED');
    expect(r).toMatchObject({ kind: 'ses', signingTime: SIGNED.toISOString(), algorithm: 'sm2-with-sm3' });
    expect(r.ses).toMatchObject({ version: 4, signingTimeSource: 'timeInfo', propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml', certList: { matched: true, how: 'certificate' } });
    expect(r.chain?.map((c) => c.serialNumber)).toEqual(['2001', '1001', '1000']);
  });

  it('v5 with timestamps on the seal and on the signature: the signing time is proven', () => {
    const { trust, crls } = sm2Pki();
    const seal = createSeal(sealOptions({ version: 5, certDigests: true, timestamp: (sig) => tsa().timestamp(sig) }));
    const der = sign(seal, { timestamp: (sig) => tsa().timestamp(sig) });
    const s = decodeSesSignature(der);
    expect(s.version).toBe(5);
    expect(s.toSign.version).toBe(5);
    const r = verifySesSignature({ signature: der, data: DATA, trust, crls, time: AT });
    expect(r.indication).toBe('PASSED');
    expect(r.ses).toMatchObject({ signingTimeSource: 'timestamp', certList: { matched: true, how: 'sm3' } });
    expect(r.timestamp).toMatchObject({ time: SIGNED.toISOString(), indication: 'PASSED' });
    expect(find(r.checks, 'seal.signature.timestamp')?.status).toBe('passed');
  });

  it('a seal that lists SHA-256 digests is matched too, and the match is named', () => {
    const { signer, maker, trust, crls } = sm2Pki();
    // Built by hand: createSeal writes SM3 digests.
    const s0 = decodeSeal(createSeal(sealOptions({ certDigests: true })));
    const p = s0.property;
    const sha = new Uint8Array(createHash('sha256').update(signer.cert.der).digest());
    const info = seq(
      seq(ia5String('ES'), integer(4), ia5String('heyan')),
      ia5String(s0.esID),
      seq(integer(p.type), utf8String(p.name), integer(2), seq(seq(printableString('SHA256'), octets(sha))), generalizedTime(p.createDate), generalizedTime(p.validStart), generalizedTime(p.validEnd)),
      seq(ia5String('PNG'), octets(PICTURES.png), integer(40), integer(40)),
    );
    const seal = seq(info, octets(maker.cert.der), oid('1.2.156.10197.1.501'), bitString(signData({ key: maker.key, data: info }).signature));
    const r = verifySesSignature({ signature: sign(seal), data: DATA, trust, crls, time: AT });
    expect(r.ses?.certList).toMatchObject({ matched: true, how: 'sha256' });
    expect(r.indication).toBe('PASSED');
  });

  it('a signer that is not in the certList: createSesSignature refuses; a hand-made signature FAILS seal.signer.in-cert-list', () => {
    const { revoked, trust, crls } = sm2Pki();
    const other = revoked; // any certificate with a key that is not listed
    const seal = createSeal(sealOptions());
    expect(() => sign(seal, { signerKey: other.key, signerCertificate: other.cert })).toThrow(KeyError);
    // SES_Signature v4 assembled with the DER encoders, signed by the unlisted signer.
    const tbs = seq(integer(4), seal, generalizedTime(SIGNED), bitString(sm3(DATA)), ia5String('x'));
    const der = seq(tbs, octets(other.cert.der), oid('1.2.156.10197.1.501'), bitString(signData({ key: other.key, data: tbs }).signature));
    const r = verifySesSignature({ signature: der, data: DATA, trust, crls, time: AT });
    expect(find(r.checks, 'seal.signature.value')?.status).toBe('passed');
    const firstFailure = r.checks.find((c) => c.status === 'failed')!;
    expect(firstFailure.id).toBe('seal.signer.in-cert-list');
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('SIG_CONSTRAINTS_FAILURE');
  });

  it('flipping one byte of the data is HASH_FAILURE', () => {
    const { trust, crls } = sm2Pki();
    const der = sign(createSeal(sealOptions()));
    const data = DATA.slice();
    data[3] ^= 0x01;
    const r = verifySesSignature({ signature: der, data, trust, crls, time: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('HASH_FAILURE');
  });

  it('flipping a byte of TBS_Sign breaks the signature value', () => {
    const { trust } = sm2Pki();
    const der = sign(createSeal(sealOptions())).slice();
    const s = decodeSesSignature(der);
    const at = Buffer.from(der).indexOf(Buffer.from('/Doc_0'));
    der[at + 1] ^= 0x01;
    expect(s.toSign.propertyInfo).toContain('/Doc_0');
    const r = verifySesSignature({ signature: der, data: DATA, trust, time: AT });
    expect(find(r.checks, 'seal.signature.value')?.status).toBe('failed');
    expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });

  it('a seal expired at timeInfo is FAILED / EXPIRED (the signature says the seal was no longer valid)', () => {
    const { trust, crls } = sm2Pki();
    const seal = createSeal(sealOptions({ validEnd: new Date('2026-02-01T00:00:00Z') }));
    expect(() => sign(seal)).toThrow(KeyError);
    const r = verifySesSignature({ signature: sign(seal, { checkValidity: false }), data: DATA, trust, crls, time: AT });
    const firstFailure = r.checks.find((c) => c.status === 'failed')!;
    expect(firstFailure).toMatchObject({ id: 'seal.validity', subIndication: 'EXPIRED' });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('EXPIRED');
  });

  it('a signer certificate expired at timeInfo is FAILED / EXPIRED', () => {
    const { expired, trust, crls } = sm2Pki();
    const seal = createSeal(sealOptions({ signerCertificates: [expired.cert] }));
    const r = verifySesSignature({ signature: sign(seal, { signerKey: expired.key, signerCertificate: expired.cert, checkValidity: false }), data: DATA, trust, crls, time: AT });
    expect(r.checks.find((c) => c.status === 'failed')).toMatchObject({ id: 'seal.signer.validity', subIndication: 'EXPIRED' });
    expect(r.indication).toBe('FAILED');
  });

  it('expired now without a timestamp: INDETERMINATE / OUT_OF_BOUNDS_NO_POE; with one: PASSED with a warning', () => {
    const { trust, crls } = sm2Pki();
    const seal = createSeal(sealOptions({ validEnd: new Date('2027-01-01T00:00:00Z') }));
    const plain = verifySesSignature({ signature: sign(seal), data: DATA, trust, crls, time: AT });
    expect(find(plain.checks, 'seal.validity')?.status).toBe('passed');
    expect(find(plain.checks, 'seal.validity.now')).toMatchObject({ status: 'indeterminate', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
    expect(plain.indication).toBe('INDETERMINATE');
    expect(plain.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
    const stamped = verifySesSignature({ signature: sign(seal, { timestamp: (sig) => tsa().timestamp(sig) }), data: DATA, trust, crls, time: AT });
    expect(find(stamped.checks, 'seal.validity.now')?.status).toBe('warning');
    expect(stamped.indication).toBe('PASSED');
  });

  it('a revoked signer certificate (revoked 2025-06-01, signed 2026) is FAILED / REVOKED', () => {
    const { revoked, trust, crls } = sm2Pki();
    const seal = createSeal(sealOptions({ signerCertificates: [revoked.cert] }));
    const r = verifySesSignature({ signature: sign(seal, { signerKey: revoked.key, signerCertificate: revoked.cert }), data: DATA, trust, crls, time: AT });
    expect(find(r.checks, 'pki.revocation.status', 'signer')?.status).toBe('failed');
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('REVOKED');
  });

  it('a Seal.esl that differs from the embedded seal fails seal.seal-file', () => {
    const seal = createSeal(sealOptions());
    const r = verifySesSignature({ signature: sign(seal), data: DATA, sealFile: createSeal(sealOptions()), trust: sm2Pki().trust, time: AT });
    expect(find(r.checks, 'seal.seal-file')?.status).toBe('failed');
    expect(r.indication).toBe('FAILED');
  });

  it('v1 seals are read, not written: createSesSignature refuses them', () => {
    expect(() => sign(corpus('seals/ofdrw-UserV1.esl'))).toThrow(UnsupportedError);
  });

  it('the [0] timestamp of a signature is EXPLICIT BIT STRING', () => {
    const der = sign(createSeal(sealOptions()), { timestamp: (sig) => tsa().timestamp(sig) });
    const last = readSequence(readRoot(der, 'x'), 'x')[4]!;
    expect(last.tag).toBe(0xa0);
    const token = decodeSesSignature(der).timeStamp!;
    expect(same(encoding(last), explicit(0, bitString(token)))).toBe(true);
  });
});
