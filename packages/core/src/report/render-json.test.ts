import { describe, expect, it } from 'vitest';
import { renderJson, renderJsonBatch, toJsonValue } from './render-json.js';
import type { Report } from './types.js';

// Keys deliberately written in a scrambled order: the renderer must put them in the documented order.
const report = {
  checks: [{ message: { en: 'Input format recognised', zh: '已识别输入格式' }, status: 'passed', id: 'verify.input.format' }],
  signatures: [
    {
      checks: [
        {
          details: { zeta: 1, alpha: new Date('2024-01-02T03:04:05Z'), bytes: Uint8Array.of(0xde, 0xad) },
          subIndication: 'SIG_CRYPTO_FAILURE',
          status: 'failed',
          id: 'verify.raw.signature',
          message: { en: 'Signature value does not verify', zh: '签名值验证失败' },
        },
      ],
      indication: 'FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
      kind: 'raw',
      index: 0,
      algorithm: 'sm2-with-sm3',
      signer: {
        fingerprintSha256: 'ff',
        publicKeyAlgorithm: 'sm2',
        notAfter: '2030-01-01T00:00:00.000Z',
        notBefore: '2020-01-01T00:00:00.000Z',
        serialNumber: '01',
        issuer: 'CN=CA',
        subject: 'CN=Signer',
      },
    },
  ],
  advice: { en: 'reject it', zh: '拒绝' },
  validationTime: '2024-01-01T00:00:00.000Z',
  subIndication: 'SIG_CRYPTO_FAILURE',
  indication: 'FAILED',
  format: 'raw-signature',
  input: { size: 3, sha256: 'abc', name: 'x.sig' },
} as unknown as Report;

describe('renderJson', () => {
  it('orders keys as documented, whatever order the object was built in', () => {
    const v = JSON.parse(renderJson(report)) as Record<string, any>;
    expect(Object.keys(v)).toEqual(['input', 'format', 'indication', 'subIndication', 'validationTime', 'signatures', 'checks', 'advice']);
    expect(Object.keys(v.input)).toEqual(['name', 'sha256', 'size']);
    expect(Object.keys(v.signatures[0])).toEqual(['index', 'kind', 'indication', 'subIndication', 'signer', 'algorithm', 'checks']);
    expect(Object.keys(v.signatures[0].signer)).toEqual([
      'subject', 'issuer', 'serialNumber', 'notBefore', 'notAfter', 'publicKeyAlgorithm', 'fingerprintSha256',
    ]);
    expect(Object.keys(v.signatures[0].checks[0])).toEqual(['id', 'status', 'subIndication', 'message', 'details']);
    expect(Object.keys(v.signatures[0].checks[0].message)).toEqual(['zh', 'en']);
    expect(Object.keys(v.advice)).toEqual(['zh', 'en']);
  });

  it('sorts free-form detail keys and converts Dates to ISO and bytes to hex', () => {
    const v = JSON.parse(renderJson(report)) as Record<string, any>;
    expect(v.signatures[0].checks[0].details).toEqual({ alpha: '2024-01-02T03:04:05.000Z', bytes: 'dead', zeta: 1 });
    expect(Object.keys(v.signatures[0].checks[0].details)).toEqual(['alpha', 'bytes', 'zeta']);
  });

  it('is byte-identical for equal reports built differently (stable output)', () => {
    const copy = JSON.parse(JSON.stringify(report)) as Report;
    // Rebuild with reversed key order everywhere.
    const reverse = (x: unknown): unknown =>
      Array.isArray(x) ? x.map(reverse) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reverse(v)])) : x;
    const a = renderJson(copy);
    const b = renderJson(reverse(copy) as Report);
    expect(a).toBe(b);
  });

  it('drops undefined members, survives cycles, bigints and NaN dates', () => {
    const cyclic: Record<string, unknown> = { a: 1n, b: undefined, c: new Date(NaN) };
    cyclic.self = cyclic;
    expect(toJsonValue(cyclic)).toEqual({ a: '1', c: null, self: null });
  });

  it('batch output has the summary first and counts by indication', () => {
    const passed = { ...report, indication: 'PASSED' } as Report;
    const ind = { ...report, indication: 'INDETERMINATE' } as Report;
    const v = JSON.parse(renderJsonBatch([report, passed, ind, passed])) as Record<string, any>;
    expect(Object.keys(v)).toEqual(['summary', 'reports']);
    expect(v.summary).toEqual({ total: 4, passed: 2, failed: 1, indeterminate: 1 });
    expect(v.reports.map((r: Report) => r.indication)).toEqual(['FAILED', 'PASSED', 'INDETERMINATE', 'PASSED']);
    expect(JSON.parse(renderJsonBatch([]))).toEqual({ summary: { total: 0, passed: 0, failed: 0, indeterminate: 0 }, reports: [] });
  });
});
