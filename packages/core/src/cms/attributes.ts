// Decoders for the signed attribute values CMS verification looks at. Each takes the DER of one AttributeValue
// and throws FormatError when it does not decode.
import type { AlgorithmIdentifier } from '../crypto/types.js';
import { FormatError } from '../errors.js';
import {
  TAG_INTEGER,
  TAG_SEQUENCE,
  children,
  content,
  encoding,
  expectTag,
  isConstructed,
  isCtx,
  readOctetString,
  readOid,
  readRoot,
  readSequence,
  readTime,
  type El,
} from '../asn1/index.js';
import type { CmsAttribute } from './types.js';

const READER = { mode: 'ber', maxDepth: 32, maxElements: 100_000 } as const;

/** The one element of an AttributeValue (BER: values are copied from what signers wrote). */
function top(v: Uint8Array): El {
  return readRoot(v, 'attribute value', READER);
}

/** All values of the attributes with this OID, across repeated attributes. */
export function attributeValues(attrs: readonly CmsAttribute[] | undefined, oid: string): Uint8Array[] {
  return (attrs ?? []).filter((a) => a.oid === oid).flatMap((a) => a.values);
}

export function countAttributes(attrs: readonly CmsAttribute[] | undefined, oid: string): number {
  return (attrs ?? []).filter((a) => a.oid === oid).length;
}

export function decodeContentTypeValue(v: Uint8Array): string {
  return readOid(top(v), 'contentType attribute');
}

export function decodeMessageDigestValue(v: Uint8Array): Uint8Array {
  return readOctetString(top(v), 'messageDigest').slice();
}

export function decodeSigningTimeValue(v: Uint8Array): Date {
  // X.680 forms old signers write: UTCTime without seconds, fractional GeneralizedTime.
  return readTime(top(v), 'signingTime', { fractions: true, utcWithoutSeconds: true });
}

export interface IssuerSerial {
  /** DER of each directoryName in the GeneralNames. */
  directoryNames: Uint8Array[];
  /** Contents octets of the serial INTEGER. */
  serialNumber: Uint8Array;
}

export interface EssCertId {
  hashAlgorithm: AlgorithmIdentifier;
  certHash: Uint8Array;
  issuerSerial?: IssuerSerial;
}

const OID_SHA1 = '1.3.14.3.2.26';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';

/** AlgorithmIdentifier; `implicit` when it carries a context tag instead of SEQUENCE ([n] IMPLICIT). */
function readAlg(t: El, implicit = false): AlgorithmIdentifier {
  const kids = implicit ? children(t, 'AlgorithmIdentifier', 2) : readSequence(t, 'AlgorithmIdentifier', 2);
  const oid = readOid(kids[0], 'algorithm');
  return kids[1] ? { oid, params: encoding(kids[1]).slice() } : { oid };
}

function readIssuerSerial(t: El): IssuerSerial {
  const [names, serial, ...rest] = readSequence(t, 'IssuerSerial', 3);
  const gn = expectTag(names, TAG_SEQUENCE, 'IssuerSerial.issuer GeneralNames');
  const sn = expectTag(serial, TAG_INTEGER, 'IssuerSerial.serialNumber');
  // `rest` may hold issuerUID (BIT STRING) in RFC 5755's IssuerSerial; it is not compared.
  if (rest.length > 1) throw new FormatError('bad IssuerSerial');
  const directoryNames: Uint8Array[] = [];
  for (const g of children(gn, 'GeneralNames', 16)) {
    // directoryName [4] EXPLICIT Name
    if (isCtx(g, 4) && isConstructed(g)) {
      const [name] = children(g, 'directoryName', 1);
      directoryNames.push(encoding(expectTag(name, TAG_SEQUENCE, 'a directoryName')).slice());
    }
  }
  return { directoryNames, serialNumber: content(sn).slice() };
}

/**
 * ESS SigningCertificate (v1, SHA-1 ESSCertID) or SigningCertificateV2 (ESSCertIDv2, hash defaults to SHA-256).
 * Returns the certificate identifiers in order; the first one names the signer (RFC 5035 §5.4).
 */
export function decodeSigningCertificateValue(v: Uint8Array, version: 1 | 2): EssCertId[] {
  const [certs] = readSequence(top(v), 'SigningCertificate', 2);
  const list = readSequence(certs, 'ESSCertIDs', 64);
  return list.map((c) => {
    const f = readSequence(c, 'ESSCertID', 3);
    let i = 0;
    let hashAlgorithm: AlgorithmIdentifier = { oid: version === 1 ? OID_SHA1 : OID_SHA256 };
    if (version === 2 && f[i]?.tag === TAG_SEQUENCE) hashAlgorithm = readAlg(f[i++]!);
    const certHash = readOctetString(f[i++], 'ESSCertID.certHash').slice();
    const is = f[i];
    const out: EssCertId = { hashAlgorithm, certHash };
    if (is) {
      out.issuerSerial = readIssuerSerial(is);
      i++;
    }
    if (i !== f.length) throw new FormatError('bad ESSCertID');
    return out;
  });
}

export interface AlgorithmProtection {
  digestAlgorithm: AlgorithmIdentifier;
  signatureAlgorithm?: AlgorithmIdentifier;
  macAlgorithm?: AlgorithmIdentifier;
}

/** RFC 6211 CMSAlgorithmProtection: SEQUENCE { digestAlgorithm, [1] IMPLICIT signatureAlgorithm, [2] IMPLICIT mac }. */
export function decodeAlgorithmProtectionValue(v: Uint8Array): AlgorithmProtection {
  const f = readSequence(top(v), 'CMSAlgorithmProtection', 3);
  const first = f[0];
  if (!first) throw new FormatError('empty CMSAlgorithmProtection');
  const out: AlgorithmProtection = { digestAlgorithm: readAlg(first) };
  for (const e of f.slice(1)) {
    if (!isConstructed(e) || !(isCtx(e, 1) || isCtx(e, 2))) throw new FormatError('bad CMSAlgorithmProtection field');
    const alg = readAlg(e, true);
    if (e.num === 1) out.signatureAlgorithm = alg;
    else out.macAlgorithm = alg;
  }
  return out;
}

const NULL_DER = '0500';

/** AlgorithmIdentifier equality, treating absent parameters and NULL as the same (both occur for one algorithm). */
export function sameAlgorithm(a: AlgorithmIdentifier, b: AlgorithmIdentifier): boolean {
  if (a.oid !== b.oid) return false;
  const pa = a.params ? Buffer.from(a.params).toString('hex') : NULL_DER;
  const pb = b.params ? Buffer.from(b.params).toString('hex') : NULL_DER;
  return pa === pb;
}
