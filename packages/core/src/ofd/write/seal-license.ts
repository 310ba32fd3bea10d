// Seal a licence OFD with the issuer's SES seal: signOfd with the stamp annotation exactly on the layout's seal
// rectangle (page.sealRect, mm from the page's top-left, the same place the PDF shows the seal). ContinueSign mode
// by default (Signatures.xml unprotected, as GB/T 33190 §18.1 allows for later signatures); every other member of
// the package, the seal file included, is referenced.
import type { PrivateKey } from '../../crypto/types.js';
import type { Certificate } from '../../pki/certificate.js';
import { signOfd, type OfdTimestampSource, type SignOfdOptions } from '../sign.js';

export interface SealLicenseOfdOptions {
  /** DER SES_Seal (v4/v5) listing `certificate`. */
  seal: Uint8Array;
  key: PrivateKey;
  certificate: Certificate;
  /** The stamp's box, mm from the page's top-left (LicensePage.sealRect). */
  rect: { xMm: number; yMm: number; wMm: number; hMm: number };
  /** 1-based page; default 1. */
  page?: number;
  /** Default now. */
  signingTime?: Date;
  /** RFC 3161 timestamp over the signature value. */
  timestamp?: OfdTimestampSource;
  /** WholeProtected: no further signature may be added. */
  protectAll?: boolean;
  provider?: SignOfdOptions['provider'];
}

/** The licence OFD with the issuer's seal signature added. Throws what signOfd throws. */
export function sealLicenseOfd(ofd: Uint8Array, opts: SealLicenseOfdOptions): Uint8Array {
  return signOfd({
    ofd,
    seal: opts.seal,
    key: opts.key,
    certificate: opts.certificate,
    page: opts.page ?? 1,
    at: { x: opts.rect.xMm, y: opts.rect.yMm },
    size: { w: opts.rect.wMm, h: opts.rect.hMm },
    ...(opts.signingTime !== undefined ? { signingTime: opts.signingTime } : {}),
    ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
    ...(opts.protectAll !== undefined ? { protectAll: opts.protectAll } : {}),
    ...(opts.provider !== undefined ? { provider: opts.provider } : {}),
  });
}
