// verify() must treat its input as read-only. Node hands files over as Buffers, whose slice() is a view: a parser
// that "copies" with slice() and then writes (the signed attributes' [0] → SET tag) would change the caller's
// bytes, and a second verify of the same Buffer would then fail. Each input is verified twice from one Buffer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TrustStore, importPrivateKey, loadCertificates, signData, signDetached, verify, type Report } from '@heyan/core';

const fixtures = fileURLToPath(new URL('../fixtures/pki/', import.meta.url));
const fx = (alg: string, name: string) => join(fixtures, alg, name);
const at = new Date('2030-01-01T00:00:00Z');
const content = new TextEncoder().encode('核验 buffer input\n');
const tmp = mkdtempSync(join(tmpdir(), 'heyan-buffer-input-'));

function family(alg: 'sm2' | 'p256') {
  const cert = (n: string) => loadCertificates(readFileSync(fx(alg, `${n}.pem`)))[0]!;
  return {
    signer: cert('signer'),
    intermediate: cert('intermediate'),
    key: importPrivateKey(readFileSync(fx(alg, 'signer.key.pem'))),
    trust: new TrustStore().addAnchor(cert('root')),
  };
}

/** Verify the same Buffer twice: the bytes stay as they were and both reports agree. */
async function twice(buf: Buffer, opts: Parameters<typeof verify>[1]): Promise<Report> {
  const before = Buffer.from(buf); // a real copy
  const first = await verify(buf, opts);
  expect(buf.equals(before), 'input changed by the first verify').toBe(true);
  const second = await verify(buf, opts);
  expect(buf.equals(before), 'input changed by the second verify').toBe(true);
  const shape = (r: Report) => ({ indication: r.indication, subIndication: r.subIndication, checks: r.signatures.map((s) => s.checks.map((c) => [c.id, c.status])) });
  expect(shape(second)).toEqual(shape(first));
  return second;
}

describe('verify() leaves a Buffer input untouched', () => {
  it('a CMS with signed attributes made by OpenSSL (P-256), DER from a file', async () => {
    const { trust } = family('p256');
    writeFileSync(join(tmp, 'm.bin'), content);
    execFileSync('openssl', ['cms', '-sign', '-binary', '-in', join(tmp, 'm.bin'), '-signer', fx('p256', 'signer.pem'), '-inkey', fx('p256', 'signer.key.pem'),
      '-certfile', fx('p256', 'intermediate.pem'), '-md', 'sha256', '-outform', 'DER', '-out', join(tmp, 'p256.p7s')]);
    const buf = readFileSync(join(tmp, 'p256.p7s'));
    expect(buf[0]).toBe(0x30);
    const r = await twice(buf, { trust, at, content });
    expect(r.format).toBe('cms');
    expect(r.indication).toBe('PASSED');
  });

  it('an SM2 CMS with signed attributes made by heyan', async () => {
    const { signer, intermediate, key, trust } = family('sm2');
    const buf = Buffer.from(signDetached({ content, key, certificate: signer, chain: [intermediate], signingTime: new Date('2029-12-31T00:00:00Z') }));
    const r = await twice(buf, { trust, at, content });
    expect(r.indication).toBe('PASSED');
  });

  it('a certificate chain, PEM and DER', async () => {
    const { trust } = family('sm2');
    const pem = readFileSync(fx('sm2', 'chain.pem'));
    expect((await twice(pem, { trust, at })).indication).toBe('PASSED');
    const der = Buffer.from(execFileSync('openssl', ['x509', '-in', fx('sm2', 'signer.pem'), '-outform', 'DER']));
    const { intermediate } = family('sm2');
    expect((await twice(der, { trust, at, certificates: [intermediate] })).indication).toBe('PASSED');
  });

  it('a raw SM2 signature', async () => {
    const { signer, intermediate, key, trust } = family('sm2');
    const buf = Buffer.from(signData({ key, data: content }).signature);
    const r = await twice(buf, { trust, at, content, rawSignature: true, certificates: [signer, intermediate] });
    expect(r.indication).toBe('PASSED');
  });
});
