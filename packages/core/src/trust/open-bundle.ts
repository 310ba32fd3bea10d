// Open a trust bundle: the CMS signature and the signer's path to a pinned root first (integrity before anything
// is read), then the content, then rollback (version against the last one seen) and freshness (nextUpdate plus
// grace). A bundle is returned only when nothing refused it; a refusal says what to do: refresh the bundle.
import { createHash } from 'node:crypto';
import { verifySignedData, OID_DATA, OID_GM_DATA } from '../cms/index.js';
import type { Certificate, RevocationMode, TrustStore } from '../pki/index.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf } from '../report/indication.js';
import type { Check, Indication, Message, SubIndication } from '../report/types.js';
import { TrustBundle } from './bundle.js';
import { TRUST_CHECKS as C } from './checks.js';
import { DEFAULT_GRACE_SECONDS, DEFAULT_SKEW_SECONDS, MAX_BUNDLE_BYTES } from './limits.js';
import { parseBundleContent, type ParsedBundleContent } from './parse-content.js';
import { authoriseBundleSigner } from './signer-authorisation.js';

export interface OpenTrustBundleOptions {
  /** Roots the bundle signer must chain to (pinned in the verifier). */
  pinned: TrustStore;
  /**
   * Pinned bundle signer certificates. When given, the signer must be one of them; otherwise it must carry the
   * extended key usage id-kp-heyanTrustBundleSigning (EKU_HEYAN_TRUST_BUNDLE_SIGNING). Chaining to a pinned root
   * alone never authorises a signer: any certificate of that root could then publish trust.
   */
  signers?: readonly Certificate[];
  /** Validation time; default now. */
  time?: Date;
  /**
   * The highest version seen before: a lower one is a rollback and is refused. A function is asked once the
   * signature, the signer's path and its authorisation are verified, with the signer and its path (leaf first,
   * pinned root last). Keep ONE counter per pinned root (chain.at(-1)), whatever the signer: a counter per signer
   * would let a second authorised signer of the same root replay an old bundle.
   */
  minVersion?: number | ((signer: Certificate, chain: readonly Certificate[]) => number | undefined);
  /** Seconds after nextUpdate during which the bundle is still used, with a warning (default 0). */
  graceSeconds?: number;
  /** Clock skew tolerated for an issuedAt in the future, seconds (default 300). */
  skewSeconds?: number;
  /** Revocation checking of the bundle signer's path against the pinned store's CRLs (default 'if-available'). */
  revocation?: RevocationMode;
}

export interface OpenTrustBundleResult {
  /** Present only when the bundle may be used (PASSED, possibly with a freshness warning). */
  bundle?: TrustBundle;
  indication: Indication;
  subIndication?: SubIndication;
  checks: Check[];
  /** What to do when the bundle was refused. */
  advice?: Message;
  /** The bundle signer, when the signature could be read. */
  signer?: Certificate;
  /** Validated signer path, leaf first (its last element is the pinned root). */
  chain?: Certificate[];
  /** SHA-256 hex of the input. */
  digest: string;
  /** Version and dates read from the content (also for refused bundles whose content could be read). */
  version?: number;
  issuedAt?: Date;
  nextUpdate?: Date;
}

export const REFRESH_ADVICE: Message = {
  zh: '更新信任包：从发布方获取最新的已签名信任包后再验证',
  en: 'refresh the trust bundle: get the latest signed bundle from its publisher and verify again',
};

function failed(def: (typeof C)[keyof typeof C], why: string, details?: Record<string, unknown>): Check {
  return check(def, 'failed', { message: withDetail(def.failed, why, why), details: { reason: why, ...details } });
}

function finish(checks: Check[], digest: string, extra: Partial<OpenTrustBundleResult> = {}): OpenTrustBundleResult {
  const v = verdictOf(checks);
  const r: OpenTrustBundleResult = { ...extra, indication: v.indication, checks, digest };
  if (v.subIndication) r.subIndication = v.subIndication;
  if (v.indication !== 'PASSED') {
    delete r.bundle;
    r.advice = REFRESH_ADVICE;
  }
  return r;
}

/** Verify and read a trust bundle. Never throws. */
export function openTrustBundle(bytes: Uint8Array, opts: OpenTrustBundleOptions): OpenTrustBundleResult {
  const checks: Check[] = [];
  const input = bytes instanceof Uint8Array ? bytes : new Uint8Array(0);
  const digest = createHash('sha256').update(input).digest('hex');
  try {
    const time = opts.time ?? new Date();
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) return finish([failed(C.format, 'no bundle bytes')], digest);
    if (bytes.length > MAX_BUNDLE_BYTES) return finish([failed(C.format, `${bytes.length} bytes, more than ${MAX_BUNDLE_BYTES}`)], digest);
    if (!(time instanceof Date) || Number.isNaN(time.getTime())) return finish([failed(C.format, 'the validation time is not a valid date')], digest);

    const r = verifySignedData({ cms: bytes, trust: opts.pinned, time, ...(opts.revocation ? { revocation: opts.revocation } : {}) });
    checks.push(...r.checks);
    if (!r.signedData) return finish([...checks, failed(C.format, 'not a CMS SignedData')], digest);
    if (r.signatures.length !== 1) return finish([...checks, failed(C.format, `a bundle has exactly one signer (found ${r.signatures.length})`)], digest);
    const sig = r.signatures[0]!;
    const signer = r.signers[0]!;
    checks.push(...sig.checks);
    const extra: Partial<OpenTrustBundleResult> = {};
    if (signer.certificate) extra.signer = signer.certificate;
    if (signer.chain) extra.chain = signer.chain;
    if (sig.indication !== 'PASSED') {
      const status = sig.indication === 'FAILED' ? 'failed' : 'indeterminate';
      checks.push(check(C.signature, status, sig.subIndication ? { subIndication: sig.subIndication } : {}));
      return finish(checks, digest, extra);
    }
    checks.push(check(C.signature, 'passed', { details: { signer: signer.certificate?.subject, root: signer.chain?.at(-1)?.subject, algorithm: sig.algorithm } }));
    // Authorisation before anything is read from the content (and before any rollback state is consulted).
    const auth = signer.certificate ? authoriseBundleSigner(signer.certificate, opts.signers) : { ok: false, reason: { zh: '没有签名证书', en: 'no signer certificate' } };
    if (!auth.ok) {
      checks.push(check(C.signer, 'failed', { message: withDetail(C.signer.failed, auth.reason.zh, auth.reason.en), details: { reason: auth.reason.en, signer: signer.certificate?.subject } }));
      return finish(checks, digest, extra);
    }
    checks.push(check(C.signer, 'passed', { message: withDetail(C.signer.passed, auth.reason.zh, auth.reason.en), details: { by: auth.by, signer: signer.certificate?.subject } }));

    const sd = r.signedData;
    if (sd.eContentType !== OID_DATA && sd.eContentType !== OID_GM_DATA) return finish([...checks, failed(C.format, `content type ${sd.eContentType} is not data`)], digest, extra);
    if (!sd.eContent) return finish([...checks, failed(C.format, 'the bundle content is not encapsulated')], digest, extra);
    let content: ParsedBundleContent;
    try {
      content = parseBundleContent(sd.eContent);
    } catch (e) {
      return finish([...checks, failed(C.format, (e as Error).message, { error: (e as Error).name })], digest, extra);
    }
    checks.push(check(C.format, 'passed', { details: { version: content.version, issuers: content.issuers.length, roots: content.roots.length, statusLists: content.statusLists.length } }));
    extra.version = content.version;
    extra.issuedAt = content.issuedAt;
    extra.nextUpdate = content.nextUpdate;

    const minVersion = typeof opts.minVersion === 'function' ? (signer.certificate ? opts.minVersion(signer.certificate, signer.chain ?? []) : undefined) : opts.minVersion;
    if (minVersion === undefined) checks.push(check(C.version, 'skipped', { details: { version: content.version } }));
    else if (content.version < minVersion) {
      checks.push(
        check(C.version, 'failed', {
          message: withDetail(C.version.failed, `版本 ${content.version}，已用过版本 ${minVersion}`, `version ${content.version}, version ${minVersion} was seen before`),
          details: { version: content.version, minVersion },
        }),
      );
    } else checks.push(check(C.version, 'passed', { details: { version: content.version, minVersion } }));

    const grace = (opts.graceSeconds ?? DEFAULT_GRACE_SECONDS) * 1000;
    const skew = (opts.skewSeconds ?? DEFAULT_SKEW_SECONDS) * 1000;
    const t = time.getTime();
    const details = { time: time.toISOString(), issuedAt: content.issuedAt.toISOString(), nextUpdate: content.nextUpdate.toISOString(), graceSeconds: grace / 1000, ageSeconds: Math.round((t - content.issuedAt.getTime()) / 1000) };
    if (t < content.issuedAt.getTime() - skew) {
      const why = { zh: `签发时间 ${details.issuedAt} 晚于当前时间，请检查本机时钟`, en: `issued at ${details.issuedAt}, after the validation time: check this machine's clock` };
      checks.push(check(C.freshness, 'indeterminate', { message: withDetail(C.freshness.indeterminate!, why.zh, why.en), details }));
    } else if (t <= content.nextUpdate.getTime()) checks.push(check(C.freshness, 'passed', { details }));
    else if (t <= content.nextUpdate.getTime() + grace) checks.push(check(C.freshness, 'warning', { details }));
    else {
      const why = { zh: `应于 ${details.nextUpdate} 前更新`, en: `it was due for update at ${details.nextUpdate}` };
      checks.push(check(C.freshness, 'indeterminate', { message: withDetail(C.freshness.indeterminate!, why.zh, why.en), details }));
    }

    extra.bundle = new TrustBundle({ ...content, digest, ...(signer.certificate ? { signer: signer.certificate } : {}), verified: true });
    return finish(checks, digest, extra);
  } catch (e) {
    // Defensive: a bug must not escape a verifier.
    const m = e instanceof Error ? e.message : String(e);
    return finish([...checks, failed(C.format, m, { error: e instanceof Error ? e.name : 'Error' })], digest);
  }
}
