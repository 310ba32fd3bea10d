// Cheap shape tests for format sniffing: a few element headers, no value decoding, never throw.
import { Asn1Reader, TAG_INTEGER, TAG_SEQUENCE, type El } from '../asn1/index.js';
import { MAX_SES_SIGNATURE_BYTES } from './limits.js';

const TAG_OID = 0x06;
const TAG_OCTETS = 0x04;
const TAG_BITS = 0x03;

function kids(r: Asn1Reader, e: El | undefined, max: number): El[] | undefined {
  if (!e || e.tag !== TAG_SEQUENCE) return undefined;
  const out: El[] = [];
  for (let p = e.start; p < e.end; ) {
    if (out.length >= max) return undefined;
    const c = r.read(p, e.end, e.depth + 1);
    out.push(c);
    p = c.next;
  }
  return out;
}

/** SES_SealInfo starts with SES_Header { id IA5String "ES", version INTEGER, ... } and an esID. */
function looksLikeSealInfo(r: Asn1Reader, e: El | undefined): boolean {
  const k = kids(r, e, 6);
  if (!k || k.length < 4) return false;
  const h = kids(r, k[0], 4);
  return !!h && h.length === 3 && h[1]!.tag === TAG_INTEGER && (h[0]!.tag & 0xe0) === 0 && k[2]!.tag === TAG_SEQUENCE && k[3]!.tag === TAG_SEQUENCE;
}

function looksLikeSeal(r: Asn1Reader, e: El | undefined): boolean {
  const k = kids(r, e, 6);
  if (!k || !looksLikeSealInfo(r, k[0])) return false;
  if (k.length === 2) {
    const s = kids(r, k[1], 4);
    return !!s && s.length === 3 && s[1]!.tag === TAG_OID;
  }
  return (k.length === 4 || k.length === 5) && k[2]!.tag === TAG_OID && (k[3]!.tag === TAG_BITS || k[3]!.tag === TAG_OCTETS);
}

function reader(der: Uint8Array): { r: Asn1Reader; root: El } | undefined {
  if (!(der instanceof Uint8Array) || der.length < 16 || der.length > MAX_SES_SIGNATURE_BYTES || der[0] !== TAG_SEQUENCE) return undefined;
  // BER lengths tolerated (vendors); the element budget keeps this cheap on hostile input.
  const r = new Asn1Reader(der, { mode: 'ber', maxDepth: 8, maxElements: 200 });
  const root = r.read(0, der.length, 0);
  return root.next === der.length ? { r, root } : undefined;
}

/** True when the bytes have the shape of an SESeal (any version). Never throws. */
export function isSeal(der: Uint8Array): boolean {
  try {
    const x = reader(der);
    return !!x && looksLikeSeal(x.r, x.root);
  } catch {
    return false;
  }
}

/** True when the bytes have the shape of an SES_Signature (any version). Never throws. */
export function isSesSignature(der: Uint8Array): boolean {
  try {
    const x = reader(der);
    if (!x) return false;
    const k = kids(x.r, x.root, 6);
    if (!k || (k.length !== 2 && k.length !== 4 && k.length !== 5)) return false;
    const tbs = kids(x.r, k[0], 8);
    if (!tbs || tbs.length < 5 || tbs[0]!.tag !== TAG_INTEGER || !looksLikeSeal(x.r, tbs[1])) return false;
    if (k.length === 2) return k[1]!.tag === TAG_BITS || k[1]!.tag === TAG_OCTETS;
    return k[2]!.tag === TAG_OID && k[1]!.tag === TAG_OCTETS && (k[3]!.tag === TAG_BITS || k[3]!.tag === TAG_OCTETS);
  } catch {
    return false;
  }
}
