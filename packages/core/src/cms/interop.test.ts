// OpenSSL 3 CLI as the independent producer and checker of CMS, both ways.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digest, importPrivateKey, type PrivateKey } from '../crypto/index.js';
import { Certificate, TrustStore, loadCertificates } from '../pki/index.js';
import { parseSignedData } from './parse.js';
import { signDetached } from './sign.js';
import { verifySignedData } from './verify.js';

const ID = 'distid:1234567812345678';
type Kind = 'p256' | 'rsa' | 'sm2';

interface Pki {
  dir: string;
  root: Certificate;
  intermediate: Certificate;
  signer: Certificate;
  key: PrivateKey;
  trust: TrustStore;
}

let base: string;
const pkis = {} as Record<Kind, Pki>;
const content = new TextEncoder().encode('核验 interop content\r\n\u0000binary\u00ff');

function run(dir: string, ...args: string[]): Buffer {
  return execFileSync('openssl', args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Root -> intermediate -> signer made by the OpenSSL CLI (SM2 certificates signed with the default ID). */
function makePki(kind: Kind): Pki {
  const dir = join(base, kind);
  execFileSync('mkdir', ['-p', dir]);
  const o = (...a: string[]) => run(dir, ...a);
  const gen = (out: string) =>
    kind === 'sm2'
      ? o('genpkey', '-algorithm', 'SM2', '-out', out)
      : kind === 'rsa'
        ? o('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', out)
        : o('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', out);
  const md = kind === 'sm2' ? ['-sm3', '-sigopt', ID] : ['-sha256'];
  const vfy = kind === 'sm2' ? ['-vfyopt', ID] : [];
  writeFileSync(
    join(dir, 'ext.cnf'),
    '[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' +
      '[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  gen('root.key');
  o('req', '-utf8', '-x509', '-new', '-key', 'root.key', ...md, '-subj', `/CN=${kind} interop root`, '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'root.pem');
  for (const [name, issuer, ext] of [['int', 'root', 'ca'], ['signer', 'int', 'leaf']] as const) {
    gen(`${name}.key`);
    o('req', '-utf8', '-new', '-key', `${name}.key`, ...md, '-subj', `/CN=${kind} interop ${name}/O=核验`, '-out', `${name}.csr`);
    o('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, ...md, ...vfy,
      '-extfile', 'ext.cnf', '-extensions', ext, '-days', '365', '-set_serial', name === 'int' ? '4097' : '4098', '-out', `${name}.pem`);
  }
  const cert = (n: string) => loadCertificates(readFileSync(join(dir, `${n}.pem`)))[0]!;
  const root = cert('root');
  writeFileSync(join(dir, 'content.bin'), content);
  return {
    dir,
    root,
    intermediate: cert('int'),
    signer: cert('signer'),
    key: importPrivateKey(readFileSync(join(dir, 'signer.key'), 'utf8')),
    trust: new TrustStore().addAnchor(root),
  };
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'heyan-cms-interop-'));
  for (const k of ['p256', 'rsa', 'sm2'] as const) pkis[k] = makePki(k);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('heyan CMS verified by openssl cms -verify', () => {
  for (const kind of ['p256', 'rsa'] as const) {
    for (const cmsAlgorithmProtection of [false, true]) {
      it(`${kind}${cmsAlgorithmProtection ? ' with CMSAlgorithmProtection' : ''}`, () => {
        const p = pkis[kind];
        const cms = signDetached({ content, key: p.key, certificate: p.signer, chain: [p.intermediate], cmsAlgorithmProtection });
        writeFileSync(join(p.dir, 'ours.p7s'), cms);
        for (const purpose of [[], ['-purpose', 'any']]) {
          const out = execFileSync(
            'openssl',
            ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'ours.p7s', '-content', 'content.bin', '-CAfile', 'root.pem', ...purpose, '-out', '/dev/null'],
            { cwd: p.dir, stdio: ['pipe', 'pipe', 'pipe'] },
          );
          expect(out.length).toBe(0);
        }
        // A changed content byte must make OpenSSL fail too (the check above can fail).
        writeFileSync(join(p.dir, 'tampered.bin'), Buffer.concat([Buffer.from(content), Buffer.from('x')]));
        expect(() =>
          run(p.dir, 'cms', '-verify', '-binary', '-inform', 'DER', '-in', 'ours.p7s', '-content', 'tampered.bin', '-CAfile', 'root.pem', '-out', '/dev/null'),
        ).toThrow();
        expect(run(p.dir, 'asn1parse', '-inform', 'DER', '-in', 'ours.p7s').toString()).toMatch(/signingCertificateV2|1\.2\.840\.113549\.1\.9\.16\.2\.47/);
      });
    }
  }
});

describe('OpenSSL-made CMS verified by heyan', () => {
  for (const kind of ['p256', 'rsa'] as const) {
    for (const [label, flags] of [
      ['detached', []],
      ['-nodetach', ['-nodetach']],
      ['-noattr', ['-noattr']],
      ['-stream (BER)', ['-stream']],
    ] as const) {
      it(`${kind} ${label}`, () => {
        const p = pkis[kind];
        run(p.dir, 'cms', '-sign', '-binary', '-md', 'sha256', '-in', 'content.bin', '-signer', 'signer.pem', '-inkey', 'signer.key',
          '-certfile', 'int.pem', '-outform', 'DER', '-out', 'theirs.p7s', ...flags);
        const cms = new Uint8Array(readFileSync(join(p.dir, 'theirs.p7s')));
        const attached = label === '-nodetach';
        const r = verifySignedData({ cms, ...(attached ? {} : { content }), trust: p.trust });
        expect(r.indication, JSON.stringify(r.signatures[0]?.checks.filter((c) => c.status !== 'passed'))).toBe('PASSED');
        expect(r.signatures).toHaveLength(1);
        expect(r.signatures[0]!.signer?.subject).toContain(`${kind} interop signer`);
        expect(r.signatures[0]!.chain?.length).toBe(3);
        const noAttr = label === '-noattr';
        expect(r.signatures[0]!.checks.find((c) => c.id === 'cms.signed-attributes.present')?.status).toBe(noAttr ? 'warning' : 'passed');
        // Same file, one content byte changed: integrity must fail.
        const bad = Uint8Array.from(content);
        bad[0]! ^= 1;
        const r2 = verifySignedData({ cms, content: bad, trust: p.trust });
        if (!attached) {
          expect(r2.indication).toBe('FAILED');
          expect(r2.subIndication).toBe(noAttr ? 'SIG_CRYPTO_FAILURE' : 'HASH_FAILURE');
        }
      });
    }
  }
});

describe('heyan SM2 CMS checked by hand with OpenSSL (OpenSSL cannot make SM2 CMS)', () => {
  for (const flavour of ['gbt35275', 'pkcs7'] as const) {
    it(flavour, () => {
      const p = pkis.sm2;
      const cms = signDetached({ content, key: p.key, certificate: p.signer, chain: [p.intermediate], flavour });
      const file = `ours-${flavour}.der`;
      writeFileSync(join(p.dir, file), cms);
      const dump = run(p.dir, 'asn1parse', '-inform', 'DER', '-in', file).toString();
      expect(dump).toContain(flavour === 'gbt35275' ? '1.2.156.10197.6.1.4.2.2' : 'pkcs7-signedData');
      expect(dump).toContain(flavour === 'gbt35275' ? ':1.2.156.10197.1.301.1' : 'SM2-with-SM3');
      const lines = dump.split('\n').filter(Boolean);
      const at = (l: string) => {
        const m = /^\s*(\d+):d=\d+\s+hl=\s*(\d+)\s+l=\s*(\d+)/.exec(l)!;
        return { o: Number(m[1]), h: Number(m[2]), l: Number(m[3]) };
      };
      // 1. messageDigest == openssl dgst -sm3 content
      const mdLine = lines[lines.findIndex((l) => l.includes(':messageDigest')) + 2]!;
      const md = /\[HEX DUMP\]:([0-9A-F]+)/.exec(mdLine)![1]!.toLowerCase();
      const sm3 = run(p.dir, 'dgst', '-sm3', '-r', 'content.bin').toString().split(' ')[0];
      expect(md).toBe(sm3);
      expect(md).toBe(Buffer.from(digest('sm3', content)).toString('hex'));
      // 2. signedAttrs [0] at depth 5 re-tagged 0x31; 3. signature = last OCTET STRING at depth 5
      const sa = at(lines.filter((l) => /:d=5 .*cont \[ 0 \]/.test(l)).at(-1)!);
      const saDer = Buffer.from(cms.subarray(sa.o, sa.o + sa.h + sa.l));
      saDer[0] = 0x31;
      writeFileSync(join(p.dir, 'sa.der'), saDer);
      const sig = at(lines.filter((l) => /:d=5 .*OCTET STRING/.test(l)).at(-1)!);
      writeFileSync(join(p.dir, 'sig.der'), cms.subarray(sig.o + sig.h, sig.o + sig.h + sig.l));
      run(p.dir, 'x509', '-in', 'signer.pem', '-pubkey', '-noout', '-out', 'signer.pub');
      const ok = run(p.dir, 'pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pubin', '-inkey', 'signer.pub', '-pkeyopt', ID,
        '-in', 'sa.der', '-sigfile', 'sig.der').toString();
      expect(ok).toMatch(/Signature Verified Successfully/);
      // The same bytes do not verify without the ID (OpenSSL then uses an empty ID): the check discriminates.
      expect(() =>
        run(p.dir, 'pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pubin', '-inkey', 'signer.pub', '-in', 'sa.der', '-sigfile', 'sig.der'),
      ).toThrow();
      // Our parser agrees with the hand-cut bytes, and our verifier with OpenSSL.
      expect(Buffer.from(parseSignedData(cms).signers[0]!.signedAttributesDer!)).toEqual(saDer);
      const r = verifySignedData({ cms, content, trust: p.trust });
      expect(r.indication, JSON.stringify(r.signatures[0]?.checks.filter((c) => c.status !== 'passed'))).toBe('PASSED');
      expect(r.signatures[0]!.algorithm).toBe('sm2-with-sm3');
    });
  }
});
