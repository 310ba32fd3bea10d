// Seal signature (电子签章) verification: GB/T 38540-2020 5.2, every step a check. Integrity first (format, the
// signature over TBS_Sign, dataHash against the data), then the embedded seal (verify-seal.ts), the signer against the
// seal's certList, the timestamp, and certificates and validity periods at the signing time.
// Time policy: the signing time is a verified timestamp's genTime (proven), else TBS_Sign.timeInfo (claimed).
// A claimed time outside a validity period is FAILED (the signature itself says so); expired now without proof of
// the signing time is INDETERMINATE / OUT_OF_BOUNDS_NO_POE; with proof, a warning. Never throws.
import { equalBytes, toHex } from '../asn1/index.js';
import { digest, digestLength } from '../crypto/digest.js';
import { verifySignature } from '../crypto/registry.js';
import { sm2VerifyDigest } from '../crypto/sm2/verify.js';
import type { DigestName } from '../crypto/types.js';
import type { Certificate } from '../pki/certificate.js';
import { validateCertificatePath } from '../pki/path-validation.js';
import { TrustStore } from '../pki/trust-store.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf } from '../report/indication.js';
import type { CertificateSummary, Check, SignatureReport, TimestampSummary } from '../report/types.js';
import { digestOfAlgorithm, effectiveAlgorithm } from './algorithm.js';
import { matchCertList, type CertListMatch } from './cert-list.js';
import { SEAL_CHECKS as C } from './checks.js';
import { decodeSesSignature } from './decode-signature.js';
import { softenEku, withRole } from './role.js';
import { verifySesTimestamp } from './timestamp.js';
import { tolerance, toleranceCheck } from './tolerance.js';
import type { SesSignatureInfo, SesVersion } from './types.js';
import { verifySeal, type SealSummary } from './verify-seal.js';
import { bugReason, inputErrorReason, pathOpts, readCertificate, signatureFailedCheck, signatureOkCheck, timestampChecks, validationTimeOf, type SealPathInputs } from './verify-shared.js';

const ALL = Object.values(C);

export interface SesVerifyOptions extends SealPathInputs {
  signature: Uint8Array | SesSignatureInfo;
  /** The protected bytes (in OFD: Signature.xml); dataHash must equal their hash. Absent: not checked (INDETERMINATE). */
  data?: Uint8Array;
  /** A separate seal file (OFD Seal.esl) that must equal the embedded seal byte for byte. */
  sealFile?: Uint8Array;
  /** Index of the SignatureReport (default 0), for containers with several signatures. */
  index?: number;
}

/** Seal-signature details beyond the common SignatureReport, for the OFD layer and inspect. */
export interface SesDetails {
  version: SesVersion;
  detectedBy: string;
  seal?: SealSummary;
  signer?: CertificateSummary;
  /** Claimed signing time (TBS_Sign.timeInfo). */
  timeInfo?: string;
  /** v1: the timeInfo text as written. */
  timeInfoText?: string;
  propertyInfo: string;
  /** hex */
  dataHash: string;
  /** Which hash dataHash matched, when data was given. */
  dataHashAlgorithm?: string;
  /** Where the signing time used came from. */
  signingTimeSource: 'timestamp' | 'timeInfo' | 'unknown';
  /** The signing time used for validity (ISO-8601). */
  signingTimeUsed?: string;
  certList?: CertListMatch;
}

export interface SesSignatureReport extends SignatureReport {
  ses?: SesDetails;
}

function iso(d: Date): string {
  return d.toISOString();
}

const msg = (zh: string, en: string): { zh: string; en: string } => ({ zh, en });

/** Verify an electronic seal signature. Never throws; returns a SignatureReport of kind 'ses'. */
export function verifySesSignature(opts: SesVerifyOptions): SesSignatureReport {
  const index = opts.index ?? 0;
  const time = validationTimeOf(opts);
  let info: SesSignatureInfo;
  try {
    info = opts.signature instanceof Uint8Array ? decodeSesSignature(opts.signature) : opts.signature;
    if (!info || typeof info !== 'object' || !(info.tbsBytes instanceof Uint8Array)) throw new TypeError('seal signature: bytes or a decoded SesSignatureInfo expected');
  } catch (e) {
    const why = inputErrorReason(e);
    return finish({ index, kind: 'ses', indication: 'FAILED', checks: [check(C.signatureFormat, 'failed', { message: withDetail(C.signatureFormat.failed, why, why), details: { reason: why } })] });
  }
  try {
    return verifyDecoded(info, opts, time, index);
  } catch (e) {
    const why = bugReason(e);
    return finish({ index, kind: 'ses', indication: 'FAILED', checks: [check(C.signatureFormat, 'failed', { message: withDetail(C.signatureFormat.failed, why, why), details: { reason: why } })] });
  }
}

function finish(r: SesSignatureReport): SesSignatureReport {
  const v = verdictOf(r.checks);
  r.indication = v.indication;
  if (v.subIndication) r.subIndication = v.subIndication;
  else delete r.subIndication;
  return r;
}

function verifyDecoded(info: SesSignatureInfo, opts: SesVerifyOptions, time: Date, index: number): SesSignatureReport {
  const checks: Check[] = [];
  const tbs = info.toSign;
  const seal = tbs.seal;
  const ses: SesDetails = {
    version: info.version,
    detectedBy: info.detectedBy,
    propertyInfo: tbs.propertyInfo,
    dataHash: toHex(tbs.dataHash),
    signingTimeSource: 'unknown',
  };
  if (tbs.timeInfo) ses.timeInfo = iso(tbs.timeInfo);
  if (tbs.timeInfoText !== undefined) ses.timeInfoText = tbs.timeInfoText;
  const report: SesSignatureReport = { index, kind: 'ses', indication: 'PASSED', checks, ses };
  if (tbs.timeInfo) report.signingTime = iso(tbs.timeInfo);

  // 1. format and the accepted deviations.
  checks.push(check(C.signatureFormat, 'passed', { details: { version: info.version, detectedBy: info.detectedBy, propertyInfo: tbs.propertyInfo } }));
  for (const t of info.tolerances) checks.push(toleranceCheck(t, ALL));

  // 2. the signature value over TBS_Sign with the signer certificate.
  const read = readCertificate(C.signerCertificate, info.signerCertificate);
  const signer = read.certificate;
  checks.push(read.check);
  if (signer) {
    report.signer = signer.summary();
    ses.signer = report.signer;
  }
  checks.push(...signatureValueChecks(info, signer, opts, report));

  // 3. dataHash against the protected data.
  checks.push(...dataHashChecks(info, opts.data, ses));

  // 4. the timestamp over the signature value: the proven signing time.
  let proven: Date | undefined;
  let timestamp: TimestampSummary | undefined;
  if (info.timeStamp) {
    const ts = verifySesTimestamp(info.timeStamp, info.signature, pathOpts(opts, time));
    checks.push(...timestampChecks(C.signatureTimestamp, ts, 'signature-tsa'));
    if (ts.summary) timestamp = ts.summary;
    if (ts.indication === 'PASSED' && ts.genTime) proven = ts.genTime;
  } else {
    checks.push(check(C.signatureTimestamp, 'skipped'));
  }
  if (timestamp) report.timestamp = timestamp;

  const signingTime = proven ?? tbs.timeInfo;
  ses.signingTimeSource = proven ? 'timestamp' : tbs.timeInfo ? 'timeInfo' : 'unknown';
  if (signingTime) {
    ses.signingTimeUsed = iso(signingTime);
    const how = proven ? msg('由时间戳证明', 'proven by timestamp') : msg('签章数据声明（timeInfo），未经时间戳证明', 'claimed by timeInfo, not proven by a timestamp');
    checks.push(check(C.signingTime, 'passed', { message: withDetail(C.signingTime.passed, `${iso(signingTime)}，${how.zh}`, `${iso(signingTime)}, ${how.en}`), details: { time: iso(signingTime), source: ses.signingTimeSource } }));
  } else {
    checks.push(check(C.signingTime, 'warning', { details: { source: 'unknown', ...(tbs.timeInfoText !== undefined ? { timeInfoText: tbs.timeInfoText } : {}) } }));
  }

  // 5. the embedded seal (GB/T 38540 5.1), judged at the signing time.
  const sr = verifySeal({ seal, ...pathOpts(opts, time), usedAt: { time: signingTime, proven: proven !== undefined } });
  checks.push(...sr.checks);
  if (sr.seal) ses.seal = sr.seal;

  // 6. the signer may use the seal: its certificate is in the certList.
  const match = matchCertList(seal.property.certList, info.signerCertificate);
  ses.certList = match;
  const listed = seal.property.certList.kind === 'certs' ? seal.property.certList.certs.length : seal.property.certList.digests.length;
  if (match.matched) {
    const how = match.how === 'certificate' ? msg('证书逐字节相同', 'the certificate itself') : msg(`证书的 ${match.how!.toUpperCase()} 杂凑值`, `its ${match.how!.toUpperCase()} digest`);
    checks.push(check(C.signerInCertList, 'passed', { message: withDetail(C.signerInCertList.passed, `第 ${match.index! + 1} 项，匹配方式：${how.zh}`, `entry ${match.index! + 1}, matched by ${how.en}`), details: { ...match } }));
  } else {
    const kind = seal.property.certList.kind === 'certs' ? msg('证书', 'certificates') : msg('证书杂凑值（已比较 SM3 与 SHA-256）', 'certificate digests (SM3 and SHA-256 compared)');
    checks.push(check(C.signerInCertList, 'failed', { message: withDetail(C.signerInCertList.failed, `印章列出 ${listed} 个${kind.zh}`, `the seal lists ${listed} ${kind.en}`), details: { listed, kind: seal.property.certList.kind } }));
  }

  // 7. the signer certificate at the signing time, then its path (validity now reported by the path checks).
  if (signer) {
    checks.push(signerValidity(signer, signingTime, proven !== undefined));
    const path = validateCertificatePath({
      certificate: signer,
      ...pathOpts(opts, time),
      trust: opts.trust ?? new TrustStore(),
      usage: 'signature',
      outOfBounds: 'indeterminate',
      ...(proven ? { poeTime: proven } : {}),
    });
    checks.push(...withRole(softenEku(path.checks), 'signer'));
    if (path.chain.length) report.chain = path.chain.map((c) => c.summary());
  }

  // 8. a separate seal file must be the embedded seal.
  if (opts.sealFile === undefined) checks.push(check(C.sealFile, 'skipped'));
  else {
    const same = opts.sealFile instanceof Uint8Array && equalBytes(opts.sealFile, tbs.sealBytes);
    checks.push(check(C.sealFile, same ? 'passed' : 'failed', { details: { sealFileBytes: opts.sealFile?.length ?? 0, embeddedBytes: tbs.sealBytes.length } }));
  }
  return finish(report);
}

/** GB/T 38540 5.2 b): the signature over the exact TBS_Sign bytes; the v1 dms360 variant (e = dataHash) tolerated. */
function signatureValueChecks(info: SesSignatureInfo, signer: Certificate | undefined, opts: SesVerifyOptions, report: SesSignatureReport): Check[] {
  if (!signer) return [check(C.signatureValue, 'indeterminate', { message: withDetail(C.signatureValue.indeterminate!, '签章者证书无法读取', 'signer certificate unreadable') })];
  const key = signer.tryPublicKey();
  if (!key) return [check(C.signatureValue, 'indeterminate', { message: withDetail(C.signatureValue.indeterminate!, '不支持签章者证书的公钥', 'signer public key not supported') })];
  const r = verifySignature(
    { algorithm: effectiveAlgorithm(info.signatureAlgorithm), publicKey: key, data: info.tbsBytes, signature: info.signature, allowRawSignature: info.signatureForm === 'raw' },
    opts.policy?.weak ?? 'warn',
  );
  if (r.algorithm) report.algorithm = r.algorithm;
  const details = { algorithm: r.algorithm ?? info.signatureAlgorithm, signatureForm: info.signatureForm, ...(r.weak ? { weak: r.weak } : {}) };
  if (r.ok) return [signatureOkCheck(C.signatureValue, r, msg(`${r.algorithm}，签名覆盖 TBS_Sign`, `${r.algorithm} over TBS_Sign`), details)];
  // dms360 iOFD (v1): an SM2 signature whose e is dataHash itself, not SM3(Z ‖ TBS_Sign).
  if (info.version === 1 && key.type === 'sm2' && key.point && info.toSign.dataHash.length === 32) {
    const ok = sm2VerifyDigest(key.point, info.toSign.dataHash, info.signature, { format: info.signatureForm === 'raw' ? 'raw' : 'der' });
    if (ok) {
      return [
        check(C.signatureValue, 'passed', { message: withDetail(C.signatureValue.passed, 'SM2，e = dataHash（非标准）', 'SM2 with e = dataHash (non-standard)'), details: { ...details, variant: 'e = dataHash' } }),
        check(C.digestSignature, 'warning', { details: { field: 'SES_Signature.signature' } }),
      ];
    }
  }
  const why = r.error ?? 'signature does not verify';
  return [signatureFailedCheck(C.signatureValue, why, msg(why, why), details)];
}

/**
 * dataHash = H(data), H named by the signature algorithm (SM3 for SM2). Other hashes of the same length are tried
 * too (vendors put SHA-256 under SM2-with-SM3); a match with another hash is accepted and reported as a tolerance.
 */
function dataHashChecks(info: SesSignatureInfo, data: Uint8Array | undefined, ses: SesDetails): Check[] {
  const want = info.toSign.dataHash;
  if (!(data instanceof Uint8Array)) return [check(C.dataHash, 'indeterminate', { details: { dataHash: toHex(want) } })];
  const named = digestOfAlgorithm(info.signatureAlgorithm) ?? 'sm3';
  const candidates: DigestName[] = [named, ...(['sm3', 'sha256', 'sha384', 'sha512'] as const).filter((d) => d !== named)];
  for (const d of candidates) {
    if (digestLength(d) !== want.length) continue;
    if (equalBytes(digest(d, data), want)) {
      ses.dataHashAlgorithm = d;
      const ok = check(C.dataHash, 'passed', { message: withDetail(C.dataHash.passed, d.toUpperCase(), d.toUpperCase()), details: { algorithm: d, dataHash: toHex(want) } });
      if (d === named) return [ok];
      const which = msg(`${d.toUpperCase()}，签名算法规定为 ${named.toUpperCase()}`, `${d.toUpperCase()} where the signature algorithm names ${named.toUpperCase()}`);
      return [ok, toleranceCheck(tolerance(C.dataHashAlgorithm, 'TBS_Sign.dataHash', which), ALL)];
    }
  }
  const computed = digestLength(named) === want.length ? toHex(digest(named, data)) : undefined;
  return [
    check(C.dataHash, 'failed', {
      message: withDetail(C.dataHash.failed, `${named.toUpperCase()}，${data.length} 字节`, `${named.toUpperCase()}, ${data.length} bytes`),
      details: { algorithm: named, dataHash: toHex(want), ...(computed ? { computed } : {}) },
    }),
  ];
}

function signerValidity(signer: Certificate, signingTime: Date | undefined, proven: boolean): Check {
  const span = msg(`有效期 ${iso(signer.notBefore)} 至 ${iso(signer.notAfter)}`, `valid ${iso(signer.notBefore)} to ${iso(signer.notAfter)}`);
  if (!signingTime) return check(C.signerValidity, 'indeterminate', { message: withDetail(C.signerValidity.indeterminate!, span.zh, span.en) });
  const details = { notBefore: iso(signer.notBefore), notAfter: iso(signer.notAfter), signingTime: iso(signingTime), proven };
  const when = proven ? msg('时间戳证明的签章时间', 'signing time proven by timestamp') : msg('签章数据声明的签章时间', 'signing time claimed by the signature');
  const text = msg(`${span.zh}，${when.zh} ${iso(signingTime)}`, `${span.en}, ${when.en} ${iso(signingTime)}`);
  const t = signingTime.getTime();
  if (t < signer.notBefore.getTime()) {
    return check(C.signerValidity, 'failed', { message: msg(`签章者证书在签章时间尚未生效：${text.zh}`, `The signer certificate was not yet valid at the signing time: ${text.en}`), subIndication: 'NOT_YET_VALID', details });
  }
  if (t > signer.notAfter.getTime()) {
    return check(C.signerValidity, 'failed', { message: msg(`签章者证书在签章时间已过期：${text.zh}`, `The signer certificate had expired at the signing time: ${text.en}`), subIndication: 'EXPIRED', details });
  }
  return check(C.signerValidity, 'passed', { message: withDetail(C.signerValidity.passed, text.zh, text.en), details });
}
