import type { PrivateKey } from '../types.js';
import { encodePem } from '../../asn1/index.js';
import { encryptPkcs8 } from './pbes2.js';

export interface ExportPrivateKeyOptions {
  format: 'pem' | 'der';
  /** Encrypt as PKCS#8 PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), readable by `openssl pkey -passin`. */
  password?: string;
}

/** PKCS#8 (encrypted when a password is given): PEM text or DER bytes. */
export function exportPrivateKey(key: PrivateKey, opts: ExportPrivateKeyOptions & { format: 'pem' }): string;
export function exportPrivateKey(key: PrivateKey, opts: ExportPrivateKeyOptions & { format: 'der' }): Uint8Array;
export function exportPrivateKey(key: PrivateKey, opts: ExportPrivateKeyOptions): Uint8Array | string;
export function exportPrivateKey(key: PrivateKey, opts: ExportPrivateKeyOptions): Uint8Array | string {
  const der = opts.password !== undefined ? encryptPkcs8(key.pkcs8, opts.password) : Uint8Array.from(key.pkcs8);
  if (opts.format === 'der') return der;
  return encodePem(opts.password !== undefined ? 'ENCRYPTED PRIVATE KEY' : 'PRIVATE KEY', der);
}
