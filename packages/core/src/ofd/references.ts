// Reference digests: CheckValue = base64(H(stored bytes of the member FileRef names)). The member bytes are hashed
// exactly as stored in the ZIP (after inflation), never re-serialised. Each failed reference gets a check naming the
// file (up to MAX_FAILED_REFERENCE_CHECKS, then one "and N more"); the references that match are summed up in one
// check with the count and the files, so a Signature.xml listing thousands of references cannot bloat the report.
import { digest } from '../crypto/digest.js';
import { sm3 } from '../crypto/sm3.js';
import { check } from '../report/check.js';
import type { Check, Message } from '../report/types.js';
import type { CheckMethod } from './check-method.js';
import { OFD_CHECKS as C } from './checks.js';
import { displayPath } from './loc.js';
import type { OfdPackage } from './package.js';
import type { OfdReference } from './signatures.js';

export type ReferenceStatus = 'ok' | 'ok-z-prefixed' | 'mismatch' | 'missing' | 'unresolved' | 'unreadable' | 'bad-value';

export interface ReferenceResult {
  fileRef: string;
  path?: string;
  status: ReferenceStatus;
  /** Base64 of the digest we computed (standard form), when the file was read. */
  computed?: string;
  reason?: string;
}

export interface ReferencesOutcome {
  results: ReferenceResult[];
  checks: Check[];
  /** Member names listed by the references (what this signature claims to protect). */
  listed: Set<string>;
}

/**
 * Digest cache shared by the signatures of one package: later signatures re-list the same (large) files, and a
 * hostile Signature.xml may list one file thousands of times. Each distinct (method, member) is read and hashed once;
 * a member that cannot be read is remembered as such, so it is not inflated again for every reference.
 */
export type DigestCache = Map<string, Uint8Array | { error: string }>;

/** Failed references reported one check each; beyond this, one summary check says how many more. */
export const MAX_FAILED_REFERENCE_CHECKS = 50;
/** Files listed in the details of the one check that sums up the references that matched. */
export const MAX_LISTED_PASSED_FILES = 200;

const PAGE_CONTENT = /^Doc_[^/]+\/Pages\/Page_[^/]+\/Content\.xml$/i;

/** Strict base64 (whitespace allowed between groups), or undefined. */
export function decodeBase64(s: string): Uint8Array | undefined {
  const t = s.replace(/\s+/g, '');
  if (t.length === 0 || t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return undefined;
  return new Uint8Array(Buffer.from(t, 'base64'));
}

function b64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** What to say when the digest of this file differs: page content gets its own sentence. */
export function modifiedMessage(member: string, isPage: boolean): Message {
  const shown = displayPath(member);
  return isPage
    ? { zh: `文档被修改：页面内容在签署后被修改（${shown}）`, en: `Document modified: page content changed after signing (${shown})` }
    : { zh: `文档被修改：文件在签署后被修改（${shown}）`, en: `Document modified: file changed after signing (${shown})` };
}

export interface VerifyReferencesInput {
  pkg: OfdPackage;
  references: readonly OfdReference[];
  method: CheckMethod;
  /** Z of the signer key, for the dms360 SM3(Z ‖ file) form (CheckMethod 1.2.156.10197.1.401.2). */
  signerZ?: Uint8Array;
  /** Pages by the document structure (member names). */
  isPage?: (member: string) => boolean;
  cache?: DigestCache;
}

/** Check every reference. Never throws: an unreadable member is a failed check naming the file and the reason. */
export function verifyReferences(input: VerifyReferencesInput): ReferencesOutcome {
  const { pkg, method } = input;
  const cache: DigestCache = input.cache ?? new Map();
  const out: ReferencesOutcome = { results: [], checks: [], listed: new Set() };
  const isPage = (m: string): boolean => input.isPage?.(m) ?? PAGE_CONTENT.test(m);

  const hashOf = (member: string, z?: Uint8Array): Uint8Array => {
    const key = `${method.digest}:${z ? Buffer.from(z).toString('hex') : ''}:${member}`;
    const hit = cache.get(key);
    if (hit instanceof Uint8Array) return hit;
    if (hit) throw new Error(hit.error);
    let h: Uint8Array;
    try {
      const bytes = pkg.read(member);
      h = z ? sm3(z, bytes) : digest(method.digest, bytes);
    } catch (e) {
      cache.set(key, { error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
    cache.set(key, h);
    return h;
  };
  // The dms360 form needs a second digest of the member; a read that fails then (a budget) is a plain mismatch.
  const zMatches = (member: string, z: Uint8Array, expected: Uint8Array): boolean => {
    try {
      return equal(expected, hashOf(member, z));
    } catch {
      return false;
    }
  };
  const failed: Check[] = [];
  const passed: Record<string, unknown>[] = [];
  let failures = 0;
  let passes = 0;
  const fail = (c: Check): void => {
    failures++;
    if (failed.length < MAX_FAILED_REFERENCE_CHECKS) failed.push(c);
  };
  const pass = (d: Record<string, unknown>): void => {
    passes++;
    if (passed.length < MAX_LISTED_PASSED_FILES) passed.push(d);
  };

  for (const ref of input.references) {
    const r: ReferenceResult = { fileRef: ref.fileRef, status: 'ok' };
    const details: Record<string, unknown> = { fileRef: ref.fileRef };
    if (ref.path === undefined) {
      r.status = 'unresolved';
      r.reason = ref.problem ?? 'FileRef does not resolve';
      out.results.push(r);
      fail(
        check(C.referenceFile, 'failed', {
          message: { zh: `文档被修改：受保护的文件路径无效（${ref.fileRef}）`, en: `Document modified: protected file reference is invalid (${ref.fileRef}): ${r.reason}` },
          details: { ...details, reason: r.reason },
        }),
      );
      continue;
    }
    r.path = ref.path;
    details.path = displayPath(ref.path);
    out.listed.add(ref.path);
    if (!pkg.has(ref.path)) {
      r.status = 'missing';
      out.results.push(r);
      fail(
        check(C.referenceFile, 'failed', {
          message: { zh: `文档被修改：受保护的文件缺失（${displayPath(ref.path)}）`, en: `Document modified: protected file is missing (${displayPath(ref.path)})` },
          details,
        }),
      );
      continue;
    }
    const expected = decodeBase64(ref.checkValue);
    let computed: Uint8Array;
    try {
      computed = hashOf(ref.path);
    } catch (e) {
      r.status = 'unreadable';
      r.reason = e instanceof Error ? e.message : String(e);
      out.results.push(r);
      fail(
        check(C.referenceDigest, 'failed', {
          message: { zh: `受保护的文件无法读取（${displayPath(ref.path)}）`, en: `Protected file cannot be read (${displayPath(ref.path)}): ${r.reason}` },
          details: { ...details, reason: r.reason },
        }),
      );
      continue;
    }
    r.computed = b64(computed);
    details.computed = r.computed;
    details.expected = ref.checkValue;
    if (!expected) {
      r.status = 'bad-value';
      r.reason = 'CheckValue is not base64';
    } else if (equal(expected, computed)) {
      r.status = 'ok';
    } else if (method.zPrefixed && input.signerZ && zMatches(ref.path, input.signerZ, expected)) {
      r.status = 'ok-z-prefixed';
    } else r.status = 'mismatch';
    out.results.push(r);
    const shown = displayPath(ref.path);
    if (r.status === 'ok' || r.status === 'ok-z-prefixed') {
      pass({ path: shown, computed: r.computed, expected: ref.checkValue, ...(r.status === 'ok-z-prefixed' ? { form: 'SM3(Z ‖ file)' } : {}) });
    } else {
      fail(
        check(C.referenceDigest, 'failed', {
          message: r.status === 'bad-value' ? { zh: `文件摘要值格式错误（${shown}）`, en: `File digest value is not base64 (${shown})` } : modifiedMessage(ref.path, isPage(ref.path)),
          details,
        }),
      );
    }
  }
  out.checks.push(...failed);
  if (failures > failed.length) {
    const more = failures - failed.length;
    const rest = out.results.filter((r) => r.status !== 'ok' && r.status !== 'ok-z-prefixed').slice(failed.length);
    const files = [...new Set(rest.map((r) => (r.path !== undefined ? displayPath(r.path) : r.fileRef)))];
    out.checks.push(
      check(C.referenceDigest, 'failed', {
        message: { zh: `文档被修改：另有 ${more} 个受保护的文件与签名时不符或缺失`, en: `Document modified: ${more} more protected files differ from the signed values or are missing` },
        details: { more, files: files.slice(0, MAX_LISTED_PASSED_FILES), ...(files.length > MAX_LISTED_PASSED_FILES ? { filesOmitted: files.length - MAX_LISTED_PASSED_FILES } : {}) },
      }),
    );
  }
  if (passes > 0) {
    out.checks.push(
      check(C.referenceDigest, 'passed', {
        message: { zh: `${C.referenceDigest.passed.zh}（${passes} 个文件）`, en: `${C.referenceDigest.passed.en} (${passes} ${passes === 1 ? 'file' : 'files'})` },
        details: { references: passes, files: passed, ...(passes > passed.length ? { filesOmitted: passes - passed.length } : {}) },
      }),
    );
  }
  const z = out.results.filter((r) => r.status === 'ok-z-prefixed').map((r) => displayPath(r.path!));
  if (z.length) out.checks.push(check(C.zPrefixedDigest, 'warning', { details: { files: z } }));
  return out;
}
