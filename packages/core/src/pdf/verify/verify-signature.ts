// One signature field value: format (SubFilter), ByteRange, /Contents, CMS or document timestamp, signature timestamp,
// signer path at the chosen time. The change analysis and collisions are added by verify-pdf.ts. Never throws.
import type { ParsedSignedData, ParsedSignerInfo } from '../../cms/types.js';
import { Crl, revocationFromCms, type Certificate } from '../../pki/index.js';
import { check, withDetail } from '../../report/check.js';
import { verdictOf } from '../../report/indication.js';
import type { Check, PdfFacets, SignatureReport } from '../../report/types.js';
import { checkByteRange, checkContents, type ByteRange, type Coverage } from '../byte-range.js';
import { PDF_CHECKS as C } from '../checks.js';
import { pdfDate } from '../document/index.js';
import type { Revision } from '../revisions.js';
import type { SignatureDict } from '../signature-dicts.js';
import { cmsStep } from './cms-step.js';
import type { Evidence } from './evidence.js';
import { validatePdfPath } from './signer-path.js';
import { documentTimestamp, signatureTimestamp, type TimestampContext } from './timestamps.js';
import type { PdfVerifyOptions, SignatureEntry } from './types.js';

const APPROVAL_SUBFILTERS = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);

/** A signature, prepared with what the document model knows about it. */
export interface SignatureJob {
  entry: SignatureEntry;
  /** The dictionary as of the signed revision (== entry.dict unless rewritten later). */
  signedDict: SignatureDict;
  signedRevision?: number;
  /** pdf.signature.dictionary, when the document model could tell. */
  dictionaryCheck?: Check;
  dictionary?: PdfFacets['dictionary'];
}

export interface DocumentContext {
  pdf: Uint8Array;
  revisions: readonly Revision[];
  opts: PdfVerifyOptions;
  evidence: Evidence;
}

export interface SignatureOutcome {
  report: SignatureReport;
  facets: PdfFacets;
  isDocumentTimestamp: boolean;
  byteRange?: ByteRange;
  coverage: Coverage;
  /** PASSED document timestamp: the time it proves for everything it covers. */
  provenTime?: Date;
  signedData?: ParsedSignedData;
  signer?: ParsedSignerInfo;
  signatureTimestampPresent: boolean;
}

const iso = (d: Date): string => d.toISOString();

function isDocTs(d: SignatureDict): boolean {
  return d.type === 'DocTimeStamp' || d.subFilter === 'ETSI.RFC3161';
}

function subFilterCheck(d: SignatureDict, docTs: boolean): Check {
  const sf = d.subFilter;
  const details = { subFilter: sf ?? null, type: d.type ?? null, filter: d.filter ?? null };
  if (docTs) {
    if (sf === 'ETSI.RFC3161' && d.type !== 'Sig') return check(C.subFilter, 'passed', { details });
    const why = sf === 'ETSI.RFC3161' ? '/Type /Sig 不能带 ETSI.RFC3161' : `文档时间戳的 /SubFilter 为 ${sf ?? '（缺失）'}`;
    const en = sf === 'ETSI.RFC3161' ? '/Type /Sig with ETSI.RFC3161' : `document timestamp with /SubFilter ${sf ?? '(missing)'}`;
    return check(C.subFilter, 'failed', { message: withDetail(C.subFilter.failed, why, en), details });
  }
  if (sf && APPROVAL_SUBFILTERS.has(sf)) return check(C.subFilter, 'passed', { details });
  if (sf === 'adbe.pkcs7.sha1') return check(C.subFilter, 'warning', { details });
  return check(C.subFilter, 'failed', {
    message: withDetail(C.subFilter.failed, sf ?? '（缺失）', sf ?? '(missing)'),
    details,
  });
}

/**
 * A repeated key makes a signature dictionary mean different things to different readers (first wins in some, last
 * in qpdf, pdfsig and Acrobat): e.g. a second /ByteRange after the /Contents of a wrapped signature. Refused outright.
 */
function duplicateKeysCheck(used: SignatureDict, signed: SignatureDict): Check {
  const keys = [...new Set([...(signed.duplicateKeys ?? []), ...(used.duplicateKeys ?? [])])];
  if (!keys.length) return check(C.duplicateKeys, 'passed');
  const list = keys.slice(0, 8).join(' ');
  return check(C.duplicateKeys, 'failed', { message: withDetail(C.duplicateKeys.failed, list, list), details: { keys } });
}

/** The /ByteRange array of the signed dictionary lies inside the signed bytes (it was signed itself: no wrapping). */
function inSignedCheck(dict: SignatureDict, br: ByteRange | undefined): Check | undefined {
  const arr = dict.byteRange;
  if (!br || !arr || arr.start < 0) return undefined;
  const [, b, c, d] = br;
  const ok = (arr.start >= 0 && arr.end <= b) || (arr.start >= c && arr.end <= c + d);
  return check(C.byteRangeInSigned, ok ? 'passed' : 'failed', { details: { byteRangeAt: [arr.start, arr.end] } });
}

/** Verify one signature. `poe`: a time a later, PASSED document timestamp proves for this signature. */
export function verifySignature(index: number, job: SignatureJob, ctx: DocumentContext, poe?: Date): SignatureOutcome {
  const { pdf, opts } = ctx;
  const d = job.signedDict;
  const used = job.entry.dict;
  const docTs = isDocTs(used);
  const checks: Check[] = [];
  const report: SignatureReport = { index, kind: docTs ? 'pdf-timestamp' : 'pdf', indication: 'INDETERMINATE', checks };
  const facets: PdfFacets = { intact: false, valid: false, trusted: false, coverage: 'UNCLEAR' };
  if (job.entry.field !== undefined) facets.field = job.entry.field;
  if (used.subFilter !== undefined) facets.subFilter = used.subFilter;
  if (job.signedRevision !== undefined) facets.revision = job.signedRevision;
  if (job.dictionary) facets.dictionary = job.dictionary;
  const out: SignatureOutcome = { report, facets, isDocumentTimestamp: docTs, coverage: 'UNCLEAR', signatureTimestampPresent: false };

  // 1. Format.
  const sfCheck = subFilterCheck(used, docTs);
  checks.push(sfCheck);
  if (job.dictionaryCheck) checks.push(job.dictionaryCheck);
  checks.push(duplicateKeysCheck(used, d));

  // 2. ByteRange (of the signed revision's dictionary: a rewritten copy's /Contents is not the gap).
  const brr = checkByteRange(pdf, d, { revisions: ctx.revisions });
  checks.push(...brr.checks);
  const inSigned = inSignedCheck(d, brr.byteRange);
  if (inSigned) checks.push(inSigned);
  facets.coverage = brr.coverage;
  out.coverage = brr.coverage;
  report.coverage = brr.coverage;
  if (brr.byteRange) {
    facets.byteRange = [...brr.byteRange];
    out.byteRange = brr.byteRange;
  }
  const digestible = brr.digestible ? brr.byteRange : undefined;

  // 3. /Contents.
  const ct = checkContents(pdf, d);
  checks.push(ct.check);
  if (!ct.bytes || sfCheck.status === 'failed') {
    finish(out);
    return out;
  }

  const certificates = [...(opts.certificates ?? []), ...ctx.evidence.certificates];
  const crls = [...(opts.crls ?? []), ...ctx.evidence.crls];
  const tsCtx = (time: Date): TimestampContext => ({
    time,
    crls,
    certificates,
    ...(opts.trust ? { trust: opts.trust } : {}),
    ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
    ...(opts.policy?.weak ? { weak: opts.policy.weak } : {}),
    ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
  });
  // Timestamps are judged at --at, else at a time a later document timestamp proves, else now.
  const tsTime = opts.atGiven ? opts.time : (poe ?? opts.time);

  if (docTs) {
    // 4a. Document timestamp: the token is the signature.
    const r = documentTimestamp(pdf, ct.bytes, digestible, tsCtx(tsTime));
    checks.push(...r.checks);
    facets.intact = r.intact;
    facets.valid = r.valid;
    if (r.result) {
      const res = r.result;
      report.timestamp = res.summary;
      if (res.tsa) report.signer = res.tsa.summary();
      if (res.chain?.length) report.chain = res.chain.map((c) => c.summary());
      if (res.genTime) report.signingTime = iso(res.genTime);
      facets.trusted = res.indication === 'PASSED';
      if (res.indication === 'PASSED' && res.genTime) out.provenTime = res.genTime;
    }
    facets.timeSource = opts.atGiven ? 'at' : poe ? 'document-timestamp' : 'now';
    finish(out);
    return out;
  }

  // 4b. CMS of an approval signature.
  const cms = cmsStep({
    pdf,
    contents: ct.bytes,
    ...(digestible ? { byteRange: digestible } : {}),
    ...(used.subFilter !== undefined ? { subFilter: used.subFilter } : {}),
    extraCertificates: certificates,
    ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
    ...(opts.policy?.weak ? { weak: opts.policy.weak } : {}),
  });
  checks.push(...cms.checks);
  facets.intact = cms.intact;
  facets.valid = cms.valid;
  if (cms.algorithm) report.algorithm = cms.algorithm;
  if (cms.signedData) out.signedData = cms.signedData;
  if (cms.signer) out.signer = cms.signer;
  // ISO-8601 like every other format; the raw /M string stays in the facets' dictionary.
  const claimed = job.dictionary?.m !== undefined ? pdfDate(job.dictionary.m) : undefined;
  if (claimed) report.signingTime = iso(claimed);
  else if (cms.signingTime) report.signingTime = iso(cms.signingTime);

  // 5. Signature timestamp: its time, when it passes, is the proof of existence and the validation time.
  let proven: Date | undefined;
  if (cms.signer) {
    const ts = signatureTimestamp(cms.signer, tsCtx(tsTime));
    checks.push(ts.check);
    out.signatureTimestampPresent = ts.present;
    if (ts.summary) report.timestamp = ts.summary;
    proven = ts.genTime;
  }

  // 6. Signer path.
  const poeTime = proven ?? poe;
  const time = opts.atGiven ? opts.time : (poeTime ?? opts.time);
  facets.timeSource = opts.atGiven ? 'at' : proven ? 'signature-timestamp' : poe ? 'document-timestamp' : 'now';
  if (cms.certificate) {
    report.signer = cms.certificate.summary();
    const sd = cms.signedData!;
    // Revocation values the CMS carries besides SignedData.crls: [1] other OCSP entries, adbe-revocationInfoArchival.
    const inCms = revocationFromCms(sd, ct.bytes);
    const archivedCrls = inCms.crls.slice(sd.crls.length).flatMap((der) => {
      try {
        return [Crl.fromDer(der)];
      } catch {
        return [];
      }
    });
    const path = validatePdfPath({
      certificate: cms.certificate,
      intermediates: [...sd.certificates, ...certificates],
      crls: [...sd.crls, ...archivedCrls, ...crls],
      ocsps: [...inCms.ocsps, ...ctx.evidence.ocsps],
      time,
      ...(poeTime ? { poeTime } : {}),
      ...(opts.trust ? { trust: opts.trust } : {}),
      ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
      ...(opts.policy?.weak ? { weak: opts.policy.weak } : {}),
    });
    checks.push(...path.checks);
    facets.trusted = path.indication === 'PASSED';
    if (path.chain.length) report.chain = path.chain.map((c: Certificate) => c.summary());
  }
  finish(out);
  return out;
}

/** Set the verdict from the checks (call again after adding checks). */
export function finish(out: SignatureOutcome): void {
  const r = out.report;
  const v = verdictOf(r.checks);
  r.indication = v.indication;
  if (v.subIndication) r.subIndication = v.subIndication;
  else delete r.subIndication;
  r.pdf = out.facets;
}

