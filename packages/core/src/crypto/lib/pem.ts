// PEM (RFC 7468) decoding with the labels the key importers accept.
import { FormatError, LimitError } from '../../errors.js';

export interface PemBlock {
  label: string;
  headers: Record<string, string>;
  der: Uint8Array;
}

const MAX_PEM_CHARS = 1 << 22;
const MAX_BLOCKS = 64;

/** True when the input looks like PEM text rather than DER. */
export function isPem(input: Uint8Array | string): boolean {
  if (typeof input === 'string') return input.includes('-----BEGIN ');
  // DER starts with a tag byte 0x30; PEM starts with text (maybe after whitespace or a BOM).
  const head = Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, 4096)).toString('latin1');
  return head.includes('-----BEGIN ');
}

export function pemText(input: Uint8Array | string): string {
  if (typeof input === 'string') return input;
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
}

/** All PEM blocks in the text, in order. Throws FormatError on a malformed block. */
export function decodePem(input: Uint8Array | string): PemBlock[] {
  const text = pemText(input);
  if (text.length > MAX_PEM_CHARS) throw new LimitError('PEM input too large');
  const re = /-----BEGIN ([A-Z0-9 ]{1,64})-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/g;
  const out: PemBlock[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (out.length >= MAX_BLOCKS) throw new LimitError('too many PEM blocks');
    const label = m[1]!;
    const body = m[2]!;
    const headers: Record<string, string> = {};
    let b64 = body;
    // RFC 1421 encapsulated headers (legacy encrypted "Proc-Type"/"DEK-Info") end at a blank line.
    const hdrEnd = body.search(/\r?\n\r?\n/);
    if (/^[A-Za-z-]+:/.test(body) && hdrEnd >= 0) {
      for (const line of body.slice(0, hdrEnd).split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
      }
      b64 = body.slice(hdrEnd);
    }
    const clean = b64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new FormatError(`PEM ${label}: bad base64`);
    out.push({ label, headers, der: new Uint8Array(Buffer.from(clean, 'base64')) });
  }
  if (out.length === 0) throw new FormatError('no PEM block found');
  return out;
}

export function encodePem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
