// Verified-signature cache for certificates and CRLs. Chains repeat (the same intermediate and root in every
// document of an archive) and an SM2 verification costs about 1–5 ms, so a hit saves real time. The key binds
// everything the result depends on: the signed bytes, the algorithm, the signature value and the issuer key.
import { createHash } from 'node:crypto';
import { verifySignature } from '../crypto/index.js';
import type { AlgorithmIdentifier, PublicKey, SignatureVerifyResult } from '../crypto/types.js';

export interface SignedObject {
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  signatureValue: Uint8Array;
}

const settings = { maxEntries: 4096 };
const cache = new Map<string, SignatureVerifyResult>();
let hits = 0;
let misses = 0;

function update(h: ReturnType<typeof createHash>, b: Uint8Array | string): void {
  const bytes = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  h.update(len).update(bytes);
}

function keyOf(o: SignedObject, issuerKey: PublicKey): string {
  const h = createHash('sha256');
  update(h, o.tbs);
  update(h, o.signatureAlgorithm.oid);
  update(h, o.signatureAlgorithm.params ?? new Uint8Array(0));
  update(h, o.signatureValue);
  update(h, issuerKey.spki);
  return h.digest('base64');
}

/**
 * Verify the signature of a certificate or CRL with the issuer's key through the crypto registry
 * (SM2 with the default user ID). Never throws. Weak algorithms are reported in `weak`, not refused:
 * the caller applies its policy so that the report can say which rule failed.
 */
export function verifySignedObject(o: SignedObject, issuerKey: PublicKey, useCache = true): SignatureVerifyResult {
  if (!useCache || settings.maxEntries === 0) {
    return verifySignature({ algorithm: o.signatureAlgorithm, publicKey: issuerKey, data: o.tbs, signature: o.signatureValue });
  }
  const key = keyOf(o, issuerKey);
  const hit = cache.get(key);
  if (hit) {
    hits++;
    // Refresh LRU position.
    cache.delete(key);
    cache.set(key, hit);
    return { ...hit };
  }
  misses++;
  const r = verifySignature({ algorithm: o.signatureAlgorithm, publicKey: issuerKey, data: o.tbs, signature: o.signatureValue });
  cache.set(key, r);
  while (cache.size > settings.maxEntries) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return { ...r };
}

export function configureSignatureCache(opts: { maxEntries?: number }): void {
  if (opts.maxEntries !== undefined) settings.maxEntries = Math.max(0, Math.floor(opts.maxEntries));
  while (cache.size > settings.maxEntries) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

export function clearSignatureCache(): void {
  cache.clear();
  hits = 0;
  misses = 0;
}

export function signatureCacheStats(): { entries: number; hits: number; misses: number } {
  return { entries: cache.size, hits, misses };
}
