// A bare signature value (as written by `heyan sign raw` or `openssl pkeyutl/dgst`) over a content file, checked
// with the signer certificate's key: the algorithm comes from the key (SM3 for SM2, SHA-256 for P-256 and RSA,
// SHA-384 for P-384, Ed25519) unless a digest is named. Never throws.
import type { AlgorithmIdentifier, DigestName, PublicKey, WeakAlgorithmPolicy } from '../crypto/types.js';
import * as O from '../crypto/oids.js';
import { defaultDigestFor, verifySignature } from '../crypto/index.js';
import { ECDSA_SIGNATURE_OIDS, RSA_PKCS1_SIGNATURE_OIDS } from '../crypto/signature-oids.js';
import type { Certificate } from '../pki/index.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf, worstOf, type Verdict } from '../report/indication.js';
import type { Check, SignatureReport } from '../report/types.js';
import { VERIFY_CHECKS as C } from './checks.js';
import { validateSigner, type SignerPathOptions } from './signer-path.js';

export interface RawSignatureInput extends SignerPathOptions {
  signature: Uint8Array;
  content?: Uint8Array;
  /** Signer certificate first, then intermediates. */
  certificates?: readonly Certificate[];
  /** Override the digest the key type implies. */
  digest?: DigestName;
  /** SM2 user ID; default '1234567812345678'. */
  sm2Id?: Uint8Array | string;
  policy?: { weak?: WeakAlgorithmPolicy };
}

export interface RawSignatureResult {
  signature: SignatureReport;
}

const NULL = Uint8Array.of(0x05, 0x00);

/** The signature AlgorithmIdentifier a raw signature by this key implies, or a reason it cannot be. */
export function rawSignatureAlgorithm(key: PublicKey, digest?: DigestName): AlgorithmIdentifier | string {
  switch (key.type) {
    case 'sm2':
      return digest === undefined || digest === 'sm3' ? { oid: O.OID_SM2_WITH_SM3 } : `SM2 signs with SM3, not ${digest}`;
    case 'ec': {
      const d = digest ?? defaultDigestFor(key);
      const oid = ECDSA_SIGNATURE_OIDS[d];
      return oid ? { oid } : `ECDSA with ${d} is not supported`;
    }
    case 'rsa': {
      const oid = RSA_PKCS1_SIGNATURE_OIDS[digest ?? defaultDigestFor(key)];
      return oid ? { oid, params: NULL } : `RSA with ${digest} is not supported`;
    }
    case 'ed25519':
      return digest === undefined || digest === 'sha512' ? { oid: O.OID_ED25519 } : `Ed25519 has no digest choice (${digest})`;
    default:
      return `key type ${String((key as { type: unknown }).type)} is not supported`;
  }
}

export function verifyRawSignature(input: RawSignatureInput): RawSignatureResult {
  const checks: Check[] = [];
  const report: SignatureReport = { index: 0, kind: 'raw', indication: 'INDETERMINATE', checks };
  const signer = input.certificates?.[0];
  const finish = (pathVerdict?: Verdict, own: Verdict = verdictOf(checks)): RawSignatureResult => {
    const v = pathVerdict ? worstOf([own, pathVerdict]) : own;
    report.indication = v.indication;
    if (v.subIndication) report.subIndication = v.subIndication;
    return { signature: report };
  };

  if (!signer) checks.push(check(C.rawCertificate, 'indeterminate'));
  else {
    report.signer = signer.summary();
    checks.push(check(C.rawCertificate, 'passed'));
  }
  if (!input.content) checks.push(check(C.rawContent, 'indeterminate'));
  else checks.push(check(C.rawContent, 'passed', { details: { size: input.content.length } }));
  if (!signer || !input.content) return finish();

  const key = signer.tryPublicKey();
  if (!key) {
    checks.push(check(C.rawAlgorithm, 'failed', { message: withDetail(C.rawAlgorithm.failed, '证书公钥无法解析', 'the certificate key cannot be decoded'), details: { key: signer.publicKeyAlgorithm } }));
    return finish();
  }
  const alg = rawSignatureAlgorithm(key, input.digest);
  if (typeof alg === 'string') {
    checks.push(check(C.rawAlgorithm, 'failed', { message: withDetail(C.rawAlgorithm.failed, alg, alg) }));
    return finish();
  }
  const weakPolicy = input.policy?.weak ?? 'warn';
  const r = verifySignature(
    { algorithm: alg, publicKey: key, data: input.content, signature: input.signature, ...(input.sm2Id !== undefined ? { sm2Id: input.sm2Id } : {}) },
    { weak: weakPolicy },
  );
  if (r.algorithm) report.algorithm = r.algorithm;
  if (r.weak) {
    checks.push(check(C.rawAlgorithm, weakPolicy === 'fail' ? 'failed' : 'warning', { details: { algorithm: r.algorithm, weak: r.weak } }));
  } else {
    checks.push(check(C.rawAlgorithm, 'passed', { details: { algorithm: r.algorithm } }));
  }
  if (!(r.weak && weakPolicy === 'fail')) {
    if (r.ok) checks.push(check(C.rawSignature, r.rawSignature ? 'warning' : 'passed'));
    else {
      const why = r.error ?? 'wrong signature, key or content';
      checks.push(check(C.rawSignature, 'failed', { message: withDetail(C.rawSignature.failed, why, why) }));
    }
  }
  // Integrity first: a wrong value is FAILED/SIG_CRYPTO_FAILURE whatever the certificate path says; the path is
  // still validated and reported for the person reading the report. The path's own verdict is taken as it is
  // (its checks may hold a failed validity check that the policy turns into INDETERMINATE).
  const own = verdictOf(checks);
  const path = validateSigner(signer, input.certificates!.slice(1), input, 'indeterminate', 'signature');
  checks.push(...path.checks);
  if (path.chain) report.chain = path.chain;
  return finish(path.verdict, own);
}
