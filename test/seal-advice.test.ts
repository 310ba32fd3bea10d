// Advice keyed by the failed check, not only the sub-indication: a seal used after it expired is EXPIRED like an
// expired certificate, but "add a timestamp" cannot help it; the clerk must reject it or ask for a fresh copy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adviceFor, check, verify, type Check } from '@heyan/core';
import { SEAL_CHECKS } from '../packages/core/src/seal/checks.js';

const corpus = (name: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../shared/corpus/ofd-ses/${name}`, import.meta.url))));

describe('advice for seals used outside their validity', () => {
  it('ofdrw-SESV4SignDoc.ofd (sealed 2026 with a seal valid to 2022): reject / fresh copy, no timestamp advice', async () => {
    const r = await verify(corpus('ofd/ofdrw-SESV4SignDoc.ofd'), { at: new Date('2026-08-04T02:08:09Z') });
    expect(r.indication).toBe('FAILED');
    expect(r.subIndication).toBe('EXPIRED');
    expect(r.advice?.en).toBe('the seal had expired when the document was signed (no timestamp can change that): reject it, or ask the issuer for a freshly sealed copy');
    expect(r.advice?.zh).toMatch(/印章已过有效期.*拒绝该文件/);
    expect(r.advice?.en).not.toMatch(/timestamp from signing time/);
  });

  it('the check decides only when it carries the deciding sub-indication; otherwise the sub-indication advice stays', () => {
    const sealExpired: Check = check(SEAL_CHECKS.validity, 'failed', { subIndication: 'EXPIRED', details: { at: 'signing-time' } });
    const bareExpired: Check = check(SEAL_CHECKS.validity, 'failed', { subIndication: 'EXPIRED', details: { at: 'validation-time' } });
    const signerExpired: Check = check(SEAL_CHECKS.signerValidity, 'failed', { subIndication: 'EXPIRED' });
    const verdict = { indication: 'FAILED', subIndication: 'EXPIRED' } as const;
    expect(adviceFor(verdict, [sealExpired])?.en).toMatch(/^the seal had expired when the document was signed/);
    expect(adviceFor(verdict, [signerExpired])?.en).toMatch(/^the signer's certificate had expired when the document was sealed/);
    expect(adviceFor(verdict, [bareExpired])?.en).toBe('the seal has expired: ask the issuer for a current seal');
    // Another deciding sub-indication: the seal check is not what failed the report.
    expect(adviceFor({ indication: 'FAILED', subIndication: 'HASH_FAILURE' }, [sealExpired])?.en).toMatch(/changed after signing/);
    // No checks given: the sub-indication's advice, as before.
    expect(adviceFor(verdict)?.en).toMatch(/add a timestamp from signing time/);
  });
});
