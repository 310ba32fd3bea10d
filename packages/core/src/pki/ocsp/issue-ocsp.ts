// Build a signed OCSPResponse (RFC 6960) for tests and attack fixtures: the ResponseData is written with the DER
// encoder of asn1/ and signed through the crypto registry (SM2, ECDSA, RSA).
import { FormatError, KeyError } from '../../errors.js';
import { digest, digestOid, signData } from '../../crypto/index.js';
import type { DigestName, PrivateKey } from '../../crypto/types.js';
import {
  algorithmIdentifier,
  bitString,
  enumerated,
  equalBytes,
  explicit,
  generalizedTime,
  integerFromContent,
  octets,
  oid,
  seq,
  tlv,
} from '../../asn1/index.js';
import { encodeAlgorithm, sameAlgorithm } from '../algorithm.js';
import type { Certificate } from '../certificate.js';
import { REVOCATION_REASONS, type RevocationReason } from '../crl.js';
import { extension, serialBytes } from '../issue-certificate.js';
import { issuerHashes, publicKeyBits } from './cert-id.js';
import { OID_OCSP_BASIC, OID_OCSP_NONCE } from './oids.js';
import { parseOcspResponse } from './parse.js';
import type { OcspCertStatus, OcspResponse, OcspResponseStatus } from './types.js';

export interface OcspEntryInput {
  /** The certificate the answer is about, or its serial (hex as Certificate.serialNumber, bigint or INTEGER bytes). */
  cert?: Certificate;
  serial?: string | bigint | Uint8Array;
  status: OcspCertStatus;
  /** Required for 'revoked'. */
  revocationTime?: Date;
  reason?: RevocationReason;
  /** Per-entry overrides of the response-wide times. `nextUpdate: null` omits it. */
  thisUpdate?: Date;
  nextUpdate?: Date | null;
}

export interface IssueOcspResponseOptions {
  responderKey: PrivateKey;
  /** The signer's certificate: the CA itself or a delegated responder. */
  responderCert: Certificate;
  /** The CA that issued the certificates in `entries` (CertID hashes). */
  issuer: Certificate;
  entries: OcspEntryInput[];
  producedAt: Date;
  thisUpdate: Date;
  /** Omitted from the SingleResponses when undefined. */
  nextUpdate?: Date;
  /** ResponderID byKey (SHA-1 of the responder key) instead of byName. */
  byKey?: boolean;
  /** Certificates put in BasicOCSPResponse.certs (default: the responder certificate). */
  certs?: Certificate[];
  /** Digest of the CertIDs (default sha1, like OpenSSL). */
  certIdDigest?: DigestName;
  /** Signature digest (default per key: SM3 for SM2, SHA-256 otherwise). */
  digest?: DigestName;
  nonce?: Uint8Array;
  /** SM2 user ID of the signature (default 1234567812345678; OpenSSL 3's `ocsp` command uses an empty one). */
  sm2Id?: Uint8Array | string;
}

const STATUS_CODE: Record<OcspResponseStatus, number> = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
};

/** An unsigned error response (RFC 6960: only the status, no responseBytes). */
export function ocspErrorResponse(status: Exclude<OcspResponseStatus, 'successful'>): OcspResponse {
  return parseOcspResponse(seq(enumerated(STATUS_CODE[status])));
}

function serialOf(e: OcspEntryInput): Uint8Array {
  if (e.cert) return new Uint8Array(Buffer.from(e.cert.serialNumber, 'hex'));
  const s = e.serial;
  if (s === undefined) throw new FormatError('OCSP entry: cert or serial required');
  if (typeof s === 'string') {
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(s)) throw new FormatError(`serial "${s.slice(0, 40)}" is not even-length hex`);
    return new Uint8Array(Buffer.from(s, 'hex'));
  }
  return serialBytes(s);
}

export function issueOcspResponse(opts: IssueOcspResponseOptions): OcspResponse {
  const { responderKey, responderCert, issuer } = opts;
  if (!equalBytes(responderKey.publicKey.spki, responderCert.spki)) throw new KeyError('responderKey does not match responderCert');
  if (opts.entries.length === 0) throw new FormatError('OCSP response needs at least one entry');
  const idDigest = opts.certIdDigest ?? 'sha1';
  const { nameHash, keyHash } = issuerHashes(issuer, idDigest);

  const singles = opts.entries.map((e) => {
    if (e.cert && e.cert.issuerNameKey !== issuer.subjectNameKey) throw new FormatError(`"${e.cert.subject}" was not issued by "${issuer.subject}"`);
    const certId = seq(algorithmIdentifier(digestOid(idDigest), tlv(0x05)), octets(nameHash), octets(keyHash), integerFromContent(serialOf(e)));
    let status: Uint8Array;
    if (e.status === 'good') status = tlv(0x80);
    else if (e.status === 'unknown') status = tlv(0x82);
    else {
      if (!e.revocationTime) throw new FormatError('revoked OCSP entry needs revocationTime');
      const reason = e.reason === undefined ? [] : [explicit(0, enumerated(reasonCode(e.reason)))];
      status = tlv(0xa1, generalizedTime(e.revocationTime, 'revocationTime'), ...reason);
    }
    const next = e.nextUpdate === null ? undefined : (e.nextUpdate ?? opts.nextUpdate);
    return seq(certId, status, generalizedTime(e.thisUpdate ?? opts.thisUpdate, 'thisUpdate'), ...(next ? [explicit(0, generalizedTime(next, 'nextUpdate'))] : []));
  });

  const responderId = opts.byKey
    ? explicit(2, octets(digest('sha1', publicKeyBits(responderCert.spki))))
    : explicit(1, responderCert.subjectDer);
  const exts = opts.nonce ? [explicit(1, seq(extension(OID_OCSP_NONCE, false, octets(opts.nonce))))] : [];
  const tbs = seq(responderId, generalizedTime(opts.producedAt, 'producedAt'), seq(...singles), ...exts);

  const s: Parameters<typeof signData>[0] = { key: responderKey, data: tbs };
  if (opts.digest) s.digest = opts.digest;
  if (opts.sm2Id !== undefined) s.sm2Id = opts.sm2Id;
  const { signature, algorithm } = signData(s);
  const certs = opts.certs ?? [responderCert];
  const basic = seq(tbs, encodeAlgorithm(algorithm), bitString(signature), ...(certs.length ? [explicit(0, seq(...certs.map((c) => c.der)))] : []));
  const der = seq(enumerated(0), explicit(0, seq(oid(OID_OCSP_BASIC), octets(basic))));
  const out = parseOcspResponse(der);
  if (!out.basic || !sameAlgorithm(out.basic.signatureAlgorithm, algorithm)) throw new FormatError('issued OCSP response does not parse back');
  return out;
}

function reasonCode(r: RevocationReason): number {
  const i = REVOCATION_REASONS.indexOf(r);
  if (i < 0 || r === ('unused7' as RevocationReason)) throw new FormatError(`unknown revocation reason "${String(r)}"`);
  return i;
}
