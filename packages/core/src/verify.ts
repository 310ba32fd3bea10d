// The one entry: recognise the input, run its verifier, fill the Report. Never throws: an unknown format or any
// exception becomes FAILED / FORMAT_FAILURE with a check that says why.
import { createHash } from 'node:crypto';
import type { DigestName, WeakAlgorithmPolicy } from './crypto/types.js';
import { verifySignedData } from './cms/index.js';
import { loadCertificates, type Certificate, type Crl, type TrustStore } from './pki/index.js';
import { HeyanError } from './errors.js';
import { adviceFor } from './report/advice.js';
import { check, withDetail } from './report/check.js';
import { verdictOf, worstOf, type Verdict } from './report/indication.js';
import type { Check, LicenseSummary, Message, Report, SignatureReport } from './report/types.js';
import { VERIFY_CHECKS as C } from './verify/checks.js';
import { verifyCertificateInput } from './verify/certificate.js';
import { verifyRawSignature } from './verify/raw-signature.js';
import type { SignerPathOptions } from './verify/signer-path.js';
import { sniff, type ItemKind, type Sniffed } from './verify/sniff.js';
import { sealReport, verifySeal, verifySesSignature } from './seal/index.js';
import { looksLikeZip, verifyOfd, type OfdPackage } from './ofd/index.js';
import { looksLikePdf, verifyPdf } from './pdf/verify/index.js';
import type { PdfDocument } from './pdf/document/types.js';
import { bundleUsedCheck, mergeTrust, type TrustBundle } from './trust/index.js';
import { credentialOutcome, sniffCredentialText } from './credential/verify-entry.js';
import type { StatusRegistry } from './credential/trust-types.js';
import { mayBeLicenseDocument, pdfMayBeLicenseDocument } from './license/document/sniff.js';
import type { OfdLicenseParts } from './license/document/types.js';

export const DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024;

export interface VerifyOptions {
  /** Shown in the report (usually the file name). */
  name?: string;
  /** Licence status from an issuer registry (e.g. `openRegistry(path, { readonly: true }).asStatusSource()`), used instead of status lists. */
  statusRegistry?: StatusRegistry;
  trust?: TrustStore;
  /**
   * An opened (verified) trust bundle: its roots, intermediates and CRLs are trusted for every format, together
   * with `trust` when both are given; the report names the bundle (check trust.bundle.used).
   */
  bundle?: TrustBundle;
  crls?: Crl[];
  /** Validation time; default now. */
  at?: Date;
  /** Detached content of a CMS signature, or the signed content in raw-signature mode. */
  content?: Uint8Array;
  /** Extra certificates: the signer's certificate and intermediates (`--cert`). */
  certificates?: Certificate[];
  /**
   * Raw-signature mode: the input is a bare signature value (as written by `heyan sign raw`) over `content`,
   * made with the key of `certificates[0]`.
   */
  rawSignature?: boolean;
  /** Raw-signature mode: override the digest the key type implies. */
  digest?: DigestName;
  /** SM2 user ID; default '1234567812345678'. */
  sm2Id?: Uint8Array | string;
  policy?: { weak?: WeakAlgorithmPolicy };
  revocation?: SignerPathOptions['revocation'];
  /** Largest input accepted; default 256 MiB. */
  maxBytes?: number;
  /** Verify this text as a licence QR code (format 'qr'); the input bytes are then its UTF-8, for the report. */
  qrText?: string;
  /** PDF: what may change after signing — 'licence' (default, strict) or 'general' (annotations/form filling warn). */
  pdfPolicy?: 'licence' | 'general';
}

const FORMAT_OF: Partial<Record<ItemKind, string>> = {
  certificate: 'certificate',
  'certificate-bundle': 'certificate',
  'signed-data': 'cms',
  crl: 'crl',
  'private-key': 'private-key',
  'encrypted-private-key': 'private-key',
  'sec1-private-key': 'private-key',
  'rsa-private-key': 'private-key',
  'public-key': 'public-key',
  'rsa-public-key': 'public-key',
  pkcs12: 'pkcs12',
  seal: 'seal',
  'ses-signature': 'ses-signature',
};

interface Outcome {
  format: string;
  checks: Check[];
  signatures: SignatureReport[];
  /** Licence summary (credentials, QR codes). */
  license?: LicenseSummary;
  /** The verifier's own verdict when it orders checks differently (credentials: signature first). */
  verdict?: Verdict;
  /** The verifier's own next step (licences: expired, revoked, suspended ... differ from certificates). */
  advice?: Message;
  /** PDF: the document model verifyPdf opened, for the licence layer to read the same file without parsing it again. */
  pdf?: PdfDocument;
  /** OFD: the package verifyOfd opened, for the licence layer to read (through a fresh() view) without opening it again. */
  ofd?: OfdPackage;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function failed(def: (typeof C)[keyof typeof C], why: string, details?: Record<string, unknown>): Check {
  return check(def, 'failed', { message: withDetail(def.failed, why, why), details: { reason: why, ...details } });
}

function formatCheck(s: Sniffed, used: number): Check {
  const warnings = [...s.warnings];
  if (s.items.length > used) warnings.push(`${s.items.length - used} further object(s) in the input were ignored`);
  const details: Record<string, unknown> = { encoding: s.encoding, kind: s.items[0]?.kind, ber: s.ber };
  if (warnings.length) details.warnings = warnings;
  return check(C.inputFormat, warnings.length ? 'warning' : 'passed', { details });
}

function run(input: Uint8Array, opts: VerifyOptions, time: Date): Outcome {
  const path: SignerPathOptions = { at: time };
  if (opts.trust) path.trust = opts.trust;
  if (opts.crls) path.crls = opts.crls;
  if (opts.revocation !== undefined) path.revocation = opts.revocation;
  if (opts.policy) path.policy = opts.policy;

  if (opts.rawSignature) {
    const r = verifyRawSignature({
      ...path,
      signature: input,
      ...(opts.content ? { content: opts.content } : {}),
      certificates: opts.certificates ?? [],
      ...(opts.digest ? { digest: opts.digest } : {}),
      ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
      ...(opts.policy ? { policy: opts.policy } : {}),
    });
    return { format: 'raw-signature', checks: [], signatures: [r.signature] };
  }

  // PDF: `%PDF-` within the first 1024 bytes, as viewers accept it.
  if (looksLikePdf(input)) {
    const r = verifyPdf(input, {
      time,
      atGiven: opts.at !== undefined,
      ...(opts.trust ? { trust: opts.trust } : {}),
      ...(opts.crls ? { crls: opts.crls } : {}),
      ...(opts.certificates ? { certificates: opts.certificates } : {}),
      ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
      policy: { ...(opts.policy?.weak ? { weak: opts.policy.weak } : {}), ...(opts.pdfPolicy ? { pdfChanges: opts.pdfPolicy } : {}) },
      ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
    });
    return { format: 'pdf', checks: r.checks, signatures: r.signatures, ...(r.document ? { pdf: r.document } : {}) };
  }

  // ZIP packages: OFD (a ZIP without OFD.xml is FAILED / "not an OFD package").
  if (looksLikeZip(input)) {
    const r = verifyOfd(input, {
      time,
      ...(opts.trust ? { trust: opts.trust } : {}),
      ...(opts.crls ? { crls: opts.crls } : {}),
      ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
      ...(opts.policy ? { policy: opts.policy } : {}),
      ...(opts.certificates ? { certificates: opts.certificates } : {}),
      ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
    });
    return { format: r.ofd ? 'ofd' : 'unknown', checks: r.checks, signatures: r.signatures, ...(r.package ? { ofd: r.package } : {}) };
  }

  // Licence credentials (compact JWS text) and licence QR texts (HY1:..., or any text given as opts.qrText).
  const credential = opts.qrText !== undefined ? 'qr' : sniffCredentialText(input);
  if (credential) {
    return credentialOutcome(credential, opts.qrText ?? input, {
      time,
      ...(opts.trust ? { trust: opts.trust } : {}),
      ...(opts.bundle ? { bundle: opts.bundle } : {}),
      ...(opts.certificates ? { certificates: opts.certificates } : {}),
      ...(opts.statusRegistry ? { registry: opts.statusRegistry } : {}),
    });
  }

  let s: Sniffed;
  try {
    s = sniff(input);
  } catch (e) {
    return { format: 'unknown', checks: [failed(C.inputFormat, errorText(e))], signatures: [] };
  }
  const first = s.items[0]!;
  const format = FORMAT_OF[first.kind] ?? 'unknown';

  if (first.kind === 'signed-data') {
    const r = verifySignedData({
      cms: first.der,
      ...(opts.content ? { content: opts.content } : {}),
      ...(opts.trust ? { trust: opts.trust } : {}),
      time,
      ...(opts.certificates ? { extraCertificates: opts.certificates } : {}),
      ...(opts.crls ? { crls: opts.crls } : {}),
      ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}),
      ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
      ...(opts.policy?.weak ? { policy: { weak: opts.policy.weak } } : {}),
    });
    return { format, checks: [formatCheck(s, 1), ...r.checks], signatures: r.signatures };
  }

  if (first.kind === 'seal' || first.kind === 'ses-signature') {
    // Electronic seals (.esl) and seal signatures (SES_Signature); `content` is the data a signature protects.
    const common = {
      time,
      ...(opts.trust ? { trust: opts.trust } : {}),
      ...(opts.certificates ? { intermediates: opts.certificates } : {}),
      ...(opts.crls ? { crls: opts.crls } : {}),
      ...(opts.revocation !== undefined ? { revocation: opts.revocation } : {}),
      ...(opts.policy ? { policy: opts.policy } : {}),
    };
    const signature =
      first.kind === 'seal'
        ? sealReport(verifySeal({ seal: first.der, ...common }))
        : verifySesSignature({ signature: first.der, ...(opts.content ? { data: opts.content } : {}), ...common });
    return { format, checks: [formatCheck(s, 1)], signatures: [signature] };
  }

  if (first.kind === 'certificate' || first.kind === 'certificate-bundle') {
    // Certificates (single, PEM bundle, PKCS#7 certs-only) in input order; other PEM objects are ignored.
    const certs: Certificate[] = [];
    let used = 0;
    for (const item of s.items) {
      if (item.kind !== 'certificate' && item.kind !== 'certificate-bundle') continue;
      certs.push(...loadCertificates(item.der));
      used++;
    }
    if (opts.certificates) certs.push(...opts.certificates);
    return { format, checks: [formatCheck(s, used)], signatures: [verifyCertificateInput(certs, path)] };
  }

  const what = first.kind === 'unknown' ? (first.note ?? 'unknown structure') : `a ${first.kind.replace(/-/g, ' ')}`;
  return {
    format,
    checks: [
      first.kind === 'unknown' ? failed(C.inputFormat, what) : formatCheck(s, 1),
      ...(first.kind === 'unknown' ? [] : [failed(C.inputSigned, `the input is ${what}`)]),
    ],
    signatures: [],
  };
}

/**
 * A licence PDF / OFD: the licence layer (license/document) merged into the document's outcome — its checks after the
 * document's, the embedded credential's signature after the document's signatures, the licence summary, the worst of
 * both verdicts and the licence advice. Loaded only for documents that may carry licence parts (sniff.ts).
 */
async function withLicenseLayer(outcome: Outcome, bytes: Uint8Array, opts: VerifyOptions, time: Date): Promise<Outcome> {
  const format = outcome.format;
  if (format !== 'pdf' && format !== 'ofd') return outcome;
  let ofdParts: OfdLicenseParts | undefined;
  if (format === 'ofd' && outcome.ofd) {
    // The package is open: its licence parts are read from it (a fresh() view: the layer's own budgets, as if it had
    // opened the bytes) — the attachment's Name and the CustomData sit in compressed XML no byte search sees, and a
    // plain OFD costs one look at OFD.xml and the attachment list.
    ofdParts = (await import('./license/document/read-ofd.js')).readOfdParts(outcome.ofd.fresh(), { page: 'if-licence' });
    if (!ofdParts.credentialAttached && ofdParts.customIdentifier === undefined) return outcome;
  } else if (!(format === 'pdf' && outcome.pdf ? pdfMayBeLicenseDocument(outcome.pdf, bytes) : mayBeLicenseDocument(format, bytes))) return outcome;
  const { verifyLicenseDocument } = await import('./license/document/verify-document.js');
  const layer = verifyLicenseDocument(format, bytes, outcome, {
    time,
    ...(opts.trust ? { trust: opts.trust } : {}),
    ...(opts.bundle ? { bundle: opts.bundle } : {}),
    ...(opts.statusRegistry ? { statusRegistry: opts.statusRegistry } : {}),
    ...(opts.certificates ? { certificates: opts.certificates } : {}),
    ...(outcome.pdf ? { pdf: outcome.pdf } : {}),
    ...(ofdParts ? { parts: ofdParts } : {}),
  });
  if (!layer) return outcome;
  return {
    format,
    checks: [...outcome.checks, ...layer.checks],
    signatures: [...outcome.signatures, ...layer.signatures],
    license: layer.license,
    verdict: layer.verdict,
    ...(layer.advice ? { advice: layer.advice } : {}),
  };
}

/** Verify one input. Never throws; see docs/report.md for the Report it returns. */
export async function verify(input: Uint8Array, opts: VerifyOptions = {}): Promise<Report> {
  const atValid = opts.at instanceof Date && !Number.isNaN(opts.at.getTime());
  const time = atValid ? opts.at! : new Date();
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(0);
  const report: Report = {
    input: {
      ...(opts.name !== undefined ? { name: opts.name } : {}),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    },
    format: 'unknown',
    indication: 'FAILED',
    validationTime: time.toISOString(),
    signatures: [],
    checks: [],
  };
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let outcome: Outcome;
  if (!(input instanceof Uint8Array)) {
    outcome = { format: 'unknown', checks: [failed(C.internal, 'the input is not a byte array')], signatures: [] };
  } else if (opts.at !== undefined && !atValid) {
    outcome = { format: 'unknown', checks: [failed(C.internal, 'the validation time is not a valid date')], signatures: [] };
  } else if (bytes.length > maxBytes) {
    outcome = {
      format: 'unknown',
      checks: [failed(C.inputSize, `${bytes.length} bytes is more than the ${maxBytes}-byte limit`, { size: bytes.length, limit: maxBytes })],
      signatures: [],
    };
  } else {
    try {
      const runOpts = opts.bundle ? { ...opts, trust: mergeTrust(opts.trust, opts.bundle) } : opts;
      outcome = await withLicenseLayer(run(bytes, runOpts, time), bytes, runOpts, time);
    } catch (e) {
      // Parsers throw FormatError/LimitError for hostile bytes; anything else is a bug, still reported, never thrown.
      const name = e instanceof Error ? e.name : 'Error';
      const def = e instanceof HeyanError ? C.inputFormat : C.internal;
      outcome = { format: 'unknown', checks: [failed(def, errorText(e), { error: name })], signatures: [] };
    }
  }
  report.format = outcome.format;
  report.checks = opts.bundle ? [bundleUsedCheck(opts.bundle, time), ...outcome.checks] : outcome.checks;
  report.signatures = outcome.signatures;
  if (outcome.license) report.license = outcome.license;
  const verdicts: Verdict[] = [verdictOf(outcome.checks), ...outcome.signatures.map((s) => ({ indication: s.indication, ...(s.subIndication ? { subIndication: s.subIndication } : {}) }))];
  const v = outcome.verdict ? worstOf([outcome.verdict, verdictOf(report.checks)]) : worstOf(verdicts);
  report.indication = v.indication;
  if (v.subIndication) report.subIndication = v.subIndication;
  else if (v.indication === 'FAILED' && outcome.signatures.length === 0) report.subIndication = 'FORMAT_FAILURE';
  const advice = v.indication === 'PASSED' ? undefined : (outcome.advice ?? adviceFor(v, [...report.checks, ...report.signatures.flatMap((s) => s.checks)]));
  if (advice) report.advice = advice;
  return report;
}
