// CMS SignedData signer (RFC 5652; GB/T 35275 for SM2). Writes strict DER and signs exactly the emitted bytes.
import {
  defaultDigestFor,
  digest as computeDigest,
  digestOid,
  signData,
  OID_ECDSA_WITH_SHA256,
  OID_ECDSA_WITH_SHA384,
  OID_ECDSA_WITH_SHA512,
  OID_ED25519,
  OID_RSA_ENCRYPTION,
  OID_SM2_SIGN,
  OID_SM2_WITH_SM3,
} from '../crypto/index.js';
import type { DigestName, PrivateKey } from '../crypto/types.js';
import { FormatError, UnsupportedError } from '../errors.js';
import type { Certificate, Crl } from '../pki/index.js';
import { certDer, certIssuerDer, certSerialContents } from './cert-access.js';
import { algorithmIdentifier, derNull, equalBytes, explicit, implicit, integer, integerFromContent, octets, oid, seq, setOf, time } from '../asn1/index.js';
import {
  OID_CMS_ALGORITHM_PROTECTION,
  OID_CONTENT_TYPE,
  OID_DATA,
  OID_GM_DATA,
  OID_GM_SIGNED_DATA,
  OID_MESSAGE_DIGEST,
  OID_SIGNED_DATA,
  OID_SIGNING_CERTIFICATE_V2,
  OID_SIGNING_TIME,
} from './oids.js';
import type { CmsAttribute } from './types.js';

export interface SignCmsOptions {
  /** The content, or its digest (computed by the caller, e.g. streamed over a PDF ByteRange). */
  content: Uint8Array | { digest: Uint8Array; digestName: DigestName };
  key: PrivateKey;
  certificate: Certificate;
  /** Intermediate certificates to embed after the signer's. */
  chain?: Certificate[];
  /** Embed the signer certificate and `chain` in SignedData.certificates. Default true. */
  includeCertificates?: boolean;
  /** CRLs to embed in SignedData.crls (revocation data for long-term validation). */
  crls?: Crl[];
  /** Default: SM3 for SM2, SHA-384 for P-384, SHA-512 for Ed25519 (RFC 8419), SHA-256 otherwise. */
  digest?: DigestName;
  /** 'gbt35275': GB/T 35275 content types and SM2 sign OID 1.2.156.10197.1.301.1 (SM2 keys only). Default 'pkcs7'. */
  flavour?: 'pkcs7' | 'gbt35275';
  /** Default: now. */
  signingTime?: Date;
  /** Write the signing-time signed attribute. Default true; PAdES (ETSI EN 319 142-1) forbids it (the time is /M). */
  signingTimeAttribute?: boolean;
  /** Default true. Without them the signature covers the content directly (content bytes required). */
  signedAttributes?: boolean;
  /** ESS signingCertificateV2 with issuerSerial. Default true. */
  signingCertificateV2?: boolean;
  /** RFC 6211 CMSAlgorithmProtection. Default false. */
  cmsAlgorithmProtection?: boolean;
  extraSignedAttributes?: CmsAttribute[];
  unsignedAttributes?: CmsAttribute[];
  /** SM2 user ID; default '1234567812345678'. */
  sm2Id?: Uint8Array | string;
  /** eContentType (and contentType attribute) other than data, e.g. id-ct-TSTInfo for RFC 3161 tokens. */
  eContentType?: string;
}

/** Sign detached: the ContentInfo carries no eContent. Returns DER. Throws UnsupportedError / FormatError / KeyError. */
export function signDetached(opts: SignCmsOptions): Uint8Array {
  return buildSignedData(opts, false);
}

/** Sign with the content encapsulated (eContent present). Returns DER. */
export function signEncapsulated(opts: SignCmsOptions & { content: Uint8Array }): Uint8Array {
  return buildSignedData(opts, true);
}

/** The SignerInfo.signatureAlgorithm OpenSSL would write (bare key OID for RSA, combined OID for ECDSA). */
function signatureAlgorithmFor(key: PrivateKey, digestName: DigestName, flavour: 'pkcs7' | 'gbt35275'): Uint8Array {
  switch (key.type) {
    case 'sm2':
      if (digestName !== 'sm3') throw new UnsupportedError('SM2 signatures in CMS use SM3');
      return algorithmIdentifier(flavour === 'gbt35275' ? OID_SM2_SIGN : OID_SM2_WITH_SM3);
    case 'rsa':
      return algorithmIdentifier(OID_RSA_ENCRYPTION, derNull());
    case 'ec': {
      const o = { sha256: OID_ECDSA_WITH_SHA256, sha384: OID_ECDSA_WITH_SHA384, sha512: OID_ECDSA_WITH_SHA512 }[digestName as string];
      if (!o) throw new UnsupportedError(`ECDSA with ${digestName} is not supported in CMS signing`);
      return algorithmIdentifier(o);
    }
    case 'ed25519':
      return algorithmIdentifier(OID_ED25519);
    default:
      throw new UnsupportedError(`cannot sign CMS with a ${String((key as PrivateKey).type)} key`);
  }
}

const attribute = (type: string, ...values: Uint8Array[]): Uint8Array => seq(oid(type), setOf(values));

function encodeAttribute(a: CmsAttribute): Uint8Array {
  return seq(oid(a.oid), setOf(a.values));
}

/** DER of a SigningCertificateV2 attribute value naming `cert` (ESSCertIDv2 with issuerSerial), RFC 5035. */
export function signingCertificateV2Value(cert: Certificate, digestName: DigestName = 'sha256'): Uint8Array {
  const der = certDer(cert);
  const hash = computeDigest(digestName, der);
  // issuerSerial: GeneralNames { directoryName [4] EXPLICIT issuer }, serialNumber.
  const issuerSerial = seq(seq(explicit(4, certIssuerDer(cert))), integerFromContent(certSerialContents(cert)));
  // hashAlgorithm DEFAULT sha256: DER omits a default value.
  const alg = digestName === 'sha256' ? [] : [algorithmIdentifier(digestOid(digestName))];
  return seq(seq(seq(...alg, octets(hash), issuerSerial)));
}

function buildSignedData(opts: SignCmsOptions, encapsulate: boolean): Uint8Array {
  const { key, certificate } = opts;
  const flavour = opts.flavour ?? 'pkcs7';
  if (flavour === 'gbt35275' && key.type !== 'sm2') throw new UnsupportedError('GB/T 35275 SignedData is for SM2 keys');
  let digestName = opts.digest ?? defaultDigestFor(key);
  const content = opts.content;
  let contentBytes: Uint8Array | undefined;
  let contentDigest: Uint8Array;
  if (content instanceof Uint8Array) {
    contentBytes = content;
    contentDigest = computeDigest(digestName, content);
  } else {
    if (opts.digest && opts.digest !== content.digestName) throw new FormatError('content digest does not use the requested digest');
    digestName = content.digestName;
    contentDigest = content.digest;
    if (contentDigest.length !== computeDigest(digestName, new Uint8Array(0)).length) {
      throw new FormatError(`a ${digestName} digest has ${computeDigest(digestName, new Uint8Array(0)).length} bytes`);
    }
  }
  const withAttrs = opts.signedAttributes ?? true;
  if (!withAttrs && !contentBytes) throw new UnsupportedError('without signed attributes the content bytes are needed');
  if (encapsulate && !contentBytes) throw new UnsupportedError('encapsulation needs the content bytes');

  const dataType = opts.eContentType ?? (flavour === 'gbt35275' ? OID_GM_DATA : OID_DATA);
  const digestAlg = algorithmIdentifier(digestOid(digestName));
  const sigAlg = signatureAlgorithmFor(key, digestName, flavour);

  let signedAttrsSet: Uint8Array | undefined;
  if (withAttrs) {
    const attrs: Uint8Array[] = [
      attribute(OID_CONTENT_TYPE, oid(dataType)),
      ...(opts.signingTimeAttribute ?? true ? [attribute(OID_SIGNING_TIME, time(opts.signingTime ?? new Date()))] : []),
      attribute(OID_MESSAGE_DIGEST, octets(contentDigest)),
    ];
    if (opts.signingCertificateV2 ?? true) attrs.push(attribute(OID_SIGNING_CERTIFICATE_V2, signingCertificateV2Value(certificate, digestName)));
    // RFC 6211: signatureAlgorithm is [1] IMPLICIT, i.e. the AlgorithmIdentifier SEQUENCE re-tagged A1.
    if (opts.cmsAlgorithmProtection) attrs.push(attribute(OID_CMS_ALGORITHM_PROTECTION, seq(digestAlg, implicit(1, sigAlg))));
    for (const a of opts.extraSignedAttributes ?? []) attrs.push(encodeAttribute(a));
    signedAttrsSet = setOf(attrs);
  }

  const tbs = signedAttrsSet ?? contentBytes!;
  const signed = signData({ key, data: tbs, digest: digestName, ...(opts.sm2Id !== undefined ? { sm2Id: opts.sm2Id } : {}) });

  const sid = seq(certIssuerDer(certificate), integerFromContent(certSerialContents(certificate)));
  const unsigned = (opts.unsignedAttributes ?? []).map(encodeAttribute);
  const signerInfo = seq(
    integer(1),
    sid,
    digestAlg,
    ...(signedAttrsSet ? [implicit(0, signedAttrsSet)] : []),
    sigAlg,
    octets(signed.signature),
    ...(unsigned.length ? [implicit(1, setOf(unsigned))] : []),
  );

  const certs = [certificate, ...(opts.chain ?? [])].map(certDer);
  const unique = certs.filter((c, i) => certs.findIndex((d) => equalBytes(c, d)) === i);
  const encapContentInfo = encapsulate ? seq(oid(dataType), explicit(0, octets(contentBytes!))) : seq(oid(dataType));
  const certSet = (opts.includeCertificates ?? true) ? [implicit(0, setOf(unique))] : [];
  const crlSet = opts.crls?.length ? [implicit(1, setOf(opts.crls.map((c) => c.der)))] : [];
  // RFC 5652 5.1: version 3 when eContentType is not id-data.
  const sdVersion = opts.eContentType === undefined || opts.eContentType === OID_DATA || opts.eContentType === OID_GM_DATA ? 1 : 3;
  const signedData = seq(integer(sdVersion), setOf([digestAlg]), encapContentInfo, ...certSet, ...crlSet, setOf([signerInfo]));
  return seq(oid(flavour === 'gbt35275' ? OID_GM_SIGNED_DATA : OID_SIGNED_DATA), explicit(0, signedData));
}
