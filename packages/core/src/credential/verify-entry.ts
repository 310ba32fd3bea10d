// The credential formats of the one verify() entry: recognising a compact JWS or a licence QR text among input
// bytes, and the outcome (checks, signatures, licence summary, verdict) verify.ts puts in the Report.
import type { Certificate, TrustStore } from '../pki/index.js';
import type { Check, LicenseSummary, Message, SignatureReport } from '../report/types.js';
import { licenceAdvice } from './advice.js';
import type { Verdict } from '../report/indication.js';
import type { TrustBundle } from '../trust/bundle.js';
import { QR_PREFIX } from './qr/payload.js';
import type { StatusRegistry } from './trust-types.js';
import { verifyQrPayload } from './qr/verify.js';
import { verifyCredential, type CredentialVerification } from './verify.js';

/** Inputs larger than this are not inspected as text (verifyCredential would refuse far smaller ones anyway). */
const MAX_SNIFF = 4 * 1024 * 1024;
const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** 'credential' for compact-JWS text, 'qr' for licence QR text (HY1:...), else undefined. Surrounding white space is allowed. */
export function sniffCredentialText(bytes: Uint8Array): 'credential' | 'qr' | undefined {
  if (bytes.length === 0 || bytes.length > MAX_SNIFF) return undefined;
  const first = bytes.findIndex((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  if (first < 0) return undefined;
  const c = bytes[first]!;
  // Cheap exit for binary formats (DER starts 0x30, ZIP 0x50 'P' is possible but fails the shape below).
  if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').trim();
  if (text.startsWith(QR_PREFIX)) return 'qr';
  return JWS_SHAPE.test(text) ? 'credential' : undefined;
}

export interface CredentialOutcome {
  format: 'credential' | 'qr';
  checks: Check[];
  signatures: SignatureReport[];
  license?: LicenseSummary;
  /** Signatures first (integrity), then the document checks. */
  verdict: Verdict;
  /** The licence-specific next step, when a licence check decided. */
  advice?: Message;
}

export interface CredentialEntryOptions {
  time: Date;
  trust?: TrustStore;
  bundle?: TrustBundle;
  /** Issuer certificates for QR key lookup without a bundle (`--cert`). */
  certificates?: readonly Certificate[];
  /** Point-in-time licence status from an issuer registry, used instead of status lists. */
  registry?: StatusRegistry;
}

/** Verify credential or QR text for verify(). Never throws. */
export function credentialOutcome(format: 'credential' | 'qr', input: Uint8Array | string, opts: CredentialEntryOptions): CredentialOutcome {
  const text = (typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8')).trim();
  const common = { time: opts.time, ...(opts.trust ? { trust: opts.trust } : {}), ...(opts.bundle ? { bundle: opts.bundle } : {}), ...(opts.registry ? { registry: opts.registry } : {}) };
  const r: CredentialVerification =
    format === 'qr' ? verifyQrPayload(text, { ...common, ...(opts.certificates ? { certificates: opts.certificates } : {}) }) : verifyCredential(text, common);
  const advice = licenceAdvice(r);
  return {
    format,
    checks: r.checks,
    signatures: r.signatures,
    ...(r.license ? { license: r.license } : {}),
    verdict: { indication: r.indication, ...(r.subIndication ? { subIndication: r.subIndication } : {}) },
    ...(advice ? { advice } : {}),
  };
}
