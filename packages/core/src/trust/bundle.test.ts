// createTrustBundle → openTrustBundle with the fixture PKIs, OpenSSL reading the same bundle independently, and the
// refusals: a flipped byte, a rollback, staleness past nextUpdate + grace, an unpinned signer, bad content.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AT, DAY, testPki, type Family, type TestPki } from '../../../../test/helpers/trust-pki.js';
import { signEncapsulated } from '../cms/sign.js';
import { TrustStore } from '../pki/trust-store.js';
import { FormatError } from '../errors.js';
import { createStatusList } from '../status/create-status-list.js';
import { sm3 } from '../crypto/sm3.js';
import { canonicalJson } from './canonical-json.js';
import { createTrustBundle } from './create-bundle.js';
import { inspectTrustBundle } from './inspect-bundle.js';
import { openTrustBundle } from './open-bundle.js';
import type { CreateTrustBundleOptions } from './types.js';

const USCC_A = '11330100MB0F00602M';
const USCC_B = '11330106MB0F00603X';
const TYPE = '11100000000013338W032';

interface Setup {
  pki: TestPki;
  issuerA: ReturnType<TestPki['issue']>;
  issuerB: ReturnType<TestPki['issue']>;
  list: string;
  opts: CreateTrustBundleOptions;
  bytes: Uint8Array;
}

const setups = new Map<Family, Setup>();
function setup(family: Family): Setup {
  const hit = setups.get(family);
  if (hit) return hit;
  const pki = testPki(family);
  const issuerA = pki.issue(`杭州市市场监督管理局 ${family}`);
  const issuerB = pki.issue(`西湖区市场监督管理局 ${family}`);
  const list = createStatusList({ id: `urn:heyan:status:${USCC_A}:0`, statuses: new Map([[7, 'revoked']]), validFrom: AT, validUntil: new Date(AT.getTime() + 7 * DAY), issuer: { key: issuerA.key, certificate: issuerA.cert, chain: [pki.intermediate] } });
  const opts: CreateTrustBundleOptions = {
    version: 5,
    issuedAt: new Date(AT.getTime() - DAY),
    nextUpdate: new Date(AT.getTime() + 2 * DAY),
    roots: [pki.root],
    intermediates: [pki.intermediate],
    crls: [pki.crl],
    issuers: [
      { code: USCC_A, name: '杭州市市场监督管理局', certificates: [issuerA.cert], licenseTypes: [TYPE], areaCodes: ['330100'] },
      { code: USCC_B, name: '西湖区市场监督管理局', certificates: [issuerB.cert], licenseTypes: ['*'], areaCodes: ['330106', '3399'] },
    ],
    statusLists: [list],
    signer: { key: pki.bundleSigner.key, certificate: pki.bundleSigner.cert, chain: [pki.intermediate] },
  };
  const s = { pki, issuerA, issuerB, list, opts, bytes: createTrustBundle(opts) };
  setups.set(family, s);
  return s;
}

const failedIds = (r: { checks: { id: string; status: string }[] }) => r.checks.filter((c) => c.status === 'failed').map((c) => c.id);
const statusOf = (r: { checks: { id: string; status: string }[] }, id: string) => r.checks.find((c) => c.id === id)?.status;

describe.each(['sm2', 'p256'] as const)('%s bundle', (family) => {
  it('create → open: PASSED, with its content', () => {
    const { pki, issuerA, issuerB, list, bytes } = setup(family);
    const r = openTrustBundle(bytes, { pinned: pki.pinned(), time: AT, minVersion: 5 });
    expect(failedIds(r)).toEqual([]);
    expect(r.indication).toBe('PASSED');
    const b = r.bundle!;
    expect(b.version).toBe(5);
    expect(b.digest).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(b.issuedAt.toISOString()).toBe(new Date(AT.getTime() - DAY).toISOString());
    expect(b.verified).toBe(true);
    expect(b.signer?.fingerprintSha256).toBe(pki.bundleSigner.cert.fingerprintSha256);
    expect(r.chain?.at(-1)?.fingerprintSha256).toBe(pki.root.fingerprintSha256);
    const store = b.trustStore();
    expect(store.anchors.map((c) => c.fingerprintSha256)).toEqual([pki.root.fingerprintSha256]);
    expect(store.intermediates.map((c) => c.fingerprintSha256)).toEqual([pki.intermediate.fingerprintSha256]);
    expect(store.crls.map((c) => c.fingerprintSha256)).toEqual([pki.crl.fingerprintSha256]);
    expect(b.statusList(`urn:heyan:status:${USCC_A}:0`)).toBe(list);
    expect(b.statusList('urn:heyan:status:nope:0')).toBeUndefined();
    expect(b.findIssuerByCertificate(issuerA.cert)?.code).toBe(USCC_A);
    expect(b.findIssuerByCertificate(pki.signer.cert)).toBeUndefined();
    // Key ids: 8 bytes of SHA-256 (hex), 16 bytes of SM3 (base64url), the whole fingerprint, the SKI when present.
    expect(b.findIssuerByKeyId(issuerB.cert.fingerprintSha256.slice(0, 16))?.code).toBe(USCC_B);
    expect(b.findIssuerByKeyId(Buffer.from(sm3(issuerA.cert.der).subarray(0, 16)).toString('base64url'))?.code).toBe(USCC_A);
    expect(b.findIssuerByKeyId(Buffer.from(issuerA.cert.fingerprintSha256, 'hex'))?.code).toBe(USCC_A);
    expect(b.findIssuerByKeyId('00'.repeat(8))).toBeUndefined();
    expect(b.findIssuerByKeyId(issuerA.cert.fingerprintSha256.slice(0, 10))).toBeUndefined(); // 5 bytes: too short to name a key
  });

  it('the content is canonical JSON inside a SignedData of the right flavour', () => {
    const { bytes, opts } = setup(family);
    const ins = inspectTrustBundle(bytes);
    expect(ins.flavour).toBe(family === 'sm2' ? 'gbt35275' : 'pkcs7');
    expect(ins.bundle.verified).toBe(false);
    expect(ins.bundle.version).toBe(opts.version);
    expect(ins.statusLists).toEqual([expect.objectContaining({ id: `urn:heyan:status:${USCC_A}:0` })]);
    expect(ins.bundle.issuers.map((i) => i.code)).toEqual([USCC_A, USCC_B]);
  });

  it('one flipped byte in the content or the signature → FAILED, no bundle', () => {
    const { pki, bytes } = setup(family);
    const at = Buffer.from(bytes).indexOf('"version":5');
    expect(at).toBeGreaterThan(0);
    const content = new Uint8Array(bytes);
    content[at + 10] = '6'.charCodeAt(0);
    const sig = new Uint8Array(bytes);
    sig[sig.length - 3]! ^= 0x01;
    for (const [bad, sub] of [
      [content, 'HASH_FAILURE'],
      [sig, 'SIG_CRYPTO_FAILURE'],
    ] as const) {
      const r = openTrustBundle(bad, { pinned: pki.pinned(), time: AT });
      expect(r.indication).toBe('FAILED');
      expect(r.subIndication).toBe(sub);
      expect(r.bundle).toBeUndefined();
      expect(statusOf(r, 'trust.bundle.signature')).toBe('failed');
      expect(r.advice?.en).toMatch(/refresh the trust bundle/);
    }
  });

  it('a version below minVersion is a rollback: FAILED, refused', () => {
    const { pki, bytes } = setup(family);
    const r = openTrustBundle(bytes, { pinned: pki.pinned(), time: AT, minVersion: 6 });
    expect([r.indication, r.subIndication]).toEqual(['FAILED', 'POLICY_FAILURE']);
    expect(failedIds(r)).toEqual(['trust.bundle.version']);
    expect(r.bundle).toBeUndefined();
    expect(r.version).toBe(5);
    expect(openTrustBundle(bytes, { pinned: pki.pinned(), time: AT }).checks.find((c) => c.id === 'trust.bundle.version')?.status).toBe('skipped');
  });

  it('minVersion as a function is asked with the verified signer and its path', () => {
    const { pki, bytes } = setup(family);
    const seen: string[][] = [];
    const r = openTrustBundle(bytes, {
      pinned: pki.pinned(),
      time: AT,
      minVersion: (signer, chain) => {
        seen.push([signer.fingerprintSha256, ...chain.map((c) => c.fingerprintSha256)]);
        return 9;
      },
    });
    expect(seen).toEqual([[pki.bundleSigner.cert, pki.bundleSigner.cert, pki.intermediate, pki.root].map((c) => c.fingerprintSha256)]);
    expect([r.indication, r.subIndication]).toEqual(['FAILED', 'POLICY_FAILURE']);
    // Not asked at all when the signature does not verify.
    const bad = new Uint8Array(bytes);
    bad[bad.length - 3]! ^= 1;
    openTrustBundle(bad, { pinned: pki.pinned(), time: AT, minVersion: () => (seen.push(['again']), undefined) });
    expect(seen).toHaveLength(1);
  });

  it('past nextUpdate: within the grace a warning, beyond it INDETERMINATE / TRY_LATER', () => {
    const { pki, bytes, opts } = setup(family);
    const late = new Date(opts.nextUpdate.getTime() + 3600_000);
    const inGrace = openTrustBundle(bytes, { pinned: pki.pinned(), time: late, graceSeconds: 7200 });
    expect(inGrace.indication).toBe('PASSED');
    expect(statusOf(inGrace, 'trust.bundle.freshness')).toBe('warning');
    expect(inGrace.bundle).toBeDefined();
    const stale = openTrustBundle(bytes, { pinned: pki.pinned(), time: late, graceSeconds: 1800 });
    expect([stale.indication, stale.subIndication]).toEqual(['INDETERMINATE', 'TRY_LATER']);
    expect(stale.bundle).toBeUndefined();
    expect(stale.advice?.zh).toMatch(/更新信任包/);
    // Default grace is 0.
    expect(openTrustBundle(bytes, { pinned: pki.pinned(), time: late }).indication).toBe('INDETERMINATE');
    // Issued "in the future" (clock wrong) is not usable either.
    const early = openTrustBundle(bytes, { pinned: pki.pinned(), time: new Date(opts.issuedAt.getTime() - 3600_000) });
    expect([early.indication, early.subIndication]).toEqual(['INDETERMINATE', 'TRY_LATER']);
  });

  it('a signer that does not chain to a pinned root is refused', () => {
    const { bytes } = setup(family);
    const otherRoot = testPki(family === 'sm2' ? 'p256' : 'sm2').pinned();
    for (const pinned of [otherRoot, new TrustStore()]) {
      const r = openTrustBundle(bytes, { pinned, time: AT });
      expect(r.indication).toBe('INDETERMINATE');
      expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
      expect(r.bundle).toBeUndefined();
      expect(statusOf(r, 'trust.bundle.signature')).toBe('indeterminate');
    }
  });

  it('a signer of the pinned root without the bundle-signing EKU is refused; a pinned signer certificate is accepted', () => {
    const { pki, opts, bytes } = setup(family);
    for (const party of [pki.party('seal-maker'), pki.signer]) {
      const forged = createTrustBundle({ ...opts, version: 99, signer: { key: party.key, certificate: party.cert, chain: [pki.intermediate] } });
      const r = openTrustBundle(forged, { pinned: pki.pinned(), time: AT });
      expect([r.indication, r.subIndication]).toEqual(['FAILED', 'POLICY_FAILURE']);
      expect(failedIds(r)).toEqual(['trust.bundle.signer']);
      expect(statusOf(r, 'trust.bundle.signature')).toBe('passed');
      expect(r.bundle).toBeUndefined();
      expect(r.version).toBeUndefined(); // nothing read from an unauthorised signer's content
      // Pinned explicitly, the same signer is accepted (and only it: the EKU signer is then refused).
      const pinnedSigner = openTrustBundle(forged, { pinned: pki.pinned(), signers: [party.cert], time: AT });
      expect(pinnedSigner.indication).toBe('PASSED');
      expect(pinnedSigner.checks.find((c) => c.id === 'trust.bundle.signer')?.details).toMatchObject({ by: 'pinned-signer' });
      expect(failedIds(openTrustBundle(bytes, { pinned: pki.pinned(), signers: [party.cert], time: AT }))).toEqual(['trust.bundle.signer']);
    }
    expect(openTrustBundle(bytes, { pinned: pki.pinned(), time: AT }).checks.find((c) => c.id === 'trust.bundle.signer')?.details).toMatchObject({ by: 'eku' });
  });

  it('a bundle signed with a revoked certificate is refused when the pinned store has the CRL', () => {
    const { pki, opts } = setup(family);
    const revoked = pki.party('revoked');
    const bytes = createTrustBundle({ ...opts, signer: { key: revoked.key, certificate: revoked.cert, chain: [pki.intermediate] } });
    const r = openTrustBundle(bytes, { pinned: pki.pinned().addCrl(pki.crl), signers: [revoked.cert], time: AT });
    expect(r.indication).not.toBe('PASSED');
    expect(statusOf(r, 'trust.bundle.signature')).not.toBe('passed');
    expect(r.bundle).toBeUndefined();
  });
});

describe('authorisation', () => {
  const { pki, issuerA, issuerB, bytes } = setup('sm2');
  const b = openTrustBundle(bytes, { pinned: pki.pinned(), time: AT }).bundle!;
  it.each([
    [USCC_A, 'A', TYPE, '330100', true, undefined],
    [USCC_A, 'A', TYPE, '330106', true, undefined], // '330100' covers the city's districts
    [USCC_A, 'A', TYPE, '330000', false, 'area-not-allowed'], // but not the province
    [USCC_A, 'A', TYPE, '320100', false, 'area-not-allowed'],
    [USCC_A, 'A', '11100000000013338W011', '330100', false, 'type-not-allowed'],
    [USCC_A, 'B', TYPE, '330100', false, 'certificate-not-listed'],
    [USCC_B, 'B', 'ANYTYPE001', '330106', true, undefined], // '*' types
    [USCC_B, 'B', TYPE, '339901', true, undefined], // prefix '3399'
    [USCC_B, 'B', TYPE, '330105', false, 'area-not-allowed'],
    ['91350100M000100Y43', 'A', TYPE, '330100', false, 'issuer-unknown'],
  ] as const)('%s with certificate %s, type %s, area %s → %s', (code, which, type, area, ok, problem) => {
    const r = b.isAuthorised(code, which === 'A' ? issuerA.cert : issuerB.cert, type, area);
    expect(r.ok).toBe(ok);
    expect(r.problem).toBe(problem);
    if (!ok) {
      expect(r.reason).toBeTruthy();
      expect(r.message?.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('OpenSSL reads the P-256 bundle', () => {
  it('openssl cms -verify accepts it against the root and outputs the canonical JSON', () => {
    const { pki, bytes, opts } = setup('p256');
    const TMP = mkdtempSync(join(tmpdir(), 'heyan-bundle-'));
    writeFileSync(join(TMP, 'b.hytb'), bytes);
    writeFileSync(join(TMP, 'root.pem'), pki.root.toPem());
    const out = execFileSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', 'b.hytb', '-CAfile', 'root.pem', '-purpose', 'any', '-attime', String(AT.getTime() / 1000)], { cwd: TMP, stdio: ['ignore', 'pipe', 'pipe'] });
    const json = JSON.parse(out.toString('utf8'));
    expect(json.version).toBe(opts.version);
    expect(json.format).toBe('heyan-trust-bundle');
    expect(out.toString('utf8')).toBe(canonicalJson(json));
    expect(Object.keys(json)).toEqual([...Object.keys(json)].sort());
  });
});

describe('bad content', () => {
  const { pki, opts } = setup('p256');
  it('createTrustBundle refuses content the reader would refuse', () => {
    const bad: Partial<CreateTrustBundleOptions>[] = [
      { version: 0 },
      { version: 1.5 },
      { nextUpdate: opts.issuedAt },
      { roots: [] },
      { issuers: [{ ...opts.issuers[0]!, code: 'lower-case' }] },
      { issuers: [{ ...opts.issuers[0]!, areaCodes: [] }] },
      { issuers: [{ ...opts.issuers[0]!, areaCodes: ['33a'] }] },
      { issuers: [{ ...opts.issuers[0]!, certificates: [] }] },
      { issuers: [opts.issuers[0]!, opts.issuers[0]!] },
      { statusLists: ['not.a.list'] },
    ];
    for (const b of bad) expect(() => createTrustBundle({ ...opts, ...b }), JSON.stringify(Object.keys(b))).toThrow(FormatError);
  });

  it('a well-signed SignedData whose content is not a bundle → FAILED / FORMAT_FAILURE', () => {
    for (const content of ['not json', '{"format":"other"}', canonicalJson({ format: 'heyan-trust-bundle', formatVersion: 2 }), '{"a":1,"a":2}']) {
      const der = signEncapsulated({ content: new TextEncoder().encode(content), key: pki.bundleSigner.key, certificate: pki.bundleSigner.cert, chain: [pki.intermediate] });
      const r = openTrustBundle(der, { pinned: pki.pinned(), time: AT });
      expect([r.indication, r.subIndication], content).toEqual(['FAILED', 'FORMAT_FAILURE']);
      expect(failedIds(r)).toEqual(['trust.bundle.format']);
    }
  });

  it('garbage never throws', () => {
    for (const bad of [new Uint8Array(0), new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), new Uint8Array(1000).fill(0x30), 'text' as unknown as Uint8Array]) {
      const r = openTrustBundle(bad, { pinned: pki.pinned(), time: AT });
      expect(r.indication).toBe('FAILED');
      expect(r.bundle).toBeUndefined();
    }
    expect(() => inspectTrustBundle(new Uint8Array([1, 2, 3]))).toThrow();
  });
});
