// heyan tsa serve --key K --cert C [--chain F] [--password P] [--port 3180] [--host 127.0.0.1] [--policy OID]
//                 [--digest D]: an RFC 3161 time-stamping authority over HTTP (POST / and /tsa), until SIGINT/SIGTERM.
import type { AddressInfo } from 'node:net';
import {
  KeyError,
  createTsa,
  isDigestName,
  loadCertificates,
  parseTimestampResponse,
  parseTimestampToken,
  tsaFetchHandler,
  type DigestName,
} from '@heyan/core';
import { HELP } from '../help.js';
import { readInput, type Io } from '../io.js';
import { UsageError, flag, parse, required, str } from '../usage.js';
import { loadSigner } from './sign.js';

const OPTIONS = {
  key: { type: 'string' },
  cert: { type: 'string' },
  chain: { type: 'string' },
  password: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  policy: { type: 'string' },
  digest: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const sameKey = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export async function tsaCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(`${HELP.tsa}\n`);
    return sub === undefined ? 3 : 0;
  }
  if (sub !== 'serve') throw new UsageError(`unknown tsa subcommand "${sub}" (expected: serve)`);
  const p = parse(rest, OPTIONS, false);
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.tsa}\n`);
    return 0;
  }
  const keyPath = required(p, 'key', 'tsa serve');
  const portText = str(p, 'port') ?? '3180';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError(`--port must be 0..65535 (got "${portText}")`);
  const host = str(p, 'host') ?? '127.0.0.1';
  const policy = str(p, 'policy');
  if (policy !== undefined && !/^[0-2](\.(0|[1-9]\d*))+$/.test(policy)) throw new UsageError(`--policy must be an OID such as 1.2.3.4 (got "${policy}")`);
  const digestArg = str(p, 'digest')?.toLowerCase().replace('-', '');
  if (digestArg !== undefined && !isDigestName(digestArg)) throw new UsageError(`--digest must be one of sm3, sha256, sha384, sha512 (got "${digestArg}")`);
  const chainPath = str(p, 'chain');

  // Keys and certificates as `sign cms` loads them (PKCS#8, PKCS#12 ...); --cert may already carry intermediates.
  const chainCerts = chainPath !== undefined ? loadCertificates(readInput(chainPath, 'chain')) : [];
  const signer = loadSigner(keyPath, str(p, 'cert'), str(p, 'password'));
  const [certificate, ...more] = signer.certificates;
  if (!certificate) throw new UsageError('tsa serve needs the TSA certificate: --cert F (or a PKCS#12 --key that holds it)');
  const certKey = certificate.tryPublicKey();
  if (!certKey || !sameKey(certKey.spki, signer.key.publicKey.spki)) throw new KeyError('the first certificate in --cert does not belong to --key');
  // Roots are left out of tokens: a verifier takes them from its own trust store.
  const chain = [...more, ...chainCerts].filter((c) => !c.isSelfIssued);
  const tsa = createTsa(signer.key, certificate, {
    ...(chain.length ? { chain } : {}),
    ...(policy !== undefined ? { policy } : {}),
    ...(digestArg !== undefined ? { digest: digestArg as DigestName } : {}),
  });

  const handler = tsaFetchHandler(tsa);
  // The HTTP stack (≈ 50 ms to load) is loaded here, not with every heyan command.
  const [{ Hono }, { createAdaptorServer }] = await Promise.all([import('hono'), import('@hono/node-server')]);
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    io.stderr.write(`${new Date().toISOString()} ${c.req.method} ${c.req.path} ${c.res.status}${await outcome(c.res)}\n`);
  });
  app.all('/', (c) => handler(c.req.raw));
  app.all('/tsa', (c) => handler(c.req.raw));

  // The standard Request/Response stay in place (no global override): core code runs in this process too.
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(portText), host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  io.stdout.write(`listening on http://${shown}:${addr.port}/\n`);
  io.stderr.write(`TSA ${certificate.subject}, policy ${tsa.policy}\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stderr.write(`${signal}: stopping\n`);
      server.close(() => resolve());
      // Keep-alive connections would hold close() open; requests in flight are short (one signature).
      if ('closeAllConnections' in server) server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

/** " granted serial=…" / " rejection badDataFormat" for the log line; empty for anything but a TimeStampResp. */
async function outcome(res: Response): Promise<string> {
  if (res.headers.get('content-type') !== 'application/timestamp-reply') return '';
  try {
    const r = parseTimestampResponse(new Uint8Array(await res.clone().arrayBuffer()));
    if (r.token) return ` ${r.statusName ?? r.status} serial=${parseTimestampToken(r.token).tstInfo.serialNumber}`;
    return ` ${r.statusName ?? r.status}${r.failInfo?.length ? ` ${r.failInfo.join(',')}` : ''}`;
  } catch {
    return ' (unreadable response)';
  }
}
