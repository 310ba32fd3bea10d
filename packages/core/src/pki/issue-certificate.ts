// Issue an X.509 v3 certificate: the TBSCertificate is written with the DER encoder of asn1/ and signed through the
// crypto registry (so SM2 works; WebCrypto-based builders have no SM2).
import { createHash, randomBytes } from 'node:crypto';
import { FormatError, KeyError } from '../errors.js';
import { signData } from '../crypto/index.js';
import type { AlgorithmIdentifier, DigestName, PrivateKey, PublicKey } from '../crypto/types.js';
import {
  TAG_SEQUENCE,
  bitString,
  boolean,
  equalBytes,
  explicit,
  integer,
  integerFromContent,
  octets,
  oid,
  readBitString,
  readRoot,
  readSequence,
  seq,
  time,
  tlv,
} from '../asn1/index.js';
import { encodeAlgorithm, sameAlgorithm } from './algorithm.js';
import { PKI_READER } from './reader-options.js';
import { Certificate } from './certificate.js';
import {
  EKU_TIME_STAMPING,
  KEY_USAGE_NAMES,
  OID_AUTHORITY_KEY_IDENTIFIER,
  OID_BASIC_CONSTRAINTS,
  OID_CRL_DISTRIBUTION_POINTS,
  OID_EXT_KEY_USAGE,
  OID_KEY_USAGE,
  OID_SUBJECT_KEY_IDENTIFIER,
  type KeyUsageName,
} from './extensions.js';
import { encodeName, type NameInput } from './name.js';

export interface ExtraExtension {
  oid: string;
  critical: boolean;
  /** DER of the extension value (becomes the content of extnValue). */
  valueDer: Uint8Array;
}

export interface IssueCertificateOptions {
  /** `{CN, O, C, ...}` (put in the conventional C, ST, L, O, OU, CN order), "CN=x,O=y,C=CN" or "/C=CN/O=y/CN=x". */
  subject: NameInput;
  publicKey: PublicKey;
  /** The issuing CA; absent for a self-signed certificate. */
  issuer?: Certificate;
  /** The issuer's private key (the subject's own key when self-signed). */
  issuerKey: PrivateKey;
  /** Default: 16 random bytes, positive. */
  serialNumber?: Uint8Array | bigint;
  notBefore: Date;
  notAfter: Date;
  /** Sets basicConstraints cA=TRUE. */
  ca?: boolean;
  pathLen?: number;
  /** Default for a CA: keyCertSign + cRLSign; for others no keyUsage extension unless given. */
  keyUsage?: KeyUsageName[];
  /** Purpose OIDs. The extension is marked critical when it contains timeStamping (RFC 3161). */
  extKeyUsage?: string[];
  crlDistributionPoints?: string[];
  extraExtensions?: ExtraExtension[];
  /** Default: SM3 for SM2, SHA-384 for P-384, SHA-256 otherwise. */
  digest?: DigestName;
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. Whole seconds. */
export function x509Time(d: Date, what: string): Uint8Array {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new FormatError(`${what}: invalid date`);
  const y = d.getUTCFullYear();
  if (y < 1950 || y > 9999) throw new FormatError(`${what}: year ${y} out of range`);
  return time(d, what);
}

/** Positive minimal INTEGER content bytes. */
export function serialBytes(serial: Uint8Array | bigint | undefined): Uint8Array {
  let b: Uint8Array;
  if (serial === undefined) {
    b = new Uint8Array(randomBytes(16));
    b[0] = (b[0]! & 0x7f) | 0x01; // positive, 16 bytes, never a leading zero
    return b;
  }
  if (typeof serial === 'bigint') {
    if (serial <= 0n) throw new FormatError('serialNumber must be positive');
    let hex = serial.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    b = new Uint8Array(Buffer.from(hex, 'hex'));
  } else {
    b = new Uint8Array(serial);
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    b = b.subarray(i);
    if (b.length === 0 || (b.length === 1 && b[0] === 0)) throw new FormatError('serialNumber must be positive');
  }
  if (b[0]! & 0x80) b = Uint8Array.of(0, ...b);
  if (b.length > 20) throw new FormatError('serialNumber longer than 20 octets (RFC 5280 4.1.2.2)');
  return b;
}

/** Key identifier (RFC 5280 4.2.1.2 method 1): SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  const [, bits] = readSequence(readRoot(spki, 'SubjectPublicKeyInfo', PKI_READER), 'SubjectPublicKeyInfo', 2);
  return new Uint8Array(createHash('sha1').update(readBitString(bits, 'subjectPublicKey')).digest());
}

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE (omitted when false in DER), extnValue }. */
export function extension(extnId: string, critical: boolean, valueDer: Uint8Array): Uint8Array {
  return seq(oid(extnId), ...(critical ? [boolean(true)] : []), octets(valueDer));
}

/** AuthorityKeyIdentifier with keyIdentifier [0] IMPLICIT only. */
export function authorityKeyIdentifier(keyId: Uint8Array): Uint8Array {
  return seq(tlv(0x80, keyId));
}

function keyUsageBits(names: readonly KeyUsageName[]): Uint8Array {
  if (names.length === 0) throw new FormatError('keyUsage must name at least one usage');
  const bytes = [0, 0];
  let max = 0;
  for (const n of names) {
    const i = KEY_USAGE_NAMES.indexOf(n);
    if (i < 0) throw new FormatError(`unknown key usage "${String(n)}"`);
    bytes[i >> 3]! |= 0x80 >> (i & 7);
    max = Math.max(max, i);
  }
  // DER named bit list: no trailing zero bits; the first content octet says how many bits are unused.
  const len = (max >> 3) + 1;
  const unused = len * 8 - (max + 1);
  return bitString(Uint8Array.from(bytes.slice(0, len)), unused);
}

/** The AlgorithmIdentifier signData will produce for this key and digest. */
function probeAlgorithm(key: PrivateKey, digest: DigestName | undefined): AlgorithmIdentifier {
  // The TBS must name the algorithm before it is signed; asking the signer keeps one source of truth
  // (OIDs and parameters) at the price of one extra signature per issued certificate.
  const o: Parameters<typeof signData>[0] = { key, data: new Uint8Array(0) };
  if (digest) o.digest = digest;
  return signData(o).algorithm;
}

/** Sign DER `tbs` and wrap it as SEQUENCE { tbs, algorithm, BIT STRING signature }. */
export function signTbs(tbs: Uint8Array, key: PrivateKey, expected: AlgorithmIdentifier, digest: DigestName | undefined): Uint8Array {
  const o: Parameters<typeof signData>[0] = { key, data: tbs };
  if (digest) o.digest = digest;
  const { signature, algorithm } = signData(o);
  if (!sameAlgorithm(algorithm, expected)) throw new KeyError('signer changed its algorithm between probe and signature');
  // Assembled from bytes: re-parsing a large TBS (a CRL with many entries) would hit parser limits.
  return tlv(TAG_SEQUENCE, tbs, encodeAlgorithm(expected), bitString(signature));
}

export function issueCertificate(opts: IssueCertificateOptions): Certificate {
  const { publicKey, issuer, issuerKey } = opts;
  const selfSigned = !issuer;
  const issuerSpki = issuer ? issuer.spki : publicKey.spki;
  if (!equalBytes(issuerKey.publicKey.spki, issuerSpki))
    throw new KeyError(selfSigned ? 'self-signed: issuerKey is not the private key of publicKey' : 'issuerKey does not match the issuer certificate');
  if (opts.notAfter.getTime() < opts.notBefore.getTime()) throw new FormatError('notAfter is before notBefore');
  if (opts.pathLen !== undefined && (!opts.ca || !Number.isInteger(opts.pathLen) || opts.pathLen < 0))
    throw new FormatError('pathLen needs ca: true and a non-negative integer');

  const algorithm = probeAlgorithm(issuerKey, opts.digest);
  const subjectDer = encodeName(opts.subject);
  const issuerDer = issuer ? issuer.subjectDer : subjectDer;

  const ski = keyIdentifier(publicKey.spki);
  const aki = issuer?.extensions.subjectKeyIdentifier
    ? new Uint8Array(Buffer.from(issuer.extensions.subjectKeyIdentifier, 'hex'))
    : keyIdentifier(issuerSpki);
  const extensions: Uint8Array[] = [];
  const bc = opts.ca ? [boolean(true), ...(opts.pathLen !== undefined ? [integer(opts.pathLen)] : [])] : [];
  extensions.push(extension(OID_BASIC_CONSTRAINTS, true, seq(...bc)));
  const ku = opts.keyUsage ?? (opts.ca ? (['keyCertSign', 'cRLSign'] as KeyUsageName[]) : undefined);
  if (ku) extensions.push(extension(OID_KEY_USAGE, true, keyUsageBits(ku)));
  if (opts.extKeyUsage?.length) {
    const critical = opts.extKeyUsage.includes(EKU_TIME_STAMPING);
    extensions.push(extension(OID_EXT_KEY_USAGE, critical, seq(...opts.extKeyUsage.map(eku))));
  }
  extensions.push(extension(OID_SUBJECT_KEY_IDENTIFIER, false, octets(ski)));
  extensions.push(extension(OID_AUTHORITY_KEY_IDENTIFIER, false, authorityKeyIdentifier(aki)));
  if (opts.crlDistributionPoints?.length) {
    // DistributionPoint { distributionPoint [0] { fullName [0] { uniformResourceIdentifier [6] IA5String } } }
    const dps = opts.crlDistributionPoints.map((url) => seq(explicit(0, explicit(0, tlv(0x86, new Uint8Array(Buffer.from(url, 'latin1')))))));
    extensions.push(extension(OID_CRL_DISTRIBUTION_POINTS, false, seq(...dps)));
  }
  for (const x of opts.extraExtensions ?? []) extensions.push(extension(x.oid, x.critical, x.valueDer));

  const tbs = seq(
    explicit(0, integer(2)), // v3
    integerFromContent(serialBytes(opts.serialNumber)),
    encodeAlgorithm(algorithm),
    issuerDer, // raw: the issuer field equals the CA's subject byte for byte
    seq(x509Time(opts.notBefore, 'notBefore'), x509Time(opts.notAfter, 'notAfter')),
    subjectDer,
    publicKey.spki,
    explicit(3, seq(...extensions)),
  );
  return Certificate.fromDer(signTbs(tbs, issuerKey, algorithm, opts.digest));
}

function eku(purpose: string): Uint8Array {
  try {
    return oid(purpose);
  } catch {
    throw new FormatError(`extKeyUsage: "${purpose.slice(0, 40)}" is not an OID`);
  }
}
