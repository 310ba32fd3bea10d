// The QR text carried inside a credential (payload member `qr`), read without verifying: printing a QR code from one's
// own credential needs no key and no trust. Whoever scans it verifies it.
import { FormatError } from '../../errors.js';
import { isPlainObject, parseJsonBytes } from '../json.js';
import { base64urlDecode } from '../jws/base64url.js';
import { MAX_CREDENTIAL_BYTES } from '../limits.js';
import { QR_PREFIX } from './payload.js';

/** The QR text of a credential (compact JWS), or the text itself when it already is a QR text. Throws FormatError. */
export function qrTextOf(credentialOrQr: string): string {
  const t = typeof credentialOrQr === 'string' ? credentialOrQr.trim() : '';
  if (t.startsWith(QR_PREFIX)) return t;
  if (t.length > MAX_CREDENTIAL_BYTES) throw new FormatError(`credential of ${t.length} characters exceeds ${MAX_CREDENTIAL_BYTES}`);
  const parts = t.split('.');
  if (parts.length !== 3) throw new FormatError('not a licence credential (compact JWS) nor a licence QR text');
  const payload = parseJsonBytes(base64urlDecode(parts[1]!, 'JWS payload'), 'JWS payload');
  const qr = isPlainObject(payload) ? payload.qr : undefined;
  if (typeof qr !== 'string' || !qr.startsWith(QR_PREFIX)) throw new FormatError('the credential carries no licence QR text (payload member "qr")');
  return qr;
}
