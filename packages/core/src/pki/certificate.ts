// X.509 certificate, parsed once with the zero-copy reader of asn1/. Raw byte slices (TBS, names, SPKI) are kept
// exactly as in the input: signatures are verified over them and names are compared on them.
import { createHash } from 'node:crypto';
import { FormatError, UnsupportedError } from '../errors.js';
import type { AlgorithmIdentifier, PublicKey } from '../crypto/types.js';
import { publicKeyFromSpki, publicKeyAlgorithmName } from '../crypto/index.js';
import type { CertificateSummary } from '../report/types.js';
import {
  TAG_INTEGER,
  TAG_SEQUENCE,
  children,
  content,
  encodePem,
  encoding,
  expectTag,
  integerHex,
  isCtx,
  readBitString,
  readOid,
  readRoot,
  readTime,
  type El,
} from '../asn1/index.js';
import { algorithmOf } from './algorithm.js';
import { decodeExtensions, rawExtensions, type CertificateExtensions } from './extensions.js';
import { MAX_CERTIFICATE_BYTES } from './limits.js';
import { parseName } from './name.js';
import { parseDerGuarded } from './parse-guard.js';
import { PKI_READER, PKI_TIME } from './reader-options.js';

type CertificateFields = Omit<Certificate, 'publicKey' | 'isSelfIssued' | 'summary' | 'toPem' | 'publicKeyAlgorithm' | 'tryPublicKey'>;

/** Recently parsed certificates by DER bytes (latin1 string), least recently used first: see Certificate.fromDer. */
const PARSED_CACHE_SIZE = 256;
const parsed = new Map<string, Certificate>();

export class Certificate {
  /** The whole certificate, DER as given. */
  readonly der: Uint8Array;
  /** TBSCertificate bytes exactly as in the input (what the issuer signed). */
  readonly tbs: Uint8Array;
  /** X.509 version number: 1, 2 or 3. */
  readonly version: 1 | 2 | 3;
  /** Serial number, hex lower case (two's complement bytes, redundant sign bytes removed). */
  readonly serialNumber: string;
  /** RFC 4514 strings, most specific RDN first, UTF-8 (Chinese names intact). */
  readonly subject: string;
  readonly issuer: string;
  /** Raw DER of the Names, for exact comparison. */
  readonly subjectDer: Uint8Array;
  readonly issuerDer: Uint8Array;
  /** Normalised name keys (RFC 5280 7.1 comparison: case and spacing ignored). */
  readonly subjectNameKey: string;
  readonly issuerNameKey: string;
  /** Subject attributes in DER order (e.g. to read the CN). */
  readonly subjectAttributes: readonly { oid: string; name: string; value: string }[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER SubjectPublicKeyInfo as given. */
  readonly spki: Uint8Array;
  /** The outer signatureAlgorithm (what the signature was made with). */
  readonly signatureAlgorithm: AlgorithmIdentifier;
  /** TBSCertificate.signature: must equal `signatureAlgorithm` (RFC 5280 4.1.1.2). */
  readonly tbsSignatureAlgorithm: AlgorithmIdentifier;
  readonly signatureValue: Uint8Array;
  readonly extensions: CertificateExtensions;
  /** SHA-256 of `der`, hex lower case. */
  readonly fingerprintSha256: string;

  #publicKey: PublicKey | undefined;
  #publicKeyError: Error | undefined;

  private constructor(f: CertificateFields) {
    this.der = f.der;
    this.tbs = f.tbs;
    this.version = f.version;
    this.serialNumber = f.serialNumber;
    this.subject = f.subject;
    this.issuer = f.issuer;
    this.subjectDer = f.subjectDer;
    this.issuerDer = f.issuerDer;
    this.subjectNameKey = f.subjectNameKey;
    this.issuerNameKey = f.issuerNameKey;
    this.subjectAttributes = f.subjectAttributes;
    this.notBefore = f.notBefore;
    this.notAfter = f.notAfter;
    this.spki = f.spki;
    this.signatureAlgorithm = f.signatureAlgorithm;
    this.tbsSignatureAlgorithm = f.tbsSignatureAlgorithm;
    this.signatureValue = f.signatureValue;
    this.extensions = f.extensions;
    this.fingerprintSha256 = f.fingerprintSha256;
  }

  /**
   * Parse a DER certificate. Throws FormatError (malformed) or LimitError (too large). The same bytes give the same
   * (immutable) object while it is among the last PARSED_CACHE_SIZE parsed: a batch of files signed by one signer
   * embeds the same signer and CA certificates in every file, and parsing them is a visible share of a verification.
   */
  static fromDer(der: Uint8Array): Certificate {
    const key = der instanceof Uint8Array && der.length <= MAX_CERTIFICATE_BYTES ? Buffer.from(der.buffer, der.byteOffset, der.length).toString('latin1') : undefined;
    const hit = key === undefined ? undefined : parsed.get(key);
    if (hit) {
      parsed.delete(key!);
      parsed.set(key!, hit);
      return hit;
    }
    const cert = parseDerGuarded(der, { what: 'certificate', maxBytes: MAX_CERTIFICATE_BYTES, tooLarge: FormatError }, (bytes) => new Certificate(parseCertificate(bytes)));
    if (key !== undefined) {
      parsed.set(key, cert);
      if (parsed.size > PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    }
    return cert;
  }

  /** The subject public key. Decoded on first use; throws UnsupportedError/FormatError for keys heyan cannot use. */
  get publicKey(): PublicKey {
    const k = this.tryPublicKey();
    if (k) return k;
    throw this.#publicKeyError ?? new UnsupportedError('certificate public key cannot be decoded');
  }

  /** The subject public key, or undefined when it cannot be decoded (the reason is kept for `publicKey`). */
  tryPublicKey(): PublicKey | undefined {
    if (this.#publicKey || this.#publicKeyError) return this.#publicKey;
    try {
      this.#publicKey = publicKeyFromSpki(this.spki);
    } catch (e) {
      this.#publicKeyError = e instanceof Error ? e : new Error(String(e));
    }
    return this.#publicKey;
  }

  /** Issuer and subject are the same name (self-signed roots, key roll-over certificates). */
  get isSelfIssued(): boolean {
    return this.subjectNameKey === this.issuerNameKey;
  }

  /** 'sm2', 'ecdsa-p256', 'rsa-2048', ... or the key algorithm OID when heyan does not support the key. */
  get publicKeyAlgorithm(): string {
    const k = this.tryPublicKey();
    if (k) return publicKeyAlgorithmName(k);
    try {
      const alg = children(children(readRoot(this.spki, 'spki', PKI_READER), 'spki', 2)[0], 'spki', 2)[0];
      return readOid(alg, 'spki algorithm');
    } catch {
      // fall through
    }
    return 'unknown';
  }

  summary(): CertificateSummary {
    return {
      subject: this.subject,
      issuer: this.issuer,
      serialNumber: this.serialNumber,
      notBefore: this.notBefore.toISOString(),
      notAfter: this.notAfter.toISOString(),
      publicKeyAlgorithm: this.publicKeyAlgorithm,
      fingerprintSha256: this.fingerprintSha256,
    };
  }

  toPem(): string {
    return encodePem('CERTIFICATE', this.der);
  }
}

function parseCertificate(bytes: Uint8Array): CertificateFields {
  const root = readRoot(bytes, 'certificate', PKI_READER);
  const top = root.tag === TAG_SEQUENCE ? children(root, 'certificate', 4) : [];
  if (top.length !== 3) throw new FormatError('certificate: SEQUENCE of 3 elements expected');
  const [tbsEl, algEl, sigEl] = top as [El, El, El];
  expectTag(tbsEl, TAG_SEQUENCE, 'certificate TBSCertificate');
  const signatureValue = readBitString(sigEl, 'certificate signatureValue');

  const t = children(tbsEl, 'certificate TBSCertificate', 16);
  let i = 0;
  let version: 1 | 2 | 3 = 1;
  if (t[0]?.tag === 0xa0) {
    const v = children(t[0], 'certificate version', 2);
    const n = v.length === 1 ? content(expectTag(v[0], TAG_INTEGER, 'certificate version')) : undefined;
    if (!n || n.length !== 1 || n[0]! > 2) throw new FormatError('certificate: unknown version');
    version = (n[0]! + 1) as 1 | 2 | 3;
    i++;
  }
  const serial = content(expectTag(t[i++], TAG_INTEGER, 'certificate serialNumber'));
  if (serial.length === 0 || serial.length > 64) throw new FormatError('certificate: serialNumber length out of range');
  const tbsSignatureAlgorithm = algorithmOf(t[i++], 'certificate signature');
  const issuerEl = expectTag(t[i++], TAG_SEQUENCE, 'certificate issuer');
  const validity = children(expectTag(t[i++], TAG_SEQUENCE, 'certificate validity'), 'certificate validity', 3);
  const subjectEl = expectTag(t[i++], TAG_SEQUENCE, 'certificate subject');
  const spkiEl = expectTag(t[i++], TAG_SEQUENCE, 'certificate subjectPublicKeyInfo');
  if (validity.length !== 2) throw new FormatError('certificate: bad validity');
  const issuer = parseName(issuerEl, 'certificate issuer');
  const subject = parseName(subjectEl, 'certificate subject');
  const notBefore = readTime(validity[0], 'certificate notBefore', PKI_TIME);
  const notAfter = readTime(validity[1], 'certificate notAfter', PKI_TIME);

  // issuerUniqueID [1], subjectUniqueID [2] are skipped; extensions [3].
  let raw: ReturnType<typeof rawExtensions> = [];
  const extra: string[] = [];
  let last = 0;
  for (; i < t.length; i++) {
    const n = t[i]!;
    const tag = (n.tag & 0xc0) === 0x80 ? n.tag & 0x1f : -1;
    if (tag < 1 || tag > 3 || tag <= last) throw new FormatError('certificate: unexpected element in TBSCertificate');
    last = tag;
    if (isCtx(n, 3)) {
      const seqs = children(n, 'certificate extensions', 2);
      if (seqs.length !== 1) throw new FormatError('certificate: bad extensions wrapper');
      raw = rawExtensions(seqs[0], 'certificate extensions');
      if (version !== 3) extra.push(`extensions present in a version ${version} certificate`);
    }
  }
  const extensions = decodeExtensions(raw);
  if (extra.length) (extensions.malformed as string[]).push(...extra);

  return {
    der: bytes,
    tbs: encoding(tbsEl),
    version,
    serialNumber: integerHex(serial),
    subject: subject.text,
    issuer: issuer.text,
    subjectDer: encoding(subjectEl),
    issuerDer: encoding(issuerEl),
    subjectNameKey: subject.key,
    issuerNameKey: issuer.key,
    subjectAttributes: subject.attributes,
    notBefore,
    notAfter,
    spki: encoding(spkiEl),
    signatureAlgorithm: algorithmOf(algEl, 'certificate signatureAlgorithm'),
    tbsSignatureAlgorithm,
    signatureValue,
    extensions,
    fingerprintSha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
