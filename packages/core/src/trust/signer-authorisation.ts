// Who may sign a trust bundle. Chaining to a pinned root is not enough: every certificate under that root (document
// signers, seal makers, ...) would then be able to publish trust. The signer must either be one of the pinned signer
// certificates the caller gives, or carry the dedicated extended key usage below.
import type { Certificate } from '../pki/index.js';

/**
 * id-kp-heyanTrustBundleSigning: extended key usage of a certificate that may sign heyan trust bundles. Under the
 * IANA documentation enterprise arc 1.3.6.1.4.1.32473 (RFC 5612): a deployment with its own arc may issue the same
 * purpose under it and pass its certificates as pinned signers instead.
 */
export const EKU_HEYAN_TRUST_BUNDLE_SIGNING = '1.3.6.1.4.1.32473.5.1';

export interface SignerAuthorisation {
  ok: boolean;
  /** 'pinned-signer' | 'eku' when ok. */
  by?: 'pinned-signer' | 'eku';
  reason: { zh: string; en: string };
}

/** With pinned signers, the signer must be one of them; without, it must carry id-kp-heyanTrustBundleSigning. */
export function authoriseBundleSigner(signer: Certificate, pinnedSigners?: readonly Certificate[]): SignerAuthorisation {
  if (pinnedSigners && pinnedSigners.length > 0) {
    if (pinnedSigners.some((c) => c.fingerprintSha256 === signer.fingerprintSha256)) return { ok: true, by: 'pinned-signer', reason: { zh: '签名者为预置的信任包签发证书', en: 'the signer is a pinned bundle signer certificate' } };
    return { ok: false, reason: { zh: '签名者不是预置的信任包签发证书', en: 'the signer is not one of the pinned bundle signer certificates' } };
  }
  if (signer.extensions.extKeyUsage?.includes(EKU_HEYAN_TRUST_BUNDLE_SIGNING)) return { ok: true, by: 'eku', reason: { zh: '签名证书含信任包签发用途', en: 'the signer certificate has the trust bundle signing purpose' } };
  return {
    ok: false,
    reason: {
      zh: `签名证书没有信任包签发用途（扩展密钥用法 ${EKU_HEYAN_TRUST_BUNDLE_SIGNING}），也未预置为信任包签发证书`,
      en: `the signer certificate has no trust bundle signing purpose (extended key usage ${EKU_HEYAN_TRUST_BUNDLE_SIGNING}) and is not a pinned bundle signer`,
    },
  };
}
