// revocationFromCms: OCSP responses and CRLs from SignedData.crls (`[1] other` id-ri-ocsp-response, RFC 5940) and from
// the adbe-revocationInfoArchival signed attribute. OpenSSL checks that the CMS we build around them is valid CMS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { children, encoding, explicit, oid, readRoot, seq, tlv } from '../../asn1/index.js';
import { importPrivateKey } from '../../crypto/index.js';
import { parseSignedData } from '../../cms/parse.js';
import { signDetached } from '../../cms/sign.js';
import { loadCrls } from '../crl.js';
import { loadCertificates } from '../load.js';
import { validateCertificatePath } from '../path-validation.js';
import { TrustStore } from '../trust-store.js';
import { issueOcspResponse } from './issue-ocsp.js';
import { revocationFromCms } from './from-cms.js';
import { OID_ADBE_REVOCATION_INFO_ARCHIVAL, OID_RI_OCSP_RESPONSE } from './oids.js';

const fixtures = fileURLToPath(new URL('../../../../../fixtures/pki/p256/', import.meta.url));
const corpus = fileURLToPath(new URL('../../../../../../shared/corpus/pdf/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'heyan-ocsp-cms-'));
const cert = (n: string) => loadCertificates(readFileSync(join(fixtures, `${n}.pem`)))[0]!;
const key = (n: string) => importPrivateKey(readFileSync(join(fixtures, `${n}.key.pem`)));
const T2030 = new Date('2030-01-01T00:00:00Z');

const signer = cert('signer');
const intermediate = cert('intermediate');
const rootCrl = loadCrls(readFileSync(join(fixtures, 'root.crl.pem')))[0]!;
const ocsp = issueOcspResponse({
  responderKey: key('intermediate'),
  responderCert: intermediate,
  issuer: intermediate,
  entries: [{ cert: signer, status: 'good' }],
  producedAt: T2030,
  thisUpdate: T2030,
  nextUpdate: new Date('2030-01-02T00:00:00Z'),
});
const content = new TextEncoder().encode('核验 OCSP in CMS');

/** Rebuild a SignedData with `crls` as its RevocationInfoChoices (the signature does not cover them). */
function withRevocationChoices(cms: Uint8Array, choices: Uint8Array[]): Uint8Array {
  const ci = children(readRoot(cms, 'ContentInfo', { mode: 'ber' }));
  const sd = children(children(ci[1])[0]);
  const kept = sd.filter((e) => e.tag !== 0xa1).map(encoding);
  const signerInfos = kept.pop()!;
  return seq(encoding(ci[0]!), explicit(0, seq(...kept, tlv(0xa1, ...choices), signerInfos)));
}

function opensslVerify(der: Uint8Array): string {
  const f = join(tmp, 'cms.der');
  writeFileSync(f, der);
  writeFileSync(join(tmp, 'content.bin'), content);
  const r = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', f, '-binary', '-content', join(tmp, 'content.bin'), '-noverify', '-out', '/dev/null'], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

describe('revocationFromCms', () => {
  it('reads an OCSP response from SignedData.crls [1] other (id-ri-ocsp-response) next to a CRL; the CMS still verifies in OpenSSL', () => {
    const plain = signDetached({ content, key: key('signer'), certificate: signer, chain: [intermediate] });
    const other = tlv(0xa1, oid(OID_RI_OCSP_RESPONSE), ocsp.der);
    const der = withRevocationChoices(plain, [rootCrl.der, other]);
    expect(opensslVerify(der)).toMatch(/Verification successful/);
    const sd = parseSignedData(der);
    expect(sd.crls.length).toBe(1);
    expect(sd.otherRevocationInfo.map((o) => [o.format, Buffer.from(o.value).equals(ocsp.der)])).toEqual([[OID_RI_OCSP_RESPONSE, true]]);
    // The parsed form alone is enough; the CMS bytes, still accepted, add nothing.
    const r = revocationFromCms(sd);
    expect(revocationFromCms(sd, der)).toEqual(r);
    expect(r.crls.map((c) => Buffer.from(c).equals(rootCrl.der))).toEqual([true]);
    expect(r.ocsps.map((o) => Buffer.from(o).equals(ocsp.der))).toEqual([true]);
    expect(r.warnings).toEqual([]);
    // A ParsedSignedData without the field (made before it existed) still gets its OCSP from the bytes.
    const { otherRevocationInfo: _, ...legacy } = sd;
    expect(revocationFromCms(legacy as typeof sd, der)).toEqual(r);
    expect(revocationFromCms(legacy as typeof sd).ocsps).toEqual([]);
    // Fed to path validation, the embedded evidence completes the revocation check of the whole chain.
    const v = validateCertificatePath({ certificate: signer, intermediates: sd.certificates, trust: new TrustStore().addAnchor(cert('root')), time: T2030, crls: r.crls.map((c) => loadCrls(c)[0]!), ocsps: r.ocsps, revocation: 'require' });
    expect(v.indication).toBe('PASSED');
    expect(v.revocation!.map((s) => s.source)).toEqual(['ocsp', 'crl']);
  });

  it('reads adbe-revocationInfoArchival { [0] crls, [1] ocsps } from the signed attributes', () => {
    const archival = seq(explicit(0, seq(rootCrl.der)), explicit(1, seq(ocsp.der)));
    const der = signDetached({ content, key: key('signer'), certificate: signer, chain: [intermediate], extraSignedAttributes: [{ oid: OID_ADBE_REVOCATION_INFO_ARCHIVAL, values: [archival] }] });
    expect(opensslVerify(der)).toMatch(/Verification successful/);
    const r = revocationFromCms(parseSignedData(der), der);
    expect(r.crls.map((c) => Buffer.from(c).equals(rootCrl.der))).toEqual([true]);
    expect(r.ocsps.map((o) => Buffer.from(o).equals(ocsp.der))).toEqual([true]);
    // The same response in both places is returned once.
    const both = withRevocationChoices(der, [tlv(0xa1, oid(OID_RI_OCSP_RESPONSE), ocsp.der)]);
    expect(revocationFromCms(parseSignedData(both), both).ocsps.length).toBe(1);
    expect(revocationFromCms(parseSignedData(both)).ocsps.length).toBe(1);
  });

  it('a malformed archival attribute is skipped with a warning, never thrown; the corpus file with an empty archival yields nothing', () => {
    const der = signDetached({ content, key: key('signer'), certificate: signer, extraSignedAttributes: [{ oid: OID_ADBE_REVOCATION_INFO_ARCHIVAL, values: [seq(explicit(1, Uint8Array.of(0x04, 0x00)))] }] });
    const r = revocationFromCms(parseSignedData(der), der);
    expect(r.ocsps).toEqual([]);
    expect(r.warnings.join()).toMatch(/adbe-revocationInfoArchival not read/);

    const pdf = readFileSync(join(corpus, 'pyh_minimal-two-fields-signed-twice.pdf')).toString('latin1');
    const hex = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(pdf)![1]!;
    const cms = new Uint8Array(Buffer.from(hex, 'hex'));
    const sd = parseSignedData(cms);
    expect(sd.signers[0]!.signedAttributes!.some((a) => a.oid === OID_ADBE_REVOCATION_INFO_ARCHIVAL)).toBe(true);
    expect(revocationFromCms(sd, cms)).toEqual({ crls: [], ocsps: [], warnings: [] });
  });
});
