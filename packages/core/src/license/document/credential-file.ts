// The attached credential file's bytes as compact-JWS text: UTF-8 (a BOM and surrounding white space tolerated),
// within the credential size limit, three base64url segments. What verifyCredential then checks in full.
import { MAX_CREDENTIAL_BYTES } from '../../credential/limits.js';

export interface CredentialFile {
  /** A file of the credential's name is attached (whatever it holds). */
  attached: boolean;
  /** Its text, when it is one compact JWS. */
  jws?: string;
  /** Why the attached file(s) gave no credential text. */
  problems: string[];
}

const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function credentialText(b: Uint8Array): { jws: string } | { problem: string } {
  if (b.length > MAX_CREDENTIAL_BYTES) return { problem: `${b.length} bytes, more than a credential may be (${MAX_CREDENTIAL_BYTES})` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b).replace(/^\uFEFF/, '').trim();
  } catch {
    return { problem: 'not UTF-8 text' };
  }
  if (!JWS_SHAPE.test(text)) return { problem: 'not a compact JWS (header.payload.signature in base64url)' };
  return { jws: text };
}
