// Locate the certificate a SignerInfo names. issuerAndSerialNumber must match on issuer DER AND serial: real files
// carry an intermediate CA and a signer with the same serial (pyHanko test data, serial 0x1001).
import type { Certificate } from '../pki/index.js';
import { canonicalInteger, equalBytes } from '../asn1/index.js';
import { certIssuerDer, certSerialContents, certSubjectKeyId } from './cert-access.js';
import type { SignerIdentifier } from './types.js';

export function matchesSid(cert: Certificate, sid: SignerIdentifier): boolean {
  if (sid.type === 'subjectKeyIdentifier') {
    const ski = certSubjectKeyId(cert);
    return !!ski && equalBytes(ski, sid.keyIdentifier);
  }
  return (
    equalBytes(canonicalInteger(certSerialContents(cert)), canonicalInteger(sid.serialNumber)) &&
    equalBytes(certIssuerDer(cert), sid.issuer)
  );
}

/** The first certificate the sid names, searching `candidates` in order. */
export function findSignerCertificate(sid: SignerIdentifier, candidates: readonly Certificate[]): Certificate | undefined {
  return candidates.find((c) => matchesSid(c, sid));
}
