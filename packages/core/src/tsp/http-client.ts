// RFC 3161 §3.4 over HTTP: POST a TimeStampReq (application/timestamp-query), read a TimeStampResp
// (application/timestamp-reply). Web-standard fetch only, so it runs under Node, Deno, Bun and in browsers. The answer
// is checked against the request (status, imprint, nonce, policy, certificates) before the token is handed on; the
// token's signature and the TSA's path are for `verifyTimestampToken`.
import { equalBytes, toHex } from '../asn1/index.js';
import { findSignerCertificate } from '../cms/find-signer.js';
import { digestOid } from '../crypto/index.js';
import type { DigestName } from '../crypto/types.js';
import { FormatError, HeyanError, LimitError, RuntimeError, UnsupportedError } from '../errors.js';
import type { Tsa } from './create-tsa.js';
import { MAX_RESPONSE_BYTES } from './limits.js';
import { parseTimestampToken } from './parse-token.js';
import { createTimestampRequest, parseTimestampResponse } from './request.js';
import type { TimestampSource } from './source.js';
import type { TimestampResponse, TstInfo } from './types.js';

export type { TimestampSource };

export interface RequestTimestampOptions {
  /** A positive nonce, true for a random 64-bit one (default), false to send none (for TSAs that refuse nonces). */
  nonce?: bigint | boolean;
  /** Ask for the TSA certificate in the token (default true: a signer embedding the token needs it). */
  certReq?: boolean;
  /** Requested TSA policy OID; the token must then carry it. */
  policy?: string;
  /** For the whole exchange, redirects and body included. Default 10 000. */
  timeoutMs?: number;
  /** Largest response body read. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Extra request headers, e.g. `authorization` for a TSA with basic auth. */
  headers?: Record<string, string>;
  /** A fetch implementation (default the global one), e.g. to go through a proxy or straight to a handler. */
  fetch?: typeof fetch;
}

/** A granted TimeStampResp, as checked. `token` is the TimeStampToken DER exactly as received. */
export interface RequestTimestampResult {
  token: Uint8Array;
  tstInfo: TstInfo;
}

/** The TSA's PKIStatusInfo on a refused request, carried as `cause` of the error. */
export type TimestampRefusal = Omit<TimestampResponse, 'token'>;

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE = 1024 * 1024;
const MAX_REDIRECTS = 5;
/** RFC 3161 §3.4; `timestamp-response` is what some pre-RFC servers still send. */
const REPLY_TYPES = ['application/timestamp-reply', 'application/timestamp-response'];
/** Credentials are not passed on to another origin (what fetch does with authorization since 2022). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * Get a time-stamp token over `imprint` from the TSA at `url`. Throws UnsupportedError (not http/https, a redirect
 * elsewhere), RuntimeError (network, timeout, HTTP status, refusal — `cause` is the TimestampRefusal), FormatError
 * (content type, unreadable response, a token that does not answer the request), LimitError (response too large).
 */
export async function requestTimestamp(
  url: string,
  imprint: { digest: Uint8Array; digestName: DigestName },
  opts: RequestTimestampOptions = {},
): Promise<RequestTimestampResult> {
  let target = httpUrl(url);
  const nonce = opts.nonce === false ? undefined : opts.nonce === true || opts.nonce === undefined ? randomNonce() : opts.nonce;
  const certReq = opts.certReq ?? true;
  let body: Uint8Array;
  try {
    body = createTimestampRequest({ ...imprint, certReq, ...(nonce !== undefined ? { nonce } : {}), ...(opts.policy ? { policy: opts.policy } : {}) });
  } catch (e) {
    throw new FormatError(`cannot build the time-stamp request: ${errText(e)}`, { cause: e });
  }
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = Math.min(opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE, MAX_RESPONSE_BYTES);
  const controller = new AbortController();
  // The signal stops a standard fetch; the race also stops a caller's fetch that ignores it.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new RuntimeError(`${target.href}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  let headers: Record<string, string> = { ...opts.headers };
  const exchange = async (): Promise<Uint8Array> => {
    let res: Response;
    for (let hops = 0; ; hops++) {
      const h = new Headers(headers);
      h.set('content-type', 'application/timestamp-query');
      h.set('accept', 'application/timestamp-reply');
      res = await doFetch(target.href, {
        method: 'POST',
        headers: h,
        body,
        // Redirects are followed here, not by fetch: fetch would turn a 301/302 POST into a GET and cannot be told to
        // stay on http(s) or keep https.
        redirect: 'manual',
        signal: controller.signal,
      });
      if (res.type === 'opaqueredirect') throw new UnsupportedError(`${target.href} redirects; this runtime hides where to`);
      if (![301, 302, 307, 308].includes(res.status)) break;
      await res.body?.cancel();
      if (hops >= MAX_REDIRECTS) throw new RuntimeError(`${url}: more than ${MAX_REDIRECTS} redirects`);
      const location = res.headers.get('location');
      if (!location) throw new RuntimeError(`${target.href} answered HTTP ${res.status} without a Location`);
      const next = httpUrl(location, target);
      if (target.protocol === 'https:' && next.protocol === 'http:') throw new UnsupportedError(`${target.href} redirects from https to ${next.href}`);
      if (next.origin !== target.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k.toLowerCase())));
      target = next;
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new RuntimeError(`${target.href} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!REPLY_TYPES.includes(type)) {
      await res.body?.cancel();
      throw new FormatError(`${target.href} answered ${type ? `"${type}"` : 'without a content type'}, not application/timestamp-reply`);
    }
    return readCapped(res, maxBytes, target.href);
  };
  let der: Uint8Array;
  const pending = exchange();
  pending.catch(() => undefined); // after a timeout its own rejection is of no interest
  try {
    der = await Promise.race([pending, timedOut]);
  } catch (e) {
    if (e instanceof HeyanError) throw e;
    if (controller.signal.aborted) throw new RuntimeError(`${target.href}: no answer within ${timeoutMs} ms`, { cause: e });
    throw new RuntimeError(`${target.href}: ${errText(e)}`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
  return checkResponse(der, { ...imprint, certReq, ...(nonce !== undefined ? { nonce } : {}), ...(opts.policy ? { policy: opts.policy } : {}) }, target.href);
}

/** A TimestampSource backed by a remote TSA (see `requestTimestamp` for the options and errors). */
export function httpTimestampSource(url: string, opts: RequestTimestampOptions = {}): TimestampSource {
  httpUrl(url); // a bad URL is the caller's mistake: say so now, not at the first signature
  return async (imprint) => (await requestTimestamp(url, imprint, opts)).token;
}

/** A TimestampSource backed by an in-process TSA (tests, a signer that is its own TSA). */
export function tsaTimestampSource(tsa: Tsa): TimestampSource {
  return async (imprint) => tsa.timestamp(imprint);
}

function httpUrl(s: string, base?: URL): URL {
  let u: URL;
  try {
    u = new URL(s, base);
  } catch {
    throw new FormatError(`not a URL: ${JSON.stringify(s.slice(0, 200))}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new UnsupportedError(`${base ? `${base.href} redirects to ` : ''}${u.protocol} URL: only http and https time-stamping authorities are supported`);
  }
  return u;
}

function randomNonce(): bigint {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(8));
  const n = BigInt(`0x${toHex(b)}`);
  return n === 0n ? 1n : n;
}

/** The body, read as a stream and abandoned as soon as it passes `max`. */
async function readCapped(res: Response, max: number, where: string): Promise<Uint8Array> {
  const body = await readBodyCapped(res, max);
  if (!body) throw new LimitError(`${where} sends more than the ${max} bytes accepted`);
  return body;
}

/**
 * A request's or response's body, or undefined once it passes `max` (a declared content-length too large is refused
 * before reading; the rest of the stream is cancelled). Shared with the handler.
 */
export async function readBodyCapped(m: Request | Response, max: number): Promise<Uint8Array | undefined> {
  const declared = Number(m.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await m.body?.cancel();
    return undefined;
  }
  if (!m.body) return new Uint8Array(0);
  const reader = m.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return undefined;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface Asked {
  digest: Uint8Array;
  digestName: DigestName;
  nonce?: bigint;
  certReq: boolean;
  policy?: string;
}

/** The token, when the response grants it and answers this very request. */
function checkResponse(der: Uint8Array, asked: Asked, where: string): RequestTimestampResult {
  let resp: TimestampResponse;
  try {
    resp = parseTimestampResponse(der);
  } catch (e) {
    if (e instanceof LimitError) throw e;
    throw new FormatError(`${where} sent no readable TimeStampResp: ${errText(e)}`, { cause: e });
  }
  if (resp.status !== 0 && resp.status !== 1) {
    const { token: _, ...refusal } = resp;
    const why = [resp.failInfo?.length ? resp.failInfo.join(', ') : undefined, resp.statusString].filter(Boolean).join(': ');
    throw new RuntimeError(`${where} refused the time-stamp request (${resp.statusName ?? `status ${resp.status}`})${why ? `: ${why}` : ''}`, { cause: refusal });
  }
  const token = resp.token!; // parseTimestampResponse insists on a token when granted
  let parsed;
  try {
    parsed = parseTimestampToken(token);
  } catch (e) {
    throw new FormatError(`${where} sent an unreadable time-stamp token: ${errText(e)}`, { cause: e });
  }
  const t = parsed.tstInfo;
  const mi = t.messageImprint;
  if (mi.hashAlgorithmOid !== digestOid(asked.digestName) || !equalBytes(mi.hashedMessage, asked.digest)) {
    throw new FormatError(`${where} time-stamped another message imprint (${mi.hashAlgorithm} ${toHex(mi.hashedMessage)}) than the one sent`);
  }
  if (asked.nonce !== undefined && t.nonce !== nonceHex(asked.nonce)) {
    throw new FormatError(`${where} answered with nonce ${t.nonce ?? '(none)'}, not the request's ${nonceHex(asked.nonce)} (a replayed or misrouted response)`);
  }
  if (asked.policy !== undefined && t.policy !== asked.policy) {
    throw new FormatError(`${where} issued the token under policy ${t.policy}, not the requested ${asked.policy}`);
  }
  // certReq false is not checked the other way: a certificate too many harms no one.
  if (asked.certReq) {
    const signer = parsed.signedData.signers[0];
    if (!signer || !findSignerCertificate(signer.sid, parsed.signedData.certificates)) {
      throw new FormatError(`${where} left the TSA certificate out of the token although the request asked for it (certReq)`);
    }
  }
  return { token, tstInfo: t };
}

/** Hex of the canonical INTEGER contents, as TstInfo.nonce holds it. */
function nonceHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return hex;
}

const errText = (e: unknown): string => {
  if (!(e instanceof Error)) return String(e);
  // undici puts the real reason (ECONNREFUSED, ...) in cause.
  const c = (e as { cause?: unknown }).cause;
  return c instanceof Error && c.message && c.message !== e.message ? `${e.message} (${c.message})` : e.message;
};
