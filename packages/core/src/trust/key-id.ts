// Key ids that name a signing certificate: the first 8 or 16 bytes (or all 32) of its SHA-256 or SM3 digest
// (DCC and ICAO practice, reference B3), or its subjectKeyIdentifier. Given as bytes, hex or base64url.
import { sm3 } from '../crypto/index.js';
import { fromHex } from '../asn1/index.js';
import type { Certificate } from '../pki/index.js';

/** The byte strings a key id may be: hex and base64url readings of a string (both, when both parse). */
export function keyIdCandidates(kid: string | Uint8Array): Uint8Array[] {
  if (kid instanceof Uint8Array) return kid.length > 0 && kid.length <= 64 ? [kid] : [];
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 128) return [];
  const out: Uint8Array[] = [];
  if (/^[0-9a-fA-F]+$/.test(kid) && kid.length % 2 === 0) out.push(fromHex(kid.toLowerCase()));
  if (/^[A-Za-z0-9_-]+$/.test(kid) && kid.length % 4 !== 1) {
    const b = new Uint8Array(Buffer.from(kid, 'base64url'));
    if (Buffer.from(b).toString('base64url') === kid) out.push(b);
  }
  return out;
}

const sm3Cache = new WeakMap<Certificate, Uint8Array>();

function prefixOf(full: Uint8Array, kid: Uint8Array): boolean {
  if (![8, 16, full.length].includes(kid.length) || kid.length > full.length) return false;
  for (let i = 0; i < kid.length; i++) if (full[i] !== kid[i]) return false;
  return true;
}

/** Does `kid` name this certificate? */
export function keyIdMatches(cert: Certificate, kid: string | Uint8Array): boolean {
  const candidates = keyIdCandidates(kid);
  if (candidates.length === 0) return false;
  const sha = fromHex(cert.fingerprintSha256);
  let sm = sm3Cache.get(cert);
  if (!sm) {
    sm = sm3(cert.der);
    sm3Cache.set(cert, sm);
  }
  const ski = cert.extensions.subjectKeyIdentifier ? fromHex(cert.extensions.subjectKeyIdentifier) : undefined;
  return candidates.some((k) => prefixOf(sha, k) || prefixOf(sm!, k) || (ski !== undefined && ski.length === k.length && prefixOf(ski, k)));
}
