import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importPrivateKey } from '../crypto/index.js';
import { FormatError, HeyanError, KeyError } from '../errors.js';
import { Crl, loadCrls } from './crl.js';
import { issueCrl } from './issue-crl.js';
import { loadCertificates } from './load.js';
import { validateCertificatePath } from './path-validation.js';
import { TrustStore } from './trust-store.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/pki/', import.meta.url));
const fx = (p: string) => join(fixtures, p);

describe('Crl.fromDer', () => {
  it('reads the fixture CRLs: issuer, dates, number, AKI, the revoked entry with its reason', () => {
    for (const alg of ['sm2', 'p256', 'rsa']) {
      const [c] = loadCrls(readFileSync(fx(`${alg}/intermediate.crl.pem`), 'utf8'));
      const intermediate = loadCertificates(readFileSync(fx(`${alg}/intermediate.pem`)))[0]!;
      expect(c!.version).toBe(2);
      expect(c!.issuer).toBe(intermediate.subject);
      expect(Buffer.from(c!.issuerDer).equals(Buffer.from(intermediate.subjectDer))).toBe(true);
      expect(c!.thisUpdate.toISOString()).toBe('2025-06-02T00:00:00.000Z');
      expect(c!.nextUpdate?.toISOString()).toBe('2046-12-31T00:00:00.000Z');
      expect(c!.crlNumber).toBe(1n);
      expect(c!.authorityKeyIdentifier).toBe(intermediate.extensions.subjectKeyIdentifier);
      expect([...c!.entries.keys()]).toEqual(['2006']);
      expect(c!.entry('2006')).toEqual({ revocationDate: new Date('2025-06-01T00:00:00Z'), reason: 'keyCompromise' });
      expect(c!.unknownCritical).toEqual([]);
      expect(c!.malformed).toEqual([]);
      const [empty] = loadCrls(readFileSync(fx(`${alg}/root.crl.pem`), 'utf8'));
      expect(empty!.entries.size).toBe(0);
    }
  });

  it('reads a CRL made by `openssl ca` and uses it to find a revoked certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heyan-pki-ca-'));
    const f = fx('p256');
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'crlnumber'), '1000\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      `[ ca ]\ndefault_ca = d\n[ d ]\ndatabase = ${dir}/index.txt\ncrlnumber = ${dir}/crlnumber\ncertificate = ${f}/intermediate.pem\nprivate_key = ${f}/intermediate.key.pem\ndefault_md = sha256\ndefault_crl_days = 30\ncrl_extensions = x\n[ x ]\nauthorityKeyIdentifier = keyid:always\n`,
    );
    const run = (...a: string[]) => execFileSync('openssl', ['ca', '-config', join(dir, 'ca.cnf'), ...a], { stdio: 'pipe' });
    run('-revoke', `${f}/signer.pem`, '-crl_reason', 'keyCompromise');
    run('-revoke', `${f}/seal-maker.pem`, '-crl_reason', 'superseded');
    run('-gencrl', '-out', join(dir, 'crl.pem'));
    const [c] = loadCrls(readFileSync(join(dir, 'crl.pem'), 'utf8'));
    expect(c!.crlNumber).toBe(0x1000n);
    expect(c!.entry('2001')?.reason).toBe('keyCompromise');
    expect(c!.entry('2002')?.reason).toBe('superseded');
    expect(c!.nextUpdate!.getTime() - c!.thisUpdate.getTime()).toBe(30 * 86400_000);

    const trust = new TrustStore().addAnchor(loadCertificates(readFileSync(`${f}/root.pem`))[0]!).addCrl(loadCrls(readFileSync(`${f}/root.crl.pem`))[0]!);
    const time = new Date(c!.thisUpdate.getTime() + 60_000);
    const r = validateCertificatePath({
      certificate: loadCertificates(readFileSync(`${f}/signer.pem`))[0]!,
      intermediates: loadCertificates(readFileSync(`${f}/intermediate.pem`)),
      trust,
      crls: [c!],
      time,
      revocation: 'require',
    });
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED' });
  });

  it('handles a CRL with many entries (TLV walk, exact lookups)', () => {
    const issuer = loadCertificates(readFileSync(fx('p256/intermediate.pem')))[0]!;
    const issuerKey = importPrivateKey(readFileSync(fx('p256/intermediate.key.pem')));
    const revoked = Array.from({ length: 5000 }, (_, i) => ({ serialNumber: BigInt(0x100000 + i * 7), revocationDate: new Date(Date.UTC(2025, 0, 1 + (i % 300))) }));
    const c = issueCrl({ issuer, issuerKey, thisUpdate: new Date('2026-01-01Z'), nextUpdate: new Date('2027-01-01Z'), revoked, crlNumber: 7n });
    const again = Crl.fromDer(c.der);
    expect(again.entries.size).toBe(5000);
    expect(again.entry((0x100000 + 4999 * 7).toString(16))?.revocationDate.toISOString()).toBe(new Date(Date.UTC(2025, 0, 1 + (4999 % 300))).toISOString());
    expect(again.entry((0x100000 + 1).toString(16))).toBeUndefined();
    expect(again.crlNumber).toBe(7n);
  });

  it('refuses to sign with a key that is not the issuer\'s', () => {
    const issuer = loadCertificates(readFileSync(fx('p256/intermediate.pem')))[0]!;
    expect(() =>
      issueCrl({ issuer, issuerKey: importPrivateKey(readFileSync(fx('p256/root.key.pem'))), thisUpdate: new Date(), nextUpdate: new Date(Date.now() + 1000), revoked: [] }),
    ).toThrow(KeyError);
  });

  it('rejects malformed CRLs with FormatError and never throws anything else (property)', () => {
    const good = loadCrls(readFileSync(fx('rsa/intermediate.crl.pem'), 'utf8'))[0]!.der;
    expect(() => Crl.fromDer(good.subarray(0, 50))).toThrow(FormatError);
    expect(() => Crl.fromDer(Uint8Array.of(...good, 0))).toThrow(FormatError);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), (pos, val) => {
        const m = Uint8Array.from(good);
        m[pos] = val;
        try {
          Crl.fromDer(m);
        } catch (e) {
          if (!(e instanceof HeyanError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});
