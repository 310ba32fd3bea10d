// Recognise what an input is (certificate, PKCS#7 bundle, CMS signature, CRL, key, PKCS#12) from its PEM labels and
// its DER/BER shape, before any real parser runs. Throws FormatError / LimitError with the reason when the bytes are
// not well-formed ASN.1.
import { FormatError } from '../errors.js';
import { oidOf, walk, type Node, type ShapeLimits } from './asn1-shape.js';
import { decodePemObjects, looksLikePem } from './pem.js';
import { isSeal, isSesSignature } from '../seal/shape.js';

export type ItemKind =
  | 'certificate'
  /** PKCS#7 / CMS SignedData without signers ("certs-only", .p7b/.p7c). */
  | 'certificate-bundle'
  /** CMS SignedData with at least one SignerInfo. */
  | 'signed-data'
  | 'crl'
  | 'private-key'
  | 'encrypted-private-key'
  | 'sec1-private-key'
  | 'rsa-private-key'
  | 'public-key'
  | 'rsa-public-key'
  | 'pkcs12'
  /** Electronic seal (SESeal, GM/T 0031 / GB/T 38540). */
  | 'seal'
  /** Electronic seal signature (SES_Signature). */
  | 'ses-signature'
  | 'unknown';

export interface SniffedItem {
  kind: ItemKind;
  /** DER (or BER) of this object alone. */
  der: Uint8Array;
  /** PEM label when the input was PEM. */
  label?: string;
  /** For 'unknown': what was seen. */
  note?: string;
}

export interface Sniffed {
  encoding: 'pem' | 'der';
  items: SniffedItem[];
  /** True when BER-only forms (indefinite or non-minimal lengths) occur. */
  ber: boolean;
  /** Non-fatal oddities, English (e.g. zero padding after the structure). */
  warnings: string[];
}

const SIGNED_DATA_OIDS = ['1.2.840.113549.1.7.2', '1.2.156.10197.6.1.4.2.2'];
const DATA_OIDS = ['1.2.840.113549.1.7.1', '1.2.156.10197.6.1.4.2.1'];

const isTime = (n: Node | undefined): boolean => n?.id === 0x17 || n?.id === 0x18;

function classify(der: Uint8Array, root: Node): { kind: ItemKind; note?: string } {
  if (root.id !== 0x30) return { kind: 'unknown', note: `top-level element is not a SEQUENCE (identifier 0x${root.id.toString(16).padStart(2, '0')})` };
  // Seals first: a v1 SES_Signature { TBS SEQUENCE, BIT STRING } has the outline of a SubjectPublicKeyInfo.
  if (isSesSignature(der)) return { kind: 'ses-signature' };
  if (isSeal(der)) return { kind: 'seal' };
  const k = root.children ?? [];
  const [a, b, c] = k;
  // ContentInfo { contentType OID, [0] EXPLICIT content }
  if (a?.id === 0x06) {
    const oid = oidOf(der, a);
    if (oid && SIGNED_DATA_OIDS.includes(oid)) {
      const sd = b?.id === 0xa0 ? b.children?.[0] : undefined;
      const sdKids = sd?.id === 0x30 ? (sd.children ?? []) : [];
      const last = sdKids[sdKids.length - 1];
      if (sdKids.length < 4 || last?.id !== 0x31) return { kind: 'unknown', note: 'SignedData without signerInfos' };
      return { kind: (last.children?.length ?? 0) === 0 ? 'certificate-bundle' : 'signed-data' };
    }
    return { kind: 'unknown', note: `ContentInfo of type ${oid ?? '(malformed OID)'}` };
  }
  // PFX { version 3, authSafe ContentInfo(data), macData? }
  if (a?.id === 0x02 && b?.id === 0x30 && b.children?.[0]?.id === 0x06) {
    const oid = oidOf(der, b.children[0]);
    if (oid && DATA_OIDS.includes(oid)) return { kind: 'pkcs12' };
  }
  // Certificate / CertificateList { tbs SEQUENCE, signatureAlgorithm SEQUENCE, signature BIT STRING }
  if (k.length === 3 && a?.id === 0x30 && b?.id === 0x30 && c?.id === 0x03) {
    const tbs = a.children ?? [];
    if (tbs[0]?.id === 0xa0) return { kind: 'certificate' };
    // TBSCertList: [version,] signature, issuer, thisUpdate Time ...; TBSCertificate v1: serial, sig, issuer, validity SEQUENCE
    if (isTime(tbs[2]) || isTime(tbs[3])) return { kind: 'crl' };
    return { kind: 'certificate' };
  }
  if (a?.id === 0x02 && b?.id === 0x30 && c?.id === 0x04) return { kind: 'private-key' };
  if (k.length === 2 && a?.id === 0x30 && b?.id === 0x04) return { kind: 'encrypted-private-key' };
  if (k.length === 2 && a?.id === 0x30 && b?.id === 0x03) return { kind: 'public-key' };
  if (a?.id === 0x02 && b?.id === 0x04 && k.length <= 4) return { kind: 'sec1-private-key' };
  if (k.length >= 9 && k.every((n) => n.id === 0x02)) return { kind: 'rsa-private-key' };
  if (k.length === 2 && a?.id === 0x02 && b?.id === 0x02) return { kind: 'rsa-public-key' };
  return { kind: 'unknown', note: 'an ASN.1 SEQUENCE of no known structure' };
}

function sniffDer(der: Uint8Array, limits: ShapeLimits | undefined, warnings: string[]): { item: SniffedItem; ber: boolean } {
  if (der.length === 0) throw new FormatError('empty input');
  const { root, trailing, ber } = walk(der, limits);
  let body = der;
  if (trailing > 0) {
    // Zero padding is common for signatures cut out of a PDF /Contents; anything else is not ours to guess.
    for (let i = root.end; i < der.length; i++) {
      if (der[i] !== 0) throw new FormatError(`${trailing} unexpected bytes after the ASN.1 structure (offset ${root.end})`);
    }
    warnings.push(`${trailing} zero bytes of padding after the structure`);
    body = der.subarray(0, root.end);
  }
  const { kind, note } = classify(body, root);
  const item: SniffedItem = { kind, der: body };
  if (note) item.note = note;
  return { item, ber };
}

const LABEL_KINDS: Record<string, ItemKind> = {
  CERTIFICATE: 'certificate',
  'X509 CERTIFICATE': 'certificate',
  'X509 CRL': 'crl',
  'PRIVATE KEY': 'private-key',
  'ENCRYPTED PRIVATE KEY': 'encrypted-private-key',
  'EC PRIVATE KEY': 'sec1-private-key',
  'SM2 PRIVATE KEY': 'sec1-private-key',
  'RSA PRIVATE KEY': 'rsa-private-key',
  'PUBLIC KEY': 'public-key',
  'RSA PUBLIC KEY': 'rsa-public-key',
};

export interface SniffOptions {
  limits?: ShapeLimits;
}

/** What the input is. Throws FormatError / LimitError (with the reason) for malformed armour or ASN.1. */
export function sniff(bytes: Uint8Array, opts: SniffOptions = {}): Sniffed {
  const warnings: string[] = [];
  if (looksLikePem(bytes)) {
    const items: SniffedItem[] = [];
    let ber = false;
    for (const obj of decodePemObjects(bytes)) {
      const r = sniffDer(obj.der, opts.limits, warnings);
      ber ||= r.ber;
      const expected = LABEL_KINDS[obj.label];
      // The label must agree with the contents: a key armoured as CERTIFICATE is an error, not a key.
      if (expected && r.item.kind !== expected) {
        throw new FormatError(`PEM ${obj.label} block does not hold a ${expected} (found: ${r.item.kind})`);
      }
      if ((obj.label === 'PKCS7' || obj.label === 'CMS') && !['signed-data', 'certificate-bundle'].includes(r.item.kind)) {
        throw new FormatError(`PEM ${obj.label} block does not hold a SignedData`);
      }
      items.push({ ...r.item, kind: expected ?? r.item.kind, label: obj.label });
    }
    return { encoding: 'pem', items, ber, warnings };
  }
  const r = sniffDer(bytes, opts.limits, warnings);
  return { encoding: 'der', items: [r.item], ber: r.ber, warnings };
}
