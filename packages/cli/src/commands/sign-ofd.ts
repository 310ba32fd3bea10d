// heyan sign ofd --seal S.esl --key K --cert C [--password P] [--page N] [--at x,y] [--size w,h] [--protect-all]
//                [--tsa URL [--tsa-digest D] | --tsa-key K --tsa-cert C] IN.ofd --out OUT.ofd
import { readFileSync } from 'node:fs';
import { createTsa, httpTimestampSource, importPrivateKey, loadCertificates, signOfd, signOfdAsync, type SignOfdOptions } from '@heyan/core';
import { HELP } from '../help.js';
import { readInput, writeOutput, type Io } from '../io.js';
import { UsageError, flag, parse, required, str } from '../usage.js';
import { digestOf, tsaUrl } from './sign-pdf.js';
import { loadSigner } from './sign.js';

const OPTIONS = {
  seal: { type: 'string' },
  key: { type: 'string' },
  cert: { type: 'string' },
  password: { type: 'string' },
  page: { type: 'string' },
  at: { type: 'string' },
  size: { type: 'string' },
  'protect-all': { type: 'boolean' },
  tsa: { type: 'string' },
  'tsa-digest': { type: 'string' },
  'tsa-key': { type: 'string' },
  'tsa-cert': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Largest OFD accepted (the reader's package limit). */
const MAX_OFD_BYTES = 256 * 1024 * 1024;

/** "x,y" (millimetres, decimals allowed) for --at and --size; positions and sizes are never negative. */
function pair(value: string | undefined, name: string): [number, number] | undefined {
  if (value === undefined) return undefined;
  const example = name === 'size' ? '40,40' : '150,230';
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,x×]\s*(-?\d+(?:\.\d+)?)\s*$/i.exec(value);
  if (!m) throw new UsageError(`--${name} needs two numbers in millimetres, such as ${example} (got "${value}")`);
  const v: [number, number] = [Number(m[1]), Number(m[2])];
  if (v.some((n) => n < 0)) {
    throw new UsageError(
      name === 'size'
        ? `--size needs a positive width and height in millimetres, such as 40,40 (got "${value}")`
        : `--at needs a position on the page: x,y in millimetres from its top-left corner, 0 or more, such as 150,230 (got "${value}")`,
    );
  }
  return v;
}

/**
 * `--at -5,1` reads to parseArgs like an option "-5,1" ("ambiguous"): join a value that starts with '-' and looks
 * like numbers onto its option, so the position check above can name the real problem.
 */
function joinDashValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    if ((a === '--at' || a === '--size') && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export async function signOfdCommand(args: string[], io: Io): Promise<number> {
  const p = parse(joinDashValues(args), OPTIONS);
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.sign}\n`);
    return 0;
  }
  const sealPath = required(p, 'seal', 'sign ofd');
  const keyPath = required(p, 'key', 'sign ofd');
  const out = required(p, 'out', 'sign ofd');
  if (p.positionals.length !== 1) throw new UsageError('sign ofd needs exactly one input OFD');
  const input = p.positionals[0]!;
  const pageArg = str(p, 'page');
  if (pageArg !== undefined && !/^[1-9]\d{0,5}$/.test(pageArg)) throw new UsageError(`--page needs a page number from 1 (got "${pageArg}")`);
  const at = pair(str(p, 'at'), 'at');
  const size = pair(str(p, 'size'), 'size');
  const tsaKeyPath = str(p, 'tsa-key');
  const tsaCertPath = str(p, 'tsa-cert');
  if ((tsaKeyPath === undefined) !== (tsaCertPath === undefined)) throw new UsageError('--tsa-key and --tsa-cert go together');
  const tsaArg = str(p, 'tsa');
  const tsa = tsaArg !== undefined ? tsaUrl(tsaArg) : undefined;
  if (tsa !== undefined && tsaKeyPath !== undefined) throw new UsageError('give --tsa or --tsa-key/--tsa-cert, not both');
  const tsaDigest = digestOf(str(p, 'tsa-digest'), 'tsa-digest');
  if (tsaDigest && tsa === undefined) throw new UsageError('--tsa-digest needs --tsa');

  // Read everything first: a bad path is a usage error before any key is decrypted.
  const ofd = readInput(input, 'input OFD', MAX_OFD_BYTES);
  const seal = readInput(sealPath, 'seal', 16 * 1024 * 1024);
  const signer = loadSigner(keyPath, str(p, 'cert'), str(p, 'password'));
  const certificate = signer.certificates[0];
  if (!certificate) throw new UsageError('sign ofd needs the signer certificate: --cert F (or a PKCS#12 --key that holds it)');

  const opts: SignOfdOptions = { ofd, seal, key: signer.key, certificate, provider: { name: 'heyan', company: 'heyan' } };
  const version = cliVersion();
  if (version) opts.provider = { name: 'heyan', company: 'heyan', version };
  if (pageArg !== undefined) opts.page = Number(pageArg);
  if (at) opts.at = { x: at[0], y: at[1] };
  if (size) opts.size = { w: size[0], h: size[1] };
  if (flag(p, 'protect-all')) opts.protectAll = true;
  if (tsaKeyPath !== undefined && tsaCertPath !== undefined) {
    // An in-process TSA (tests, demos, an offline signing station with its own TSA key).
    const tsaKey = importPrivateKey(readInput(tsaKeyPath, 'TSA key', 16 * 1024 * 1024));
    const [tsaCert, ...chain] = loadCertificates(readInput(tsaCertPath, 'TSA certificate'));
    if (!tsaCert) throw new UsageError(`${tsaCertPath} holds no certificate`);
    opts.timestamp = createTsa(tsaKey, tsaCert, chain.length ? { chain } : {});
  }
  // A remote TSA is asked after the signature value exists (signOfdAsync); an in-process one answers at once.
  const signed = tsa !== undefined
    ? await signOfdAsync({ ...opts, timestamp: httpTimestampSource(tsa), ...(tsaDigest ? { timestampDigest: tsaDigest } : {}) })
    : signOfd(opts);
  writeOutput(out, signed);
  const stamped = opts.timestamp !== undefined || tsa !== undefined;
  io.stdout.write(`signed ${input} → ${out} (seal signature${opts.protectAll ? ', whole document protected' : ''}${stamped ? ', timestamped' : ''}, ${signed.length} bytes)\n`);
  return 0;
}

/** The CLI's version, written into <Provider Version>. */
function cliVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version;
  } catch {
    return undefined;
  }
}
