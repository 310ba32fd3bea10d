// What credentials take from trust/ (the opened trust bundle) and from registry/ (point-in-time status). The registry
// is typed structurally: only statusAt is used, and any store that answers it (SQLite, PostgreSQL, a test double) fits.
import type { TrustBundle } from '../trust/index.js';

export type CredentialTrustBundle = TrustBundle;

export type LicenseStatusValue = 'valid' | 'suspended' | 'revoked';

export interface StatusRegistry {
  statusAt(identifier: string, date: Date): { status: LicenseStatusValue; since?: Date | string; reason?: string | null } | undefined | null;
}
