// The few things CMS needs from a pki Certificate, in one place.
import type { PublicKey } from '../crypto/types.js';
import type { Certificate } from '../pki/index.js';
import type { CertificateSummary } from '../report/types.js';

export const certDer = (c: Certificate): Uint8Array => c.der;
export const certIssuerDer = (c: Certificate): Uint8Array => c.issuerDer;
/** INTEGER contents of the serial (Certificate.serialNumber is the minimal two's complement, in hex). */
export const certSerialContents = (c: Certificate): Uint8Array => new Uint8Array(Buffer.from(c.serialNumber, 'hex'));
export const certSubjectKeyId = (c: Certificate): Uint8Array | undefined => {
  const ski = c.extensions.subjectKeyIdentifier;
  return ski === undefined ? undefined : new Uint8Array(Buffer.from(ski, 'hex'));
};
export const certPublicKey = (c: Certificate): PublicKey => c.publicKey;
export const certSummary = (c: Certificate): CertificateSummary => c.summary();
