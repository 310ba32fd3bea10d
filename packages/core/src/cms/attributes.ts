// Decoders for the signed attribute values CMS verification looks at. Each takes the DER of one AttributeValue
// and throws FormatError when it does not decode.
import type { AlgorithmIdentifier } from '../crypto/types.js';
import { FormatError } from '../errors.js';
import { BerReader, TAG, expectUniversal, isContext, isUniversal, readOid, readTime, type Tlv } from './ber.js';
import type { CmsAttribute } from './types.js';

const LIMITS = { maxDepth: 32, maxReads: 100_000 };

function top(v: Uint8Array): { r: BerReader; t: Tlv } {
  const r = new BerReader(v, LIMITS);
  const t = r.read(0, v.length, 0);
  if (t.end !== v.length) throw new FormatError('data after an attribute value');
  return { r, t };
}

/** All values of the attributes with this OID, across repeated attributes. */
export function attributeValues(attrs: readonly CmsAttribute[] | undefined, oid: string): Uint8Array[] {
  return (attrs ?? []).filter((a) => a.oid === oid).flatMap((a) => a.values);
}

export function countAttributes(attrs: readonly CmsAttribute[] | undefined, oid: string): number {
  return (attrs ?? []).filter((a) => a.oid === oid).length;
}

export function decodeContentTypeValue(v: Uint8Array): string {
  const { r, t } = top(v);
  return readOid(r, t, 'contentType attribute');
}

export function decodeMessageDigestValue(v: Uint8Array): Uint8Array {
  const { r, t } = top(v);
  expectUniversal(t, TAG.OCTET_STRING, 'messageDigest OCTET STRING');
  return r.octets(t, 1).slice();
}

export function decodeSigningTimeValue(v: Uint8Array): Date {
  const { r, t } = top(v);
  return readTime(r, t, 'signingTime');
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

function readAlg(r: BerReader, t: Tlv, depth: number): AlgorithmIdentifier {
  const kids = r.children(expectUniversal(t, TAG.SEQUENCE, 'an AlgorithmIdentifier'), depth, 2);
  const oid = readOid(r, kids[0], 'algorithm');
  return kids[1] ? { oid, params: r.raw(kids[1]).slice() } : { oid };
}

function readIssuerSerial(r: BerReader, t: Tlv, depth: number): IssuerSerial {
  const [names, serial, ...rest] = r.children(expectUniversal(t, TAG.SEQUENCE, 'IssuerSerial'), depth, 3);
  const gn = expectUniversal(names, TAG.SEQUENCE, 'IssuerSerial.issuer GeneralNames');
  const sn = expectUniversal(serial, TAG.INTEGER, 'IssuerSerial.serialNumber');
  // `rest` may hold issuerUID (BIT STRING) in RFC 5755's IssuerSerial; it is not compared.
  if (rest.length > 1) throw new FormatError('bad IssuerSerial');
  const directoryNames: Uint8Array[] = [];
  for (const g of r.children(gn, depth + 1, 16, 'GeneralNames')) {
    // directoryName [4] EXPLICIT Name
    if (isContext(g, 4) && g.constructed) {
      const [name] = r.children(g, depth + 2, 1);
      directoryNames.push(r.raw(expectUniversal(name, TAG.SEQUENCE, 'a directoryName')).slice());
    }
  }
  return { directoryNames, serialNumber: r.value(sn).slice() };
}

/**
 * ESS SigningCertificate (v1, SHA-1 ESSCertID) or SigningCertificateV2 (ESSCertIDv2, hash defaults to SHA-256).
 * Returns the certificate identifiers in order; the first one names the signer (RFC 5035 §5.4).
 */
export function decodeSigningCertificateValue(v: Uint8Array, version: 1 | 2): EssCertId[] {
  const { r, t } = top(v);
  const [certs] = r.children(expectUniversal(t, TAG.SEQUENCE, 'SigningCertificate'), 0, 2);
  const list = r.children(expectUniversal(certs, TAG.SEQUENCE, 'SigningCertificate.certs'), 1, 64, 'ESSCertIDs');
  return list.map((c) => {
    const f = r.children(expectUniversal(c, TAG.SEQUENCE, 'ESSCertID'), 2, 3);
    let i = 0;
    let hashAlgorithm: AlgorithmIdentifier = { oid: version === 1 ? OID_SHA1 : OID_SHA256 };
    if (version === 2 && f[i] && isUniversal(f[i]!, TAG.SEQUENCE)) hashAlgorithm = readAlg(r, f[i++]!, 3);
    const h = expectUniversal(f[i++], TAG.OCTET_STRING, 'ESSCertID.certHash');
    const certHash = r.octets(h, 3).slice();
    const is = f[i];
    const out: EssCertId = { hashAlgorithm, certHash };
    if (is) {
      out.issuerSerial = readIssuerSerial(r, is, 3);
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
  const { r, t } = top(v);
  const f = r.children(expectUniversal(t, TAG.SEQUENCE, 'CMSAlgorithmProtection'), 0, 3);
  const first = f[0];
  if (!first) throw new FormatError('empty CMSAlgorithmProtection');
  const out: AlgorithmProtection = { digestAlgorithm: readAlg(r, first, 1) };
  for (const e of f.slice(1)) {
    if (!e.constructed || !(isContext(e, 1) || isContext(e, 2))) throw new FormatError('bad CMSAlgorithmProtection field');
    const alg = readAlg(r, { ...e, cls: 0, tag: TAG.SEQUENCE }, 1);
    if (e.tag === 1) out.signatureAlgorithm = alg;
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
