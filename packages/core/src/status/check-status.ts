// The status of one licence from a signed status list. Integrity first (signature and signer path via the credential
// module's verifyJws), then what the list is, who signed it, its bitstring and the index, then freshness; the entry
// is read only from a fresh, trusted list. Anything that cannot be established is INDETERMINATE with status
// 'unknown' — a stale or untrusted list is never reported as valid or as revoked. Never throws.
import type { Certificate, TrustStore } from '../pki/index.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf } from '../report/indication.js';
import type { Check, Indication, SubIndication } from '../report/types.js';
import { verifyJws } from '../credential/jws/index.js';
import type { TrustBundle } from '../trust/bundle.js';
import { entryCount, readStatusEntry } from './bitstring.js';
import { STATUS_CHECKS as C } from './checks.js';
import { decodeBitstring, type DecodeBitstringOptions } from './decode-bitstring.js';
import { DEFAULT_SKEW_SECONDS, MAX_STATUS_LIST_JWS, MIN_ENTRIES } from './limits.js';
import { statusListShape, type StatusListInfo } from './parse-status-list.js';
import { STATUS_SIZE, statusOfValue, type LicenseStatus } from './types.js';

export interface CheckStatusOptions {
  /** The status list (compact JWS). */
  list: string;
  /** The licence's entry (credentialStatus.statusListIndex). */
  index: number;
  /** Validation time. */
  time: Date;
  /** Anchors for the list signer's path. */
  trust?: TrustStore;
  /** An opened trust bundle: its roots for the signer's path, its issuers to tell who may sign for whom. */
  bundle?: TrustBundle;
  /** The credential's issuer (its signing certificate or that certificate's SHA-256 fingerprint in hex). */
  expectedIssuer?: Certificate | string;
  /** Clock skew tolerated at both ends of the list's validity window, seconds (default 300). */
  skewSeconds?: number;
  /** Limits of the bitstring decoder. */
  decode?: DecodeBitstringOptions;
}

export interface CheckStatusResult {
  status: LicenseStatus | 'unknown';
  checks: Check[];
  indication: Indication;
  subIndication?: SubIndication;
  /** What the list says about itself, once its payload could be read. */
  list?: { id: string; issuer: string; validFrom: string; validUntil: string; signer?: string; entries?: number };
}

const ZH: Record<LicenseStatus, string> = { valid: '有效', suspended: '暂扣（暂停）', revoked: '吊销（撤销）' };

function failed(def: (typeof C)[keyof typeof C], zh: string, en: string, details?: Record<string, unknown>): Check {
  return check(def, 'failed', { message: withDetail(def.failed, zh, en), details: { reason: en, ...details } });
}

function done(status: LicenseStatus | 'unknown', checks: Check[], list?: CheckStatusResult['list']): CheckStatusResult {
  const v = verdictOf(checks);
  // No entry was read: whatever the checks say, the status is not known (and never PASSED).
  const indication: Indication = status === 'unknown' && v.indication === 'PASSED' ? 'INDETERMINATE' : v.indication;
  const r: CheckStatusResult = { status, checks, indication };
  if (v.subIndication) r.subIndication = v.subIndication;
  if (list) r.list = list;
  return r;
}

/** Why the list signer may not speak for the credential's issuer, or undefined when it may. */
function issuerProblem(signer: Certificate, expected: Certificate | string, bundle: TrustBundle | undefined): { zh: string; en: string; details: Record<string, unknown> } | undefined {
  const expectedFp = typeof expected === 'string' ? expected.toLowerCase().replace(/[^0-9a-f]/g, '') : expected.fingerprintSha256;
  if (signer.fingerprintSha256 === expectedFp) return undefined;
  const signerIssuer = bundle?.findIssuerByCertificate(signer);
  const expectedIssuer = bundle ? (typeof expected === 'string' ? bundle.findIssuerByFingerprint(expectedFp) : bundle.findIssuerByCertificate(expected)) : undefined;
  // Another certificate of the same authority (key rotation, a separate status-signing key) speaks for it.
  if (signerIssuer && expectedIssuer && signerIssuer.code === expectedIssuer.code) return undefined;
  const details = { signer: signer.subject, signerFingerprint: signer.fingerprintSha256, expectedFingerprint: expectedFp, signerIssuerCode: signerIssuer?.code ?? null, expectedIssuerCode: expectedIssuer?.code ?? null };
  if (!bundle) return { zh: '签署者证书不是证照签发者的证书（未提供信任包，无法核对授权）', en: 'the signer certificate is not the credential issuer\'s (no trust bundle to look up an authorisation)', details };
  return {
    zh: `签署者（${signerIssuer ? signerIssuer.code : '不在信任包中'}）与证照签发者（${expectedIssuer ? expectedIssuer.code : '不在信任包中'}）不是同一机构`,
    en: `the signer (${signerIssuer ? signerIssuer.code : 'not in the trust bundle'}) and the credential issuer (${expectedIssuer ? expectedIssuer.code : 'not in the trust bundle'}) are not the same authority`,
    details,
  };
}

/** Read a licence's status from a signed status list. Never throws. */
export function checkStatus(opts: CheckStatusOptions): CheckStatusResult {
  const checks: Check[] = [];
  try {
    const time = opts.time;
    const v = verifyJws(opts.list, {
      ...(opts.trust ? { trust: opts.trust } : {}),
      ...(opts.bundle ? { bundle: opts.bundle } : {}),
      ...(time instanceof Date && !Number.isNaN(time.getTime()) ? { time } : {}),
      maxBytes: MAX_STATUS_LIST_JWS,
    });
    checks.push(...v.checks);
    if (v.indication !== 'PASSED') {
      const status = v.indication === 'FAILED' ? 'failed' : 'indeterminate';
      checks.push(check(C.signature, status, v.subIndication ? { subIndication: v.subIndication } : {}), check(C.entry, 'skipped'));
      return done('unknown', checks);
    }
    checks.push(check(C.signature, 'passed', { details: { signer: v.signer?.subject, algorithm: v.algorithm } }));
    if (!(time instanceof Date) || Number.isNaN(time.getTime())) {
      checks.push(failed(C.freshness, '验证时间无效', 'the validation time is not a valid date'), check(C.entry, 'skipped'));
      return done('unknown', checks);
    }

    let info: StatusListInfo;
    try {
      info = statusListShape(v.payload);
    } catch (e) {
      checks.push(failed(C.type, (e as Error).message, (e as Error).message), check(C.entry, 'skipped'));
      return done('unknown', checks);
    }
    checks.push(check(C.type, 'passed', { details: { id: info.id } }));
    const list: NonNullable<CheckStatusResult['list']> = {
      id: info.id,
      issuer: info.issuer,
      validFrom: info.validFrom.toISOString(),
      validUntil: info.validUntil.toISOString(),
      ...(v.signer ? { signer: v.signer.subject } : {}),
    };

    if (opts.expectedIssuer === undefined) checks.push(check(C.issuer, 'skipped'));
    else {
      const why = v.signer ? issuerProblem(v.signer, opts.expectedIssuer, opts.bundle) : { zh: '没有签署者证书', en: 'no signer certificate', details: {} };
      checks.push(why ? failed(C.issuer, why.zh, why.en, why.details) : check(C.issuer, 'passed', { details: { signer: v.signer!.subject } }));
    }

    let bits: Uint8Array | undefined;
    try {
      bits = decodeBitstring(info.credential.credentialSubject.encodedList, opts.decode);
      const entries = entryCount(bits, STATUS_SIZE);
      list.entries = entries;
      if (entries < MIN_ENTRIES) {
        checks.push(failed(C.encodedList, `仅有 ${entries} 项，少于 ${MIN_ENTRIES} 项`, `${entries} entries, fewer than the ${MIN_ENTRIES} required`, { entries }));
        bits = undefined;
      } else checks.push(check(C.encodedList, 'passed', { details: { entries } }));
    } catch (e) {
      const m = (e as Error).message;
      checks.push(failed(C.encodedList, m, m, { error: (e as Error).name }));
    }

    const index = opts.index;
    let indexOk = false;
    if (!Number.isSafeInteger(index) || index < 0) {
      checks.push(failed(C.index, `索引 ${String(index)} 不是非负整数`, `index ${String(index)} is not a non-negative integer`, { index: String(index) }));
    } else if (bits) {
      const entries = entryCount(bits, STATUS_SIZE);
      indexOk = index < entries;
      checks.push(
        indexOk
          ? check(C.index, 'passed', { details: { index, entries } })
          : failed(C.index, `索引 ${index} 不在 0..${entries - 1} 之内`, `index ${index} is outside 0..${entries - 1}`, { index, entries }),
      );
    } else checks.push(check(C.index, 'skipped'));

    const skew = (opts.skewSeconds ?? DEFAULT_SKEW_SECONDS) * 1000;
    const t = time.getTime();
    const details = { time: time.toISOString(), validFrom: list.validFrom, validUntil: list.validUntil, skewSeconds: skew / 1000 };
    let fresh = false;
    if (t < info.validFrom.getTime() - skew) {
      checks.push(check(C.freshness, 'indeterminate', { message: withDetail(C.freshness.indeterminate!, `列表自 ${list.validFrom} 起才生效`, `the list is valid only from ${list.validFrom}`), details }));
    } else if (t > info.validUntil.getTime() + skew) {
      checks.push(
        check(C.freshness, 'indeterminate', {
          message: withDetail(C.freshness.indeterminate!, `列表已于 ${list.validUntil} 过期`, `the list expired at ${list.validUntil}`),
          details: { ...details, staleSeconds: Math.round((t - info.validUntil.getTime()) / 1000) },
        }),
      );
    } else {
      fresh = true;
      checks.push(check(C.freshness, 'passed', { details: { ...details, ageSeconds: Math.round((t - info.validFrom.getTime()) / 1000) } }));
    }

    if (!fresh || !indexOk || !bits || checks.some((c) => c.status === 'failed')) {
      checks.push(check(C.entry, 'skipped'));
      return done('unknown', checks, list);
    }
    const value = readStatusEntry(bits, index, STATUS_SIZE);
    const status = statusOfValue(value);
    if (status === undefined) {
      checks.push(check(C.entry, 'indeterminate', { details: { index, value } }));
      return done('unknown', checks, list);
    }
    if (status === 'valid') checks.push(check(C.entry, 'passed', { details: { index, value, status } }));
    else {
      checks.push(
        check(C.entry, 'failed', {
          message: { zh: `证照状态：${ZH[status]}`, en: `Licence status: ${status}` },
          // Suspension is reversible: not REVOKED (ETSI has no "suspended"; the credential verifier says GENERIC too).
          ...(status === 'suspended' ? { subIndication: 'GENERIC' as const } : {}),
          details: { index, value, status, listId: info.id, listValidFrom: list.validFrom },
        }),
      );
    }
    return done(status, checks, list);
  } catch (e) {
    // Defensive: a bug must not escape a verifier; the status stays unknown.
    const m = e instanceof Error ? e.message : String(e);
    checks.push(check(C.entry, 'indeterminate', { message: withDetail(C.entry.indeterminate!, m, m), details: { error: m } }));
    return done('unknown', checks);
  }
}
