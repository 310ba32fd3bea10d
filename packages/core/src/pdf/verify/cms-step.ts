// The CMS in a signature's /Contents: one structure (zero padding only), exactly one SignerInfo, no eContent in a
// detached signature, and integrity over the ByteRange digest (streamed: the signed bytes are never concatenated,
// except for the rare adbe.pkcs7.detached form without signed attributes, whose signature covers the bytes themselves).
import { Asn1Reader } from '../../asn1/index.js';
import { CMS_CHECKS } from '../../cms/checks.js';
import { parseSignedData } from '../../cms/parse.js';
import { attributeValues } from '../../cms/attributes.js';
import { OID_SIGNING_TIME } from '../../cms/oids.js';
import type { ParsedSignedData, ParsedSignerInfo } from '../../cms/types.js';
import { signerDigestName, verifyCmsSignatureOnly } from '../../cms/verify-signer.js';
import { equalBytes } from '../../asn1/index.js';
import type { WeakAlgorithmPolicy } from '../../crypto/types.js';
import type { Certificate } from '../../pki/index.js';
import { check, withDetail } from '../../report/check.js';
import type { Check } from '../../report/types.js';
import { digestByteRange, signedBytes, type ByteRange } from '../byte-range.js';
import { PDF_CHECKS as C } from '../checks.js';

/** The no-signed-attributes form needs the signed bytes in one piece; beyond this it is INDETERMINATE, not copied. */
export const MAX_UNHASHED_CONTENT = 64 * 1024 * 1024;

export interface CmsStepInput {
  pdf: Uint8Array;
  contents: Uint8Array;
  /** The ByteRange when its ranges lie inside the file. */
  byteRange?: ByteRange;
  subFilter?: string;
  extraCertificates: readonly Certificate[];
  sm2Id?: Uint8Array | string;
  weak?: WeakAlgorithmPolicy;
}

export interface CmsStepResult {
  checks: Check[];
  signedData?: ParsedSignedData;
  signer?: ParsedSignerInfo;
  certificate?: Certificate;
  intact: boolean;
  valid: boolean;
  algorithm?: string;
  /** The signing-time attribute (claimed). */
  signingTime?: Date;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The extent of the first BER element of `b`, or a reason it has none. */
function firstElementEnd(b: Uint8Array): number | string {
  try {
    return new Asn1Reader(b, { mode: 'ber', maxDepth: 64, maxElements: 2_000_000, maxBytes: b.length + 1 }).read(0, b.length, 0).next;
  } catch (e) {
    return errText(e);
  }
}

/** `pdf.contents.cms`: one BER element, then only zero bytes; `end` is where the element ends when it passed. */
export function containerCheck(b: Uint8Array): { check: Check; end?: number } {
  const end = firstElementEnd(b);
  if (typeof end === 'string') return { check: check(C.cmsContainer, 'failed', { message: withDetail(C.cmsContainer.failed, end, end) }) };
  for (let i = end; i < b.length; i++) {
    if (b[i] === 0) continue;
    const zh = `第 ${i} 字节不是零（CMS 结束于 ${end}）`;
    const en = `byte ${i} is not zero (the CMS ends at ${end})`;
    return { check: check(C.cmsContainer, 'failed', { message: withDetail(C.cmsContainer.failed, zh, en), details: { cmsLength: end, contentsLength: b.length } }) };
  }
  return { check: check(C.cmsContainer, 'passed', { details: { cmsLength: end, padding: b.length - end } }), end };
}

/** Verify the CMS of one approval signature. Never throws. */
export function cmsStep(input: CmsStepInput): CmsStepResult {
  const out: CmsStepResult = { checks: [], intact: false, valid: false };
  const { checks } = out;
  try {
    run(input, out);
  } catch (e) {
    checks.push(check(CMS_CHECKS.structure, 'failed', { message: withDetail(CMS_CHECKS.structure.failed, errText(e), errText(e)) }));
  }
  return out;
}

function run(input: CmsStepInput, out: CmsStepResult): void {
  const { checks } = out;
  const b = input.contents;
  // 1. One element, then only the zero padding of the placeholder: anything else is data nobody signed.
  const container = containerCheck(b);
  checks.push(container.check);
  if (container.end === undefined) return;
  const end = container.end;

  // 2. SignedData.
  let sd: ParsedSignedData;
  try {
    sd = parseSignedData(b.subarray(0, end));
  } catch (e) {
    checks.push(check(CMS_CHECKS.structure, 'failed', { message: withDetail(CMS_CHECKS.structure.failed, errText(e), errText(e)) }));
    return;
  }
  out.signedData = sd;
  checks.push(sd.warnings.length ? check(CMS_CHECKS.structure, 'warning', { details: { warnings: sd.warnings, ber: sd.ber } }) : check(CMS_CHECKS.structure, 'passed', { details: { flavour: sd.flavour, ber: sd.ber } }));

  // 3. Exactly one SignerInfo (ISO 32000-2 12.8.3.3; DSS BBB_FC_IOSIP).
  const n = sd.signers.length;
  checks.push(check(C.signerCount, n === 1 ? 'passed' : 'failed', { details: { signerInfos: n } }));
  const signer = sd.signers[0];
  if (!signer) return;
  out.signer = signer;

  // 4. Integrity.
  const sha1Form = input.subFilter === 'adbe.pkcs7.sha1';
  const base = {
    signedData: sd,
    signer,
    extraCertificates: input.extraCertificates,
    ...(input.sm2Id !== undefined ? { sm2Id: input.sm2Id } : {}),
  };
  const weak = input.weak ?? 'warn';
  const digestName = signerDigestName(signer);
  let res;
  if (sha1Form) {
    // adbe.pkcs7.sha1: the signed content is the SHA-1 digest of the ByteRange bytes, encapsulated.
    res = verifyCmsSignatureOnly({ ...base, detached: false, policy: { weak } });
    const want = input.byteRange ? digestByteRange(input.pdf, input.byteRange, 'sha1') : undefined;
    const ok = !!want && !!sd.eContent && equalBytes(want, sd.eContent);
    checks.push(...res.checks, check(C.sha1Digest, want ? (ok ? 'passed' : 'failed') : 'indeterminate', { details: { encapsulated: sd.eContent?.length ?? 0 } }));
    out.intact = ok && (signer.signedAttributes ? res.intact : res.valid);
  } else {
    const opts: Parameters<typeof verifyCmsSignatureOnly>[0] = {
      ...base,
      detached: true,
      policy: { weak, requireSignedAttributes: input.subFilter === 'ETSI.CAdES.detached' },
    };
    if (input.byteRange && digestName) {
      if (signer.signedAttributes) {
        const d = digestByteRange(input.pdf, input.byteRange, digestName);
        if (d) opts.contentDigest = d;
      } else {
        const parts = signedBytes(input.pdf, input.byteRange);
        if (parts && parts[0].length + parts[1].length <= MAX_UNHASHED_CONTENT) {
          const c = new Uint8Array(parts[0].length + parts[1].length);
          c.set(parts[0], 0);
          c.set(parts[1], parts[0].length);
          opts.content = c;
        }
      }
    }
    res = verifyCmsSignatureOnly(opts);
    checks.push(...res.checks);
    // Without signed attributes there is no messageDigest: intact == valid (pyHanko).
    out.intact = signer.signedAttributes ? res.intact : res.valid;
  }
  out.valid = res.valid;
  if (res.certificate) out.certificate = res.certificate;
  if (res.algorithm) out.algorithm = res.algorithm;
  if (res.signingTime) out.signingTime = res.signingTime;

  // 5. PAdES puts the claimed time in /M; a signing-time attribute is not allowed (EN 319 142-1 5.2.1 / 6.3).
  if (input.subFilter === 'ETSI.CAdES.detached' && signer.signedAttributes) {
    const has = attributeValues(signer.signedAttributes, OID_SIGNING_TIME).length > 0;
    checks.push(check(C.padesSigningTime, has ? 'warning' : 'passed'));
  }
}
