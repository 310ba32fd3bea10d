// PEM (RFC 7468) for certificates, CRLs and PKCS#7 bundles: several blocks, text between blocks ignored
// (OpenSSL "Bag Attributes", "-text" dumps), strict base64 inside a block.
import { FormatError, LimitError } from '../errors.js';
import { MAX_BUNDLE_BYTES, MAX_PEM_BLOCKS } from './limits.js';

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

/** True when the bytes look like PEM text (a BEGIN line near the start) rather than DER. */
export function looksLikePem(input: Uint8Array | string): boolean {
  if (typeof input === 'string') return input.includes('-----BEGIN ');
  const head = Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, 64 * 1024)).toString('latin1');
  return head.includes('-----BEGIN ');
}

export function pemToText(input: Uint8Array | string): string {
  if (typeof input === 'string') return input;
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
}

/** All PEM blocks in order. Throws FormatError for an unterminated or corrupt block, LimitError for too many. */
export function decodePemBlocks(input: Uint8Array | string): PemBlock[] {
  const text = pemToText(input);
  if (text.length > MAX_BUNDLE_BYTES * 2) throw new LimitError('PEM input too large');
  const out: PemBlock[] = [];
  const begin = /-----BEGIN ([A-Z0-9 ]{1,64})-----/g;
  for (let m = begin.exec(text); m; m = begin.exec(text)) {
    if (out.length >= MAX_PEM_BLOCKS) throw new LimitError(`more than ${MAX_PEM_BLOCKS} PEM blocks`);
    const label = m[1]!;
    const endMarker = `-----END ${label}-----`;
    const bodyStart = m.index + m[0].length;
    const end = text.indexOf(endMarker, bodyStart);
    const nextBegin = text.indexOf('-----BEGIN ', bodyStart);
    if (end < 0 || (nextBegin >= 0 && nextBegin < end)) throw new FormatError(`PEM block "${label}" has no matching END line`);
    const body = text.slice(bodyStart, end);
    if (/^\s*[A-Za-z-]+:/.test(body)) throw new FormatError(`PEM block "${label}" has encapsulated headers (encrypted?)`);
    const b64 = body.replace(/[\s]+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0 || b64.length === 0) throw new FormatError(`PEM block "${label}": bad base64`);
    out.push({ label, der: new Uint8Array(Buffer.from(b64, 'base64')) });
    begin.lastIndex = end + endMarker.length;
  }
  return out;
}

export function encodePem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  return `-----BEGIN ${label}-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}
