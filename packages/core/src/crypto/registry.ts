// Signature verification dispatch by algorithm OID: the single entry point for certificates,
// CRLs, CMS, seals and raw signatures. Synchronous and total: it never throws.
import { constants, createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import type {
  AlgorithmIdentifier,
  DigestName,
  PublicKey,
  SignatureVerifyInput,
  SignatureVerifyResult,
  WeakAlgorithmPolicy,
} from './types.js';
import { SIGNATURE_ALGORITHMS, OID_NAMES, type Scheme, type SignatureAlgorithm } from './algorithms.js';
import { digestNameFromOid, nodeDigestName } from './digest.js';
import { decodePssParams } from './pss.js';
import { isWeak } from './weak.js';
import { parseRsDer } from './sm2/der.js';
import { sm2Verify } from './sm2/verify.js';

function paramsAbsentOrNull(p: Uint8Array | undefined): boolean {
  return p === undefined || p.length === 0 || (p.length === 2 && p[0] === 0x05 && p[1] === 0x00);
}

function keyObjectOf(pub: PublicKey): KeyObject {
  return pub.keyObject ?? createPublicKey({ key: Buffer.from(pub.spki), format: 'der', type: 'spki' });
}

function digestFrom(alg: SignatureAlgorithm, input: Pick<SignatureVerifyInput, 'digestAlgorithm'>): DigestName | string {
  if (alg.digest) return alg.digest;
  const d = input.digestAlgorithm;
  if (!d) return 'no digest algorithm given for a bare key algorithm';
  if (!paramsAbsentOrNull(d.params)) return 'digest algorithm parameters must be absent or NULL';
  return digestNameFromOid(d.oid) ?? `unsupported digest algorithm ${d.oid}`;
}

function compose(scheme: Scheme, digest: DigestName, alg: SignatureAlgorithm): string {
  if (alg.digest || scheme === 'rsa-pss' || scheme === 'ed25519') return alg.name;
  if (scheme === 'sm2') return 'sm2-with-sm3';
  if (scheme === 'ecdsa') return `ecdsa-with-${digest}`;
  return `${digest}-with-rsa`;
}

const ECDSA_SIZE: Record<string, number> = { 'P-256': 32, 'P-384': 48 };

/** Verify a signature under the algorithm named by its OID. Never throws. */
export function verifySignature(
  input: SignatureVerifyInput,
  policy: { weak?: WeakAlgorithmPolicy | undefined } | WeakAlgorithmPolicy = {},
): SignatureVerifyResult {
  try {
    // A bare policy string is accepted too (callers pass their WeakAlgorithmPolicy directly).
    return verifyUnsafe(input, typeof policy === 'string' ? { weak: policy } : (policy ?? {}));
  } catch (e) {
    return { ok: false, error: `verification failed: ${(e as Error)?.message ?? String(e)}` };
  }
}

function verifyUnsafe(input: SignatureVerifyInput, policy: { weak?: WeakAlgorithmPolicy | undefined }): SignatureVerifyResult {
  const { algorithm, publicKey, data, signature } = input;
  const alg = SIGNATURE_ALGORITHMS.get(algorithm.oid);
  if (!alg) return { ok: false, error: `unsupported signature algorithm ${algorithm.oid}` };
  const scheme = alg.schemes[publicKey.type];
  if (!scheme)
    return { ok: false, algorithm: alg.name, error: `key type ${publicKey.type} does not match algorithm ${alg.name}` };

  let digest: DigestName;
  let pss: ReturnType<typeof decodePssParams> | undefined;
  if (alg.params === 'pss') {
    try {
      pss = decodePssParams(algorithm.params);
    } catch (e) {
      return { ok: false, algorithm: alg.name, error: `bad RSASSA-PSS parameters: ${(e as Error).message}` };
    }
    digest = pss.hash;
    if (pss.mgf1Hash !== pss.hash)
      return { ok: false, algorithm: alg.name, digest, error: 'RSASSA-PSS with an MGF1 hash other than the message hash is not supported' };
    if (pss.trailerField !== 1) return { ok: false, algorithm: alg.name, digest, error: 'RSASSA-PSS trailerField must be 1' };
  } else {
    if (!paramsAbsentOrNull(algorithm.params))
      return { ok: false, algorithm: alg.name, error: `${alg.name}: parameters must be absent or NULL` };
    if (scheme === 'ed25519') digest = 'sha512';
    else {
      const d = digestFrom(alg, input);
      if (!nodeDigestName(d as DigestName)) return { ok: false, algorithm: alg.name, error: d };
      digest = d as DigestName;
    }
  }
  const name = compose(scheme, digest, alg);
  if (scheme === 'sm2' && digest !== 'sm3') return { ok: false, algorithm: name, digest, error: 'SM2 signatures use SM3' };

  const weak = isWeak({ digest: scheme === 'ed25519' ? undefined : digest, publicKey });
  const base: SignatureVerifyResult = { ok: false, algorithm: name, digest };
  if (weak) base.weak = weak;
  if (weak && policy.weak === 'fail') return { ...base, error: `weak algorithm (${weak}) refused by policy` };

  switch (scheme) {
    case 'sm2': {
      if (!publicKey.point) return { ...base, error: 'SM2 public key without a point' };
      const der = parseRsDer(signature) !== undefined;
      if (!der && !(input.allowRawSignature && signature.length === 64))
        return { ...base, error: 'signature is not a strict DER SEQUENCE { r, s }' };
      const ok = sm2Verify(publicKey.point, data, signature, {
        id: input.sm2Id,
        format: der ? 'der' : 'raw',
      });
      return der ? { ...base, ok } : { ...base, ok, rawSignature: true };
    }
    case 'ecdsa': {
      const size = ECDSA_SIZE[publicKey.curve ?? ''] ?? 32;
      const der = parseRsDer(signature, size) !== undefined;
      const raw = !der && input.allowRawSignature === true && signature.length === 2 * size;
      if (!der && !raw) return { ...base, error: 'signature is not a strict DER SEQUENCE { r, s }' };
      const ok = nodeVerify(
        nodeDigestName(digest),
        data,
        { key: keyObjectOf(publicKey), dsaEncoding: raw ? 'ieee-p1363' : 'der' },
        signature,
      );
      return raw ? { ...base, ok, rawSignature: true } : { ...base, ok };
    }
    case 'rsa-pkcs1': {
      const ok = nodeVerify(
        nodeDigestName(digest),
        data,
        { key: keyObjectOf(publicKey), padding: constants.RSA_PKCS1_PADDING },
        signature,
      );
      return { ...base, ok };
    }
    case 'rsa-pss': {
      const ok = nodeVerify(
        nodeDigestName(digest),
        data,
        { key: keyObjectOf(publicKey), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss!.saltLength },
        signature,
      );
      return { ...base, ok };
    }
    case 'ed25519': {
      if (signature.length !== 64) return { ...base, error: 'Ed25519 signature must be 64 bytes' };
      return { ...base, ok: nodeVerify(null, data, keyObjectOf(publicKey), signature) };
    }
  }
}

/**
 * Registry name of a signature AlgorithmIdentifier ('sm2-with-sm3', 'sha256-with-rsa', 'rsassa-pss',
 * 'ecdsa-with-sha384', 'ed25519'), or undefined when unknown. For bare key algorithms
 * (rsaEncryption, id-ecPublicKey) pass the CMS digestAlgorithm to get the full name.
 */
export function signatureAlgorithmName(alg: AlgorithmIdentifier, digestAlgorithm?: AlgorithmIdentifier): string | undefined {
  const a = SIGNATURE_ALGORITHMS.get(alg.oid);
  if (!a) return undefined;
  if (a.digest || a.params === 'pss' || a.name === 'ed25519' || a.name === 'sm2-with-sm3') return a.name;
  const d = digestAlgorithm ? digestNameFromOid(digestAlgorithm.oid) : undefined;
  if (!d) return a.name;
  if (a.schemes.rsa) return `${d}-with-rsa`;
  return d === 'sm3' ? 'sm2-with-sm3' : `ecdsa-with-${d}`;
}

/** 'name (oid)' for any OID the crypto layer knows, else the OID itself — for inspect output. */
export function describeAlgorithm(oid: string): string {
  const n = OID_NAMES.get(oid);
  return n ? `${n} (${oid})` : oid;
}
