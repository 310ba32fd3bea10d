// Structure and hostile input: forms the parser accepts (bare BasicOCSPResponse, error statuses, other response
// types) and refuses (trailing bytes, bad status, oversize, deep nesting); fast-check mutations never throw anything
// but FormatError/LimitError from the parser, never throw from the verifier or path validation, and a changed byte in
// the signed part never yields a PASSED path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { children, encoding, enumerated, explicit, octets, oid, readRoot, seq } from '../../asn1/index.js';
import { importPrivateKey } from '../../crypto/index.js';
import { FormatError, HeyanError, LimitError } from '../../errors.js';
import type { Certificate } from '../certificate.js';
import { loadCertificates } from '../load.js';
import { loadCrls } from '../crl.js';
import { validateCertificatePath } from '../path-validation.js';
import { TrustStore } from '../trust-store.js';
import { issueOcspResponse, ocspErrorResponse } from './issue-ocsp.js';
import { MAX_OCSP_BYTES } from './limits.js';
import { OID_OCSP_BASIC } from './oids.js';
import { parseOcspResponse } from './parse.js';
import { verifyOcspResponse } from './verify.js';

const fixtures = fileURLToPath(new URL('../../../../../fixtures/pki/', import.meta.url));
const ALGS = ['sm2', 'p256', 'rsa'] as const;
type Alg = (typeof ALGS)[number];
const cert = (alg: Alg, n: string): Certificate => loadCertificates(readFileSync(join(fixtures, alg, `${n}.pem`)))[0]!;
const key = (alg: Alg, n: string) => importPrivateKey(readFileSync(join(fixtures, alg, `${n}.key.pem`)));
const T2030 = new Date('2030-01-01T00:00:00Z');

function good(alg: Alg) {
  const ca = cert(alg, 'intermediate');
  return issueOcspResponse({
    responderKey: key(alg, 'intermediate'),
    responderCert: ca,
    issuer: ca,
    entries: [{ cert: cert(alg, 'signer'), status: 'good' }, { serial: 0x99n, status: 'revoked', revocationTime: new Date('2029-01-01T00:00:00Z') }],
    producedAt: T2030,
    thisUpdate: T2030,
    nextUpdate: new Date('2030-01-02T00:00:00Z'),
    nonce: Uint8Array.of(1, 2, 3, 4),
  });
}

/** Parse, or the error class name: anything else escapes the test. */
function parseOrError(b: Uint8Array) {
  try {
    return parseOcspResponse(b);
  } catch (e) {
    if (!(e instanceof HeyanError)) throw e;
    return e;
  }
}

describe('parseOcspResponse structure', () => {
  it('a bare BasicOCSPResponse parses to the same content as the wrapped one', () => {
    const r = good('p256');
    const bare = parseOcspResponse(r.basic!.der);
    expect(bare.bare).toBe(true);
    expect(bare.basic!.tbsResponseData).toEqual(r.basic!.tbsResponseData);
    expect(bare.basic!.responses).toEqual(r.basic!.responses);
    expect(bare.basic!.nonce).toEqual(octets(Uint8Array.of(1, 2, 3, 4)));
    expect(verifyOcspResponse(bare, { issuer: cert('p256', 'intermediate') }).ok).toBe(true);
  });

  it('error statuses parse without a body and do not verify; unknown statuses, trailing bytes and a successful status without body are refused', () => {
    const e = ocspErrorResponse('tryLater');
    expect(e).toMatchObject({ responseStatus: 'tryLater', bare: false });
    expect(e.basic).toBeUndefined();
    expect(verifyOcspResponse(e, { issuer: cert('p256', 'intermediate') })).toMatchObject({ ok: false, reason: 'responder answered tryLater' });
    expect(() => parseOcspResponse(seq(enumerated(4)))).toThrow(FormatError);
    expect(() => parseOcspResponse(seq(enumerated(0)))).toThrow(/without responseBytes/);
    const r = good('p256');
    expect(() => parseOcspResponse(Uint8Array.from([...r.der, 0]))).toThrow(FormatError);
  });

  it('another response type is reported, not decoded', () => {
    const r = parseOcspResponse(seq(enumerated(0), explicit(0, seq(oid('1.3.6.1.5.5.7.48.1.99'), octets(Uint8Array.of(5, 0))))));
    expect(r.responseType).toBe('1.3.6.1.5.5.7.48.1.99');
    expect(r.basic).toBeUndefined();
    expect(verifyOcspResponse(r, { issuer: cert('p256', 'intermediate') }).reason).toMatch(/unsupported response type/);
  });

  it('refuses oversize input with LimitError; deep nesting and a lying length with FormatError, without walking them', () => {
    expect(() => parseOcspResponse(new Uint8Array(MAX_OCSP_BYTES + 1))).toThrow(LimitError);
    // The parser descends only along the fixed OCSP structure, so 200 nested SEQUENCEs fail the structure check.
    let deep: Uint8Array = Uint8Array.of(5, 0);
    for (let i = 0; i < 200; i++) deep = seq(deep);
    expect(() => parseOcspResponse(seq(enumerated(0), explicit(0, seq(oid(OID_OCSP_BASIC), octets(deep)))))).toThrow(/BasicOCSPResponse: 3 or 4 elements/);
    expect(() => parseOcspResponse(deep)).toThrow(FormatError);
    expect(() => parseOcspResponse(Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x0a, 0x01, 0x00))).toThrow(FormatError);
  });

  it('copies its input: later changes to the caller buffer do not change the parsed response', () => {
    const buf = new Uint8Array(good('rsa').der);
    const r = parseOcspResponse(buf);
    const tbs = Uint8Array.from(r.basic!.tbsResponseData);
    buf.fill(0);
    expect(r.basic!.tbsResponseData).toEqual(tbs);
  });
});

describe.each(ALGS)('hostile bytes, %s', (alg) => {
  const r = good(alg);
  const ca = cert(alg, 'intermediate');
  const trust = new TrustStore().addAnchor(cert(alg, 'root')).addCrl(loadCrls(readFileSync(join(fixtures, alg, 'root.crl.pem')))[0]!);
  const validate = (ocsp: Uint8Array) =>
    validateCertificatePath({ certificate: cert(alg, 'signer'), intermediates: [ca], trust, time: T2030, revocation: 'require', ocsps: [ocsp], cache: false });
  // Where the signed part and its signature sit in the DER.
  const basicEl = readRoot(r.basic!.der, 'basic');
  const [tbsEl, , sigEl] = children(basicEl);
  const basicAt = Buffer.from(r.der).indexOf(Buffer.from(r.basic!.der));
  const signedFrom = basicAt + tbsEl!.offset;
  const signedTo = basicAt + sigEl!.next;

  it('the untouched response makes the path PASSED (the property below is not vacuous)', () => {
    expect(validate(r.der).indication).toBe('PASSED');
  });

  it('random byte changes: the parser throws only FormatError/LimitError; verifier and path validation never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(r.der.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
        const b = new Uint8Array(r.der);
        for (const [at, x] of edits) b[at] = b[at]! ^ x;
        const p = parseOrError(b);
        if (!(p instanceof HeyanError)) expect(() => verifyOcspResponse(p, { issuer: ca })).not.toThrow();
        expect(() => validate(b)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it('one changed byte in ResponseData, signatureAlgorithm or signature never yields PASSED', () => {
    fc.assert(
      fc.property(fc.integer({ min: signedFrom, max: signedTo - 1 }), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const b = new Uint8Array(r.der);
        b[at] = b[at]! ^ x;
        expect(validate(b).indication).not.toBe('PASSED');
      }),
      { numRuns: 150 },
    );
  });

  it('truncations and random garbage never throw past path validation', () => {
    for (let n = 0; n < r.der.length; n += 7) expect(validate(r.der.subarray(0, n)).indication).not.toBe('PASSED');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (g) => {
        // Raw garbage, and garbage behind a plausible SEQUENCE header.
        expect(validate(g).indication).not.toBe('PASSED');
        expect(validate(Uint8Array.from([0x30, g.length & 0x7f, ...g])).indication).not.toBe('PASSED');
        parseOrError(g); // throws (failing the property) on anything but FormatError/LimitError
      }),
      { numRuns: 150 },
    );
    // A genuine BasicOCSPResponse wrapped in one more SEQUENCE level does not parse.
    expect(parseOrError(seq(enumerated(0), explicit(0, seq(oid(OID_OCSP_BASIC), octets(seq(encoding(basicEl)))))))).toBeInstanceOf(FormatError);
  });
});
