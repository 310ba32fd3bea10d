// Seal (印章) verification: GB/T 38540-2020 5.1 with the GM/T 0031-2025 additions, every step a check.
// a) format; b) maker signature over the signed bytes; c) (2025) seal valid at createDate; d) maker certificate:
// valid at createDate, chain, validity, revocation, key usage; e) seal validity period; f) (2025) seal timestamp.
// Never throws: hostile input becomes FAILED/FORMAT_FAILURE.
import { verifySignature } from '../crypto/registry.js';
import type { Certificate } from '../pki/certificate.js';
import { validateCertificatePath } from '../pki/path-validation.js';
import { TrustStore } from '../pki/trust-store.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf } from '../report/indication.js';
import type { Check, CertificateSummary, Indication, SignatureReport, SubIndication, TimestampSummary } from '../report/types.js';
import { effectiveAlgorithm } from './algorithm.js';
import { SEAL_CHECKS as C } from './checks.js';
import { decodeSeal } from './decode-seal.js';
import { pictureKindOf } from './picture.js';
import { namePoe, type PoeSource } from './poe-wording.js';
import { softenEku, withRole } from './role.js';
import { verifySesTimestamp } from './timestamp.js';
import { toleranceCheck } from './tolerance.js';
import type { SealInfo } from './types.js';
import { bugReason, inputErrorReason, pathOpts, readCertificate, signatureFailedCheck, signatureOkCheck, timestampChecks, validationTimeOf, type SealPathInputs } from './verify-shared.js';

const ALL = Object.values(C);

export interface SealVerifyOptions extends SealPathInputs {
  seal: Uint8Array | SealInfo;
  /**
   * When the seal was used (the signing time of a seal signature) and whether a timestamp proves it. Absent for a
   * bare seal: then the seal is judged at the validation time, like a certificate on its own.
   */
  usedAt?: { time: Date | undefined; proven: boolean };
}

export interface SealSummary {
  version: 1 | 4 | 5;
  headerVersion: number;
  vid: string;
  esID: string;
  name: string;
  type: number;
  createDate: string;
  validStart: string;
  validEnd: string;
  picture: { type: string; detected?: string; bytes: number; widthMm: number; heightMm: number };
  certListType: number;
  /** Signer certificates (or digests) listed. */
  signers: number;
  maker?: CertificateSummary;
  signatureAlgorithm: string;
  /** genTime of a verified seal timestamp (v5). */
  timestamp?: string;
}

export interface SealVerifyResult {
  indication: Indication;
  subIndication?: SubIndication;
  checks: Check[];
  /** ISO-8601 validation time. */
  validationTime: string;
  /** Absent when the seal could not be decoded. */
  seal?: SealSummary;
  info?: SealInfo;
  maker?: Certificate;
  /** Validated maker path, leaf first. */
  chain?: Certificate[];
  /** Registry name of the maker's signature algorithm. */
  algorithm?: string;
  timestamp?: TimestampSummary;
}

function iso(d: Date): string {
  return d.toISOString();
}

function msg(zh: string, en: string): { zh: string; en: string } {
  return { zh, en };
}

export function summariseSeal(info: SealInfo, maker?: Certificate): SealSummary {
  const p = info.property;
  const detected = pictureKindOf(info.picture.data);
  const s: SealSummary = {
    version: info.version,
    headerVersion: info.header.version,
    vid: info.header.vid,
    esID: info.esID,
    name: p.name,
    type: p.type,
    createDate: iso(p.createDate),
    validStart: iso(p.validStart),
    validEnd: iso(p.validEnd),
    picture: { type: info.picture.type, bytes: info.picture.data.length, widthMm: info.picture.widthMm, heightMm: info.picture.heightMm },
    certListType: p.certListType,
    signers: p.certList.kind === 'certs' ? p.certList.certs.length : p.certList.digests.length,
    signatureAlgorithm: info.signatureAlgorithm,
  };
  if (detected) s.picture.detected = detected;
  if (maker) s.maker = maker.summary();
  return s;
}

/** Verify an electronic seal. Never throws. */
export function verifySeal(opts: SealVerifyOptions): SealVerifyResult {
  const time = validationTimeOf(opts);
  const validationTime = iso(time);
  let info: SealInfo;
  try {
    info = opts.seal instanceof Uint8Array ? decodeSeal(opts.seal) : opts.seal;
    if (!info || typeof info !== 'object' || !(info.raw instanceof Uint8Array)) throw new TypeError('seal: bytes or a decoded SealInfo expected');
  } catch (e) {
    const why = inputErrorReason(e);
    const checks = [check(C.format, 'failed', { message: withDetail(C.format.failed, why, why), details: { reason: why } })];
    return { ...verdictOf(checks), checks, validationTime };
  }
  try {
    return verifyDecoded(info, opts, time, validationTime);
  } catch (e) {
    // A bug must not escape a verifier, nor pass.
    const why = bugReason(e);
    const checks = [check(C.format, 'failed', { message: withDetail(C.format.failed, why, why), details: { reason: why } })];
    return { ...verdictOf(checks), checks, validationTime, info };
  }
}

function verifyDecoded(info: SealInfo, opts: SealVerifyOptions, time: Date, validationTime: string): SealVerifyResult {
  const checks: Check[] = [];
  const p = info.property;
  checks.push(check(C.format, 'passed', { details: { version: info.version, detectedBy: info.detectedBy, esID: info.esID } }));
  for (const t of info.tolerances) checks.push(toleranceCheck(t, ALL));

  // b) maker certificate and signature over the signed bytes.
  const read = readCertificate(C.makerCertificate, info.makerCertificate);
  const maker = read.certificate;
  checks.push(read.check);
  const signedOver = info.version === 1 ? 'SEQUENCE { SES_SealInfo, cert, signatureAlgorithm }' : 'SES_SealInfo';
  let algorithm: string | undefined;
  if (!maker) {
    checks.push(check(C.makerSignature, 'indeterminate', { message: withDetail(C.makerSignature.indeterminate!, '制章者证书无法读取', 'maker certificate unreadable') }));
  } else {
    const key = maker.tryPublicKey();
    const r = key
      ? verifySignature(
          {
            algorithm: effectiveAlgorithm(info.signatureAlgorithm),
            publicKey: key,
            data: info.signedBytes,
            signature: info.signatureValue,
            allowRawSignature: info.signatureForm === 'raw',
          },
          opts.policy?.weak ?? 'warn',
        )
      : { ok: false, error: 'unsupported maker certificate public key' };
    algorithm = r.algorithm;
    const details = { algorithm: r.algorithm ?? info.signatureAlgorithm, signedOver, signatureForm: info.signatureForm, ...(r.weak ? { weak: r.weak } : {}) };
    if (r.ok) {
      checks.push(signatureOkCheck(C.makerSignature, r, msg(`${r.algorithm}，签名覆盖 ${signedOver}`, `${r.algorithm} over ${signedOver}`), details));
    } else {
      const why = r.error ?? 'signature does not verify';
      checks.push(signatureFailedCheck(C.makerSignature, why, msg(`${why}（${signedOver}）`, `${why} (over ${signedOver})`), details));
    }
  }

  // c) (2025) the seal was valid at its creation date; d) the maker certificate was valid then.
  const created = p.createDate.getTime();
  const inWindow = p.validStart.getTime() <= created && created <= p.validEnd.getTime();
  const window = msg(`制作日期 ${iso(p.createDate)}，有效期 ${iso(p.validStart)} 至 ${iso(p.validEnd)}`, `created ${iso(p.createDate)}, valid ${iso(p.validStart)} to ${iso(p.validEnd)}`);
  checks.push(
    inWindow
      ? check(C.validAtCreation, 'passed', { message: withDetail(C.validAtCreation.passed, window.zh, window.en) })
      : check(C.validAtCreation, info.version === 5 ? 'failed' : 'warning', {
          message: withDetail(info.version === 5 ? C.validAtCreation.failed : C.validAtCreation.warning!, window.zh, window.en),
        }),
  );
  if (maker) checks.push(makerAtCreation(maker, p.createDate, info.version === 5));

  // f) (2025) seal timestamp over the signature value: a proof that the seal existed at genTime.
  let tsTime: Date | undefined;
  let timestamp: TimestampSummary | undefined;
  if (info.timeStamp) {
    const ts = verifySesTimestamp(info.timeStamp, info.signatureValue, pathOpts(opts, time));
    checks.push(...timestampChecks(C.sealTimestamp, ts, 'seal-tsa'));
    if (ts.summary) timestamp = ts.summary;
    if (ts.indication === 'PASSED' && ts.genTime) {
      tsTime = ts.genTime;
      const ok = created <= ts.genTime.getTime();
      const t = msg(`制作日期 ${iso(p.createDate)}，时间戳 ${iso(ts.genTime)}`, `created ${iso(p.createDate)}, timestamp ${iso(ts.genTime)}`);
      checks.push(check(C.sealTimestampOrder, ok ? 'passed' : 'failed', { message: withDetail(ok ? C.sealTimestampOrder.passed : C.sealTimestampOrder.failed, t.zh, t.en) }));
    } else {
      checks.push(check(C.sealTimestampOrder, 'skipped'));
    }
  } else if (info.version === 5) {
    checks.push(check(C.sealTimestamp, 'skipped'));
  }

  // d) maker certificate path, validity, revocation, key usage.
  let chain: Certificate[] | undefined;
  if (maker) {
    const used = opts.usedAt;
    // GM/T 0031-2025: a maker certificate valid at createDate but expired or revoked now is a warning, so the
    // creation date (or the seal timestamp that proves it) serves as the reference time. GB/T 38540 (v1, v4):
    // judged now for a bare seal; in a signature, at the proven signing time when there is one.
    const poe = tsTime ?? (info.version === 5 ? p.createDate : used?.proven ? used.time : undefined);
    const poeSource: PoeSource | undefined = tsTime ? 'seal-timestamp' : info.version === 5 ? 'create-date' : poe ? 'signing-time' : undefined;
    const path = validateCertificatePath({
      certificate: maker,
      ...pathOpts(opts, time),
      trust: opts.trust ?? new TrustStore(),
      usage: 'signature',
      ...(poe ? { poeTime: poe } : {}),
      outOfBounds: used ? 'indeterminate' : 'failed',
    });
    checks.push(...withRole(softenEku(poeSource && poe ? namePoe(path.checks, poeSource, poe) : path.checks), 'maker'));
    chain = path.chain;
  }

  // e) the seal's own validity period.
  checks.push(...validityChecks(info, time, opts.usedAt));

  const v = verdictOf(checks);
  const out: SealVerifyResult = { indication: v.indication, checks, validationTime, seal: summariseSeal(info, maker), info };
  if (v.subIndication) out.subIndication = v.subIndication;
  if (maker) out.maker = maker;
  if (chain) out.chain = chain;
  if (algorithm) out.algorithm = algorithm;
  if (timestamp) out.timestamp = timestamp;
  if (tsTime) out.seal!.timestamp = iso(tsTime);
  return out;
}

/**
 * GM/T 0031-2025 requires the maker certificate to be valid at createDate. GB/T 38540 does not: real v4 seals keep
 * their original createDate when re-signed under a renewed maker certificate, so there it is a warning.
 */
function makerAtCreation(maker: Certificate, createDate: Date, required: boolean): Check {
  const span = msg(
    `制作日期 ${iso(createDate)}，证书有效期 ${iso(maker.notBefore)} 至 ${iso(maker.notAfter)}`,
    `created ${iso(createDate)}, certificate valid ${iso(maker.notBefore)} to ${iso(maker.notAfter)}`,
  );
  const t = createDate.getTime();
  const details = { createDate: iso(createDate), notBefore: iso(maker.notBefore), notAfter: iso(maker.notAfter) };
  const status = required ? 'failed' : 'warning';
  const soft = required ? msg('', '') : msg('；GB/T 38540 未要求此项，按警告处理', '; GB/T 38540 does not require it, reported as a warning');
  if (t > maker.notAfter.getTime()) {
    return check(C.makerValidAtCreation, status, {
      message: msg(`制章者证书在印章制作前已过期（${span.zh}${soft.zh}）`, `Maker certificate expired before the seal was created (${span.en}${soft.en})`),
      ...(required ? { subIndication: 'EXPIRED' as const } : {}),
      details,
    });
  }
  if (t < maker.notBefore.getTime()) {
    return check(C.makerValidAtCreation, status, {
      message: msg(`制章者证书在印章制作时尚未生效（${span.zh}${soft.zh}）`, `Maker certificate was not yet valid when the seal was created (${span.en}${soft.en})`),
      ...(required ? { subIndication: 'NOT_YET_VALID' as const } : {}),
      details,
    });
  }
  return check(C.makerValidAtCreation, 'passed', { message: withDetail(C.makerValidAtCreation.passed, span.zh, span.en), details });
}

/**
 * The seal's validity window. Bare seal: at the validation time, FAILED when outside (like a certificate on its own).
 * In a signature: at the signing time (outside is FAILED whether claimed or proven: the signature itself says the seal
 * was not valid), plus "now" as its own check: expired now is a warning with a proven signing time, else
 * INDETERMINATE / OUT_OF_BOUNDS_NO_POE.
 */
function validityChecks(info: SealInfo, time: Date, used: SealVerifyOptions['usedAt']): Check[] {
  const p = info.property;
  const span = msg(`有效期 ${iso(p.validStart)} 至 ${iso(p.validEnd)}`, `valid ${iso(p.validStart)} to ${iso(p.validEnd)}`);
  // `at` says which time was judged: advice differs (an expired bare seal vs. a seal used after it expired).
  const at = (t: Date, what: { zh: string; en: string }, judged: 'validation-time' | 'signing-time' = 'signing-time'): Check => {
    const details = { validStart: iso(p.validStart), validEnd: iso(p.validEnd), time: iso(t), at: judged };
    const text = msg(`${span.zh}，${what.zh} ${iso(t)}`, `${span.en}, ${what.en} ${iso(t)}`);
    if (t.getTime() < p.validStart.getTime()) {
      return check(C.validity, 'failed', { message: msg(`印章尚未生效：${text.zh}`, `The seal was not yet valid: ${text.en}`), subIndication: 'NOT_YET_VALID', details });
    }
    if (t.getTime() > p.validEnd.getTime()) {
      return check(C.validity, 'failed', { message: msg(`印章已过期：${text.zh}`, `The seal had expired: ${text.en}`), subIndication: 'EXPIRED', details });
    }
    return check(C.validity, 'passed', { message: withDetail(C.validity.passed, text.zh, text.en), details });
  };
  if (!used) return [at(time, msg('验证时间', 'validation time'), 'validation-time')];

  const out: Check[] = [];
  if (used.time) out.push(at(used.time, used.proven ? msg('时间戳证明的签章时间', 'signing time proven by timestamp') : msg('签章时间（签章数据所声明）', 'signing time as claimed by the signature')));
  else out.push(check(C.validity, 'indeterminate', { message: withDetail(C.validity.indeterminate!, span.zh, span.en) }));

  const nowDetails = { validStart: iso(p.validStart), validEnd: iso(p.validEnd), time: iso(time) };
  const now = time.getTime();
  if (p.validStart.getTime() <= now && now <= p.validEnd.getTime()) {
    out.push(check(C.validityNow, 'passed', { message: withDetail(C.validityNow.passed, span.zh, span.en), details: nowDetails }));
  } else if (now < p.validStart.getTime()) {
    // Validating at a time before the seal took effect (an --at in the past): nothing was proven for that time.
    out.push(check(C.validityNow, 'indeterminate', { message: msg(`印章在验证时间尚未生效：${span.zh}`, `The seal is not yet valid at the validation time: ${span.en}`), details: nowDetails }));
  } else if (used.proven && used.time && used.time.getTime() <= p.validEnd.getTime() && used.time.getTime() >= p.validStart.getTime()) {
    out.push(check(C.validityNow, 'warning', { message: withDetail(C.validityNow.warning!, span.zh, span.en), details: nowDetails }));
  } else {
    out.push(check(C.validityNow, 'indeterminate', { message: withDetail(C.validityNow.indeterminate!, span.zh, span.en), details: nowDetails }));
  }
  return out;
}

/** The seal verification as a SignatureReport (kind 'seal'), as verify() reports a bare .esl. */
export function sealReport(r: SealVerifyResult, index = 0): SignatureReport & { seal?: SealSummary } {
  const rep: SignatureReport & { seal?: SealSummary } = { index, kind: 'seal', indication: r.indication, checks: r.checks };
  if (r.subIndication) rep.subIndication = r.subIndication;
  if (r.maker) rep.signer = r.maker.summary();
  if (r.chain && r.chain.length) rep.chain = r.chain.map((c) => c.summary());
  if (r.info) rep.signingTime = iso(r.info.property.createDate);
  if (r.timestamp) rep.timestamp = r.timestamp;
  if (r.algorithm) rep.algorithm = r.algorithm;
  if (r.seal) rep.seal = r.seal;
  return rep;
}
