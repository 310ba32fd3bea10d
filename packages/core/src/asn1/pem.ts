// PEM armour (RFC 7468). Several blocks per text, text between blocks ignored (OpenSSL "Bag Attributes", `-text`
// dumps), each BEGIN must meet the END with the same label before the next BEGIN, strict base64 inside a block.
import { FormatError, LimitError } from '../errors.js';

export interface PemBlock {
  label: string;
  der: Uint8Array;
  /** RFC 1421 encapsulated headers (legacy encrypted keys: Proc-Type, DEK-Info); only with `headers: 'parse'`. */
  headers?: Record<string, string>;
}

export interface PemOptions {
  /** 'reject' (default): a block with headers is a FormatError; 'parse': they are returned in `headers`. */
  headers?: 'reject' | 'parse';
  /** Most blocks read. Default 2000. */
  maxBlocks?: number;
  /** Longest text accepted, in characters. Default 32 Mi. */
  maxChars?: number;
}

/** How far into binary input `looksLikePem` searches for an armour line. */
const SNIFF_BYTES = 64 * 1024;
const BEGIN = /-----BEGIN ([A-Z0-9 ]{1,64})-----/g;
const HEADER_START = /^\s*[A-Za-z-]+:/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** True when the input looks like PEM text (an armour line near the start) rather than DER. */
export function looksLikePem(input: Uint8Array | string): boolean {
  if (typeof input === 'string') return input.includes('-----BEGIN ');
  return Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, SNIFF_BYTES)).toString('latin1').includes('-----BEGIN ');
}

/** The input as text (bytes read as Latin-1: PEM is ASCII and other bytes must not break the scan). */
export function pemText(input: Uint8Array | string): string {
  if (typeof input === 'string') return input;
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
}

/** The labels of the BEGIN lines, in order, without decoding anything (at most `max`; LimitError beyond). */
export function pemLabels(input: Uint8Array | string, max = 2000): string[] {
  const out: string[] = [];
  const begin = new RegExp(BEGIN.source, 'g');
  const text = pemText(input);
  for (let m = begin.exec(text); m; m = begin.exec(text)) {
    if (out.length >= max) throw new LimitError(`more than ${max} PEM blocks`);
    out.push(m[1]!);
  }
  return out;
}

/** Every PEM block, in order ([] when there is none). Throws FormatError for a broken block, LimitError past a limit. */
export function decodePem(input: Uint8Array | string, opts: PemOptions = {}): PemBlock[] {
  const maxBlocks = opts.maxBlocks ?? 2000;
  const maxChars = opts.maxChars ?? 32 * 1024 * 1024;
  const text = pemText(input);
  if (text.length > maxChars) throw new LimitError(`PEM input of ${text.length} characters exceeds the ${maxChars}-character limit`);
  const out: PemBlock[] = [];
  const begin = new RegExp(BEGIN.source, 'g');
  for (let m = begin.exec(text); m; m = begin.exec(text)) {
    if (out.length >= maxBlocks) throw new LimitError(`more than ${maxBlocks} PEM blocks`);
    const label = m[1]!;
    const endMarker = `-----END ${label}-----`;
    const bodyStart = m.index + m[0].length;
    const end = text.indexOf(endMarker, bodyStart);
    const nextBegin = text.indexOf('-----BEGIN ', bodyStart);
    if (end < 0 || (nextBegin >= 0 && nextBegin < end)) throw new FormatError(`PEM armour: "BEGIN ${label}" has no matching "END ${label}"`);
    let body = text.slice(bodyStart, end);
    let headers: Record<string, string> | undefined;
    if (HEADER_START.test(body)) {
      if (opts.headers !== 'parse') throw new FormatError(`PEM ${label}: encapsulated headers (encrypted?)`);
      const blank = body.search(/\r?\n\s*\r?\n/);
      if (blank < 0) throw new FormatError(`PEM ${label}: headers without a blank line`);
      headers = {};
      for (const line of body.slice(0, blank).trim().split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
      }
      body = body.slice(blank);
    }
    // Line breaks, spaces and tabs only, as OpenSSL's decoder: other control characters are not base64 text.
    const b64 = body.replace(/[ \t\r\n]+/g, '');
    if (b64.length === 0) throw new FormatError(`PEM ${label}: empty body`);
    if (b64.length % 4 !== 0 || !BASE64.test(b64)) throw new FormatError(`PEM ${label}: body is not valid base64`);
    const der = new Uint8Array(Buffer.from(b64, 'base64'));
    out.push(headers ? { label, der, headers } : { label, der });
    begin.lastIndex = end + endMarker.length;
  }
  return out;
}

/** One PEM block, base64 in 64-character lines. */
export function encodePem(label: string, der: Uint8Array): string {
  if (!/^[A-Z0-9 ]{1,64}$/.test(label)) throw new TypeError(`bad PEM label "${label.slice(0, 70)}"`);
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  return `-----BEGIN ${label}-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}
