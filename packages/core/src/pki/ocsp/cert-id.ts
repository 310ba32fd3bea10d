// CertID (RFC 6960 4.1.1): which certificate a SingleResponse is about — hashes of the issuer's name and key, and
// the serial number. Matching recomputes the hashes with the response's own algorithm (SHA-1, SHA-2, SM3).
import { digest, digestNameFromOid } from '../../crypto/index.js';
import type { DigestName } from '../../crypto/types.js';
import { equalBytes, readBitString, readRoot, readSequence } from '../../asn1/index.js';
import type { Certificate } from '../certificate.js';
import { PKI_READER } from '../reader-options.js';
import type { OcspCertId } from './types.js';

/** The subjectPublicKey BIT STRING value of a SubjectPublicKeyInfo (what issuerKeyHash and byKey hash). */
export function publicKeyBits(spki: Uint8Array): Uint8Array {
  const [, bits] = readSequence(readRoot(spki, 'SubjectPublicKeyInfo', PKI_READER), 'SubjectPublicKeyInfo', 2);
  return readBitString(bits, 'subjectPublicKey');
}

/** issuerNameHash and issuerKeyHash of `issuer` under `name`. */
export function issuerHashes(issuer: Certificate, name: DigestName): { nameHash: Uint8Array; keyHash: Uint8Array } {
  return { nameHash: digest(name, issuer.subjectDer), keyHash: digest(name, publicKeyBits(issuer.spki)) };
}

/**
 * Does `id` name `cert` issued by `issuer`? False for an unknown hash algorithm. Never throws on a certificate
 * whose key cannot be read (false).
 */
export function certIdMatches(id: OcspCertId, cert: Certificate, issuer: Certificate): boolean {
  if (id.serialNumber !== cert.serialNumber) return false;
  if (cert.issuerNameKey !== issuer.subjectNameKey) return false;
  const name = digestNameFromOid(id.hashAlgorithm.oid);
  if (!name) return false;
  try {
    const h = issuerHashes(issuer, name);
    // The name hash is over the DER of the issuer's name; a certificate that spells the same name with other
    // bytes (another string type) is also accepted, as OpenSSL hashes the name as it appears in the issuer.
    const nameOk = equalBytes(h.nameHash, id.issuerNameHash) || equalBytes(digest(name, cert.issuerDer), id.issuerNameHash);
    return nameOk && equalBytes(h.keyHash, id.issuerKeyHash);
  } catch {
    return false;
  }
}
