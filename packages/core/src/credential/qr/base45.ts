// Base45 (RFC 9285): 2 bytes → 3 characters of the QR alphanumeric set, so a QR stores it at 5.5 bits a character.
import { FormatError } from '../../errors.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += ALPHABET[c]! + ALPHABET[d]! + ALPHABET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/** Strict decode: alphabet only, no length ≡ 1 (mod 3), no group above 65535 (or 255 for a trailing pair). */
export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new FormatError(`Base45: length ${text.length} is impossible`);
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  const val = (i: number): number => {
    const v = INDEX.get(text[i]!);
    if (v === undefined) throw new FormatError(`Base45: character ${JSON.stringify(text[i])} at ${i} is not in the alphabet`);
    return v;
  };
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = val(i) + val(i + 1) * 45 + val(i + 2) * 2025;
      if (n > 0xffff) throw new FormatError(`Base45: group at ${i} exceeds 65535`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = val(i) + val(i + 1) * 45;
      if (n > 0xff) throw new FormatError(`Base45: final pair at ${i} exceeds 255`);
      out[o++] = n;
    }
  }
  return out;
}
