// X.509 certificate, parsed once with asn1js. Raw byte slices (TBS, names, SPKI) are kept exactly as in the input:
// signatures are verified over them and names are compared on them.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { FormatError, HeyanError, UnsupportedError } from '../errors.js';
import type { AlgorithmIdentifier, PublicKey } from '../crypto/types.js';
import { publicKeyFromSpki, publicKeyAlgorithmName } from '../crypto/index.js';
import type { CertificateSummary } from '../report/types.js';
import { children, contentOf, encodedBytes, integerHex, isContextTag, parseAsn1, timeOf, type Node } from './asn1.js';
import { algorithmOf } from './algorithm.js';
import { decodeExtensions, rawExtensions, type CertificateExtensions } from './extensions.js';
import { MAX_CERTIFICATE_BYTES, MAX_CERTIFICATE_NODES } from './limits.js';
import { parseName } from './name.js';
import { encodePem } from './pem.js';

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
  readonly subjectKey: string;
  readonly issuerKey: string;
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

  private constructor(f: Omit<Certificate, 'publicKey' | 'isSelfIssued' | 'summary' | 'toPem' | 'publicKeyAlgorithm' | 'tryPublicKey' | 'toPkijs'>) {
    this.der = f.der;
    this.tbs = f.tbs;
    this.version = f.version;
    this.serialNumber = f.serialNumber;
    this.subject = f.subject;
    this.issuer = f.issuer;
    this.subjectDer = f.subjectDer;
    this.issuerDer = f.issuerDer;
    this.subjectKey = f.subjectKey;
    this.issuerKey = f.issuerKey;
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

  /** Parse a DER certificate. Throws FormatError (malformed) or LimitError (too large). */
  static fromDer(der: Uint8Array): Certificate {
    if (!(der instanceof Uint8Array)) throw new FormatError('certificate: bytes expected');
    if (der.length > MAX_CERTIFICATE_BYTES) throw new FormatError(`certificate: ${der.length} bytes exceeds the ${MAX_CERTIFICATE_BYTES}-byte limit`);
    // Own copy: callers may reuse their buffer, and slices below must stay valid.
    const bytes = new Uint8Array(der);
    const root = parseAsn1(bytes, 'certificate', MAX_CERTIFICATE_NODES);
    try {
      return Certificate.#fromNode(bytes, root);
    } catch (e) {
      if (e instanceof HeyanError) throw e;
      throw new FormatError(`certificate: ${(e as Error).message}`, { cause: e });
    }
  }

  static #fromNode(bytes: Uint8Array, root: Node): Certificate {
    const top = children(root);
    if (!(root instanceof asn1js.Sequence) || top.length !== 3) throw new FormatError('certificate: SEQUENCE of 3 elements expected');
    const [tbsNode, algNode, sigNode] = top as [Node, Node, Node];
    if (!(tbsNode instanceof asn1js.Sequence)) throw new FormatError('certificate: TBSCertificate must be a SEQUENCE');
    if (!(sigNode instanceof asn1js.BitString) || sigNode.idBlock.isConstructed) throw new FormatError('certificate: signatureValue must be a BIT STRING');
    const sigContent = contentOf(sigNode);
    if (sigContent.length < 1 || sigContent[0] !== 0) throw new FormatError('certificate: signatureValue has unused bits');

    const t = children(tbsNode);
    let i = 0;
    let version: 1 | 2 | 3 = 1;
    if (isContextTag(t[0], 0)) {
      const v = children(t[0])[0];
      if (!(v instanceof asn1js.Integer)) throw new FormatError('certificate: bad version');
      const n = v.valueBlock.valueDec;
      if (n !== 0 && n !== 1 && n !== 2) throw new FormatError(`certificate: unknown version ${n}`);
      version = (n + 1) as 1 | 2 | 3;
      i++;
    }
    const serialNode = t[i++];
    if (!(serialNode instanceof asn1js.Integer)) throw new FormatError('certificate: serialNumber must be an INTEGER');
    const serial = contentOf(serialNode);
    if (serial.length === 0 || serial.length > 64) throw new FormatError('certificate: serialNumber length out of range');
    const tbsAlg = algorithmOf(t[i++], 'certificate signature');
    const issuerNode = t[i++]!;
    const validity = t[i++];
    const subjectNode = t[i++]!;
    const spkiNode = t[i++];
    if (!(validity instanceof asn1js.Sequence) || children(validity).length !== 2) throw new FormatError('certificate: bad validity');
    if (!(spkiNode instanceof asn1js.Sequence)) throw new FormatError('certificate: bad subjectPublicKeyInfo');
    const issuer = parseName(issuerNode, 'certificate issuer');
    const subject = parseName(subjectNode, 'certificate subject');
    const notBefore = timeOf(children(validity)[0], 'certificate notBefore');
    const notAfter = timeOf(children(validity)[1], 'certificate notAfter');

    // issuerUniqueID [1], subjectUniqueID [2] are skipped; extensions [3].
    let raw: ReturnType<typeof rawExtensions> = [];
    const extra: string[] = [];
    let last = -1;
    for (; i < t.length; i++) {
      const n = t[i]!;
      const tag = n.idBlock.tagClass === 3 ? n.idBlock.tagNumber : -1;
      if (tag < 1 || tag > 3 || tag <= last) throw new FormatError('certificate: unexpected element in TBSCertificate');
      last = tag;
      if (tag === 3) {
        const seqs = children(n);
        if (seqs.length !== 1) throw new FormatError('certificate: bad extensions wrapper');
        raw = rawExtensions(seqs[0], 'certificate extensions');
        if (version !== 3) extra.push(`extensions present in a version ${version} certificate`);
      }
    }
    const extensions = decodeExtensions(raw);
    if (extra.length) (extensions.malformed as string[]).push(...extra);

    return new Certificate({
      der: bytes,
      tbs: encodedBytes(tbsNode),
      version,
      serialNumber: integerHex(serial),
      subject: subject.text,
      issuer: issuer.text,
      subjectDer: encodedBytes(subjectNode),
      issuerDer: encodedBytes(issuerNode),
      subjectKey: subject.key,
      issuerKey: issuer.key,
      subjectAttributes: subject.attributes,
      notBefore,
      notAfter,
      spki: encodedBytes(spkiNode),
      signatureAlgorithm: algorithmOf(algNode, 'certificate signatureAlgorithm'),
      tbsSignatureAlgorithm: tbsAlg,
      signatureValue: sigContent.subarray(1),
      extensions,
      fingerprintSha256: createHash('sha256').update(bytes).digest('hex'),
    });
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
    return this.subjectKey === this.issuerKey;
  }

  /** 'sm2', 'ecdsa-p256', 'rsa-2048', ... or the key algorithm OID when heyan does not support the key. */
  get publicKeyAlgorithm(): string {
    const k = this.tryPublicKey();
    if (k) return publicKeyAlgorithmName(k);
    try {
      const spki = parseAsn1(this.spki, 'spki', 64);
      const alg = children(children(spki)[0])[0];
      if (alg instanceof asn1js.ObjectIdentifier) return alg.valueBlock.toString();
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

  /** The same certificate as a pkijs object, for code that builds CMS structures with pkijs. */
  toPkijs(): pkijs.Certificate {
    return pkijs.Certificate.fromBER(this.der);
  }
}
