// Issue an X.509 v3 certificate: pkijs builds the TBSCertificate, the crypto registry signs it (pkijs' own
// sign() goes through WebCrypto, which has no SM2).
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { FormatError, KeyError } from '../errors.js';
import { signData } from '../crypto/index.js';
import type { AlgorithmIdentifier, DigestName, PrivateKey, PublicKey } from '../crypto/types.js';
import { encodeAlgorithm, sameAlgorithm } from './algorithm.js';
import { derWrap } from './asn1.js';
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
export function x509Time(d: Date, what: string): pkijs.Time {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new FormatError(`${what}: invalid date`);
  const value = new Date(Math.floor(d.getTime() / 1000) * 1000);
  const y = value.getUTCFullYear();
  if (y < 1950 || y > 9999) throw new FormatError(`${what}: year ${y} out of range`);
  return new pkijs.Time({ type: y < 2050 ? 0 : 1, value });
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
  const node = asn1js.fromBER(spki).result as asn1js.Sequence;
  const bits = node.valueBlock.value[1] as asn1js.BitString;
  return new Uint8Array(createHash('sha1').update(bits.valueBlock.valueHexView.subarray(0)).digest());
}

function ext(oid: string, critical: boolean, value: asn1js.AsnType | Uint8Array): pkijs.Extension {
  const der = value instanceof Uint8Array ? value : new Uint8Array(value.toBER(false));
  return new pkijs.Extension({ extnID: oid, critical, extnValue: der.slice().buffer });
}

function keyUsageBits(names: readonly KeyUsageName[]): asn1js.BitString {
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
  return new asn1js.BitString({ valueHex: Uint8Array.from(bytes.slice(0, len)).buffer, unusedBits: unused });
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
  return derWrap(0x30, tbs, encodeAlgorithm(expected), derWrap(0x03, Uint8Array.of(0), signature));
}

export function algorithmToPkijs(a: AlgorithmIdentifier): pkijs.AlgorithmIdentifier {
  const p: ConstructorParameters<typeof pkijs.AlgorithmIdentifier>[0] = { algorithmId: a.oid };
  if (a.params) p.algorithmParams = asn1js.fromBER(a.params).result;
  return new pkijs.AlgorithmIdentifier(p);
}

export function issueCertificate(opts: IssueCertificateOptions): Certificate {
  const { publicKey, issuer, issuerKey } = opts;
  const selfSigned = !issuer;
  const issuerSpki = issuer ? issuer.spki : publicKey.spki;
  if (!Buffer.from(issuerKey.publicKey.spki).equals(Buffer.from(issuerSpki)))
    throw new KeyError(selfSigned ? 'self-signed: issuerKey is not the private key of publicKey' : 'issuerKey does not match the issuer certificate');
  if (opts.notAfter.getTime() < opts.notBefore.getTime()) throw new FormatError('notAfter is before notBefore');
  if (opts.pathLen !== undefined && (!opts.ca || !Number.isInteger(opts.pathLen) || opts.pathLen < 0))
    throw new FormatError('pathLen needs ca: true and a non-negative integer');

  const algorithm = probeAlgorithm(issuerKey, opts.digest);
  const subjectDer = encodeName(opts.subject);
  const issuerDer = issuer ? issuer.subjectDer : subjectDer;

  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: serialBytes(opts.serialNumber).slice().buffer });
  cert.signature = algorithmToPkijs(algorithm);
  // Names go in as raw DER: pkijs keeps the bytes, so the issuer field equals the CA's subject exactly.
  cert.issuer = new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(issuerDer.slice()).result });
  cert.subject = new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(subjectDer).result });
  cert.notBefore = x509Time(opts.notBefore, 'notBefore');
  cert.notAfter = x509Time(opts.notAfter, 'notAfter');
  cert.subjectPublicKeyInfo = new pkijs.PublicKeyInfo({ schema: asn1js.fromBER(publicKey.spki.slice()).result });

  const ski = keyIdentifier(publicKey.spki);
  const aki = issuer?.extensions.subjectKeyIdentifier
    ? new Uint8Array(Buffer.from(issuer.extensions.subjectKeyIdentifier, 'hex'))
    : keyIdentifier(issuerSpki);
  const extensions: pkijs.Extension[] = [];
  const bc: asn1js.AsnType[] = [];
  if (opts.ca) bc.push(new asn1js.Boolean({ value: true }));
  if (opts.ca && opts.pathLen !== undefined) bc.push(new asn1js.Integer({ value: opts.pathLen }));
  extensions.push(ext(OID_BASIC_CONSTRAINTS, true, new asn1js.Sequence({ value: bc })));
  const ku = opts.keyUsage ?? (opts.ca ? (['keyCertSign', 'cRLSign'] as KeyUsageName[]) : undefined);
  if (ku) extensions.push(ext(OID_KEY_USAGE, true, keyUsageBits(ku)));
  if (opts.extKeyUsage?.length) {
    const critical = opts.extKeyUsage.includes(EKU_TIME_STAMPING);
    extensions.push(ext(OID_EXT_KEY_USAGE, critical, new asn1js.Sequence({ value: opts.extKeyUsage.map((o) => new asn1js.ObjectIdentifier({ value: o })) })));
  }
  extensions.push(ext(OID_SUBJECT_KEY_IDENTIFIER, false, new asn1js.OctetString({ valueHex: ski.slice().buffer })));
  extensions.push(
    ext(
      OID_AUTHORITY_KEY_IDENTIFIER,
      false,
      new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: aki.slice().buffer })] }),
    ),
  );
  if (opts.crlDistributionPoints?.length) {
    const dps = opts.crlDistributionPoints.map(
      (url) =>
        new asn1js.Sequence({
          value: [
            new asn1js.Constructed({
              idBlock: { tagClass: 3, tagNumber: 0 },
              value: [
                new asn1js.Constructed({
                  idBlock: { tagClass: 3, tagNumber: 0 },
                  value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 6 }, valueHex: new Uint8Array(Buffer.from(url, 'latin1')).buffer })],
                }),
              ],
            }),
          ],
        }),
    );
    extensions.push(ext(OID_CRL_DISTRIBUTION_POINTS, false, new asn1js.Sequence({ value: dps })));
  }
  for (const x of opts.extraExtensions ?? []) extensions.push(ext(x.oid, x.critical, x.valueDer));
  cert.extensions = extensions;

  const tbs = new Uint8Array(cert.encodeTBS().toBER(false));
  return Certificate.fromDer(signTbs(tbs, issuerKey, algorithm, opts.digest));
}
