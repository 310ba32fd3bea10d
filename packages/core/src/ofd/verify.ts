// OFD signature verification (reference ses-and-ofd.md §7.5): OFD.xml → each DocBody's Signatures.xml → each
// Signature.xml → reference digests over the stored bytes, then the signature itself (Type=Seal: SES_Signature,
// Type=Sign: SignedData or a bare value), then what no single signature can see: files nobody covers, whole-document
// protection, later signatures covering earlier ones, Relative. Never throws: hostile input is FAILED/FORMAT_FAILURE.
import { check, withDetail } from '../report/check.js';
import { verdictOf, worstOf, type Verdict } from '../report/indication.js';
import type { Check, SignatureReport } from '../report/types.js';
import type { SesDetails } from '../seal/index.js';
import { parseCheckMethod } from './check-method.js';
import { OFD_CHECKS as C } from './checks.js';
import { checkCoverage, type CoverageSignature } from './coverage.js';
import { conventionalRole, documentDirs, readDocumentStructure, type DocumentStructure, type FileRole } from './document.js';
import { ofdLimits } from './limits.js';
import { displayPath } from './loc.js';
import { ofdFromZip, ReferenceBudgetError, type OfdDocInfo, type OfdPackage } from './package.js';
import { verifyReferences, type DigestCache } from './references.js';
import { parseSignatureDateTime } from './signature-time.js';
import { readSignatureDocument, readSignatureList, type OfdProvider, type SignatureDocument, type SignatureListEntry } from './signatures.js';
import type { OfdVerifyOptions, SignatureContext } from './verify-context.js';
import { sesSignerZ, verifySeal } from './verify-seal.js';
import { verifySign, type TypeOutcome } from './verify-sign.js';
import { readZip, zipListsMember } from './zip-read.js';

export interface OfdDocumentSummary {
  index: number;
  docInfo: OfdDocInfo;
  docRoot?: string;
  signatureList?: string;
  pages: number;
  signatures: number;
}

export interface OfdDocumentInfo {
  version?: string;
  docType?: string;
  files: number;
  /** Junk bytes before the ZIP data (tolerated). */
  prefixBytes: number;
  documents: OfdDocumentSummary[];
}

/** What the OFD layer knows of one signature, beside the common report fields. */
export interface OfdSignatureDetails {
  /** Signature ID in Signatures.xml. */
  id: string;
  type: 'Seal' | 'Sign' | 'unknown';
  /** Type attribute as written (absent means Seal). */
  typeWritten?: string;
  /** Signatures.xml and Signature.xml, as package paths. */
  list: string;
  path?: string;
  provider?: OfdProvider;
  signatureMethod?: string;
  /** SignatureDateTime as written (informational). */
  signatureDateTime?: string;
  checkMethod?: string;
  references: number;
  referencesFailed: number;
  /** Pages the stamp appearances are on (page IDs). */
  stampPages: string[];
  seal?: string;
  relative?: string;
  /** This signature protects its Signatures.xml: the document is locked against further signatures. */
  wholeProtected: boolean;
}

export interface OfdSignatureReport extends SignatureReport {
  ofd: OfdSignatureDetails;
  /** Seal-signature details from the seal verifier (Type=Seal). */
  ses?: SesDetails;
}

export interface OfdVerifyResult extends Verdict {
  /** The input is an OFD package (a ZIP with OFD.xml); false for damaged or non-OFD ZIPs. */
  ofd: boolean;
  /** One per signature, in document and list order; kind 'ofd-seal' or 'ofd-sign'. */
  signatures: OfdSignatureReport[];
  /** Document-level checks: package, structure, signature lists, coverage, whole-document protection. */
  checks: Check[];
  documentInfo?: OfdDocumentInfo;
  /** ISO-8601 validation time. */
  validationTime: string;
  /**
   * The package the verifier opened (absent when it could not be opened): callers that read the same OFD further, as
   * the licence layer does, take `package.fresh()` instead of opening the bytes again. Not enumerable: not part of
   * any report, and JSON of the result is unchanged.
   */
  readonly package?: OfdPackage;
}

/** The result with the opened package attached, not enumerable (see OfdVerifyResult.package). */
function withPackage(r: OfdVerifyResult, pkg: OfdPackage): OfdVerifyResult {
  return Object.defineProperty(r, 'package', { value: pkg, enumerable: false });
}

interface Signed {
  docIndex: number;
  listPath: string;
  entry: SignatureListEntry;
  doc?: SignatureDocument;
  listed: Set<string>;
  report: OfdSignatureReport;
  /** OFD checks of this signature, in reading order. */
  ownChecks: Check[];
  /** Checks of the signature value (seal, CMS or bare signature, certificate path). */
  typeChecks: Check[];
  /** Checks that need all signatures: covers-earlier, Relative. */
  lateChecks: Check[];
  /** Verdicts of the signature-value part, as that part reports them. */
  parts: Verdict[];
}

/** The package model's words for "this ZIP is no OFD" (package.ts). */
const NOT_OFD = /^not an OFD package/;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function failed(def: (typeof C)[keyof typeof C], why: string, details?: Record<string, unknown>): Check {
  return check(def, 'failed', { message: withDetail(def.failed, why, why), details: { reason: why, ...details } });
}

function verdictOfReport(r: SignatureReport): Verdict {
  return r.subIndication ? { indication: r.indication, subIndication: r.subIndication } : { indication: r.indication };
}

/** Verify every signature of an OFD package. Never throws. */
export function verifyOfd(bytes: Uint8Array, opts: OfdVerifyOptions = {}): OfdVerifyResult {
  const time = opts.time && !Number.isNaN(opts.time.getTime()) ? opts.time : new Date();
  const validationTime = time.toISOString();
  const checks: Check[] = [];
  let isOfd = false;
  const done = (signatures: OfdSignatureReport[] = [], documentInfo?: OfdDocumentInfo): OfdVerifyResult => {
    const v = worstOf([verdictOf(checks), ...signatures.map(verdictOfReport)]);
    const out: OfdVerifyResult = { ...v, ofd: isOfd, signatures, checks, validationTime };
    if (v.indication === 'FAILED' && !v.subIndication) out.subIndication = 'FORMAT_FAILURE';
    if (documentInfo) out.documentInfo = documentInfo;
    return out;
  };
  const limits = ofdLimits(opts.limits);
  let pkg: OfdPackage;
  try {
    const zip = readZip(bytes, limits);
    checks.push(zip.warnings.length ? check(C.package, 'warning', { details: { warnings: [...zip.warnings] } }) : check(C.package, 'passed', { details: { members: zip.entries.length } }));
    try {
      pkg = ofdFromZip(zip, limits);
      isOfd = true;
    } catch (e) {
      // A ZIP with an OFD.xml that cannot be read (a DTD, too deep) is still an OFD package, refused; one without
      // OFD.xml, or whose OFD.xml is some other XML, is not an OFD at all.
      isOfd = zip.entry('OFD.xml') !== undefined && !NOT_OFD.test(message(e));
      checks.push(failed(C.structure, message(e)));
      return done();
    }
  } catch (e) {
    // Refused by a limit or for damage: still report it as the OFD it claims to be when its directory lists OFD.xml.
    isOfd = zipListsMember(bytes, 'OFD.xml');
    checks.push(failed(C.package, message(e), { error: e instanceof Error ? e.name : 'Error' }));
    return done();
  }
  try {
    return withPackage(verifyPackage(pkg, opts, time, checks, done), pkg);
  } catch (e) {
    // Parsers throw named errors for hostile parts not caught on the way; still a verdict, never an exception.
    checks.push(failed(C.structure, message(e), { error: e instanceof Error ? e.name : 'Error' }));
    return withPackage(done(), pkg);
  }
}

function verifyPackage(pkg: OfdPackage, opts: OfdVerifyOptions, time: Date, checks: Check[], done: (s?: OfdSignatureReport[], d?: OfdDocumentInfo) => OfdVerifyResult): OfdVerifyResult {
  // ---- structure: documents, their pages and content files ----
  const structures = new Map<number, DocumentStructure>();
  const problems: string[] = [];
  const notes: string[] = [];
  const errors: string[] = [];
  if (pkg.docBodies.length === 0) errors.push('OFD.xml has no DocBody');
  for (const body of pkg.docBodies) {
    problems.push(...body.problems.map((p) => `document ${body.index}: ${p}`));
    if (body.docRoot === undefined) {
      errors.push(`document ${body.index}: no readable DocRoot`);
      continue;
    }
    try {
      const s = readDocumentStructure(pkg, body.docRoot);
      structures.set(body.index, s);
      problems.push(...s.problems.map((p) => `document ${body.index}: ${p}`));
      notes.push(...s.notes.map((p) => `document ${body.index}: ${p}`));
    } catch (e) {
      errors.push(`document ${body.index}: ${body.docRoot}: ${message(e)}`);
    }
  }
  const info: OfdDocumentInfo = {
    ...(pkg.version !== undefined ? { version: pkg.version } : {}),
    ...(pkg.docType !== undefined ? { docType: pkg.docType } : {}),
    files: pkg.files.length,
    prefixBytes: pkg.zip.prefixBytes,
    documents: pkg.docBodies.map((b) => ({
      index: b.index,
      docInfo: b.docInfo,
      ...(b.docRoot !== undefined ? { docRoot: displayPath(b.docRoot) } : {}),
      ...(b.signatures !== undefined ? { signatureList: displayPath(b.signatures) } : {}),
      pages: structures.get(b.index)?.pages.length ?? 0,
      signatures: 0,
    })),
  };
  if (errors.length) checks.push(check(C.structure, 'failed', { message: withDetail(C.structure.failed, errors.join('; '), errors.join('; ')), details: { errors, problems } }));
  else if (problems.length) checks.push(check(C.structure, 'warning', { details: { problems } }));
  else checks.push(check(C.structure, 'passed', { details: { documents: pkg.docBodies.length, ...(notes.length ? { notes } : {}) } }));

  const roles = new Map<string, FileRole>([['OFD.xml', 'package']]);
  for (const s of structures.values()) for (const [m, r] of s.roles) if (!roles.has(m)) roles.set(m, r);
  const docDirs = documentDirs(pkg.docBodies.flatMap((b) => (b.docRoot !== undefined ? [b.docRoot] : [])));
  const roleOf = (m: string): FileRole | undefined => roles.get(m) ?? conventionalRole(m, docDirs);

  // ---- signature lists ----
  const lists: { docIndex: number; path: string; entries: SignatureListEntry[] }[] = [];
  for (const body of pkg.docBodies) {
    if (body.signaturesLoc === undefined) continue;
    if (body.signatures === undefined) {
      checks.push(failed(C.signatureList, `document ${body.index}: ${body.problems.find((p) => p.startsWith('Signatures')) ?? 'Signatures location does not resolve'}`));
      continue;
    }
    try {
      const list = readSignatureList(pkg, body.signatures);
      lists.push({ docIndex: body.index, path: body.signatures, entries: list.entries });
      roles.set(body.signatures, 'signature-list');
      checks.push(check(C.signatureList, 'passed', { details: { path: displayPath(body.signatures), signatures: list.entries.length, ...(list.maxSignId !== undefined ? { maxSignId: list.maxSignId } : {}) } }));
      info.documents[body.index]!.signatures = list.entries.length;
    } catch (e) {
      checks.push(failed(C.signatureList, `${displayPath(body.signatures)}: ${message(e)}`));
    }
  }
  const total = lists.reduce((n, l) => n + l.entries.length, 0);
  if (total > pkg.limits.maxSignatures) {
    checks.push(failed(C.signatureList, `${total} signatures exceed the limit of ${pkg.limits.maxSignatures}`));
    return done([], info);
  }
  checks.push(total > 0 ? check(C.signed, 'passed', { details: { signatures: total } }) : check(C.signed, 'failed'));

  // ---- each signature ----
  const ctx: SignatureContext = { opts, time, pkg, cache: new Map() as DigestCache };
  const signed: Signed[] = [];
  try {
    for (const list of lists) {
      const structure = structures.get(list.docIndex);
      for (const entry of list.entries) signed.push(verifyOne(ctx, list.docIndex, list.path, entry, signed.length, structure));
    }
  } catch (e) {
    if (!(e instanceof ReferenceBudgetError)) throw e;
    // Per-file limits multiply with the number of signatures: past the package-wide budget nothing more is read.
    checks.push(failed(C.signatureList, e.message, { error: e.name }));
    return done([], info);
  }

  // ---- what spans signatures ----
  const byList = new Map<string, Signed[]>();
  for (const s of signed) byList.set(s.listPath, [...(byList.get(s.listPath) ?? []), s]);
  const locking: string[] = [];
  const afterLock: string[] = [];
  for (const [listPath, group] of byList) {
    group.forEach((s, i) => {
      // Later signatures should protect the earlier ones' files (zsbk: Sign_1 lists Sign_0's three files).
      const earlier = group.slice(0, i);
      if (earlier.length === 0) s.lateChecks.push(check(C.earlierSignatures, 'skipped'));
      else {
        const want = earlier.flatMap((e) => [e.entry.path, e.doc?.signedValuePath, e.doc?.sealPath].filter((p): p is string => p !== undefined && pkg.has(p)));
        const missing = want.filter((p) => !s.listed.has(p)).map(displayPath);
        s.lateChecks.push(
          missing.length === 0
            ? check(C.earlierSignatures, 'passed', { details: { earlier: earlier.map((e) => e.entry.id) } })
            : check(C.earlierSignatures, 'warning', { message: withDetail(C.earlierSignatures.warning!, missing.join('、'), missing.join(', ')), details: { notCovered: missing } }),
        );
      }
      if (s.listed.has(listPath)) {
        s.report.ofd.wholeProtected = true;
        locking.push(`${s.entry.id || `#${s.entry.index}`} (${displayPath(listPath)})`);
        for (const later of group.slice(i + 1)) afterLock.push(`${later.entry.id || `#${later.entry.index}`} after ${s.entry.id || `#${s.entry.index}`}`);
      }
    });
  }
  if (afterLock.length) checks.push(check(C.wholeProtected, 'failed', { message: withDetail(C.wholeProtected.failed, afterLock.join('; '), afterLock.join('; ')), details: { locking, afterLock } }));
  else if (locking.length) checks.push(check(C.wholeProtected, 'passed', { details: { locking } }));
  else checks.push(check(C.wholeProtected, 'skipped'));
  checks.push(removedSignatures(signed), duplicateSignatures(signed));

  const cov: CoverageSignature[] = signed.map((s) => ({
    listed: s.listed,
    ...(s.entry.path !== undefined ? { path: s.entry.path } : {}),
    ...(s.doc?.signedValuePath !== undefined ? { signedValuePath: s.doc.signedValuePath } : {}),
  }));
  checks.push(...checkCoverage({ files: pkg.files, signatures: cov, signatureLists: lists.map((l) => l.path), roleOf }).checks);

  // Fold each signature before Relative, which needs the base's own verdict.
  const fold = (s: Signed): Verdict => worstOf([verdictOf([...s.ownChecks, ...s.lateChecks]), ...s.parts]);
  const base = new Map(signed.map((s) => [s, fold(s)]));
  for (const s of signed) {
    const rel = s.entry.relative;
    if (rel === undefined) s.lateChecks.push(check(C.relative, 'skipped'));
    else s.lateChecks.push(relativeCheck(s, signed, base));
    s.report.checks = [...s.ownChecks, ...s.typeChecks, ...s.lateChecks];
    const v = fold(s);
    s.report.indication = v.indication;
    if (v.subIndication) s.report.subIndication = v.subIndication;
    else delete s.report.subIndication;
  }
  return done(
    signed.map((s) => s.report),
    info,
  );
}

const label = (s: Signed): string => (s.entry.id ? `ID ${JSON.stringify(s.entry.id)}` : `#${s.entry.index + 1}`);
const dirOf = (p: string): string => p.slice(0, p.lastIndexOf('/') + 1);
const SIGNATURE_PART = /(^|\/)(Signature\.xml|SignedValue\.dat|Seal\.esl)$/i;

/**
 * A signature's own files (Signature.xml, SignedValue.dat, Seal.esl) protected by another signature but belonging to
 * no listed signature: the signature was taken out of Signatures.xml, which ContinueSign mode leaves unprotected.
 */
function removedSignatures(signed: readonly Signed[]): Check {
  const owned = new Set<string>();
  const dirs = new Set<string>();
  for (const s of signed) {
    if (s.entry.path !== undefined) {
      owned.add(s.entry.path);
      dirs.add(dirOf(s.entry.path));
    }
    if (s.doc?.signedValuePath !== undefined) owned.add(s.doc.signedValuePath);
    if (s.doc?.sealPath !== undefined) owned.add(s.doc.sealPath);
  }
  const removed: { path: string; protectedBy: string }[] = [];
  for (const s of signed) {
    for (const p of s.listed) {
      if (SIGNATURE_PART.test(p) && !owned.has(p) && !dirs.has(dirOf(p))) removed.push({ path: displayPath(p), protectedBy: label(s) });
    }
  }
  if (removed.length === 0) return check(C.signaturesRemoved, 'passed');
  const shown = removed.slice(0, 20);
  return check(C.signaturesRemoved, 'failed', {
    message: withDetail(
      C.signaturesRemoved.failed,
      shown.map((r) => `${r.path}（受签名 ${r.protectedBy} 保护）`).join('；'),
      shown.map((r) => `${r.path} (protected by signature ${r.protectedBy})`).join('; '),
    ),
    details: { removed },
  });
}

/** The same Signature.xml listed twice (one signature counted as two), or two signatures of one list sharing an ID. */
function duplicateSignatures(signed: readonly Signed[]): Check {
  const problems: string[] = [];
  const byPath = new Map<string, Signed[]>();
  const byId = new Map<string, Signed[]>();
  for (const s of signed) {
    if (s.entry.path !== undefined) byPath.set(s.entry.path, [...(byPath.get(s.entry.path) ?? []), s]);
    if (s.entry.id !== '') {
      const k = `${s.listPath}\u0000${s.entry.id}`;
      byId.set(k, [...(byId.get(k) ?? []), s]);
    }
  }
  const labels = (g: readonly Signed[]): string => g.slice(0, 10).map(label).join(', ') + (g.length > 10 ? ', …' : '');
  for (const [p, group] of byPath) if (group.length > 1) problems.push(`${displayPath(p)} is listed ${group.length} times (${labels(group)})`);
  for (const group of byId.values()) if (group.length > 1) problems.push(`ID ${JSON.stringify(group[0]!.entry.id)} is used by ${group.length} signatures in ${displayPath(group[0]!.listPath)}`);
  if (problems.length === 0) return check(C.signaturesUnique, 'passed');
  const text = problems.slice(0, 20).join('; ');
  return check(C.signaturesUnique, 'failed', { message: withDetail(C.signaturesUnique.failed, text, text), details: { problems } });
}

/**
 * Relative (GM/T 0099): the chain of base signatures is followed to its end, never recursively; a chain that comes
 * back to a signature already on it (A → B → A, or A → A) is refused. The verdict is the worst along the chain.
 */
function relativeCheck(s: Signed, signed: readonly Signed[], base: ReadonlyMap<Signed, Verdict>): Check {
  const chain: Signed[] = [s];
  const onChain = new Set<Signed>([s]);
  for (let cur = s; cur.entry.relative !== undefined; ) {
    const rel = cur.entry.relative;
    const target = signed.find((o) => o.listPath === cur.listPath && o.entry.id === rel);
    if (!target) return failed(C.relative, `no signature with ID ${JSON.stringify(rel)}${cur === s ? '' : ` (reached through ${chain.map(label).join(' → ')})`}`, { relative: s.entry.relative });
    if (onChain.has(target)) {
      const cycle = [...chain, target].map(label).join(' → ');
      return check(C.relative, 'failed', {
        message: { zh: `${C.relative.failed.zh}：Relative 形成循环（${cycle}）`, en: `${C.relative.failed.en}: Relative forms a cycle (${cycle})` },
        details: { relative: s.entry.relative, cycle: [...chain, target].map((c) => c.entry.id) },
      });
    }
    chain.push(target);
    onChain.add(target);
    cur = target;
  }
  const v = worstOf(chain.slice(1).map((c) => base.get(c)!));
  const details = { relative: s.entry.relative, chain: chain.slice(1).map((c) => c.entry.id), base: v };
  if (v.indication === 'PASSED') return check(C.relative, 'passed', { details });
  if (v.indication === 'INDETERMINATE') return check(C.relative, 'indeterminate', { details });
  return failed(C.relative, `base signature ${chain.slice(1).map(label).join(' → ')} is ${v.indication}`, details);
}

function verifyOne(ctx: SignatureContext, docIndex: number, listPath: string, entry: SignatureListEntry, index: number, structure: DocumentStructure | undefined): Signed {
  const { pkg } = ctx;
  const own: Check[] = [];
  const other: Check[] = [];
  const details: OfdSignatureDetails = { id: entry.id, type: entry.type, list: displayPath(listPath), references: 0, referencesFailed: 0, stampPages: [], wholeProtected: false };
  if (entry.typeWritten !== undefined) details.typeWritten = entry.typeWritten;
  if (entry.path !== undefined) details.path = displayPath(entry.path);
  if (entry.relative !== undefined) details.relative = entry.relative;
  const report: OfdSignatureReport = { index, kind: entry.type === 'Sign' ? 'ofd-sign' : 'ofd-seal', indication: 'INDETERMINATE', checks: [], ofd: details };
  const s: Signed = { docIndex, listPath, entry, listed: new Set(), report, ownChecks: own, typeChecks: other, lateChecks: [], parts: [] };
  const finish = (): Signed => s;
  const ident = { id: entry.id, type: entry.typeWritten ?? '(absent: Seal)', baseLoc: entry.baseLoc, list: displayPath(listPath) };

  if (entry.path === undefined || !pkg.has(entry.path)) {
    own.push(failed(C.signatureFile, entry.path === undefined ? (entry.problem ?? 'BaseLoc does not resolve') : `${displayPath(entry.path)} is not in the package`, ident));
    return finish();
  }
  let doc: SignatureDocument;
  let signatureXml: Uint8Array;
  try {
    signatureXml = pkg.read(entry.path);
    doc = readSignatureDocument(pkg, entry.path);
  } catch (e) {
    if (e instanceof ReferenceBudgetError) throw e; // the whole package is refused
    own.push(failed(C.signatureFile, `${displayPath(entry.path)}: ${message(e)}`, ident));
    return finish();
  }
  s.doc = doc;
  details.provider = doc.provider;
  if (doc.signatureMethod !== undefined) details.signatureMethod = doc.signatureMethod;
  if (doc.signatureDateTime !== undefined) details.signatureDateTime = doc.signatureDateTime;
  if (doc.checkMethod !== undefined) details.checkMethod = doc.checkMethod;
  if (doc.sealPath !== undefined) details.seal = displayPath(doc.sealPath);
  details.references = doc.references.length;
  details.stampPages = doc.stampAnnots.flatMap((a) => (a.pageRef !== undefined ? [a.pageRef] : []));
  const described = { ...ident, path: displayPath(entry.path), provider: doc.provider, ...(doc.signatureMethod ? { signatureMethod: doc.signatureMethod } : {}) };
  own.push(doc.problems.length ? check(C.signatureFile, 'passed', { details: { ...described, problems: doc.problems } }) : check(C.signatureFile, 'passed', { details: described }));
  own.push(entry.type === 'unknown' ? failed(C.signatureType, `Type=${JSON.stringify(entry.typeWritten)}`) : check(C.signatureType, 'passed', { details: { type: entry.type } }));

  if (doc.signatureDateTime === undefined) own.push(check(C.signatureTime, 'skipped'));
  else {
    const t = parseSignatureDateTime(doc.signatureDateTime);
    own.push(t.iso ? check(C.signatureTime, 'passed', { details: { ...t } }) : check(C.signatureTime, 'warning', { details: { written: t.written } }));
  }

  let signedValue: Uint8Array | undefined;
  if (doc.signedValuePath === undefined || !pkg.has(doc.signedValuePath)) {
    own.push(failed(C.signedValue, doc.signedValuePath === undefined ? 'SignedValue is absent or invalid' : `${displayPath(doc.signedValuePath)} is not in the package`));
  } else {
    try {
      signedValue = pkg.read(doc.signedValuePath);
      own.push(check(C.signedValue, 'passed', { details: { path: displayPath(doc.signedValuePath), size: signedValue.length } }));
    } catch (e) {
      own.push(failed(C.signedValue, `${displayPath(doc.signedValuePath)}: ${message(e)}`));
    }
  }

  // ---- references: integrity before anything else ----
  if (doc.references.length === 0) own.push(check(C.referencesPresent, 'failed'));
  else own.push(check(C.referencesPresent, 'passed', { details: { references: doc.references.length } }));
  const method = parseCheckMethod(doc.checkMethod);
  const weakPolicy = ctx.opts.policy?.weak ?? 'warn';
  if (!method) {
    own.push(check(C.checkMethod, 'indeterminate', { message: withDetail(C.checkMethod.indeterminate!, doc.checkMethod ?? '', doc.checkMethod ?? ''), details: { checkMethod: doc.checkMethod } }));
    for (const r of doc.references) if (r.path) s.listed.add(r.path);
  } else {
    const cm = { checkMethod: method.written || '(absent)', digest: method.digest, ...(method.zPrefixed ? { form: 'SM3 with key (1.2.156.10197.1.401.2)' } : {}) };
    if (method.weak && weakPolicy === 'fail') own.push(check(C.checkMethod, 'failed', { details: { ...cm, weak: method.weak } }));
    else if (method.weak || method.defaulted) own.push(check(C.checkMethod, 'warning', { details: { ...cm, ...(method.weak ? { weak: method.weak } : {}), ...(method.defaulted ? { defaulted: 'MD5 (GB/T 33190 default)' } : {}) } }));
    else own.push(check(C.checkMethod, 'passed', { details: cm }));
    const signerZ = method.zPrefixed && signedValue && entry.type !== 'Sign' ? sesSignerZ(signedValue) : undefined;
    const isPage = (m: string): boolean => structure?.roles.get(m) === 'page' || /^Doc_[^/]+\/Pages\/Page_[^/]+\/Content\.xml$/i.test(m);
    const refs = verifyReferences({ pkg, references: doc.references, method, isPage, cache: ctx.cache, ...(signerZ ? { signerZ } : {}) });
    own.push(...refs.checks);
    s.listed = refs.listed;
    details.referencesFailed = refs.results.filter((r) => r.status !== 'ok' && r.status !== 'ok-z-prefixed').length;
  }

  // ---- the seal file and the appearance ----
  let sealFile: Uint8Array | undefined;
  if (doc.sealLoc === undefined) own.push(check(C.sealFile, 'skipped'));
  else if (doc.sealPath === undefined || !pkg.has(doc.sealPath)) {
    own.push(failed(C.sealFile, doc.sealPath === undefined ? `Seal BaseLoc ${JSON.stringify(doc.sealLoc)} is invalid` : `${displayPath(doc.sealPath)} is not in the package`));
  } else {
    try {
      sealFile = pkg.read(doc.sealPath);
      own.push(check(C.sealFile, 'passed', { details: { path: displayPath(doc.sealPath) } }));
    } catch (e) {
      own.push(failed(C.sealFile, `${displayPath(doc.sealPath)}: ${message(e)}`));
    }
  }
  if (doc.stampAnnots.length === 0) own.push(check(C.stampAnnot, 'skipped'));
  else if (!structure) own.push(check(C.stampAnnot, 'failed', { message: withDetail(C.stampAnnot.failed, '文档结构无法读取', 'the document structure cannot be read') }));
  else {
    const ids = new Set(structure.pages.map((p) => p.id));
    const bad = doc.stampAnnots.filter((a) => a.pageRef === undefined || !ids.has(a.pageRef.trim())).map((a) => a.pageRef ?? '(none)');
    own.push(
      bad.length
        ? failed(C.stampAnnot, `PageRef ${bad.join(', ')} (pages: ${[...ids].join(', ')})`, { pageRefs: bad })
        : check(C.stampAnnot, 'passed', { details: { pageRefs: doc.stampAnnots.map((a) => a.pageRef) } }),
    );
  }

  // ---- the signature value ----
  if (signedValue && entry.type !== 'unknown') {
    let outcome: TypeOutcome;
    try {
      outcome = entry.type === 'Sign' ? verifySign(ctx, signatureXml, signedValue, doc.signatureMethod) : verifySeal(ctx, entry.path, signatureXml, signedValue, sealFile);
    } catch (e) {
      // The seal and CMS verifiers do not throw; this is a guard, reported as what it is.
      outcome = { checks: [failed(C.signatureValue, message(e))], verdict: { indication: 'FAILED', subIndication: 'FORMAT_FAILURE' } };
    }
    other.push(...outcome.checks);
    s.parts.push(outcome.verdict);
    outcome.fill?.(report);
  }
  if (!report.signingTime && doc.signatureDateTime) {
    const t = parseSignatureDateTime(doc.signatureDateTime);
    if (t.iso) report.signingTime = t.iso;
  }
  return finish();
}
