// verifyLicenseDocument: the licence layer of a licence PDF / OFD, on top of the document's own verification
// (verifyPdf / verifyOfd). The embedded credential is verified in full (verifyCredential: signature, record,
// authority, validity, status) and the document must agree with it: every document signature valid and trusted,
// the issuer's document signature made with the credential's key, the metadata identifier, the QR code on the page
// and the page text all the credential's licence. Undefined when the document carries no licence parts at all.
// Never throws.
import type { StatusRegistry } from '../../credential/trust-types.js';
import { readCredentialPayload, type PayloadShape } from '../../credential/payload.js';
import { decodeQrPayload, QR_PREFIX } from '../../credential/qr/payload.js';
import { verifyCredential, type CredentialVerification } from '../../credential/verify.js';
import type { PdfDocument } from '../../pdf/document/index.js';
import type { Certificate, TrustStore } from '../../pki/index.js';
import { check, withDetail } from '../../report/check.js';
import { verdictOf, worstOf, type Verdict } from '../../report/indication.js';
import type { Check, LicenseSummary, Message, SignatureReport } from '../../report/types.js';
import type { TrustBundle } from '../../trust/bundle.js';
import { parseLicenseRecord } from '../parse-record.js';
import { licenceDocumentAdvice } from './advice.js';
import { LICENSE_DOCUMENT_CHECKS as C } from './checks.js';
import { CREDENTIAL_FILE_NAME } from './names.js';
import { qrCheck, type CredentialFacts } from './qr-match.js';
import { readOfdLicenseParts } from './read-ofd.js';
import { readPdfLicenseParts, readPdfParts } from './read-pdf.js';
import { credentialLeaf, documentSignerCertificate, issuerSignature } from './signers.js';
import { expectedValues, missingValues } from './text-match.js';
import { metadataIdentifier, type LicenseParts } from './types.js';

export interface LicenseDocumentOptions {
  /** Validation time (verify's `at`, else now). */
  time: Date;
  bundle?: TrustBundle;
  trust?: TrustStore;
  /** Point-in-time licence status from an issuer registry, used instead of status lists. */
  statusRegistry?: StatusRegistry;
  /** A status list (compact JWS) to use instead of the bundle's. */
  statusList?: string;
  /** Extra certificates given by the caller (not needed: the credential carries its chain). */
  certificates?: readonly Certificate[];
  /** Parts already read (tests, callers that read them for display); read from `bytes` when absent. */
  parts?: LicenseParts;
  /** PDF only: an already opened document model to read the parts from. */
  pdf?: PdfDocument;
}

/** The document's own verification, as verifyPdf / verifyOfd report it. */
export interface DocumentVerification {
  checks: readonly Check[];
  signatures: readonly SignatureReport[];
}

export interface LicenseDocumentLayer {
  /** license.document.* checks with the embedded credential's own checks (credential.*, license.*) after `.credential`. */
  checks: Check[];
  /** The embedded credential's signature (kind 'jws'), to be listed after the document's signatures. */
  signatures: SignatureReport[];
  /** The credential's licence summary (credential/summary.ts) plus `document`: what the document itself showed. */
  license: LicenseSummary;
  /** Worst of the document's verdict, the credential's and the layer checks', in that order. */
  verdict: Verdict;
  /** The clerk's next step when not PASSED and a licence-specific one applies. */
  advice?: Message;
}

function sigVerdict(s: SignatureReport): Verdict {
  return s.subIndication ? { indication: s.indication, subIndication: s.subIndication } : { indication: s.indication };
}

function failed(def: (typeof C)[keyof typeof C], zh: string, en: string, details: Record<string, unknown> = {}, subIndication?: Check['subIndication']): Check {
  return check(def, 'failed', { message: withDetail(def.failed, zh, en), details: { reason: en, ...details }, ...(subIndication ? { subIndication } : {}) });
}

function recognisedCheck(p: LicenseParts): Check {
  const details = {
    format: p.format,
    credentialFile: p.credentialAttached ? CREDENTIAL_FILE_NAME : null,
    metadataIdentifier: metadataIdentifier(p) ?? null,
    textItems: p.text.length,
    qrCodes: p.qrTexts.length,
    imagesSearched: p.imagesSearched,
    ...(p.problems.length ? { problems: p.problems } : {}),
  };
  if (p.problems.length === 0) return check(C.recognised, 'passed', { details });
  const en = p.problems.slice(0, 5).join('; ') + (p.problems.length > 5 ? `; ${p.problems.length - 5} more` : '');
  return check(C.recognised, 'warning', { message: withDetail(C.recognised.warning!, en, en), details });
}

/**
 * The licence the document names apart from its credential: its metadata identifier and the identifiers its licence
 * QR codes claim (decoded only; the QR check verifies them) — when they all name one licence. Undefined when they
 * name none, or disagree among themselves (then the identifier / QR checks say which part is off).
 */
function documentLicence(p: LicenseParts): { identifier: string; by: string[] } | undefined {
  const named: { by: string; id: string }[] = [];
  const meta = metadataIdentifier(p);
  if (meta !== undefined) named.push({ by: p.format === 'pdf' ? 'XMP hy:identifier' : 'CustomData licenseIdentifier', id: meta });
  for (const t of p.qrTexts) {
    if (!t.trim().startsWith(QR_PREFIX)) continue;
    try {
      const id = decodeQrPayload(t).claims.identifier;
      if (typeof id === 'string') named.push({ by: 'QR code', id });
    } catch {
      // An unreadable QR names no licence: the QR check reports it.
    }
  }
  const ids = new Set(named.map((n) => n.id));
  if (ids.size !== 1) return undefined;
  return { identifier: named[0]!.id, by: [...new Set(named.map((n) => n.by))] };
}

function credentialCheck(p: LicenseParts, cred: CredentialVerification | undefined, f: CredentialFacts | undefined): Check {
  if (!p.credentialAttached) return failed(C.credential, `文件没有内嵌 ${CREDENTIAL_FILE_NAME}`, `the document has no embedded ${CREDENTIAL_FILE_NAME}`);
  if (!cred) {
    const why = p.problems.find((x) => x.includes(CREDENTIAL_FILE_NAME)) ?? `${CREDENTIAL_FILE_NAME} holds no usable credential`;
    return failed(C.credential, why, why);
  }
  const sig = cred.signatures[0];
  const details = { indication: cred.indication, ...(cred.subIndication ? { subIndication: cred.subIndication } : {}), signer: sig?.signer?.subject ?? null };
  if (!sig || sig.indication === 'FAILED') {
    const why = sig?.checks.find((c) => c.status === 'failed')?.message ?? { zh: '签名无效', en: 'the signature is invalid' };
    return failed(C.credential, why.zh, why.en, details, sig?.subIndication ?? 'SIG_CRYPTO_FAILURE');
  }
  if (sig.indication === 'INDETERMINATE') {
    const why = sig.checks.find((c) => c.status === 'indeterminate')?.message ?? { zh: '签名者无法确认', en: 'the signer cannot be confirmed' };
    return check(C.credential, 'indeterminate', { message: withDetail(C.credential.indeterminate!, why.zh, why.en), details, ...(sig.subIndication ? { subIndication: sig.subIndication } : {}) });
  }
  // A valid credential of another licence (swapped in, or issued into the wrong file): the document's metadata and
  // QR codes agree on one licence and the credential is another.
  // Defensive: a credential that verifies but cannot be compared would leave signer / identifier / QR / text
  // skipped under a PASSED verdict.
  if (!f && cred.indication === 'PASSED') {
    const en = 'the credential verifies, but its licence record or signer certificate cannot be read to compare with the document';
    return failed(C.credential, '凭证签名有效，但无法读取其证照记录或签发证书，无法与文件比较', en, details);
  }
  const own = f ? documentLicence(p) : undefined;
  if (f && own && own.identifier !== f.record.certificateIdentifier) {
    const zh = `内嵌凭证属于另一证照（${f.record.certificateIdentifier}），文件的 ${own.by.join('、')} 为 ${own.identifier}`;
    const en = `the embedded credential is another licence's (${f.record.certificateIdentifier}); the document's ${own.by.join(' and ')} name ${own.identifier}`;
    return failed(C.credential, zh, en, { ...details, credentialIdentifier: f.record.certificateIdentifier, documentIdentifier: own.identifier, namedBy: own.by }, 'POLICY_FAILURE');
  }
  return check(C.credential, 'passed', { details });
}

function signaturesCheck(doc: DocumentVerification): Check {
  const sigs = doc.signatures;
  const details = { signatures: sigs.map((s) => ({ index: s.index, kind: s.kind, indication: s.indication, ...(s.subIndication ? { subIndication: s.subIndication } : {}), signer: s.signer?.subject ?? null })) };
  if (sigs.length === 0) return failed(C.signatures, '证照文件没有签名', 'the licence document carries no signature', details);
  const bad = sigs.find((s) => s.indication === 'FAILED') ?? sigs.find((s) => s.indication === 'INDETERMINATE');
  if (!bad) return check(C.signatures, 'passed', { details });
  const which = `signature ${bad.index + 1} (${bad.kind}${bad.signer ? `, ${bad.signer.subject}` : ''}) is ${bad.indication}${bad.subIndication ? `/${bad.subIndication}` : ''}`;
  const whichZh = `第 ${bad.index + 1} 个签名（${bad.kind}${bad.signer ? `，${bad.signer.subject}` : ''}）为 ${bad.indication}${bad.subIndication ? `/${bad.subIndication}` : ''}`;
  if (bad.indication === 'FAILED') return failed(C.signatures, whichZh, which, details, bad.subIndication ?? 'FORMAT_FAILURE');
  return check(C.signatures, 'indeterminate', { message: withDetail(C.signatures.indeterminate!, whichZh, which), details, ...(bad.subIndication ? { subIndication: bad.subIndication } : {}) });
}

// ---- license.document.additions: what a viewer shows that the issuer did not sign ----
//
// The PDF change analysis permits, after a signature, new signatures (visible ones only with a warning) and — under
// the general policy or a DocMDP certification — annotations and form filling, as warnings. For a licence the page
// a clerk sees is the point: a visible signature, annotation or form field added after the issuer signed can draw
// anything over the licence (another holder's name in a signature appearance is a valid signature). OFD: a seal or
// signature added after the issuer's places its stamp on a page. Both fail here, whoever signed them, unless made
// with the issuer's own certificate; invisible signatures, document timestamps, DSS and metadata are fine.

/** PDF change categories that change what a viewer shows (page content, annotations, fields, appearances). */
const SHOWN_CATEGORIES = new Set(['page', 'annotation', 'form-fill', 'unsigned-field', 'appearance']);
/** The categories in the Chinese message (the English one carries the change analysis's detail). */
const CATEGORY_ZH: Record<string, string> = { page: '页面内容被修改', annotation: '添加或修改了注释', 'form-fill': '填写或修改了表单域', 'unsigned-field': '添加了空签名域', appearance: '外观被改写' };
const PDF_CHANGE_CHECKS = new Set(['pdf.changes.pages', 'pdf.changes.annotations', 'pdf.changes.form-fill', 'pdf.changes.unsigned-field', 'pdf.changes.appearance', 'pdf.changes.visible-signature']);

interface ChangeEntry {
  category?: string;
  field?: string;
  page?: number;
  detail?: string;
  rect?: number[];
}

function changeEntries(c: Check): ChangeEntry[] {
  const list = c.details?.changes;
  return Array.isArray(list) ? (list.filter((x) => x && typeof x === 'object') as ChangeEntry[]) : [];
}

function additionsCheck(format: 'pdf' | 'ofd', doc: DocumentVerification): Check {
  const issuer = issuerSignature(doc.signatures);
  if (!issuer) return check(C.additions, 'skipped');
  const own = issuer.signer?.fingerprintSha256;
  const byIssuer = (s: SignatureReport | undefined): boolean => !!s && own !== undefined && s.signer?.fingerprintSha256 === own;
  const found: { zh: string; en: string }[] = [];
  if (format === 'pdf') {
    const byField = new Map(doc.signatures.filter((s) => s.pdf?.field !== undefined).map((s) => [s.pdf!.field!, s]));
    for (const c of issuer.checks) {
      if (!PDF_CHANGE_CHECKS.has(c.id) || (c.status !== 'failed' && c.status !== 'warning')) continue;
      for (const e of changeEntries(c)) {
        const where = e.page ? `第 ${e.page} 页` : '';
        const whereEn = e.page ? ` on page ${e.page}` : '';
        if (c.id === 'pdf.changes.visible-signature') {
          const sig = e.field !== undefined ? byField.get(e.field) : undefined;
          if (byIssuer(sig)) continue;
          const who = sig?.signer?.subject;
          found.push({
            zh: `可见签名${e.field ? ` ${e.field}` : ''}${where}${who ? `（${who}）` : ''}`,
            en: `a visible signature${e.field ? ` ${e.field}` : ''}${whereEn}${who ? ` (${who})` : ''}`,
          });
        } else if (e.category !== undefined && SHOWN_CATEGORIES.has(e.category)) {
          found.push({ zh: `${CATEGORY_ZH[e.category] ?? e.category}${where ? `（${where}）` : ''}`, en: `${e.category}: ${e.detail ?? ''}` });
        }
      }
    }
    // Under a certification or the licence policy the analysis may not have run (encrypted, repaired file): then
    // nothing is known about what was added.
    const analysis = issuer.checks.find((c) => c.id === 'pdf.changes.analysis');
    if (found.length === 0 && analysis?.status === 'indeterminate') return check(C.additions, 'indeterminate', { details: { reason: 'the changes after the issuer signed could not be analysed' } });
  } else {
    for (const s of doc.signatures) {
      if (s.index <= issuer.index || s.kind === 'timestamp' || byIssuer(s)) continue;
      const pages = (s as SignatureReport & { ofd?: { stampPages?: unknown } }).ofd?.stampPages;
      const n = Array.isArray(pages) ? pages.length : 0;
      if (n === 0) continue;
      const who = s.signer?.subject;
      found.push({ zh: `签名 ${s.index + 1}（${s.kind}${who ? `，${who}` : ''}）在页面上加盖了 ${n} 个印章外观`, en: `signature ${s.index + 1} (${s.kind}${who ? `, ${who}` : ''}) places ${n} stamp appearance(s) on the pages` });
    }
  }
  if (found.length === 0) return check(C.additions, 'passed');
  const shown = found.slice(0, 10);
  const more = found.length > shown.length ? { zh: ` 等 ${found.length} 处`, en: ` (${found.length - shown.length} more)` } : { zh: '', en: '' };
  const zh = shown.map((f) => f.zh).join('；') + more.zh;
  const en = shown.map((f) => f.en).join('; ') + more.en;
  return failed(C.additions, zh, en, { added: found.map((f) => f.en) });
}

/**
 * The QR check holds only for the images that were searched: when page 1 paints images the reader could not search
 * (over the count or pixel budget, a filter or colour space it does not decode), one of them may be another
 * licence's QR code. A passed QR check then becomes INDETERMINATE, never PASSED.
 */
function qrCoverage(qr: Check, p: LicenseParts): Check {
  if (qr.status !== 'passed') return qr;
  const unsearched = p.unsearched;
  if (unsearched.length === 0) return qr;
  const en = unsearched.slice(0, 3).join('; ') + (unsearched.length > 3 ? `; ${unsearched.length - 3} more` : '');
  return check(C.qr, 'indeterminate', {
    message: withDetail(C.qr.indeterminate!, `第 1 页有 ${unsearched.length} 处图像或内容未能识读二维码（见 details.unsearched）`, `not searched: ${en}`),
    details: { ...(qr.details ?? {}), unsearched },
  });
}

function signerCheck(format: 'pdf' | 'ofd', bytes: Uint8Array, doc: DocumentVerification, leaf: Certificate): Check {
  const sig = issuerSignature(doc.signatures);
  const details: Record<string, unknown> = { credentialSigner: leaf.subject, credentialFingerprint: leaf.fingerprintSha256 };
  if (!sig) return failed(C.signer, '文件没有签名', 'the document has no signature', details);
  details.documentSignature = sig.index + 1;
  if (!sig.signer) return failed(C.signer, '文件签名中没有签名者证书', 'the document signature names no signer certificate', details);
  details.documentSigner = sig.signer.subject;
  details.documentFingerprint = sig.signer.fingerprintSha256;
  if (sig.signer.fingerprintSha256 === leaf.fingerprintSha256) return check(C.signer, 'passed', { details: { ...details, same: 'certificate' } });
  const cert = documentSignerCertificate(format, bytes, sig);
  if (cert && Buffer.compare(cert.spki, leaf.spki) === 0) {
    return check(C.signer, 'passed', { message: { zh: '文件签名者证书与凭证签发者证书不同，但为同一密钥', en: 'The document signer\'s certificate differs from the credential\'s, but the key is the same' }, details: { ...details, same: 'key' } });
  }
  return failed(C.signer, `文件由 ${sig.signer.subject} 签署，凭证由 ${leaf.subject} 签署`, `the document is signed by ${sig.signer.subject}, the credential by ${leaf.subject}`, details);
}

function identifierCheck(p: LicenseParts, identifier: string): Check {
  const where = p.format === 'pdf' ? 'XMP hy:identifier' : 'CustomData licenseIdentifier';
  const stated = metadataIdentifier(p);
  const details = { where, metadata: stated ?? null, credential: identifier };
  if (stated === undefined) return failed(C.identifier, `文件元数据（${where}）中没有证照标识`, `the document metadata (${where}) gives no licence identifier`, details);
  if (stated !== identifier) return failed(C.identifier, `元数据为 ${stated}，凭证为 ${identifier}`, `the metadata says ${stated}, the credential ${identifier}`, details);
  return check(C.identifier, 'passed', { details });
}

function textCheck(p: LicenseParts, f: CredentialFacts): Check {
  const expected = expectedValues(f.record);
  const details: Record<string, unknown> = { textItems: p.text.length, compared: expected.map((e) => e.key) };
  if (p.text.length === 0) return failed(C.text, '第 1 页没有可读的文字', 'page 1 has no readable text', details);
  const missing = missingValues(p.text, expected);
  if (missing.length === 0) return check(C.text, 'passed', { details });
  details.missing = missing.map((m) => m.key);
  const zh = `页面未显示：${missing.map((m) => m.label.zh).join('、')}`;
  const en = `the page does not show: ${missing.map((m) => m.label.en).join(', ')}`;
  return failed(C.text, zh, en, details);
}

/** The credential's facts the comparisons need, when its payload and record read. */
function facts(cred: CredentialVerification, jws: string): CredentialFacts | undefined {
  if (!cred.payload) return undefined;
  const shape = readCredentialPayload(cred.payload);
  if ('problem' in shape) return undefined;
  const record = parseLicenseRecord(shape.payload.credentialSubject).record;
  const leaf = credentialLeaf(jws);
  if (!record || !leaf) return undefined;
  return { subject: shape.payload.credentialSubject, record, shape: shape as PayloadShape, leaf };
}

function readParts(format: 'pdf' | 'ofd', bytes: Uint8Array, opts: LicenseDocumentOptions): LicenseParts {
  if (opts.parts) return opts.parts;
  if (format === 'pdf') return opts.pdf ? readPdfParts(opts.pdf, { page: 'if-licence' }) : readPdfLicenseParts(bytes, { page: 'if-licence' });
  return readOfdLicenseParts(bytes, { page: 'if-licence' });
}

function run(format: 'pdf' | 'ofd', bytes: Uint8Array, doc: DocumentVerification, opts: LicenseDocumentOptions): LicenseDocumentLayer | undefined {
  const parts = readParts(format, bytes, opts);
  if (!parts.credentialAttached && metadataIdentifier(parts) === undefined) return undefined;

  const cred =
    parts.credentialJws !== undefined
      ? verifyCredential(parts.credentialJws, {
          time: opts.time,
          ...(opts.bundle ? { bundle: opts.bundle } : {}),
          ...(opts.trust ? { trust: opts.trust } : {}),
          ...(opts.statusList !== undefined ? { statusList: opts.statusList } : {}),
          ...(opts.statusRegistry ? { registry: opts.statusRegistry } : {}),
        })
      : undefined;
  const f = cred && parts.credentialJws !== undefined ? facts(cred, parts.credentialJws) : undefined;

  const checks: Check[] = [recognisedCheck(parts), credentialCheck(parts, cred, f)];
  if (cred) checks.push(...cred.checks);
  checks.push(signaturesCheck(doc), additionsCheck(format, doc));
  if (f) {
    checks.push(signerCheck(format, bytes, doc, f.leaf), identifierCheck(parts, f.record.certificateIdentifier), qrCoverage(qrCheck(parts.qrTexts, f, opts.time, parts.imagesSearched), parts), textCheck(parts, f));
  } else {
    checks.push(check(C.signer, 'skipped'), check(C.identifier, 'skipped'), check(C.qr, 'skipped'), check(C.text, 'skipped'));
  }

  const documentVerdict = worstOf([verdictOf(doc.checks), ...doc.signatures.map(sigVerdict)]);
  const credentialVerdict: Verdict | undefined = cred ? { indication: cred.indication, ...(cred.subIndication ? { subIndication: cred.subIndication } : {}) } : undefined;
  const verdict = worstOf([documentVerdict, ...(credentialVerdict ? [credentialVerdict] : []), verdictOf(checks)]);
  const issuer = issuerSignature(doc.signatures);
  const license: LicenseSummary = {
    ...(cred?.license ?? {}),
    document: {
      format,
      credentialFile: parts.credentialAttached ? CREDENTIAL_FILE_NAME : null,
      metadataIdentifier: metadataIdentifier(parts) ?? null,
      qrCodes: parts.qrTexts.length,
      textItems: parts.text.length,
      signatures: doc.signatures.length,
      signer: issuer?.signer?.subject ?? null,
    },
  };
  const advice = licenceDocumentAdvice({ verdict, document: documentVerdict, ...(cred ? { credential: cred } : {}), checks });
  const signatures = (cred?.signatures ?? []).map((s, i) => ({ ...s, index: doc.signatures.length + i }));
  return { checks, signatures, license, verdict, ...(advice ? { advice } : {}) };
}

/**
 * The licence layer of a licence PDF / OFD, or undefined when the document carries neither a file named
 * license-credential.jws nor a licence identifier in its metadata (it is then a plain PDF / OFD). Never throws.
 */
export function verifyLicenseDocument(format: 'pdf' | 'ofd', bytes: Uint8Array, document: DocumentVerification, opts: LicenseDocumentOptions): LicenseDocumentLayer | undefined {
  try {
    return run(format, bytes, document, opts);
  } catch (e) {
    // Defensive: a bug in the layer is reported as a failed licence document, never thrown.
    const m = e instanceof Error ? e.message : String(e);
    const c = failed(C.recognised, `内部错误：${m}`, `internal error: ${m}`, { internal: true });
    return { checks: [c], signatures: [], license: {}, verdict: { indication: 'FAILED', subIndication: 'FORMAT_FAILURE' } };
  }
}
