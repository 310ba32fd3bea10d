import { describe, expect, it } from 'vitest';
import { renderText, sanitizeForTerminal } from './render-text.js';
import type { Report } from './types.js';

const base: Report = {
  input: { name: 'licence.p7s', sha256: 'a'.repeat(64), size: 1234 },
  format: 'cms',
  indication: 'FAILED',
  subIndication: 'HASH_FAILURE',
  validationTime: '2024-05-01T00:00:00.000Z',
  signatures: [
    {
      index: 0,
      kind: 'cms',
      indication: 'FAILED',
      subIndication: 'HASH_FAILURE',
      algorithm: 'sm2-with-sm3',
      signingTime: '2024-04-30T10:00:00.000Z',
      signer: {
        subject: 'CN=Signer',
        issuer: 'CN=Issuing CA',
        serialNumber: '1f',
        notBefore: '2024-01-01T00:00:00.000Z',
        notAfter: '2026-01-01T00:00:00.000Z',
        publicKeyAlgorithm: 'sm2',
        fingerprintSha256: 'b'.repeat(64),
      },
      checks: [
        { id: 'cms.message-digest', status: 'failed', subIndication: 'HASH_FAILURE', message: { zh: '消息摘要不符', en: 'Message digest mismatch' } },
        { id: 'pki.path.build', status: 'passed', message: { zh: '已找到证书链', en: 'Chain found' } },
        { id: 'cms.signing-time', status: 'warning', message: { zh: '签名时间晚于证书', en: 'Odd signing time' }, details: { t: 1 } },
      ],
    },
  ],
  checks: [],
  advice: { zh: '签名后内容被修改：拒绝该文件', en: 'the content was changed after signing: reject it' },
};

describe('renderText', () => {
  it('simple report: verdict in both languages, signer, time, algorithm, failed and warning checks only', () => {
    const t = renderText(base);
    expect(t).toContain('licence.p7s');
    expect(t).toMatch(/结论 Verdict: ✗ 不通过 FAILED \(摘要不符（内容被修改）\/? ?.*HASH_FAILURE\)/);
    expect(t).toContain('签名者 Signer: CN=Signer');
    expect(t).toContain('声称的签名时间 Claimed signing time: 2024-04-30T10:00:00.000Z');
    expect(t).toContain('算法 Algorithm: sm2-with-sm3');
    expect(t).toContain('消息摘要不符 / Message digest mismatch [cms.message-digest]');
    expect(t).toContain('Odd signing time [cms.signing-time]');
    expect(t).not.toContain('pki.path.build');
    expect(t).toContain('建议 Advice: 签名后内容被修改：拒绝该文件 / the content was changed after signing: reject it');
    expect(t).not.toContain('\x1b[');
  });

  it('detailed report lists every check with its id and details', () => {
    const t = renderText(base, { verbose: true });
    expect(t).toContain('[pki.path.build]');
    expect(t).toContain('{"t":1}');
    expect(t).toContain(`sha256 ${'a'.repeat(64)}`);
  });

  it('one language on request', () => {
    const zh = renderText(base, { language: 'zh' });
    expect(zh).toContain('结论: ✗ 不通过');
    expect(zh).not.toContain('Verdict');
    const en = renderText(base, { language: 'en' });
    expect(en).toContain('Verdict: ✗ FAILED');
    expect(en).not.toContain('结论');
  });

  it('colour only when asked', () => {
    expect(renderText(base, { colour: true })).toContain('\x1b[31m');
    const passed = renderText({ ...base, indication: 'PASSED', subIndication: undefined, signatures: [], advice: undefined }, { colour: true });
    expect(passed).toContain('\x1b[32m');
  });

  it('neutralises terminal escapes smuggled in names and messages', () => {
    const evil: Report = {
      ...base,
      input: { ...base.input, name: 'a\x1b[2J\x1b[32mPASSED\nb' },
      signatures: [{ ...base.signatures[0]!, signer: { ...base.signatures[0]!.signer!, subject: 'CN=\u202eevil\x07' } }],
    };
    const t = renderText(evil);
    expect(t).not.toContain('\x1b');
    expect(t).not.toContain('\u202e');
    expect(t).not.toContain('\x07');
    expect(t.split('\n')[0]).toBe('a\\u001b[2J\\u001b[32mPASSED b');
    expect(sanitizeForTerminal('x\ty')).toBe('x y');
  });

  it('shows the licence fields (labels in both languages, display order) before the signatures', () => {
    const t = renderText({
      ...base,
      format: 'credential',
      license: {
        identifier: 'x',
        fields: [
          { key: 'certificateHolder', label: { zh: '持证主体', en: 'Holder' }, value: '核验测试有限公司' },
          { key: 'certificateNumber', label: { zh: '证照编号', en: 'Number' }, value: 'No.\u001b[2J1' },
          { key: 'broken', value: 3 },
        ],
      },
    });
    const lines = t.split('\n');
    const at = lines.indexOf('  证照信息 Licence:');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('    持证主体 Holder: 核验测试有限公司');
    expect(lines[at + 2]).toBe('    证照编号 Number: No.\\u001b[2J1');
    expect(lines.findIndex((l) => l.includes('Signature #1'))).toBeGreaterThan(at + 2);
    expect(t).not.toContain('broken');
    expect(renderText(base)).not.toContain('Licence:');
  });
});
