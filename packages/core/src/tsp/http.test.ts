// RFC 3161 over HTTP: requestTimestamp ↔ tsaFetchHandler through a real node:http server (SM2, P-256, RSA TSAs),
// the client's checks against misbehaving servers, the handler's HTTP answers, and OpenSSL as the independent client
// (`openssl ts -query` posted to the handler, `openssl ts -reply -text` and `openssl ts -verify` on the answer).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seq, toHex } from '../asn1/index.js';
import { digest, importPrivateKey } from '../crypto/index.js';
import { FormatError, LimitError, RuntimeError, UnsupportedError } from '../errors.js';
import { TrustStore, loadCertificates, type Certificate } from '../pki/index.js';
import { createTsa, type Tsa } from './create-tsa.js';
import { httpTimestampSource, requestTimestamp, tsaTimestampSource, type TimestampRefusal } from './http-client.js';
import { tsaFetchHandler } from './http-handler.js';
import { OID_HEYAN_TEST_TSA_POLICY } from './oids.js';
import { parseTimestampToken } from './parse-token.js';
import { createTimestampRequest, parseTimestampRequest, parseTimestampResponse } from './request.js';
import { encodeStatusInfo } from './status.js';
import { verifyTimestampToken } from './verify-token.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const fx = (alg: string, name: string) => join(fixtures, alg, name);
const cert = (alg: string, name: string): Certificate => loadCertificates(readFileSync(fx(alg, `${name}.pem`)))[0]!;
const tsaFor = (alg: string, opts: { policy?: string } = {}): Tsa =>
  createTsa(importPrivateKey(readFileSync(fx(alg, 'tsa.key.pem'))), cert(alg, 'tsa'), { chain: [cert(alg, 'intermediate')], ...opts });
const DATA = new TextEncoder().encode('电子证照 bytes time-stamped over HTTP\n');
const imprintOf = (name: 'sha256' | 'sm3' | 'sha384' = 'sha256', data = DATA) => ({ digest: digest(name, data), digestName: name });
const tmp = mkdtempSync(join(tmpdir(), 'heyan-tsp-http-'));

/** node:http → web Request → handler → web Response → node:http (the adapter any Node host needs). */
type Handler = (req: Request) => Promise<Response>;
function adapt(handler: Handler) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const r = await handler(new Request(`http://localhost${req.url}`, { method: req.method!, headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) }));
    res.writeHead(r.status, Object.fromEntries(r.headers));
    res.end(Buffer.from(await r.arrayBuffer()));
  };
}

const servers: Server[] = [];
async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const s = createServer(listener);
  servers.push(s);
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;
}
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((ok) => s.close(ok));
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** Body of a node:http request. */
async function bodyOf(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
const reply = (res: ServerResponse, body: Uint8Array, type = 'application/timestamp-reply') => {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
};
/** A granted TimeStampResp around a token. */
const granted = (token: Uint8Array) => seq(encodeStatusInfo('granted'), token);
/** The error a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe.each([
  ['sm2', 'sm3'],
  ['p256', 'sha256'],
  ['rsa', 'sha256'],
] as const)('%s TSA behind a real HTTP server', (alg, digestName) => {
  let url: string;
  beforeAll(async () => {
    url = await listen(adapt(tsaFetchHandler(tsaFor(alg))));
  });

  it('requestTimestamp gets a token that verifies against the root, with the nonce and imprint sent', async () => {
    const imprint = imprintOf(digestName);
    const nonce = 0xfedcba9876543210n; // top bit set: the INTEGER gets a sign octet
    const { token, tstInfo } = await requestTimestamp(url, imprint, { nonce, policy: OID_HEYAN_TEST_TSA_POLICY });
    expect(tstInfo.nonce).toBe('00fedcba9876543210');
    expect(tstInfo.policy).toBe(OID_HEYAN_TEST_TSA_POLICY);
    const r = verifyTimestampToken({ token, data: DATA, trust: new TrustStore().addAnchor(cert(alg, 'root')), nonce });
    expect(r.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(r.indication).toBe('PASSED');
    // certReq (default) honoured: TSA certificate and intermediate embedded.
    expect(parseTimestampToken(token).signedData.certificates.map((c) => c.serialNumber).sort()).toEqual(['1001', '2003']);
  });

  it('default random nonces differ between requests, and httpTimestampSource returns the token', async () => {
    const a = await requestTimestamp(url, imprintOf(digestName));
    const b = await requestTimestamp(url, imprintOf(digestName));
    expect(a.tstInfo.nonce).toMatch(/^[0-9a-f]+$/);
    expect(a.tstInfo.nonce).not.toBe(b.tstInfo.nonce);
    const token = await httpTimestampSource(url, { certReq: false })(imprintOf(digestName));
    expect(parseTimestampToken(token).signedData.certificates).toHaveLength(0);
    expect(parseTimestampToken(token).tstInfo.messageImprint.hashedMessage).toEqual(imprintOf(digestName).digest);
  });
});

describe('requestTimestamp refuses answers that do not answer the request', () => {
  const tsa = tsaFor('p256');

  it('a refused request (unaccepted policy) is a RuntimeError naming the failInfo and the TSA text', async () => {
    const url = await listen(adapt(tsaFetchHandler(tsa)));
    const e = await failure(requestTimestamp(url, imprintOf(), { policy: '1.2.3.4' }));
    expect(e).toBeInstanceOf(RuntimeError);
    expect(e.message).toContain('rejection');
    expect(e.message).toContain('unacceptedPolicy');
    expect(e.message).toContain('Requested policy is not supported.');
    expect((e.cause as TimestampRefusal).failInfo).toEqual(['unacceptedPolicy']);
  });

  it('a token with another nonce (replayed response) is refused', async () => {
    const url = await listen(async (req, res) => {
      const q = parseTimestampRequest(await bodyOf(req));
      const name = q.messageImprint.hashAlgorithm as 'sha256';
      reply(res, granted(tsa.timestamp({ digest: q.messageImprint.hashedMessage, digestName: name }, { nonce: 42n, certReq: true })));
    });
    const e = await failure(requestTimestamp(url, imprintOf(), { nonce: 41n }));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toMatch(/nonce 2a, not the request's 29/);
    // The same server without a nonce sent: the token is taken (the nonce is the only thing that was wrong).
    await expect(requestTimestamp(url, imprintOf(), { nonce: false })).resolves.toHaveProperty('tstInfo.nonce', '2a');
  });

  it('a token over another imprint is refused', async () => {
    const url = await listen(async (req, res) => {
      const q = parseTimestampRequest(await bodyOf(req));
      reply(res, granted(tsa.timestamp(new TextEncoder().encode('other bytes'), { ...(q.nonce ? { nonce: BigInt(`0x${q.nonce}`) } : {}), certReq: true })));
    });
    const e = await failure(requestTimestamp(url, imprintOf()));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toContain('another message imprint');
  });

  it('a token under another policy than the one asked for is refused; certReq not honoured is refused', async () => {
    const other = tsaFor('p256', { policy: '1.3.6.1.4.1.32473.3161.99' });
    const url = await listen(async (req, res) => {
      const q = parseTimestampRequest(await bodyOf(req));
      const mi = q.messageImprint;
      // Ignores reqPolicy and certReq: always its own policy, never certificates.
      reply(res, granted(other.timestamp({ digest: mi.hashedMessage, digestName: mi.hashAlgorithm as 'sha256' }, { nonce: BigInt(`0x${q.nonce}`), certReq: false })));
    });
    const policy = await failure(requestTimestamp(url, imprintOf(), { policy: OID_HEYAN_TEST_TSA_POLICY, certReq: false }));
    expect(policy).toBeInstanceOf(FormatError);
    expect(policy.message).toContain('not the requested 1.3.6.1.4.1.32473.3161.1');
    const certs = await failure(requestTimestamp(url, imprintOf(), { certReq: true }));
    expect(certs.message).toContain('certReq');
    await expect(requestTimestamp(url, imprintOf(), { certReq: false })).resolves.toHaveProperty('tstInfo.policy', '1.3.6.1.4.1.32473.3161.99');
  });

  it('a wrong content type, a non-200 status and a body that is no TimeStampResp are refused', async () => {
    const html = await listen((_req, res) => reply(res, new TextEncoder().encode('<html>login</html>'), 'text/html'));
    const e1 = await failure(requestTimestamp(html, imprintOf()));
    expect(e1).toBeInstanceOf(FormatError);
    expect(e1.message).toContain('"text/html", not application/timestamp-reply');
    const down = await listen((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/timestamp-reply' });
      res.end();
    });
    const e2 = await failure(requestTimestamp(down, imprintOf()));
    expect(e2).toBeInstanceOf(RuntimeError);
    expect(e2.message).toContain('HTTP 503');
    const junk = await listen((_req, res) => reply(res, new Uint8Array([0x30, 0x03, 0x02, 0x01])));
    expect(await failure(requestTimestamp(junk, imprintOf()))).toBeInstanceOf(FormatError);
  });

  it('an oversized response is cut off, declared (content-length) or streamed (chunked)', async () => {
    const big = new Uint8Array(2 * 1024 * 1024);
    const declared = await listen((_req, res) => reply(res, big));
    const e1 = await failure(requestTimestamp(declared, imprintOf()));
    expect(e1).toBeInstanceOf(LimitError);
    let sent = 0;
    const streamed = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' }); // no length: chunked
      const pump = () => {
        // Stops by itself after 8 MiB, so a client that does not cut off would still end.
        while (sent < 8 * 1024 * 1024 && !res.destroyed) {
          sent += 64 * 1024;
          if (!res.write(new Uint8Array(64 * 1024))) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const e2 = await failure(requestTimestamp(streamed, imprintOf(), { maxResponseBytes: 100_000 }));
    expect(e2).toBeInstanceOf(LimitError);
    expect(e2.message).toContain('more than the 100000 bytes');
    // A declared length over the cap is refused on the headers, without waiting for a body that never comes.
    const liar = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': String(10 * 1024 * 1024) });
      res.write(new Uint8Array(10));
    });
    const e3 = await failure(requestTimestamp(liar, imprintOf(), { timeoutMs: 5000 }));
    expect(e3).toBeInstanceOf(LimitError);
    expect(e3.message).toContain(`more than the ${1024 * 1024} bytes`);
  });

  it('a server that never answers ends in a RuntimeError after timeoutMs', async () => {
    const url = await listen(() => {
      /* never answers */
    });
    const e = await failure(requestTimestamp(url, imprintOf(), { timeoutMs: 300 }));
    expect(e).toBeInstanceOf(RuntimeError);
    expect(e.message).toContain('no answer within 300 ms');
    // A caller's fetch that ignores the abort signal does not hang the caller either.
    const deaf: typeof fetch = () => new Promise<Response>(() => undefined);
    const e2 = await failure(requestTimestamp('http://tsa.invalid/', imprintOf(), { timeoutMs: 200, fetch: deaf }));
    expect(e2).toBeInstanceOf(RuntimeError);
    expect(e2.message).toContain('no answer within 200 ms');
  });

  it('redirects: to file: refused, https→http refused, 307/308 to another http TSA followed with the body', async () => {
    const targetSaw: string[] = [];
    const serve = adapt(tsaFetchHandler(tsa));
    const target = await listen((req, res) => {
      targetSaw.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      void serve(req, res);
    });
    const toFile = await listen((_req, res) => {
      res.writeHead(307, { location: 'file:///etc/passwd' });
      res.end();
    });
    const e = await failure(requestTimestamp(toFile, imprintOf()));
    expect(e).toBeInstanceOf(UnsupportedError);
    expect(e.message).toContain('redirects to file:');
    const hops: string[] = [];
    const moved = await listen((req, res) => {
      hops.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      // Same origin first (credentials kept), then another origin (credentials dropped).
      res.writeHead(req.url === '/' ? 307 : 308, { location: req.url === '/' ? '/tsa' : `${target}tsa` });
      res.end();
    });
    const r = await requestTimestamp(moved, imprintOf(), { headers: { authorization: 'Basic dTpw' } });
    expect(r.tstInfo.messageImprint.hashedMessage).toEqual(imprintOf().digest);
    expect(hops).toEqual(['POST / Basic dTpw', 'POST /tsa Basic dTpw']);
    expect(targetSaw).toEqual(['POST /tsa -']);
    // https → http is a downgrade: refused (tested through `fetch`, no TLS server needed).
    const fakeFetch: typeof fetch = async () => new Response(null, { status: 301, headers: { location: target } });
    const down = await failure(requestTimestamp('https://tsa.example/', imprintOf(), { fetch: fakeFetch }));
    expect(down).toBeInstanceOf(UnsupportedError);
    expect(down.message).toContain('from https to');
  });

  it('non-HTTP URLs and non-URLs are refused before any request', async () => {
    let called = 0;
    const spy: typeof fetch = async () => {
      called++;
      return new Response(null, { status: 500 });
    };
    for (const u of ['file:///etc/passwd', 'ftp://tsa.example/', 'data:application/timestamp-reply,x', 'javascript:1']) {
      const e = await failure(requestTimestamp(u, imprintOf(), { fetch: spy }));
      expect(e, u).toBeInstanceOf(UnsupportedError);
    }
    expect(await failure(requestTimestamp('not a url', imprintOf(), { fetch: spy }))).toBeInstanceOf(FormatError);
    expect(() => httpTimestampSource('file:///x')).toThrow(UnsupportedError);
    expect(called).toBe(0);
  });

  it('a refused connection is a RuntimeError naming the reason', async () => {
    const url = await listen(() => undefined);
    const port = new URL(url).port;
    const s = servers.pop()!;
    s.closeAllConnections();
    await new Promise((ok) => s.close(ok));
    const e = await failure(requestTimestamp(`http://127.0.0.1:${port}/`, imprintOf()));
    expect(e).toBeInstanceOf(RuntimeError);
    expect(e.message).toContain('ECONNREFUSED');
  });
});

describe('tsaFetchHandler answers HTTP as RFC 3161 §3.4 asks', () => {
  const tsa = tsaFor('rsa');
  const handler = tsaFetchHandler(tsa, { maxRequestBytes: 1024 });
  const post = (body: Uint8Array | string, type = 'application/timestamp-query') =>
    handler(new Request('http://tsa.test/', { method: 'POST', headers: { 'content-type': type }, body }));

  it('GET names the TSA and its policy; other methods are 405; a wrong content type is 415; too large is 413', async () => {
    const page = await handler(new Request('http://tsa.test/'));
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(tsa.certificate.subject);
    expect(text).toContain(OID_HEYAN_TEST_TSA_POLICY);
    const put = await handler(new Request('http://tsa.test/', { method: 'PUT', body: 'x' }));
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toContain('POST');
    expect((await post(createTimestampRequest(imprintOf()), 'application/octet-stream')).status).toBe(415);
    expect((await post(new Uint8Array(1025))).status).toBe(413);
    // Streamed without a length (a ReadableStream body): still cut off at the cap.
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(512));
      },
    });
    const chunked = await handler(
      new Request('http://tsa.test/', { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: stream, duplex: 'half' } as RequestInit),
    );
    expect(chunked.status).toBe(413);
  });

  it('malformed DER is a rejection TimeStampResp with badDataFormat (HTTP 200), not a 500', async () => {
    for (const body of [new Uint8Array(0), new Uint8Array([0x30, 0x80, 0x00]), 'not DER at all']) {
      const r = await post(body);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/timestamp-reply');
      const resp = parseTimestampResponse(new Uint8Array(await r.arrayBuffer()));
      expect(resp).toMatchObject({ statusName: 'rejection', failInfo: ['badDataFormat'] });
    }
  });

  it('runs in process through the fetch option (no network), and tsaTimestampSource matches', async () => {
    const direct: typeof fetch = async (input, init) => handler(new Request(input as string, init));
    const { token } = await requestTimestamp('http://tsa.invalid/', imprintOf('sha384'), { fetch: direct });
    const trust = new TrustStore().addAnchor(cert('rsa', 'root'));
    expect(verifyTimestampToken({ token, data: DATA, trust }).indication).toBe('PASSED');
    const own = await tsaTimestampSource(tsa)(imprintOf('sha384'));
    expect(verifyTimestampToken({ token: own, data: DATA, trust }).indication).toBe('PASSED');
  });
});

describe.each(['p256', 'rsa'] as const)('%s: openssl ts -query posted to the handler', (alg) => {
  const ossl = (args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8', cwd: tmp });
    return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
  };

  it('openssl ts -reply -text shows Granted and openssl ts -verify -queryfile passes', async () => {
    const url = await listen(adapt(tsaFetchHandler(tsaFor(alg))));
    writeFileSync(join(tmp, `${alg}.data`), DATA);
    expect(ossl(['ts', '-query', '-data', `${alg}.data`, '-sha256', '-cert', '-out', `${alg}.tsq`]).ok).toBe(true);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: readFileSync(join(tmp, `${alg}.tsq`)) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
    writeFileSync(join(tmp, `${alg}.tsr`), new Uint8Array(await res.arrayBuffer()));
    const text = ossl(['ts', '-reply', '-in', `${alg}.tsr`, '-text']);
    expect(text.out).toContain('Status: Granted.');
    expect(text.out).toContain(`Message data:\n    0000 - ${toHex(digest('sha256', DATA).subarray(0, 8)).replace(/(..)/g, '$1 ').trim()}`);
    const v = ossl(['ts', '-verify', '-in', `${alg}.tsr`, '-queryfile', `${alg}.tsq`, '-CAfile', fx(alg, 'root.pem'), '-untrusted', fx(alg, 'intermediate.pem')]);
    expect(v.out).toContain('Verification: OK');
    expect(v.ok).toBe(true);
  });
});
