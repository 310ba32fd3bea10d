// Explicit trust: anchors (roots or intermediate CAs the user chose to trust), extra intermediates to build
// paths with, and CRLs. Nothing is trusted by default.
import { FormatError, HeyanError } from '../errors.js';
import { Certificate } from './certificate.js';
import { Crl } from './crl.js';
import { certificatesFromPkcs7 } from './load.js';
import { looksLikePem } from '../asn1/index.js';
import { decodePemBlocks } from './pem-blocks.js';

function keyPair(c: Certificate): string {
  return `${c.subjectNameKey}\u0000${Buffer.from(c.spki).toString('base64')}`;
}

export class TrustStore {
  #anchors = new Map<string, Certificate>();
  /** (subject, key) of every anchor: finds the anchor a re-issued copy (same name and key, other bytes) hangs under. */
  #anchorKeys = new Map<string, Certificate>();
  #intermediates = new Map<string, Certificate>();
  #crls = new Map<string, Crl>();

  addAnchor(cert: Certificate): this {
    this.#anchors.set(cert.fingerprintSha256, cert);
    if (!this.#anchorKeys.has(keyPair(cert))) this.#anchorKeys.set(keyPair(cert), cert);
    return this;
  }

  addIntermediate(cert: Certificate): this {
    this.#intermediates.set(cert.fingerprintSha256, cert);
    return this;
  }

  addCrl(crl: Crl): this {
    this.#crls.set(crl.fingerprintSha256, crl);
    return this;
  }

  get anchors(): readonly Certificate[] {
    return [...this.#anchors.values()];
  }

  get intermediates(): readonly Certificate[] {
    return [...this.#intermediates.values()];
  }

  get crls(): readonly Crl[] {
    return [...this.#crls.values()];
  }

  /**
   * The certificate is a configured anchor: the same DER, byte for byte. A certificate that only shares an
   * anchor's name and key is another certificate (a re-issue, a cross-certificate, or a tampered copy) and must
   * be validated as such: see `anchorWithKeyOf`.
   */
  isAnchor(cert: Certificate): boolean {
    return this.#anchors.has(cert.fingerprintSha256);
  }

  /**
   * The configured anchor with the same subject name and public key as `cert` but other bytes (undefined when
   * `cert` is itself an anchor or no anchor has its name and key). Path building puts it above `cert`, so that
   * `cert`'s signature is checked with the anchor's key: a re-issued anchor passes, a tampered copy fails.
   */
  anchorWithKeyOf(cert: Certificate): Certificate | undefined {
    if (this.#anchors.has(cert.fingerprintSha256)) return undefined;
    return this.#anchorKeys.get(keyPair(cert));
  }

  /**
   * A store from files' bytes: every certificate (PEM, DER, PKCS#7 bundle) becomes an anchor, every CRL
   * (PEM "X509 CRL" or DER) a CRL. Throws FormatError for anything else.
   */
  static fromBytes(list: readonly Uint8Array[]): TrustStore {
    const store = new TrustStore();
    list.forEach((bytes, i) => addBytes(store, bytes, `trust input #${i + 1}`));
    return store;
  }
}

/** Add one file's content to a store. `where` names it in errors. */
export function addBytes(store: TrustStore, bytes: Uint8Array, where: string): void {
  try {
    if (looksLikePem(bytes)) {
      const blocks = decodePemBlocks(bytes);
      if (blocks.length === 0) throw new FormatError('no PEM block found');
      for (const b of blocks) {
        if (b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE') store.addAnchor(Certificate.fromDer(b.der));
        else if (b.label === 'X509 CRL' || b.label === 'CRL') store.addCrl(Crl.fromDer(b.der));
        else if (b.label === 'PKCS7' || b.label === 'CMS') certificatesFromPkcs7(b.der).forEach((c) => store.addAnchor(c));
        else throw new FormatError(`PEM block "${b.label}" is neither a certificate nor a CRL`);
      }
      return;
    }
    const hdr = bytes[1] !== undefined && bytes[1] < 0x80 ? 2 : 2 + ((bytes[1] ?? 0) & 0x7f);
    if (bytes[0] === 0x30 && bytes[hdr] === 0x06) {
      certificatesFromPkcs7(bytes).forEach((c) => store.addAnchor(c));
      return;
    }
    let certError: unknown;
    try {
      store.addAnchor(Certificate.fromDer(bytes));
      return;
    } catch (e) {
      certError = e;
    }
    try {
      store.addCrl(Crl.fromDer(bytes));
    } catch {
      throw new FormatError(`neither a certificate nor a CRL (${(certError as Error).message})`, { cause: certError });
    }
  } catch (e) {
    if (e instanceof HeyanError) {
      // Same error class (FormatError, LimitError ...), message prefixed with the file.
      const Ctor = e.constructor as new (m: string, o?: { cause?: unknown }) => HeyanError;
      throw new Ctor(`${where}: ${e.message}`, { cause: e });
    }
    throw new FormatError(`${where}: ${(e as Error).message}`, { cause: e });
  }
}
