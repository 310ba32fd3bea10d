import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../crypto/index.js';
import type { PrivateKey } from '../crypto/types.js';
import type { Certificate } from './certificate.js';
import { issueCertificate } from './issue-certificate.js';
import { buildCertificatePaths } from './path-building.js';
import { validateCertificateChain, validateCertificatePath } from './path-validation.js';
import { TrustStore } from './trust-store.js';

// P-256 keeps these structural tests fast; the algorithms themselves are covered by path-validation.test.ts.
const dates = { notBefore: new Date('2025-01-01Z'), notAfter: new Date('2040-01-01Z') };
const T = new Date('2030-01-01Z');

interface Ca {
  cert: Certificate;
  key: PrivateKey;
}

function root(cn: string, key = generateKeyPair('p256')): Ca {
  return { cert: issueCertificate({ subject: { CN: cn }, publicKey: key.publicKey, issuerKey: key, ca: true, ...dates }), key };
}

function sub(cn: string, issuer: Ca, key = generateKeyPair('p256'), ca = true): Ca {
  return {
    cert: issueCertificate({ subject: { CN: cn }, publicKey: key.publicKey, issuer: issuer.cert, issuerKey: issuer.key, ca, keyUsage: ca ? undefined : ['digitalSignature'], ...dates }),
    key,
  };
}

const names = (p: Certificate[]) => p.map((c) => c.subject);

describe('buildCertificatePaths', () => {
  it('follows a cross-certificate to the only trusted root', () => {
    const a = root('Root A');
    const b = root('Root B');
    // B certifies A's key under A's name: A's subordinates chain to B too.
    const cross = sub('Root A', b, a.key);
    const int = sub('Intermediate', a);
    const leaf = sub('Leaf', int, undefined, false);
    const trust = new TrustStore().addAnchor(b.cert);
    const { paths } = buildCertificatePaths(leaf.cert, trust, { intermediates: [int.cert, a.cert, cross.cert] });
    expect(paths.map(names)).toEqual([['CN=Leaf', 'CN=Intermediate', 'CN=Root A', 'CN=Root B']]);
    expect(paths[0]![2]!.fingerprintSha256).toBe(cross.cert.fingerprintSha256);
    expect(validateCertificatePath({ certificate: leaf.cert, intermediates: [int.cert, a.cert, cross.cert], trust, time: T }).indication).toBe('PASSED');
    // With A trusted as well, the best path ends at A itself; the cross-certificate is not A (other bytes), so it
    // only leads on to B.
    const both = buildCertificatePaths(leaf.cert, new TrustStore().addAnchor(a.cert).addAnchor(b.cert), { intermediates: [int.cert, cross.cert] });
    expect(both.paths.map(names)).toEqual([
      ['CN=Leaf', 'CN=Intermediate', 'CN=Root A'],
      ['CN=Leaf', 'CN=Intermediate', 'CN=Root A', 'CN=Root B'],
    ]);
    expect(both.paths[0]![2]!.fingerprintSha256).toBe(a.cert.fingerprintSha256);
    expect(both.paths[1]![2]!.fingerprintSha256).toBe(cross.cert.fingerprintSha256);
  });

  it('terminates on mutual cross-certification without an anchor', () => {
    const a = root('Loop A');
    const b = root('Loop B');
    const aByB = sub('Loop A', b, a.key);
    const bByA = sub('Loop B', a, b.key);
    const leaf = sub('Leaf', a, undefined, false);
    const r = buildCertificatePaths(leaf.cert, new TrustStore().addAnchor(root('Unrelated').cert), { intermediates: [a.cert, b.cert, aByB.cert, bByA.cert] });
    expect(r.paths).toEqual([]);
    expect(r.partial.length).toBeGreaterThan(1);
    expect(r.partial.length).toBeLessThanOrEqual(4);
    const v = validateCertificatePath({ certificate: leaf.cert, intermediates: [a.cert, b.cert, aByB.cert, bByA.cert], trust: new TrustStore(), time: T });
    expect(v.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('gives up beyond 10 certificates', () => {
    const top = root('Top');
    const cas: Ca[] = [top];
    for (let i = 0; i < 10; i++) cas.push(sub(`CA ${i}`, cas[cas.length - 1]!));
    const leaf = sub('Deep leaf', cas[cas.length - 1]!, undefined, false);
    const trust = new TrustStore().addAnchor(top.cert);
    // leaf + 10 CAs + root = 12 > 10
    expect(buildCertificatePaths(leaf.cert, trust, { intermediates: cas.slice(1).map((c) => c.cert) }).paths).toEqual([]);
    // Trusting a CA in the middle shortens it to a valid length.
    const mid = new TrustStore().addAnchor(cas[4]!.cert);
    const { paths } = buildCertificatePaths(leaf.cert, mid, { intermediates: cas.slice(1).map((c) => c.cert) });
    expect(paths[0]).toHaveLength(8);
  });

  it('skips a candidate whose SKI differs from the AKI (re-keyed CA with the same name)', () => {
    const r = root('Root');
    const oldInt = sub('Same Name CA', r);
    const newInt = sub('Same Name CA', r);
    const leaf = sub('Leaf', newInt, undefined, false);
    const trust = new TrustStore().addAnchor(r.cert);
    const { paths } = buildCertificatePaths(leaf.cert, trust, { intermediates: [oldInt.cert, newInt.cert] });
    expect(paths).toHaveLength(1);
    expect(paths[0]![1]!.fingerprintSha256).toBe(newInt.cert.fingerprintSha256);
  });

  it('a leaf that is itself an anchor is a path of one', () => {
    const r = root('Only');
    const { paths } = buildCertificatePaths(r.cert, new TrustStore().addAnchor(r.cert));
    expect(paths.map(names)).toEqual([['CN=Only']]);
  });

  it('an anchor re-issued with the same name and key is validated under the anchor, not replaced by it', () => {
    const key = generateKeyPair('p256');
    const r1 = root('Root R', key);
    // Re-issued: same name and key, another validity period (and serial).
    const r2 = { cert: issueCertificate({ subject: { CN: 'Root R' }, publicKey: key.publicKey, issuerKey: key, ca: true, notBefore: new Date('2024-06-01Z'), notAfter: new Date('2045-01-01Z') }), key };
    expect(r1.cert.fingerprintSha256).not.toBe(r2.cert.fingerprintSha256);
    const leaf = sub('Leaf', r2, undefined, false);
    const trust = new TrustStore().addAnchor(r1.cert);
    expect(trust.isAnchor(r2.cert)).toBe(false);
    expect(trust.anchorWithKeyOf(r2.cert)).toBe(r1.cert);
    expect(trust.anchorWithKeyOf(r1.cert)).toBeUndefined();
    // The leaf's signature verifies with the anchor's key directly: that path comes first; the one through the
    // re-issued certificate is a candidate too, with the re-issued certificate kept as a chain element.
    const { paths } = buildCertificatePaths(leaf.cert, trust, { intermediates: [r2.cert] });
    expect(paths.map((p) => p.map((c) => c.fingerprintSha256))).toEqual([
      [leaf.cert.fingerprintSha256, r1.cert.fingerprintSha256],
      [leaf.cert.fingerprintSha256, r2.cert.fingerprintSha256, r1.cert.fingerprintSha256],
    ]);
    expect(validateCertificatePath({ certificate: leaf.cert, intermediates: [r2.cert], trust, time: T }).indication).toBe('PASSED');
    const v = validateCertificateChain(paths[1]!, { trust, time: T });
    expect(v.indication).toBe('PASSED');
    // Its signature is checked with the anchor's key.
    const sigs = v.checks.filter((c) => c.id === 'pki.cert.signature');
    expect(sigs.map((c) => [c.details?.position, c.status])).toEqual([
      [0, 'passed'],
      [1, 'passed'],
      [2, 'passed'],
    ]);
    expect(sigs[1]!.message.en).toContain('issued by "CN=Root R"');
    // Given as the certificate to validate, it gets the same treatment.
    const alone = validateCertificatePath({ certificate: r2.cert, trust, time: T, usage: 'ca' });
    expect(alone.indication).toBe('PASSED');
    expect(alone.chain).toHaveLength(2);
  });

  it('prefers a path that validates over one that does not', () => {
    const r = root('Root');
    const good = sub('CA', r);
    // Same name and same key as the good CA, but this copy has expired: both are candidates.
    const expired = {
      cert: issueCertificate({ subject: { CN: 'CA' }, publicKey: good.key.publicKey, issuer: r.cert, issuerKey: r.key, ca: true, notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') }),
    };
    const leaf = sub('Leaf', good, undefined, false);
    const v = validateCertificatePath({ certificate: leaf.cert, intermediates: [expired.cert, good.cert], trust: new TrustStore().addAnchor(r.cert), time: T });
    expect(v.indication).toBe('PASSED');
    expect(v.chain[1]!.fingerprintSha256).toBe(good.cert.fingerprintSha256);
  });
});
