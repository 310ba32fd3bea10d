// Test helper: certificates, CRLs, CMS and keys made by the OpenSSL CLI in a temp folder, so the sniffer and the
// verifiers are checked against an independent producer. Lives in test/ so it is never compiled into a package.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function openssl(args: string[], cwd: string, input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface OpensslPki {
  dir: string;
  read(name: string): Uint8Array;
  path(name: string): string;
}

/** A P-256 root CA, a leaf, a CRL, a certs-only PKCS#7, a detached CMS signature and keys in every encoding. */
export function makeOpensslPki(): OpensslPki {
  const dir = mkdtempSync(join(tmpdir(), 'heyan-ossl-'));
  const o = (...a: string[]): Buffer => openssl(a, dir);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca=c\n[c]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=30\n` +
      `[v3_ca]\nbasicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n` +
      `[v3_leaf]\nbasicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,nonRepudiation\n`,
  );
  o('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ca.key');
  o('req', '-new', '-x509', '-key', 'ca.key', '-subj', '/CN=Test Root', '-days', '3650', '-config', 'ca.cnf', '-extensions', 'v3_ca', '-out', 'ca.pem');
  o('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'leaf.key');
  o('req', '-new', '-key', 'leaf.key', '-subj', '/CN=Test Leaf', '-out', 'leaf.csr');
  o('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '4660', '-days', '365', '-extfile', 'ca.cnf', '-extensions', 'v3_leaf', '-out', 'leaf.pem');
  o('x509', '-in', 'leaf.pem', '-outform', 'DER', '-out', 'leaf.der');
  o('ca', '-gencrl', '-config', 'ca.cnf', '-keyfile', 'ca.key', '-cert', 'ca.pem', '-out', 'ca.crl.pem');
  o('crl', '-in', 'ca.crl.pem', '-outform', 'DER', '-out', 'ca.crl.der');
  writeFileSync(join(dir, 'chain.pem'), Buffer.concat([readFileSync(join(dir, 'leaf.pem')), readFileSync(join(dir, 'ca.pem'))]));
  o('crl2pkcs7', '-nocrl', '-certfile', 'chain.pem', '-outform', 'DER', '-out', 'bundle.p7b');
  o('crl2pkcs7', '-nocrl', '-certfile', 'chain.pem', '-out', 'bundle.p7b.pem');
  writeFileSync(join(dir, 'content.txt'), 'heyan test content\n');
  o('cms', '-sign', '-binary', '-in', 'content.txt', '-signer', 'leaf.pem', '-inkey', 'leaf.key', '-outform', 'DER', '-out', 'content.txt.p7s');
  o('cms', '-sign', '-binary', '-nodetach', '-in', 'content.txt', '-signer', 'leaf.pem', '-inkey', 'leaf.key', '-outform', 'DER', '-out', 'attached.p7m');
  o('cms', '-sign', '-binary', '-in', 'content.txt', '-signer', 'leaf.pem', '-inkey', 'leaf.key', '-outform', 'PEM', '-out', 'content.txt.p7s.pem');
  o('pkcs8', '-topk8', '-nocrypt', '-in', 'leaf.key', '-outform', 'DER', '-out', 'leaf.p8.der');
  o('ec', '-in', 'leaf.key', '-outform', 'DER', '-out', 'leaf.sec1.der');
  o('pkcs8', '-topk8', '-in', 'leaf.key', '-v2', 'aes-256-cbc', '-passout', 'pass:secret', '-out', 'leaf.enc.pem');
  o('ec', '-in', 'leaf.key', '-out', 'leaf.sec1.pem');
  o('pkey', '-in', 'leaf.key', '-pubout', '-out', 'leaf.pub.pem');
  o('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.key');
  o('rsa', '-in', 'rsa.key', '-traditional', '-out', 'rsa.pkcs1.pem');
  o('rsa', '-in', 'rsa.key', '-RSAPublicKey_out', '-out', 'rsa.pub.pkcs1.pem');
  o('pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-passout', 'pass:secret', '-out', 'leaf.p12');
  return { dir, read: (n) => new Uint8Array(readFileSync(join(dir, n))), path: (n) => join(dir, n) };
}
