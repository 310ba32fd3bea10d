export { importPrivateKey } from './import-private.js';
export { importPublicKey, spkiFromCertificate } from './import-public.js';
export { publicKeyFromSpki, parseSpki } from './spki.js';
export { exportPrivateKey, type ExportPrivateKeyOptions } from './export-private.js';
export { exportPublicKey } from './export-public.js';
export { generateKeyPair, KEY_ALGORITHMS, type KeyAlgorithm } from './generate.js';
export { publicKeyAlgorithmName } from './name.js';
export { sm2PublicKeyFromPoint, sm2PrivateKeyFromScalar, sm2Spki, sm2Pkcs8, sm2Sec1 } from './sm2-key.js';
export { encryptPkcs8, decryptPkcs8 } from './pbes2.js';
