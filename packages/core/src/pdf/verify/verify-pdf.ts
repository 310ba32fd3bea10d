// verifyPdf: every signature and document timestamp of a PDF, each with its own verdict and facets (integrity,
// what happened after signing, trust at the validation time). Sync, never throws.
import { check, withDetail } from '../../report/check.js';
import type { Check } from '../../report/types.js';
import { VERIFY_CHECKS } from '../../verify/checks.js';
import { PDF_CHECKS as C } from '../checks.js';
import { certification, readDss, revisionMarkers } from '../document/index.js';
import type { PdfDocument } from '../document/types.js';
import { findRevisions } from '../revisions.js';
import { findSignatureDicts } from '../signature-dicts.js';
import { changesAfter } from './changes-step.js';
import { collisionChecks } from './collisions.js';
import { enumerateSignatures } from './enumerate.js';
import { NO_EVIDENCE, parseDss, type Evidence } from './evidence.js';
import { openForVerify } from './open-step.js';
import { padesLevel } from './pades-level.js';
import { prepareSignature } from './prepare.js';
import type { PdfVerifyOptions, PdfVerifyResult } from './types.js';
import { finish, verifySignature, type SignatureJob, type SignatureOutcome } from './verify-signature.js';

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Verify every signature of a PDF. Never throws: anything unexpected is a failed document check. */
export function verifyPdf(bytes: Uint8Array, opts: PdfVerifyOptions): PdfVerifyResult {
  try {
    return run(bytes, opts);
  } catch (e) {
    const m = errText(e);
    return { checks: [check(VERIFY_CHECKS.internal, 'failed', { message: withDetail(VERIFY_CHECKS.internal.failed, m, m) })], signatures: [] };
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The opened model rides along for verify()'s licence layer, not enumerable: the result's JSON stays the report's. */
function withDocument(r: PdfVerifyResult, doc: PdfDocument | undefined): PdfVerifyResult {
  return doc ? Object.defineProperty(r, 'document', { value: doc, enumerable: false }) : r;
}

function run(bytes: Uint8Array, opts: PdfVerifyOptions): PdfVerifyResult {
  const checks: Check[] = [];
  const opened = openForVerify(bytes);
  checks.push(...opened.checks);
  const doc = opened.doc;
  const scan = findSignatureDicts(bytes);
  // The document model scanned the same bytes for them when it opened.
  const revisions = (doc && revisionMarkers(doc)) ?? findRevisions(bytes).revisions;

  const en = enumerateSignatures(doc, scan.signatures);
  checks.push(...en.checks);
  if (en.entries.length === 0) {
    checks.push(check(VERIFY_CHECKS.inputSigned, 'failed', { message: withDetail(VERIFY_CHECKS.inputSigned.failed, 'PDF 未签名', 'the PDF is not signed') }));
    return withDocument({ checks, signatures: [] }, doc);
  }

  // Validation material from the final /DSS.
  let evidence: Evidence = NO_EVIDENCE;
  if (doc) {
    let raw;
    let error: string | undefined;
    try {
      raw = readDss(doc);
    } catch (e) {
      error = errText(e);
    }
    const p = parseDss(raw, error);
    evidence = p.evidence;
    checks.push(p.check);
  }

  // Signing order: by the end of the signed range.
  const jobs: SignatureJob[] = en.entries.map((e) => prepareSignature(doc, e, scan.signatures));
  const endOf = (j: SignatureJob): number => {
    const v = j.signedDict.byteRange?.values;
    return v && v.length === 4 && v[2] !== null && v[3] !== null ? (v[2] as number) + (v[3] as number) : Number.MAX_SAFE_INTEGER;
  };
  jobs.sort((a, b) => endOf(a) - endOf(b) || a.entry.dict.start - b.entry.dict.start);

  // Orphans: scanned dictionaries that are neither in use nor the signed version of one in use.
  if (doc) {
    const known = new Set(jobs.flatMap((j) => [j.entry.dict.start, j.signedDict.start]));
    const orphans = scan.signatures.filter((s) => !known.has(s.start));
    checks.push(
      orphans.length
        ? check(C.orphan, 'warning', { details: { offsets: orphans.slice(0, 20).map((o) => o.start), count: orphans.length } })
        : check(C.orphan, 'passed'),
    );
  }

  // Latest first, so a PASSED document timestamp's time is known when the signatures it covers are judged.
  const ctx = { pdf: bytes, revisions, opts, evidence };
  const outcomes: SignatureOutcome[] = new Array(jobs.length);
  const proofs: { end: number; time: Date }[] = [];
  for (let i = jobs.length - 1; i >= 0; i--) {
    const job = jobs[i]!;
    const end = endOf(job);
    const covering = proofs.filter((p) => p.end > end).map((p) => p.time).sort((a, b) => a.getTime() - b.getTime())[0];
    const o = verifySignature(i, job, ctx, covering);
    outcomes[i] = o;
    if (o.provenTime) proofs.push({ end, time: o.provenTime });
  }

  // Collisions between signatures.
  const coll = collisionChecks(outcomes.map((o) => o.byteRange));
  coll.forEach((c, i) => c && outcomes[i]!.report.checks.push(c));

  // A field name several signature fields share is ambiguous for every signature under it (which one does a
  // reference to the name mean?): the document check is repeated on those signatures.
  if (en.duplicateNames.length) {
    const dup = new Set(en.duplicateNames);
    outcomes.forEach((o, i) => {
      const name = jobs[i]!.entry.field;
      if (name !== undefined && dup.has(name)) {
        o.report.checks.push(check(C.duplicateField, 'failed', { message: withDetail(C.duplicateField.failed, name, name), details: { names: [name] } }));
      }
    });
  }

  // A signature dictionary several fields use as their value: it signs one of them at most; the others' appearances
  // are passed off as signed (sneaky signature). Every signature under it carries the document check's failure.
  outcomes.forEach((o, i) => {
    const names = jobs[i]!.entry.sharedBy;
    if (names && names.length > 1) {
      const list = names.join(' = ');
      o.report.checks.push(check(C.sharedValue, 'failed', { message: withDetail(C.sharedValue.failed, list, list), details: { fields: [names] } }));
    }
  });

  // Changes after each signature, DocMDP, PAdES level.
  const cert = doc ? safe(() => certification(doc)) : undefined;
  const docMdp = cert?.p;
  const policy = opts.policy?.pdfChanges ?? 'licence';
  outcomes.forEach((o, i) => {
    const job = jobs[i]!;
    const br = job.entry.dict.byteRange?.values;
    const end = br && br.length === 4 && br[2] != null && br[3] != null ? br[2] + br[3] : undefined;
    const ch = changesAfter(doc, job.signedRevision, o.coverage, docMdp, policy, end);
    o.report.checks.push(...ch.checks);
    if (ch.level) {
      o.facets.modificationLevel = ch.level;
      o.report.modifications = ch.level;
    }
    if (ch.changes) o.facets.changes = ch.changes;
    if (docMdp !== undefined) o.facets.docMdp = docMdp;
    if (ch.docMdpOk !== undefined) o.facets.docMdpOk = ch.docMdpOk;
  });
  const dssCache = new Map<number | undefined, boolean>();
  const dssRevocationAt = (rev?: number): boolean => {
    if (!doc) return false;
    if (!dssCache.has(rev)) {
      const d = safe(() => readDss(doc as PdfDocument, rev));
      dssCache.set(rev, !!d && d.crls.length + d.ocsps.length > 0);
    }
    return dssCache.get(rev)!;
  };
  for (const o of outcomes) {
    const level = padesLevel(o, { all: outcomes, dssRevocationAt, revisionOf: (t) => t.facets.revision });
    if (level) o.facets.padesLevel = level;
    finish(o);
  }
  return withDocument({ checks, signatures: outcomes.map((o) => o.report) }, doc);
}
