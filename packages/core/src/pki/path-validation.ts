// Certificate path validation: an RFC 5280 section 6 subset with ETSI EN 319 102-1 style results.
// Every check runs and is reported; the verdict is folded from the checks (report/indication.ts).
// Signatures go through the crypto registry (SM2 with the default user ID), never WebCrypto.
import type { PublicKey, SignatureVerifyResult, WeakAlgorithmPolicy } from '../crypto/types.js';
import { isWeak } from '../crypto/index.js';
import type { Check, CheckStatus, Indication, Message, SubIndication } from '../report/types.js';
import { check, type CheckDef } from '../report/check.js';
import { verdictOf } from '../report/indication.js';
import { sameAlgorithm } from './algorithm.js';
import type { Certificate } from './certificate.js';
import { PKI_CHECKS as C } from './checks.js';
import type { Crl, CrlEntry, RevocationReason } from './crl.js';
import {
  EKU_ADOBE_AUTHENTIC_DOCUMENTS,
  EKU_ANY,
  EKU_CLIENT_AUTH,
  EKU_DOCUMENT_SIGNING,
  EKU_EMAIL_PROTECTION,
  EKU_MS_DOCUMENT_SIGNING,
  EKU_TIME_STAMPING,
  OID_EXT_KEY_USAGE,
} from './extensions.js';
import { parseOcspResponse } from './ocsp/parse.js';
import { ocspMatches, ocspStatusFor, type OcspStatus } from './ocsp/status.js';
import type { OcspResponse } from './ocsp/types.js';
import { verifyOcspResponse } from './ocsp/verify.js';
import { buildCertificatePaths } from './path-building.js';
import { verifySignedObject } from './signature-cache.js';
import { TrustStore } from './trust-store.js';

export type CertificateUsage = 'signature' | 'ca' | 'timestamping' | 'any';
export type RevocationMode = 'require' | 'if-available' | 'off';

export interface PathValidationOptions {
  /** The certificate to validate (the leaf). */
  certificate: Certificate;
  /** Untrusted intermediates offered with it (e.g. from a CMS SignedData). */
  intermediates?: readonly Certificate[];
  /** Anchors, intermediates and CRLs. Absent: nothing is trusted, so no path can be complete. */
  trust?: TrustStore;
  /** Validation time. */
  time: Date;
  /** CRLs besides the store's. */
  crls?: readonly Crl[];
  /**
   * OCSP responses (parsed, or DER OCSPResponse / BasicOCSPResponse bytes) used next to the CRLs. Each is used only
   * when signed by the certificate's issuer or its delegated responder (id-kp-OCSPSigning); nothing is fetched.
   */
  ocsps?: readonly (OcspResponse | Uint8Array)[];
  /** Intended use of the leaf (default 'any': no key usage requirement). */
  usage?: CertificateUsage;
  /** Default 'if-available'. */
  revocation?: RevocationMode;
  /** Proven signing time (a timestamp): expiry or revocation after it is a warning, not a failure. */
  poeTime?: Date;
  /** How a certificate out of its validity period without POE is reported (default 'failed'). */
  outOfBounds?: 'failed' | 'indeterminate';
  policy?: { weak?: WeakAlgorithmPolicy };
  /** Use the verified-signature cache (default true). */
  cache?: boolean;
}

export interface RevocationStatus {
  /** Subject of the certificate checked. */
  certificate: string;
  serialNumber: string;
  status: 'good' | 'revoked' | 'revoked-after-poe' | 'on-hold' | 'unknown' | 'not-checked';
  revocationDate?: string;
  reason?: string;
  /** The CRL that decided (issuer, thisUpdate, nextUpdate). */
  crl?: { issuer: string; thisUpdate: string; nextUpdate?: string; crlNumber?: string; fresh: boolean };
  /** What decided the status: a CRL or an OCSP response. */
  source?: 'crl' | 'ocsp';
  /** The OCSP response that decided. `basis` as OcspStatus.basis. */
  ocsp?: { responder: string; producedAt: string; thisUpdate: string; nextUpdate?: string; basis: 'revoked' | 'current' | 'later'; fingerprintSha256: string };
}

export interface PathValidationResult {
  indication: Indication;
  subIndication?: SubIndication;
  /** Leaf first, anchor last; the partial chain when no anchor was reached. */
  chain: Certificate[];
  checks: Check[];
  /** One entry per certificate below the anchor. */
  revocation?: RevocationStatus[];
}

// Purposes acceptable for a document/seal signing certificate when it has an EKU extension at all.
// clientAuth is listed because Chinese CAs routinely issue signing certificates with it.
const SIGNATURE_EKUS = new Set([
  EKU_ANY,
  EKU_CLIENT_AUTH,
  EKU_EMAIL_PROTECTION,
  EKU_DOCUMENT_SIGNING,
  EKU_MS_DOCUMENT_SIGNING,
  EKU_ADOBE_AUTHENTIC_DOCUMENTS,
]);

const REASON_ZH: Record<string, string> = {
  unspecified: '未指明',
  keyCompromise: '密钥泄露',
  cACompromise: 'CA 密钥泄露',
  affiliationChanged: '从属关系改变',
  superseded: '已被取代',
  cessationOfOperation: '停止运营',
  certificateHold: '证书冻结',
  removeFromCRL: '从 CRL 中删除',
  privilegeWithdrawn: '权限撤销',
  aACompromise: 'AA 密钥泄露',
};

// Every validation formats the same few dates (certificate and CRL validity) many times: memoised, bounded.
const isoCache = new Map<number, string>();
function iso(d: Date): string {
  const t = d.getTime();
  let s = isoCache.get(t);
  if (s === undefined) {
    s = d.toISOString();
    if (isoCache.size >= 1024) isoCache.clear();
    isoCache.set(t, s);
  }
  return s;
}

/** A check about one certificate: the catalogue message with the subject (and an optional reason) appended. */
function about(
  def: CheckDef,
  status: CheckStatus,
  cert: Certificate,
  position: number,
  extra?: { zh: string; en: string },
  opts: { subIndication?: SubIndication; details?: Record<string, unknown>; base?: Message } = {},
): Check {
  const base = opts.base ?? check(def, status).message;
  const message: Message = {
    zh: `${base.zh}：证书「${cert.subject}」${extra ? `（${extra.zh}）` : ''}`,
    en: `${base.en}: certificate "${cert.subject}"${extra ? ` (${extra.en})` : ''}`,
  };
  const o: Parameters<typeof check>[2] = {
    message,
    details: { certificate: cert.subject, serialNumber: cert.serialNumber, position, ...opts.details },
  };
  if (opts.subIndication) o.subIndication = opts.subIndication;
  return check(def, status, o);
}

function inRange(c: Certificate, t: Date): boolean {
  return c.notBefore.getTime() <= t.getTime() && t.getTime() <= c.notAfter.getTime();
}

const SELF_SIGNED_UNTRUSTED: Message = {
  zh: '自签名证书不是信任根，其签名不能证明任何信任',
  en: 'Self-signed certificate is not a trust anchor; its own signature proves no trust',
};
const CONSTRAINT_UNTRUSTED_TOP: Message = {
  zh: '证书链顶端的证书不是信任根，其 CA 约束待确定信任后方可判断',
  en: 'The top certificate of the chain is not a trust anchor; its CA constraints can only be judged once it is trusted',
};

const RANK: Record<Indication, number> = { PASSED: 0, INDETERMINATE: 1, FAILED: 2 };

/**
 * Build candidate paths from `certificate` to an anchor of `trust` and validate them; the first path that
 * PASSES is returned, else the least bad one. Never throws on hostile input.
 */
export function validateCertificatePath(options: PathValidationOptions): PathValidationResult {
  const opts = { ...options, trust: options.trust ?? new TrustStore() };
  try {
    // Parse OCSP bytes once for all candidate paths (bytes that do not parse stay bytes and are reported per path).
    if (opts.ocsps?.some((o) => o instanceof Uint8Array)) opts.ocsps = opts.ocsps.map((o) => (o instanceof Uint8Array ? (tryParse(o) ?? o) : o));
    const { paths, partial } = buildCertificatePaths(opts.certificate, opts.trust, {
      intermediates: opts.intermediates ?? [],
      time: opts.poeTime ?? opts.time,
    });
    if (paths.length === 0) return validateCertificateChain(partial, opts);
    let best: PathValidationResult | undefined;
    for (const p of paths) {
      const r = validateCertificateChain(p, opts);
      if (r.indication === 'PASSED') return r;
      if (!best || RANK[r.indication] < RANK[best.indication]) best = r;
    }
    return best!;
  } catch (e) {
    // A bug must not become a crash of the caller's verifier, nor a PASSED.
    const c = check(C.pathBuild, 'indeterminate', {
      message: { zh: `证书链验证出错：${(e as Error).message}`, en: `Certificate path validation error: ${(e as Error).message}` },
      subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE',
    });
    return { indication: 'INDETERMINATE', subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE', chain: [opts.certificate], checks: [c] };
  }
}

/**
 * Validate one ordered chain (leaf first). The last certificate is the anchor when `trust` says so;
 * otherwise the chain is reported as incomplete (NO_CERTIFICATE_CHAIN_FOUND) and its links are still checked.
 */
export function validateCertificateChain(chain: readonly Certificate[], options: Omit<PathValidationOptions, 'certificate'>): PathValidationResult {
  const opts = { ...options, trust: options.trust ?? new TrustStore() };
  const n = chain.length;
  if (n === 0) throw new TypeError('validateCertificateChain: empty chain');
  const complete = opts.trust.isAnchor(chain[n - 1]!);
  const anchorAt = complete ? n - 1 : -1;
  const time = opts.time;
  const signingTime = opts.poeTime ?? time;
  const weakPolicy = opts.policy?.weak ?? 'warn';
  const useCache = opts.cache !== false;
  const checks: Check[] = [];
  const leaf = chain[0]!;

  // 1. A chain to an anchor.
  if (complete) {
    checks.push(
      check(C.pathBuild, 'passed', {
        message: {
          zh: `${C.pathBuild.passed.zh}：${chain.map((c) => `「${c.subject}」`).join(' → ')}`,
          en: `${C.pathBuild.passed.en}: ${chain.map((c) => `"${c.subject}"`).join(' -> ')}`,
        },
        details: { chain: chain.map((c) => c.subject) },
      }),
    );
  } else {
    const last = chain[n - 1]!;
    // A self-signed top is its own issuer: what is missing is trust in it, not an issuer.
    const why = last.isSelfIssued
      ? { zh: `自签名证书「${last.subject}」不是信任根`, en: `self-signed certificate "${last.subject}" is not a trust anchor` }
      : { zh: `找不到「${last.subject}」的签发者「${last.issuer}」`, en: `no issuer "${last.issuer}" found for "${last.subject}"` };
    checks.push(
      check(C.pathBuild, 'indeterminate', {
        message: { zh: `${C.pathBuild.indeterminate!.zh}：${why.zh}`, en: `${C.pathBuild.indeterminate!.en}: ${why.en}` },
        details: { chain: chain.map((c) => c.subject), ...(last.isSelfIssued ? { untrustedRoot: last.subject } : { missingIssuer: last.issuer }) },
      }),
    );
  }

  // 2. Signatures, leaf to anchor.
  const sig: (SignatureVerifyResult | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const c = chain[i]!;
    if (i === anchorAt) {
      if (!c.isSelfIssued) {
        checks.push(about(C.certSignature, 'skipped', c, i));
        continue;
      }
      const k = c.tryPublicKey();
      const r = k ? verifySignedObject(c, k, useCache) : undefined;
      checks.push(about(C.certSignature, r?.ok ? 'passed' : 'warning', c, i, r?.ok ? { zh: '信任根自签名', en: 'trust anchor self-signature' } : undefined));
      continue;
    }
    const issuer = chain[i + 1];
    if (!issuer) {
      // An untrusted self-signed top proves nothing by its own signature: still undecided, whatever that says.
      if (c.isSelfIssued) checks.push(about(C.certSignature, 'indeterminate', c, i, undefined, { base: SELF_SIGNED_UNTRUSTED }));
      else checks.push(about(C.certSignature, 'indeterminate', c, i, { zh: `缺少签发者「${c.issuer}」`, en: `issuer "${c.issuer}" missing` }));
      continue;
    }
    checks.push(signatureCheck(c, issuer, i, useCache, (r) => (sig[i] = r)));
  }

  // 3. Algorithms and key sizes of the certificates below the anchor.
  for (let i = 0; i < n; i++) {
    if (i === anchorAt) continue;
    const c = chain[i]!;
    const weakSig = sig[i]?.weak;
    const k = c.tryPublicKey();
    const weakKey = k ? isWeak({ publicKey: k }) : undefined;
    const weak = [weakSig && `signature ${weakSig}`, weakKey && `key ${weakKey}`].filter(Boolean).join(', ');
    if (!weak) checks.push(about(C.certAlgorithm, 'passed', c, i, { zh: sig[i]?.algorithm ?? c.publicKeyAlgorithm, en: sig[i]?.algorithm ?? c.publicKeyAlgorithm }));
    else checks.push(about(C.certAlgorithm, weakPolicy === 'fail' ? 'failed' : 'warning', c, i, { zh: weak, en: weak }, { details: { weak } }));
  }

  // 4. Extensions: unknown critical ones and malformed ones.
  for (let i = 0; i < n; i++) {
    const c = chain[i]!;
    const { unknownCritical, malformed } = c.extensions;
    if (unknownCritical.length === 0 && malformed.length === 0) checks.push(about(C.certExtensions, 'passed', c, i));
    else {
      const what = [...unknownCritical.map((o) => `critical ${o}`), ...malformed].join('; ');
      checks.push(about(C.certExtensions, 'failed', c, i, { zh: what, en: what }, { details: { unknownCritical, malformed } }));
    }
  }

  // 5. Name chaining.
  for (let i = 0; i + 1 < n; i++) {
    const c = chain[i]!;
    const up = chain[i + 1]!;
    const ok = c.issuerNameKey === up.subjectNameKey;
    checks.push(
      about(C.nameChaining, ok ? 'passed' : 'failed', c, i, ok ? undefined : { zh: `签发者「${c.issuer}」≠「${up.subject}」`, en: `issuer "${c.issuer}" != "${up.subject}"` }),
    );
  }

  // 6–8. CA constraints of every issuer (the anchor included: a root that may not sign certificates signs none).
  // RFC 5280 6.1.4 (k): an intermediate must assert cA; an X.509 v1 certificate may only be the trust anchor.
  // The untrusted top of an incomplete chain is neither known to be the anchor nor an intermediate of a known path:
  // its constraints cannot be judged before trust is, so a breach is undecided there (the missing anchor decides).
  const topUntrusted = complete ? -1 : n - 1;
  for (let j = 1; j < n; j++) {
    const ca = chain[j]!;
    const top = j === topUntrusted;
    const judged = (def: CheckDef, ok: boolean, extra?: Message): Check =>
      ok || !top
        ? about(def, ok ? 'passed' : 'failed', ca, j, extra)
        : about(def, 'indeterminate', ca, j, extra ? { zh: `${check(def, 'failed').message.zh}，${extra.zh}`, en: `${check(def, 'failed').message.en}, ${extra.en}` } : check(def, 'failed').message, {
            base: CONSTRAINT_UNTRUSTED_TOP,
            subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
            details: { constraint: def.id },
          });
    const bc = ca.extensions.basicConstraints;
    if (j === anchorAt && ca.version === 1 && !bc) {
      checks.push(about(C.basicConstraints, 'passed', ca, j, { zh: 'X.509 v1 信任根', en: 'X.509 v1 trust anchor' }));
    } else {
      const v1 = ca.version === 1 && !bc ? { zh: 'X.509 v1 证书只能作为信任根', en: 'an X.509 v1 certificate can only be a trust anchor' } : undefined;
      checks.push(judged(C.basicConstraints, bc?.cA === true, v1));
    }
    // pathLen counts the non-self-issued intermediates between this CA and the leaf.
    let below = 0;
    for (let k = 1; k < j; k++) if (!chain[k]!.isSelfIssued) below++;
    if (bc?.cA && bc.pathLen !== undefined) {
      checks.push(judged(C.pathLength, below <= bc.pathLen, { zh: `pathLen=${bc.pathLen}，下级中间证书 ${below} 张`, en: `pathLen=${bc.pathLen}, ${below} intermediate(s) below` }));
    } else {
      checks.push(about(C.pathLength, 'passed', ca, j, { zh: '无路径长度约束', en: 'no path length constraint' }));
    }
    const ku = ca.extensions.keyUsage;
    checks.push(judged(C.keyCertSign, !ku || ku.has('keyCertSign'), ku ? { zh: `密钥用法：${[...ku].join(', ') || '无'}`, en: `key usage: ${[...ku].join(', ') || 'none'}` } : undefined));
  }

  // 9. Intended use of the leaf.
  checks.push(...usageChecks(leaf, opts.usage ?? 'any'));

  // 10. Revocation of every certificate below the anchor.
  const revocation: RevocationStatus[] = [];
  const crls = dedupeCrls([...(opts.crls ?? []), ...opts.trust.crls]);
  const ocspCtx: OcspContext = { ...parseOcsps(opts.ocsps), candidates: [...chain, ...(opts.intermediates ?? [])], trust: opts.trust };
  for (let i = 0; i < n; i++) {
    if (i === anchorAt) continue;
    const r = revocationChecks(chain, i, crls, opts.revocation ?? 'if-available', time, signingTime, opts.poeTime !== undefined, useCache, ocspCtx);
    checks.push(...r.checks);
    revocation.push(r.status);
  }

  // 11. Validity periods (dates after integrity and revocation).
  for (let i = 0; i < n; i++) checks.push(validityCheck(chain[i]!, i, time, opts.poeTime, opts.outOfBounds ?? 'failed'));

  const v = verdictOf(checks);
  const out: PathValidationResult = { indication: v.indication, chain: [...chain], checks, revocation };
  if (v.subIndication) out.subIndication = v.subIndication;
  return out;
}

function signatureCheck(c: Certificate, issuer: Certificate, i: number, useCache: boolean, keep: (r: SignatureVerifyResult) => void): Check {
  if (!sameAlgorithm(c.signatureAlgorithm, c.tbsSignatureAlgorithm)) {
    return about(C.certSignature, 'failed', c, i, {
      zh: `TBS 中的签名算法 ${c.tbsSignatureAlgorithm.oid} 与外层 ${c.signatureAlgorithm.oid} 不一致`,
      en: `TBS signature algorithm ${c.tbsSignatureAlgorithm.oid} differs from the outer ${c.signatureAlgorithm.oid}`,
    });
  }
  let key: PublicKey;
  try {
    key = issuer.publicKey;
  } catch (e) {
    const m = (e as Error).message;
    return about(C.certSignature, 'indeterminate', c, i, { zh: `无法使用签发者公钥：${m}`, en: `issuer public key unusable: ${m}` }, { subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE' });
  }
  const r = verifySignedObject(c, key, useCache);
  keep(r);
  const by = { zh: `由「${issuer.subject}」签发，${r.algorithm ?? c.signatureAlgorithm.oid}`, en: `issued by "${issuer.subject}", ${r.algorithm ?? c.signatureAlgorithm.oid}` };
  if (r.ok) return about(C.certSignature, 'passed', c, i, by, { details: { algorithm: r.algorithm } });
  if (r.error && /^unsupported/.test(r.error)) {
    return about(C.certSignature, 'indeterminate', c, i, { zh: r.error, en: r.error }, { subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE' });
  }
  const why = r.error ?? 'signature does not verify';
  return about(C.certSignature, 'failed', c, i, { zh: `${by.zh}；${why}`, en: `${by.en}; ${why}` }, { details: { algorithm: r.algorithm, error: why } });
}

function usageChecks(leaf: Certificate, usage: CertificateUsage): Check[] {
  if (usage === 'any') return [about(C.keyUsage, 'skipped', leaf, 0), about(C.extKeyUsage, 'skipped', leaf, 0)];
  const ku = leaf.extensions.keyUsage;
  const eku = leaf.extensions.extKeyUsage;
  const kuText = ku ? [...ku].join(', ') || 'none' : '';
  const out: Check[] = [];
  if (usage === 'ca') {
    const ok = leaf.extensions.basicConstraints?.cA === true && (!ku || ku.has('keyCertSign'));
    out.push(about(C.keyUsage, ok ? 'passed' : 'failed', leaf, 0, { zh: `要求 CA 证书且含 keyCertSign${ku ? `；密钥用法：${kuText}` : ''}`, en: `CA with keyCertSign required${ku ? `; key usage: ${kuText}` : ''}` }));
    out.push(about(C.extKeyUsage, 'skipped', leaf, 0));
    return out;
  }
  // signature and timestamping: the key must sign (digitalSignature or nonRepudiation/contentCommitment).
  const kuOk = !ku || ku.has('digitalSignature') || ku.has('nonRepudiation');
  out.push(
    about(C.keyUsage, kuOk ? 'passed' : 'failed', leaf, 0, ku ? { zh: `密钥用法：${kuText}`, en: `key usage: ${kuText}` } : { zh: '无密钥用法扩展', en: 'no key usage extension' }),
  );
  if (usage === 'timestamping') {
    // RFC 3161 2.3: the TSA certificate has exactly one EKU, id-kp-timeStamping, and the extension is critical.
    const critical = leaf.extensions.raw.find((x) => x.oid === OID_EXT_KEY_USAGE)?.critical === true;
    if (!eku || !eku.includes(EKU_TIME_STAMPING)) out.push(about(C.extKeyUsage, 'failed', leaf, 0, { zh: '缺少时间戳用途（timeStamping）', en: 'timeStamping purpose missing' }));
    else if (!critical || eku.length !== 1)
      out.push(about(C.extKeyUsage, 'warning', leaf, 0, { zh: '时间戳用途应为唯一且关键的扩展密钥用法', en: 'timeStamping should be the only purpose and the extension critical' }));
    else out.push(about(C.extKeyUsage, 'passed', leaf, 0, { zh: 'timeStamping', en: 'timeStamping' }));
    return out;
  }
  if (!eku) out.push(about(C.extKeyUsage, 'passed', leaf, 0, { zh: '无扩展密钥用法限制', en: 'no extended key usage restriction' }));
  else {
    const ok = eku.some((p) => SIGNATURE_EKUS.has(p));
    out.push(about(C.extKeyUsage, ok ? 'passed' : 'failed', leaf, 0, { zh: `扩展密钥用法：${eku.join(', ')}`, en: `extended key usage: ${eku.join(', ')}` }));
  }
  return out;
}

function dedupeCrls(list: readonly Crl[]): Crl[] {
  const m = new Map<string, Crl>();
  for (const c of list) m.set(c.fingerprintSha256, c);
  return [...m.values()];
}

function isFresh(crl: Crl, time: Date): boolean {
  const t = time.getTime();
  return crl.thisUpdate.getTime() <= t && crl.nextUpdate !== undefined && t <= crl.nextUpdate.getTime();
}

function crlText(crl: Crl): { zh: string; en: string } {
  const span = `thisUpdate ${iso(crl.thisUpdate)}${crl.nextUpdate ? `, nextUpdate ${iso(crl.nextUpdate)}` : ', no nextUpdate'}`;
  return { zh: `CRL「${crl.issuer}」${span}`, en: `CRL "${crl.issuer}" ${span}` };
}

function crlInfo(crl: Crl, fresh: boolean): NonNullable<RevocationStatus['crl']> {
  const o: NonNullable<RevocationStatus['crl']> = { issuer: crl.issuer, thisUpdate: iso(crl.thisUpdate), fresh };
  if (crl.nextUpdate) o.nextUpdate = iso(crl.nextUpdate);
  if (crl.crlNumber !== undefined) o.crlNumber = crl.crlNumber.toString();
  return o;
}

/** OCSP responses of one validation, parsed once; `unparseable` notes the inputs that were not responses. */
interface OcspContext {
  responses: readonly OcspResponse[];
  unparseable: readonly string[];
  /** Where delegated responder certificates may also be found (the chain, the offered intermediates). */
  candidates: readonly Certificate[];
  trust: TrustStore;
}

function tryParse(der: Uint8Array): OcspResponse | undefined {
  try {
    return parseOcspResponse(der);
  } catch {
    return undefined;
  }
}

function parseOcsps(list: PathValidationOptions['ocsps']): { responses: OcspResponse[]; unparseable: string[] } {
  const responses: OcspResponse[] = [];
  const unparseable: string[] = [];
  for (const o of list ?? []) {
    if (!(o instanceof Uint8Array)) {
      responses.push(o);
      continue;
    }
    try {
      responses.push(parseOcspResponse(o));
    } catch (e) {
      unparseable.push((e as Error).message);
    }
  }
  return { responses, unparseable };
}

/** What the verified OCSP responses about `cert` say at `time`, and why the others were not used. */
function ocspEvidence(
  cert: Certificate,
  issuer: Certificate,
  ctx: OcspContext,
  usableCrls: readonly Crl[],
  time: Date,
  useCache: boolean,
): { status?: OcspStatus; responder?: Certificate; ignored: { response: string; reason: string }[]; stale: number } {
  const ignored: { response: string; reason: string }[] = ctx.unparseable.map((reason) => ({ response: 'unparseable', reason }));
  const verified: OcspResponse[] = [];
  const responders = new Map<OcspResponse, Certificate>();
  for (const resp of ctx.responses) {
    if (ocspMatches(cert, issuer, [resp]).length === 0) continue;
    const v = verifyOcspResponse(resp, { issuer, candidates: ctx.candidates, trust: ctx.trust, cache: useCache });
    if (!v.ok || !v.responder) {
      ignored.push({ response: resp.fingerprintSha256, reason: v.reason ?? 'not verified' });
      continue;
    }
    // RFC 6960 4.2.2.2.1: a delegated responder without id-pkix-ocsp-nocheck is itself subject to revocation; the
    // issuer's usable CRLs are consulted (no CRL: accepted, as every relying party without one does).
    if (v.authority === 'delegated' && !v.noCheck) {
      const produced = resp.basic!.producedAt.getTime();
      const e = usableCrls.map((c) => c.entry(v.responder!.serialNumber)).find((x) => x && x.reason !== 'removeFromCRL' && x.revocationDate.getTime() <= produced);
      if (e) {
        ignored.push({ response: resp.fingerprintSha256, reason: `responder "${v.responder.subject}" revoked on ${iso(e.revocationDate)}` });
        continue;
      }
    }
    verified.push(resp);
    responders.set(resp, v.responder);
  }
  const status = ocspStatusFor(cert, issuer, verified, time);
  const out: ReturnType<typeof ocspEvidence> = { ignored, stale: status ? 0 : verified.length };
  if (status) {
    out.status = status;
    const r = responders.get(status.response);
    if (r) out.responder = r;
  }
  return out;
}

function ocspText(s: OcspStatus, responder: Certificate | undefined): { zh: string; en: string } {
  const who = responder?.subject ?? 'responder';
  const span = `producedAt ${iso(s.producedAt)}, thisUpdate ${iso(s.thisUpdate)}${s.nextUpdate ? `, nextUpdate ${iso(s.nextUpdate)}` : ''}`;
  const later = s.basis === 'later' ? { zh: '；签发于验证时间之后，证明当时未被吊销', en: '; issued after the validation time, proving the certificate was not revoked then' } : { zh: '', en: '' };
  return { zh: `OCSP 响应「${who}」${span}${later.zh}`, en: `OCSP response "${who}" ${span}${later.en}` };
}

function ocspInfo(s: OcspStatus, responder: Certificate | undefined): NonNullable<RevocationStatus['ocsp']> {
  const o: NonNullable<RevocationStatus['ocsp']> = {
    responder: responder?.subject ?? '',
    producedAt: iso(s.producedAt),
    thisUpdate: iso(s.thisUpdate),
    basis: s.basis,
    fingerprintSha256: s.response.fingerprintSha256,
  };
  if (s.nextUpdate) o.nextUpdate = iso(s.nextUpdate);
  return o;
}

/** A proven revocation (CRL entry or OCSP "revoked"): judged against the signing time. */
function revokedCheck(
  cert: Certificate,
  i: number,
  status: RevocationStatus,
  at: Date,
  reason: RevocationReason | undefined,
  source: 'crl' | 'ocsp',
  signingTime: Date,
  hasPoe: boolean,
): Check {
  status.revocationDate = iso(at);
  if (reason) status.reason = reason;
  status.source = source;
  const reasonEn = reason ?? 'no reason given';
  const reasonZh = reason ? (REASON_ZH[reason] ?? reason) : '未说明原因';
  const via = source === 'ocsp' ? { zh: '（OCSP）', en: ' (OCSP)' } : { zh: '', en: '' };
  const text = { zh: `吊销时间 ${iso(at)}，原因：${reasonZh}${via.zh}`, en: `revoked on ${iso(at)}, reason: ${reasonEn}${via.en}` };
  const details = { revocationDate: iso(at), reason, source };
  if (reason === 'certificateHold') {
    status.status = 'on-hold';
    return about(C.revocation, 'indeterminate', cert, i, text, { subIndication: 'TRY_LATER', details });
  }
  if (at.getTime() <= signingTime.getTime()) {
    status.status = 'revoked';
    return about(C.revocation, 'failed', cert, i, text, { details });
  }
  if (hasPoe) {
    status.status = 'revoked-after-poe';
    return about(C.revocation, 'warning', cert, i, text, { details });
  }
  status.status = 'revoked';
  return about(C.revocation, 'indeterminate', cert, i, text, { subIndication: 'REVOKED_NO_POE', details });
}

function revocationChecks(
  chain: readonly Certificate[],
  i: number,
  allCrls: readonly Crl[],
  mode: RevocationMode,
  time: Date,
  signingTime: Date,
  hasPoe: boolean,
  useCache: boolean,
  ocspCtx: OcspContext,
): { checks: Check[]; status: RevocationStatus } {
  const cert = chain[i]!;
  const issuer = chain[i + 1];
  const status: RevocationStatus = { certificate: cert.subject, serialNumber: cert.serialNumber, status: 'not-checked' };
  const checks: Check[] = [];
  if (mode === 'off') return { checks: [about(C.revocation, 'skipped', cert, i)], status };
  const missing = mode === 'require' ? 'indeterminate' : 'skipped';
  if (!issuer) {
    status.status = 'unknown';
    return { checks: [about(C.revocation, missing, cert, i, { zh: '缺少签发者，无法验证 CRL', en: 'issuer missing, no CRL can be verified' })], status };
  }

  // CRLs of this certificate's issuer that are usable: right key, signature, cRLSign, processable, in scope.
  const usable: Crl[] = [];
  const issuerKey = issuer.tryPublicKey();
  const isCa = cert.extensions.basicConstraints?.cA === true;
  for (const crl of allCrls) {
    if (crl.issuerNameKey !== cert.issuerNameKey) continue;
    const aki = crl.authorityKeyIdentifier;
    const ski = issuer.extensions.subjectKeyIdentifier;
    if (aki && ski && aki !== ski) continue; // another key generation of the same CA
    const idp = crl.issuingDistributionPoint;
    if (idp && ((idp.onlyContainsUserCerts && isCa) || (idp.onlyContainsCACerts && !isCa) || idp.onlyContainsAttributeCerts)) continue;
    const where = crlText(crl);
    const r = issuerKey && sameAlgorithm(crl.signatureAlgorithm, crl.tbsSignatureAlgorithm) ? verifySignedObject(crl, issuerKey, useCache) : undefined;
    if (!r?.ok) {
      const why = !issuerKey ? 'issuer key unusable' : r ? (r.error ?? 'signature does not verify') : 'signature algorithms differ';
      checks.push(about(C.crlSignature, 'warning', cert, i, { zh: `${where.zh}；${why}`, en: `${where.en}; ${why}` }, { details: { crl: crl.fingerprintSha256 } }));
      continue;
    }
    checks.push(about(C.crlSignature, 'passed', cert, i, where));
    const ku = issuer.extensions.keyUsage;
    if (ku && !ku.has('cRLSign')) {
      checks.push(about(C.crlIssuer, 'warning', cert, i, { zh: `「${issuer.subject}」`, en: `"${issuer.subject}"` }));
      continue;
    }
    const unsupported = [
      ...crl.unknownCritical.map((o) => `critical ${o}`),
      ...(crl.isDelta ? ['delta CRL'] : []),
      ...(idp?.indirectCRL ? ['indirect CRL'] : []),
      ...(idp?.onlySomeReasons ? ['onlySomeReasons'] : []),
      ...crl.malformed,
    ];
    if (unsupported.length) {
      const w = unsupported.join('; ');
      checks.push(about(C.crlExtensions, 'warning', cert, i, { zh: `${where.zh}；${w}`, en: `${where.en}; ${w}` }));
      continue;
    }
    usable.push(crl);
  }

  // OCSP responses about this certificate, signed by the issuer or its delegated responder.
  const oc = ocspCtx.responses.length || ocspCtx.unparseable.length ? ocspEvidence(cert, issuer, ocspCtx, usable, time, useCache) : undefined;
  const os = oc?.status;
  const ocspDetails = oc && (oc.ignored.length || oc.stale) ? { ocspIgnored: oc.ignored, ocspStale: oc.stale } : {};
  const ocspGood = (): Check => {
    status.status = 'good';
    status.source = 'ocsp';
    status.ocsp = ocspInfo(os!, oc!.responder);
    return about(C.revocation, 'passed', cert, i, ocspText(os!, oc!.responder), { details: { source: 'ocsp', ...status.ocsp, ...ocspDetails } });
  };
  const ocspRevoked = (): Check => {
    status.ocsp = ocspInfo(os!, oc!.responder);
    return revokedCheck(cert, i, status, os!.revocationTime!, os!.reason, 'ocsp', signingTime, hasPoe);
  };

  if (usable.length === 0) {
    status.status = 'unknown';
    if (os?.status === 'good') checks.push(ocspGood());
    else if (os?.status === 'revoked') checks.push(ocspRevoked());
    else if (os?.status === 'unknown') {
      status.source = 'ocsp';
      status.ocsp = ocspInfo(os, oc!.responder);
      checks.push(about(C.revocation, 'indeterminate', cert, i, { zh: `OCSP 响应称状态未知；${ocspText(os, oc!.responder).zh}`, en: `the OCSP responder does not know the certificate; ${ocspText(os, oc!.responder).en}` }, { details: { source: 'ocsp', ...status.ocsp } }));
    } else if (oc?.stale) {
      checks.push(about(C.revocation, mode === 'require' ? 'indeterminate' : 'warning', cert, i, { zh: '没有可用的 CRL，OCSP 响应已过期', en: 'no usable CRL; the OCSP responses are not current' }, { details: ocspDetails }));
    } else {
      checks.push(about(C.revocation, missing, cert, i, oc ? { zh: '没有可用的 CRL 或 OCSP 响应', en: 'no usable CRL or OCSP response' } : { zh: '没有可用的 CRL', en: 'no usable CRL' }, { details: ocspDetails }));
    }
    return { checks, status };
  }

  // Newest first; the freshest decides "good", any CRL proves a permanent revocation.
  usable.sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime());
  const fresh = usable.find((c) => isFresh(c, time));
  const decider = fresh ?? usable[0]!;
  const fw = crlText(decider);
  // With a decisive OCSP answer a stale CRL is no reason for doubt: its freshness is then only a warning.
  const ocspDecides = os !== undefined && os.status !== 'unknown';
  checks.push(
    about(C.crlFreshness, fresh ? 'passed' : mode === 'require' && !ocspDecides ? 'indeterminate' : 'warning', cert, i, fw, {
      details: { thisUpdate: iso(decider.thisUpdate), nextUpdate: decider.nextUpdate && iso(decider.nextUpdate) },
    }),
  );
  status.crl = crlInfo(decider, !!fresh);

  let entry: CrlEntry | undefined = decider.entry(cert.serialNumber);
  let from = decider;
  if (!entry) {
    // A hold may have been released since; any other revocation is permanent.
    for (const c of usable) {
      const e = c.entry(cert.serialNumber);
      if (e && e.reason !== 'certificateHold' && e.reason !== 'removeFromCRL') {
        entry = e;
        from = c;
        break;
      }
    }
  }
  if (entry && entry.reason === 'removeFromCRL') entry = undefined;
  const ocspPermanent = os?.basis === 'revoked';
  // A hold listed in the CRL is lifted by a later OCSP "good"; an OCSP hold by a later CRL that omits the certificate.
  const holdLifted = entry?.reason === 'certificateHold' && os?.status === 'good' && os.thisUpdate.getTime() > from.thisUpdate.getTime();
  if (entry && !holdLifted && !(entry.reason === 'certificateHold' && ocspPermanent)) {
    status.crl = crlInfo(from, isFresh(from, time));
    checks.push(revokedCheck(cert, i, status, entry.revocationDate, entry.reason, 'crl', signingTime, hasPoe));
    return { checks, status };
  }
  if (holdLifted) {
    checks.push(ocspGood());
    return { checks, status };
  }
  if (os?.status === 'revoked' && (ocspPermanent || !fresh || fresh.thisUpdate.getTime() <= os.thisUpdate.getTime())) {
    checks.push(ocspRevoked());
    return { checks, status };
  }
  if (fresh) {
    status.status = 'good';
    status.source = 'crl';
    checks.push(about(C.revocation, 'passed', cert, i, fw, { details: { source: 'crl', ...ocspDetails } }));
  } else if (os?.status === 'good') {
    checks.push(ocspGood());
  } else if (os?.status === 'unknown') {
    status.status = 'unknown';
    status.source = 'ocsp';
    status.ocsp = ocspInfo(os, oc!.responder);
    checks.push(about(C.revocation, 'indeterminate', cert, i, { zh: `OCSP 响应称状态未知；${ocspText(os, oc!.responder).zh}`, en: `the OCSP responder does not know the certificate; ${ocspText(os, oc!.responder).en}` }, { details: { source: 'ocsp', ...status.ocsp } }));
  } else {
    status.status = 'unknown';
    checks.push(
      about(C.revocation, mode === 'require' ? 'indeterminate' : 'warning', cert, i, {
        zh: `未列入已过期的 ${fw.zh}`,
        en: `not listed in the stale ${fw.en}`,
      }, { details: ocspDetails }),
    );
  }
  return { checks, status };
}

function validityCheck(c: Certificate, i: number, time: Date, poe: Date | undefined, outOfBounds: 'failed' | 'indeterminate'): Check {
  const span = { zh: `有效期 ${iso(c.notBefore)} 至 ${iso(c.notAfter)}`, en: `valid ${iso(c.notBefore)} to ${iso(c.notAfter)}` };
  const details = { notBefore: iso(c.notBefore), notAfter: iso(c.notAfter), time: iso(time), ...(poe ? { poeTime: iso(poe) } : {}) };
  if (inRange(c, time)) return about(C.validity, 'passed', c, i, span, { details });
  if (poe && inRange(c, poe)) {
    return about(C.validity, 'warning', c, i, { zh: `${span.zh}；签名时间 ${iso(poe)} 已证明`, en: `${span.en}; signing time ${iso(poe)} proven` }, { details });
  }
  // With a POE before notBefore the signature provably predates the certificate.
  const ref = poe ?? time;
  if (ref.getTime() < c.notBefore.getTime()) {
    if (!poe && outOfBounds === 'indeterminate') return about(C.validity, 'indeterminate', c, i, span, { details });
    return about(C.validity, 'failed', c, i, { zh: `尚未生效；${span.zh}`, en: `not yet valid; ${span.en}` }, { subIndication: 'NOT_YET_VALID', details });
  }
  if (outOfBounds === 'indeterminate') return about(C.validity, 'indeterminate', c, i, span, { details });
  return about(C.validity, 'failed', c, i, { zh: `已过期；${span.zh}`, en: `expired; ${span.en}` }, { subIndication: 'EXPIRED', details });
}
