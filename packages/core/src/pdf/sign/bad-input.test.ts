// Hostile and unusual inputs: encrypted PDFs, not-a-PDF, truncated files, a key that is not the certificate's; qpdf
// variants (linearized, object streams, xref table) are signed correctly (pdfsig + qpdf agree).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importPrivateKey } from '../../crypto/index.js';
import { FormatError, KeyError, UnsupportedError } from '../../errors.js';
import { loadCertificates } from '../../pki/index.js';
import { signPdf } from './sign-pdf.js';
import type { PdfSignerIdentity } from './types.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const pki = (alg: string, f: string): string => join(repo, 'fixtures/pki', alg, f);
const basePath = join(repo, 'fixtures/pdf/base.pdf');
const base = new Uint8Array(readFileSync(basePath));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfsign-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const signer = (alg: string): PdfSignerIdentity => ({
  key: importPrivateKey(readFileSync(pki(alg, 'signer.key.pem'))),
  certificate: loadCertificates(readFileSync(pki(alg, 'signer.pem')))[0]!,
});
const qpdf = (args: string[]): Uint8Array => {
  const out = join(tmp, `q${Math.random().toString(36).slice(2)}.pdf`);
  execFileSync('qpdf', [...args, basePath, out]);
  return new Uint8Array(readFileSync(out));
};

describe('signPdf refuses what it cannot sign, with named errors', () => {
  it('encrypted PDFs (with and without a user password): UnsupportedError', async () => {
    for (const user of ['u', '']) {
      const enc = qpdf(['--encrypt', user, 'owner', '256', '--']);
      await expect(signPdf(enc, { signer: signer('rsa') })).rejects.toThrow(UnsupportedError);
      await expect(signPdf(enc, { signer: signer('rsa') })).rejects.toThrow(/encrypted/);
    }
  });

  it('not a PDF, empty, a header only, truncated: FormatError', async () => {
    const inputs = [
      new Uint8Array(0),
      new TextEncoder().encode('hello, this is not a PDF'),
      new TextEncoder().encode('%PDF-1.7\n'),
      base.subarray(0, base.length >> 1),
      base.subarray(0, base.length - 10),
      // startxref pointing nowhere useful.
      Buffer.concat([base.subarray(0, base.lastIndexOf(0x73)), Buffer.from('startxref\n5\n%%EOF\n')]),
    ];
    for (const pdf of inputs) await expect(signPdf(pdf, { signer: signer('rsa') })).rejects.toThrow(FormatError);
  });

  it('a certificate that does not belong to the key: KeyError', async () => {
    const s = { ...signer('rsa'), certificate: loadCertificates(readFileSync(pki('rsa', 'tsa.pem')))[0]! };
    await expect(signPdf(base, { signer: s })).rejects.toThrow(KeyError);
  });
});

describe('qpdf variants are signed as incremental updates that pdfsig and qpdf accept', () => {
  const variants: [string, string[]][] = [
    ['linearized', ['--linearize']],
    ['object streams (xref stream)', ['--object-streams=generate']],
    ['no object streams (xref table)', ['--object-streams=disable']],
  ];
  for (const [label, args] of variants) {
    it(label, async () => {
      const input = qpdf(args);
      const out = await signPdf(input, { signer: signer('p256') });
      expect(Buffer.from(out.subarray(0, input.length)).equals(Buffer.from(input))).toBe(true);
      const path = join(tmp, `signed-${label.replace(/\W+/g, '-')}.pdf`);
      writeFileSync(path, out);
      expect(spawnSync('qpdf', ['--check', path]).status).toBe(0);
      const s = spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' }).stdout;
      expect(s).toContain('Signature is Valid');
      expect(s).toContain('Total document signed');
    });
  }
});
