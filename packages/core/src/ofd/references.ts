// Reference digests: CheckValue = base64(H(stored bytes of the member FileRef names)). The member bytes are hashed
// exactly as stored in the ZIP (after inflation), never re-serialised. One check per reference, naming the file.
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

/** Digest cache shared by the signatures of one package: later signatures re-list the same (large) files. */
export type DigestCache = Map<string, Uint8Array>;

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
  const cache = input.cache ?? new Map<string, Uint8Array>();
  const out: ReferencesOutcome = { results: [], checks: [], listed: new Set() };
  const isPage = (m: string): boolean => input.isPage?.(m) ?? PAGE_CONTENT.test(m);

  const hashOf = (member: string, z?: Uint8Array): Uint8Array => {
    const key = `${method.digest}:${z ? Buffer.from(z).toString('hex') : ''}:${member}`;
    let h = cache.get(key);
    if (!h) {
      const bytes = pkg.read(member);
      h = z ? sm3(z, bytes) : digest(method.digest, bytes);
      cache.set(key, h);
    }
    return h;
  };

  for (const ref of input.references) {
    const r: ReferenceResult = { fileRef: ref.fileRef, status: 'ok' };
    const details: Record<string, unknown> = { fileRef: ref.fileRef };
    if (ref.path === undefined) {
      r.status = 'unresolved';
      r.reason = ref.problem ?? 'FileRef does not resolve';
      out.results.push(r);
      out.checks.push(
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
      out.checks.push(
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
      out.checks.push(
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
    } else if (method.zPrefixed && input.signerZ && equal(expected, hashOf(ref.path, input.signerZ))) {
      r.status = 'ok-z-prefixed';
    } else r.status = 'mismatch';
    out.results.push(r);
    const shown = displayPath(ref.path);
    if (r.status === 'ok' || r.status === 'ok-z-prefixed') {
      out.checks.push(
        check(C.referenceDigest, 'passed', {
          message: { zh: `${C.referenceDigest.passed.zh}（${shown}）`, en: `${C.referenceDigest.passed.en} (${shown})` },
          details: { ...details, ...(r.status === 'ok-z-prefixed' ? { form: 'SM3(Z ‖ file)' } : {}) },
        }),
      );
    } else {
      out.checks.push(
        check(C.referenceDigest, 'failed', {
          message: r.status === 'bad-value' ? { zh: `文件摘要值格式错误（${shown}）`, en: `File digest value is not base64 (${shown})` } : modifiedMessage(ref.path, isPage(ref.path)),
          details,
        }),
      );
    }
  }
  const z = out.results.filter((r) => r.status === 'ok-z-prefixed').map((r) => displayPath(r.path!));
  if (z.length) out.checks.push(check(C.zPrefixedDigest, 'warning', { details: { files: z } }));
  return out;
}
