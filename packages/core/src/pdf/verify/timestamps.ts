// Timestamps of PDF signatures: the signature timestamp (an unsigned attribute whose imprint covers the SignerInfo
// signature value) and document timestamps (ETSI.RFC3161: the token is /Contents, its imprint covers the ByteRange).
import { OID_SIGNATURE_TIMESTAMP_TOKEN } from '../../cms/oids.js';
import type { ParsedSignerInfo } from '../../cms/types.js';
import type { WeakAlgorithmPolicy } from '../../crypto/types.js';
import type { Certificate, Crl, RevocationMode, TrustStore } from '../../pki/index.js';
import { check, withDetail } from '../../report/check.js';
import type { Check, TimestampSummary } from '../../report/types.js';
import { imprintDigestName } from '../../tsp/message-imprint.js';
import { parseTokenParts } from '../../tsp/parse-token.js';
import { verifyTimestampToken, type TimestampVerifyResult } from '../../tsp/verify-token.js';
import { digestByteRange, type ByteRange } from '../byte-range.js';
import { PDF_CHECKS as C } from '../checks.js';

export interface TimestampContext {
  trust?: TrustStore;
  /** When the TSA path is judged. */
  time: Date;
  crls: readonly Crl[];
  certificates: readonly Certificate[];
  revocation?: RevocationMode;
  weak?: WeakAlgorithmPolicy;
  sm2Id?: Uint8Array | string;
}

export interface SignatureTimestampResult {
  check: Check;
  /** The proven time: set only when the token PASSED. */
  genTime?: Date;
  summary?: TimestampSummary;
  /** The tokens' own checks (tsp.*, cms.*, pki.*), for the details. */
  present: boolean;
}

const iso = (d: Date | undefined): string => (d ? d.toISOString() : '?');

function tokenOptions(ctx: TimestampContext): Omit<Parameters<typeof verifyTimestampToken>[0], 'token'> {
  return {
    time: ctx.time,
    crls: ctx.crls,
    extraCertificates: ctx.certificates,
    ...(ctx.trust ? { trust: ctx.trust } : {}),
    ...(ctx.revocation !== undefined ? { revocation: ctx.revocation } : {}),
    ...(ctx.weak ? { policy: { weak: ctx.weak } } : {}),
    ...(ctx.sm2Id !== undefined ? { sm2Id: ctx.sm2Id } : {}),
  };
}

function failures(r: TimestampVerifyResult): { id: string; status: string; message: string }[] {
  return r.checks.filter((c) => c.status === 'failed' || c.status === 'indeterminate').map((c) => ({ id: c.id, status: c.status, message: c.message.en }));
}

/**
 * The signature timestamp(s) of `signer`: the earliest PASSED token is the proof of existence. A token that does not
 * pass is a warning (unsigned attributes are not covered by the signature: anyone can add one), never a failure of
 * the signature itself; the signature is then judged without that proof.
 */
export function signatureTimestamp(signer: ParsedSignerInfo, ctx: TimestampContext): SignatureTimestampResult {
  const tokens = (signer.unsignedAttributes ?? []).filter((a) => a.oid === OID_SIGNATURE_TIMESTAMP_TOKEN).flatMap((a) => a.values);
  if (tokens.length === 0) return { check: check(C.signatureTimestamp, 'skipped'), present: false };
  const results = tokens.slice(0, 8).map((token) => verifyTimestampToken({ token, data: signer.signature, ...tokenOptions(ctx) }));
  const passed = results.filter((r) => r.indication === 'PASSED' && r.genTime).sort((a, b) => a.genTime!.getTime() - b.genTime!.getTime());
  const best = passed[0];
  if (best) {
    const t = best.genTime!;
    return {
      check: check(C.signatureTimestamp, 'passed', {
        message: withDetail(C.signatureTimestamp.passed, `${iso(t)}，时间戳机构「${best.tsa?.subject ?? '?'}」`, `${iso(t)}, TSA "${best.tsa?.subject ?? '?'}"`),
        details: { genTime: iso(t), tsa: best.tsa?.subject, tokens: tokens.length },
      }),
      genTime: t,
      summary: best.summary,
      present: true,
    };
  }
  const r = results[0]!;
  const why = failures(r)[0];
  return {
    check: check(C.signatureTimestamp, 'warning', {
      message: withDetail(
        C.signatureTimestamp.warning!,
        `${r.indication}${r.subIndication ? `/${r.subIndication}` : ''}${why ? `：${why.message}` : ''}`,
        `${r.indication}${r.subIndication ? `/${r.subIndication}` : ''}${why ? `: ${why.message}` : ''}`,
      ),
      details: { indication: r.indication, subIndication: r.subIndication, genTime: r.genTime && iso(r.genTime), problems: failures(r) },
    }),
    summary: r.summary,
    present: true,
  };
}

export interface DocumentTimestampResult {
  checks: Check[];
  result?: TimestampVerifyResult;
  intact: boolean;
  valid: boolean;
}

/** A document timestamp: `token` from /Contents, imprint = digest of the ByteRange bytes under the token's algorithm. */
export function documentTimestamp(pdf: Uint8Array, token: Uint8Array, br: ByteRange | undefined, ctx: TimestampContext): DocumentTimestampResult {
  let imprint: { digest: Uint8Array; digestName: NonNullable<ReturnType<typeof imprintDigestName>> } | undefined;
  try {
    const parts = parseTokenParts(token);
    const name = parts.tstInfo ? imprintDigestName(parts.tstInfo.messageImprint) : undefined;
    const d = name && br ? digestByteRange(pdf, br, name) : undefined;
    if (name && d) imprint = { digest: d, digestName: name };
  } catch {
    // verifyTimestampToken below reports the structure problem.
  }
  const r = verifyTimestampToken({ token, ...(imprint ? { imprint } : {}), ...tokenOptions(ctx) });
  const status = (id: string): string | undefined => r.checks.find((c) => c.id === id)?.status;
  return {
    checks: r.checks,
    result: r,
    intact: status('tsp.message-imprint') === 'passed' && status('cms.attribute.message-digest') === 'passed',
    valid: status('cms.signature.value') === 'passed',
  };
}
