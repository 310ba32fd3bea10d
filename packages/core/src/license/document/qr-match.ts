// license.document.qr: the QR codes on page 1 against the embedded credential. Every licence QR (HY1:) found must
// verify with the credential's signing certificate (verifyQrPayload with that certificate as the only candidate and
// the credential's record for the digest) and state the same licence: identifier, type, holder, holder code, issuer,
// area, validity dates and status entry. Other QR codes (a web address, say) are listed and ignored; none at all
// fails: a licence page shows its QR code.
import { decodeQrPayload, QR_PREFIX } from '../../credential/qr/payload.js';
import { verifyQrPayload } from '../../credential/qr/verify.js';
import type { PayloadShape } from '../../credential/payload.js';
import type { Certificate } from '../../pki/certificate.js';
import { check, withDetail } from '../../report/check.js';
import type { Check } from '../../report/types.js';
import type { LicenseRecord } from '../model.js';
import { LICENSE_DOCUMENT_CHECKS as C } from './checks.js';

export interface CredentialFacts {
  /** The credential's record as signed (credentialSubject), and as parsed. */
  subject: unknown;
  record: LicenseRecord;
  shape: PayloadShape;
  /** The credential's x5c leaf. */
  leaf: Certificate;
}

const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);

/** Why one QR text is not the credential's licence, or undefined when it is. */
function mismatch(text: string, f: CredentialFacts, time: Date): string | undefined {
  const v = verifyQrPayload(text, { certificates: [f.leaf], record: f.subject, time, requireAuthorisation: false });
  const all = [...v.signatures.flatMap((s) => s.checks), ...v.checks];
  const status = (id: string) => all.find((c) => c.id === id)?.status;
  if (status('credential.qr.format') !== 'passed') return all.find((c) => c.id === 'credential.qr.format')?.message.en ?? 'unreadable QR payload';
  if (status('credential.qr.signature') !== 'passed') {
    return status('credential.qr.signer') === 'passed' ? 'its signature does not verify' : 'it is not signed with the credential\'s certificate';
  }
  const c = decodeQrPayload(text).claims;
  const r = f.record;
  const diffs: string[] = [];
  if (c.identifier !== r.certificateIdentifier) diffs.push('identifier');
  if (c.typeCode !== r.certificateTypeCode) diffs.push('type code');
  if (c.holder !== r.certificateHolder) diffs.push('holder');
  if (c.holderCode !== r.certificateHolderCode) diffs.push('holder code');
  if (c.issuerCode !== f.shape.issuerCode) diffs.push('issuer code');
  if (c.areaCode !== r.certificateAreaCode) diffs.push('area code');
  if (c.validFrom !== seconds(f.shape.validFrom)) diffs.push('valid from');
  if ((c.validUntil ?? null) !== (f.shape.validUntil ? seconds(f.shape.validUntil) : null)) diffs.push('valid until');
  if ((c.statusList ?? null) !== (f.shape.status?.listId ?? null) || (c.statusIndex ?? null) !== (f.shape.status?.index ?? null)) diffs.push('status entry');
  if (status('credential.qr.record-digest') !== 'passed') diffs.push('record digest');
  return diffs.length ? `it differs in: ${diffs.join(', ')}` : undefined;
}

export function qrCheck(qrTexts: readonly string[], f: CredentialFacts, time: Date, imagesSearched: number): Check {
  const licence = qrTexts.filter((t) => t.trim().startsWith(QR_PREFIX));
  const others = qrTexts.length - licence.length;
  const details: Record<string, unknown> = { found: qrTexts.length, licenceCodes: licence.length, otherCodes: others, imagesSearched };
  if (licence.length === 0) {
    const en = qrTexts.length ? `${others} QR code(s) on page 1, none is a licence QR code (${QR_PREFIX})` : `no QR code found in the ${imagesSearched} image(s) of page 1`;
    const zh = qrTexts.length ? `第 1 页有 ${others} 个二维码，但都不是证照二维码（${QR_PREFIX}）` : `第 1 页的 ${imagesSearched} 个图像中没有找到二维码`;
    return check(C.qr, 'failed', { message: withDetail(C.qr.failed, zh, en), details: { ...details, reason: en } });
  }
  const bad: string[] = [];
  for (const [i, t] of licence.entries()) {
    let why: string | undefined;
    try {
      why = mismatch(t, f, time);
    } catch (e) {
      why = e instanceof Error ? e.message : String(e);
    }
    if (why) bad.push(licence.length > 1 ? `QR code ${i + 1}: ${why}` : why);
  }
  if (bad.length) {
    const en = bad.join('; ');
    return check(C.qr, 'failed', { message: withDetail(C.qr.failed, `二维码不是凭证所载证照：${en}`, en), details: { ...details, reason: en } });
  }
  return check(C.qr, 'passed', { details });
}
