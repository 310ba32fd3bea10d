// Type="Sign": SignedValue.dat is a GB/T 35275 (or PKCS#7) SignedData over Signature.xml, detached, or — ofdrw's
// DigitalSignContainer — a bare signature value over Signature.xml that carries no certificate, checked with the
// certificates the caller supplies (the first one whose key verifies is the signer).
import { children, readRoot } from '../asn1/index.js';
import { verifySignedData } from '../cms/index.js';
import * as O from '../crypto/oids.js';
import { verifySignature } from '../crypto/index.js';
import type { AlgorithmIdentifier, PublicKey } from '../crypto/types.js';
import { validateCertificatePath, type Certificate } from '../pki/index.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf, worstOf, type Verdict } from '../report/indication.js';
import type { Check, SignatureReport } from '../report/types.js';
import { OFD_CHECKS as C } from './checks.js';
import type { SignatureContext } from './verify-context.js';

export interface TypeOutcome {
  checks: Check[];
  /** The verdict of this part (SES, CMS or bare signature with its path), taken as the part reports it. */
  verdict: Verdict;
  fill?: (report: SignatureReport) => void;
}

/** A ContentInfo starts SEQUENCE { OID, ... }; anything else is taken as a bare signature value. */
function isContentInfo(der: Uint8Array): boolean {
  try {
    const root = readRoot(der, 'SignedValue', { mode: 'ber' });
    return root.tag === 0x30 && children(root, 'SignedValue', 3)[0]?.tag === 0x06;
  } catch {
    return false;
  }
}

const SM2_NAMES = /^(sm2|sm3withsm2|sm2withsm3|sm2-with-sm3|sm3-with-sm2)$/i;

/** The algorithm for a bare value: SignatureMethod when it is an OID (or an SM2 name), else implied by the key. */
function bareAlgorithm(method: string | undefined, key: PublicKey): AlgorithmIdentifier {
  const m = method?.trim();
  if (m && /^\d+(\.\d+)+$/.test(m)) return { oid: m };
  if ((m && SM2_NAMES.test(m)) || key.type === 'sm2') return { oid: O.OID_SM2_WITH_SM3 };
  if (key.type === 'ec') return { oid: key.curve === 'P-384' ? O.OID_ECDSA_WITH_SHA384 : O.OID_ECDSA_WITH_SHA256 };
  if (key.type === 'ed25519') return { oid: O.OID_ED25519 };
  return { oid: O.OID_SHA256_WITH_RSA, params: Uint8Array.of(0x05, 0x00) };
}

export function verifySign(ctx: SignatureContext, signatureXml: Uint8Array, signedValue: Uint8Array, signatureMethod: string | undefined): TypeOutcome {
  const { opts } = ctx;
  if (isContentInfo(signedValue)) {
    const r = verifySignedData({
      cms: signedValue,
      content: signatureXml,
      detached: true,
      time: ctx.time,
      ...(opts.trust ? { trust: opts.trust } : {}),
      ...(opts.certificates ? { extraCertificates: opts.certificates } : {}),
      ...(opts.crls ? { crls: opts.crls } : {}),
      ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
      ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
      ...(opts.policy?.weak ? { policy: { weak: opts.policy.weak } } : {}),
    });
    const checks = [check(C.signFormat, 'passed', { details: { form: r.flavour === 'gbt35275' ? 'GB/T 35275 SignedData' : 'CMS SignedData' } }), ...r.checks, ...r.signatures.flatMap((s) => s.checks)];
    const first = r.signatures[0];
    return {
      checks,
      verdict: r.subIndication ? { indication: r.indication, subIndication: r.subIndication } : { indication: r.indication },
      fill: (report) => {
        if (first?.signer) report.signer = first.signer;
        if (first?.chain) report.chain = first.chain;
        if (first?.signingTime) report.signingTime = first.signingTime;
        if (first?.algorithm) report.algorithm = first.algorithm;
      },
    };
  }

  if (signedValue.length === 0) {
    const checks = [check(C.signFormat, 'failed', { message: withDetail(C.signFormat.failed, '签名值文件为空', 'the signature value file is empty') })];
    return { checks, verdict: verdictOf(checks) };
  }
  const checks: Check[] = [check(C.signFormat, 'passed', { details: { form: 'bare signature value', size: signedValue.length } })];
  const certs = opts.certificates ?? [];
  if (certs.length === 0) {
    checks.push(check(C.signCertificate, 'indeterminate'));
    return { checks, verdict: verdictOf(checks) };
  }
  const weak = opts.policy?.weak ?? 'warn';
  let signer: Certificate | undefined;
  let result: ReturnType<typeof verifySignature> | undefined;
  for (const cert of certs) {
    const key = cert.tryPublicKey();
    if (!key) continue;
    const r = verifySignature(
      { algorithm: bareAlgorithm(signatureMethod, key), publicKey: key, data: signatureXml, signature: signedValue, allowRawSignature: true, ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}) },
      { weak },
    );
    if (r.ok) {
      signer = cert;
      result = r;
      break;
    }
    // The first certificate is the named signer (--cert): its failure is the one to report.
    result ??= r;
  }
  if (!signer) {
    const why = result?.error ?? 'wrong signature, key or Signature.xml';
    checks.push(check(C.signCertificate, 'failed', { details: { candidates: certs.length } }));
    checks.push(check(C.signValue, 'failed', { message: withDetail(C.signValue.failed, why, why), details: { algorithm: result?.algorithm } }));
    return { checks, verdict: verdictOf(checks), fill: (r) => void (result?.algorithm && (r.algorithm = result.algorithm)) };
  }
  checks.push(check(C.signCertificate, 'passed', { details: { subject: signer.subject } }));
  const nonstandard = result!.rawSignature || result!.weak;
  checks.push(check(C.signValue, nonstandard ? 'warning' : 'passed', { details: { algorithm: result!.algorithm, ...(result!.rawSignature ? { encoding: 'raw r‖s' } : {}), ...(result!.weak ? { weak: result!.weak } : {}) } }));
  const own = verdictOf(checks);
  const path = validateCertificatePath({
    certificate: signer,
    intermediates: certs.filter((c) => c !== signer),
    ...(opts.trust ? { trust: opts.trust } : {}),
    time: ctx.time,
    crls: [...(opts.crls ?? [])],
    usage: 'signature',
    outOfBounds: 'indeterminate',
    ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
    ...(opts.policy?.weak ? { policy: { weak: opts.policy.weak } } : {}),
  });
  checks.push(...path.checks);
  const pathVerdict: Verdict = path.subIndication ? { indication: path.indication, subIndication: path.subIndication } : { indication: path.indication };
  return {
    checks,
    // Integrity first; the path's verdict as the path reports it (an expiry without proof of existence is
    // INDETERMINATE even though its validity check says failed).
    verdict: worstOf([own, pathVerdict]),
    fill: (report) => {
      report.signer = signer!.summary();
      if (path.chain.length) report.chain = path.chain.map((c) => c.summary());
      if (result!.algorithm) report.algorithm = result!.algorithm;
    },
  };
}
