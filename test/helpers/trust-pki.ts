// Test helper for trust bundles, status lists and the registry: the fixed test PKI of fixtures/pki/{sm2,p256}
// (root → intermediate → signer, seal-maker, ...) and extra issuer certificates made under its intermediate.
// Imports module files directly so a half-written module elsewhere cannot break these tests.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPrivateKey } from '../../packages/core/src/crypto/keys/import-private.js';
import { generateKeyPair } from '../../packages/core/src/crypto/keys/generate.js';
import type { PrivateKey } from '../../packages/core/src/crypto/types.js';
import type { Certificate } from '../../packages/core/src/pki/certificate.js';
import { loadCertificates } from '../../packages/core/src/pki/load.js';
import { loadCrls, type Crl } from '../../packages/core/src/pki/crl.js';
import { issueCertificate } from '../../packages/core/src/pki/issue-certificate.js';
import { TrustStore } from '../../packages/core/src/pki/trust-store.js';
import { EKU_HEYAN_TRUST_BUNDLE_SIGNING } from '../../packages/core/src/trust/signer-authorisation.js';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Inside the fixture PKI validity (2025..2046). */
export const AT = new Date('2030-01-01T00:00:00Z');
export const DAY = 86_400_000;

export const fixturePath = (p: string): string => join(repoRoot, 'fixtures', p);
const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(p)));

export type Family = 'sm2' | 'p256';

export interface Party {
  cert: Certificate;
  key: PrivateKey;
}

export interface TestPki {
  family: Family;
  root: Certificate;
  rootKey: PrivateKey;
  intermediate: Certificate;
  intermediateKey: PrivateKey;
  crl: Crl;
  signer: Party;
  /** A trust bundle signer (EKU id-kp-heyanTrustBundleSigning): fixtures/pki/sm2/bundle-signer.pem, made here for p256. */
  bundleSigner: Party;
  /** A fixture party by name (seal-maker, tsa, expired, revoked ...). */
  party(name: string): Party;
  /** A new signing certificate under the intermediate (an issuing authority's key). */
  issue(cn: string, opts?: { notBefore?: Date; notAfter?: Date; extKeyUsage?: string[] }): Party;
  /** The root alone as anchor. */
  pinned(): TrustStore;
}

const cache = new Map<Family, TestPki>();

export function testPki(family: Family): TestPki {
  const hit = cache.get(family);
  if (hit) return hit;
  const cert = (n: string) => loadCertificates(fixture(`pki/${family}/${n}.pem`))[0]!;
  const key = (n: string) => importPrivateKey(fixture(`pki/${family}/${n}.key.pem`));
  const intermediate = cert('intermediate');
  const intermediateKey = key('intermediate');
  const root = cert('root');
  let bundleSigner: Party | undefined;
  const pki: TestPki = {
    family,
    root,
    rootKey: key('root'),
    intermediate,
    intermediateKey,
    crl: loadCrls(fixture(`pki/${family}/intermediate.crl.pem`))[0]!,
    signer: { cert: cert('signer'), key: key('signer') },
    get bundleSigner(): Party {
      bundleSigner ??=
        family === 'sm2'
          ? { cert: cert('bundle-signer'), key: key('bundle-signer') }
          : pki.issue('测试信任包签发者（P-256）', { extKeyUsage: [EKU_HEYAN_TRUST_BUNDLE_SIGNING, '1.3.6.1.5.5.7.3.36'] });
      return bundleSigner;
    },
    party: (n) => ({ cert: cert(n), key: key(n) }),
    issue: (cn, o = {}) => {
      const k = generateKeyPair(family);
      const c = issueCertificate({
        subject: { CN: cn, O: '核验测试', C: 'CN' },
        publicKey: k.publicKey,
        issuer: intermediate,
        issuerKey: intermediateKey,
        notBefore: o.notBefore ?? new Date('2025-01-01T00:00:00Z'),
        notAfter: o.notAfter ?? new Date('2046-12-31T23:59:59Z'),
        keyUsage: ['digitalSignature', 'nonRepudiation'],
        ...(o.extKeyUsage ? { extKeyUsage: o.extKeyUsage } : {}),
      });
      return { cert: c, key: k };
    },
    pinned: () => new TrustStore().addAnchor(root),
  };
  cache.set(family, pki);
  return pki;
}
