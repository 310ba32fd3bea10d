// createStatusList → checkStatus: entries at both ends of the range, and every way a list must not be believed
// (tampered, stale, out of range, signed by someone else, a GZIP bomb, untrusted, reserved values).
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AT, DAY, testPki } from '../../../../test/helpers/trust-pki.js';
import { signJws } from '../credential/jws/sign.js';
import { FormatError } from '../errors.js';
import { TrustBundle } from '../trust/bundle.js';
import { createBitstring, writeStatusEntry } from './bitstring.js';
import { checkStatus } from './check-status.js';
import { createStatusList, statusListPayload } from './create-status-list.js';
import { encodeBitstring } from './encode-bitstring.js';
import type { LicenseStatus } from './types.js';

const sm2 = testPki('sm2');
const p256 = testPki('p256');
const ID = 'urn:heyan:status:11330100MB0F00602M:0';
const N = 131_072;
const window = { validFrom: new Date(AT.getTime() - DAY), validUntil: new Date(AT.getTime() + 7 * DAY) };
const statuses = new Map<number, LicenseStatus>([
  [0, 'revoked'],
  [5, 'suspended'],
  [N - 1, 'revoked'],
  [N - 2, 'suspended'],
]);
const issuerOf = (pki = sm2, party = pki.signer) => ({ key: party.key, certificate: party.cert, chain: [pki.intermediate] });
const list = createStatusList({ id: ID, statuses, ...window, issuer: issuerOf() });
const trust = sm2.pinned().addCrl(sm2.crl);
const ids = (r: { checks: { id: string; status: string }[] }, status: string) => r.checks.filter((c) => c.status === status).map((c) => c.id);

/** A list signed by the fixture signer with a hand-made encodedList. */
function customList(encodedList: string): string {
  const payload = statusListPayload({ id: ID, statuses: new Map(), ...window });
  payload.credentialSubject.encodedList = encodedList;
  return signJws(payload, { key: sm2.signer.key, certificate: sm2.signer.cert, chain: [sm2.intermediate] });
}

describe('round trip', () => {
  it.each([
    [0, 'revoked'],
    [1, 'valid'],
    [5, 'suspended'],
    [N - 3, 'valid'],
    [N - 2, 'suspended'],
    [N - 1, 'revoked'],
  ] as const)('index %i reads %s', (index, expected) => {
    const r = checkStatus({ list, index, time: AT, trust, expectedIssuer: sm2.signer.cert });
    expect(r.status).toBe(expected);
    expect(ids(r, 'failed')).toEqual(expected === 'valid' ? [] : ['status.entry']);
    expect(r.indication).toBe(expected === 'valid' ? 'PASSED' : 'FAILED');
    if (expected !== 'valid') expect(r.subIndication).toBe(expected === 'revoked' ? 'REVOKED' : 'GENERIC');
    expect(r.list).toMatchObject({ id: ID, entries: N, validUntil: window.validUntil.toISOString() });
  });

  it('a function of the index fills every entry (ES256 list)', () => {
    const all = createStatusList({ id: ID, statuses: (i) => (['valid', 'suspended', 'revoked'] as const)[i % 3]!, ...window, issuer: issuerOf(p256) });
    expect(JSON.parse(Buffer.from(all.split('.')[0]!, 'base64url').toString()).alg).toBe('ES256');
    for (const i of [0, 1, 2, N - 2, N - 1]) {
      const r = checkStatus({ list: all, index: i, time: AT, trust: p256.pinned() });
      expect(r.status, String(i)).toBe((['valid', 'suspended', 'revoked'] as const)[i % 3]);
    }
  });

  it('the payload is a VC 2.0 BitstringStatusListCredential with the contract fields', () => {
    const payload = JSON.parse(Buffer.from(list.split('.')[1]!, 'base64url').toString());
    expect(payload.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(payload.issuer).toBe('urn:heyan:issuer:11330100MB0F00602M');
    expect(payload.credentialSubject).toMatchObject({
      type: 'BitstringStatusList',
      statusPurpose: 'message',
      statusSize: 2,
      statusMessage: [
        { status: '0x0', message: 'valid' },
        { status: '0x1', message: 'suspended' },
        { status: '0x2', message: 'revoked' },
      ],
    });
    expect(payload.credentialSubject.encodedList).toMatch(/^u[A-Za-z0-9_-]+$/);
  });
});

describe('refusals', () => {
  it.each([N, N + 10, -1, 1.5, Number.NaN])('index %s out of range → FAILED', (index) => {
    const r = checkStatus({ list, index, time: AT, trust });
    expect(r.indication).toBe('FAILED');
    expect(r.status).toBe('unknown');
    expect(ids(r, 'failed')).toEqual(['status.list.index']);
  });

  it('a tampered list (payload changed, or a signature byte) → FAILED, status unknown', () => {
    const [h, p, s] = list.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.credentialSubject.encodedList = encodeBitstring(createBitstring(N, 2)); // "everything valid"
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const sig = Buffer.from(s, 'base64url');
    sig[10]! ^= 0x01;
    for (const bad of [forged, `${h}.${p}.${sig.toString('base64url')}`]) {
      const r = checkStatus({ list: bad, index: 0, time: AT, trust });
      expect(r.indication).toBe('FAILED');
      expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
      expect(r.status).toBe('unknown');
      expect(ids(r, 'failed')).toContain('status.list.signature');
    }
  });

  it('a stale list → INDETERMINATE / TRY_LATER, never valid or revoked', () => {
    for (const index of [0, 1, 5]) {
      const r = checkStatus({ list, index, time: new Date(window.validUntil.getTime() + DAY), trust });
      expect(r.indication).toBe('INDETERMINATE');
      expect(r.subIndication).toBe('TRY_LATER');
      expect(r.status).toBe('unknown');
      expect(r.checks.find((c) => c.id === 'status.entry')?.status).toBe('skipped');
    }
    // Not yet valid (issued "in the future" beyond the skew) is the same.
    const early = checkStatus({ list, index: 1, time: new Date(window.validFrom.getTime() - 3600_000), trust });
    expect([early.indication, early.subIndication, early.status]).toEqual(['INDETERMINATE', 'TRY_LATER', 'unknown']);
    // Within the default 300 s skew it is fresh.
    expect(checkStatus({ list, index: 1, time: new Date(window.validUntil.getTime() + 200_000), trust }).status).toBe('valid');
    expect(checkStatus({ list, index: 1, time: new Date(window.validUntil.getTime() + 200_000), trust, skewSeconds: 0 }).status).toBe('unknown');
  });

  it('a list signed by another issuer → FAILED unless the bundle lists both certificates for one authority', () => {
    const other = sm2.party('seal-maker');
    const foreign = createStatusList({ id: ID, statuses, ...window, issuer: issuerOf(sm2, other) });
    const r = checkStatus({ list: foreign, index: 1, time: AT, trust, expectedIssuer: sm2.signer.cert });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('POLICY_FAILURE');
    expect(ids(r, 'failed')).toEqual(['status.list.issuer']);
    expect(r.status).toBe('unknown');

    const bundle = (certsA: typeof sm2.signer.cert[], certsB: typeof sm2.signer.cert[]) =>
      new TrustBundle({
        version: 1,
        issuedAt: AT,
        nextUpdate: AT,
        roots: [sm2.root],
        intermediates: [],
        crls: [],
        issuers: [
          { code: '11330100MB0F00602M', name: 'A', certificates: certsA, licenseTypes: ['*'], areaCodes: ['33'] },
          { code: '11330200MB0F00602X', name: 'B', certificates: certsB, licenseTypes: ['*'], areaCodes: ['33'] },
        ],
        statusLists: [],
        digest: '',
        verified: true,
      });
    // Same authority (a separate status-signing certificate): accepted, also by fingerprint.
    const same = bundle([sm2.signer.cert, other.cert], []);
    expect(checkStatus({ list: foreign, index: 5, time: AT, bundle: same, expectedIssuer: sm2.signer.cert }).status).toBe('suspended');
    expect(checkStatus({ list: foreign, index: 1, time: AT, bundle: same, expectedIssuer: sm2.signer.cert.fingerprintSha256.toUpperCase() }).status).toBe('valid');
    // Another authority: refused.
    const two = bundle([sm2.signer.cert], [other.cert]);
    const r2 = checkStatus({ list: foreign, index: 1, time: AT, bundle: two, expectedIssuer: sm2.signer.cert });
    expect([r2.indication, r2.status]).toEqual(['FAILED', 'unknown']);
    expect(r2.checks.find((c) => c.id === 'status.list.issuer')?.details).toMatchObject({ signerIssuerCode: '11330200MB0F00602X', expectedIssuerCode: '11330100MB0F00602M' });
  });

  it('a GZIP bomb in encodedList → FAILED / FORMAT_FAILURE', () => {
    const bomb = `u${gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }).toString('base64url')}`;
    const r = checkStatus({ list: customList(bomb), index: 1, time: AT, trust });
    expect([r.indication, r.subIndication, r.status]).toEqual(['FAILED', 'FORMAT_FAILURE', 'unknown']);
    expect(ids(r, 'failed')).toEqual(['status.list.encoded-list']);
  });

  it('a list shorter than 131 072 entries → FAILED (herd-privacy minimum)', () => {
    const r = checkStatus({ list: customList(encodeBitstring(createBitstring(1024, 2))), index: 1, time: AT, trust });
    expect([r.indication, r.status]).toEqual(['FAILED', 'unknown']);
    expect(ids(r, 'failed')).toContain('status.list.encoded-list');
  });

  it('the reserved value 3 → INDETERMINATE, status unknown', () => {
    const bits = createBitstring(N, 2);
    writeStatusEntry(bits, 9, 3, 2);
    const r = checkStatus({ list: customList(encodeBitstring(bits)), index: 9, time: AT, trust });
    expect([r.indication, r.status]).toEqual(['INDETERMINATE', 'unknown']);
  });

  it('an untrusted signer → INDETERMINATE, status unknown', () => {
    const r = checkStatus({ list, index: 0, time: AT });
    expect([r.indication, r.subIndication, r.status]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', 'unknown']);
  });

  it('a signed credential that is not a status list → FAILED type', () => {
    const jws = signJws({ type: ['VerifiableCredential'], id: ID }, { key: sm2.signer.key, certificate: sm2.signer.cert, chain: [sm2.intermediate] });
    const r = checkStatus({ list: jws, index: 0, time: AT, trust });
    expect([r.indication, r.status]).toEqual(['FAILED', 'unknown']);
    expect(ids(r, 'failed')).toEqual(['status.list.type']);
  });

  it('garbage never throws', () => {
    for (const bad of ['', 'a.b.c', 'x'.repeat(100), 123 as unknown as string, null as unknown as string]) {
      const r = checkStatus({ list: bad, index: 0, time: AT, trust });
      expect(r.status).toBe('unknown');
      expect(r.indication).not.toBe('PASSED');
    }
    expect(checkStatus({ list, index: 0, time: new Date(Number.NaN), trust }).status).toBe('unknown');
  });

  it('createStatusList refuses too few entries, bad windows and unknown statuses', () => {
    const issuer = issuerOf();
    expect(() => createStatusList({ id: ID, size: 1000, statuses, ...window, issuer })).toThrow(FormatError);
    expect(() => createStatusList({ id: ID, statuses, validFrom: window.validUntil, validUntil: window.validFrom, issuer })).toThrow(FormatError);
    expect(() => createStatusList({ id: ID, statuses: new Map([[N, 'revoked']]), ...window, issuer })).toThrow(FormatError);
    expect(() => createStatusList({ id: ID, statuses: new Map([[1, 'lost' as LicenseStatus]]), ...window, issuer })).toThrow(FormatError);
    expect(() => createStatusList({ id: 'no id', statuses, ...window, issuer })).toThrow(FormatError);
  });
});
