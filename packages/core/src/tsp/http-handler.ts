// The TSA side of RFC 3161 §3.4 as a web-standard handler (Request → Response): mount it under hono, Deno.serve,
// Bun.serve, or node:http through an adapter. Transport problems get HTTP errors; everything about the request
// itself gets a TimeStampResp (RFC 3161: a refused request is answered with status rejection), never a 500.
import type { Tsa } from './create-tsa.js';
import { readBodyCapped } from './http-client.js';

export interface TsaFetchHandlerOptions {
  /** Largest request body read. Default 64 KiB (a request is a digest, a nonce and a policy: under 200 bytes). */
  maxRequestBytes?: number;
}

const DEFAULT_MAX_REQUEST = 64 * 1024;
const QUERY_TYPE = 'application/timestamp-query';

const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

/** A handler answering TimeStampReq POSTs with `tsa.respond()`. Never rejects. */
export function tsaFetchHandler(tsa: Tsa, opts: TsaFetchHandlerOptions = {}): (req: Request) => Promise<Response> {
  const max = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST;
  const page = [
    'heyan RFC 3161 time-stamping authority',
    `TSA: ${tsa.certificate.subject}`,
    `policy: ${tsa.policy}`,
    `digests: ${tsa.acceptedDigests.join(', ')}`,
    `POST a DER TimeStampReq as ${QUERY_TYPE} to this URL.`,
    '',
  ].join('\n');

  return async (req) => {
    try {
      if (req.method === 'GET' || req.method === 'HEAD') return text(200, req.method === 'HEAD' ? '' : page);
      if (req.method !== 'POST') return text(405, 'method not allowed: POST a TimeStampReq\n', { allow: 'GET, HEAD, POST' });
      const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== QUERY_TYPE) return text(415, `unsupported media type: ${QUERY_TYPE} expected\n`);
      const body = await readBodyCapped(req, max);
      if (!body) return text(413, `request larger than ${max} bytes\n`);
      return new Response(tsa.respond(body), { status: 200, headers: { 'content-type': 'application/timestamp-reply' } });
    } catch {
      // Only the transport can fail here (a client that went away mid-body); respond() never throws.
      return text(400, 'unreadable request\n');
    }
  };
}
