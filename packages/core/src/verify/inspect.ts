// What a file holds, for `heyan inspect`: certificates, CRLs, CMS SignedData, keys (never private values), PKCS#12.
// Describes, does not judge: no trust, no validity verdicts. Throws FormatError / LimitError for unreadable input.
import { createHash } from 'node:crypto';
import { describeAlgorithm, importPrivateKey, importPublicKey, publicKeyAlgorithmName, signatureAlgorithmName } from '../crypto/index.js';
import type { AlgorithmIdentifier, PrivateKey, PublicKey } from '../crypto/types.js';
import {
  OID_CONTENT_TYPE,
  OID_MESSAGE_DIGEST,
  OID_SIGNING_TIME,
  decodeContentTypeValue,
  decodeMessageDigestValue,
  decodeSigningTimeValue,
  findSignerCertificate,
  parseSignedData,
  type ParsedSignerInfo,
} from '../cms/index.js';
import { Crl, loadCertificates, type Certificate } from '../pki/index.js';
import { describeSealFile } from '../seal/describe.js';
import { sniff, type ItemKind } from './sniff.js';

export interface CertificateDescription {
  type: 'certificate';
  version: number;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  publicKeyAlgorithm: string;
  signatureAlgorithm: string;
  fingerprintSha256: string;
  selfIssued: boolean;
  basicConstraints?: { cA: boolean; pathLen?: number };
  keyUsage?: string[];
  extKeyUsage?: string[];
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
  crlDistributionPoints?: string[];
  unknownCriticalExtensions?: string[];
}

export interface CrlDescription {
  type: 'crl';
  version: number;
  issuer: string;
  thisUpdate: string;
  nextUpdate?: string;
  crlNumber?: string;
  delta: boolean;
  signatureAlgorithm: string;
  fingerprintSha256: string;
  revoked: { serialNumber: string; revocationDate: string; reason?: string }[];
}

export interface SignerDescription {
  index: number;
  signerIdentifier: { issuerAndSerialNumber?: { serialNumber: string }; subjectKeyIdentifier?: string };
  certificate?: string;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  signedAttributes?: string[];
  contentType?: string;
  signingTime?: string;
  messageDigest?: string;
  unsignedAttributes?: string[];
}

export interface SignedDataDescription {
  type: 'cms';
  flavour: 'pkcs7' | 'gbt35275';
  version: number;
  contentType: string;
  detached: boolean;
  contentSize?: number;
  digestAlgorithms: string[];
  signers: SignerDescription[];
  certificates: CertificateDescription[];
  crls: CrlDescription[];
  warnings?: string[];
}

export interface KeyDescription {
  type: 'private-key' | 'public-key';
  encoding: string;
  encrypted?: boolean;
  algorithm?: string;
  bits?: number;
  /** SHA-256 of the canonical SubjectPublicKeyInfo: matches `openssl pkey -pubout -outform DER | sha256sum`. */
  publicKeySha256?: string;
  /** Why the key could not be decoded (unsupported curve, ...). */
  error?: string;
}

export interface Pkcs12Description {
  type: 'pkcs12';
  note: string;
}

export interface UnknownDescription {
  type: 'unknown';
  note: string;
}

export type ObjectDescription =
  | CertificateDescription
  | CrlDescription
  | SignedDataDescription
  | KeyDescription
  | Pkcs12Description
  | SealDescription
  | UnknownDescription;

/** An electronic seal or seal signature: every decoded field (see seal/describe.ts). */
export type SealDescription = { type: 'seal' | 'ses-signature' } & Record<string, unknown>;

export interface Inspection {
  encoding: 'pem' | 'der';
  size: number;
  sha256: string;
  objects: ObjectDescription[];
}

// CMS content types and attributes are not in the crypto algorithm table; name them here for people.
const CMS_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.7.1': 'data',
  '1.2.156.10197.6.1.4.2.1': 'data (GB/T 35275)',
  '1.2.840.113549.1.9.3': 'contentType',
  '1.2.840.113549.1.9.4': 'messageDigest',
  '1.2.840.113549.1.9.5': 'signingTime',
  '1.2.840.113549.1.9.16.2.12': 'signingCertificate',
  '1.2.840.113549.1.9.16.2.47': 'signingCertificateV2',
  '1.2.840.113549.1.9.52': 'cmsAlgorithmProtection',
  '1.2.840.113549.1.9.16.2.14': 'signatureTimeStampToken',
  '1.2.840.113549.1.9.16.1.4': 'TSTInfo',
};
const cmsName = (oid: string): string => (CMS_NAMES[oid] ? `${CMS_NAMES[oid]} (${oid})` : describeAlgorithm(oid));

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const algName = (a: AlgorithmIdentifier, digestAlg?: AlgorithmIdentifier): string => signatureAlgorithmName(a, digestAlg) ?? describeAlgorithm(a.oid);

export function describeCertificate(c: Certificate): CertificateDescription {
  const e = c.extensions;
  const d: CertificateDescription = {
    type: 'certificate',
    version: c.version,
    subject: c.subject,
    issuer: c.issuer,
    serialNumber: c.serialNumber,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    publicKeyAlgorithm: c.publicKeyAlgorithm,
    signatureAlgorithm: algName(c.signatureAlgorithm),
    fingerprintSha256: c.fingerprintSha256,
    selfIssued: c.isSelfIssued,
  };
  if (e.basicConstraints) d.basicConstraints = { ...e.basicConstraints };
  if (e.keyUsage) d.keyUsage = [...e.keyUsage];
  if (e.extKeyUsage) d.extKeyUsage = [...e.extKeyUsage];
  if (e.subjectKeyIdentifier) d.subjectKeyIdentifier = e.subjectKeyIdentifier;
  if (e.authorityKeyIdentifier) d.authorityKeyIdentifier = e.authorityKeyIdentifier;
  if (e.crlDistributionPoints.length) d.crlDistributionPoints = [...e.crlDistributionPoints];
  if (e.unknownCritical.length) d.unknownCriticalExtensions = [...e.unknownCritical];
  return d;
}

const MAX_LISTED_ENTRIES = 1000;

export function describeCrl(c: Crl): CrlDescription {
  const d: CrlDescription = {
    type: 'crl',
    version: c.version,
    issuer: c.issuer,
    thisUpdate: c.thisUpdate.toISOString(),
    delta: c.isDelta,
    signatureAlgorithm: algName(c.signatureAlgorithm),
    fingerprintSha256: c.fingerprintSha256,
    revoked: [],
  };
  if (c.nextUpdate) d.nextUpdate = c.nextUpdate.toISOString();
  if (c.crlNumber !== undefined) d.crlNumber = c.crlNumber.toString();
  for (const [serialNumber, e] of c.entries) {
    if (d.revoked.length >= MAX_LISTED_ENTRIES) break;
    d.revoked.push({ serialNumber, revocationDate: e.revocationDate.toISOString(), ...(e.reason ? { reason: e.reason } : {}) });
  }
  return d;
}

function describeSigner(s: ParsedSignerInfo, certs: readonly Certificate[]): SignerDescription {
  const d: SignerDescription = {
    index: s.index,
    signerIdentifier:
      s.sid.type === 'issuerAndSerialNumber'
        ? { issuerAndSerialNumber: { serialNumber: hex(s.sid.serialNumber) } }
        : { subjectKeyIdentifier: hex(s.sid.keyIdentifier) },
    digestAlgorithm: describeAlgorithm(s.digestAlgorithm.oid),
    signatureAlgorithm: algName(s.signatureAlgorithm, s.digestAlgorithm),
  };
  const cert = findSignerCertificate(s.sid, certs);
  if (cert) d.certificate = cert.subject;
  if (s.signedAttributes) {
    d.signedAttributes = s.signedAttributes.map((a) => cmsName(a.oid));
    for (const a of s.signedAttributes) {
      const v = a.values[0];
      if (!v) continue;
      try {
        if (a.oid === OID_SIGNING_TIME) d.signingTime = decodeSigningTimeValue(v).toISOString();
        else if (a.oid === OID_MESSAGE_DIGEST) d.messageDigest = hex(decodeMessageDigestValue(v));
        else if (a.oid === OID_CONTENT_TYPE) d.contentType = cmsName(decodeContentTypeValue(v));
      } catch {
        // an undecodable attribute is listed by OID only
      }
    }
  }
  if (s.unsignedAttributes) d.unsignedAttributes = s.unsignedAttributes.map((a) => cmsName(a.oid));
  return d;
}

function describeSignedData(der: Uint8Array): SignedDataDescription {
  const sd = parseSignedData(der);
  const d: SignedDataDescription = {
    type: 'cms',
    flavour: sd.flavour,
    version: sd.version,
    contentType: cmsName(sd.eContentType),
    detached: sd.eContent === undefined,
    digestAlgorithms: sd.digestAlgorithms.map((a) => describeAlgorithm(a.oid)),
    signers: sd.signers.map((s) => describeSigner(s, sd.certificates)),
    certificates: sd.certificates.map(describeCertificate),
    crls: sd.crls.map(describeCrl),
  };
  if (sd.eContent) d.contentSize = sd.eContent.length;
  if (sd.warnings.length) d.warnings = [...sd.warnings];
  return d;
}

function describeKey(load: () => PublicKey | PrivateKey, type: KeyDescription['type'], encoding: string): KeyDescription {
  let key: PublicKey | PrivateKey;
  try {
    key = load();
  } catch (e) {
    return { type, encoding, error: e instanceof Error ? e.message : String(e) };
  }
  const pub = 'publicKey' in key ? key.publicKey : key;
  return { type, encoding, algorithm: publicKeyAlgorithmName(pub), bits: pub.bits, publicKeySha256: sha256(pub.spki) };
}

const KEY_ENCODINGS: Partial<Record<ItemKind, string>> = {
  'private-key': 'PKCS#8',
  'encrypted-private-key': 'encrypted PKCS#8',
  'sec1-private-key': 'SEC1',
  'rsa-private-key': 'PKCS#1',
  'public-key': 'SubjectPublicKeyInfo',
  'rsa-public-key': 'PKCS#1',
};

function describeItem(kind: ItemKind, der: Uint8Array, note: string | undefined): ObjectDescription[] {
  switch (kind) {
    case 'certificate':
    case 'certificate-bundle':
      return loadCertificates(der).map(describeCertificate);
    case 'crl':
      return [describeCrl(Crl.fromDer(der))];
    case 'signed-data':
      return [describeSignedData(der)];
    case 'encrypted-private-key':
      return [{ type: 'private-key', encoding: KEY_ENCODINGS[kind]!, encrypted: true }];
    case 'private-key':
    case 'sec1-private-key':
    case 'rsa-private-key':
      return [describeKey(() => importPrivateKey(der), 'private-key', KEY_ENCODINGS[kind]!)];
    case 'public-key':
    case 'rsa-public-key':
      return [describeKey(() => importPublicKey(der), 'public-key', KEY_ENCODINGS[kind]!)];
    case 'pkcs12':
      return [{ type: 'pkcs12', note: 'password-protected PKCS#12; open it with heyan sign --key F --password P' }];
    case 'seal':
    case 'ses-signature':
      return [describeSealFile(der) as SealDescription];
    default:
      return [{ type: 'unknown', note: note ?? 'unknown structure' }];
  }
}

/** Describe every object in the input. Throws FormatError / LimitError when the input cannot be read. */
export function inspect(input: Uint8Array): Inspection {
  const s = sniff(input);
  const objects: ObjectDescription[] = [];
  for (const item of s.items) objects.push(...describeItem(item.kind, item.der, item.note));
  return { encoding: s.encoding, size: input.length, sha256: sha256(input), objects };
}
