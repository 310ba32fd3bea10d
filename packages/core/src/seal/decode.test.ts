// Decoding real seals and seal signatures of all three versions (the ofd-ses corpus), and hand-made variants that
// exercise each tolerance. Field values are cross-checked against `openssl asn1parse` dumps of the same files.
import { describe, expect, it } from 'vitest';
import { corpus, ofdMember, ofdrwPki, sm2Pki } from '../../../../test/helpers/seal-fixtures.js';
import {
  TAG_OCTET_STRING,
  bitString,
  boolean,
  explicit,
  generalizedTime,
  ia5String,
  integer,
  octets,
  oid,
  readRoot,
  readSequence,
  encoding,
  seq,
  tlv,
  utf8String,
} from '../asn1/index.js';
import { signData } from '../crypto/sign-data.js';
import { FormatError, HeyanError } from '../errors.js';
import { decodeSeal, decodeSesSignature, isSeal, isSesSignature, verifySeal } from './index.js';
import { fixture } from '../../../../test/helpers/seal-fixtures.js';

const SIG = (d: string, f: string): Uint8Array => corpus(`signatures/${d}/${f}`);
const ids = (t: { id: string }[]): string[] => t.map((x) => x.id).sort();
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

describe('decodeSeal on the corpus', () => {
  it('ofdrw UserV1: GM/T 0031-2014, signed bytes = SEQUENCE { SealInfo, cert, signatureAlgorithm }', () => {
    const raw = corpus('seals/ofdrw-UserV1.esl');
    const s = decodeSeal(raw);
    expect(s.version).toBe(1);
    expect(s.detectedBy).toMatch(/^2 elements/);
    expect(s.header).toEqual({ id: 'ES', version: 1, vid: 'OFDR&WTest' });
    expect(s.esID).toBe('40C8CDD24DEF43388B86E62CCE1D6832');
    expect(s.property.type).toBe(1);
    expect(s.property.name).toBe('OFDRW测试用印章');
    expect(s.property.certListType).toBe(1);
    // asn1parse: UTCTIME 200422021807Z / 200422021807Z / 220422021807Z
    expect(s.property.createDate.toISOString()).toBe('2020-04-22T02:18:07.000Z');
    expect(s.property.validStart.toISOString()).toBe('2020-04-22T02:18:07.000Z');
    expect(s.property.validEnd.toISOString()).toBe('2022-04-22T02:18:07.000Z');
    expect(s.picture).toMatchObject({ type: 'PNG', widthMm: 40, heightMm: 40 });
    expect(s.picture.data.length).toBe(15693);
    expect(s.signatureAlgorithm).toBe('1.2.156.10197.1.501');
    expect(s.signatureForm).toBe('der');
    expect(s.tolerances).toEqual([]);
    // The certList holds the USER certificate, the maker is SealBuilder (ofdrw test PKI).
    const { user, sealBuilder } = ofdrwPki();
    expect(s.property.certList).toEqual({ kind: 'certs', certs: [user.der] });
    expect(same(s.makerCertificate, sealBuilder.der)).toBe(true);
    // SealInfo at offset 4 (hl=4, l=16377); SES_SignInfo at 16385: cert TLV at 16389 (4+526), OID TLV at 16919 (2+8).
    expect(same(s.sealInfoBytes, raw.subarray(4, 4 + 4 + 16377))).toBe(true);
    const expected = seq(raw.subarray(4, 16385), raw.subarray(16389, 16389 + 530), raw.subarray(16919, 16929));
    expect(same(s.signedBytes, expected)).toBe(true);
    expect(s.raw).toEqual(raw);
  });

  it('ofdrw UserV4 and UserV5: version by structure, signed bytes = SES_SealInfo', () => {
    const v4raw = corpus('seals/ofdrw-UserV4.esl');
    const v4 = decodeSeal(v4raw);
    expect(v4.version).toBe(4);
    expect(v4.header).toEqual({ id: 'ES', version: 4, vid: 'OFDR&WTest' });
    expect(v4.property).toMatchObject({ type: 3, name: 'OFD R&W 测试用印章', certListType: 1 });
    expect(v4.property.validEnd.toISOString()).toBe('2022-04-22T02:09:00.000Z');
    expect(same(v4.signedBytes, v4raw.subarray(4, 4 + 4 + 16389))).toBe(true);
    expect(v4.timeStamp).toBeUndefined();
    expect(v4.tolerances).toEqual([]);

    const v5 = decodeSeal(corpus('seals/ofdrw-UserV5.esl'));
    expect(v5.version).toBe(5);
    expect(v5.detectedBy).toBe('4 elements and header version 5: GM/T 0031-2025');
    expect(v5.header.vid).toBe('OFDR&WTestV5');
    expect(v5.property.createDate.toISOString()).toBe('2026-04-24T08:53:23.000Z');
    expect(v5.property.validEnd.toISOString()).toBe('2028-04-24T08:53:23.000Z');
    expect(v5.tolerances).toEqual([]);
  });

  it('isSeal / isSesSignature tell the corpus files apart', () => {
    for (const f of ['ofdrw-UserV1.esl', 'ofdrw-UserV4.esl', 'ofdrw-UserV5.esl']) {
      expect(isSeal(corpus(`seals/${f}`)), f).toBe(true);
      expect(isSesSignature(corpus(`seals/${f}`)), f).toBe(false);
    }
    for (const d of ['gomain-jiangsu-tax-v4', 'antchain-zhejiang-v4', 'oesplugin-zibo-v4-raw-rs']) {
      expect(isSesSignature(SIG(d, 'SignedValue.dat')), d).toBe(true);
      expect(isSeal(SIG(d, 'SignedValue.dat')), d).toBe(false);
    }
    // GB/T 35275 SignedData (a Type=Sign OFD signature) is neither.
    const cms = SIG('ccb-receipt-gbt35275-sign', 'SignedValue.dat');
    expect(isSeal(cms)).toBe(false);
    expect(isSesSignature(cms)).toBe(false);
    expect(() => decodeSesSignature(cms)).toThrow(FormatError);
    expect(isSesSignature(ofdMember('ofdrw-n.ofd', 'Doc_0/Signs/Sign_0/SignedValue.dat'))).toBe(true);
    for (const junk of [new Uint8Array(0), Uint8Array.of(0x30, 0x00), new Uint8Array(100).fill(0x30), SIG('gomain-jiangsu-tax-v4', 'Signature.xml')]) {
      expect(isSeal(junk)).toBe(false);
      expect(isSesSignature(junk)).toBe(false);
    }
  });
});

describe('decodeSesSignature on the corpus', () => {
  it('GOMAIN Jiangsu tax (v4): fields, explicit DEFAULT FALSE and lower-case "ofd" picture are tolerated and reported', () => {
    const raw = SIG('gomain-jiangsu-tax-v4', 'SignedValue.dat');
    const s = decodeSesSignature(raw);
    expect(s.version).toBe(4);
    expect(s.toSign.version).toBe(4);
    expect(s.toSign.timeInfo?.toISOString()).toBe('2020-10-04T07:28:55.000Z');
    expect(s.toSign.propertyInfo).toBe('/Doc_0/Signs/Sign_0/Signature.xml');
    expect(s.toSign.dataHash.length).toBe(32);
    // TBS_Sign at offset 4 (hl=4, l=5044); the embedded seal at 11 (hl=4, l=4950).
    expect(same(s.tbsBytes, raw.subarray(4, 4 + 4 + 5044))).toBe(true);
    expect(same(s.toSign.sealBytes, raw.subarray(11, 11 + 4 + 4950))).toBe(true);
    const seal = s.toSign.seal;
    expect(seal).toMatchObject({ version: 4, esID: '32010600000001', header: { vid: 'GOMAIN' } });
    expect(seal.property).toMatchObject({ type: 3, name: '国家税务总局江苏省税务局' });
    expect(seal.picture).toMatchObject({ type: 'ofd', widthMm: 30, heightMm: 20 });
    expect(seal.extDatas).toEqual([{ oid: '1.2.156.10197.6.7.2.2.1', critical: false, value: new TextEncoder().encode('2.1') }]);
    expect(ids(seal.tolerances)).toEqual(['seal.nonstandard.explicit-default', 'seal.nonstandard.picture-type']);
    expect(seal.tolerances.find((t) => t.id === 'seal.nonstandard.picture-type')!.message.en).toContain('"ofd"');
    expect(s.tolerances).toEqual([]);
    expect(s.signatureForm).toBe('der');
  });

  it('oesplugin Zibo (v4): raw 64-byte r‖s signature and TBS extDatas [0]', () => {
    const s = decodeSesSignature(SIG('oesplugin-zibo-v4-raw-rs', 'SignedValue.dat'));
    expect(s.signatureForm).toBe('raw');
    expect(s.signature.length).toBe(64);
    expect(ids(s.tolerances)).toEqual(['seal.nonstandard.raw-signature']);
    expect(s.toSign.extDatas).toHaveLength(1);
    expect(s.toSign.extDatas![0]).toMatchObject({ oid: '1.3.6.1.5.5.7.1.4', critical: true });
    expect(s.toSign.seal.signatureForm).toBe('der');
    expect(s.toSign.seal.esID).toBe('37030000001721');
  });

  it('AntChain Zhejiang (v4): the maker certificate is the signer certificate', () => {
    const s = decodeSesSignature(SIG('antchain-zhejiang-v4', 'SignedValue.dat'));
    expect(s.toSign.seal.header.vid).toBe('antchain');
    expect(s.toSign.seal.esID).toBe('ZhelibanTaxSeal');
    expect(same(s.toSign.seal.makerCertificate, s.signerCertificate)).toBe(true);
  });

  it('dms360 iOFD (v1, from ofdrw-n.ofd): text timeInfo, a certList entry that is no certificate', () => {
    const raw = ofdMember('ofdrw-n.ofd', 'Doc_0/Signs/Sign_0/SignedValue.dat');
    const s = decodeSesSignature(raw);
    expect(s.version).toBe(1);
    expect(s.toSign.timeInfoText).toBe('2020-01-25T07:31:56.377Z');
    expect(s.toSign.timeInfo?.toISOString()).toBe('2020-01-25T07:31:56.377Z');
    expect(ids(s.tolerances)).toEqual(['seal.nonstandard.v1-time-text']);
    expect(same(s.signerCertificate, s.toSign.cert!)).toBe(true);
    expect(s.toSign.signatureAlgorithm).toBe('1.2.156.10197.1.501');
    const seal = s.toSign.seal;
    expect(seal.version).toBe(1);
    expect(seal.property.certList).toEqual({ kind: 'certs', certs: [] });
    expect(ids(seal.tolerances)).toEqual(['seal.nonstandard.cert-list-entry']);
    expect(seal.extDatas).toEqual([{ oid: '1.3.6.1.4.1.54706.1', critical: true, value: new TextEncoder().encode('dms360.cn') }]);
    // The package's Seal.esl is the embedded seal, byte for byte.
    expect(same(s.toSign.sealBytes, ofdMember('ofdrw-n.ofd', 'Doc_0/Signs/Sign_0/Seal.esl'))).toBe(true);
  });
});

// ---- hand-made variants (fixtures/pki/sm2 keys) ----

const pic = (): Uint8Array => fixture('seal/stamp.png');

function sealInfo(o: { version: number; times: 'utc' | 'gen'; v1?: boolean; pictureType?: string; ext?: Uint8Array }): Uint8Array {
  const { maker, signer } = sm2Pki();
  void maker;
  const t = (iso: string): Uint8Array => {
    const d = new Date(iso);
    if (o.times === 'gen') return generalizedTime(d);
    return tlv(0x17, new TextEncoder().encode(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
  };
  const header = seq(ia5String('ES'), integer(o.version), ia5String('heyan-test'));
  const certList = seq(octets(signer.cert.der));
  const property = o.v1
    ? seq(integer(1), utf8String('测试章'), certList, t('2026-01-01T00:00:00Z'), t('2026-01-01T00:00:00Z'), t('2036-01-01T00:00:00Z'))
    : seq(integer(1), utf8String('测试章'), integer(1), certList, t('2026-01-01T00:00:00Z'), t('2026-01-01T00:00:00Z'), t('2036-01-01T00:00:00Z'));
  const picture = seq(ia5String(o.pictureType ?? 'PNG'), octets(pic()), integer(40), integer(40));
  return seq(header, ia5String('11010800000009'), property, picture, ...(o.ext ? [o.ext] : []));
}

function makerSign(data: Uint8Array): Uint8Array {
  return signData({ key: sm2Pki().maker.key, data }).signature;
}

describe('tolerances on hand-made seals', () => {
  it('a v1 seal made here verifies over SEQUENCE { SealInfo, cert, alg }; GeneralizedTime where UTCTime is specified is reported', () => {
    const { maker } = sm2Pki();
    for (const times of ['utc', 'gen'] as const) {
      const info = sealInfo({ version: 1, times, v1: true });
      const cert = octets(maker.cert.der);
      const alg = oid('1.2.156.10197.1.501');
      const der = seq(info, seq(cert, alg, bitString(makerSign(seq(info, cert, alg)))));
      const s = decodeSeal(der);
      expect(s.version).toBe(1);
      expect(ids(s.tolerances)).toEqual(times === 'utc' ? [] : Array(3).fill('seal.nonstandard.time-type'));
      const r = verifySeal({ seal: der, time: new Date('2030-01-01T00:00:00Z') });
      expect(r.checks.find((c) => c.id === 'seal.maker.signature')?.status).toBe('passed');
    }
  });

  it('UTCTime in a v4 seal, OCTET STRING signedValue, a non-standard OID, a lower-case type, explicit FALSE: each reported, the signature still verifies', () => {
    const { maker } = sm2Pki();
    const ext = seq(seq(oid('1.2.3.4'), boolean(false), octets(Uint8Array.of(1))));
    const info = sealInfo({ version: 4, times: 'utc', pictureType: 'png', ext });
    const der = seq(info, octets(maker.cert.der), oid('1.2.156.10197.501'), octets(makerSign(info)));
    const s = decodeSeal(der);
    expect(ids(s.tolerances)).toEqual([
      'seal.nonstandard.algorithm-oid',
      'seal.nonstandard.explicit-default',
      'seal.nonstandard.octet-for-bit-string',
      'seal.nonstandard.picture-type',
      'seal.nonstandard.time-type',
      'seal.nonstandard.time-type',
      'seal.nonstandard.time-type',
    ]);
    const r = verifySeal({ seal: der, time: new Date('2030-01-01T00:00:00Z') });
    expect(r.checks.find((c) => c.id === 'seal.maker.signature')?.status).toBe('passed');
    // Every tolerance is a warning check, never silent.
    expect(r.checks.filter((c) => c.id.startsWith('seal.nonstandard.')).map((c) => c.status)).toEqual(Array(7).fill('warning'));
  });

  it('a header version that contradicts the structure, non-DER lengths and a raw r‖s seal signature are reported', () => {
    const { maker } = sm2Pki();
    const info = sealInfo({ version: 3, times: 'gen' });
    const raw = signData({ key: maker.key, data: info }).signature;
    // DER SEQUENCE{r,s} → 64-byte r‖s
    const rs = readSequence(readRoot(raw, 'sig'), 'sig');
    const fix = (b: Uint8Array): Uint8Array => {
      const v = b.subarray(b[0] === 0 && b.length > 32 ? 1 : 0);
      const out = new Uint8Array(32);
      out.set(v, 32 - v.length);
      return out;
    };
    const rr = encoding(rs[0]!);
    const ss = encoding(rs[1]!);
    const r64 = new Uint8Array([...fix(rr.subarray(2)), ...fix(ss.subarray(2))]);
    const body = [info, octets(maker.cert.der), oid('1.2.156.10197.1.501'), bitString(r64)];
    const der = seq(...body);
    const s = decodeSeal(der);
    expect(s.version).toBe(4);
    expect(s.signatureForm).toBe('raw');
    expect(ids(s.tolerances)).toEqual(['seal.nonstandard.header-version', 'seal.nonstandard.raw-signature']);
    expect(verifySeal({ seal: der, time: new Date('2030-01-01T00:00:00Z') }).checks.find((c) => c.id === 'seal.maker.signature')?.status).toBe('passed');

    // The same with a long-form length where the short form fits (BER, not DER) on the outer SEQUENCE's OID.
    const oidNonMinimal = Uint8Array.of(0x06, 0x81, 0x08, ...oid('1.2.156.10197.1.501').subarray(2));
    const ber = seq(info, octets(maker.cert.der), oidNonMinimal, bitString(r64));
    const b = decodeSeal(ber);
    expect(ids(b.tolerances)).toContain('seal.nonstandard.not-der');
    expect(verifySeal({ seal: ber, time: new Date('2030-01-01T00:00:00Z') }).checks.find((c) => c.id === 'seal.maker.signature')?.status).toBe('passed');
  });

  it('v5 timeStamp [0]: EXPLICIT BIT STRING as specified; IMPLICIT and a bare token inside [0] are reported', () => {
    const { maker } = sm2Pki();
    const info = sealInfo({ version: 5, times: 'gen' });
    const parts = [info, octets(maker.cert.der), oid('1.2.156.10197.1.501'), bitString(makerSign(info))];
    const token = seq(oid('1.2.840.113549.1.7.2'));
    const std = decodeSeal(seq(...parts, explicit(0, bitString(token))));
    expect(std.version).toBe(5);
    expect(std.timeStamp).toEqual(token);
    expect(std.tolerances).toEqual([]);
    const implicit = decodeSeal(seq(...parts, tlv(0x80, Uint8Array.of(0), token)));
    expect(implicit.timeStamp).toEqual(token);
    expect(ids(implicit.tolerances)).toEqual(['seal.nonstandard.timestamp-encoding']);
    const bare = decodeSeal(seq(...parts, explicit(0, token)));
    expect(bare.timeStamp).toEqual(token);
    expect(ids(bare.tolerances)).toEqual(['seal.nonstandard.timestamp-encoding']);
  });

  it('garbage is a FormatError or LimitError (a HeyanError), never anything else', () => {
    const good = corpus('seals/ofdrw-UserV4.esl');
    const cases = [
      new Uint8Array(0),
      good.subarray(0, 100),
      good.subarray(0, good.length - 1),
      Uint8Array.of(...good, 0),
      seq(octets(Uint8Array.of(1))),
      seq(seq(), seq(), seq()),
      tlv(TAG_OCTET_STRING, good),
    ];
    for (const c of cases) {
      expect(() => decodeSeal(c)).toThrow(HeyanError);
      expect(() => decodeSesSignature(c)).toThrow(HeyanError);
    }
  });
});
