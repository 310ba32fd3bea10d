// Candidate paths from a leaf to a trust anchor through a pool of intermediates. Issuers are matched on
// names (normalised DER) and on AuthorityKeyIdentifier = SubjectKeyIdentifier, so cross-certificates and
// re-keyed CAs are found; loops are cut and the search is bounded in depth, steps and results.
import type { Certificate } from './certificate.js';
import { MAX_CANDIDATE_PATHS, MAX_PATH_LENGTH, MAX_PATH_SEARCH_STEPS } from './limits.js';
import type { TrustStore } from './trust-store.js';

export interface BuildPathsOptions {
  /** Extra intermediates (e.g. from the signature container), tried with the store's. */
  intermediates?: readonly Certificate[];
  /** Preferred validity time: issuers valid then are tried first. */
  time?: Date;
  /** Longest path, leaf and anchor included (default and maximum 10). */
  maxLength?: number;
  /** Most complete paths returned (default 8). */
  maxPaths?: number;
}

export interface BuildPathsResult {
  /** Complete paths, leaf first and anchor last, best candidates first. */
  paths: Certificate[][];
  /** When no path is complete: the longest chain found from the leaf (for reporting). */
  partial: Certificate[];
}

function identity(c: Certificate): string {
  return `${c.subjectNameKey}\u0000${Buffer.from(c.spki).toString('base64')}`;
}

export function buildCertificatePaths(leaf: Certificate, trust: TrustStore, opts: BuildPathsOptions = {}): BuildPathsResult {
  const maxLength = Math.min(Math.max(1, opts.maxLength ?? MAX_PATH_LENGTH), MAX_PATH_LENGTH);
  const maxPaths = Math.min(Math.max(1, opts.maxPaths ?? MAX_CANDIDATE_PATHS), MAX_CANDIDATE_PATHS);
  const time = opts.time?.getTime();

  // Pool: anchors first so that a trusted copy wins over an untrusted one with the same bytes.
  const pool = new Map<string, Certificate>();
  for (const c of [...trust.anchors, ...(opts.intermediates ?? []), ...trust.intermediates]) {
    if (!pool.has(c.fingerprintSha256)) pool.set(c.fingerprintSha256, c);
  }
  const bySubject = new Map<string, Certificate[]>();
  const bySki = new Map<string, Certificate[]>();
  for (const c of pool.values()) {
    (bySubject.get(c.subjectNameKey) ?? bySubject.set(c.subjectNameKey, []).get(c.subjectNameKey)!).push(c);
    const ski = c.extensions.subjectKeyIdentifier;
    if (ski) (bySki.get(ski) ?? bySki.set(ski, []).get(ski)!).push(c);
  }

  const rank = (child: Certificate, c: Certificate): number => {
    let r = 0;
    if (trust.isAnchor(c)) r += 8;
    const aki = child.extensions.authorityKeyIdentifier;
    if (aki && aki === c.extensions.subjectKeyIdentifier) r += 4;
    if (c.subjectNameKey === child.issuerNameKey) r += 2;
    if (time !== undefined && c.notBefore.getTime() <= time && time <= c.notAfter.getTime()) r += 1;
    return r;
  };

  const issuersOf = (child: Certificate): Certificate[] => {
    const found = new Map<string, Certificate>();
    for (const c of bySubject.get(child.issuerNameKey) ?? []) found.set(c.fingerprintSha256, c);
    const aki = child.extensions.authorityKeyIdentifier;
    if (aki) for (const c of bySki.get(aki) ?? []) found.set(c.fingerprintSha256, c);
    return [...found.values()]
      .filter((c) => {
        if (c.fingerprintSha256 === child.fingerprintSha256) return false;
        // A key identifier that names another key rules the candidate out.
        const ski = c.extensions.subjectKeyIdentifier;
        return !(aki && ski && aki !== ski);
      })
      .sort((a, b) => rank(child, b) - rank(child, a) || b.notBefore.getTime() - a.notBefore.getTime());
  };

  const paths: Certificate[][] = [];
  const found = new Set<string>();
  let partial: Certificate[] = [leaf];
  let steps = 0;

  const search = (path: Certificate[], ids: Set<string>): void => {
    if (paths.length >= maxPaths || steps++ >= MAX_PATH_SEARCH_STEPS) return;
    const last = path[path.length - 1]!;
    if (path.length > partial.length) partial = path;
    const complete = (p: Certificate[]): void => {
      const id = p.map((c) => c.fingerprintSha256).join();
      if (!found.has(id)) {
        found.add(id);
        paths.push(p);
      }
    };
    // Only the anchor's own bytes end a path: a certificate is never replaced by an anchor it merely resembles.
    if (trust.isAnchor(last)) return complete(path);
    if (path.length >= maxLength) return;
    // Same name and key as an anchor, other bytes, issued under that name (a re-issued root, or a tampered copy):
    // the anchor goes above it, so its signature is checked with the anchor's key. The loop check below would skip
    // the anchor (same name and key), hence this step. Its other issuers are still searched.
    const twin = trust.anchorWithKeyOf(last);
    if (twin && twin.subjectNameKey === last.issuerNameKey) complete([...path, twin]);
    for (const next of issuersOf(last)) {
      const id = identity(next);
      // Same name and key already on the path: a loop (cross-certificates, self-issued copies).
      if (ids.has(id)) continue;
      ids.add(id);
      search([...path, next], ids);
      ids.delete(id);
      if (paths.length >= maxPaths || steps >= MAX_PATH_SEARCH_STEPS) return;
    }
  };
  search([leaf], new Set([identity(leaf)]));
  return { paths, partial: paths.length ? [] : partial };
}
