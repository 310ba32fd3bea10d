import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { children, encoding, explicit, octets, oid, readRoot, seq, tlv } from '../asn1/index.js';
import { FormatError, LimitError } from '../errors.js';
import { OID_GM_DATA, OID_GM_SIGNED_DATA, OID_DATA, OID_SIGNED_DATA } from './oids.js';
import { parseSignedData } from './parse.js';
import { verifySignedData } from './verify.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const ccbDir = join(corpus, 'ofd-ses/signatures/ccb-receipt-gbt35275-sign');
const ccb = new Uint8Array(readFileSync(join(ccbDir, 'SignedValue.dat')));

/** `openssl asn1parse` lines as {offset, depth, hl, len, text}. */
function asn1parse(file: string) {
  const out = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', file], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^\s*(\d+):d=(\d+)\s+hl=\s*(\d+)\s+l=\s*(\d+|inf)\s+(.*)$/.exec(l)!;
      return { offset: Number(m[1]), depth: Number(m[2]), hl: Number(m[3]), len: m[4] === 'inf' ? -1 : Number(m[4]), text: m[5]! };
    });
}

let dir: string;
let detachedDer: Uint8Array;
let streamedBer: Uint8Array;
const message = new TextEncoder().encode('hello, 核验\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'heyan-cms-parse-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-subj', '/CN=parse test', '-days', '10');
  writeFileSync(join(dir, 'm.bin'), message);
  run('cms', '-sign', '-binary', '-in', 'm.bin', '-signer', 'c.pem', '-inkey', 'k.pem', '-outform', 'DER', '-out', 'd.der', '-md', 'sha256');
  run('cms', '-sign', '-binary', '-in', 'm.bin', '-signer', 'c.pem', '-inkey', 'k.pem', '-outform', 'DER', '-out', 's.der', '-nodetach', '-stream');
  detachedDer = new Uint8Array(readFileSync(join(dir, 'd.der')));
  streamedBer = new Uint8Array(readFileSync(join(dir, 's.der')));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseSignedData on the GB/T 35275 corpus sample', () => {
  it('reads the GM content types, the certificate and the signer', () => {
    const sd = parseSignedData(ccb);
    expect(sd.contentType).toBe(OID_GM_SIGNED_DATA);
    expect(sd.flavour).toBe('gbt35275');
    expect(sd.eContentType).toBe(OID_GM_DATA);
    expect(sd.eContent).toBeUndefined();
    expect(sd.certificates).toHaveLength(1);
    expect(sd.certificates[0]!.subject).toContain('The Certificate For CCB Bank Receipt');
    expect(sd.signers).toHaveLength(1);
    const s = sd.signers[0]!;
    expect(s.digestAlgorithm.oid).toBe('1.2.156.10197.1.401');
    expect(s.signatureAlgorithm.oid).toBe('1.2.156.10197.1.301.1');
    expect(s.sid.type).toBe('issuerAndSerialNumber');
    if (s.sid.type === 'issuerAndSerialNumber') expect(Buffer.from(s.sid.serialNumber).toString('hex')).toBe('00a577063ac7');
    expect(s.signedAttributes?.map((a) => a.oid)).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.5', '1.2.840.113549.1.9.4']);
  });

  it('gives the signed attributes exactly as in the input, re-tagged 0x31 (located independently by openssl asn1parse)', () => {
    const lines = asn1parse(join(ccbDir, 'SignedValue.dat'));
    const sa = lines.filter((l) => l.depth === 5 && /cont \[ 0 \]/.test(l.text)).at(-1)!;
    const expected = Uint8Array.from(ccb.subarray(sa.offset, sa.offset + sa.hl + sa.len));
    expected[0] = 0x31;
    expect(Buffer.from(parseSignedData(ccb).signers[0]!.signedAttributesDer!)).toEqual(Buffer.from(expected));
    const sig = lines.filter((l) => l.depth === 5 && /OCTET STRING/.test(l.text)).at(-1)!;
    expect(Buffer.from(parseSignedData(ccb).signers[0]!.signature)).toEqual(
      Buffer.from(ccb.subarray(sig.offset + sig.hl, sig.offset + sig.hl + sig.len)),
    );
  });
});

describe('parseSignedData on OpenSSL output', () => {
  it('reads a detached DER SignedData', () => {
    const sd = parseSignedData(detachedDer);
    expect(sd.contentType).toBe(OID_SIGNED_DATA);
    expect(sd.flavour).toBe('pkcs7');
    expect(sd.eContentType).toBe(OID_DATA);
    expect(sd.eContent).toBeUndefined();
    expect(sd.ber).toBe(false);
    expect(sd.signers[0]!.signatureAlgorithm.oid).toBe('1.2.840.10045.4.3.2');
  });

  it('reads BER with indefinite lengths and a constructed eContent (openssl cms -stream)', () => {
    expect(asn1parse(join(dir, 's.der'))[0]!.len).toBe(-1); // the input really is indefinite-length BER
    const sd = parseSignedData(streamedBer);
    expect(sd.ber).toBe(true);
    expect(Buffer.from(sd.eContent!)).toEqual(Buffer.from(message));
    expect(sd.certificates).toHaveLength(1);
    expect(sd.signers).toHaveLength(1);
  });

  it('tolerates trailing zero padding (PDF /Contents) but not other trailing bytes', () => {
    const padded = new Uint8Array(detachedDer.length + 100);
    padded.set(detachedDer);
    expect(parseSignedData(padded).signers).toHaveLength(1);
    expect(parseSignedData(padded).warnings.join()).toMatch(/padding/);
    const junk = padded.slice();
    junk[detachedDer.length + 50] = 1;
    expect(() => parseSignedData(junk)).toThrow(FormatError);
  });
});

describe('SignedData.crls [1] other entries (RFC 5652 10.2.1)', () => {
  /** The OpenSSL SignedData with `choices` as its RevocationInfoChoices (outside the signature). */
  function withChoices(choices: Uint8Array[]): Uint8Array {
    const ci = children(readRoot(detachedDer, 'ContentInfo'));
    const kept = children(children(ci[1])[0]).filter((e) => e.tag !== 0xa1).map(encoding);
    const signerInfos = kept.pop()!;
    return seq(encoding(ci[0]!), explicit(0, seq(...kept, tlv(0xa1, ...choices), signerInfos)));
  }
  const ocspLike = seq(octets(Uint8Array.of(1, 2, 3)));
  const opaque = octets(Uint8Array.of(9, 9));
  // otherRevInfo in BER: an indefinite-length SEQUENCE, kept byte for byte.
  const ber = Uint8Array.of(0x30, 0x80, 0x04, 0x01, 0x07, 0x00, 0x00);

  it('keeps every [1] other entry in order with its format OID and exact bytes (formats as OpenSSL prints them)', () => {
    const der = withChoices([tlv(0xa1, oid('1.3.6.1.5.5.7.16.2'), ocspLike), tlv(0xa1, oid('1.2.3.4'), opaque)]);
    writeFileSync(join(dir, 'other.der'), der);
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'other.der'], { cwd: dir, encoding: 'utf8' });
    const formats = [...printed.matchAll(/otherRevInfoFormat: .*\(([\d.]+)\)/g)].map((m) => m[1]);
    expect(formats).toEqual(['1.3.6.1.5.5.7.16.2', '1.2.3.4']);
    // Still a valid CMS to OpenSSL: the crls field is outside the signature.
    execFileSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', 'other.der', '-binary', '-content', 'm.bin', '-noverify', '-out', '/dev/null'], { cwd: dir, stdio: 'pipe' });
    const sd = parseSignedData(der);
    expect(sd.crls).toEqual([]);
    expect(sd.otherRevocationInfo.map((o) => o.format)).toEqual(formats);
    expect(sd.otherRevocationInfo.map((o) => Buffer.from(o.value))).toEqual([Buffer.from(ocspLike), Buffer.from(opaque)]);
    expect(sd.warnings).toEqual([]);
    expect(parseSignedData(detachedDer).otherRevocationInfo).toEqual([]);
  });

  it('keeps BER values as given, and skips a malformed entry with a warning while reading the others', () => {
    const sd = parseSignedData(withChoices([tlv(0xa1, oid('1.2.3.5'), ber), tlv(0xa1, oid('1.2.3.6')), tlv(0xa1, octets(Uint8Array.of(1)), opaque)]));
    expect(sd.otherRevocationInfo).toEqual([{ format: '1.2.3.5', value: ber }]);
    expect(sd.ber).toBe(true);
    expect(sd.warnings.filter((w) => /OtherRevocationInfoFormat/.test(w))).toHaveLength(2);
  });
});

describe('parseSignedData on hostile input', () => {
  it('rejects a ContentInfo of another type', () => {
    const other = Uint8Array.from(detachedDer);
    // contentType OID 1.2.840.113549.1.7.2 -> .7.1 (data), at a fixed place after the outer header
    const at = Buffer.from(other).indexOf(Buffer.from('06092a864886f70d010702', 'hex'));
    other[at + 10] = 0x01;
    expect(() => parseSignedData(other)).toThrow(/not SignedData/);
  });

  it('throws only FormatError / LimitError on every truncation, and verify never throws', () => {
    for (const input of [detachedDer, streamedBer, ccb]) {
      for (let n = 0; n < input.length; n++) {
        const cut = input.subarray(0, n);
        let err: unknown;
        try {
          parseSignedData(cut);
        } catch (e) {
          err = e;
        }
        // Only a prefix that happens to be a whole SignedData (none here) may parse.
        expect(err instanceof FormatError || err instanceof LimitError, `prefix ${n}`).toBe(true);
        const r = verifySignedData({ cms: cut, content: message });
        expect(r.indication).toBe('FAILED');
        expect(r.subIndication).toBe('FORMAT_FAILURE');
      }
    }
  });

  it('never throws from verify on random mutations', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (muts) => {
        const m = Uint8Array.from(detachedDer);
        for (const [i, v] of muts) m[i % m.length] = v;
        const r = verifySignedData({ cms: m, content: message });
        expect(['PASSED', 'FAILED', 'INDETERMINATE']).toContain(r.indication);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(() => verifySignedData({ cms: bytes })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('stops deep nesting with a LimitError, and bounds size', () => {
    // 10 000 nested indefinite-length SEQUENCEs: would overflow a naive recursive parser.
    const depth = 10_000;
    const deep = new Uint8Array(depth * 4);
    for (let i = 0; i < depth; i++) deep.set([0x30, 0x80], i * 2);
    expect(() => parseSignedData(deep)).toThrow(LimitError);
    expect(verifySignedData({ cms: deep }).subIndication).toBe('FORMAT_FAILURE');
    expect(() => parseSignedData(detachedDer, { maxBytes: 100 })).toThrow(LimitError);
    expect(() => parseSignedData(detachedDer, { maxSigners: 0 })).toThrow(LimitError);
  });

  it('rejects lengths that run past their container', () => {
    const m = Uint8Array.from(detachedDer);
    m[3] = 0xff; // outer SEQUENCE long-form length low byte
    expect(() => parseSignedData(m)).toThrow(FormatError);
  });
});

describe('input bytes are never modified', () => {
  it('parseSignedData / verifySignedData on a Node Buffer twice: the Buffer is unchanged, the results equal', () => {
    // A Node Buffer's slice() is a view: a "copy" made with it and then written to would write into the caller's bytes.
    const buf = readFileSync(join(dir, 'd.der'));
    const before = Buffer.from(buf);
    const first = parseSignedData(buf);
    expect(first.signers[0]!.signedAttributesDer![0]).toBe(0x31);
    expect(buf.equals(before)).toBe(true);
    const second = parseSignedData(buf);
    expect(second.signers[0]!.signedAttributesDer).toEqual(first.signers[0]!.signedAttributesDer);
    // The parse result owns its bytes: changing the input afterwards does not change it.
    const keep = Uint8Array.from(first.signers[0]!.signature);
    buf.fill(0);
    expect(first.signers[0]!.signature).toEqual(keep);
    before.copy(buf);

    const v1 = verifySignedData({ cms: buf, content: message });
    const v2 = verifySignedData({ cms: buf, content: message });
    expect(buf.equals(before)).toBe(true);
    expect(v1.signatures[0]!.checks.map((c) => [c.id, c.status])).toEqual(v2.signatures[0]!.checks.map((c) => [c.id, c.status]));
    expect(v2.signatures[0]!.checks.find((c) => c.id === 'cms.signature.value')?.status).toBe('passed');
    expect(v2.subIndication).not.toBe('FORMAT_FAILURE');
  });
});
