import { describe, expect, it } from 'vitest';
import { ADVICE, adviceFor } from './advice.js';
import { SUB_INDICATION_LABELS } from './labels.js';

describe('adviceFor', () => {
  it('has no advice for PASSED', () => {
    expect(adviceFor({ indication: 'PASSED' })).toBeUndefined();
  });

  it('maps the sub-indications named in the brief', () => {
    expect(adviceFor({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' })?.en).toMatch(/--trust/);
    expect(adviceFor({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' })?.en).toMatch(/fresh CRL/);
    expect(adviceFor({ indication: 'FAILED', subIndication: 'HASH_FAILURE' })?.en).toMatch(/changed after signing: reject/);
  });

  it('falls back per indication for an unknown or missing sub-indication', () => {
    expect(adviceFor({ indication: 'FAILED' })?.zh).toMatch(/拒绝/);
    expect(adviceFor({ indication: 'INDETERMINATE', subIndication: 'SOMETHING_NEW' })?.en).toMatch(/cannot tell/);
  });

  it('every sub-indication has advice and a label in both languages', () => {
    for (const [sub, m] of Object.entries(SUB_INDICATION_LABELS)) {
      const a = (ADVICE as Record<string, { zh: string; en: string } | undefined>)[sub];
      expect(a, sub).toBeDefined();
      expect(a!.zh.length * a!.en.length * m.zh.length * m.en.length, sub).toBeGreaterThan(0);
      expect(/[\u4e00-\u9fff]/.test(a!.zh), `${sub} zh is Chinese`).toBe(true);
    }
  });
});
