// A SignatureReport from a verified JWS or QR signature (kind 'jws' / 'qr').
import type { Certificate } from '../pki/index.js';
import type { Check, Indication, SignatureReport, SubIndication } from '../report/types.js';
import { verdictOf, worstOf } from '../report/indication.js';

export function signatureReport(kind: 'jws' | 'qr', checks: Check[], extra: { signer?: Certificate; chain?: Certificate[]; algorithm?: string }): SignatureReport {
  const v = verdictOf(checks);
  const r: SignatureReport = { index: 0, kind, indication: v.indication, checks };
  if (v.subIndication) r.subIndication = v.subIndication;
  if (extra.signer) r.signer = extra.signer.summary();
  if (extra.chain && extra.chain.length > 0) r.chain = extra.chain.map((c) => c.summary());
  if (extra.algorithm) r.algorithm = extra.algorithm;
  return r;
}

/** Signatures first (integrity), then the document checks: FAILED beats INDETERMINATE beats PASSED. */
export function combinedVerdict(signatures: readonly SignatureReport[], checks: readonly Check[]): { indication: Indication; subIndication?: SubIndication } {
  return worstOf([...signatures.map((s) => ({ indication: s.indication, ...(s.subIndication ? { subIndication: s.subIndication } : {}) })), verdictOf(checks)]);
}
