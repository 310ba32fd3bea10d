// The time rules of ocspStatusFor on responses issued here (their signatures are checked elsewhere): current window
// with skew, no nextUpdate, newest current wins, permanent revocation whatever the age, hold vs later "good".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPrivateKey } from '../../crypto/index.js';
import { loadCertificates } from '../load.js';
import { issueOcspResponse, type OcspEntryInput } from './issue-ocsp.js';
import { ocspStatusFor } from './status.js';

const fixtures = fileURLToPath(new URL('../../../../../fixtures/pki/p256/', import.meta.url));
const ca = loadCertificates(readFileSync(join(fixtures, 'intermediate.pem')))[0]!;
const leaf = loadCertificates(readFileSync(join(fixtures, 'signer.pem')))[0]!;
const caKey = importPrivateKey(readFileSync(join(fixtures, 'intermediate.key.pem')));
const at = (s: string) => new Date(`${s}T00:00:00Z`);
const MIN = 60_000;

function resp(entry: Omit<OcspEntryInput, 'cert'>, thisUpdate: Date, nextUpdate?: Date) {
  return issueOcspResponse({ responderKey: caKey, responderCert: ca, issuer: ca, entries: [{ cert: leaf, ...entry }], producedAt: thisUpdate, thisUpdate, ...(nextUpdate ? { nextUpdate } : {}) });
}

describe('ocspStatusFor time rules', () => {
  const good = resp({ status: 'good' }, at('2030-01-01'), at('2030-01-08'));

  it('current between thisUpdate and nextUpdate, with 5 minutes of skew each side', () => {
    expect(ocspStatusFor(leaf, ca, [good], at('2030-01-05'))).toMatchObject({ status: 'good', basis: 'current' });
    expect(ocspStatusFor(leaf, ca, [good], new Date(at('2030-01-08').getTime() + 4 * MIN))).toMatchObject({ basis: 'current' });
    expect(ocspStatusFor(leaf, ca, [good], new Date(at('2030-01-08').getTime() + 6 * MIN))).toBeUndefined();
    // Before thisUpdate: a "good" issued later than the time proves "not revoked then".
    expect(ocspStatusFor(leaf, ca, [good], new Date(at('2030-01-01').getTime() - 4 * MIN))).toMatchObject({ basis: 'current' });
    expect(ocspStatusFor(leaf, ca, [good], at('2029-06-01'))).toMatchObject({ status: 'good', basis: 'later' });
    // Options change the window.
    expect(ocspStatusFor(leaf, ca, [good], new Date(at('2030-01-08').getTime() + 4 * MIN), { skewMs: 0 })).toBeUndefined();
  });

  it('no nextUpdate: current for 24 hours (configurable)', () => {
    const open = resp({ status: 'good' }, at('2030-01-01'));
    expect(ocspStatusFor(leaf, ca, [open], new Date(at('2030-01-01').getTime() + 23 * 60 * MIN))).toMatchObject({ basis: 'current' });
    expect(ocspStatusFor(leaf, ca, [open], at('2030-01-03'))).toBeUndefined();
    expect(ocspStatusFor(leaf, ca, [open], at('2030-01-03'), { maxAgeWithoutNextUpdateMs: 3 * 24 * 60 * MIN })).toMatchObject({ basis: 'current' });
  });

  it('a revocation counts whatever the response age; the earliest revocation time wins', () => {
    const r1 = resp({ status: 'revoked', revocationTime: at('2029-03-01'), reason: 'keyCompromise' }, at('2029-03-02'), at('2029-03-03'));
    const r2 = resp({ status: 'revoked', revocationTime: at('2029-02-01'), reason: 'superseded' }, at('2029-02-02'), at('2029-02-03'));
    expect(ocspStatusFor(leaf, ca, [good, r1, r2], at('2030-01-05'))).toMatchObject({ status: 'revoked', reason: 'superseded', basis: 'revoked' });
  });

  it('the newest current response decides; a current hold beats a later "good", a current "unknown" does not', () => {
    const newer = resp({ status: 'unknown' }, at('2030-01-03'), at('2030-01-10'));
    const later = resp({ status: 'good' }, at('2030-02-01'), at('2030-02-08'));
    expect(ocspStatusFor(leaf, ca, [good, newer], at('2030-01-05'))).toMatchObject({ status: 'unknown' });
    expect(ocspStatusFor(leaf, ca, [newer, later], at('2030-01-05'))).toMatchObject({ status: 'good', basis: 'later' });
    const hold = resp({ status: 'revoked', revocationTime: at('2030-01-02'), reason: 'certificateHold' }, at('2030-01-04'), at('2030-01-10'));
    expect(ocspStatusFor(leaf, ca, [hold, later], at('2030-01-05'))).toMatchObject({ status: 'revoked', reason: 'certificateHold', basis: 'current' });
  });
});
