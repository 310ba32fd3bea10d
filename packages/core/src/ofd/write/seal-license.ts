// Seal a licence OFD with the issuer's SES seal: signOfd with the stamp annotation exactly on the layout's seal
// rectangle (page.sealRect, mm from the page's top-left, the same place the PDF shows the seal). ContinueSign mode
// by default (Signatures.xml unprotected, as GB/T 33190 §18.1 allows for later signatures); every other member of
// the package, the seal file included, is referenced.
import type { DigestName, PrivateKey } from '../../crypto/types.js';
import type { Certificate } from '../../pki/certificate.js';
import type { TimestampSource } from '../../tsp/source.js';
import { signOfd, signOfdAsync, type OfdTimestampSource, type SignOfdOptions } from '../sign.js';

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
  /** RFC 3161 timestamp over the signature value, from a synchronous source (an in-process TSA). */
  timestamp?: OfdTimestampSource;
  /** WholeProtected: no further signature may be added. */
  protectAll?: boolean;
  provider?: SignOfdOptions['provider'];
}

export interface SealLicenseOfdAsyncOptions extends Omit<SealLicenseOfdOptions, 'timestamp'> {
  /** RFC 3161 authority (e.g. httpTimestampSource) asked for a token over the signature value. */
  timestamp?: TimestampSource;
  /** Digest of the timestamp's message imprint; default sm3. */
  timestampDigest?: DigestName;
}

/** signOfd's options for the licence's seal rectangle (everything but the timestamp). */
function signOptions(ofd: Uint8Array, opts: Omit<SealLicenseOfdOptions, 'timestamp'>): Omit<SignOfdOptions, 'timestamp'> {
  return {
    ofd,
    seal: opts.seal,
    key: opts.key,
    certificate: opts.certificate,
    page: opts.page ?? 1,
    at: { x: opts.rect.xMm, y: opts.rect.yMm },
    size: { w: opts.rect.wMm, h: opts.rect.hMm },
    ...(opts.signingTime !== undefined ? { signingTime: opts.signingTime } : {}),
    ...(opts.protectAll !== undefined ? { protectAll: opts.protectAll } : {}),
    ...(opts.provider !== undefined ? { provider: opts.provider } : {}),
  };
}

/** The licence OFD with the issuer's seal signature added. Throws what signOfd throws. */
export function sealLicenseOfd(ofd: Uint8Array, opts: SealLicenseOfdOptions): Uint8Array {
  return signOfd({ ...signOptions(ofd, opts), ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}) });
}

/** sealLicenseOfd with an asynchronous timestamp source (a TSA over HTTP). Rejects with what signOfdAsync throws. */
export function sealLicenseOfdAsync(ofd: Uint8Array, opts: SealLicenseOfdAsyncOptions): Promise<Uint8Array> {
  return signOfdAsync({
    ...signOptions(ofd, opts),
    ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
    ...(opts.timestampDigest !== undefined ? { timestampDigest: opts.timestampDigest } : {}),
  });
}
