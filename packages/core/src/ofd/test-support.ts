// Test-only: the SM2 world the OFD signer and writer tests share — the test signer of fixtures/pki/sm2 with the seal
// of fixtures/ofd (seal.esl lists that signer), the trust to verify it (root anchor, intermediate supplied: SES
// signatures carry the signer certificate only), the SM2 test TSA, and readers the tests judge packages with
// (members replaced, page text as a reader sees it, OpenSSL's SM3). Kept free of vitest.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPrivateKey } from '../crypto/keys/index.js';
import type { PrivateKey } from '../crypto/types.js';
import type { Certificate } from '../pki/certificate.js';
import { loadCertificates } from '../pki/load.js';
import { TrustStore } from '../pki/trust-store.js';
import type { Check } from '../report/types.js';
import { createTsa, type Tsa } from '../tsp/create-tsa.js';
import type { OfdPackage } from './package.js';
import type { OfdVerifyResult } from './verify.js';
import { attr, child, childrenNamed } from './xml.js';
import { readZip } from './zip-read.js';
import { ZipWriter } from './zip-write.js';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** Signing time of the tests: inside the validity of the seal and the test PKI. */
export const SIGNED_AT = new Date('2026-03-01T10:00:00Z');
/** Validation time of the tests. */
export const AT = new Date('2030-01-01T00:00:00Z');

/** A file of the SM2 test PKI (fixtures/pki/sm2). */
export const sm2Pki = (file: string): Uint8Array => new Uint8Array(readFileSync(join(repoRoot, 'fixtures/pki/sm2', file)));
/** A file of fixtures/ofd (unsigned.ofd, unsigned-2p.ofd, seal.esl, ...). */
export const ofdFixture = (file: string): Uint8Array => new Uint8Array(readFileSync(join(repoRoot, 'fixtures/ofd', file)));

export interface OfdTestSigner {
  key: PrivateKey;
  cert: Certificate;
  /** DER SES_Seal (v4, 40×40 mm PNG) listing `cert`. */
  seal: Uint8Array;
  trust: TrustStore;
}

/** The SM2 test signer, its seal and the trust that verifies it. */
export function ofdTestSigner(): OfdTestSigner {
  return {
    key: importPrivateKey(sm2Pki('signer.key.pem')),
    cert: loadCertificates(sm2Pki('signer.pem'))[0]!,
    seal: ofdFixture('seal.esl'),
    trust: new TrustStore().addAnchor(loadCertificates(sm2Pki('root.pem'))[0]!).addIntermediate(loadCertificates(sm2Pki('intermediate.pem'))[0]!),
  };
}

/** The SM2 test TSA (fixtures/pki/sm2/tsa), its clock fixed `afterMs` after SIGNED_AT. */
export function testTsa(afterMs = 5000): Tsa {
  return createTsa(importPrivateKey(sm2Pki('tsa.key.pem')), loadCertificates(sm2Pki('tsa.pem'))[0]!, { clock: () => new Date(SIGNED_AT.getTime() + afterMs) });
}

/** Every check of a result: the document's and each signature's. */
export function allChecks(r: OfdVerifyResult): Check[] {
  return [...r.checks, ...r.signatures.flatMap((s) => s.checks)];
}

/** The package with members replaced or added (the stored bytes of every other member copied). */
export function rebuildOfd(ofd: Uint8Array, replace: Record<string, Uint8Array>, add: Record<string, Uint8Array> = {}): Uint8Array {
  const z = readZip(ofd);
  const w = new ZipWriter({ date: SIGNED_AT });
  for (const e of z.entries) {
    const r = replace[e.name];
    if (r) w.addFile(e.name, r);
    else w.copyFrom(z, e);
  }
  for (const [name, bytes] of Object.entries(add)) w.addFile(name, bytes);
  return w.finish();
}

/** SM3 of `bytes`, base64, computed by the OpenSSL CLI (an implementation independent of ours) in `dir`. */
export function opensslSm3Base64(bytes: Uint8Array, dir: string): string {
  const f = join(dir, 'sm3-input.bin');
  writeFileSync(f, bytes);
  const r = spawnSync('openssl', ['dgst', '-sm3', '-binary', f]);
  if (r.status !== 0) throw new Error(`openssl dgst: ${String(r.stderr)}`);
  return r.stdout.toString('base64');
}

export interface PageText {
  /** The TextCodes' text, joined. */
  text: string;
  name?: string;
  /** Absolute x of every character (Boundary x + TextCode X + the DeltaX before it), mm. */
  xs: number[];
  /** Absolute y of the (last) TextCode's baseline, mm. */
  baseline: number;
  font?: string;
  size: number;
  weight?: string;
}

/** The TextObjects of a page's first layer as an OFD reader sees them. Throws when a DeltaX list has the wrong length. */
export function pageTexts(pkg: OfdPackage, page: string): PageText[] {
  const layer = child(child(pkg.xml(page), 'Content'), 'Layer');
  return childrenNamed(layer, 'TextObject').map((t) => {
    const [bx, by] = attr(t, 'Boundary')!.split(' ').map(Number) as [number, number];
    const xs: number[] = [];
    let text = '';
    let baseline = NaN;
    for (const code of childrenNamed(t, 'TextCode')) {
      const chars = [...code.text];
      let x = bx + Number(attr(code, 'X'));
      baseline = by + Number(attr(code, 'Y'));
      const deltas = (attr(code, 'DeltaX') ?? '').split(' ').filter(Boolean).map(Number);
      if (deltas.length !== Math.max(0, chars.length - 1)) throw new Error(`${deltas.length} DeltaX values for ${chars.length} characters in ${JSON.stringify(code.text)}`);
      chars.forEach((_, i) => {
        xs.push(x);
        x += deltas[i] ?? 0;
      });
      text += code.text;
    }
    const name = attr(t, 'Name');
    const font = attr(t, 'Font');
    const weight = attr(t, 'Weight');
    return { text, ...(name !== undefined ? { name } : {}), xs, baseline, ...(font !== undefined ? { font } : {}), size: Number(attr(t, 'Size')), ...(weight !== undefined ? { weight } : {}) };
  });
}
