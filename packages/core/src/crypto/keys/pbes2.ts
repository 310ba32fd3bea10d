// Password-based encryption of PKCS#8 (RFC 8018 PBES2 with PBKDF2; AES-CBC, 3DES-CBC, SM4-CBC).
// Legacy PKCS#12 PBE schemes (3DES/RC2 with SHA-1) are left to node-forge.
import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type forge from 'node-forge';
import { FormatError, KeyError, LimitError, UnsupportedError } from '../../errors.js';
import * as O from '../oids.js';
import { IterationBudget, pbeIterations } from './pbe-iterations.js';
import {
  TAG_INTEGER,
  TAG_OCTET_STRING,
  algorithmIdentifier,
  content,
  derNull,
  expectTag,
  integer,
  octets,
  readOid,
  readRoot,
  readSequence,
  readSmallUint,
  seq,
} from '../../asn1/index.js';

const CIPHERS: Record<string, { name: string; keyLen: number }> = {
  [O.OID_AES128_CBC]: { name: 'aes-128-cbc', keyLen: 16 },
  [O.OID_AES192_CBC]: { name: 'aes-192-cbc', keyLen: 24 },
  [O.OID_AES256_CBC]: { name: 'aes-256-cbc', keyLen: 32 },
  [O.OID_DES_EDE3_CBC]: { name: 'des-ede3-cbc', keyLen: 24 },
  [O.OID_SM4_CBC]: { name: 'sm4-cbc', keyLen: 16 },
};
const PRFS: Record<string, string> = {
  [O.OID_HMAC_SHA1]: 'sha1',
  [O.OID_HMAC_SHA224]: 'sha224',
  [O.OID_HMAC_SHA256]: 'sha256',
  [O.OID_HMAC_SHA384]: 'sha384',
  [O.OID_HMAC_SHA512]: 'sha512',
  [O.OID_HMAC_SM3]: 'sm3',
};
/** Guards against a hostile file making PBKDF2 run for minutes. */
const MAX_ITERATIONS = 10_000_000;
export const DEFAULT_ITERATIONS = 100_000;

/** Encrypt an unencrypted PKCS#8 DER with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), as OpenSSL 3 does. */
export function encryptPkcs8(pkcs8: Uint8Array, password: string, iterations = DEFAULT_ITERATIONS): Uint8Array {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const c = createCipheriv('aes-256-cbc', key, iv);
  const ct = Buffer.concat([c.update(pkcs8), c.final()]);
  const params = seq(
    algorithmIdentifier(O.OID_PBKDF2, seq(octets(salt), integer(iterations), algorithmIdentifier(O.OID_HMAC_SHA256, derNull()))),
    algorithmIdentifier(O.OID_AES256_CBC, octets(iv)),
  );
  return seq(algorithmIdentifier(O.OID_PBES2, params), octets(ct));
}

/** Decrypt an EncryptedPrivateKeyInfo to PKCS#8 DER. Wrong password → KeyError. */
export function decryptPkcs8(der: Uint8Array, password: string): Uint8Array {
  const [algT, dataT] = readSequence(readRoot(der, 'EncryptedPrivateKeyInfo'), 'EncryptedPrivateKeyInfo');
  const algKids = readSequence(algT, 'encryptionAlgorithm');
  const scheme = readOid(algKids[0], 'encryption OID');
  const data = content(expectTag(dataT, TAG_OCTET_STRING, 'encryptedData'));
  if (scheme !== O.OID_PBES2) {
    // node-forge derives in JS: refuse a hostile count before it starts.
    new IterationBudget().spend(pbeIterations(scheme, algKids[1]) ?? 0, 'private key encryption');
    return decryptWithForge(der, password);
  }

  const p = readSequence(algKids[1], 'PBES2 parameters');
  const kdf = readSequence(p[0], 'PBES2 keyDerivationFunc');
  const enc = readSequence(p[1], 'PBES2 encryptionScheme');
  const kdfOid = readOid(kdf[0], 'KDF OID');
  if (kdfOid !== O.OID_PBKDF2) throw new UnsupportedError(`unsupported key derivation ${kdfOid}`);
  const kp = readSequence(kdf[1], 'PBKDF2 parameters');
  const salt = content(expectTag(kp[0], TAG_OCTET_STRING, 'PBKDF2 salt'));
  const iterations = readSmallUint(kp[1], 'PBKDF2 iterationCount');
  if (iterations < 1 || iterations > MAX_ITERATIONS) throw new LimitError(`PBKDF2 iteration count ${iterations} out of range`);
  let i = 2;
  let keyLen: number | undefined;
  if (kp[i]?.tag === TAG_INTEGER) keyLen = readSmallUint(kp[i++], 'PBKDF2 keyLength');
  let prf = 'sha1';
  if (kp[i]) {
    const prfOid = readOid(readSequence(kp[i], 'PBKDF2 prf')[0], 'PBKDF2 prf');
    const name = PRFS[prfOid];
    if (!name) throw new UnsupportedError(`unsupported PBKDF2 PRF ${prfOid}`);
    prf = name;
  }
  const encOid = readOid(enc[0], 'cipher OID');
  const cipher = CIPHERS[encOid];
  if (!cipher) throw new UnsupportedError(`unsupported key encryption cipher ${encOid}`);
  if (keyLen !== undefined && keyLen !== cipher.keyLen) throw new FormatError('PBKDF2 keyLength does not fit the cipher');
  const iv = content(expectTag(enc[1], TAG_OCTET_STRING, 'cipher IV'));
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLen, prf);
  try {
    const d = createDecipheriv(cipher.name, key, iv);
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  } catch (e) {
    throw new KeyError('cannot decrypt the private key: wrong password?', { cause: e });
  }
}

function decryptWithForge(der: Uint8Array, password: string): Uint8Array {
  // node-forge (CommonJS) is loaded for legacy schemes only, not with every import of @heyan/core.
  const forge = createRequire(import.meta.url)('node-forge') as typeof import('node-forge');
  let asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')));
  } catch (e) {
    throw new FormatError('EncryptedPrivateKeyInfo is not valid DER', { cause: e });
  }
  let out: forge.asn1.Asn1 | null;
  try {
    out = forge.pki.decryptPrivateKeyInfo(asn1, password);
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/unsupported|cannot read/i.test(msg)) throw new UnsupportedError(`unsupported private key encryption: ${msg}`, { cause: e });
    throw new KeyError('cannot decrypt the private key: wrong password?', { cause: e });
  }
  if (!out) throw new KeyError('cannot decrypt the private key: wrong password?');
  return new Uint8Array(Buffer.from(forge.asn1.toDer(out).getBytes(), 'binary'));
}

/** OpenSSL's traditional PEM encryption ("Proc-Type: 4,ENCRYPTED" + "DEK-Info"), EVP_BytesToKey with MD5. */
export function decryptLegacyPem(der: Uint8Array, dekInfo: string, password: string): Uint8Array {
  const [algRaw, ivHex] = dekInfo.split(',');
  const alg = (algRaw ?? '').trim().toLowerCase();
  const keyLens: Record<string, number> = { 'aes-128-cbc': 16, 'aes-192-cbc': 24, 'aes-256-cbc': 32, 'des-ede3-cbc': 24, 'sm4-cbc': 16 };
  const keyLen = keyLens[alg];
  if (!keyLen || !ivHex || !/^[0-9a-fA-F]+$/.test(ivHex.trim())) throw new UnsupportedError(`unsupported PEM encryption ${dekInfo}`);
  const iv = Buffer.from(ivHex.trim(), 'hex');
  const salt = iv.subarray(0, 8);
  const pw = Buffer.from(password, 'utf8');
  let key = Buffer.alloc(0);
  let prev = Buffer.alloc(0);
  while (key.length < keyLen) {
    prev = createHash('md5').update(Buffer.concat([prev, pw, salt])).digest();
    key = Buffer.concat([key, prev]);
  }
  try {
    const d = createDecipheriv(alg, key.subarray(0, keyLen), iv);
    return new Uint8Array(Buffer.concat([d.update(der), d.final()]));
  } catch (e) {
    throw new KeyError('cannot decrypt the private key: wrong password?', { cause: e });
  }
}
