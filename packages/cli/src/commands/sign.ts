// heyan sign raw|cms --key F [--cert F] [--password P] --content F --out F [--id ID] [--digest D] [--flavour F]
import {
  Certificate,
  KeyError,
  importPkcs12,
  importPrivateKey,
  isDigestName,
  loadCertificates,
  signData,
  signDetached,
  sniff,
  type DigestName,
  type PrivateKey,
} from '@heyan/core';
import { HELP } from '../help.js';
import { readInput, writeOutput, type Io } from '../io.js';
import { UsageError, flag, oneOf, parse, required, str } from '../usage.js';
import { signOfdCommand } from './sign-ofd.js';
import { signPdfCommand, timestampPdfCommand } from './sign-pdf.js';

const OPTIONS = {
  key: { type: 'string' },
  cert: { type: 'string' },
  password: { type: 'string' },
  content: { type: 'string' },
  out: { type: 'string' },
  id: { type: 'string' },
  digest: { type: 'string' },
  flavour: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface Signer {
  key: PrivateKey;
  certificates: Certificate[];
}

function isPkcs12(path: string, bytes: Uint8Array): boolean {
  if (/\.(p12|pfx)$/i.test(path)) return true;
  try {
    return sniff(bytes).items[0]?.kind === 'pkcs12';
  } catch {
    return false;
  }
}

/** The private key (PKCS#8, encrypted PKCS#8, SEC1, PKCS#1, PKCS#12) and the certificates that come with it. */
export function loadSigner(keyPath: string, certPath: string | undefined, password: string | undefined): Signer {
  const bytes = readInput(keyPath, 'key', 16 * 1024 * 1024);
  let key: PrivateKey;
  let certificates: Certificate[] = [];
  if (isPkcs12(keyPath, bytes)) {
    if (password === undefined) throw new UsageError(`${keyPath} is PKCS#12: give its --password`);
    const p12 = importPkcs12(bytes, password);
    key = p12.key;
    certificates = p12.certificates.map((der) => Certificate.fromDer(der));
  } else {
    key = importPrivateKey(bytes, password !== undefined ? { password } : {});
  }
  if (certPath !== undefined) {
    const certBytes = readInput(certPath, 'certificate');
    certificates = loadCertificates(certBytes);
  }
  return { key, certificates };
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function signCommand(args: string[], io: Io): Promise<number> {
  const [mode, ...rest] = args;
  if (mode === undefined || mode === '--help' || mode === '-h') {
    io.stdout.write(`${HELP.sign}\n`);
    return mode === undefined ? 3 : 0;
  }
  if (mode === 'ofd') return signOfdCommand(rest, io);
  if (mode === 'pdf') return signPdfCommand(rest, io);
  if (mode === 'pdf-timestamp') return timestampPdfCommand(rest, io);
  if (mode !== 'raw' && mode !== 'cms') throw new UsageError(`unknown sign mode "${mode}" (expected: raw, cms, ofd, pdf or pdf-timestamp)`);
  const p = parse(rest, OPTIONS, false);
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.sign}\n`);
    return 0;
  }
  const keyPath = required(p, 'key', `sign ${mode}`);
  const contentPath = required(p, 'content', `sign ${mode}`);
  const out = required(p, 'out', `sign ${mode}`);
  const certPath = str(p, 'cert');
  const password = str(p, 'password');
  const sm2Id = str(p, 'id');
  const digestArg = str(p, 'digest')?.toLowerCase().replace('-', '');
  if (digestArg !== undefined && !isDigestName(digestArg)) throw new UsageError(`--digest must be one of sm3, sha256, sha384, sha512 (got "${digestArg}")`);
  const digest = digestArg as DigestName | undefined;
  const flavour = oneOf(str(p, 'flavour'), ['pkcs7', 'gbt35275'] as const, 'flavour');
  if (flavour !== undefined && mode === 'raw') throw new UsageError('--flavour applies to sign cms only');

  // Read everything first: a bad path is a usage error before any key is decrypted.
  const content = readInput(contentPath, 'content');
  const signer = loadSigner(keyPath, certPath, password);

  if (mode === 'raw') {
    const r = signData({ key: signer.key, data: content, ...(digest ? { digest } : {}), ...(sm2Id !== undefined ? { sm2Id } : {}) });
    writeOutput(out, r.signature);
    io.stdout.write(`signed ${contentPath} → ${out} (${r.name}, ${r.signature.length} bytes)\n`);
    return 0;
  }

  const [certificate, ...chain] = signer.certificates;
  if (!certificate) throw new UsageError('sign cms needs the signer certificate: --cert F (or a PKCS#12 --key that holds it)');
  const certKey = certificate.tryPublicKey();
  if (!certKey || !sameKey(certKey.spki, signer.key.publicKey.spki)) {
    // The command line is well-formed; the inputs just do not fit together: a failed operation (exit 1).
    throw new KeyError('the first certificate in --cert does not belong to --key');
  }
  const der = signDetached({
    content,
    key: signer.key,
    certificate,
    // Roots are left out: a verifier must get them from its own trust store, never from the signature.
    chain: chain.filter((c) => !c.isSelfIssued),
    ...(digest ? { digest } : {}),
    ...(flavour ? { flavour } : {}),
    ...(sm2Id !== undefined ? { sm2Id } : {}),
  });
  writeOutput(out, der);
  io.stdout.write(`signed ${contentPath} → ${out} (detached CMS, ${flavour ?? 'pkcs7'}, ${der.length} bytes)\n`);
  return 0;
}
