// Private key import: PEM or DER; PKCS#8 (plain or encrypted), SEC1 "EC PRIVATE KEY", PKCS#1
// "RSA PRIVATE KEY", and OpenSSL's legacy encrypted PEM. SM2 is handled here, everything else by node:crypto.
import { createPrivateKey } from 'node:crypto';
import { FormatError, HeyanError, KeyError, UnsupportedError } from '../../errors.js';
import type { PrivateKey } from '../types.js';
import * as O from '../oids.js';
import {
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
  content,
  decodePem,
  expectTag,
  looksLikePem,
  readOid,
  readRoot,
  readSequence,
  readSmallUint,
} from '../../asn1/index.js';
import { decryptLegacyPem, decryptPkcs8 } from './pbes2.js';
import { parseEcPrivateKey, sm2PrivateKeyFromScalar } from './sm2-key.js';
import { privateKeyFromKeyObject } from './node-key.js';

type Kind = 'pkcs8' | 'encrypted' | 'sec1' | 'pkcs1';

const LABELS: Record<string, Kind> = {
  'PRIVATE KEY': 'pkcs8',
  'ENCRYPTED PRIVATE KEY': 'encrypted',
  'EC PRIVATE KEY': 'sec1',
  'SM2 PRIVATE KEY': 'sec1',
  'RSA PRIVATE KEY': 'pkcs1',
};

const MAX_KEY_BYTES = 1 << 16;
const PEM_OPTIONS = { headers: 'parse', maxBlocks: 64, maxChars: 1 << 22 } as const;

/** Guess the structure of a DER private key from its outline. */
function sniff(der: Uint8Array): Kind {
  const kids = readSequence(readRoot(der, 'private key'), 'private key');
  const [a, b, c] = kids;
  if (a?.tag === TAG_SEQUENCE && b?.tag === TAG_OCTET_STRING && kids.length === 2) return 'encrypted';
  if (a?.tag === TAG_INTEGER && b?.tag === TAG_SEQUENCE && c?.tag === TAG_OCTET_STRING) return 'pkcs8';
  if (a?.tag === TAG_INTEGER && b?.tag === TAG_OCTET_STRING) return 'sec1';
  if (a?.tag === TAG_INTEGER && kids.length >= 9 && kids.every((k) => k.tag === TAG_INTEGER)) return 'pkcs1';
  throw new FormatError('not a recognised private key structure (PKCS#8, SEC1, PKCS#1)');
}

function nodeImport(der: Uint8Array, type: 'pkcs8' | 'sec1' | 'pkcs1'): PrivateKey {
  let ko;
  try {
    ko = createPrivateKey({ key: Buffer.from(der), format: 'der', type });
  } catch (e) {
    throw new FormatError(`invalid private key: ${(e as Error).message}`, { cause: e });
  }
  return privateKeyFromKeyObject(ko);
}

function fromSec1(der: Uint8Array, curveFromPkcs8?: string): PrivateKey {
  const k = parseEcPrivateKey(der);
  const curve = k.curve ?? curveFromPkcs8;
  if (curveFromPkcs8 && k.curve && k.curve !== curveFromPkcs8) throw new FormatError('EC key: conflicting curve parameters');
  if (curve === O.OID_SM2_CURVE) return sm2PrivateKeyFromScalar(k.d, k.point);
  if (curve === undefined) throw new FormatError('EC private key without curve parameters');
  if (curve !== O.OID_P256 && curve !== O.OID_P384) throw new UnsupportedError(`unsupported EC curve ${curve}`);
  return nodeImport(der, 'sec1');
}

function fromPkcs8(der: Uint8Array): PrivateKey {
  const kids = readSequence(readRoot(der, 'PKCS#8'), 'PKCS#8');
  const version = readSmallUint(kids[0], 'PKCS#8 version');
  if (version > 1) throw new FormatError(`PKCS#8 version ${version}`);
  const alg = readSequence(kids[1], 'PKCS#8 algorithm');
  const oid = readOid(alg[0], 'PKCS#8 algorithm OID');
  const param = alg[1] && alg[1].tag === TAG_OID ? readOid(alg[1], 'PKCS#8 algorithm parameters') : undefined;
  const inner = content(expectTag(kids[2], TAG_OCTET_STRING, 'PKCS#8 privateKey'));
  const isSm2 =
    (oid === O.OID_EC_PUBLIC_KEY && param === O.OID_SM2_CURVE) ||
    ((oid === O.OID_SM2_CURVE || oid === O.OID_SM2_SIGN) && (param === undefined || param === O.OID_SM2_CURVE));
  if (isSm2) return fromSec1(inner, O.OID_SM2_CURVE);
  if (oid === O.OID_EC_PUBLIC_KEY && param !== O.OID_P256 && param !== O.OID_P384)
    throw new UnsupportedError(`unsupported EC curve ${param ?? '(explicit parameters)'}`);
  if (![O.OID_EC_PUBLIC_KEY, O.OID_RSA_ENCRYPTION, O.OID_RSASSA_PSS, O.OID_ED25519].includes(oid))
    throw new UnsupportedError(`unsupported private key algorithm ${oid}`);
  return nodeImport(der, 'pkcs8');
}

function fromKind(der: Uint8Array, kind: Kind, password: string | undefined): PrivateKey {
  switch (kind) {
    case 'encrypted': {
      if (password === undefined) throw new KeyError('the private key is encrypted: a password is needed');
      const plain = decryptPkcs8(der, password);
      try {
        return fromPkcs8(plain);
      } catch (e) {
        // CBC padding can pass by chance under a wrong password; the garbage then fails to parse.
        if (e instanceof FormatError) throw new KeyError('cannot decrypt the private key: wrong password?', { cause: e });
        throw e;
      }
    }
    case 'pkcs8':
      return fromPkcs8(der);
    case 'sec1':
      return fromSec1(der);
    case 'pkcs1':
      return nodeImport(der, 'pkcs1');
  }
}

/** Import a private key from PEM text/bytes or DER. Throws FormatError, UnsupportedError or KeyError. */
export function importPrivateKey(input: Uint8Array | string, opts: { password?: string } = {}): PrivateKey {
  try {
    if ((typeof input === 'string' ? input.length : input.byteLength) > MAX_KEY_BYTES * 2)
      throw new FormatError('private key input too large');
    if (looksLikePem(input)) {
      const block = decodePem(input, PEM_OPTIONS).find((b) => LABELS[b.label] !== undefined);
      if (!block) throw new FormatError('no private key PEM block found');
      let der = block.der;
      let kind = LABELS[block.label]!;
      if (/ENCRYPTED/i.test(block.headers?.['Proc-Type'] ?? '')) {
        if (opts.password === undefined) throw new KeyError('the private key is encrypted: a password is needed');
        der = decryptLegacyPem(der, block.headers?.['DEK-Info'] ?? '', opts.password);
        try {
          kind = sniff(der);
        } catch (e) {
          throw new KeyError('cannot decrypt the private key: wrong password?', { cause: e });
        }
      }
      return fromKind(der, kind, opts.password);
    }
    if (typeof input === 'string') throw new FormatError('private key text is not PEM');
    return fromKind(input, sniff(input), opts.password);
  } catch (e) {
    if (e instanceof HeyanError) throw e;
    throw new FormatError(`invalid private key: ${(e as Error).message}`, { cause: e });
  }
}
