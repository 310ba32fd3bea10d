// The certificate-path checks say "valid at the proven signing time" when given a reference time (poeTime). For a
// seal maker that time is not always a proven signing time: GM/T 0031-2025 judges the maker certificate at the seal's
// createDate, which the seal itself states (claimed, not proven), or at the seal timestamp. Name the time that was used.
import { PKI_CHECKS } from '../pki/checks.js';
import type { Check, Message } from '../report/types.js';

export type PoeSource = 'signing-time' | 'create-date' | 'seal-timestamp';

const WHEN: Record<Exclude<PoeSource, 'signing-time'>, { validity: Message; revokedAfter: Message; revokedBefore: Message; at: (iso: string) => Message }> = {
  'create-date': {
    validity: { zh: '证书已过期，但在印章制作日期（印章所声明的 createDate，GM/T 0031-2025 以此为准）处于有效期内', en: "Certificate has expired, but was valid at the seal's creation date (the createDate the seal states, which GM/T 0031-2025 judges it at)" },
    revokedAfter: { zh: '证书在印章制作日期（印章所声明）之后被吊销', en: "Certificate was revoked after the seal's creation date (as the seal states it)" },
    revokedBefore: { zh: '证书在印章制作日期之前已被吊销', en: 'Certificate was revoked before the seal was created' },
    at: (t) => ({ zh: `印章制作日期 ${t}（印章所声明，未经时间戳证明）`, en: `seal created ${t} (as the seal states, not proven by a timestamp)` }),
  },
  'seal-timestamp': {
    validity: { zh: '证书已过期，但在印章时间戳证明的时间处于有效期内', en: 'Certificate has expired, but was valid at the time the seal timestamp proves' },
    revokedAfter: { zh: '证书在印章时间戳证明的时间之后被吊销', en: 'Certificate was revoked after the time the seal timestamp proves' },
    revokedBefore: { zh: '证书在印章时间戳时间之前已被吊销', en: 'Certificate was revoked before the seal timestamp time' },
    at: (t) => ({ zh: `印章时间戳 ${t}`, en: `seal timestamp ${t}` }),
  },
};

function swap(m: Message, from: Message, to: Message): Message {
  return { zh: m.zh.replace(from.zh, to.zh), en: m.en.replace(from.en, to.en) };
}

/** Reword the validity and revocation checks of a path validated with `poeTime` taken from `source`. */
export function namePoe(checks: readonly Check[], source: PoeSource, poeTime: Date): Check[] {
  if (source === 'signing-time') return [...checks];
  const w = WHEN[source];
  const iso = poeTime.toISOString();
  const provenAt: Message = { zh: `签名时间 ${iso} 已证明`, en: `signing time ${iso} proven` };
  return checks.map((c) => {
    let message = c.message;
    if (c.id === PKI_CHECKS.validity.id && c.status === 'warning') message = swap(swap(message, PKI_CHECKS.validity.warning!, w.validity), provenAt, w.at(iso));
    else if (c.id === PKI_CHECKS.revocation.id && c.status === 'warning') message = swap(message, PKI_CHECKS.revocation.warning!, w.revokedAfter);
    else if (c.id === PKI_CHECKS.revocation.id && c.status === 'failed') message = swap(message, PKI_CHECKS.revocation.failed, w.revokedBefore);
    else return c;
    return { ...c, message, details: { ...(c.details ?? {}), referenceTime: source } };
  });
}
