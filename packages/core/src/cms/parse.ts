// ContentInfo{signedData} parser (RFC 5652 §5, PKCS#7 v1.5, GB/T 35275 §8). Throws FormatError / LimitError.
import type { AlgorithmIdentifier } from '../crypto/types.js';
import { FormatError, LimitError } from '../errors.js';
import { Certificate, Crl } from '../pki/index.js';
import {
  Asn1Reader,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
  TAG_SET,
  children,
  content,
  copyBytes,
  encoding,
  expectTag,
  isConstructed,
  isCtx,
  isIndefinite,
  isUniversal,
  readOctetString,
  readOid,
  readSmallInt,
  type El,
} from '../asn1/index.js';
import { OID_GM_SIGNED_DATA, SIGNED_DATA_TYPES } from './oids.js';
import {
  DEFAULT_CMS_LIMITS,
  type CmsAttribute,
  type CmsLimits,
  type OtherRevocationInfo,
  type ParsedSignedData,
  type ParsedSignerInfo,
  type SignerIdentifier,
} from './types.js';

interface Ctx {
  limits: CmsLimits;
  warnings: string[];
  ber: boolean;
}

/**
 * Parse a DER/BER ContentInfo carrying SignedData (PKCS#7 1.2.840.113549.1.7.2 or GB/T 35275 1.2.156.10197.6.1.4.2.2).
 * Trailing zero bytes (PDF /Contents padding) are tolerated; anything else after the ContentInfo is a FormatError.
 */
export function parseSignedData(der: Uint8Array, limits: Partial<CmsLimits> = {}): ParsedSignedData {
  const lim: CmsLimits = { ...DEFAULT_CMS_LIMITS, ...limits };
  if (!(der instanceof Uint8Array)) throw new FormatError('CMS input must be bytes');
  if (der.length > lim.maxBytes) throw new LimitError(`CMS larger than ${lim.maxBytes} bytes`);
  // BER: PDF /Contents and GB/T 35275 producers write indefinite lengths and constructed OCTET STRINGs.
  const r = new Asn1Reader(der, { mode: 'ber', maxDepth: lim.maxDepth, maxElements: lim.maxReads, maxBytes: lim.maxBytes });
  const ctx: Ctx = { limits: lim, warnings: [], ber: false };

  const ci = expectTag(r.read(0, der.length, 0), TAG_SEQUENCE, 'ContentInfo');
  for (let i = ci.next; i < der.length; i++) {
    if (der[i] !== 0) throw new FormatError('data after the ContentInfo');
  }
  if (ci.next < der.length) ctx.warnings.push(`${der.length - ci.next} zero bytes of padding after the ContentInfo`);
  note(ctx, ci);
  const [ctTlv, contentTlv, ...extra] = children(ci, 'ContentInfo fields', 3);
  const contentType = readOid(ctTlv, 'ContentInfo.contentType');
  if (!SIGNED_DATA_TYPES.includes(contentType)) throw new FormatError(`ContentInfo is not SignedData (${contentType})`);
  if (!contentTlv || !isCtx(contentTlv, 0) || !isConstructed(contentTlv) || extra.length) {
    throw new FormatError('ContentInfo.content must be one [0] EXPLICIT element');
  }
  note(ctx, contentTlv);
  const inner = children(contentTlv, 'ContentInfo.content', 2);
  if (inner.length !== 1) throw new FormatError('ContentInfo.content must hold exactly one SignedData');
  const sd = expectTag(inner[0], TAG_SEQUENCE, 'SignedData');
  note(ctx, sd);
  const parts = children(sd, 'SignedData fields', 8);
  let i = 0;
  const version = readSmallInt(parts[i++], 'SignedData.version');
  if (version < 0 || version > 5) throw new FormatError(`bad SignedData.version ${version}`);

  const daSet = expectTag(parts[i++], TAG_SET, 'SignedData.digestAlgorithms SET');
  note(ctx, daSet);
  const digestAlgorithms = children(daSet, 'digest algorithms', lim.maxDigestAlgorithms).map((t) => readAlgorithm(t, 'SignedData.digestAlgorithms'));

  const encap = expectTag(parts[i++], TAG_SEQUENCE, 'SignedData.encapContentInfo');
  note(ctx, encap);
  const { eContentType, eContent } = readEncap(ctx, encap);

  let certificates: Certificate[] = [];
  let crls: Crl[] = [];
  let otherRevocationInfo: OtherRevocationInfo[] = [];
  let next = parts[i];
  if (next && isCtx(next, 0)) {
    certificates = readCertificates(ctx, next);
    next = parts[++i];
  }
  if (next && isCtx(next, 1)) {
    ({ crls, other: otherRevocationInfo } = readRevocationChoices(ctx, next));
    next = parts[++i];
  }
  const siSet = expectTag(next, TAG_SET, 'SignedData.signerInfos SET');
  note(ctx, siSet);
  if (i + 1 !== parts.length) throw new FormatError('unexpected fields after SignedData.signerInfos');
  const signers = children(siSet, 'SignerInfos', lim.maxSigners).map((t, idx) => readSignerInfo(ctx, t, idx));

  return {
    contentType,
    flavour: contentType === OID_GM_SIGNED_DATA ? 'gbt35275' : 'pkcs7',
    version,
    digestAlgorithms,
    eContentType,
    ...(eContent !== undefined ? { eContent } : {}),
    certificates,
    crls,
    otherRevocationInfo,
    signers,
    warnings: ctx.warnings,
    ber: ctx.ber,
  };
}

function note(ctx: Ctx, t: El): void {
  if (isIndefinite(t)) ctx.ber = true;
}

function readAlgorithm(t: El | undefined, what: string): AlgorithmIdentifier {
  const kids = children(expectTag(t, TAG_SEQUENCE, `${what} AlgorithmIdentifier`), `${what} fields`, 2);
  const oid = readOid(kids[0], `${what} algorithm`);
  const params = kids[1];
  return params ? { oid, params: encoding(params).slice() } : { oid };
}

function readEncap(ctx: Ctx, encap: El): { eContentType: string; eContent?: Uint8Array } {
  const kids = children(encap, 'EncapsulatedContentInfo fields', 2);
  const eContentType = readOid(kids[0], 'eContentType');
  const wrap = kids[1];
  if (!wrap) return { eContentType };
  if (!isCtx(wrap, 0) || !isConstructed(wrap)) throw new FormatError('eContent must be [0] EXPLICIT');
  note(ctx, wrap);
  const inner = children(wrap, 'eContent', 2);
  const c = inner[0];
  if (!c || inner.length !== 1) throw new FormatError('eContent [0] must hold one element');
  if (isUniversal(c, TAG_OCTET_STRING)) {
    if (isConstructed(c)) ctx.ber = true;
    return { eContentType, eContent: readOctetString(c, 'eContent').slice() };
  }
  // PKCS#7 v1.5 allowed any type here; the signed bytes are then the contents octets (RFC 5652 §5.2.1).
  ctx.warnings.push('eContent is not an OCTET STRING (PKCS#7 v1.5 form); its contents octets are taken as the content');
  return { eContentType, eContent: content(c).slice() };
}

function readCertificates(ctx: Ctx, set: El): Certificate[] {
  if (!isConstructed(set)) throw new FormatError('SignedData.certificates must be constructed');
  note(ctx, set);
  const out: Certificate[] = [];
  for (const t of children(set, 'certificates', ctx.limits.maxCertificates)) {
    if (t.tag !== TAG_SEQUENCE) {
      ctx.warnings.push(`skipped a non-X.509 CertificateChoices entry (tag [${t.num}])`);
      continue;
    }
    try {
      out.push(Certificate.fromDer(encoding(t).slice()));
    } catch (e) {
      ctx.warnings.push(`skipped an unparseable certificate: ${(e as Error).message}`);
    }
  }
  return out;
}

/** RevocationInfoChoice ::= CHOICE { crl CertificateList, other [1] IMPLICIT OtherRevocationInfoFormat } (RFC 5652 §10.2.1). */
function readRevocationChoices(ctx: Ctx, set: El): { crls: Crl[]; other: OtherRevocationInfo[] } {
  if (!isConstructed(set)) throw new FormatError('SignedData.crls must be constructed');
  note(ctx, set);
  const crls: Crl[] = [];
  const other: OtherRevocationInfo[] = [];
  for (const t of children(set, 'CRLs', ctx.limits.maxCrls)) {
    if (t.tag === TAG_SEQUENCE) {
      try {
        crls.push(Crl.fromDer(encoding(t).slice()));
      } catch (e) {
        ctx.warnings.push(`skipped an unparseable CRL: ${(e as Error).message}`);
      }
      continue;
    }
    if (!isCtx(t, 1) || !isConstructed(t)) {
      ctx.warnings.push(`skipped a RevocationInfoChoices entry that is neither a CRL nor [1] other (tag 0x${t.tag.toString(16)})`);
      continue;
    }
    // OtherRevocationInfoFormat ::= SEQUENCE { otherRevInfoFormat OBJECT IDENTIFIER, otherRevInfo ANY DEFINED BY ... }
    note(ctx, t);
    try {
      const [fmt, info, ...rest] = children(t, 'OtherRevocationInfoFormat fields', 3);
      const format = readOid(fmt, 'otherRevInfoFormat');
      if (!info || rest.length) throw new FormatError('OtherRevocationInfoFormat needs exactly a format and a value');
      if (isIndefinite(info)) ctx.ber = true;
      // Exact input bytes: an OCSP response inside is signed, so it is never re-encoded.
      other.push({ format, value: encoding(info).slice() });
    } catch (e) {
      ctx.warnings.push(`skipped a malformed OtherRevocationInfoFormat entry: ${(e as Error).message}`);
    }
  }
  return { crls, other };
}

function readSid(t: El | undefined): SignerIdentifier {
  if (t && t.tag === TAG_SEQUENCE) {
    const [issuer, serial, ...rest] = children(t, 'IssuerAndSerialNumber fields', 2);
    const name = expectTag(issuer, TAG_SEQUENCE, 'an issuer Name');
    const sn = expectTag(serial, TAG_INTEGER, 'a serial number INTEGER');
    if (rest.length || sn.end === sn.start) throw new FormatError('bad IssuerAndSerialNumber');
    return { type: 'issuerAndSerialNumber', issuer: encoding(name).slice(), serialNumber: content(sn).slice() };
  }
  if (t && isCtx(t, 0)) {
    // [0] IMPLICIT SubjectKeyIdentifier (OCTET STRING); BER may make it constructed.
    return { type: 'subjectKeyIdentifier', keyIdentifier: readOctetString(t, 'SubjectKeyIdentifier', true).slice() };
  }
  throw new FormatError('SignerInfo.sid is neither IssuerAndSerialNumber nor [0] SubjectKeyIdentifier');
}

function readAttributes(ctx: Ctx, set: El, what: string): CmsAttribute[] {
  const { limits } = ctx;
  if (!isConstructed(set)) throw new FormatError(`${what} must be constructed`);
  const out: CmsAttribute[] = [];
  for (const a of children(set, what, limits.maxAttributes)) {
    const seq = expectTag(a, TAG_SEQUENCE, `an Attribute in ${what}`);
    const [type, values, ...rest] = children(seq, 'Attribute fields', 2);
    const oid = readOid(type, 'Attribute.attrType');
    const vs = expectTag(values, TAG_SET, 'Attribute.attrValues SET');
    if (rest.length) throw new FormatError('bad Attribute');
    out.push({ oid, values: children(vs, 'attribute values', limits.maxAttributes).map((v) => encoding(v).slice()) });
  }
  return out;
}

function readSignerInfo(ctx: Ctx, t: El, index: number): ParsedSignerInfo {
  const si = expectTag(t, TAG_SEQUENCE, 'SignerInfo');
  note(ctx, si);
  const f = children(si, 'SignerInfo fields', 7);
  let i = 0;
  const version = readSmallInt(f[i++], 'SignerInfo.version');
  if (version < 0 || version > 5) throw new FormatError(`bad SignerInfo.version ${version}`);
  const sid = readSid(f[i++]);
  const digestAlgorithm = readAlgorithm(f[i++], 'SignerInfo.digestAlgorithm');
  let signedAttributes: CmsAttribute[] | undefined;
  let signedAttributesDer: Uint8Array | undefined;
  const sa = f[i];
  if (sa && isCtx(sa, 0)) {
    signedAttributes = readAttributes(ctx, sa, 'signed attributes');
    // The signature covers the SET OF encoding: same bytes, universal SET identifier (RFC 5652 §5.4).
    // A real copy: the first byte is rewritten, and the input (possibly a Node Buffer, whose slice() is a view) is the caller's.
    signedAttributesDer = copyBytes(encoding(sa));
    signedAttributesDer[0] = TAG_SET;
    i++;
  }
  const signatureAlgorithm = readAlgorithm(f[i++], 'SignerInfo.signatureAlgorithm');
  const signature = readOctetString(f[i++], 'SignerInfo.signature').slice();
  let unsignedAttributes: CmsAttribute[] | undefined;
  const ua = f[i];
  if (ua && isCtx(ua, 1)) {
    unsignedAttributes = readAttributes(ctx, ua, 'unsigned attributes');
    i++;
  }
  if (i !== f.length) throw new FormatError('unexpected fields in SignerInfo');
  return {
    index,
    version,
    sid,
    digestAlgorithm,
    ...(signedAttributes ? { signedAttributes, signedAttributesDer } : {}),
    signatureAlgorithm,
    signature,
    ...(unsignedAttributes ? { unsignedAttributes } : {}),
    raw: encoding(si).slice(),
  };
}
