// X.509 CRL (RFC 5280 section 5). The revoked list is walked with the zero-copy reader of asn1/, not a full ASN.1
// tree, so national CAs' CRLs of several MiB parse quickly and within bounded memory.
import { createHash } from 'node:crypto';
import { FormatError, LimitError } from '../errors.js';
import type { AlgorithmIdentifier } from '../crypto/types.js';
import {
  Asn1Reader,
  TAG_BIT_STRING,
  TAG_INTEGER,
  TAG_SEQUENCE,
  children,
  content,
  encodePem,
  encoding,
  expectTag,
  integerHex,
  isCtx,
  looksLikePem,
  readOid,
  readRoot,
  readTime,
  toHex,
  type El,
} from '../asn1/index.js';
import { algorithmOf } from './algorithm.js';
import {
  OID_AUTHORITY_INFO_ACCESS,
  OID_AUTHORITY_KEY_IDENTIFIER,
  OID_CRL_NUMBER,
  OID_FRESHEST_CRL,
  OID_ISSUER_ALT_NAME,
  OID_ISSUING_DISTRIBUTION_POINT,
  OID_DELTA_CRL_INDICATOR,
  decodeExtensions,
  rawExtensions,
  type RawExtension,
} from './extensions.js';
import { MAX_BUNDLE_BYTES, MAX_CRL_BYTES, MAX_CRL_ENTRIES } from './limits.js';
import { parseName } from './name.js';
import { parseDerGuarded } from './parse-guard.js';
import { decodePemBlocks } from './pem-blocks.js';
import { CRL_READER, PKI_READER, PKI_TIME } from './reader-options.js';

export const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused7',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;
export type RevocationReason = Exclude<(typeof REVOCATION_REASONS)[number], 'unused7'>;

export interface CrlEntry {
  revocationDate: Date;
  reason?: RevocationReason;
  invalidityDate?: Date;
  /** Critical entry extensions heyan does not process (e.g. certificateIssuer of indirect CRLs). */
  unknownCritical?: string[];
}

export interface IssuingDistributionPoint {
  onlyContainsUserCerts: boolean;
  onlyContainsCACerts: boolean;
  onlyContainsAttributeCerts: boolean;
  indirectCRL: boolean;
  /** True when onlySomeReasons is present (a partitioned CRL). */
  onlySomeReasons: boolean;
}

const RECOGNISED_CRL_EXTENSIONS = new Set([
  OID_AUTHORITY_KEY_IDENTIFIER,
  OID_ISSUER_ALT_NAME,
  OID_CRL_NUMBER,
  OID_ISSUING_DISTRIBUTION_POINT,
  OID_FRESHEST_CRL,
  OID_AUTHORITY_INFO_ACCESS,
]);

// Entry extension OIDs as DER content bytes, compared without decoding for speed.
const OID_BYTES_REASON = '551d15';
const OID_BYTES_INVALIDITY_DATE = '551d18';
const OID_BYTES_HOLD_INSTRUCTION = '551d17';

type CrlFields = Omit<Crl, 'entry' | 'toPem'>;

export class Crl {
  readonly der!: Uint8Array;
  /** TBSCertList exactly as in the input. */
  readonly tbs!: Uint8Array;
  /** 1 or 2. */
  readonly version!: 1 | 2;
  /** RFC 4514 string of the issuer. */
  readonly issuer!: string;
  readonly issuerDer!: Uint8Array;
  /** Normalised issuer name key (same scheme as Certificate.issuerNameKey). */
  readonly issuerNameKey!: string;
  readonly thisUpdate!: Date;
  readonly nextUpdate?: Date;
  /** Revoked serial numbers (hex lower case, as Certificate.serialNumber) → entry. */
  readonly entries!: ReadonlyMap<string, CrlEntry>;
  readonly crlNumber?: bigint;
  readonly authorityKeyIdentifier?: string;
  readonly issuingDistributionPoint?: IssuingDistributionPoint;
  /** A delta CRL (heyan only uses complete CRLs). */
  readonly isDelta!: boolean;
  readonly signatureAlgorithm!: AlgorithmIdentifier;
  readonly tbsSignatureAlgorithm!: AlgorithmIdentifier;
  readonly signatureValue!: Uint8Array;
  readonly extensions!: readonly RawExtension[];
  /** Critical CRL extensions heyan does not process: such a CRL must not be used. */
  readonly unknownCritical!: readonly string[];
  /** Problems found in CRL or entry extensions. */
  readonly malformed!: readonly string[];
  readonly fingerprintSha256!: string;

  private constructor(f: CrlFields) {
    Object.assign(this, f);
  }

  /** Parse a DER CRL. Throws FormatError or LimitError. */
  static fromDer(der: Uint8Array): Crl {
    return parseDerGuarded(der, { what: 'CRL', maxBytes: MAX_CRL_BYTES, tooLarge: LimitError }, (bytes) => new Crl(parseCrl(bytes)));
  }

  /** The entry for a certificate serial number (hex as in Certificate.serialNumber). */
  entry(serialNumber: string): CrlEntry | undefined {
    return this.entries.get(serialNumber);
  }

  toPem(): string {
    return encodePem('X509 CRL', this.der);
  }
}

function parseCrl(buf: Uint8Array): CrlFields {
  const root = new Asn1Reader(buf, CRL_READER).read(0, buf.length, 0);
  if (root.tag !== TAG_SEQUENCE || root.next !== buf.length) throw new FormatError('CRL: one DER SEQUENCE expected');
  const top = children(root, 'CRL', 3);
  if (top.length !== 3 || top[0]!.tag !== TAG_SEQUENCE || top[2]!.tag !== TAG_BIT_STRING) throw new FormatError('CRL: CertificateList expected');
  const [tbsT, algT, sigT] = top as [El, El, El];
  const sig = content(sigT);
  if (sig.length < 1 || sig[0] !== 0) throw new FormatError('CRL: signatureValue has unused bits');

  const t = children(tbsT, 'CRL TBSCertList', 8);
  let i = 0;
  let version: 1 | 2 = 1;
  if (t[0]?.tag === TAG_INTEGER) {
    const v = content(t[0]);
    if (v.length !== 1 || v[0]! > 1) throw new FormatError('CRL: unknown version');
    version = (v[0]! + 1) as 1 | 2;
    i++;
  }
  const tbsAlg = algorithmOf(t[i++], 'CRL signature');
  const issuerT = t[i++];
  if (!issuerT || issuerT.tag !== 0x30) throw new FormatError('CRL: issuer Name expected');
  const issuer = parseName(issuerT, 'CRL issuer');
  const thisUpdate = readTime(t[i++], 'CRL thisUpdate', PKI_TIME);
  let nextUpdate: Date | undefined;
  if (t[i] && (t[i]!.tag === 0x17 || t[i]!.tag === 0x18)) nextUpdate = readTime(t[i++], 'CRL nextUpdate', PKI_TIME);

  const malformed: string[] = [];
  const entries = new Map<string, CrlEntry>();
  if (t[i]?.tag === TAG_SEQUENCE) {
    for (const e of children(t[i++], 'CRL revokedCertificates', MAX_CRL_ENTRIES)) {
      const parts = children(e, 'CRL entry', 3);
      if (parts.length < 2 || parts[0]!.tag !== TAG_INTEGER) throw new FormatError('CRL: bad revokedCertificates entry');
      const serialBytes = content(parts[0]!);
      if (serialBytes.length === 0 || serialBytes.length > 64) throw new FormatError('CRL: bad serial number');
      const entry: CrlEntry = { revocationDate: readTime(parts[1], 'CRL revocationDate', PKI_TIME) };
      if (parts[2]) readEntryExtensions(parts[2], entry, malformed);
      const serial = integerHex(serialBytes);
      if (!entries.has(serial)) entries.set(serial, entry);
    }
  }
  let extensions: RawExtension[] = [];
  if (t[i] && t[i]!.tag === 0xa0) {
    const wrapper = children(t[i++], 'CRL extensions', 2);
    if (wrapper.length !== 1) throw new FormatError('CRL: bad crlExtensions wrapper');
    extensions = rawExtensions(wrapper[0], 'CRL extensions');
    if (version !== 2) malformed.push('crlExtensions present in a version 1 CRL');
  }
  if (i !== t.length) throw new FormatError('CRL: unexpected element in TBSCertList');

  const unknownCritical: string[] = [];
  let crlNumber: bigint | undefined;
  let idp: IssuingDistributionPoint | undefined;
  const seen = new Set<string>();
  for (const x of extensions) {
    if (seen.has(x.oid)) malformed.push(`${x.oid}: duplicate extension`);
    seen.add(x.oid);
    if (x.critical && !RECOGNISED_CRL_EXTENSIONS.has(x.oid)) unknownCritical.push(x.oid);
    try {
      if (x.oid === OID_CRL_NUMBER) {
        const c = content(expectTag(readRoot(x.value, 'cRLNumber', PKI_READER), TAG_INTEGER, 'cRLNumber'));
        if (c.length === 0 || c.length > 21 || (c[0]! & 0x80) !== 0) throw new FormatError('cRLNumber out of range');
        crlNumber = BigInt('0x' + (toHex(c) || '0'));
      } else if (x.oid === OID_ISSUING_DISTRIBUTION_POINT) {
        idp = decodeIdp(x.value);
      }
    } catch (e) {
      malformed.push(`${x.oid}: ${(e as Error).message}`);
    }
  }
  const { authorityKeyIdentifier } = decodeExtensions(extensions.filter((x) => x.oid === OID_AUTHORITY_KEY_IDENTIFIER));

  const crl: { -readonly [K in keyof CrlFields]: CrlFields[K] } = {
    der: buf,
    tbs: encoding(tbsT),
    version,
    issuer: issuer.text,
    issuerDer: encoding(issuerT),
    issuerNameKey: issuer.key,
    thisUpdate,
    entries,
    isDelta: seen.has(OID_DELTA_CRL_INDICATOR),
    signatureAlgorithm: algorithmOf(algT, 'CRL signatureAlgorithm'),
    tbsSignatureAlgorithm: tbsAlg,
    signatureValue: sig.subarray(1),
    extensions,
    unknownCritical,
    malformed,
    fingerprintSha256: createHash('sha256').update(buf).digest('hex'),
  };
  if (nextUpdate) crl.nextUpdate = nextUpdate;
  if (crlNumber !== undefined) crl.crlNumber = crlNumber;
  if (authorityKeyIdentifier) crl.authorityKeyIdentifier = authorityKeyIdentifier;
  if (idp) crl.issuingDistributionPoint = idp;
  return crl;
}

/** The element at the start of an OCTET STRING's contents (an extnValue), read with the same reader. */
function inner(t: El): El {
  return t.reader.read(t.start, t.end, t.depth + 1);
}

function readEntryExtensions(t: El, entry: CrlEntry, malformed: string[]): void {
  if (t.tag !== TAG_SEQUENCE) throw new FormatError('CRL: bad crlEntryExtensions');
  for (const x of children(t, 'CRL entry extensions', 16)) {
    const p = children(x, 'CRL entry extension', 3);
    if (p.length < 2 || p[0]!.tag !== 0x06) throw new FormatError('CRL: bad entry extension');
    const oidHex = toHex(content(p[0]!));
    const critical = p.length === 3 && p[1]!.tag === 0x01 && content(p[1]!)[0] !== 0;
    const valueT = p[p.length - 1]!;
    if (valueT.tag !== 0x04) throw new FormatError('CRL: entry extnValue must be an OCTET STRING');
    try {
      if (oidHex === OID_BYTES_REASON) {
        const v = inner(valueT);
        if (v.tag !== 0x0a || v.end - v.start !== 1) throw new FormatError('reasonCode: ENUMERATED expected');
        const code = content(v)[0]!;
        const name = REVOCATION_REASONS[code];
        if (!name || name === 'unused7') throw new FormatError(`reasonCode ${code} unknown`);
        entry.reason = name;
      } else if (oidHex === OID_BYTES_INVALIDITY_DATE) {
        entry.invalidityDate = readTime(inner(valueT), 'invalidityDate', PKI_TIME);
      } else if (oidHex !== OID_BYTES_HOLD_INSTRUCTION && critical) {
        (entry.unknownCritical ??= []).push(readOid(p[0], 'entry extension'));
      }
    } catch (e) {
      malformed.push(`entry extension ${oidHex}: ${(e as Error).message}`);
    }
  }
}

function decodeIdp(v: Uint8Array): IssuingDistributionPoint {
  const parts = children(expectTag(readRoot(v, 'issuingDistributionPoint', PKI_READER), TAG_SEQUENCE, 'issuingDistributionPoint'), 'issuingDistributionPoint', 8);
  const flag = (tag: number) => {
    const c = parts.find((x) => isCtx(x, tag));
    return !!c && content(c)[0] !== 0;
  };
  return {
    onlyContainsUserCerts: flag(1),
    onlyContainsCACerts: flag(2),
    onlySomeReasons: parts.some((x) => isCtx(x, 3)),
    indirectCRL: flag(4),
    onlyContainsAttributeCerts: flag(5),
  };
}

/** CRLs from PEM ("X509 CRL" blocks) or one DER CRL. Throws FormatError for other PEM labels. */
export function loadCrls(input: Uint8Array | string): Crl[] {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > Math.max(MAX_CRL_BYTES * 2, MAX_BUNDLE_BYTES)) throw new LimitError('CRL input too large');
  if (looksLikePem(input)) {
    const out: Crl[] = [];
    for (const b of decodePemBlocks(input)) {
      if (b.label !== 'X509 CRL' && b.label !== 'CRL') throw new FormatError(`PEM block "${b.label}" is not a CRL (expected X509 CRL)`);
      out.push(Crl.fromDer(b.der));
    }
    if (out.length === 0) throw new FormatError('no CRL found');
    return out;
  }
  if (typeof input === 'string') throw new FormatError('no PEM block found');
  return [Crl.fromDer(input)];
}
