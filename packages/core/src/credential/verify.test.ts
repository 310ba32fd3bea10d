// End to end: licence credentials issued with SM2 and ES256 and verified against a signed trust bundle (trust/) with
// a status list (status/), then every acceptance case of issue 5 that concerns credentials: alteration, authority,
// validity, status (list and registry), unknown issuer, check characters, and hostile input.
import { describe, expect, it } from 'vitest';
import {
  AT,
  BUSINESS,
  LIST_ID,
  REVOKED_INDEX,
  SUSPENDED_INDEX,
  fixturePki,
  generatedPki,
  licenceWorld,
  type World,
} from '../../../../test/helpers/credential-pki.js';
import { FormatError } from '../errors.js';
import { exampleRecord } from '../license/index.js';
import type { Check } from '../report/types.js';
import { createStatusList } from '../status/index.js';
import { issueCredential } from './issue.js';
import { base64urlEncode } from './jws/base64url.js';
import { signJws } from './jws/sign.js';
import { verifyCredential } from './verify.js';

const DAY = 86_400_000;
const byId = (checks: Check[], id: string) => checks.find((c) => c.id === id);
const all = (r: { signatures: { checks: Check[] }[]; checks: Check[] }) => [...r.signatures.flatMap((s) => s.checks), ...r.checks];
const notPassed = (r: Parameters<typeof all>[0]) => all(r).filter((c) => c.status !== 'passed' && c.status !== 'skipped').map((c) => `${c.id}:${c.status}`);

function issue(w: World, o: Partial<Parameters<typeof issueCredential>[0]> = {}) {
  return issueCredential({ record: w.record, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate], status: { listId: LIST_ID, index: 5 }, ...o });
}

describe.each(['sm2', 'p256'] as const)('%s issuer', (fam) => {
  const w = licenceWorld(fixturePki(fam));

  it('issued credential → PASSED with only the bundle; the report carries the licence summary', () => {
    const { jws, payload } = issue(w);
    const r = verifyCredential(jws, { bundle: w.bundle, time: AT });
    expect(notPassed(r)).toEqual([]);
    expect(r.indication).toBe('PASSED');
    expect(r.signatures[0]!.kind).toBe('jws');
    expect(r.signatures[0]!.algorithm).toBe(fam === 'sm2' ? 'sm2-with-sm3' : 'ecdsa-with-sha256');
    expect(r.signatures[0]!.chain?.length).toBe(3);
    expect(payload.type).toEqual(['VerifiableCredential', 'ElectronicLicenseCredential']);
    expect(payload.issuer.id).toBe(`urn:uscc:${BUSINESS.issueDeptCode}`);
    expect(payload.validFrom).toBe(`${BUSINESS.certificateValidateStart}T00:00:00+08:00`);
    expect(payload.credentialStatus).toEqual({ type: 'BitstringStatusListEntry', statusPurpose: 'message', statusListIndex: '5', statusListCredential: LIST_ID, statusSize: 2 });
    expect(r.license?.identifier).toBe(BUSINESS.certificateIdentifier);
    expect(r.license?.status).toBe('valid');
    expect(r.license?.fields.find((f) => f.key === 'certificateHolder')).toEqual({ key: 'certificateHolder', label: { zh: '持证主体', en: 'Holder' }, value: BUSINESS.certificateHolder });
    expect(r.license?.fields.find((f) => f.key === 'surface.legalRepresentative')?.label.zh).toBe('法定代表人');
  });

  it('a trust store + status list → PASSED when the caller vouches for the anchors; INDETERMINATE by default', () => {
    const { jws } = issue(w);
    const vouched = verifyCredential(jws, { trust: w.pki.trust, statusList: w.list, time: AT, requireAuthorisation: false });
    expect(notPassed(vouched)).toEqual([]);
    expect(vouched.indication).toBe('PASSED');
    const r = verifyCredential(jws, { trust: w.pki.trust, statusList: w.list, time: AT });
    expect(r.indication).toBe('INDETERMINATE');
    expect(notPassed(r)).toEqual(['credential.issuer.authorised:indeterminate']);
  });

  it('one altered payload field (re-encoded, not re-signed) → FAILED (signature), nothing else judged', () => {
    const [h, p, s] = issue(w).jws.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.credentialSubject.certificateHolder = '另一家公司';
    const r = verifyCredential(`${h}.${base64urlEncode(JSON.stringify(payload))}.${s}`, { bundle: w.bundle, time: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(byId(r.checks, 'credential.payload')?.status).toBe('skipped');
    expect(r.license).toBeUndefined();
  });

  it('issuer not authorised for the licence type, or for the area → FAILED (policy)', () => {
    const { jws } = issue(w);
    for (const o of [{ licenseTypes: ['11100000000013338W901'] }, { areaCodes: ['33'] }]) {
      const other = licenceWorld(fixturePki(fam), o);
      const r = verifyCredential(jws, { bundle: other.bundle, time: AT });
      expect(r.indication).toBe('FAILED');
      expect(r.subIndication).toBe('POLICY_FAILURE');
      expect(notPassed(r)).toEqual(['credential.issuer.authorised:failed']);
      expect(byId(r.checks, 'credential.issuer.authorised')?.message.en).toMatch(o.areaCodes ? /area 350100/ : /licence type/);
    }
  });

  it('expired licence → FAILED / EXPIRED; not yet valid → FAILED / NOT_YET_VALID (signature still fine)', () => {
    const expired = issue(w, { record: { ...w.record, certificateValidateEnd: '2029-12-31' } });
    const r = verifyCredential(expired.jws, { bundle: w.bundle, time: AT });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('EXPIRED');
    expect(r.signatures[0]!.indication).toBe('PASSED');
    // The last day counts in full (China time): 2029-12-31T23:59:59+08:00 is still valid.
    expect(verifyCredential(expired.jws, { bundle: w.bundle, time: new Date('2029-12-31T15:59:59Z') }).subIndication).not.toBe('EXPIRED');
    const future = issue(w, { record: { ...w.record, certificateValidateStart: '2031-01-01' } });
    const f = verifyCredential(future.jws, { bundle: w.bundle, time: AT });
    expect(f.indication).toBe('FAILED');
    expect(f.subIndication).toBe('NOT_YET_VALID');
  });

  it('revoked in the status list → FAILED / REVOKED; suspended → FAILED with the suspension', () => {
    const rv = verifyCredential(issue(w, { status: { listId: LIST_ID, index: REVOKED_INDEX } }).jws, { bundle: w.bundle, time: AT });
    expect(rv.indication).toBe('FAILED');
    expect(rv.subIndication).toBe('REVOKED');
    expect(rv.license?.status).toBe('revoked');
    const sp = verifyCredential(issue(w, { status: { listId: LIST_ID, index: SUSPENDED_INDEX } }).jws, { bundle: w.bundle, time: AT });
    expect(sp.indication).toBe('FAILED');
    expect(sp.subIndication).not.toBe('REVOKED');
    expect(byId(sp.checks, 'credential.status')?.message.en).toMatch(/suspended/);
    expect(byId(sp.checks, 'credential.status')?.message.zh).toMatch(/暂扣/);
    expect(sp.license?.status).toBe('suspended');
  });

  it('revoked in the registry → FAILED / REVOKED with the reason and date; point in time before → PASSED', () => {
    const since = new Date('2029-06-01T00:00:00Z');
    const registry = {
      statusAt: (id: string, at: Date) =>
        id !== BUSINESS.certificateIdentifier ? undefined : at < since ? { status: 'valid' as const, since: new Date('2024-03-15T00:00:00Z') } : { status: 'revoked' as const, since, reason: '以欺骗手段取得登记' },
    };
    const { jws } = issue(w);
    const r = verifyCredential(jws, { bundle: w.bundle, time: AT, registry });
    expect(r.subIndication).toBe('REVOKED');
    expect(byId(r.checks, 'credential.status')?.message.zh).toContain('以欺骗手段取得登记');
    expect(byId(r.checks, 'credential.status')?.message.en).toContain(since.toISOString());
    expect(r.license?.statusReason).toBe('以欺骗手段取得登记');
    expect(verifyCredential(jws, { bundle: w.bundle, time: new Date('2029-01-01T00:00:00Z'), registry }).indication).toBe('PASSED');
    const unknown = verifyCredential(jws, { bundle: w.bundle, time: AT, registry: { statusAt: () => undefined } });
    expect(unknown.indication).toBe('INDETERMINATE');
  });

  it('stale status list → INDETERMINATE / TRY_LATER (never valid, never revoked), even for a revoked entry', () => {
    const stale = createStatusList({
      id: LIST_ID,
      statuses: new Map([[REVOKED_INDEX, 'revoked']]),
      validFrom: new Date(AT.getTime() - 10 * DAY),
      validUntil: new Date(AT.getTime() - 3 * DAY),
      issuer: { key: w.pki.signerKey, certificate: w.pki.signer },
    });
    for (const index of [5, REVOKED_INDEX]) {
      const r = verifyCredential(issue(w, { status: { listId: LIST_ID, index } }).jws, { bundle: w.bundle, statusList: stale, time: AT });
      expect(r.indication).toBe('INDETERMINATE');
      expect(r.subIndication).toBe('TRY_LATER');
      expect(r.license?.status).toBe('unknown');
      expect(byId(r.checks, 'credential.status')?.message.en).toMatch(/expired/);
    }
  });

  it('no status information → INDETERMINATE; a list the bundle lacks → INDETERMINATE / TRY_LATER', () => {
    const none = verifyCredential(issue(w, { status: undefined }).jws, { bundle: w.bundle, time: AT });
    expect(none.indication).toBe('INDETERMINATE');
    expect(notPassed(none)).toEqual(['credential.status:indeterminate']);
    const missing = verifyCredential(issue(w, { status: { listId: `urn:heyan:status:${BUSINESS.issueDeptCode}:2`, index: 1 } }).jws, { bundle: w.bundle, time: AT });
    expect(missing.subIndication).toBe('TRY_LATER');
  });
});

describe('across issuers and records', () => {
  const w = licenceWorld(fixturePki('sm2'));

  it('unknown issuer (another root) → INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND', () => {
    const stranger = generatedPki('p256', 'stranger');
    const { jws } = issueCredential({ record: BUSINESS, key: stranger.signerKey, certificate: stranger.signer, chain: [stranger.intermediate], status: { listId: LIST_ID, index: 5 } });
    const r = verifyCredential(jws, { bundle: w.bundle, time: AT });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    expect(byId(r.checks, 'credential.issuer.authorised')?.status).toBe('skipped');
  });

  it('a signer under the bundle root but not listed for the issuer → FAILED (policy)', () => {
    const other = w.pki.party('seal-maker');
    const { jws } = issueCredential({ record: BUSINESS, key: other.key, certificate: other.cert, chain: [w.pki.intermediate], status: { listId: LIST_ID, index: 5 } });
    const r = verifyCredential(jws, { bundle: w.bundle, time: AT });
    expect(r.subIndication).toBe('POLICY_FAILURE');
    expect(byId(r.checks, 'credential.issuer.authorised')?.details?.problem).toBe('certificate-not-listed');
  });

  const bad = (field: 'certificateIdentifier' | 'certificateHolderCode' | 'issueDeptCode', rec = BUSINESS) => {
    const v = rec[field];
    const last = v[v.length - 1]!;
    return { ...rec, [field]: v.slice(0, -1) + (last === '0' ? '1' : '0') };
  };

  it.each([
    ['certificateIdentifier', 'license.id.check-character'],
    ['certificateHolderCode', 'license.holder.uscc'],
    ['issueDeptCode', 'license.issuer.uscc'],
  ] as const)('a wrong check character in %s → %s (warning by default, FAILED with codes: fail); strict issuance refuses it', (field, id) => {
    const record = bad(field);
    expect(() => issueCredential({ record, key: w.pki.signerKey, certificate: w.pki.signer })).toThrow(FormatError);
    const { jws } = issueCredential({ record, key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate], status: { listId: LIST_ID, index: 5 }, strict: false });
    const warn = verifyCredential(jws, { bundle: w.bundle, time: AT });
    expect(byId(warn.checks, id)?.status).toBe('warning');
    const strict = verifyCredential(jws, { bundle: w.bundle, time: AT, codes: 'fail' });
    expect(strict.indication).toBe('FAILED');
    expect(byId(strict.checks, id)?.status).toBe('failed');
    expect(byId(strict.checks, id)?.message.en).toMatch(/check character/);
  });

  it('a wrong check digit in a resident ID number → license.holder.resident-id', () => {
    const record = bad('certificateHolderCode', exampleRecord('11100000000013338W901'));
    const { jws } = issueCredential({ record, key: w.pki.signerKey, certificate: w.pki.signer, strict: false });
    const r = verifyCredential(jws, { bundle: w.bundle, time: AT, codes: 'fail' });
    expect(byId(r.checks, 'license.holder.resident-id')?.status).toBe('failed');
    expect(byId(r.checks, 'license.holder.resident-id')?.message.en).toMatch(/check/i);
  });

  it('a QR in the credential that does not match the record → FAILED (credential.qr.consistent)', () => {
    const good = issue(w);
    const other = issue(w, { record: { ...w.record, certificateHolder: '别家公司' } });
    const forged = signJws({ ...good.payload, qr: other.qr }, { key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate], typ: 'vc+jwt' });
    const r = verifyCredential(forged, { bundle: w.bundle, time: AT });
    expect(r.indication).toBe('FAILED');
    expect(notPassed(r)).toEqual(['credential.qr.consistent:failed']);
  });

  it('hostile input → FAILED with a reason, never a throw', () => {
    const status = w.list; // a JWS of another type (statuslist), validly signed
    const cases: [unknown, RegExp][] = [
      ['not a jws', /3/],
      ['a.b.c', /base64url|JSON|UTF-8/],
      [`${base64urlEncode('{"alg":"none","typ":"vc+jwt"}')}.${base64urlEncode('{}')}.`, /unsigned/],
      [status, /typ/],
      [`${issue(w).jws.split('.')[0]}.${base64urlEncode('x'.repeat(70_000))}.AAAA`, /exceeds/],
      [null, /string/],
    ];
    for (const [input, why] of cases) {
      const r = verifyCredential(input as string, { bundle: w.bundle, time: AT });
      expect(r.indication).toBe('FAILED');
      const f = all(r).find((c) => c.status === 'failed');
      expect(String(f?.details?.reason ?? f?.message.en)).toMatch(why);
    }
  });

  it('payload that is signed but not a licence credential → FAILED (credential.payload)', () => {
    const jws = signJws({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] }, { key: w.pki.signerKey, certificate: w.pki.signer, chain: [w.pki.intermediate], typ: 'vc+jwt' });
    const r = verifyCredential(jws, { bundle: w.bundle, time: AT });
    expect(r.subIndication).toBe('FORMAT_FAILURE');
    expect(notPassed(r)).toEqual(['credential.payload:failed']);
  });
});
