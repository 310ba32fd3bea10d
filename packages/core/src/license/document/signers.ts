// The certificates to compare for "same issuer key": the credential's x5c leaf, and the certificate of the document
// signature the issuer made (PDF: the CMS signer of the signature dictionary with that ByteRange; OFD: the SES
// signature's signer certificate). Reports carry only certificate summaries; the key needs the certificate itself,
// read again from the document only when the fingerprints differ.
import { parseSignedData } from '../../cms/parse.js';
import { base64Decode } from '../../credential/jws/base64url.js';
import { parseCompactJws } from '../../credential/jws/parse.js';
import { MAX_CREDENTIAL_BYTES } from '../../credential/limits.js';
import { openOfd } from '../../ofd/package.js';
import { readSignatureDocument } from '../../ofd/signatures.js';
import { contentsBytes } from '../../pdf/byte-range.js';
import { findSignatureDicts } from '../../pdf/signature-dicts.js';
import { Certificate } from '../../pki/certificate.js';
import type { SignatureReport } from '../../report/types.js';
import { decodeSesSignature } from '../../seal/decode-signature.js';

/** The x5c leaf of a compact JWS, or undefined. Never throws. */
export function credentialLeaf(jws: string): Certificate | undefined {
  try {
    const x5c = parseCompactJws(jws, { maxBytes: MAX_CREDENTIAL_BYTES, payloadJson: false }).header.x5c;
    return Array.isArray(x5c) && typeof x5c[0] === 'string' ? Certificate.fromDer(base64Decode(x5c[0], 'x5c[0]')) : undefined;
  } catch {
    return undefined;
  }
}

/** The signature the issuer made: the first one that is not a document timestamp. */
export function issuerSignature(signatures: readonly SignatureReport[]): SignatureReport | undefined {
  return signatures.find((s) => s.kind !== 'pdf-timestamp' && s.kind !== 'timestamp');
}

function samePdfRange(a: readonly (number | null)[] | undefined, b: readonly number[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The signer certificate of a PDF signature report (matched by ByteRange and fingerprint). Never throws. */
function pdfSigner(bytes: Uint8Array, report: SignatureReport): Certificate | undefined {
  const fp = report.signer?.fingerprintSha256;
  if (!fp) return undefined;
  for (const d of findSignatureDicts(bytes).signatures) {
    if (!samePdfRange(d.byteRange?.values, report.pdf?.byteRange)) continue;
    const cms = contentsBytes(bytes, d);
    if (!cms) continue;
    try {
      const found = parseSignedData(cms).certificates.find((c) => c.fingerprintSha256 === fp);
      if (found) return found;
    } catch {
      // not a CMS: no certificate from this one
    }
  }
  return undefined;
}

/** The signer certificate of an OFD seal signature report (its SignedValue.dat). Never throws. */
function ofdSigner(bytes: Uint8Array, report: SignatureReport): Certificate | undefined {
  const path = (report as SignatureReport & { ofd?: { path?: string } }).ofd?.path;
  if (!path) return undefined;
  try {
    const pkg = openOfd(bytes);
    const sv = readSignatureDocument(pkg, path).signedValuePath;
    if (!sv) return undefined;
    return Certificate.fromDer(decodeSesSignature(pkg.read(sv)).signerCertificate);
  } catch {
    return undefined;
  }
}

/** The certificate behind a document signature report, when it can be read again from the document. */
export function documentSignerCertificate(format: 'pdf' | 'ofd', bytes: Uint8Array, report: SignatureReport): Certificate | undefined {
  return format === 'pdf' ? pdfSigner(bytes, report) : ofdSigner(bytes, report);
}
