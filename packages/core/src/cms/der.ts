// Minimal DER writer for what the signer emits. Hand-written rather than via pkijs so the bytes we sign are exactly
// the bytes we emit (pkijs re-chunks eContent into constructed OCTET STRINGs and does not sort SET OF).
import { concat } from './ber.js';

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.from([0x80 | out.length, ...out]);
}

/** One TLV with a single-octet identifier (tag numbers < 31, which is all CMS needs). */
export function tlv(id: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(content);
  return concat([Uint8Array.of(id), lengthBytes(body.length), body]);
}

export const seq = (...c: Uint8Array[]): Uint8Array => tlv(0x30, ...c);
export const octets = (v: Uint8Array): Uint8Array => tlv(0x04, v);
export const nullDer = (): Uint8Array => Uint8Array.of(0x05, 0x00);
/** [n] EXPLICIT / constructed context tag. */
export const ctx = (n: number, ...c: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...c);

/** DER SET OF: elements sorted by their encodings (X.690 11.6), shorter first when one is a prefix. */
export function sortDer(items: readonly Uint8Array[]): Uint8Array[] {
  return [...items].sort((a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  });
}

export const setOf = (items: readonly Uint8Array[]): Uint8Array => tlv(0x31, ...sortDer(items));

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((s) => {
    if (!/^\d+$/.test(s)) throw new TypeError(`bad OID ${dotted}`);
    return Number(s);
  });
  if (arcs.length < 2) throw new TypeError(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (n: number) => {
    const tmp = [n & 0x7f];
    for (n = Math.floor(n / 128); n > 0; n = Math.floor(n / 128)) tmp.unshift(0x80 | (n & 0x7f));
    out.push(...tmp);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(0x06, Uint8Array.from(out));
}

/** INTEGER from unsigned big-endian magnitude bytes (e.g. a certificate serial's contents are used as is). */
export function integerFromContents(contents: Uint8Array): Uint8Array {
  return tlv(0x02, contents);
}

export function smallInt(n: number): Uint8Array {
  if (n < 0 || n > 127) throw new RangeError('smallInt');
  return Uint8Array.of(0x02, 0x01, n);
}

/** RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds, Z. */
export function time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  const p2 = (n: number) => String(n).padStart(2, '0');
  const rest = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, new TextEncoder().encode(`${p2(y % 100)}${rest}`));
  return tlv(0x18, new TextEncoder().encode(`${String(y).padStart(4, '0')}${rest}`));
}

/** AlgorithmIdentifier; `params` is the DER of the parameters, omitted when undefined. */
export function algorithmIdentifier(o: string, params?: Uint8Array): Uint8Array {
  return params ? seq(oid(o), params) : seq(oid(o));
}
