export { VERIFY_CHECKS } from './checks.js';
export { sniff, type ItemKind, type Sniffed, type SniffedItem, type SniffOptions } from './sniff.js';
export { isDetachedSignedData } from './detached.js';
export { verifyCertificateInput } from './certificate.js';
export { verifyRawSignature, rawSignatureAlgorithm, type RawSignatureInput, type RawSignatureResult } from './raw-signature.js';
export type { SignerPathOptions } from './signer-path.js';
export {
  inspect,
  describeCertificate,
  describeCrl,
  type Inspection,
  type ObjectDescription,
  type CertificateDescription,
  type CrlDescription,
  type SignedDataDescription,
  type SignerDescription,
  type KeyDescription,
  type Pkcs12Description,
  type UnknownDescription,
} from './inspect.js';
