// OpenSSL 3 cross-check (reference/ses-and-ofd.md §8): TLVs cut from our seals and signatures with the offsets that
// `openssl asn1parse` prints, then `openssl dgst -sm3 -verify ... -sigopt distid:1234567812345678`. OpenSSL knows
// nothing of SES, so this checks independently that we sign exactly DER(SES_SealInfo) / DER(TBS_Sign), and that the
// v1 construction SEQUENCE { SealInfo, cert, alg } is what the real v1 seal was signed over.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openssl } from '../../../../test/helpers/cli.js';
import { corpus, fixture, sm2Pki } from '../../../../test/helpers/seal-fixtures.js';
import { sm3 } from '../crypto/sm3.js';
import { createSeal, createSesSignature, decodeSeal } from './index.js';

const ID = 'distid:1234567812345678';
let dir: string;

interface Line {
  offset: number;
  depth: number;
  hl: number;
  len: number;
  text: string;
}

function parse(file: string): Line[] {
  const r = openssl(['asn1parse', '-inform', 'DER', '-in', file], dir);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .map((text) => {
      const m = /^\s*(\d+):d=(\d+)\s+hl=\s*(\d+)\s+l=\s*(\d+)/.exec(text);
      return m ? { offset: Number(m[1]), depth: Number(m[2]), hl: Number(m[3]), len: Number(m[4]), text } : undefined;
    })
    .filter((l): l is Line => l !== undefined);
}

const read = (f: string): Buffer => readFileSync(join(dir, f));
const tlv = (buf: Buffer, l: Line): Buffer => buf.subarray(l.offset, l.offset + l.hl + l.len);
const val = (buf: Buffer, l: Line): Buffer => buf.subarray(l.offset + l.hl, l.offset + l.hl + l.len);
const write = (f: string, b: Uint8Array): string => {
  writeFileSync(join(dir, f), b);
  return f;
};

function pubkeyOf(certDerFile: string, pemFile: string): string {
  const r = openssl(['x509', '-inform', 'DER', '-in', certDerFile, '-pubkey', '-noout', '-out', pemFile], dir);
  expect(r.code, r.stderr).toBe(0);
  return pemFile;
}

function dgstVerify(pub: string, sig: string, data: string, distid = true): boolean {
  const r = openssl(['dgst', '-sm3', '-verify', pub, ...(distid ? ['-sigopt', ID] : []), '-signature', sig, data], dir);
  return r.code === 0 && r.stdout.includes('Verified OK');
}

/** The seal recipe of §8: SealInfo TLV, maker certificate, signature value (unused-bits octet dropped). */
function checkSeal(name: string): void {
  const buf = read(name);
  const top = parse(name).filter((l) => l.depth === 1);
  write(`${name}.info`, tlv(buf, top[0]!));
  write(`${name}.maker`, val(buf, top[1]!));
  write(`${name}.sig`, val(buf, top[3]!).subarray(1));
  const pub = pubkeyOf(`${name}.maker`, `${name}.maker.pem`);
  expect(dgstVerify(pub, `${name}.sig`, `${name}.info`)).toBe(true);
  // Without the distinguishing ID OpenSSL uses an empty one: the same bytes must then fail.
  expect(dgstVerify(pub, `${name}.sig`, `${name}.info`, false)).toBe(false);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'heyan-seal-openssl-'));
});

describe('OpenSSL verifies what createSeal / createSesSignature write', () => {
  const { maker, signer } = sm2Pki();
  const data = new TextEncoder().encode('<ofd:Signature/>');
  const seal = (version: 4 | 5, certDigests: boolean): Uint8Array =>
    createSeal({
      version,
      certDigests,
      esID: '11010800000007',
      type: 2,
      name: '核验 OpenSSL 测试章',
      signerCertificates: [signer.cert],
      picture: { type: 'png', data: fixture('seal/stamp.png'), widthMm: 38, heightMm: 38 },
      createDate: new Date('2026-01-01T00:00:00Z'),
      validStart: new Date('2026-01-01T00:00:00Z'),
      validEnd: new Date('2031-01-01T00:00:00Z'),
      makerKey: maker.key,
      makerCertificate: maker.cert,
    });

  for (const [version, digests] of [[4, false], [4, true], [5, false]] as const) {
    it(`v${version}${digests ? ' (certificate digests)' : ''} seal: maker signature over DER(SES_SealInfo)`, () => {
      checkSeal(write(`seal-v${version}-${digests}.esl`, seal(version, digests)));
    });
  }

  it('v4 signature: signer signature over DER(TBS_Sign), dataHash = SM3(data), the embedded seal as well', () => {
    const s = seal(4, false);
    const der = createSesSignature({
      seal: s,
      dataHash: sm3(data),
      propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml',
      timeInfo: new Date('2026-06-01T00:00:00Z'),
      signerKey: signer.key,
      signerCertificate: signer.cert,
    });
    const name = write('signature-v4.dat', der);
    write('data.xml', data);
    const buf = read(name);
    const lines = parse(name);
    const top = lines.filter((l) => l.depth === 1);
    write('tbs.der', tlv(buf, top[0]!));
    write('signer.der', val(buf, top[1]!));
    write('sig.bin', val(buf, top[3]!).subarray(1));
    expect(dgstVerify(pubkeyOf('signer.der', 'signer.pem'), 'sig.bin', 'tbs.der')).toBe(true);
    // dataHash: the first BIT STRING at depth 2, against `openssl dgst -sm3`.
    const dataHash = val(buf, lines.find((l) => l.depth === 2 && l.text.includes('BIT STRING'))!).subarray(1);
    const dg = openssl(['dgst', '-sm3', '-r', 'data.xml'], dir);
    expect(dg.stdout.split(' ')[0]).toBe(dataHash.toString('hex'));
    // The embedded seal: the first SEQUENCE at depth 2 is our seal byte for byte, and its signature verifies too.
    const sealLine = lines.find((l) => l.depth === 2 && l.text.includes('SEQUENCE'))!;
    expect(Buffer.from(s).equals(tlv(buf, sealLine))).toBe(true);
    checkSeal(write('embedded.esl', tlv(buf, sealLine)));
  });
});

describe('OpenSSL on the corpus v1 seal: our v1 signed bytes are what the maker signed', () => {
  it('ofdrw UserV1: verifies over SEQUENCE { SealInfo, cert, alg }, not over SealInfo alone', () => {
    const s = decodeSeal(corpus('seals/ofdrw-UserV1.esl'));
    write('v1.maker', s.makerCertificate);
    write('v1.sig', s.signatureValue);
    write('v1.signed', s.signedBytes);
    write('v1.info', s.sealInfoBytes);
    const pub = pubkeyOf('v1.maker', 'v1.maker.pem');
    expect(dgstVerify(pub, 'v1.sig', 'v1.signed')).toBe(true);
    expect(dgstVerify(pub, 'v1.sig', 'v1.info')).toBe(false);
  });
});
