// Test helper for credential tests: the fixed test PKI of fixtures/pki/{sm2,p256,rsa} (root → intermediate → signer,
// expired, revoked), plus in-memory P-384 and Ed25519 hierarchies made with the library (fixtures have none).
// Imports module files directly, not the package index, so a half-written module elsewhere cannot break these tests.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPrivateKey } from '../../packages/core/src/crypto/keys/import-private.js';
import { generateKeyPair } from '../../packages/core/src/crypto/keys/generate.js';
import type { PrivateKey } from '../../packages/core/src/crypto/types.js';
import type { Certificate } from '../../packages/core/src/pki/certificate.js';
import { loadCertificates } from '../../packages/core/src/pki/load.js';
import { loadCrls } from '../../packages/core/src/pki/crl.js';
import { issueCertificate } from '../../packages/core/src/pki/issue-certificate.js';
import { TrustStore } from '../../packages/core/src/pki/trust-store.js';
import { exampleRecord } from '../../packages/core/src/license/example.js';
import type { LicenseRecord } from '../../packages/core/src/license/model.js';
import { createStatusList } from '../../packages/core/src/status/create-status-list.js';
import type { LicenseStatus } from '../../packages/core/src/status/types.js';
import { createTrustBundle } from '../../packages/core/src/trust/create-bundle.js';
import { openTrustBundle } from '../../packages/core/src/trust/open-bundle.js';
import type { TrustBundle } from '../../packages/core/src/trust/bundle.js';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** A fixed time inside the fixture PKI validity (2025..2046). */
export const AT = new Date('2030-01-01T00:00:00Z');

export const fixturePath = (p: string): string => join(repoRoot, 'fixtures', p);
export const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(p)));

export type FixtureFamily = 'sm2' | 'p256' | 'rsa';

export interface Pki {
  root: Certificate;
  intermediate: Certificate;
  signer: Certificate;
  signerKey: PrivateKey;
  /** Root as anchor, intermediate CRL included. */
  trust: TrustStore;
  /** A certificate by name with its key (expired, revoked, seal-maker ...); fixture families only. */
  party(name: string): { cert: Certificate; key: PrivateKey };
}

const cache = new Map<string, Pki>();

export function fixturePki(family: FixtureFamily): Pki {
  const hit = cache.get(family);
  if (hit) return hit;
  const cert = (n: string) => loadCertificates(fixture(`pki/${family}/${n}.pem`))[0]!;
  const key = (n: string) => importPrivateKey(fixture(`pki/${family}/${n}.key.pem`));
  const root = cert('root');
  const intermediate = cert('intermediate');
  const trust = new TrustStore().addAnchor(root);
  for (const c of loadCrls(fixture(`pki/${family}/intermediate.crl.pem`))) trust.addCrl(c);
  const pki: Pki = { root, intermediate, signer: cert('signer'), signerKey: key('signer'), trust, party: (n) => ({ cert: cert(n), key: key(n) }) };
  cache.set(family, pki);
  return pki;
}

/** A fresh root → intermediate → signer hierarchy for key algorithms the fixtures lack. */
export function generatedPki(alg: 'p384' | 'ed25519' | 'p256' | 'sm2' | 'rsa2048', name = alg): Pki {
  const hit = cache.get(`gen:${name}`);
  if (hit) return hit;
  const nb = new Date('2025-01-01T00:00:00Z');
  const na = new Date('2046-12-31T23:59:59Z');
  const rk = generateKeyPair(alg);
  const root = issueCertificate({ subject: { CN: `Root ${name}`, O: '核验测试', C: 'CN' }, publicKey: rk.publicKey, issuerKey: rk, notBefore: nb, notAfter: na, ca: true });
  const ik = generateKeyPair(alg);
  const intermediate = issueCertificate({ subject: { CN: `Intermediate ${name}`, O: '核验测试', C: 'CN' }, publicKey: ik.publicKey, issuer: root, issuerKey: rk, notBefore: nb, notAfter: na, ca: true, pathLen: 0 });
  const sk = generateKeyPair(alg);
  const signer = issueCertificate({ subject: { CN: `Signer ${name}`, O: '核验测试', C: 'CN' }, publicKey: sk.publicKey, issuer: intermediate, issuerKey: ik, notBefore: nb, notAfter: na, keyUsage: ['digitalSignature', 'nonRepudiation'] });
  const pki: Pki = {
    root,
    intermediate,
    signer,
    signerKey: sk,
    trust: new TrustStore().addAnchor(root),
    party: () => {
      throw new Error('generated PKI has no named parties');
    },
  };
  cache.set(`gen:${name}`, pki);
  return pki;
}

// ---- A licence world: issuer, status list, signed trust bundle (through the real trust/ and status/ modules) ----

const DAY = 86_400_000;
export const BUSINESS = exampleRecord('营业执照');
export const ISSUER_CODE = BUSINESS.issueDeptCode;
export const LIST_ID = `urn:heyan:status:${ISSUER_CODE}:1`;
/** Entries of the world's status list that are not valid. */
export const REVOKED_INDEX = 7;
export const SUSPENDED_INDEX = 8;

export interface World {
  pki: Pki;
  list: string;
  bundle: TrustBundle;
  bundleBytes: Uint8Array;
  record: LicenseRecord;
}

export interface WorldOptions {
  licenseTypes?: string[];
  areaCodes?: string[];
  /** Status list validity (default AT - 1 day .. AT + 7 days). */
  listFrom?: Date;
  listUntil?: Date;
  statuses?: Map<number, LicenseStatus>;
}

/** Issuer = the fixture signer; bundle signed by the fixture seal-maker under the same root (pinned as the bundle signer), opened at AT. */
export function licenceWorld(pki: Pki, o: WorldOptions = {}): World {
  return buildWorld(pki, BUSINESS, LIST_ID, AT, { ...o, licenseTypes: o.licenseTypes ?? [BUSINESS.certificateTypeCode], areaCodes: o.areaCodes ?? ['35'] });
}

// ---- A licence world per shipped type (licence documents: one world per type, as bench/license.js builds them) ----

/**
 * A time inside every shipped example record's validity (registered constructor: 2024-06-01 .. 2027-05-31), the
 * fixture PKI's (2025..2046) and the test seal's (2026..2036). AT (2030) is past some examples' end.
 */
export const DOCUMENT_AT = new Date('2027-01-01T00:00:00Z');

export interface TypedWorld extends World {
  /** The time the bundle and status list are built for (verify at this time). */
  at: Date;
  /** The issuer entry's status list id (derived from the issuer code). */
  listId: string;
  /** The 2-digit area prefix the bundle authorises (the record's province). */
  areaCode: string;
}

export interface TypedWorldOptions extends WorldOptions {
  /** Default: DOCUMENT_AT when inside the record's validity, else a day after its start. */
  at?: Date;
}

/** Start and end (exclusive, the day after the end date) of a record's validity, China time. */
export function recordValidity(r: LicenseRecord): { from: Date; until?: Date } {
  const day = (d: string) => new Date(`${d}T00:00:00+08:00`);
  const end = r.certificateValidateEnd;
  return { from: day(r.certificateValidateStart), ...(end ? { until: new Date(day(end).getTime() + DAY) } : {}) };
}

/**
 * A world for one licence type (name, code or alias) or record: the issuer entry is the record's issuer (code, name),
 * authorised for its type in its province (certificateAreaCode's first two digits), with a status list
 * `urn:heyan:status:<issuer code>:1` (REVOKED_INDEX revoked, SUSPENDED_INDEX suspended). `opts.licenseTypes` /
 * `opts.areaCodes` override the authorisation (unauthorised-issuer tests).
 */
export function licenceWorldFor(pki: Pki, type: string | LicenseRecord, o: TypedWorldOptions = {}): TypedWorld {
  const record = typeof type === 'string' ? exampleRecord(type) : structuredClone(type);
  const v = recordValidity(record);
  const inside = DOCUMENT_AT >= v.from && (!v.until || DOCUMENT_AT < v.until);
  const at = o.at ?? (inside ? DOCUMENT_AT : new Date(v.from.getTime() + DAY));
  const listId = `urn:heyan:status:${record.issueDeptCode}:1`;
  const areaCode = record.certificateAreaCode.slice(0, 2);
  const w = buildWorld(pki, record, listId, at, { ...o, licenseTypes: o.licenseTypes ?? [record.certificateTypeCode], areaCodes: o.areaCodes ?? [areaCode] });
  return { ...w, at, listId, areaCode };
}

function buildWorld(pki: Pki, record: LicenseRecord, listId: string, at: Date, o: WorldOptions & { licenseTypes: string[]; areaCodes: string[] }): World {
  const list = createStatusList({
    id: listId,
    statuses: o.statuses ?? new Map<number, LicenseStatus>([[REVOKED_INDEX, 'revoked'], [SUSPENDED_INDEX, 'suspended']]),
    validFrom: o.listFrom ?? new Date(at.getTime() - DAY),
    validUntil: o.listUntil ?? new Date(at.getTime() + 7 * DAY),
    issuer: { key: pki.signerKey, certificate: pki.signer, chain: [pki.intermediate] },
  });
  const bundleSigner = pki.party('seal-maker');
  const bundleBytes = createTrustBundle({
    version: 3,
    issuedAt: new Date(at.getTime() - DAY),
    nextUpdate: new Date(at.getTime() + 30 * DAY),
    roots: [pki.root],
    intermediates: [pki.intermediate],
    crls: [...pki.trust.crls],
    issuers: [{ code: record.issueDeptCode, name: record.issueDept, certificates: [pki.signer], licenseTypes: o.licenseTypes, areaCodes: o.areaCodes }],
    statusLists: [list],
    signer: { key: bundleSigner.key, certificate: bundleSigner.cert, chain: [pki.intermediate] },
  });
  const opened = openTrustBundle(bundleBytes, { pinned: new TrustStore().addAnchor(pki.root), signers: [bundleSigner.cert], time: at });
  if (!opened.bundle) throw new Error(`test bundle refused: ${opened.checks.filter((c) => c.status !== 'passed').map((c) => c.message.en).join('; ')}`);
  return { pki, list, bundle: opened.bundle, bundleBytes, record: structuredClone(record) };
}
