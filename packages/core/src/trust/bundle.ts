// An opened (verified) trust bundle: roots, intermediates and CRLs as a TrustStore, the authorised issuers, and the
// current status lists. Built only by openTrustBundle (verified) or inspectTrustBundle (unverified, flagged).
import { TrustStore, type Certificate, type Crl } from '../pki/index.js';
import { readStatusListPayload } from '../status/parse-status-list.js';
import { areaCovers } from './area-code.js';
import { keyIdMatches } from './key-id.js';
import type { AuthorisationResult, TrustBundleIssuer } from './types.js';

export interface TrustBundleFields {
  version: number;
  issuedAt: Date;
  nextUpdate: Date;
  roots: readonly Certificate[];
  intermediates: readonly Certificate[];
  crls: readonly Crl[];
  issuers: readonly TrustBundleIssuer[];
  statusLists: readonly string[];
  /** SHA-256 hex of the bundle file. */
  digest: string;
  /** The certificate that signed the bundle. */
  signer?: Certificate;
  /** false for a bundle read by inspectTrustBundle: nothing in it may be trusted. */
  verified: boolean;
}

export class TrustBundle {
  readonly version: number;
  readonly issuedAt: Date;
  readonly nextUpdate: Date;
  readonly roots: readonly Certificate[];
  readonly intermediates: readonly Certificate[];
  readonly crls: readonly Crl[];
  readonly issuers: readonly TrustBundleIssuer[];
  /** Status lists (compact JWS) as carried, in bundle order. */
  readonly statusLists: readonly string[];
  readonly digest: string;
  readonly signer?: Certificate;
  readonly verified: boolean;
  #byCode = new Map<string, TrustBundleIssuer>();
  #byFingerprint = new Map<string, TrustBundleIssuer>();
  #lists = new Map<string, string>();

  constructor(f: TrustBundleFields) {
    this.version = f.version;
    this.issuedAt = f.issuedAt;
    this.nextUpdate = f.nextUpdate;
    this.roots = Object.freeze([...f.roots]);
    this.intermediates = Object.freeze([...f.intermediates]);
    this.crls = Object.freeze([...f.crls]);
    this.issuers = Object.freeze(f.issuers.map((i) => Object.freeze({ ...i, certificates: Object.freeze([...i.certificates]), licenseTypes: Object.freeze([...i.licenseTypes]), areaCodes: Object.freeze([...i.areaCodes]) })));
    this.statusLists = Object.freeze([...f.statusLists]);
    this.digest = f.digest;
    if (f.signer) this.signer = f.signer;
    this.verified = f.verified;
    for (const i of this.issuers) {
      this.#byCode.set(i.code, i);
      for (const c of i.certificates) if (!this.#byFingerprint.has(c.fingerprintSha256)) this.#byFingerprint.set(c.fingerprintSha256, i);
    }
    for (const jws of this.statusLists) {
      try {
        const id = readStatusListPayload(jws).id;
        if (!this.#lists.has(id)) this.#lists.set(id, jws);
      } catch {
        // An unreadable list cannot be found by id; checkStatus would refuse it anyway.
      }
    }
  }

  /**
   * A fresh TrustStore: the roots as anchors, the intermediates, the CRLs. Empty for an unverified bundle (read by
   * inspectTrustBundle): nothing in it may be trusted.
   */
  trustStore(): TrustStore {
    const s = new TrustStore();
    if (!this.verified) return s;
    this.roots.forEach((c) => s.addAnchor(c));
    this.intermediates.forEach((c) => s.addIntermediate(c));
    this.crls.forEach((c) => s.addCrl(c));
    return s;
  }

  findIssuerByCode(code: string): TrustBundleIssuer | undefined {
    return this.#byCode.get(code);
  }

  /** The issuer listing this exact certificate (same DER). */
  findIssuerByCertificate(cert: Certificate): TrustBundleIssuer | undefined {
    return this.#byFingerprint.get(cert.fingerprintSha256);
  }

  /** The issuer listing the certificate with this SHA-256 fingerprint (hex). */
  findIssuerByFingerprint(fingerprintSha256: string): TrustBundleIssuer | undefined {
    return this.#byFingerprint.get(fingerprintSha256.toLowerCase());
  }

  /**
   * Every issuer certificate a key id names (8/16/32 bytes of SHA-256 or SM3 of the DER, or the
   * subjectKeyIdentifier; bytes, hex or base64url). Short ids can collide: a verifier tries each (reference B3).
   */
  certificatesByKeyId(kid: string | Uint8Array): { issuer: TrustBundleIssuer; certificate: Certificate }[] {
    const out: { issuer: TrustBundleIssuer; certificate: Certificate }[] = [];
    for (const issuer of this.issuers) for (const certificate of issuer.certificates) if (keyIdMatches(certificate, kid)) out.push({ issuer, certificate });
    return out;
  }

  /** The issuer of the first certificate a key id names (see certificatesByKeyId for collisions). */
  findIssuerByKeyId(kid: string | Uint8Array): TrustBundleIssuer | undefined {
    return this.certificatesByKeyId(kid)[0]?.issuer;
  }

  /**
   * May this issuer, with this certificate, issue a licence of this type for this area? The certificate must be
   * one the bundle lists for the issuer; the type must be listed (or '*'); the area must lie inside a listed area.
   */
  isAuthorised(issuerCode: string, cert: Certificate, typeCode: string, areaCode: string): AuthorisationResult {
    const issuer = this.#byCode.get(issuerCode);
    if (!issuer) {
      return {
        ok: false,
        problem: 'issuer-unknown',
        reason: `issuer ${issuerCode} is not in the trust bundle`,
        message: { zh: `签发机构 ${issuerCode} 不在信任包中`, en: `issuer ${issuerCode} is not in the trust bundle` },
      };
    }
    if (!issuer.certificates.some((c) => c.fingerprintSha256 === cert.fingerprintSha256)) {
      return {
        ok: false,
        problem: 'certificate-not-listed',
        issuer,
        reason: `certificate "${cert.subject}" is not one of ${issuer.name} (${issuer.code})'s signing certificates`,
        message: { zh: `证书「${cert.subject}」不是 ${issuer.name}（${issuer.code}）登记的签发证书`, en: `certificate "${cert.subject}" is not one of ${issuer.name} (${issuer.code})'s signing certificates` },
      };
    }
    if (!issuer.licenseTypes.includes('*') && !issuer.licenseTypes.includes(typeCode)) {
      return {
        ok: false,
        problem: 'type-not-allowed',
        issuer,
        reason: `${issuer.name} (${issuer.code}) may not issue licence type ${typeCode}`,
        message: { zh: `${issuer.name}（${issuer.code}）无权签发证照类型 ${typeCode}`, en: `${issuer.name} (${issuer.code}) may not issue licence type ${typeCode}` },
      };
    }
    if (!issuer.areaCodes.some((a) => areaCovers(a, areaCode))) {
      return {
        ok: false,
        problem: 'area-not-allowed',
        issuer,
        reason: `${issuer.name} (${issuer.code}) may not issue for area ${areaCode} (allowed: ${issuer.areaCodes.join(', ')})`,
        message: {
          zh: `${issuer.name}（${issuer.code}）无权签发属地 ${areaCode} 的证照（允许：${issuer.areaCodes.join('、')}）`,
          en: `${issuer.name} (${issuer.code}) may not issue for area ${areaCode} (allowed: ${issuer.areaCodes.join(', ')})`,
        },
      };
    }
    return { ok: true, issuer };
  }

  /** The status list with this id (its payload `id`), or undefined. */
  statusList(id: string): string | undefined {
    return this.#lists.get(id);
  }

  /** Seconds from issuedAt to `time` (negative when issued "in the future"). */
  ageSeconds(time: Date = new Date()): number {
    return Math.round((time.getTime() - this.issuedAt.getTime()) / 1000);
  }
}
