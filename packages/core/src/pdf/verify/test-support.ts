// Test-only: the RSA fixture signer, trust anchor and base PDF that the verify red-team tests sign and then attack,
// and the small PDF-writing helpers they share. Kept free of vitest so importing it has no test-runner side effects.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPrivateKey } from '../../crypto/index.js';
import { TrustStore, loadCertificates } from '../../pki/index.js';
import type { Check } from '../../report/types.js';
import type { PdfObj } from '../document/types.js';
import type { PdfSignerIdentity } from '../sign/types.js';
import type { PdfVerifyOptions } from './types.js';

export const repo = resolve(fileURLToPath(new URL('../../../../../', import.meta.url)));
/** A file of the RSA fixture PKI (root, intermediate, signer, tsa). */
export const pki = (f: string): string => join(repo, 'fixtures/pki/rsa', f);
/** The unsigned one-page fixture every test signs. */
export const base = new Uint8Array(readFileSync(join(repo, 'fixtures/pdf/base.pdf')));

/** Validation time: after signing, inside the fixture certificates' validity. */
export const AT = new Date('2030-01-01T08:00:00Z');
export const cert = (name: string) => loadCertificates(readFileSync(pki(`${name}.pem`)))[0]!;
export const signer: PdfSignerIdentity = { key: importPrivateKey(readFileSync(pki('signer.key.pem'))), certificate: cert('signer'), chain: [cert('intermediate')] };
/** Verify at AT, trusting the fixture root. */
export const opts: PdfVerifyOptions = { time: AT, atGiven: true, trust: new TrustStore().addAnchor(cert('root')) };
/** The text forged updates put on page 1. */
export const FORGED = 'Licence REVOKED - FORGED 66666666';

export const L = (s: string): Buffer => Buffer.from(s, 'latin1');
export const byId = (checks: readonly Check[], id: string): Check[] => checks.filter((c) => c.id === id);

/** PDF syntax for a parsed value (strings as hex; no streams). */
export function ser(o: PdfObj): string {
  switch (o.t) {
    case 'null':
      return 'null';
    case 'bool':
    case 'num':
      return String(o.v);
    case 'name':
      return `/${o.v}`;
    case 'str':
      return `<${Buffer.from(o.v).toString('hex')}>`;
    case 'ref':
      return `${o.num} ${o.gen} R`;
    case 'array':
      return `[ ${o.v.map(ser).join(' ')} ]`;
    case 'dict':
      return `<< ${[...o.v].map(([k, v]) => `/${k} ${ser(v)}`).join(' ')} >>`;
    case 'stream':
      throw new Error('stream');
  }
}
