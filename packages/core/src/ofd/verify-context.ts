// Options of OFD verification and the per-package context the per-signature steps share.
import type { WeakAlgorithmPolicy } from '../crypto/types.js';
import type { Certificate, Crl, RevocationMode, TrustStore } from '../pki/index.js';
import type { OfdLimits } from './limits.js';
import type { OfdPackage } from './package.js';
import type { DigestCache } from './references.js';

export interface OfdVerifyOptions {
  /** Anchors; without them every certificate path is INDETERMINATE (nothing is trusted by default). */
  trust?: TrustStore;
  /** Validation time; default now. */
  time?: Date;
  crls?: Crl[];
  revocation?: RevocationMode;
  policy?: { weak?: WeakAlgorithmPolicy };
  /** Certificates for bare Type="Sign" signatures that carry none (the signer first), and extra intermediates. */
  certificates?: Certificate[];
  /** SM2 user ID for Type="Sign"; default '1234567812345678'. */
  sm2Id?: Uint8Array | string;
  limits?: Partial<OfdLimits>;
}

export interface SignatureContext {
  opts: OfdVerifyOptions;
  time: Date;
  pkg: OfdPackage;
  cache: DigestCache;
}
