// `heyan tsa serve` end to end: the real binary on a free port, tokens fetched with requestTimestamp and verified by
// `openssl ts -verify` (P-256, RSA) or verifyTimestampToken (SM2: OpenSSL's ts cannot pass the SM2 distinguishing ID),
// one log line per request, a clean exit on SIGTERM/SIGINT, and the command's refusals.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustStore, digest, loadCertificates, requestTimestamp, verifyTimestampToken } from '@heyan/core';
import { ensureBuilt, heyan, openssl, repoRoot, serveTsa, stopTsa, type ServedTsa } from './helpers/cli.js';

const fx = (alg: string, name: string) => join(repoRoot, 'fixtures/pki', alg, name);
const tmp = mkdtempSync(join(tmpdir(), 'heyan-tsa-serve-'));
const DATA = new TextEncoder().encode('电子证照 time-stamped by heyan tsa serve\n');
const served: ServedTsa[] = [];
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

beforeAll(() => ensureBuilt());
afterAll(() => {
  for (const s of served) stopTsa(s, 'SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

/** Start the binary and wait for its "listening on" line (stopped after the file). */
async function serve(args: string[]): Promise<ServedTsa> {
  const s = await serveTsa(args);
  served.push(s);
  return s;
}

describe.each(['p256', 'rsa'] as const)('%s: heyan tsa serve → requestTimestamp → openssl ts -verify', (alg) => {
  it('serves tokens OpenSSL verifies, logs each request with its serial, stops on SIGTERM with exit 0', async () => {
    const s = await serve(['--key', fx(alg, 'tsa.key.pem'), '--cert', fx(alg, 'tsa.pem'), '--chain', fx(alg, 'intermediate.pem')]);
    const page = await (await fetch(s.url)).text();
    expect(page).toContain('policy: 1.3.6.1.4.1.32473.3161.1');

    const sha = digest('sha256', DATA);
    const { token, tstInfo } = await requestTimestamp(`${s.url}tsa`, { digest: sha, digestName: 'sha256' });
    writeFileSync(join(tmp, `${alg}.tst`), token);
    const v = openssl(['ts', '-verify', '-in', `${alg}.tst`, '-token_in', '-digest', toHex(sha), '-CAfile', fx(alg, 'root.pem'), '-untrusted', fx(alg, 'intermediate.pem')], tmp);
    expect(v.stdout).toContain('Verification: OK');
    expect(v.code).toBe(0);
    // Another digest does not verify: OpenSSL really compared the imprint.
    const other = openssl(['ts', '-verify', '-in', `${alg}.tst`, '-token_in', '-digest', toHex(digest('sha256', new Uint8Array(1))), '-CAfile', fx(alg, 'root.pem'), '-untrusted', fx(alg, 'intermediate.pem')], tmp);
    expect(other.code).not.toBe(0);

    s.child.kill('SIGTERM');
    expect(await s.exit).toBe(0);
    const log = s.stderr();
    expect(log).toMatch(/^\S+Z GET \/ 200$/m);
    expect(log).toMatch(new RegExp(`^\\S+Z POST /tsa 200 granted serial=${tstInfo.serialNumber}$`, 'm'));
    expect(log).toContain('SIGTERM: stopping');
  });
});

describe('sm2: policy and digest options', () => {
  it('--policy and --digest sm3: the token carries the policy and verifies with verifyTimestampToken; SIGINT stops it', async () => {
    const policy = '1.3.6.1.4.1.32473.3161.7';
    // The chain comes with --cert this time (a leaf-first bundle), as sign cms accepts it.
    writeFileSync(join(tmp, 'sm2-tsa-chain.pem'), readFileSync(fx('sm2', 'tsa.pem'), 'utf8') + readFileSync(fx('sm2', 'intermediate.pem'), 'utf8'));
    const s = await serve(['--key', fx('sm2', 'tsa.key.pem'), '--cert', join(tmp, 'sm2-tsa-chain.pem'), '--policy', policy, '--digest', 'sm3']);
    const imprint = { digest: digest('sm3', DATA), digestName: 'sm3' as const };
    const nonce = 0x0123456789n;
    const { token, tstInfo } = await requestTimestamp(s.url, imprint, { policy, nonce });
    expect(tstInfo.policy).toBe(policy);
    const root = loadCertificates(readFileSync(fx('sm2', 'root.pem')))[0]!;
    const r = verifyTimestampToken({ token, data: DATA, nonce, trust: new TrustStore().addAnchor(root) });
    expect(r.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(r.indication).toBe('PASSED');
    // Another policy is refused by this TSA (RFC 3161 rejection, not an HTTP error).
    await expect(requestTimestamp(s.url, imprint, { policy: '1.3.6.1.4.1.32473.3161.1' })).rejects.toThrow(/unacceptedPolicy/);
    s.child.kill('SIGINT');
    expect(await s.exit).toBe(0);
    expect(s.stderr()).toMatch(/POST \/ 200 rejection unacceptedPolicy$/m);
  });
});

describe('heyan tsa serve refuses what cannot work', () => {
  it('missing --key: usage (3); a key of another certificate, or a certificate without timeStamping: exit 1', () => {
    const none = heyan(['tsa', 'serve', '--cert', fx('p256', 'tsa.pem')]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('tsa serve needs --key');
    const wrongKey = heyan(['tsa', 'serve', '--key', fx('p256', 'signer.key.pem'), '--cert', fx('p256', 'tsa.pem'), '--port', '0']);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('does not belong to --key');
    const notTsa = heyan(['tsa', 'serve', '--key', fx('p256', 'signer.key.pem'), '--cert', fx('p256', 'signer.pem'), '--port', '0']);
    expect(notTsa.code).toBe(1);
    expect(notTsa.stderr).toContain('timeStamping');
    expect(heyan(['tsa', 'serve', '--key', fx('p256', 'tsa.key.pem'), '--cert', fx('p256', 'tsa.pem'), '--port', '70000']).code).toBe(3);
    expect(heyan(['tsa', 'serve', '--key', fx('p256', 'tsa.key.pem'), '--cert', fx('p256', 'tsa.pem'), '--policy', 'not-an-oid']).code).toBe(3);
    expect(heyan(['tsa', 'oops']).code).toBe(3);
    expect(heyan(['help', 'tsa']).stdout).toContain('heyan tsa serve --key K --cert C');
  });

  it('a port already in use: one line naming EADDRINUSE, exit 1', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = heyan(['tsa', 'serve', '--key', fx('p256', 'tsa.key.pem'), '--cert', fx('p256', 'tsa.pem'), '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('EADDRINUSE');
    } finally {
      await new Promise((ok) => blocker.close(ok));
    }
  });
});
