// The report model shared by core, server and CLI (see docs/report.md). Check ids are stable API.

export type Indication = 'PASSED' | 'FAILED' | 'INDETERMINATE';

/** ETSI EN 319 102-1 sub-indications, plus a few of our own where ETSI has none. */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'SIGNED_DATA_NOT_FOUND'
  | 'TRY_LATER'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NOT_REVOKED'
  | 'REVOKED_NO_POE'
  | 'REVOKED_CA_NO_POE'
  | 'REVOCATION_OUT_OF_BOUNDS_NO_POE'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE'
  | 'POLICY_FAILURE'
  | 'GENERIC';

export type CheckStatus = 'passed' | 'failed' | 'warning' | 'indeterminate' | 'skipped';

export interface Message {
  zh: string;
  en: string;
}

export interface Check {
  /** Stable dotted id, e.g. 'crypto.signature.value'. Never reworded once released. */
  id: string;
  status: CheckStatus;
  message: Message;
  /** Sub-indication this check implies when it is the deciding failure. */
  subIndication?: SubIndication;
  details?: Record<string, unknown>;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string; // hex, lower case, no leading zeros beyond one byte
  notBefore: string; // ISO-8601
  notAfter: string; // ISO-8601
  publicKeyAlgorithm: string; // 'sm2' | 'ecdsa-p256' | 'ecdsa-p384' | 'rsa-2048' | 'ed25519' | ...
  fingerprintSha256: string; // hex
}

export interface TimestampSummary {
  time: string; // ISO-8601 genTime
  tsa?: CertificateSummary;
  indication: Indication;
  subIndication?: SubIndication;
}

export interface SignatureReport {
  index: number;
  /** 'cms' | 'raw' | 'certificate' | 'pades' | 'ses' | 'ofd-seal' | 'jws' | ... */
  kind: string;
  indication: Indication;
  subIndication?: SubIndication;
  signer?: CertificateSummary;
  /** Certificates of the validated path, leaf first, when one was found. */
  chain?: CertificateSummary[];
  /** Claimed signing time (signed attribute / dictionary), not a proof of existence. */
  signingTime?: string;
  timestamp?: TimestampSummary;
  /** Signature algorithm name from the registry, e.g. 'sm2-with-sm3'. */
  algorithm?: string;
  coverage?: string;
  modifications?: string;
  checks: Check[];
  /** PDF signatures and document timestamps: the pyHanko-style facets (see PdfFacets). */
  pdf?: PdfFacets;
}

/** One change made after a PDF signature (pdf/changes): what, in which revision, where. */
export interface PdfChangeSummary {
  category: string;
  /** Index of the revision that made it (0 = original). */
  revision: number;
  /** '12 0 R' */
  object?: string;
  /** 1-based page. */
  page?: number;
  /** English, short. */
  detail: string;
}

/** Separate verdicts of a PDF signature (integrity, what happened after signing, trust), never merged into one. */
export interface PdfFacets {
  /** Fully qualified signature field name. */
  field?: string;
  subFilter?: string;
  /** Index of the signed revision (0 = original), when the signed range ends at a revision boundary. */
  revision?: number;
  byteRange?: number[];
  /** messageDigest (or the document timestamp imprint) equals the digest of the signed bytes. */
  intact: boolean;
  /** The signature value verifies. */
  valid: boolean;
  /** The signer path reached a trust anchor at the validation time and passed. */
  trusted: boolean;
  /** 'ENTIRE_FILE' | 'ENTIRE_REVISION' | 'CONTIGUOUS_BLOCK_FROM_START' | 'UNCLEAR' */
  coverage: string;
  /** 'NONE' | 'LTA_UPDATES' | 'FORM_FILLING' | 'ANNOTATIONS' | 'OTHER' */
  modificationLevel?: string;
  /** P of the document's certification signature. */
  docMdp?: 1 | 2 | 3;
  docMdpOk?: boolean;
  /** 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' (ETSI.CAdES.detached only). */
  padesLevel?: string;
  /** Where the validation time came from: 'signature-timestamp' | 'at' | 'now'. */
  timeSource?: string;
  /** Values of the SIGNED revision's dictionary (a later rewrite is not shown here). */
  dictionary?: { reason?: string; location?: string; name?: string; m?: string; contactInfo?: string };
  changes?: PdfChangeSummary[];
}

export interface LicenseSummary {
  [field: string]: unknown;
}

export interface Report {
  input: { name?: string; sha256: string; size: number };
  /** 'pdf' | 'ofd' | 'seal' | 'ses-signature' | 'cms' | 'certificate' | 'raw-signature' | 'credential' | 'unknown' */
  format: string;
  indication: Indication;
  subIndication?: SubIndication;
  /** ISO-8601; the time trust was judged at. */
  validationTime: string;
  signatures: SignatureReport[];
  license?: LicenseSummary;
  /** Document-level checks. */
  checks: Check[];
  /** The next step for a clerk when not PASSED. */
  advice?: Message;
}
