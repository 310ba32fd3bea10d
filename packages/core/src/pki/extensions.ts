// Certificate extensions heyan acts on, decoded strictly. A malformed known extension is recorded, not thrown,
// so a verifier can report it as a failed check while inspection still shows the certificate.
import { FormatError } from '../errors.js';
import {
  TAG_BOOLEAN,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
  children,
  content,
  expectTag,
  isCtx,
  readBitString,
  readBoolean,
  readOid,
  readRoot,
  toHex,
  type El,
} from '../asn1/index.js';
import { PKI_READER } from './reader-options.js';

export const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
export const OID_KEY_USAGE = '2.5.29.15';
export const OID_SUBJECT_ALT_NAME = '2.5.29.17';
export const OID_ISSUER_ALT_NAME = '2.5.29.18';
export const OID_BASIC_CONSTRAINTS = '2.5.29.19';
export const OID_CRL_NUMBER = '2.5.29.20';
export const OID_CRL_REASON = '2.5.29.21';
export const OID_INVALIDITY_DATE = '2.5.29.24';
export const OID_DELTA_CRL_INDICATOR = '2.5.29.27';
export const OID_ISSUING_DISTRIBUTION_POINT = '2.5.29.28';
export const OID_CERTIFICATE_ISSUER = '2.5.29.29';
export const OID_CRL_DISTRIBUTION_POINTS = '2.5.29.31';
export const OID_CERTIFICATE_POLICIES = '2.5.29.32';
export const OID_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';
export const OID_EXT_KEY_USAGE = '2.5.29.37';
export const OID_FRESHEST_CRL = '2.5.29.46';
export const OID_AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1';
export const OID_SUBJECT_INFO_ACCESS = '1.3.6.1.5.5.7.1.11';
export const OID_NETSCAPE_CERT_TYPE = '2.16.840.1.113730.1.1';

// Extended key usage purposes (RFC 5280 4.2.1.12 and others).
export const EKU_ANY = '2.5.29.37.0';
export const EKU_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
export const EKU_CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
export const EKU_EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
export const EKU_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
export const EKU_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
export const EKU_DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';
export const EKU_MS_DOCUMENT_SIGNING = '1.3.6.1.4.1.311.10.3.12';
export const EKU_ADOBE_AUTHENTIC_DOCUMENTS = '1.2.840.113583.1.1.5';

/**
 * Extensions whose criticality we honour: we either enforce them or they only inform (identifiers, names,
 * locations, policies as "any policy"). Anything else that is critical makes the certificate unusable.
 */
export const RECOGNISED_EXTENSIONS: ReadonlySet<string> = new Set([
  OID_SUBJECT_KEY_IDENTIFIER,
  OID_KEY_USAGE,
  OID_SUBJECT_ALT_NAME,
  OID_ISSUER_ALT_NAME,
  OID_BASIC_CONSTRAINTS,
  OID_CRL_DISTRIBUTION_POINTS,
  OID_CERTIFICATE_POLICIES,
  OID_AUTHORITY_KEY_IDENTIFIER,
  OID_EXT_KEY_USAGE,
  OID_FRESHEST_CRL,
  OID_AUTHORITY_INFO_ACCESS,
  OID_SUBJECT_INFO_ACCESS,
  OID_NETSCAPE_CERT_TYPE,
]);

export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

export interface RawExtension {
  oid: string;
  critical: boolean;
  /** DER of the extension value (the content of extnValue). */
  value: Uint8Array;
}

export interface BasicConstraints {
  cA: boolean;
  pathLen?: number;
}

export interface CertificateExtensions {
  basicConstraints?: BasicConstraints;
  keyUsage?: ReadonlySet<KeyUsageName>;
  extKeyUsage?: readonly string[];
  /** Hex, lower case. */
  subjectKeyIdentifier?: string;
  /** keyIdentifier of the AuthorityKeyIdentifier, hex lower case. */
  authorityKeyIdentifier?: string;
  /** URIs of the CRL distribution points (fullName uniformResourceIdentifier). */
  crlDistributionPoints: readonly string[];
  /** Critical extensions heyan does not process: such a certificate must not be accepted. */
  unknownCritical: readonly string[];
  /** Known extensions that failed to decode, or duplicates ("oid: reason"). */
  malformed: readonly string[];
  raw: readonly RawExtension[];
}

/** Parse Extensions ::= SEQUENCE OF Extension into raw entries. Throws FormatError on a bad outer structure. */
export function rawExtensions(seq: El | undefined, what: string): RawExtension[] {
  if (!seq || seq.tag !== TAG_SEQUENCE) throw new FormatError(`${what}: Extensions must be a SEQUENCE`);
  const out: RawExtension[] = [];
  for (const ext of children(seq, what, 512)) {
    const parts = ext.tag === TAG_SEQUENCE ? children(ext, what, 4) : [];
    if (parts.length < 2 || parts.length > 3) throw new FormatError(`${what}: bad Extension`);
    const oid = readOid(parts[0], what);
    let critical = false;
    if (parts.length === 3) critical = readBoolean(parts[1]!, `${what} critical`);
    const value = content(expectTag(parts[parts.length - 1], TAG_OCTET_STRING, `${what} extnValue`));
    out.push({ oid, critical, value });
  }
  return out;
}

function inner(value: Uint8Array, what: string): El {
  return readRoot(value, what, PKI_READER);
}

function decodeBasicConstraints(v: Uint8Array): BasicConstraints {
  const parts = children(expectTag(inner(v, 'basicConstraints'), TAG_SEQUENCE, 'basicConstraints'), 'basicConstraints', 3);
  let cA = false;
  let i = 0;
  if (parts[i]?.tag === TAG_BOOLEAN) cA = readBoolean(parts[i++]!, 'basicConstraints cA');
  const out: BasicConstraints = { cA };
  const p = parts[i];
  if (p !== undefined) {
    const raw = content(expectTag(p, TAG_INTEGER, 'basicConstraints pathLenConstraint'));
    if (raw.length === 0 || raw.length > 4 || (raw[0]! & 0x80) !== 0) throw new FormatError('basicConstraints: pathLenConstraint out of range');
    out.pathLen = raw.reduce((a, b) => a * 256 + b, 0);
    i++;
  }
  if (i !== parts.length) throw new FormatError('basicConstraints: unexpected elements');
  return out;
}

function decodeKeyUsage(v: Uint8Array): Set<KeyUsageName> {
  const bits = readBitString(inner(v, 'keyUsage'), 'keyUsage', true);
  const out = new Set<KeyUsageName>();
  KEY_USAGE_NAMES.forEach((name, i) => {
    const byte = bits[i >> 3];
    if (byte !== undefined && (byte & (0x80 >> (i & 7))) !== 0) out.add(name);
  });
  return out;
}

function decodeExtKeyUsage(v: Uint8Array): string[] {
  const list = children(expectTag(inner(v, 'extKeyUsage'), TAG_SEQUENCE, 'extKeyUsage'), 'extKeyUsage', 64).map((c) => readOid(c, 'extKeyUsage'));
  if (list.length === 0) throw new FormatError('extKeyUsage: empty');
  return list;
}

function decodeSki(v: Uint8Array): string {
  return toHex(content(expectTag(inner(v, 'subjectKeyIdentifier'), TAG_OCTET_STRING, 'subjectKeyIdentifier')));
}

function decodeAki(v: Uint8Array): string | undefined {
  const first = children(expectTag(inner(v, 'authorityKeyIdentifier'), TAG_SEQUENCE, 'authorityKeyIdentifier'), 'authorityKeyIdentifier', 4)[0];
  // keyIdentifier [0] IMPLICIT OCTET STRING; issuer/serial ([1], [2]) alone carry no key id.
  return first && first.tag === 0x80 ? toHex(content(first)) : undefined;
}

function decodeCrlDistributionPoints(v: Uint8Array): string[] {
  const what = 'cRLDistributionPoints';
  const urls: string[] = [];
  for (const dp of children(expectTag(inner(v, what), TAG_SEQUENCE, what), what, 64)) {
    const dpName = children(dp, what, 4).find((c) => isCtx(c, 0));
    const fullName = dpName ? children(dpName, what, 4).find((c) => isCtx(c, 0)) : undefined;
    // uniformResourceIdentifier [6] IA5String
    for (const gn of fullName ? children(fullName, what, 64) : []) if (gn.tag === 0x86) urls.push(Buffer.from(content(gn)).toString('latin1'));
  }
  return urls;
}

/** Decode the extensions heyan uses. Never throws: problems go to `malformed`. */
export function decodeExtensions(raw: RawExtension[]): CertificateExtensions {
  const seen = new Set<string>();
  const malformed: string[] = [];
  const unknownCritical: string[] = [];
  const out: {
    -readonly [K in keyof CertificateExtensions]: CertificateExtensions[K];
  } = { crlDistributionPoints: [], unknownCritical, malformed, raw };
  for (const ext of raw) {
    if (seen.has(ext.oid)) {
      malformed.push(`${ext.oid}: duplicate extension`);
      continue;
    }
    seen.add(ext.oid);
    if (ext.critical && !RECOGNISED_EXTENSIONS.has(ext.oid)) unknownCritical.push(ext.oid);
    try {
      switch (ext.oid) {
        case OID_BASIC_CONSTRAINTS:
          out.basicConstraints = decodeBasicConstraints(ext.value);
          break;
        case OID_KEY_USAGE:
          out.keyUsage = decodeKeyUsage(ext.value);
          break;
        case OID_EXT_KEY_USAGE:
          out.extKeyUsage = decodeExtKeyUsage(ext.value);
          break;
        case OID_SUBJECT_KEY_IDENTIFIER:
          out.subjectKeyIdentifier = decodeSki(ext.value);
          break;
        case OID_AUTHORITY_KEY_IDENTIFIER: {
          const aki = decodeAki(ext.value);
          if (aki !== undefined) out.authorityKeyIdentifier = aki;
          break;
        }
        case OID_CRL_DISTRIBUTION_POINTS:
          out.crlDistributionPoints = decodeCrlDistributionPoints(ext.value);
          break;
      }
    } catch (e) {
      malformed.push(`${ext.oid}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}
