// OCSPResponse / BasicOCSPResponse decoder (RFC 6960 4.2.1) on the shared bounded reader. Throws FormatError or
// LimitError; the signed ResponseData is kept as the input's bytes.
import { createHash } from 'node:crypto';
import { FormatError, HeyanError, LimitError } from '../../errors.js';
import {
  TAG_BIT_STRING,
  TAG_ENUMERATED,
  TAG_GENERALIZED_TIME,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
  children,
  content,
  encoding,
  expectTag,
  integerHex,
  isCtx,
  readBitString,
  readOid,
  readRoot,
  readSmallUint,
  readTime,
  type El,
} from '../../asn1/index.js';
import { algorithmOf } from '../algorithm.js';
import { Certificate } from '../certificate.js';
import { REVOCATION_REASONS, type RevocationReason } from '../crl.js';
import { rawExtensions, type RawExtension } from '../extensions.js';
import { parseName } from '../name.js';
import { PKI_TIME } from '../reader-options.js';
import { MAX_OCSP_BYTES, MAX_OCSP_CERTIFICATES, MAX_OCSP_SINGLE_RESPONSES, OCSP_READER } from './limits.js';
import { OID_OCSP_BASIC, OID_OCSP_NONCE } from './oids.js';
import type { BasicOcspResponse, OcspCertId, OcspResponderId, OcspResponse, OcspResponseStatus, OcspSingleResponse } from './types.js';

// OCSPResponseStatus values; 4 is unused.
const STATUS: readonly (OcspResponseStatus | undefined)[] = ['successful', 'malformedRequest', 'internalError', 'tryLater', undefined, 'sigRequired', 'unauthorized'];

/**
 * Parse a DER OCSPResponse, or a bare BasicOCSPResponse (as found in some PDF /DSS /OCSPs). Checks the structure
 * only: `verifyOcspResponse` checks the signature and the responder. Throws FormatError / LimitError.
 */
export function parseOcspResponse(der: Uint8Array): OcspResponse {
  if (!(der instanceof Uint8Array)) throw new FormatError('OCSP response: bytes expected');
  if (der.length > MAX_OCSP_BYTES) throw new LimitError(`OCSP response: ${der.length} bytes exceeds the ${MAX_OCSP_BYTES}-byte limit`);
  const bytes = new Uint8Array(der); // own copy: the slices kept below must outlive the caller's buffer
  try {
    return parse(bytes);
  } catch (e) {
    if (e instanceof HeyanError) throw e;
    throw new FormatError(`OCSP response: ${(e as Error).message}`, { cause: e });
  }
}

function parse(bytes: Uint8Array): OcspResponse {
  const root = expectTag(readRoot(bytes, 'OCSP response', OCSP_READER), TAG_SEQUENCE, 'OCSP response');
  const top = children(root, 'OCSP response', 4);
  const fingerprintSha256 = createHash('sha256').update(bytes).digest('hex');
  const warnings: string[] = [];
  // A bare BasicOCSPResponse starts with ResponseData (a SEQUENCE); an OCSPResponse with the ENUMERATED status.
  if (top[0]?.tag === TAG_SEQUENCE) {
    return { der: bytes, responseStatus: 'successful', basic: parseBasic(root, warnings), bare: true, warnings, fingerprintSha256 };
  }
  const st = content(expectTag(top[0], TAG_ENUMERATED, 'OCSPResponse.responseStatus'));
  const responseStatus = st.length === 1 ? STATUS[st[0]!] : undefined;
  if (!responseStatus) throw new FormatError('OCSPResponse: unknown responseStatus');
  const out: OcspResponse = { der: bytes, responseStatus, bare: false, warnings, fingerprintSha256 };
  if (top.length === 1) {
    if (responseStatus === 'successful') throw new FormatError('OCSPResponse: successful status without responseBytes');
    return out;
  }
  if (top.length !== 2 || !isCtx(top[1], 0) || top[1]!.tag !== 0xa0) throw new FormatError('OCSPResponse: [0] responseBytes expected');
  // RFC 6960: error statuses carry no responseBytes; we do not look into any that are there.
  if (responseStatus !== 'successful') return out;
  const rbWrap = children(top[1], 'OCSPResponse.responseBytes', 2);
  if (rbWrap.length !== 1) throw new FormatError('OCSPResponse: bad [0] responseBytes wrapper');
  const rb = children(expectTag(rbWrap[0], TAG_SEQUENCE, 'ResponseBytes'), 'ResponseBytes', 3);
  if (rb.length !== 2) throw new FormatError('ResponseBytes: 2 elements expected');
  out.responseType = readOid(rb[0], 'ResponseBytes.responseType');
  const octets = expectTag(rb[1], TAG_OCTET_STRING, 'ResponseBytes.response');
  if (out.responseType !== OID_OCSP_BASIC) {
    warnings.push(`response type ${out.responseType} is not id-pkix-ocsp-basic`);
    return out;
  }
  // The BasicOCSPResponse is read from the OCTET STRING's contents with the same reader (same element budget).
  const basicEl = octets.reader.read(octets.start, octets.end, octets.depth + 1);
  if (basicEl.next !== octets.end) throw new FormatError('ResponseBytes.response: trailing bytes after BasicOCSPResponse');
  out.basic = parseBasic(expectTag(basicEl, TAG_SEQUENCE, 'BasicOCSPResponse'), warnings);
  return out;
}

function parseBasic(el: El, warnings: string[]): BasicOcspResponse {
  const parts = children(el, 'BasicOCSPResponse', 5);
  if (parts.length < 3 || parts.length > 4) throw new FormatError('BasicOCSPResponse: 3 or 4 elements expected');
  const [tbsEl, algEl, sigEl, certsEl] = parts as [El, El, El, El | undefined];
  expectTag(tbsEl, TAG_SEQUENCE, 'ResponseData');
  const signatureAlgorithm = algorithmOf(algEl, 'BasicOCSPResponse.signatureAlgorithm');
  expectTag(sigEl, TAG_BIT_STRING, 'BasicOCSPResponse.signature');
  const signature = readBitString(sigEl, 'BasicOCSPResponse.signature');

  const certs: Certificate[] = [];
  if (certsEl) {
    if (!isCtx(certsEl, 0) || certsEl.tag !== 0xa0) throw new FormatError('BasicOCSPResponse: [0] certs expected');
    const w = children(certsEl, 'BasicOCSPResponse.certs', 2);
    if (w.length !== 1) throw new FormatError('BasicOCSPResponse: bad [0] certs wrapper');
    for (const c of children(expectTag(w[0], TAG_SEQUENCE, 'BasicOCSPResponse.certs'), 'BasicOCSPResponse.certs', MAX_OCSP_CERTIFICATES)) {
      try {
        certs.push(Certificate.fromDer(encoding(c)));
      } catch (e) {
        warnings.push(`skipped an unparseable certificate: ${(e as Error).message}`);
      }
    }
  }

  const t = children(tbsEl, 'ResponseData', 6);
  let i = 0;
  const version = 1;
  if (isCtx(t[0], 0)) {
    const v = children(t[0], 'ResponseData.version', 2);
    if (v.length !== 1 || readSmallUint(v[0], 'ResponseData.version') !== 0) throw new FormatError('ResponseData: unknown version');
    i++;
  }
  const responderId = parseResponderId(t[i++]);
  const producedAt = readGeneralizedTime(t[i++], 'ResponseData.producedAt');
  const responses = children(expectTag(t[i++], TAG_SEQUENCE, 'ResponseData.responses'), 'ResponseData.responses', MAX_OCSP_SINGLE_RESPONSES).map(parseSingle);
  let extensions: RawExtension[] = [];
  if (t[i] && isCtx(t[i], 1)) extensions = explicitExtensions(t[i++]!, 'ResponseData.responseExtensions');
  if (i !== t.length) throw new FormatError('ResponseData: unexpected element');

  const out: BasicOcspResponse = {
    der: encoding(el),
    tbsResponseData: encoding(tbsEl),
    version,
    responderId,
    producedAt,
    responses,
    extensions,
    signatureAlgorithm,
    signature,
    certs,
  };
  const nonce = extensions.find((x) => x.oid === OID_OCSP_NONCE);
  if (nonce) out.nonce = nonce.value;
  return out;
}

function parseResponderId(e: El | undefined): OcspResponderId {
  // ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash } — EXPLICIT tags (the module's default).
  if (e && e.tag === 0xa1) {
    const w = children(e, 'ResponderID.byName', 2);
    if (w.length !== 1) throw new FormatError('ResponderID.byName: one Name expected');
    const n = parseName(expectTag(w[0], TAG_SEQUENCE, 'ResponderID.byName'), 'ResponderID.byName');
    return { type: 'byName', name: n.text, nameDer: encoding(w[0]!), nameKey: n.key };
  }
  if (e && e.tag === 0xa2) {
    const w = children(e, 'ResponderID.byKey', 2);
    if (w.length !== 1) throw new FormatError('ResponderID.byKey: one KeyHash expected');
    const h = content(expectTag(w[0], TAG_OCTET_STRING, 'ResponderID.byKey'));
    if (h.length === 0 || h.length > 64) throw new FormatError('ResponderID.byKey: bad key hash length');
    return { type: 'byKey', keyHash: h };
  }
  throw new FormatError('ResponderID: [1] byName or [2] byKey expected');
}

function parseSingle(e: El): OcspSingleResponse {
  const p = children(expectTag(e, TAG_SEQUENCE, 'SingleResponse'), 'SingleResponse', 6);
  let i = 0;
  const certId = parseCertId(p[i++]);
  const st = p[i++];
  const out = { certId, thisUpdate: new Date(0), extensions: [] as RawExtension[] } as OcspSingleResponse;
  // CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL }
  if (st?.tag === 0x80 || st?.tag === 0x82) {
    if (st.end !== st.start) throw new FormatError('CertStatus: NULL expected');
    out.status = st.tag === 0x80 ? 'good' : 'unknown';
  } else if (st?.tag === 0xa1) {
    out.status = 'revoked';
    const r = children(st, 'RevokedInfo', 3);
    out.revocationTime = readGeneralizedTime(r[0], 'RevokedInfo.revocationTime');
    if (r.length === 2) {
      if (!isCtx(r[1], 0) || r[1]!.tag !== 0xa0) throw new FormatError('RevokedInfo: [0] revocationReason expected');
      const w = children(r[1], 'RevokedInfo.revocationReason', 2);
      const c = w.length === 1 ? content(expectTag(w[0], TAG_ENUMERATED, 'revocationReason')) : undefined;
      const name = c && c.length === 1 ? REVOCATION_REASONS[c[0]!] : undefined;
      if (!name || name === 'unused7') throw new FormatError('RevokedInfo: unknown revocationReason');
      out.reason = name as RevocationReason;
    } else if (r.length !== 1) throw new FormatError('RevokedInfo: bad structure');
  } else throw new FormatError('SingleResponse: bad certStatus');
  out.thisUpdate = readGeneralizedTime(p[i++], 'SingleResponse.thisUpdate');
  if (p[i] && p[i]!.tag === 0xa0) {
    const w = children(p[i++], 'SingleResponse.nextUpdate', 2);
    if (w.length !== 1) throw new FormatError('SingleResponse: bad [0] nextUpdate');
    out.nextUpdate = readGeneralizedTime(w[0], 'SingleResponse.nextUpdate');
  }
  if (p[i] && p[i]!.tag === 0xa1) out.extensions = explicitExtensions(p[i++]!, 'SingleResponse.singleExtensions');
  if (i !== p.length) throw new FormatError('SingleResponse: unexpected element');
  return out;
}

function parseCertId(e: El | undefined): OcspCertId {
  const p = children(expectTag(e, TAG_SEQUENCE, 'CertID'), 'CertID', 5);
  if (p.length !== 4) throw new FormatError('CertID: 4 elements expected');
  const serial = content(expectTag(p[3], TAG_INTEGER, 'CertID.serialNumber'));
  if (serial.length === 0 || serial.length > 64) throw new FormatError('CertID: bad serialNumber');
  return {
    hashAlgorithm: algorithmOf(p[0], 'CertID.hashAlgorithm'),
    issuerNameHash: content(expectTag(p[1], TAG_OCTET_STRING, 'CertID.issuerNameHash')),
    issuerKeyHash: content(expectTag(p[2], TAG_OCTET_STRING, 'CertID.issuerKeyHash')),
    serialNumber: integerHex(serial),
  };
}

function explicitExtensions(e: El, what: string): RawExtension[] {
  const w = children(e, what, 2);
  if (w.length !== 1) throw new FormatError(`${what}: bad wrapper`);
  return rawExtensions(w[0], what);
}

function readGeneralizedTime(e: El | undefined, what: string): Date {
  // RFC 6960 says GeneralizedTime; real responders add fractions of seconds.
  if (!e || e.tag !== TAG_GENERALIZED_TIME) throw new FormatError(`${what}: GeneralizedTime expected`);
  return readTime(e, what, PKI_TIME);
}
