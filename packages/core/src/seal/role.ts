// A seal signature involves several certificates (maker, signer, TSAs) whose path checks share the pki.* ids.
// Each such check is labelled with the certificate's role, in its message and in details.role.
import type { Check } from '../report/types.js';

export type CertificateRole = 'maker' | 'signer' | 'seal-tsa' | 'signature-tsa';

const LABEL: Record<CertificateRole, { zh: string; en: string }> = {
  maker: { zh: '制章者证书', en: 'Seal maker certificate' },
  signer: { zh: '签章者证书', en: 'Signer certificate' },
  'seal-tsa': { zh: '印章时间戳', en: 'Seal timestamp' },
  'signature-tsa': { zh: '签章时间戳', en: 'Signature timestamp' },
};

export function withRole(checks: readonly Check[], role: CertificateRole): Check[] {
  const l = LABEL[role];
  return checks.map((c) => ({
    ...c,
    message: { zh: `${l.zh}：${c.message.zh}`, en: `${l.en}: ${c.message.en}` },
    details: { ...(c.details ?? {}), role },
  }));
}

/**
 * Chinese seal-system certificates often carry an extended key usage for something else (serverAuth on the Shandong
 * seal maker, for one) while their key usage allows signing. GB/T 38540 asks for key usage; an unfitting EKU on a
 * seal maker or signer certificate is reported as a warning, not a failure. Key usage itself stays strict.
 */
export function softenEku(checks: readonly Check[]): Check[] {
  return checks.map((c) => {
    if (c.id !== 'pki.cert.ext-key-usage' || c.status !== 'failed') return c;
    const { subIndication: _drop, ...rest } = c;
    void _drop;
    return {
      ...rest,
      status: 'warning',
      message: { zh: `${c.message.zh}；印章系统证书常见，按警告处理`, en: `${c.message.en}; common for seal-system certificates, reported as a warning` },
    };
  });
}
