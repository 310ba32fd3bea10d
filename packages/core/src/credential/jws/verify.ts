// Verify a compact JWS: structure, header, algorithm policy, signer certificate from x5c, key/algorithm match,
// signature, then the signer's certification path. Integrity first: after a failure there the path is not judged.
// Never throws on hostile input.
import type { Check, Indication, SubIndication } from '../../report/types.js';
import { check, withDetail } from '../../report/check.js';
import { verdictOf } from '../../report/indication.js';
import { Certificate, TrustStore, validateCertificatePath, type RevocationMode } from '../../pki/index.js';
import { CREDENTIAL_CHECKS as C } from '../checks.js';
import { MAX_JWS_BYTES, MAX_SM2_ID, MAX_X5C } from '../limits.js';
import { mergeTrust } from '../../trust/merge-trust.js';
import type { TrustBundle } from '../../trust/bundle.js';
import { JWS_ALGORITHMS, isJwsAlgorithm, keyAlgorithmMismatch, verifyWithAlgorithm, type JwsAlgorithm } from './algorithms.js';
import { base64Decode } from './base64url.js';
import { parseCompactJws, type ParsedJws } from './parse.js';

export interface VerifyJwsOptions {
  /** Anchors (and intermediates, CRLs) for the signer's path. */
  trust?: TrustStore;
  /** An opened trust bundle: its trust store is used (together with `trust` when both are given). */
  bundle?: TrustBundle;
  /** Validation time, default now. */
  time?: Date;
  /** Algorithms accepted (default: all supported ones). HS*, none and unknown names are refused regardless. */
  allowedAlgs?: readonly string[];
  /** Expected `typ` (compared case-insensitively, "application/" optional). */
  typ?: string;
  /** Largest JWS in characters, default 256 KiB. */
  maxBytes?: number;
  /** The payload must be JSON (default true); it is then returned parsed as `payload`. */
  payloadJson?: boolean;
  revocation?: RevocationMode;
}

export interface VerifyJwsResult {
  /** The protected header ({} when the JWS could not be parsed). */
  header: Record<string, unknown>;
  /** Parsed JSON payload; undefined when not parsed. */
  payload: unknown;
  payloadBytes: Uint8Array;
  algorithm?: JwsAlgorithm;
  signer?: Certificate;
  /** Validated (or best partial) path, leaf first. */
  chain?: Certificate[];
  checks: Check[];
  indication: Indication;
  subIndication?: SubIndication;
}

const REGISTERED = new Set(['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit']);
/** Extensions we process and may therefore appear in crit: none. */
const UNDERSTOOD_CRIT = new Set<string>();

function fail(def: (typeof C)[keyof typeof C], why: { zh: string; en: string }, details?: Record<string, unknown>): Check {
  return check(def, 'failed', { message: withDetail(def.failed, why.zh, why.en), details: { reason: why.en, ...details } });
}

function same(why: string): { zh: string; en: string } {
  return { zh: why, en: why };
}

function finish(r: Omit<VerifyJwsResult, 'indication' | 'subIndication'>): VerifyJwsResult {
  const v = verdictOf(r.checks);
  return { ...r, indication: v.indication, ...(v.subIndication ? { subIndication: v.subIndication } : {}) };
}

function normTyp(t: string): string {
  const l = t.toLowerCase();
  return l.startsWith('application/') ? l.slice('application/'.length) : l;
}

/** Header problems other than the algorithm; undefined when acceptable. */
function headerProblem(h: Record<string, unknown>, opts: VerifyJwsOptions): { zh: string; en: string } | undefined {
  if ('crit' in h) {
    const crit = h.crit;
    if (!Array.isArray(crit) || crit.length === 0 || !crit.every((x) => typeof x === 'string'))
      return { zh: 'crit 必须是非空字符串数组', en: 'crit must be a non-empty array of strings' };
    if (new Set(crit).size !== crit.length) return { zh: 'crit 含重复项', en: 'crit lists a parameter twice' };
    for (const name of crit as string[]) {
      if (REGISTERED.has(name)) return { zh: `crit 不得列出已注册参数 ${name}`, en: `crit must not list the registered parameter "${name}"` };
      if (!(name in h)) return { zh: `crit 列出的参数 ${name} 不在头部中`, en: `crit lists "${name}", which is not in the header` };
      if (!UNDERSTOOD_CRIT.has(name)) return { zh: `不支持的关键头部参数 ${name}`, en: `unsupported critical header parameter "${name}"` };
    }
  }
  if ('b64' in h) return { zh: '不支持未编码载荷（b64）', en: 'unencoded payloads (b64) are not supported' };
  if ('typ' in h && typeof h.typ !== 'string') return { zh: 'typ 必须是字符串', en: 'typ must be a string' };
  if (opts.typ !== undefined && (typeof h.typ !== 'string' || normTyp(h.typ) !== normTyp(opts.typ)))
    return { zh: `typ 应为 ${opts.typ}，实为 ${String(h.typ)}`, en: `typ must be "${opts.typ}", found ${h.typ === undefined ? 'none' : JSON.stringify(h.typ)}` };
  if ('sm2id' in h) {
    if (h.alg !== 'SM2SM3') return { zh: 'sm2id 仅用于 SM2SM3', en: 'sm2id is only defined for SM2SM3' };
    if (typeof h.sm2id !== 'string' || h.sm2id.length === 0 || h.sm2id.length > MAX_SM2_ID)
      return { zh: 'sm2id 必须是非空短字符串', en: `sm2id must be a non-empty string of at most ${MAX_SM2_ID} characters` };
  }
  return undefined;
}

/** Why the algorithm is refused, or undefined. */
function algorithmProblem(alg: unknown, allowed: readonly string[] | undefined): { zh: string; en: string } | undefined {
  if (typeof alg !== 'string' || alg.length === 0) return { zh: '头部缺少 alg', en: 'the header has no alg' };
  if (alg.toLowerCase() === 'none') return { zh: 'alg 为 none：未签名的 JWS 一律拒绝', en: 'alg "none": an unsigned JWS is always refused' };
  if (/^HS\d+$/i.test(alg))
    return {
      zh: `拒绝 HMAC 算法 ${alg}：证照只能用签发者的公钥证书验证，共享密钥算法会导致算法混淆攻击`,
      en: `HMAC algorithm ${alg} refused: credentials are verified with the issuer's certificate only; a shared-secret algorithm invites algorithm confusion`,
    };
  if (!isJwsAlgorithm(alg)) return { zh: `不支持的算法 ${alg.slice(0, 40)}`, en: `unsupported algorithm "${alg.slice(0, 40)}"` };
  if (allowed && !allowed.includes(alg)) return { zh: `策略不允许算法 ${alg}`, en: `algorithm ${alg} is not allowed by policy` };
  return undefined;
}

function signerFromX5c(x5c: unknown): { certs?: Certificate[]; problem?: { zh: string; en: string }; missing?: boolean } {
  if (x5c === undefined) return { missing: true };
  if (!Array.isArray(x5c) || x5c.length === 0) return { problem: same('x5c must be a non-empty array') };
  if (x5c.length > MAX_X5C) return { problem: same(`x5c holds ${x5c.length} certificates, more than ${MAX_X5C}`) };
  const certs: Certificate[] = [];
  for (const [i, s] of x5c.entries()) {
    if (typeof s !== 'string') return { problem: same(`x5c[${i}] is not a string`) };
    try {
      certs.push(Certificate.fromDer(base64Decode(s, `x5c[${i}]`)));
    } catch (e) {
      return { problem: same(`x5c[${i}]: ${(e as Error).message}`) };
    }
  }
  return { certs };
}

/** Verify a compact JWS. Never throws on hostile input. */
export function verifyJws(jws: string, opts: VerifyJwsOptions = {}): VerifyJwsResult {
  const checks: Check[] = [];
  let parsed: ParsedJws;
  try {
    parsed = parseCompactJws(jws, { maxBytes: opts.maxBytes ?? MAX_JWS_BYTES, payloadJson: opts.payloadJson ?? true });
  } catch (e) {
    checks.push(fail(C.jwsFormat, same((e as Error).message)), check(C.jwsSignature, 'skipped'));
    return finish({ header: {}, payload: undefined, payloadBytes: new Uint8Array(0), checks });
  }
  const base = { header: parsed.header, payload: parsed.payload, payloadBytes: parsed.payloadBytes };
  checks.push(check(C.jwsFormat, 'passed'));
  const h = parsed.header;

  const algWhy = algorithmProblem(h.alg, opts.allowedAlgs);
  if (algWhy) {
    checks.push(fail(C.jwsAlgorithm, algWhy, { alg: typeof h.alg === 'string' ? h.alg.slice(0, 40) : h.alg === undefined ? null : typeof h.alg }), check(C.jwsSignature, 'skipped'));
    return finish({ ...base, checks });
  }
  const alg = h.alg as JwsAlgorithm;
  checks.push(check(C.jwsAlgorithm, 'passed', { details: { alg } }));

  const headerWhy = headerProblem(h, opts);
  if (headerWhy) {
    checks.push(fail(C.jwsHeader, headerWhy), check(C.jwsSignature, 'skipped'));
    return finish({ ...base, algorithm: alg, checks });
  }
  checks.push(check(C.jwsHeader, 'passed'));

  const x = signerFromX5c(h.x5c);
  if (!x.certs) {
    checks.push(
      x.missing
        ? check(C.jwsSigner, 'indeterminate', { message: withDetail(C.jwsSigner.indeterminate!, '头部没有 x5c 证书链', 'the header has no x5c certificate chain') })
        : fail(C.jwsSigner, x.problem!),
      check(C.jwsSignature, 'skipped'),
    );
    return finish({ ...base, algorithm: alg, checks });
  }
  const signer = x.certs[0]!;
  checks.push(check(C.jwsSigner, 'passed', { details: { subject: signer.subject, serialNumber: signer.serialNumber, fingerprintSha256: signer.fingerprintSha256 } }));

  const key = signer.tryPublicKey();
  const keyWhy = key ? keyAlgorithmMismatch(alg, key) : 'the certificate public key cannot be decoded';
  if (!key || keyWhy) {
    checks.push(fail(C.jwsKey, same(keyWhy!)), check(C.jwsSignature, 'skipped'));
    return finish({ ...base, algorithm: alg, signer, checks });
  }
  checks.push(check(C.jwsKey, 'passed', { details: { algorithm: JWS_ALGORITHMS[alg].name } }));

  const sm2Id = typeof h.sm2id === 'string' ? h.sm2id : undefined;
  if (!verifyWithAlgorithm(alg, key, parsed.signingInput, parsed.signature, sm2Id)) {
    checks.push(check(C.jwsSignature, 'failed', { details: { alg } }));
    return finish({ ...base, algorithm: alg, signer, checks });
  }
  checks.push(check(C.jwsSignature, 'passed', { details: { alg } }));

  const path = validateCertificatePath({
    certificate: signer,
    intermediates: x.certs.slice(1),
    trust: mergeTrust(opts.trust, opts.bundle) ?? new TrustStore(),
    time: opts.time ?? new Date(),
    usage: 'signature',
    outOfBounds: 'indeterminate',
    ...(opts.revocation ? { revocation: opts.revocation } : {}),
  });
  checks.push(...path.checks);
  return finish({ ...base, algorithm: alg, signer, chain: path.chain, checks });
}
