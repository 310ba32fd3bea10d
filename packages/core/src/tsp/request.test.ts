// TimeStampReq / TimeStampResp codecs and the TSA's answers to bad requests: every refusal has the RFC 3161
// PKIFailureInfo a client expects, and no request, however hostile, makes respond() throw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algorithmIdentifier, bitString, boolean, derNull, explicit, implicit, integer, octets, oid, seq, tlv, toHex, utf8Bytes } from '../asn1/index.js';
import { digest, importPrivateKey } from '../crypto/index.js';
import { HeyanError } from '../errors.js';
import { loadCertificates } from '../pki/index.js';
import { createTsa } from './create-tsa.js';
import { encodeMessageImprint } from './message-imprint.js';
import { OID_HEYAN_TEST_TSA_POLICY } from './oids.js';
import { parseTimestampToken } from './parse-token.js';
import { createTimestampRequest, parseTimestampRequest, parseTimestampResponse } from './request.js';
import { MAX_REQUEST_BYTES } from './limits.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const tsaCert = loadCertificates(readFileSync(join(fixtures, 'p256/tsa.pem')))[0]!;
const tsaKey = importPrivateKey(readFileSync(join(fixtures, 'p256/tsa.key.pem')));
const tsa = createTsa(tsaKey, tsaCert);
const H = digest('sha256', new TextEncoder().encode('x'));
const SHA256 = '2.16.840.1.101.3.4.2.1';

const imprint = (alg = algorithmIdentifier(SHA256), h = H) => seq(alg, octets(h));
const rawReq = (...fields: Uint8Array[]) => seq(...fields);
const answer = (req: Uint8Array) => parseTimestampResponse(tsa.respond(req));

describe('createTimestampRequest / parseTimestampRequest', () => {
  it('round trip', () => {
    const der = createTimestampRequest({ digest: H, digestName: 'sha256', nonce: 0x80n, certReq: true, policy: '1.2.3.4' });
    const r = parseTimestampRequest(der);
    expect(r).toMatchObject({ version: 1, reqPolicy: '1.2.3.4', nonce: '0080', certReq: true });
    expect(r.messageImprint).toMatchObject({ hashAlgorithm: 'sha256', hashAlgorithmOid: SHA256 });
    expect(toHex(r.messageImprint.hashedMessage)).toBe(toHex(H));
    const plain = parseTimestampRequest(createTimestampRequest({ digest: H, digestName: 'sha256' }));
    expect(plain.certReq).toBe(false);
    expect(plain.nonce).toBeUndefined();
    expect(plain.reqPolicy).toBeUndefined();
  });

  it('refuses bad input to the builder', () => {
    expect(() => createTimestampRequest({ digest: H.subarray(1), digestName: 'sha256' })).toThrow(/32 bytes/);
    expect(() => createTimestampRequest({ digest: H, digestName: 'sha256', nonce: 0n })).toThrow(RangeError);
  });

  it('fields out of order, trailing fields and oversized inputs are FormatError / LimitError', () => {
    expect(() => parseTimestampRequest(rawReq(integer(1), imprint(), boolean(true), integer(5)))).toThrow(/misplaced/);
    expect(() => parseTimestampRequest(rawReq(integer(1)))).toThrow(HeyanError);
    expect(() => parseTimestampRequest(new Uint8Array(MAX_REQUEST_BYTES + 1))).toThrow(expect.objectContaining({ code: 'ERR_LIMIT' }));
  });
});

describe('respond(): rejections carry the right PKIFailureInfo', () => {
  it.each([
    ['version 2', rawReq(integer(2), imprint()), 'badRequest', 'Bad request version.'],
    ['unknown hash algorithm', rawReq(integer(1), imprint(algorithmIdentifier('1.2.3.4.5'))), 'badAlg', 'Message digest algorithm is not supported.'],
    ['SHA-1 (not accepted by default)', rawReq(integer(1), imprint(algorithmIdentifier('1.3.14.3.2.26'), H.subarray(0, 20))), 'badAlg', undefined],
    ['hash parameters other than NULL', rawReq(integer(1), imprint(algorithmIdentifier(SHA256, oid('1.2.3')))), 'badAlg', 'Superfluous message digest parameter.'],
    ['digest of the wrong length', rawReq(integer(1), imprint(undefined, H.subarray(0, 31))), 'badDataFormat', 'Bad message digest.'],
    ['another policy', rawReq(integer(1), imprint(), oid('1.2.3.4')), 'unacceptedPolicy', 'Requested policy is not supported.'],
    ['an extension', rawReq(integer(1), imprint(), implicit(0, seq(seq(oid('1.2.3.9'), octets(Uint8Array.of(5, 0)))))), 'unacceptedExtension', 'Unsupported extension.'],
    ['not DER at all', utf8Bytes('hello'), 'badDataFormat', 'Bad request format or system error.'],
    ['empty', new Uint8Array(0), 'badDataFormat', undefined],
    ['too large', new Uint8Array(MAX_REQUEST_BYTES + 10), 'badDataFormat', undefined],
  ])('%s → rejection', (_, req, failure, text) => {
    const r = answer(req);
    expect(r).toMatchObject({ status: 2, statusName: 'rejection', failInfo: [failure] });
    expect(r.token).toBeUndefined();
    if (text) expect(r.statusString).toBe(text);
  });

  it('NULL hash parameters and the requested default policy are granted; the imprint is echoed byte for byte', () => {
    const mi = imprint(algorithmIdentifier(SHA256, derNull()));
    const r = answer(rawReq(integer(1), mi, oid(OID_HEYAN_TEST_TSA_POLICY), integer(-5)));
    expect(r.status).toBe(0);
    const t = parseTimestampToken(r.token!);
    expect(toHex(t.tstInfoDer)).toContain(toHex(mi));
    expect(t.tstInfo.messageImprint.hashAlgorithmParams).toEqual(derNull());
    // A negative nonce (legal ASN.1, odd for a nonce) comes back with the same value.
    expect(t.tstInfo.nonce).toBe('fb');
  });

  it('a failure while signing becomes systemFailure, not an exception', () => {
    const broken = createTsa(tsaKey, tsaCert, {
      serial: () => {
        throw new Error('HSM unavailable');
      },
    });
    expect(parseTimestampResponse(broken.respond(createTimestampRequest({ digest: H, digestName: 'sha256' })))).toMatchObject({
      status: 2,
      failInfo: ['systemFailure'],
    });
  });

  it('never throws on hostile requests: every truncation and random bytes give a readable response', () => {
    const good = createTimestampRequest({ digest: H, digestName: 'sha256', nonce: 99n, certReq: true });
    for (let n = 0; n < good.length; n++) expect(answer(good.subarray(0, n)).failInfo).toEqual(['badDataFormat']);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), fc.nat(255), (noise, at, v) => {
        const mutated = good.slice();
        mutated[at % mutated.length] = v;
        for (const req of [noise, mutated]) {
          const r = answer(req);
          expect([0, 2]).toContain(r.status);
          try {
            parseTimestampRequest(req);
          } catch (e) {
            expect(e).toBeInstanceOf(HeyanError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseTimestampResponse', () => {
  const status = (...f: Uint8Array[]) => seq(...f);

  it('reads every failure bit RFC 3161 names and keeps unknown ones', () => {
    // bits 0 (badAlg), 2 (badRequest), 25 (systemFailure), 30 (unknown): 4 bytes, 1 unused bit.
    const bits = bitString(Uint8Array.of(0xa0, 0x00, 0x00, 0x42), 1);
    expect(parseTimestampResponse(seq(status(integer(2), bits)))).toEqual({ status: 2, statusName: 'rejection', failInfo: ['badAlg', 'badRequest', 'systemFailure', 'bit30'] });
    expect(parseTimestampResponse(seq(status(integer(3))))).toEqual({ status: 3, statusName: 'waiting' });
    expect(parseTimestampResponse(seq(status(integer(9))))).toEqual({ status: 9 });
    const texts = seq(tlv(0x0c, utf8Bytes('first')), tlv(0x0c, utf8Bytes('se\u0007cond')));
    expect(parseTimestampResponse(seq(status(integer(2), texts))).statusString).toBe('first; se cond');
  });

  it('a token exactly when granted', () => {
    const token = tsa.timestamp(H);
    expect(() => parseTimestampResponse(seq(status(integer(0))))).toThrow(/granted without a token/);
    expect(() => parseTimestampResponse(seq(status(integer(2)), token))).toThrow(/a token with status 2/);
    expect(parseTimestampResponse(seq(status(integer(1)), token)).token).toEqual(token);
  });

  it('malformed responses are FormatError', () => {
    const good = tsa.respond(createTimestampRequest({ digest: H, digestName: 'sha256' }));
    for (let n = 0; n < good.length; n += 3) expect(() => parseTimestampResponse(good.subarray(0, n))).toThrow(HeyanError);
    expect(() => parseTimestampResponse(seq(status(integer(0)), tsa.timestamp(H), octets(H)))).toThrow(HeyanError);
    expect(() => parseTimestampResponse(seq(explicit(0, integer(0))))).toThrow(HeyanError);
  });
});

describe('createTsa', () => {
  it('refuses a key that does not belong to the certificate', () => {
    const other = importPrivateKey(readFileSync(join(fixtures, 'p256/signer.key.pem')));
    expect(() => createTsa(other, tsaCert)).toThrow(expect.objectContaining({ code: 'ERR_KEY' }));
  });

  it('timestamp() refuses digests it does not accept or of the wrong length', () => {
    expect(() => tsa.timestamp({ digest: digest('md5', H), digestName: 'md5' })).toThrow(/md5/);
    expect(() => tsa.timestamp({ digest: H.subarray(2), digestName: 'sha256' })).toThrow(RangeError);
    expect(parseTimestampToken(tsa.timestamp({ digest: digest('sm3', H), digestName: 'sm3' })).tstInfo.messageImprint.hashAlgorithm).toBe('sm3');
  });

  it('imprints of raw data use the TSA digest; encodeMessageImprint checks lengths', () => {
    expect(toHex(parseTimestampToken(tsa.timestamp(H)).tstInfo.messageImprint.hashedMessage)).toBe(toHex(digest('sha256', H)));
    expect(() => encodeMessageImprint('sha384', H)).toThrow(/48 bytes/);
  });
});
