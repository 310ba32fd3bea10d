// Locate the certificate a SignerInfo names. issuerAndSerialNumber must match on issuer DER AND serial: real files
// carry an intermediate CA and a signer with the same serial (pyHanko test data, serial 0x1001).
import type { Certificate } from '../pki/index.js';
import { bytesEqual, minimalInteger } from './ber.js';
import { certIssuerDer, certSerialContents, certSubjectKeyId } from './cert-access.js';
import type { SignerIdentifier } from './types.js';

export function matchesSid(cert: Certificate, sid: SignerIdentifier): boolean {
  if (sid.type === 'subjectKeyIdentifier') {
    const ski = certSubjectKeyId(cert);
    return !!ski && bytesEqual(ski, sid.keyIdentifier);
  }
  return (
    bytesEqual(minimalInteger(certSerialContents(cert)), minimalInteger(sid.serialNumber)) &&
    bytesEqual(certIssuerDer(cert), sid.issuer)
  );
}

/** The first certificate the sid names, searching `candidates` in order. */
export function findSignerCertificate(sid: SignerIdentifier, candidates: readonly Certificate[]): Certificate | undefined {
  return candidates.find((c) => matchesSid(c, sid));
}
