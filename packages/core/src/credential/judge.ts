// What makes an authentic licence acceptable today, shared by credentials and QR codes: the issuer is authorised
// for the type and area (trust bundle), the licence is within its validity window, and its status (status list or
// registry) is valid. "Cannot find out" is INDETERMINATE, never PASSED; a stale status list is never read as valid
// or as revoked.
import type { Certificate, TrustStore } from '../pki/index.js';
import { check, withDetail } from '../report/check.js';
import type { Check, Message } from '../report/types.js';
import { checkStatus } from '../status/check-status.js';
import type { TrustBundle } from '../trust/bundle.js';
import { CREDENTIAL_CHECKS as C } from './checks.js';
import { chinaDateTime } from './payload.js';
import type { LicenseStatusValue, StatusRegistry } from './trust-types.js';

export interface LicenseFacts {
  identifier: string;
  typeCode: string;
  areaCode: string;
  issuerCode: string;
  validFrom: Date;
  validUntil?: Date;
  status?: { listId: string; index: number };
}

export interface JudgeOptions {
  bundle?: TrustBundle;
  trust?: TrustStore;
  time: Date;
  /** A status list (compact JWS) to use instead of the bundle's. */
  statusList?: string;
  /** Point-in-time status from an issuer registry; used instead of status lists when given. */
  registry?: StatusRegistry;
  /**
   * Without a bundle the issuer's authority cannot be checked: INDETERMINATE by default. false accepts the trust
   * store alone as the authority (the caller vouches that its anchors issue only to authorised issuers).
   */
  requireAuthorisation?: boolean;
}

export interface LicenseStatusOutcome {
  status: LicenseStatusValue | 'unknown';
  since?: string;
  reason?: string;
  source?: 'status-list' | 'registry';
  listId?: string;
}

const STATUS_ZH: Record<LicenseStatusValue | 'unknown', string> = { valid: '有效', suspended: '暂扣（暂停）', revoked: '吊销（撤销）', unknown: '未知' };

function detail(def: Message, zh: string, en: string): Message {
  return withDetail(def, zh, en);
}

export function authorisationCheck(facts: LicenseFacts, signer: Certificate, signerTrusted: boolean, opts: JudgeOptions): Check {
  if (!signerTrusted) return check(C.issuerAuthorised, 'skipped');
  if (!opts.bundle) {
    if (opts.requireAuthorisation === false)
      return check(C.issuerAuthorised, 'skipped', { message: { zh: '未提供信任包；按调用方要求以信任锚代替授权核对', en: 'No trust bundle; the caller accepted the trust anchors in place of an authorisation check' } });
    return check(C.issuerAuthorised, 'indeterminate', { details: { issuerCode: facts.issuerCode, typeCode: facts.typeCode, areaCode: facts.areaCode } });
  }
  const a = opts.bundle.isAuthorised(facts.issuerCode, signer, facts.typeCode, facts.areaCode);
  const details = { issuerCode: facts.issuerCode, typeCode: facts.typeCode, areaCode: facts.areaCode, bundleVersion: opts.bundle.version };
  if (a.ok) return check(C.issuerAuthorised, 'passed', { details: { ...details, issuer: a.issuer?.name } });
  const m = a.message ?? { zh: a.reason ?? '', en: a.reason ?? '' };
  return check(C.issuerAuthorised, 'failed', { message: detail(C.issuerAuthorised.failed, m.zh, m.en), details: { ...details, problem: a.problem, reason: a.reason } });
}

export function validityCheck(facts: LicenseFacts, time: Date): Check {
  const t = time.getTime();
  const details = { time: time.toISOString(), validFrom: chinaDateTime(facts.validFrom), validUntil: facts.validUntil ? chinaDateTime(facts.validUntil) : null };
  if (t < facts.validFrom.getTime()) {
    return check(C.validity, 'failed', {
      message: { zh: `证照尚未生效（自 ${details.validFrom} 起有效）`, en: `Licence is not yet valid (valid from ${details.validFrom})` },
      subIndication: 'NOT_YET_VALID',
      details,
    });
  }
  if (facts.validUntil && t > facts.validUntil.getTime()) {
    return check(C.validity, 'failed', { message: detail(C.validity.failed, `有效期至 ${details.validUntil}`, `valid until ${details.validUntil}`), details });
  }
  return check(C.validity, 'passed', {
    ...(facts.validUntil ? {} : { message: { zh: '证照在有效期内（长期有效）', en: 'Licence is within its validity period (long-term)' } }),
    details,
  });
}

function sinceText(v: Date | string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  return String(v).slice(0, 64);
}

function statusFromRegistry(facts: LicenseFacts, registry: StatusRegistry, time: Date): { check: Check; outcome: LicenseStatusOutcome } {
  let r: ReturnType<StatusRegistry['statusAt']>;
  try {
    r = registry.statusAt(facts.identifier, time);
  } catch (e) {
    const m = (e as Error).message;
    return { check: check(C.status, 'indeterminate', { message: detail(C.status.indeterminate!, `登记库查询出错：${m}`, `registry error: ${m}`), details: { source: 'registry' } }), outcome: { status: 'unknown', source: 'registry' } };
  }
  if (!r) {
    return {
      check: check(C.status, 'indeterminate', { message: detail(C.status.indeterminate!, '登记库中没有该证照', 'the licence is not in the registry'), details: { source: 'registry', identifier: facts.identifier } }),
      outcome: { status: 'unknown', source: 'registry' },
    };
  }
  const since = sinceText(r.since);
  const reason = r.reason ? String(r.reason).slice(0, 500) : undefined;
  const outcome: LicenseStatusOutcome = { status: r.status, source: 'registry', ...(since ? { since } : {}), ...(reason ? { reason } : {}) };
  const details = { source: 'registry', status: r.status, since: since ?? null, reason: reason ?? null, at: time.toISOString() };
  return { check: statusCheckFor(r.status, since, reason, details), outcome };
}

function statusCheckFor(status: LicenseStatusValue, since: string | undefined, reason: string | undefined, details: Record<string, unknown>): Check {
  if (status === 'valid') return check(C.status, 'passed', { details });
  const zhWhy = `${since ? `自 ${since} 起` : ''}${reason ? `，原因：${reason}` : ''}`;
  const enWhy = `${since ? ` since ${since}` : ''}${reason ? `, reason: ${reason}` : ''}`;
  if (status === 'revoked') return check(C.status, 'failed', { message: { zh: `证照已被吊销${zhWhy}`, en: `Licence has been revoked${enWhy}` }, details });
  // Suspended (暂扣): not usable now, but reversible, so not REVOKED; FAILED with the suspension stated.
  return check(C.status, 'failed', { message: { zh: `证照已被暂扣（暂停使用）${zhWhy}`, en: `Licence is suspended${enWhy}` }, subIndication: 'GENERIC', details });
}

function statusFromList(facts: LicenseFacts, signer: Certificate, opts: JudgeOptions): { check: Check; outcome: LicenseStatusOutcome } {
  const entry = facts.status!;
  const list = opts.statusList ?? opts.bundle?.statusList(entry.listId);
  const base = { source: 'status-list' as const, listId: entry.listId };
  if (!list) {
    const where = opts.bundle ? { zh: '信任包中没有该状态列表', en: 'the trust bundle does not carry it' } : { zh: '未提供状态列表或信任包', en: 'no status list or trust bundle was given' };
    return {
      check: check(C.status, 'indeterminate', {
        message: detail(C.status.indeterminate!, `状态列表 ${entry.listId} 不可用：${where.zh}`, `status list ${entry.listId} is not available: ${where.en}`),
        details: { ...base, index: entry.index },
      }),
      outcome: { status: 'unknown', ...base },
    };
  }
  const r = checkStatus({
    list,
    index: entry.index,
    time: opts.time,
    ...(opts.trust ? { trust: opts.trust } : {}),
    ...(opts.bundle ? { bundle: opts.bundle } : {}),
    expectedIssuer: signer,
  });
  const details = { ...base, index: entry.index, list: r.list ?? null, listChecks: r.checks };
  if (r.list && r.list.id !== entry.listId) {
    return {
      check: check(C.status, 'indeterminate', {
        message: detail(C.status.indeterminate!, `所给状态列表是 ${r.list.id}，证照登记在 ${entry.listId}`, `the status list given is ${r.list.id}; the licence is in ${entry.listId}`),
        details,
      }),
      outcome: { status: 'unknown', ...base },
    };
  }
  if (r.status === 'unknown') {
    const why = r.checks.filter((c) => c.status === 'failed' || c.status === 'indeterminate');
    const zh = why.map((c) => c.message.zh).join('；') || '原因不明';
    const en = why.map((c) => c.message.en).join('; ') || 'unknown reason';
    return {
      check: check(C.status, 'indeterminate', {
        message: detail(C.status.indeterminate!, zh, en),
        // A list that is stale, untrusted or broken leaves the status unknown: come back with a fresh list.
        subIndication: r.indication === 'INDETERMINATE' && r.subIndication ? r.subIndication : 'TRY_LATER',
        details,
      }),
      outcome: { status: 'unknown', ...base },
    };
  }
  // A list says what the status is as of its issue, not since when: no "since" from it.
  return { check: statusCheckFor(r.status, undefined, undefined, { ...details, status: r.status }), outcome: { status: r.status, ...base } };
}

export function statusCheck(facts: LicenseFacts, signer: Certificate, opts: JudgeOptions): { check: Check; outcome: LicenseStatusOutcome } {
  if (opts.registry) return statusFromRegistry(facts, opts.registry, opts.time);
  if (facts.status) return statusFromList(facts, signer, opts);
  return {
    check: check(C.status, 'indeterminate', {
      message: detail(C.status.indeterminate!, '凭证没有状态条目，也未提供登记库', 'the credential has no status entry and no registry was given'),
      details: { source: null },
    }),
    outcome: { status: 'unknown' },
  };
}

export { STATUS_ZH };

/** The caller options the licence judgements read (credential and QR verification share them). */
export type JudgeInput = Omit<JudgeOptions, 'time'>;

/**
 * The licence-level judgements common to a credential and a QR, in report order: issuer authorised, validity
 * window, status. Options the caller left undefined stay absent.
 */
export function judgeLicence(
  facts: LicenseFacts,
  signer: Certificate,
  signerTrusted: boolean,
  input: JudgeInput,
  time: Date,
): { checks: Check[]; outcome: LicenseStatusOutcome } {
  const opts: JudgeOptions = {
    time,
    ...(input.bundle ? { bundle: input.bundle } : {}),
    ...(input.trust ? { trust: input.trust } : {}),
    ...(input.statusList !== undefined ? { statusList: input.statusList } : {}),
    ...(input.registry ? { registry: input.registry } : {}),
    ...(input.requireAuthorisation !== undefined ? { requireAuthorisation: input.requireAuthorisation } : {}),
  };
  const st = statusCheck(facts, signer, opts);
  return { checks: [authorisationCheck(facts, signer, signerTrusted, opts), validityCheck(facts, time), st.check], outcome: st.outcome };
}
