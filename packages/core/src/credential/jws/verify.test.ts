// signJws / verifyJws with the fixture PKIs (SM2, P-256, RSA) and generated P-384 / Ed25519 ones: round trips PASS
// with the root as anchor, and every hostile variant fails on its own check with a stated reason.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AT, fixturePki, generatedPki, type Pki } from '../../../../../test/helpers/credential-pki.js';
import { base64urlEncode } from './base64url.js';
import { signJws } from './sign.js';
import { verifyJws } from './verify.js';
import type { JwsAlgorithm } from './algorithms.js';
import { KeyError } from '../../errors.js';
import { TrustBundle } from '../../trust/bundle.js';

const payload = { hello: '世界', n: 1 };
const enc = (o: unknown) => base64urlEncode(JSON.stringify(o));
const parts = (jws: string) => jws.split('.') as [string, string, string];
const failedIds = (r: { checks: { id: string; status: string }[] }) => r.checks.filter((c) => c.status === 'failed').map((c) => c.id);
const reason = (r: { checks: { status: string; details?: Record<string, unknown> }[] }) =>
  String(r.checks.find((c) => c.status === 'failed')?.details?.reason ?? '');

const cases: [string, () => Pki, JwsAlgorithm | undefined, JwsAlgorithm][] = [
  ['SM2 (default alg)', () => fixturePki('sm2'), undefined, 'SM2SM3'],
  ['P-256 (default alg)', () => fixturePki('p256'), undefined, 'ES256'],
  ['RSA (default alg)', () => fixturePki('rsa'), undefined, 'RS256'],
  ['RSA PS256', () => fixturePki('rsa'), 'PS256', 'PS256'],
  ['P-384 (default alg)', () => generatedPki('p384'), undefined, 'ES384'],
  ['Ed25519 (default alg)', () => generatedPki('ed25519'), undefined, 'EdDSA'],
];

describe('round trips', () => {
  it.each(cases)('%s → PASSED with the root as anchor', (_n, pki, alg, expected) => {
    const p = pki();
    const jws = signJws(payload, { key: p.signerKey, certificate: p.signer, chain: [p.intermediate], ...(alg ? { alg } : {}), typ: 'vc+jwt' });
    expect(JSON.parse(Buffer.from(parts(jws)[0], 'base64url').toString()).alg).toBe(expected);
    const r = verifyJws(jws, { trust: p.trust, time: AT, typ: 'vc+jwt' });
    expect(failedIds(r)).toEqual([]);
    expect(r.indication).toBe('PASSED');
    expect(r.algorithm).toBe(expected);
    expect(r.payload).toEqual(payload);
    expect(r.signer?.fingerprintSha256).toBe(p.signer.fingerprintSha256);
    expect(r.chain?.map((c) => c.fingerprintSha256)).toEqual([p.signer, p.intermediate, p.root].map((c) => c.fingerprintSha256));
  });

  it.each(cases)('%s: one changed payload byte → FAILED signature', (_n, pki, alg) => {
    const p = pki();
    const jws = signJws(payload, { key: p.signerKey, certificate: p.signer, chain: [p.intermediate], ...(alg ? { alg } : {}) });
    const [h, , s] = parts(jws);
    const r = verifyJws(`${h}.${enc({ ...payload, n: 2 })}.${s}`, { trust: p.trust, time: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(failedIds(r)).toEqual(['credential.jws.signature']);
  });

  it('without any trust → INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND (signature still verified)', () => {
    const p = fixturePki('sm2');
    const r = verifyJws(signJws(payload, { key: p.signerKey, certificate: p.signer, chain: [p.intermediate] }), { time: AT });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    expect(r.checks.find((c) => c.id === 'credential.jws.signature')?.status).toBe('passed');
  });

  it('a bundle-shaped trust source works like a trust store', () => {
    const p = fixturePki('p256');
    const bundle = new TrustBundle({ version: 1, issuedAt: AT, nextUpdate: AT, roots: [p.root], intermediates: [], crls: [], issuers: [], statusLists: [], digest: '', verified: true });
    const r = verifyJws(signJws(payload, { key: p.signerKey, certificate: p.signer, chain: [p.intermediate] }), { bundle, time: AT });
    expect(r.indication).toBe('PASSED');
  });

  it('SM2SM3 with a non-default user ID in the header verifies, and only with that ID', () => {
    const p = fixturePki('sm2');
    const jws = signJws(payload, { key: p.signerKey, certificate: p.signer, chain: [p.intermediate], sm2Id: 'alice@example' });
    expect(verifyJws(jws, { trust: p.trust, time: AT }).indication).toBe('PASSED');
    // Same signature presented under the default ID: the header changes, so re-encode it without sm2id.
    const [h, pl, s] = parts(jws);
    const hdr = JSON.parse(Buffer.from(h, 'base64url').toString());
    delete hdr.sm2id;
    const r = verifyJws(`${enc(hdr)}.${pl}.${s}`, { trust: p.trust, time: AT });
    expect(failedIds(r)).toEqual(['credential.jws.signature']);
  });

  it('expired signer → INDETERMINATE / OUT_OF_BOUNDS_NO_POE; revoked signer → FAILED / REVOKED', () => {
    const p = fixturePki('p256');
    const e = p.party('expired');
    const re = verifyJws(signJws(payload, { key: e.key, certificate: e.cert, chain: [p.intermediate] }), { trust: p.trust, time: AT });
    expect(re.indication).toBe('INDETERMINATE');
    expect(re.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
    const v = p.party('revoked');
    const rv = verifyJws(signJws(payload, { key: v.key, certificate: v.cert, chain: [p.intermediate] }), { trust: p.trust, time: AT });
    expect(rv.indication).toBe('FAILED');
    expect(rv.subIndication).toBe('REVOKED');
  });

  it('a payload of bytes round-trips without JSON when payloadJson is false', () => {
    const p = fixturePki('sm2');
    const bytes = Uint8Array.of(0, 1, 2, 255);
    const r = verifyJws(signJws(bytes, { key: p.signerKey, certificate: p.signer }), { payloadJson: false, time: AT });
    expect([...r.payloadBytes]).toEqual([0, 1, 2, 255]);
    expect(r.checks.find((c) => c.id === 'credential.jws.signature')?.status).toBe('passed');
  });

  it('signJws refuses a key that is not the certificate key, and reserved extra header names', () => {
    const p = fixturePki('sm2');
    const other = fixturePki('p256');
    expect(() => signJws(payload, { key: other.signerKey, certificate: p.signer })).toThrow(KeyError);
    expect(() => signJws(payload, { key: p.signerKey, certificate: p.signer, alg: 'ES256' })).toThrow(KeyError);
    expect(() => signJws(payload, { key: p.signerKey, certificate: p.signer, extraHeader: { alg: 'none' } })).toThrow(/alg/);
  });
});

describe('hostile JWS → FAILED with a reason', () => {
  const p = fixturePki('p256');
  const good = signJws(payload, { key: p.signerKey, certificate: p.signer, chain: [p.intermediate] });
  const [gh, gp, gs] = parts(good);
  const header = JSON.parse(Buffer.from(gh, 'base64url').toString()) as Record<string, unknown>;
  const v = (jws: string, o = {}) => verifyJws(jws, { trust: p.trust, time: AT, ...o });

  it('alg none (with and without a signature segment)', () => {
    const h = enc({ ...header, alg: 'none' });
    const r1 = v(`${h}.${gp}.${gs}`);
    expect(r1.indication).toBe('FAILED');
    expect(failedIds(r1)).toEqual(['credential.jws.algorithm']);
    expect(reason(r1)).toMatch(/none/);
    const r2 = v(`${h}.${gp}.`);
    expect(r2.indication).toBe('FAILED');
    expect(r2.subIndication).toBe('FORMAT_FAILURE');
    expect(reason(r2)).toMatch(/unsigned/);
  });

  it('algorithm confusion: HS256 keyed with the issuer public key (PEM and DER) is refused', () => {
    for (const secret of [Buffer.from(p.signer.publicKey.keyObject!.export({ type: 'spki', format: 'pem' })), Buffer.from(p.signer.spki)]) {
      const h = enc({ ...header, alg: 'HS256' });
      const sig = createHmac('sha256', secret).update(`${h}.${gp}`).digest('base64url');
      const r = v(`${h}.${gp}.${sig}`);
      expect(r.indication).toBe('FAILED');
      expect(failedIds(r)).toEqual(['credential.jws.algorithm']);
      expect(reason(r)).toMatch(/HMAC/);
    }
  });

  it('key / algorithm mismatch: ES384 or SM2SM3 claimed over a P-256 certificate', () => {
    for (const alg of ['ES384', 'SM2SM3', 'RS256', 'EdDSA']) {
      const r = v(`${enc({ ...header, alg })}.${gp}.${gs}`);
      expect(failedIds(r)).toEqual(['credential.jws.key-algorithm']);
      expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
    }
  });

  it('unknown or disallowed algorithms', () => {
    expect(reason(v(`${enc({ ...header, alg: 'ES512K' })}.${gp}.${gs}`))).toMatch(/unsupported algorithm/);
    expect(reason(v(`${enc({ ...header, alg: undefined })}.${gp}.${gs}`))).toMatch(/no alg/);
    const r = v(good, { allowedAlgs: ['SM2SM3'] });
    expect(failedIds(r)).toEqual(['credential.jws.algorithm']);
    expect(reason(r)).toMatch(/not allowed/);
  });

  it('crit: unknown, registered, absent, malformed → header check fails', () => {
    for (const crit of [['exp'], ['alg'], ['nope'], [], 'exp', [1]]) {
      const h = { ...header, crit, exp: 1 };
      const r = v(`${enc(h)}.${gp}.${gs}`);
      expect(failedIds(r)).toEqual(['credential.jws.header']);
    }
    expect(failedIds(v(`${enc({ ...header, b64: false, crit: ['b64'] })}.${gp}.${gs}`))).toEqual(['credential.jws.header']);
  });

  it('typ mismatch when a typ is required', () => {
    expect(failedIds(v(good, { typ: 'vc+jwt' }))).toEqual(['credential.jws.header']);
  });

  it('malformed compact forms', () => {
    const bad = [
      '',
      'abc',
      `${gh}.${gp}`,
      `${gh}.${gp}.${gs}.x`,
      `${gh}=.${gp}.${gs}`,
      `${gh}.${gp}.${gs.slice(0, -1)}+`,
      ` ${good}`,
      `${enc([1, 2])}.${gp}.${gs}`,
      `${base64urlEncode('{"alg":"ES256","alg":"none"}')}.${gp}.${gs}`,
      `${base64urlEncode(Uint8Array.of(0x7b, 0xff, 0x7d))}.${gp}.${gs}`,
      `${gh}.${base64urlEncode('[' .repeat(100) + ']'.repeat(100))}.${gs}`,
      `${gh}.${base64urlEncode('{"a":1}x')}.${gs}`,
    ];
    for (const b of bad) {
      const r = v(b);
      expect(r.indication, b.slice(0, 40)).toBe('FAILED');
      expect(failedIds(r), b.slice(0, 40)).toEqual(['credential.jws.format']);
      expect(r.subIndication).toBe('FORMAT_FAILURE');
    }
  });

  it('non-canonical base64url (stray low bits) in the signature is refused', () => {
    // The last character of a 64-byte (86-char) signature carries 2 unused bits; set them.
    const last = gs[gs.length - 1]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twisted = alphabet[alphabet.indexOf(last) | 1]!;
    expect(twisted).not.toBe(last);
    expect(reason(v(`${gh}.${gp}.${gs.slice(0, -1)}${twisted}`))).toMatch(/non-canonical/);
  });

  it('oversize input is refused before any decoding', () => {
    const big = `${gh}.${base64urlEncode(JSON.stringify({ x: 'a'.repeat(300_000) }))}.${gs}`;
    expect(reason(v(big))).toMatch(/exceeds the limit/);
    expect(reason(v(good, { maxBytes: 100 }))).toMatch(/exceeds the limit/);
  });

  it('x5c problems: missing → INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND; garbage → FAILED', () => {
    const { x5c: _x, ...nox5c } = header;
    const r = v(`${enc(nox5c)}.${gp}.${gs}`);
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
    for (const x5c of [[], 'MIIB', ['!!!!'], ['AAAA'], [1], Array(9).fill((header.x5c as string[])[0])]) {
      const rr = v(`${enc({ ...header, x5c })}.${gp}.${gs}`);
      expect(failedIds(rr)).toEqual(['credential.jws.signer-certificate']);
    }
  });

  it('a signature of the wrong length fails as a signature', () => {
    const r = v(`${gh}.${gp}.${base64urlEncode(new Uint8Array(65))}`);
    expect(failedIds(r)).toEqual(['credential.jws.signature']);
  });

  it('non-string inputs do not throw', () => {
    expect(verifyJws(42 as unknown as string).indication).toBe('FAILED');
    expect(verifyJws(undefined as unknown as string).indication).toBe('FAILED');
  });
});
