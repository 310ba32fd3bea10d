// Strict compact-JWS parsing: three canonical base64url segments, a JSON object header, bounded sizes and depth.
import { FormatError, LimitError } from '../../errors.js';
import { utf8Bytes } from '../../asn1/index.js';
import { isPlainObject, parseJsonBytes } from '../json.js';
import { MAX_JSON_DEPTH } from '../limits.js';
import { base64urlDecode } from './base64url.js';

export interface ParsedJws {
  header: Record<string, unknown>;
  /** Decoded payload bytes. */
  payloadBytes: Uint8Array;
  /** The payload as JSON when asked for. */
  payload?: unknown;
  signature: Uint8Array;
  /** ASCII(BASE64URL(header) '.' BASE64URL(payload)): what was signed. */
  signingInput: Uint8Array;
}

/** Throws FormatError / LimitError with the reason. */
export function parseCompactJws(jws: string, opts: { maxBytes: number; payloadJson: boolean; maxDepth?: number }): ParsedJws {
  if (typeof jws !== 'string') throw new FormatError('JWS must be a string');
  if (jws.length > opts.maxBytes) throw new LimitError(`JWS of ${jws.length} characters exceeds the limit of ${opts.maxBytes}`);
  const parts = jws.split('.');
  if (parts.length !== 3) throw new FormatError(`compact JWS has ${parts.length} part(s), not 3 (header.payload.signature)`);
  const [h, p, s] = parts as [string, string, string];
  if (h.length === 0) throw new FormatError('empty JWS header');
  if (s.length === 0) throw new FormatError('empty JWS signature (unsigned JWS)');
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH;
  const header = parseJsonBytes(base64urlDecode(h, 'JWS header'), 'JWS header', { maxDepth });
  if (!isPlainObject(header)) throw new FormatError('JWS header is not a JSON object');
  const payloadBytes = base64urlDecode(p, 'JWS payload');
  const signature = base64urlDecode(s, 'JWS signature');
  const out: ParsedJws = { header, payloadBytes, signature, signingInput: utf8Bytes(`${h}.${p}`) };
  if (opts.payloadJson) out.payload = parseJsonBytes(payloadBytes, 'JWS payload', { maxDepth });
  return out;
}
