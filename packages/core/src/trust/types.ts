// Trust bundle content: what createTrustBundle writes (canonical JSON inside a CMS SignedData) and what
// openTrustBundle returns.
import type { PrivateKey } from '../crypto/types.js';
import type { Certificate, Crl } from '../pki/index.js';
import type { Message } from '../report/types.js';

/** An issuing authority and what it may issue. */
export interface TrustBundleIssuerInput {
  /** The authority's code (USCC, or a 6-digit area code as some platforms use). */
  code: string;
  name: string;
  /** The authority's signing certificates themselves (current and retired), so credentials and QR codes are found by key id offline. */
  certificates: Certificate[];
  /** Licence type codes it may issue; '*' for any. */
  licenseTypes: string[];
  /** Areas it may issue for: GB/T 2260 codes, prefixes allowed ('33' or '330000' = Zhejiang); '*' for any. */
  areaCodes: string[];
}

export interface TrustBundleIssuer {
  readonly code: string;
  readonly name: string;
  readonly certificates: readonly Certificate[];
  readonly licenseTypes: readonly string[];
  readonly areaCodes: readonly string[];
}

export interface CreateTrustBundleOptions {
  /** Monotonic version: verifiers refuse one lower than the highest they have seen (rollback). */
  version: number;
  issuedAt: Date;
  nextUpdate: Date;
  roots: Certificate[];
  intermediates?: Certificate[];
  crls?: Crl[];
  issuers: TrustBundleIssuerInput[];
  /** Current status lists (compact JWS). */
  statusLists?: string[];
  signer: { key: PrivateKey; certificate: Certificate; chain?: Certificate[] };
}

/** Why an issuer may not issue a licence; absent when it may. */
export type AuthorisationProblem = 'issuer-unknown' | 'certificate-not-listed' | 'type-not-allowed' | 'area-not-allowed';

export interface AuthorisationResult {
  ok: boolean;
  /** English, one sentence. */
  reason?: string;
  /** The same in both languages, for checks. */
  message?: Message;
  problem?: AuthorisationProblem;
  issuer?: TrustBundleIssuer;
}

/** The JSON written into a bundle (certificates and CRLs as standard base64 of their DER). */
export interface TrustBundleContent {
  format: 'heyan-trust-bundle';
  formatVersion: 1;
  version: number;
  issuedAt: string;
  nextUpdate: string;
  roots: string[];
  intermediates: string[];
  crls: string[];
  issuers: { code: string; name: string; certificates: string[]; licenseTypes: string[]; areaCodes: string[] }[];
  statusLists: string[];
}

export const BUNDLE_FORMAT = 'heyan-trust-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
