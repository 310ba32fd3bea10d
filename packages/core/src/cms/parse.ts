// ContentInfo{signedData} parser (RFC 5652 §5, PKCS#7 v1.5, GB/T 35275 §8). Throws FormatError / LimitError.
import type { AlgorithmIdentifier } from '../crypto/types.js';
import { FormatError, LimitError } from '../errors.js';
import { Certificate, Crl } from '../pki/index.js';
import {
  BerReader,
  CLS_CONTEXT,
  TAG,
  expectUniversal,
  isContext,
  isUniversal,
  readOid,
  readSmallInt,
  type Tlv,
} from './ber.js';
import { OID_GM_SIGNED_DATA, SIGNED_DATA_TYPES } from './oids.js';
import {
  DEFAULT_CMS_LIMITS,
  type CmsAttribute,
  type CmsLimits,
  type ParsedSignedData,
  type ParsedSignerInfo,
  type SignerIdentifier,
} from './types.js';

interface Ctx {
  r: BerReader;
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
  const r = new BerReader(der, { maxDepth: lim.maxDepth, maxReads: lim.maxReads });
  const ctx: Ctx = { r, limits: lim, warnings: [], ber: false };

  const ci = expectUniversal(r.read(0, der.length, 0), TAG.SEQUENCE, 'a ContentInfo SEQUENCE');
  for (let i = ci.end; i < der.length; i++) {
    if (der[i] !== 0) throw new FormatError('data after the ContentInfo');
  }
  if (ci.end < der.length) ctx.warnings.push(`${der.length - ci.end} zero bytes of padding after the ContentInfo`);
  note(ctx, ci);
  const [ctTlv, contentTlv, ...extra] = r.children(ci, 0, 3);
  const contentType = readOid(r, ctTlv, 'ContentInfo.contentType');
  if (!SIGNED_DATA_TYPES.includes(contentType)) throw new FormatError(`ContentInfo is not SignedData (${contentType})`);
  if (!contentTlv || !isContext(contentTlv, 0) || !contentTlv.constructed || extra.length) {
    throw new FormatError('ContentInfo.content must be one [0] EXPLICIT element');
  }
  note(ctx, contentTlv);
  const inner = r.children(contentTlv, 1, 2);
  if (inner.length !== 1) throw new FormatError('ContentInfo.content must hold exactly one SignedData');
  const sd = expectUniversal(inner[0], TAG.SEQUENCE, 'a SignedData SEQUENCE');
  note(ctx, sd);
  const d = 3;
  const parts = r.children(sd, 2, 8, 'SignedData fields');
  let i = 0;
  const version = readSmallInt(r, parts[i++], 'SignedData.version');
  if (version < 0 || version > 5) throw new FormatError(`bad SignedData.version ${version}`);

  const daSet = expectUniversal(parts[i++], TAG.SET, 'SignedData.digestAlgorithms SET');
  note(ctx, daSet);
  const digestAlgorithms = r
    .children(daSet, d, lim.maxDigestAlgorithms, 'digest algorithms')
    .map((t) => readAlgorithm(ctx, t, d + 1, 'SignedData.digestAlgorithms'));

  const encap = expectUniversal(parts[i++], TAG.SEQUENCE, 'SignedData.encapContentInfo');
  note(ctx, encap);
  const { eContentType, eContent } = readEncap(ctx, encap, d);

  let certificates: Certificate[] = [];
  let crls: Crl[] = [];
  let next = parts[i];
  if (next && isContext(next, 0)) {
    certificates = readCertificates(ctx, next, d);
    next = parts[++i];
  }
  if (next && isContext(next, 1)) {
    crls = readCrls(ctx, next, d);
    next = parts[++i];
  }
  const siSet = expectUniversal(next, TAG.SET, 'SignedData.signerInfos SET');
  note(ctx, siSet);
  if (i + 1 !== parts.length) throw new FormatError('unexpected fields after SignedData.signerInfos');
  const signers = r.children(siSet, d, lim.maxSigners, 'SignerInfos').map((t, idx) => readSignerInfo(ctx, t, d + 1, idx));

  return {
    contentType,
    flavour: contentType === OID_GM_SIGNED_DATA ? 'gbt35275' : 'pkcs7',
    version,
    digestAlgorithms,
    eContentType,
    ...(eContent !== undefined ? { eContent } : {}),
    certificates,
    crls,
    signers,
    warnings: ctx.warnings,
    ber: ctx.ber,
  };
}

function note(ctx: Ctx, t: Tlv): void {
  if (t.indefinite) ctx.ber = true;
}

function readAlgorithm(ctx: Ctx, t: Tlv | undefined, depth: number, what: string): AlgorithmIdentifier {
  const { r } = ctx;
  const s = expectUniversal(t, TAG.SEQUENCE, `${what} AlgorithmIdentifier`);
  const kids = r.children(s, depth, 2, `${what} fields`);
  const oid = readOid(r, kids[0], `${what} algorithm`);
  const params = kids[1];
  return params ? { oid, params: r.raw(params).slice() } : { oid };
}

function readEncap(ctx: Ctx, encap: Tlv, depth: number): { eContentType: string; eContent?: Uint8Array } {
  const { r } = ctx;
  const kids = r.children(encap, depth, 2, 'EncapsulatedContentInfo fields');
  const eContentType = readOid(r, kids[0], 'eContentType');
  const wrap = kids[1];
  if (!wrap) return { eContentType };
  if (!isContext(wrap, 0) || !wrap.constructed) throw new FormatError('eContent must be [0] EXPLICIT');
  note(ctx, wrap);
  const inner = r.children(wrap, depth + 1, 2);
  const c = inner[0];
  if (!c || inner.length !== 1) throw new FormatError('eContent [0] must hold one element');
  if (isUniversal(c, TAG.OCTET_STRING)) {
    if (c.constructed) ctx.ber = true;
    return { eContentType, eContent: r.octets(c, depth + 2).slice() };
  }
  // PKCS#7 v1.5 allowed any type here; the signed bytes are then the contents octets (RFC 5652 §5.2.1).
  ctx.warnings.push('eContent is not an OCTET STRING (PKCS#7 v1.5 form); its contents octets are taken as the content');
  return { eContentType, eContent: r.value(c).slice() };
}

function readCertificates(ctx: Ctx, set: Tlv, depth: number): Certificate[] {
  const { r, limits } = ctx;
  if (!set.constructed) throw new FormatError('SignedData.certificates must be constructed');
  note(ctx, set);
  const out: Certificate[] = [];
  for (const t of r.children(set, depth, limits.maxCertificates, 'certificates')) {
    if (!isUniversal(t, TAG.SEQUENCE)) {
      ctx.warnings.push(`skipped a non-X.509 CertificateChoices entry (tag [${t.tag}])`);
      continue;
    }
    try {
      out.push(Certificate.fromDer(r.raw(t).slice()));
    } catch (e) {
      ctx.warnings.push(`skipped an unparseable certificate: ${(e as Error).message}`);
    }
  }
  return out;
}

function readCrls(ctx: Ctx, set: Tlv, depth: number): Crl[] {
  const { r, limits } = ctx;
  if (!set.constructed) throw new FormatError('SignedData.crls must be constructed');
  note(ctx, set);
  const out: Crl[] = [];
  for (const t of r.children(set, depth, limits.maxCrls, 'CRLs')) {
    if (!isUniversal(t, TAG.SEQUENCE)) {
      ctx.warnings.push('skipped an OtherRevocationInfoFormat entry');
      continue;
    }
    try {
      out.push(Crl.fromDer(r.raw(t).slice()));
    } catch (e) {
      ctx.warnings.push(`skipped an unparseable CRL: ${(e as Error).message}`);
    }
  }
  return out;
}

function readSid(ctx: Ctx, t: Tlv | undefined, depth: number): SignerIdentifier {
  const { r } = ctx;
  if (t && isUniversal(t, TAG.SEQUENCE)) {
    const [issuer, serial, ...rest] = r.children(t, depth, 2, 'IssuerAndSerialNumber fields');
    const name = expectUniversal(issuer, TAG.SEQUENCE, 'an issuer Name');
    const sn = expectUniversal(serial, TAG.INTEGER, 'a serial number INTEGER');
    if (rest.length || sn.constructed || sn.valueEnd === sn.valueStart) throw new FormatError('bad IssuerAndSerialNumber');
    return { type: 'issuerAndSerialNumber', issuer: r.raw(name).slice(), serialNumber: r.value(sn).slice() };
  }
  if (t && t.cls === CLS_CONTEXT && t.tag === 0) {
    // [0] IMPLICIT SubjectKeyIdentifier (OCTET STRING); BER may make it constructed.
    const v = t.constructed ? r.octets({ ...t, cls: 0, tag: TAG.OCTET_STRING }, depth) : r.value(t);
    return { type: 'subjectKeyIdentifier', keyIdentifier: v.slice() };
  }
  throw new FormatError('SignerInfo.sid is neither IssuerAndSerialNumber nor [0] SubjectKeyIdentifier');
}

function readAttributes(ctx: Ctx, set: Tlv, depth: number, what: string): CmsAttribute[] {
  const { r, limits } = ctx;
  if (!set.constructed) throw new FormatError(`${what} must be constructed`);
  const out: CmsAttribute[] = [];
  for (const a of r.children(set, depth, limits.maxAttributes, what)) {
    const seq = expectUniversal(a, TAG.SEQUENCE, `an Attribute in ${what}`);
    const [type, values, ...rest] = r.children(seq, depth + 1, 2, 'Attribute fields');
    const oid = readOid(r, type, 'Attribute.attrType');
    const vs = expectUniversal(values, TAG.SET, 'Attribute.attrValues SET');
    if (rest.length) throw new FormatError('bad Attribute');
    out.push({
      oid,
      values: r.children(vs, depth + 2, limits.maxAttributes, 'attribute values').map((v) => r.raw(v).slice()),
    });
  }
  return out;
}

function readSignerInfo(ctx: Ctx, t: Tlv, depth: number, index: number): ParsedSignerInfo {
  const { r } = ctx;
  const si = expectUniversal(t, TAG.SEQUENCE, 'a SignerInfo SEQUENCE');
  note(ctx, si);
  const f = r.children(si, depth, 7, 'SignerInfo fields');
  let i = 0;
  const version = readSmallInt(r, f[i++], 'SignerInfo.version');
  if (version < 0 || version > 5) throw new FormatError(`bad SignerInfo.version ${version}`);
  const sid = readSid(ctx, f[i++], depth + 1);
  const digestAlgorithm = readAlgorithm(ctx, f[i++], depth + 1, 'SignerInfo.digestAlgorithm');
  let signedAttributes: CmsAttribute[] | undefined;
  let signedAttributesDer: Uint8Array | undefined;
  const sa = f[i];
  if (sa && isContext(sa, 0)) {
    signedAttributes = readAttributes(ctx, sa, depth + 1, 'signed attributes');
    // The signature covers the SET OF encoding: same bytes, universal SET identifier (RFC 5652 §5.4).
    signedAttributesDer = r.raw(sa).slice();
    signedAttributesDer[0] = 0x31;
    i++;
  }
  const signatureAlgorithm = readAlgorithm(ctx, f[i++], depth + 1, 'SignerInfo.signatureAlgorithm');
  const sig = expectUniversal(f[i++], TAG.OCTET_STRING, 'SignerInfo.signature OCTET STRING');
  const signature = r.octets(sig, depth + 1).slice();
  let unsignedAttributes: CmsAttribute[] | undefined;
  const ua = f[i];
  if (ua && isContext(ua, 1)) {
    unsignedAttributes = readAttributes(ctx, ua, depth + 1, 'unsigned attributes');
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
    raw: r.raw(si).slice(),
  };
}
