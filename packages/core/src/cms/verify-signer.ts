// Integrity of one SignerInfo: signer certificate, content binding (messageDigest), signed attributes and the
// signature value. No trust decisions here (see verify.ts). Never throws.
import { digest as computeDigest, digestLength, digestNameFromOid, verifySignature } from '../crypto/index.js';
import type { DigestName, WeakAlgorithmPolicy } from '../crypto/types.js';
import type { Certificate } from '../pki/index.js';
import { check, withDetail } from '../report/check.js';
import { verdictOf, type Verdict } from '../report/indication.js';
import type { Check } from '../report/types.js';
import {
  attributeValues,
  countAttributes,
  decodeAlgorithmProtectionValue,
  decodeContentTypeValue,
  decodeMessageDigestValue,
  decodeSigningCertificateValue,
  decodeSigningTimeValue,
  sameAlgorithm,
  type EssCertId,
} from './attributes.js';
import { canonicalInteger, equalBytes, toHex } from '../asn1/index.js';
import { certDer, certIssuerDer, certPublicKey, certSerialContents } from './cert-access.js';
import { CMS_CHECKS as C } from './checks.js';
import { findSignerCertificate } from './find-signer.js';
import {
  OID_CMS_ALGORITHM_PROTECTION,
  OID_CONTENT_TYPE,
  OID_MESSAGE_DIGEST,
  OID_SIGNING_CERTIFICATE,
  OID_SIGNING_CERTIFICATE_V2,
  OID_SIGNING_TIME,
} from './oids.js';
import type { ParsedSignedData, ParsedSignerInfo } from './types.js';

export interface CmsPolicy {
  /** What to do with SHA-1 / MD5 digests and other weak algorithms. Default 'warn'. */
  weak?: WeakAlgorithmPolicy;
  /** FAIL a SignerInfo without signed attributes (PAdES, CAdES). Default false (adbe.pkcs7.detached allows it). */
  requireSignedAttributes?: boolean;
}

export interface CmsSignatureOnlyOptions {
  signedData: ParsedSignedData;
  signer: ParsedSignerInfo;
  /** Detached content, when the SignedData carries none. For messageDigest, `contentDigest` wins when both are given. */
  content?: Uint8Array;
  /**
   * Digest of the content under the signer's digest algorithm (`signerDigestName(signer)`), computed by the caller,
   * e.g. streamed over a PDF ByteRange. Enough when signed attributes are present; without them the content is needed.
   */
  contentDigest?: Uint8Array;
  /** true: an encapsulated eContent is a FORMAT_FAILURE (detached signatures, PDF). */
  detached?: boolean;
  /** Searched after the embedded certificates for the signer. */
  extraCertificates?: readonly Certificate[];
  sm2Id?: Uint8Array | string;
  policy?: CmsPolicy;
}

export interface CmsSignatureOnlyResult {
  /** Every integrity check, in order. */
  checks: Check[];
  /** Verdict of `checks` alone (no trust). */
  verdict: Verdict;
  /** The certificate the sid named, when found. */
  certificate?: Certificate;
  digestName?: DigestName;
  /** Registry name of the signature algorithm, e.g. 'sm2-with-sm3'. */
  algorithm?: string;
  /** The signingTime attribute (claimed, not proven). */
  signingTime?: Date;
  /** messageDigest and the content digest matched. */
  intact: boolean;
  /** The signature value verified. */
  valid: boolean;
}

/** The digest name of a SignerInfo's digestAlgorithm, for callers that hash the content themselves. */
export function signerDigestName(signer: ParsedSignerInfo): DigestName | undefined {
  return digestNameFromOid(signer.digestAlgorithm.oid);
}

/** Check one SignerInfo's integrity. Never throws. */
export function verifyCmsSignatureOnly(opts: CmsSignatureOnlyOptions): CmsSignatureOnlyResult {
  try {
    return run(opts);
  } catch (e) {
    // Defensive: the steps below catch their own decode errors; anything else is reported, not thrown.
    const checks = [
      check(C.structure, 'failed', { message: withDetail(C.structure.failed, String((e as Error)?.message ?? e), String((e as Error)?.message ?? e)) }),
    ];
    return { checks, verdict: verdictOf(checks), intact: false, valid: false };
  }
}

function errMsg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function run(opts: CmsSignatureOnlyOptions): CmsSignatureOnlyResult {
  const { signedData: sd, signer } = opts;
  const policy = opts.policy ?? {};
  const weakPolicy: WeakAlgorithmPolicy = policy.weak ?? 'warn';
  const checks: Check[] = [];
  const out: CmsSignatureOnlyResult = { checks, verdict: { indication: 'PASSED' }, intact: false, valid: false };

  // 1. Structure of this SignerInfo (it parsed; the digest algorithm should be announced in SignedData).
  const announced = sd.digestAlgorithms.some((a) => a.oid === signer.digestAlgorithm.oid);
  checks.push(
    announced
      ? check(C.structure, 'passed')
      : check(C.structure, 'warning', {
          message: withDetail(C.structure.warning!, '签名者的摘要算法未列在 digestAlgorithms 中', "the signer's digest algorithm is not listed in digestAlgorithms"),
        }),
  );

  // 2. Signer certificate.
  const candidates = [...sd.certificates, ...(opts.extraCertificates ?? [])];
  const cert = findSignerCertificate(signer.sid, candidates);
  const sidDetails =
    signer.sid.type === 'issuerAndSerialNumber'
      ? { serialNumber: toHex(signer.sid.serialNumber) }
      : { subjectKeyIdentifier: toHex(signer.sid.keyIdentifier) };
  if (cert) {
    out.certificate = cert;
    checks.push(check(C.signerCertificate, 'passed', { details: sidDetails }));
  } else {
    checks.push(check(C.signerCertificate, 'indeterminate', { details: { ...sidDetails, candidates: candidates.length } }));
  }

  // 3. Content present; 4. detached form.
  const digestName = signerDigestName(signer);
  if (digestName) out.digestName = digestName;
  const content = opts.content ?? sd.eContent;
  const haveContent = !!opts.contentDigest || content !== undefined;
  checks.push(check(C.contentPresent, haveContent ? 'passed' : 'indeterminate'));
  if (opts.detached) {
    checks.push(check(C.detached, sd.eContent !== undefined ? 'failed' : 'passed'));
  } else {
    checks.push(check(C.detached, 'skipped'));
  }

  // 5. Digest algorithm.
  if (!digestName) {
    checks.push(check(C.digestAlgorithm, 'indeterminate', { details: { oid: signer.digestAlgorithm.oid } }));
  } else if (digestName === 'sha1' || digestName === 'md5') {
    checks.push(check(C.digestAlgorithm, weakPolicy === 'fail' ? 'failed' : 'warning', { details: { digest: digestName } }));
  } else {
    checks.push(check(C.digestAlgorithm, 'passed', { details: { digest: digestName } }));
  }

  // Digest of the content, when computable.
  let contentDigest: Uint8Array | undefined;
  let digestError: string | undefined;
  if (digestName) {
    if (opts.contentDigest) {
      if (opts.contentDigest.length === digestLength(digestName)) contentDigest = opts.contentDigest;
      else digestError = `the supplied digest has ${opts.contentDigest.length} bytes, ${digestName} has ${digestLength(digestName)}`;
    } else if (content !== undefined) contentDigest = computeDigest(digestName, content);
  }

  const attrs = signer.signedAttributes;
  // 6. Signed attributes present.
  if (attrs) checks.push(check(C.signedAttributes, 'passed'));
  else checks.push(check(C.signedAttributes, policy.requireSignedAttributes ? 'failed' : 'warning'));

  if (attrs) {
    // 7. contentType
    const ctCount = countAttributes(attrs, OID_CONTENT_TYPE);
    const ctValues = attributeValues(attrs, OID_CONTENT_TYPE);
    if (ctCount !== 1 || ctValues.length !== 1) {
      checks.push(check(C.contentType, 'failed', { details: { attributes: ctCount, values: ctValues.length } }));
    } else {
      try {
        const ct = decodeContentTypeValue(ctValues[0]!);
        checks.push(
          check(C.contentType, ct === sd.eContentType ? 'passed' : 'failed', { details: { contentType: ct, eContentType: sd.eContentType } }),
        );
      } catch (e) {
        checks.push(check(C.contentType, 'failed', { details: { error: errMsg(e) } }));
      }
    }

    // 8. messageDigest
    const mdCount = countAttributes(attrs, OID_MESSAGE_DIGEST);
    const mdValues = attributeValues(attrs, OID_MESSAGE_DIGEST);
    if (mdCount !== 1 || mdValues.length !== 1) {
      checks.push(
        check(C.messageDigest, 'failed', {
          subIndication: 'FORMAT_FAILURE',
          message: withDetail(C.messageDigest.failed, `应恰有一个 messageDigest，实有 ${mdValues.length} 个`, `exactly one messageDigest expected, found ${mdValues.length}`),
          details: { attributes: mdCount, values: mdValues.length },
        }),
      );
    } else {
      let md: Uint8Array | undefined;
      try {
        md = decodeMessageDigestValue(mdValues[0]!);
      } catch (e) {
        checks.push(check(C.messageDigest, 'failed', { subIndication: 'FORMAT_FAILURE', details: { error: errMsg(e) } }));
      }
      if (md) {
        if (!contentDigest) {
          const sub = !digestName ? 'CRYPTO_CONSTRAINTS_FAILURE' : haveContent ? 'GENERIC' : 'SIGNED_DATA_NOT_FOUND';
          checks.push(
            check(C.messageDigest, 'indeterminate', {
              subIndication: sub,
              details: { messageDigest: toHex(md), ...(digestError ? { error: digestError } : {}) },
            }),
          );
        } else {
          out.intact = equalBytes(md, contentDigest);
          checks.push(
            check(C.messageDigest, out.intact ? 'passed' : 'failed', {
              details: { digest: digestName, messageDigest: toHex(md), computed: toHex(contentDigest) },
            }),
          );
        }
      }
    }

    // 9. signingTime
    const stValues = attributeValues(attrs, OID_SIGNING_TIME);
    if (stValues.length === 0) checks.push(check(C.signingTime, 'skipped'));
    else if (stValues.length > 1 || countAttributes(attrs, OID_SIGNING_TIME) > 1) checks.push(check(C.signingTime, 'failed'));
    else {
      try {
        const t = decodeSigningTimeValue(stValues[0]!);
        out.signingTime = t;
        checks.push(check(C.signingTime, 'passed', { details: { signingTime: t.toISOString() } }));
      } catch (e) {
        checks.push(check(C.signingTime, 'failed', { details: { error: errMsg(e) } }));
      }
    }

    // 10. ESS signingCertificate v1 / v2
    checks.push(essCheck(attrs, cert));

    // 11. CMSAlgorithmProtection
    const apValues = attributeValues(attrs, OID_CMS_ALGORITHM_PROTECTION);
    if (apValues.length === 0) checks.push(check(C.algorithmProtection, 'skipped'));
    else if (apValues.length > 1 || countAttributes(attrs, OID_CMS_ALGORITHM_PROTECTION) > 1) {
      checks.push(check(C.algorithmProtection, 'failed', { subIndication: 'FORMAT_FAILURE', details: { values: apValues.length } }));
    } else {
      try {
        const ap = decodeAlgorithmProtectionValue(apValues[0]!);
        const ok =
          sameAlgorithm(ap.digestAlgorithm, signer.digestAlgorithm) &&
          !!ap.signatureAlgorithm &&
          sameAlgorithm(ap.signatureAlgorithm, signer.signatureAlgorithm) &&
          !ap.macAlgorithm;
        checks.push(
          check(C.algorithmProtection, ok ? 'passed' : 'failed', {
            details: { digestAlgorithm: ap.digestAlgorithm.oid, signatureAlgorithm: ap.signatureAlgorithm?.oid },
          }),
        );
      } catch (e) {
        checks.push(check(C.algorithmProtection, 'failed', { subIndication: 'FORMAT_FAILURE', details: { error: errMsg(e) } }));
      }
    }
  } else {
    checks.push(check(C.contentType, 'skipped'), check(C.messageDigest, 'skipped'), check(C.signingTime, 'skipped'));
    checks.push(check(C.signingCertificate, 'skipped'), check(C.algorithmProtection, 'skipped'));
  }

  // 12. Signature value: over DER(SET OF signedAttrs), or over the content itself.
  const tbs = signer.signedAttributesDer ?? content;
  if (!cert) {
    checks.push(
      check(C.signatureValue, 'indeterminate', {
        subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
        message: withDetail(C.signatureValue.indeterminate!, '未找到签名者证书', 'no signer certificate'),
      }),
    );
  } else if (!tbs) {
    checks.push(
      check(C.signatureValue, 'indeterminate', {
        subIndication: 'SIGNED_DATA_NOT_FOUND',
        message: withDetail(C.signatureValue.indeterminate!, '无签名属性时需要原文', 'without signed attributes the content itself is needed'),
      }),
    );
  } else {
    let publicKey;
    try {
      publicKey = certPublicKey(cert);
    } catch (e) {
      checks.push(check(C.signatureValue, 'indeterminate', { subIndication: 'GENERIC', details: { error: errMsg(e) } }));
    }
    if (publicKey) {
      const res = verifySignature(
        {
          algorithm: signer.signatureAlgorithm,
          digestAlgorithm: signer.digestAlgorithm,
          publicKey,
          data: tbs,
          signature: signer.signature,
          ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
        },
        weakPolicy,
      );
      if (res.algorithm) out.algorithm = res.algorithm;
      out.valid = res.ok;
      checks.push(
        check(C.signatureValue, res.ok ? 'passed' : 'failed', {
          details: {
            algorithm: res.algorithm ?? signer.signatureAlgorithm.oid,
            ...(res.error ? { error: res.error } : {}),
            ...(res.rawSignature ? { rawSignature: true } : {}),
          },
        }),
      );
      // 13. Algorithm strength as judged by the crypto registry.
      if (res.weak) {
        checks.push(check(C.algorithmStrength, weakPolicy === 'fail' ? 'failed' : 'warning', { details: { weak: res.weak } }));
      } else if (res.ok && (digestName === 'sha1' || digestName === 'md5')) {
        checks.push(check(C.algorithmStrength, weakPolicy === 'fail' ? 'failed' : 'warning', { details: { weak: digestName } }));
      } else if (res.ok) checks.push(check(C.algorithmStrength, 'passed'));
    }
  }

  out.verdict = verdictOf(checks);
  return out;
}

function essCheck(attrs: NonNullable<ParsedSignerInfo['signedAttributes']>, cert: Certificate | undefined): Check {
  const v1 = attributeValues(attrs, OID_SIGNING_CERTIFICATE);
  const v2 = attributeValues(attrs, OID_SIGNING_CERTIFICATE_V2);
  if (v1.length === 0 && v2.length === 0) return check(C.signingCertificate, 'skipped');
  if (v1.length > 1 || v2.length > 1 || countAttributes(attrs, OID_SIGNING_CERTIFICATE) > 1 || countAttributes(attrs, OID_SIGNING_CERTIFICATE_V2) > 1) {
    return check(C.signingCertificate, 'failed', { details: { v1: v1.length, v2: v2.length } });
  }
  const ids: Array<{ version: 1 | 2; id: EssCertId }> = [];
  try {
    for (const [version, values] of [
      [1, v1],
      [2, v2],
    ] as const) {
      const value = values[0];
      if (!value) continue;
      const list = decodeSigningCertificateValue(value, version);
      const first = list[0];
      if (!first) throw new Error(`empty SigningCertificate${version === 2 ? 'V2' : ''}`);
      ids.push({ version, id: first });
    }
  } catch (e) {
    return check(C.signingCertificate, 'failed', { details: { error: errMsg(e) } });
  }
  if (!cert) {
    return check(C.signingCertificate, 'indeterminate', {
      message: withDetail(C.signingCertificate.indeterminate!, '未找到签名者证书，无法比对', 'no signer certificate to compare with'),
    });
  }
  const der = certDer(cert);
  for (const { version, id } of ids) {
    const name = digestNameFromOid(id.hashAlgorithm.oid);
    if (!name) {
      return check(C.signingCertificate, 'indeterminate', {
        subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
        details: { version, hashAlgorithm: id.hashAlgorithm.oid },
      });
    }
    const hashOk = equalBytes(computeDigest(name, der), id.certHash);
    let serialOk = true;
    if (id.issuerSerial) {
      const issuer = certIssuerDer(cert);
      serialOk =
        equalBytes(canonicalInteger(id.issuerSerial.serialNumber), canonicalInteger(certSerialContents(cert))) &&
        id.issuerSerial.directoryNames.some((n) => equalBytes(n, issuer));
    }
    if (!hashOk || !serialOk) {
      return check(C.signingCertificate, 'indeterminate', {
        details: { version, hashAlgorithm: name, certHashMatches: hashOk, issuerSerialMatches: serialOk },
      });
    }
  }
  return check(C.signingCertificate, 'passed', { details: { versions: ids.map((i) => i.version) } });
}

