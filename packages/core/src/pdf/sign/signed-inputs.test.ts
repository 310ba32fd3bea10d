// Signing documents that other tools already signed (corpus: Adobe Reader twice with object streams, DSS, node-signpdf):
// each earlier signature keeps its pdfsig verdict and the verifier's intact/valid facets; the new one is intact + valid.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importPrivateKey } from '../../crypto/index.js';
import { loadCertificates } from '../../pki/index.js';
import { verify } from '../../verify.js';
import { signPdf } from './sign-pdf.js';

const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
const corpus = resolve(repo, '../shared/corpus/pdf');
const pki = (f: string): string => join(repo, 'fixtures/pki/rsa', f);
const tmp = mkdtempSync(join(tmpdir(), 'heyan-pdfsign-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const signer = {
  key: importPrivateKey(readFileSync(pki('signer.key.pem'))),
  certificate: loadCertificates(readFileSync(pki('signer.pem')))[0]!,
  chain: loadCertificates(readFileSync(pki('intermediate.pem'))),
};

/** pdfsig's per-signature verdict lines (validation, and whether the whole document is covered is expected to change). */
function pdfsigVerdicts(pdf: Uint8Array): string[] {
  const p = join(tmp, `s${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(p, pdf);
  const out = spawnSync('pdfsig', ['-nocert', p], { encoding: 'utf8' }).stdout;
  return out.split(/Signature #\d+:/).slice(1).map((s) => /Signature Validation: (.*)/.exec(s)?.[1] ?? '?');
}

describe('signing already-signed corpus PDFs', () => {
  for (const name of ['pyh_minimal-two-fields-signed-twice.pdf', 'dss_pdf-signed-original.pdf', 'signpdf_signed.pdf']) {
    it(name, async () => {
      const input = new Uint8Array(readFileSync(join(corpus, name)));
      const beforeSig = pdfsigVerdicts(input);
      const before = (await verify(input)).signatures.map((s) => [s.pdf?.field, s.pdf?.intact, s.pdf?.valid]);
      expect(before.length).toBeGreaterThan(0);
      const out = await signPdf(input, { signer, fieldName: 'HeyanAdded' });
      expect(Buffer.compare(Buffer.from(out.subarray(0, input.length)), Buffer.from(input))).toBe(0);
      const afterSig = pdfsigVerdicts(out);
      expect(afterSig.slice(0, beforeSig.length)).toEqual(beforeSig);
      expect(afterSig[beforeSig.length]).toBe('Signature is Valid.');
      const after = (await verify(out)).signatures.map((s) => [s.pdf?.field, s.pdf?.intact, s.pdf?.valid]);
      expect(after.filter((s) => s[0] !== 'HeyanAdded')).toEqual(before);
      expect(after.find((s) => s[0] === 'HeyanAdded')).toEqual(['HeyanAdded', true, true]);
    });
  }
});
