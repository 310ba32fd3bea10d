// Verify an RFC 3161 time-stamp token: structure, CMS integrity of the TSTInfo, ESS binding, the message imprint
// against the time-stamped data, the TSA certificate's purpose and its path at the validation time. Never throws.
import { CMS_CHECKS } from '../cms/checks.js';
import { verifyCmsSignatureOnly } from '../cms/verify-signer.js';
import { digest, digestLength } from '../crypto/index.js';
import type { DigestName, WeakAlgorithmPolicy } from '../crypto/types.js';
import { equalBytes, toHex } from '../asn1/index.js';
import type { Certificate } from '../pki/certificate.js';
import type { Crl } from '../pki/crl.js';
import { EKU_TIME_STAMPING, OID_EXT_KEY_USAGE } from '../pki/extensions.js';
import { parseNameDer } from '../pki/name.js';
import { validateCertificatePath, type RevocationMode, type RevocationStatus } from '../pki/path-validation.js';
import type { TrustStore } from '../pki/trust-store.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf } from '../report/indication.js';
import type { Check, Indication, SubIndication, TimestampSummary } from '../report/types.js';
import { TSP_CHECKS as C } from './checks.js';
import { imprintDigestName } from './message-imprint.js';
import { parseTokenParts, type TokenParts } from './parse-token.js';
import type { TstInfo } from './types.js';

export interface TimestampPolicy {
  /** SHA-1 / MD5 imprints and weak TSA algorithms: warn (default) or fail. */
  weak?: WeakAlgorithmPolicy;
}

export interface TimestampVerifyOptions {
  /** DER TimeStampToken (a ContentInfo). */
  token: Uint8Array;
  /** The time-stamped bytes, e.g. a SignerInfo signature value or the PDF ByteRange bytes. */
  data?: Uint8Array;
  /** Their digest, when the caller hashed them (streamed); used when `data` is absent. */
  imprint?: { digest: Uint8Array; digestName: DigestName };
  /** Anchors for the TSA certificate. Absent: nothing is trusted (INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND). */
  trust?: TrustStore;
  /** Validation time for the TSA certificate path; default now. */
  time?: Date;
  crls?: readonly Crl[];
  /** Certificates to search for the TSA certificate and its intermediates besides the token's own. */
  extraCertificates?: readonly Certificate[];
  /** Default 'if-available'. */
  revocation?: RevocationMode;
  policy?: TimestampPolicy;
  /** The nonce of the request this token answers (bigint or hex); checked when given. */
  nonce?: bigint | string;
  /** SM2 user ID of the TSA signature; default '1234567812345678'. */
  sm2Id?: Uint8Array | string;
}

export interface TimestampVerifyResult {
  indication: Indication;
  subIndication?: SubIndication;
  /** Token checks (tsp.*), the CMS layer (cms.*) and the TSA path (pki.*), in order. */
  checks: Check[];
  /** The time the TSA asserts (trustworthy only when `indication` is PASSED). */
  genTime?: Date;
  /** The TSA certificate named by the SignerInfo, when found. */
  tsa?: Certificate;
  /** The validated TSA path, leaf first, when one was built. */
  chain?: Certificate[];
  revocation?: RevocationStatus[];
  /** For SignatureReport.timestamp; `time` is '' when the token has no readable genTime. */
  summary: TimestampSummary;
  tstInfo?: TstInfo;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Verify a time-stamp token. Never throws: malformed input is FAILED / FORMAT_FAILURE. */
export function verifyTimestampToken(opts: TimestampVerifyOptions): TimestampVerifyResult {
  const checks: Check[] = [];
  const out: Omit<TimestampVerifyResult, 'indication' | 'summary'> = { checks };
  try {
    run(opts, out);
  } catch (e) {
    // A bug must not become a crash of the caller's verifier, nor a PASSED.
    checks.push(check(C.structure, 'failed', { message: withDetail(C.structure.failed, `验证出错：${errText(e)}`, `verification error: ${errText(e)}`) }));
  }
  return finish(out);
}

function finish(out: Omit<TimestampVerifyResult, 'indication' | 'summary'>): TimestampVerifyResult {
  const v = verdictOf(out.checks);
  const summary: TimestampSummary = { time: out.genTime ? out.genTime.toISOString() : '', indication: v.indication };
  if (out.tsa) summary.tsa = out.tsa.summary();
  if (v.subIndication) summary.subIndication = v.subIndication;
  const res: TimestampVerifyResult = { indication: v.indication, ...out, summary };
  if (v.subIndication) res.subIndication = v.subIndication;
  return res;
}

function run(opts: TimestampVerifyOptions, out: Omit<TimestampVerifyResult, 'indication' | 'summary'>): void {
  const { checks } = out;
  const weak: WeakAlgorithmPolicy = opts.policy?.weak ?? 'warn';

  // 1. Structure: the CMS parses, one SignerInfo, an encapsulated TSTInfo that decodes.
  let parts: TokenParts;
  try {
    parts = parseTokenParts(opts.token);
  } catch (e) {
    checks.push(check(C.structure, 'failed', { message: withDetail(C.structure.failed, errText(e), errText(e)) }));
    return;
  }
  const sd = parts.signedData;
  if (parts.structureProblems.length) {
    const why = parts.structureProblems.join('; ');
    checks.push(check(C.structure, 'failed', { message: withDetail(C.structure.failed, why, why), details: { problems: parts.structureProblems } }));
  } else {
    checks.push(check(C.structure, 'passed', { details: { flavour: sd.flavour, serialNumber: parts.tstInfo?.serialNumber } }));
  }
  checks.push(
    parts.contentTypeProblem
      ? check(C.contentType, 'failed', { details: { eContentType: sd.eContentType } })
      : check(C.contentType, 'passed'),
  );
  const tst = parts.tstInfo;
  if (tst) {
    out.tstInfo = tst;
    out.genTime = tst.genTime;
  }

  // 2. CMS integrity of the TSTInfo (messageDigest over the eContent, signature); RFC 3161 tokens need signed attributes.
  const signer = sd.signers[0];
  if (!signer) return;
  const cms = verifyCmsSignatureOnly({
    signedData: sd,
    signer,
    ...(opts.extraCertificates ? { extraCertificates: opts.extraCertificates } : {}),
    ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
    policy: { weak, requireSignedAttributes: true },
  });
  checks.push(...cms.checks);
  const tsa = cms.certificate;
  if (tsa) out.tsa = tsa;

  // 3. ESS signingCertificate(V2): RFC 3161 §2.4.1 requires it, so absent is not "fine".
  const ess = cms.checks.find((c) => c.id === CMS_CHECKS.signingCertificate.id);
  if (ess?.status === 'passed') checks.push(check(C.signingCertificate, 'passed', ess.details ? { details: ess.details } : {}));
  else if (ess?.status === 'failed') checks.push(check(C.signingCertificate, 'failed', { subIndication: 'FORMAT_FAILURE', ...(ess.details ? { details: ess.details } : {}) }));
  else checks.push(check(C.signingCertificate, 'indeterminate', { details: { attribute: ess?.status === 'skipped' ? 'absent' : 'not matching' } }));

  // 4. Message imprint: algorithm, then the digest of the data.
  if (tst) {
    checks.push(...imprintChecks(tst, opts, weak));
    checks.push(nonceCheck(tst, opts.nonce));
    checks.push(tsaNameCheck(tst, tsa));
  }

  // 5. The TSA certificate: purpose, genTime inside its validity, path at the validation time.
  if (!tsa) {
    checks.push(check(C.tsaExtKeyUsage, 'indeterminate'), check(C.genTimeInValidity, 'indeterminate'));
    return;
  }
  checks.push(ekuCheck(tsa));
  if (tst) checks.push(genTimeCheck(tst.genTime, tsa));
  const path = validateCertificatePath({
    certificate: tsa,
    intermediates: [...sd.certificates, ...(opts.extraCertificates ?? [])],
    ...(opts.trust ? { trust: opts.trust } : {}),
    time: opts.time ?? new Date(),
    crls: [...(opts.crls ?? []), ...sd.crls],
    usage: 'timestamping',
    revocation: opts.revocation ?? 'if-available',
    outOfBounds: 'indeterminate',
    policy: { weak },
  });
  checks.push(...path.checks);
  out.chain = path.chain;
  if (path.revocation) out.revocation = path.revocation;
}

function imprintChecks(tst: TstInfo, opts: TimestampVerifyOptions, weak: WeakAlgorithmPolicy): Check[] {
  const mi = tst.messageImprint;
  const name = imprintDigestName(mi);
  const algDetails = { hashAlgorithm: mi.hashAlgorithm };
  if (!name) {
    return [
      check(C.imprintAlgorithm, 'indeterminate', { details: algDetails }),
      check(C.messageImprint, 'indeterminate', {
        subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
        message: withDetail(C.messageImprint.indeterminate!, `不支持的摘要算法 ${mi.hashAlgorithmOid}`, `unsupported hash algorithm ${mi.hashAlgorithmOid}`),
        details: algDetails,
      }),
    ];
  }
  const out: Check[] = [];
  if (name === 'sha1' || name === 'md5') out.push(check(C.imprintAlgorithm, weak === 'fail' ? 'failed' : 'warning', { details: algDetails }));
  else out.push(check(C.imprintAlgorithm, 'passed', { details: algDetails }));

  const details: Record<string, unknown> = { hashAlgorithm: name, hashedMessage: toHex(mi.hashedMessage) };
  let computed: Uint8Array | undefined;
  if (opts.data instanceof Uint8Array) computed = digest(name, opts.data);
  else if (opts.imprint) {
    if (opts.imprint.digestName !== name) {
      out.push(
        check(C.messageImprint, 'indeterminate', {
          subIndication: 'SIGNED_DATA_NOT_FOUND',
          message: withDetail(
            C.messageImprint.indeterminate!,
            `令牌使用 ${name}，提供的摘要为 ${opts.imprint.digestName}`,
            `the token uses ${name}, the supplied digest is ${opts.imprint.digestName}`,
          ),
          details,
        }),
      );
      return out;
    }
    computed = opts.imprint.digest;
  }
  if (!computed) {
    out.push(check(C.messageImprint, 'indeterminate', { details }));
    return out;
  }
  details.computed = toHex(computed);
  const ok = computed.length === digestLength(name) && equalBytes(computed, mi.hashedMessage);
  out.push(check(C.messageImprint, ok ? 'passed' : 'failed', { details }));
  return out;
}

function nonceCheck(tst: TstInfo, expected: bigint | string | undefined): Check {
  if (expected === undefined) return check(C.nonce, 'skipped');
  const want = typeof expected === 'bigint' ? expected.toString(16) : expected;
  // Compare as unsigned magnitudes: nonces are positive; hex from a bigint has no sign octet, INTEGER hex may.
  const norm = (h: string): string => h.replace(/^0+(?=.)/, '').toLowerCase();
  const got = tst.nonce;
  const ok = got !== undefined && norm(got) === norm(want);
  return check(C.nonce, ok ? 'passed' : 'failed', { details: { expected: norm(want), nonce: got ?? null } });
}

function tsaNameCheck(tst: TstInfo, tsa: Certificate | undefined): Check {
  if (tst.tsaName === undefined) return check(C.tsaName, 'skipped');
  const details = { tsaName: tst.tsaName, ...(tsa ? { subject: tsa.subject } : {}) };
  if (!tsa) return check(C.tsaName, 'skipped', { details });
  if (!tst.tsaNameDer) return check(C.tsaName, 'warning', { details });
  let same = false;
  try {
    same = parseNameDer(tst.tsaNameDer).key === tsa.subjectNameKey;
  } catch {
    same = false;
  }
  return check(C.tsaName, same ? 'passed' : 'warning', { details });
}

function ekuCheck(tsa: Certificate): Check {
  const eku = tsa.extensions.extKeyUsage;
  const ext = tsa.extensions.raw.find((x) => x.oid === OID_EXT_KEY_USAGE);
  const details = { certificate: tsa.subject, extKeyUsage: eku ?? [], critical: ext?.critical ?? false };
  if (!eku || !eku.includes(EKU_TIME_STAMPING)) return check(C.tsaExtKeyUsage, 'failed', { details });
  // RFC 3161 §2.3 asks for exactly this one purpose and a critical extension; real TSAs sometimes miss that.
  if (eku.length !== 1 || !ext?.critical) return check(C.tsaExtKeyUsage, 'warning', { details });
  return check(C.tsaExtKeyUsage, 'passed', { details });
}

function genTimeCheck(genTime: Date, tsa: Certificate): Check {
  const details = { genTime: genTime.toISOString(), notBefore: tsa.notBefore.toISOString(), notAfter: tsa.notAfter.toISOString() };
  const t = genTime.getTime();
  if (t < tsa.notBefore.getTime()) return check(C.genTimeInValidity, 'failed', { subIndication: 'NOT_YET_VALID', details });
  if (t > tsa.notAfter.getTime()) return check(C.genTimeInValidity, 'failed', { subIndication: 'EXPIRED', details });
  return check(C.genTimeInValidity, 'passed', { details });
}
