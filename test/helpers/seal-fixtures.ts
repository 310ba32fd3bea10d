// Test helper for the seal tests: the ofd-ses corpus (../shared/corpus beside the repo), the SM2 test PKI of
// fixtures/pki/sm2 (seal maker, signer, TSA, expired, revoked ...) and members of corpus OFD packages.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Certificate,
  TrustStore,
  importPkcs12,
  importPrivateKey,
  loadCertificates,
  loadCrls,
  type Crl,
  type PrivateKey,
} from '@heyan/core';
// The OFD zip reader (core/src/ofd), used directly: the seal tests need members of corpus packages.
import { readZip } from '../../packages/core/src/ofd/zip-read.js';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const corpusDir = resolve(repoRoot, '../shared/corpus/ofd-ses');
/** A fixed validation time inside the test PKI's validity (2025..2046). */
export const AT = new Date('2030-01-01T00:00:00Z');

export const corpus = (p: string): Uint8Array => new Uint8Array(readFileSync(join(corpusDir, p)));
export const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(join(repoRoot, 'fixtures', p)));

/** A member of a corpus OFD package, e.g. ofdMember('ofdrw-n.ofd', 'Doc_0/Signs/Sign_0/SignedValue.dat'). */
export function ofdMember(ofd: string, member: string): Uint8Array {
  const zip = readZip(corpus(join('ofd', ofd)));
  return new Uint8Array(zip.read(member));
}

export interface Party {
  key: PrivateKey;
  cert: Certificate;
}

export interface Sm2Pki {
  root: Certificate;
  intermediate: Certificate;
  /** Root as the anchor, the intermediate as a known intermediate. */
  trust: TrustStore;
  crls: Crl[];
  maker: Party;
  signer: Party;
  tsa: Party;
  expired: Party;
  revoked: Party;
  noDigitalSignature: Party;
  notYetValid: Party;
}

let cached: Sm2Pki | undefined;

export function sm2Pki(): Sm2Pki {
  if (cached) return cached;
  const f = (n: string): Uint8Array => fixture(`pki/sm2/${n}`);
  const party = (n: string): Party => ({ key: importPrivateKey(f(`${n}.key.pem`)), cert: loadCertificates(f(`${n}.pem`))[0]! });
  const root = loadCertificates(f('root.pem'))[0]!;
  const intermediate = loadCertificates(f('intermediate.pem'))[0]!;
  const trust = new TrustStore().addAnchor(root).addIntermediate(intermediate);
  cached = {
    root,
    intermediate,
    trust,
    crls: [...loadCrls(f('intermediate.crl.pem')), ...loadCrls(f('root.crl.pem'))],
    maker: party('seal-maker'),
    signer: party('signer'),
    tsa: party('tsa'),
    expired: party('expired'),
    revoked: party('revoked'),
    noDigitalSignature: party('no-digital-signature'),
    notYetValid: party('not-yet-valid'),
  };
  return cached;
}

/** The ofdrw test PKI (PKCS#12, legacy PBE): ROOT (password 123456), USER and SealBuilder (777777). */
export function ofdrwPki(): { root: Certificate; user: Certificate; sealBuilder: Certificate } {
  const cert = (file: string, password: string): Certificate => Certificate.fromDer(importPkcs12(corpus(`pki/${file}`), password).certificates[0]!);
  return { root: cert('ofdrw-ROOT.p12', '123456'), user: cert('ofdrw-USER.p12', '777777'), sealBuilder: cert('ofdrw-SealBuilder.p12', '777777') };
}
