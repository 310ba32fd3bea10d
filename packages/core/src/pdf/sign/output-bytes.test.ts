// signPdf / timestampPdf return a plain Uint8Array that owns its memory — not a Node Buffer, whose slice() is a view
// (a caller's `out.slice()` "copy" mutated the signed file), and not a view into Buffer's shared pool.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPrivateKey } from '../../crypto/index.js';
import { loadCertificates } from '../../pki/index.js';
import { createTsa } from '../../tsp/create-tsa.js';
import { signPdf } from './sign-pdf.js';
import { timestampPdf } from './timestamp-pdf.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (f: string): string => join(repo, 'fixtures/pki/p256', f);
const cert = (name: string) => loadCertificates(readFileSync(pki(`${name}.pem`)))[0]!;
const signer = { key: importPrivateKey(readFileSync(pki('signer.key.pem'))), certificate: cert('signer'), chain: [cert('intermediate')] };
const tsa = createTsa(importPrivateKey(readFileSync(pki('tsa.key.pem'))), cert('tsa'), { chain: [cert('intermediate')] });

function expectPlainOwned(out: Uint8Array, input: Uint8Array): void {
  expect(Buffer.isBuffer(out)).toBe(false);
  expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
  expect(out.byteOffset).toBe(0);
  expect(out.buffer.byteLength).toBe(out.length);
  // The input comes first, unchanged (an incremental update).
  expect(Buffer.from(out.subarray(0, input.length)).equals(Buffer.from(input))).toBe(true);
  // slice() is a copy for a Uint8Array: writing into it leaves the result alone.
  const copy = out.slice(0, 8);
  copy.fill(0x41);
  expect(Buffer.from(out.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
}

describe('signer output bytes', () => {
  for (const [name, file] of [
    ['classic xref', 'base.pdf'],
    ['xref stream', 'base-xref-stream.pdf'],
  ] as const) {
    it(`signPdf and timestampPdf on the ${name} base return a plain, self-owned Uint8Array`, async () => {
      const base = new Uint8Array(readFileSync(join(repo, 'fixtures/pdf', file)));
      const before = Buffer.from(base);
      const signed = await signPdf(base, { signer, reason: 'bytes' });
      expectPlainOwned(signed, base);
      const stamped = await timestampPdf(signed, { timestamp: (imp) => Promise.resolve(tsa.timestamp(imp)) });
      expectPlainOwned(stamped, signed);
      expect(Buffer.from(base).equals(before)).toBe(true);
    });
  }
});
