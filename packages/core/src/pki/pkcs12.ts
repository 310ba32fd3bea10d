// PKCS#12 (RFC 7292) key stores. Import goes through node-forge, which opens the legacy 3DES/RC2
// files CAs still hand out and gives non-RSA (SM2, EC) keys and certificates back as ASN.1; those are
// re-encoded to DER and imported with the crypto layer. Export writes the OpenSSL 3 default profile
// (PBES2/PBKDF2-SHA256/AES-256-CBC key bag, HMAC-SHA256 MAC) for every key type, SM2 included.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type forge from 'node-forge';
import { FormatError, HeyanError, KeyError, LimitError } from '../errors.js';
import type { PrivateKey } from '../crypto/types.js';
import { importPrivateKey } from '../crypto/keys/import-private.js';
import { spkiFromCertificate } from '../crypto/keys/import-public.js';
import { publicKeyFromSpki } from '../crypto/keys/spki.js';
import { encryptPkcs8 } from '../crypto/keys/pbes2.js';
import { IterationBudget, MAX_FORGE_ITERATIONS, pbeIterations } from '../crypto/keys/pbe-iterations.js';
import { OID_PBES2 } from '../crypto/oids.js';
import { readRoot } from '../asn1/index.js';
import { scanPkcs12, type Pkcs12Work } from './pkcs12-scan.js';
import { bmpString, derNull, algorithmIdentifier, equalBytes, explicit, integer, octets, oid, seq, set } from '../asn1/index.js';

const MAX_P12_BYTES = 1 << 20;
const OID_DATA = '1.2.840.113549.1.7.1';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const OID_X509_CERT = '1.2.840.113549.1.9.22.1';
const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const OID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';

export interface Pkcs12Contents {
  key: PrivateKey;
  /** DER certificates; the one matching the key first, then the others in file order. */
  certificates: Uint8Array[];
}

// node-forge (CommonJS) is loaded with the first PKCS#12 file opened, not with every import of @heyan/core.
let forgeModule: typeof forge | undefined;
const loadForge = (): typeof forge => (forgeModule ??= createRequire(import.meta.url)('node-forge') as typeof forge);

const toBytes = (binary: string): Uint8Array => new Uint8Array(Buffer.from(binary, 'binary'));
const asn1ToDer = (a: forge.asn1.Asn1): Uint8Array => toBytes(loadForge().asn1.toDer(a).getBytes());

/** Iteration count of the PBE parameters forge is about to derive a key for (its ASN.1 object, re-read by our reader). */
function forgeParamsIterations(oid: string, params: forge.asn1.Asn1 | undefined): number | undefined {
  if (!params) return undefined;
  const der = toBytes(loadForge().asn1.toDer(params).getBytes());
  return pbeIterations(oid, readRoot(der, 'PBE parameters', { mode: 'ber' }));
}

function certMatchesKey(cert: Uint8Array, key: PrivateKey): boolean {
  try {
    return equalBytes(publicKeyFromSpki(Uint8Array.from(spkiFromCertificate(cert))).spki, key.publicKey.spki);
  } catch {
    return false;
  }
}

type ForgePbe = {
  getCipher: (oid: string, params: forge.asn1.Asn1, password: string) => unknown;
  getCipherForPBES2: (oid: string, params: forge.asn1.Asn1, password: string) => unknown;
};

export interface ImportPkcs12Options {
  /** Iterations (MAC and every encryption together) allowed for the file; default MAX_FORGE_ITERATIONS (3 000 000). */
  maxIterations?: number;
}

/**
 * Open a PKCS#12 file. Wrong password → KeyError; malformed → FormatError; no key → FormatError; larger than
 * 1 MiB or asking for more key-derivation iterations than `maxIterations` → LimitError (before any derivation).
 */
export function importPkcs12(bytes: Uint8Array, password: string, opts: ImportPkcs12Options = {}): Pkcs12Contents {
  if (bytes.byteLength > MAX_P12_BYTES) throw new LimitError('PKCS#12 file larger than 1 MiB');
  const max = opts.maxIterations ?? MAX_FORGE_ITERATIONS;
  // What the file asks for, before forge runs anything (forge computes the MAC first, then decrypts).
  let work: Pkcs12Work;
  try {
    work = scanPkcs12(bytes, new IterationBudget(max));
  } catch (e) {
    if (e instanceof LimitError) throw e;
    throw new FormatError(`not a readable PKCS#12 file: ${(e as Error).message}`, { cause: e });
  }
  // Encryptions inside an encrypted SafeContents appear only as forge decrypts: every derivation forge starts goes
  // through pbe.getCipher, which is wrapped for the duration of this (synchronous) call to charge its iterations
  // to the same budget. forge also feeds PBES2 the password's UTF-16 code units truncated to bytes, while OpenSSL
  // (and RFC 8018 practice) uses UTF-8; the MAC and the PKCS#12 PBEs correctly use BMPString: PBES2 gets the
  // UTF-8 bytes. Restored in `finally`; nothing can run in between, so concurrent calls never see the wrapper.
  const forge = loadForge();
  const pbe = (forge.pki as unknown as { pbe: ForgePbe }).pbe;
  const originalGetCipher = pbe.getCipher;
  const budget = new IterationBudget(max);
  if (work.macIterations !== undefined) budget.spend(work.macIterations, 'PKCS#12 MAC');
  const utf8 = forge.util.encodeUtf8(password);
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    pbe.getCipher = (oid, params, pw) => {
      budget.spend(forgeParamsIterations(oid, params) ?? 0, 'PKCS#12 encryption');
      if (oid === OID_PBES2 && utf8 !== password) return pbe.getCipherForPBES2(oid, params, utf8);
      return originalGetCipher.call(pbe, oid, params, pw);
    };
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')), false);
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    if (e instanceof HeyanError) throw e;
    const msg = (e as Error)?.message ?? String(e);
    if (/password|decrypt/i.test(msg)) throw new KeyError('cannot open the PKCS#12 file: wrong password?', { cause: e });
    throw new FormatError(`not a readable PKCS#12 file: ${msg}`, { cause: e });
  } finally {
    pbe.getCipher = originalGetCipher;
  }
  let key: PrivateKey | undefined;
  const certs: Uint8Array[] = [];
  try {
    for (const sc of p12.safeContents) {
      for (const bag of sc.safeBags) {
        if (bag.type === forge.pki.oids.certBag) {
          if (bag.cert) certs.push(asn1ToDer(forge.pki.certificateToAsn1(bag.cert)));
          else if (bag.asn1) certs.push(asn1ToDer(bag.asn1));
        } else if (!key && (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag)) {
          const info = bag.key
            ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))
            : (bag.asn1 as forge.asn1.Asn1 | undefined);
          if (info) key = importPrivateKey(asn1ToDer(info));
        }
      }
    }
  } catch (e) {
    if (e instanceof HeyanError) throw e;
    throw new FormatError(`PKCS#12 contents unreadable: ${(e as Error).message}`, { cause: e });
  }
  if (!key) throw new FormatError('the PKCS#12 file holds no private key');
  const k = key;
  const leaf = certs.findIndex((c) => certMatchesKey(c, k));
  const ordered = leaf > 0 ? [certs[leaf]!, ...certs.filter((_, i) => i !== leaf)] : certs;
  return { key, certificates: ordered };
}

// ---- export ----

/** RFC 7292 Appendix B.2 key derivation (used for the MAC key, ID = 3). */
function pkcs12Kdf(hash: 'sha256', password: string, salt: Uint8Array, id: number, iterations: number, n: number): Buffer {
  const u = 32;
  const v = 64;
  // BMPString password with a two-byte terminator.
  const pw = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) pw.writeUInt16BE(password.charCodeAt(i), i * 2);
  const fill = (src: Uint8Array): Buffer => {
    const len = src.length === 0 ? 0 : v * Math.ceil(src.length / v);
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const I = Buffer.concat([fill(salt), fill(pw)]);
  const Dbuf = Buffer.alloc(v, id);
  const out: Buffer[] = [];
  for (let got = 0; got < n; got += u) {
    let A = createHash(hash).update(Dbuf).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(hash).update(A).digest();
    out.push(A);
    const B = fill(A.subarray(0, Math.min(u, v)));
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const x = I[j + k]! + B[k]! + carry;
        I[j + k] = x & 0xff;
        carry = x >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
}

function attributes(localKeyId: Uint8Array, friendlyName?: string): Uint8Array {
  const attrs = [seq(oid(OID_LOCAL_KEY_ID), set(octets(localKeyId)))];
  if (friendlyName !== undefined) attrs.push(seq(oid(OID_FRIENDLY_NAME), set(bmpString(friendlyName))));
  return set(...attrs);
}

/**
 * Write a PKCS#12 file: the key as a PBES2 (AES-256-CBC) shrouded key bag, the certificates (leaf
 * first) in a plain bag, and an HMAC-SHA256 MAC. Readable by `openssl pkcs12` (no -legacy) and by
 * importPkcs12.
 */
export function exportPkcs12(
  key: PrivateKey,
  certificates: Uint8Array[],
  password: string,
  opts: { friendlyName?: string; iterations?: number } = {},
): Uint8Array {
  const iterations = opts.iterations ?? 10_000;
  const leaf = certificates[0];
  const localKeyId = new Uint8Array(createHash('sha1').update(leaf ?? key.publicKey.spki).digest());
  const keyBag = seq(oid(OID_SHROUDED_KEY_BAG), explicit(0, encryptPkcs8(key.pkcs8, password, iterations)), attributes(localKeyId, opts.friendlyName));
  const certBags = certificates.map((c, i) =>
    seq(
      oid(OID_CERT_BAG),
      explicit(0, seq(oid(OID_X509_CERT), explicit(0, octets(c)))),
      ...(i === 0 ? [attributes(localKeyId, opts.friendlyName)] : []),
    ),
  );
  const dataInfo = (content: Uint8Array): Uint8Array => seq(oid(OID_DATA), explicit(0, octets(content)));
  const safes = [dataInfo(seq(keyBag))];
  if (certBags.length) safes.push(dataInfo(seq(...certBags)));
  const authSafe = seq(...safes);
  const macSalt = randomBytes(16);
  const macKey = pkcs12Kdf('sha256', password, macSalt, 3, iterations, 32);
  const mac = createHmac('sha256', macKey).update(authSafe).digest();
  const macData = seq(seq(algorithmIdentifier(OID_SHA256, derNull()), octets(mac)), octets(macSalt), integer(iterations));
  return seq(integer(3), dataInfo(authSafe), macData);
}

