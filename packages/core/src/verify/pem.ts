// PEM armour (RFC 7468) for whole inputs given to verify/inspect. Stricter than "find base64 somewhere":
// each BEGIN needs the END with the same label, the body must be clean base64, and there is a block limit.
import { FormatError, LimitError } from '../errors.js';

export interface PemObject {
  label: string;
  der: Uint8Array;
}

const MAX_BLOCKS = 1024;
const BEGIN = /-----BEGIN ([A-Z0-9 ]{1,64})-----/g;

/** True when the bytes are PEM text: no DER SEQUENCE byte first and an armour line near the start. */
export function looksLikePem(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes[0] === 0x30) return false;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString('latin1');
  return head.includes('-----BEGIN ');
}

/** Every PEM object in order. Throws FormatError on broken armour or base64, LimitError past the block limit. */
export function decodePemObjects(bytes: Uint8Array): PemObject[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const out: PemObject[] = [];
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m; m = BEGIN.exec(text)) {
    if (out.length >= MAX_BLOCKS) throw new LimitError(`more than ${MAX_BLOCKS} PEM blocks`);
    const label = m[1]!;
    const bodyStart = m.index + m[0].length;
    const endMarker = `-----END ${label}-----`;
    const end = text.indexOf(endMarker, bodyStart);
    const nextBegin = text.indexOf('-----BEGIN ', bodyStart);
    if (end < 0 || (nextBegin >= 0 && nextBegin < end)) {
      throw new FormatError(`PEM armour: "BEGIN ${label}" has no matching "END ${label}"`);
    }
    let body = text.slice(bodyStart, end);
    // RFC 1421 headers (Proc-Type, DEK-Info) precede a blank line.
    if (/^\s*[A-Za-z-]+:/.test(body)) {
      const blank = body.search(/\r?\n\s*\r?\n/);
      if (blank < 0) throw new FormatError(`PEM ${label}: headers without a blank line`);
      body = body.slice(blank);
    }
    const clean = body.replace(/[ \t\r\n]+/g, '');
    if (clean.length === 0) throw new FormatError(`PEM ${label}: empty body`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
      throw new FormatError(`PEM ${label}: body is not valid base64`);
    }
    out.push({ label, der: new Uint8Array(Buffer.from(clean, 'base64')) });
    BEGIN.lastIndex = end + endMarker.length;
  }
  if (out.length === 0) throw new FormatError('PEM armour: no "-----BEGIN" block found');
  return out;
}
