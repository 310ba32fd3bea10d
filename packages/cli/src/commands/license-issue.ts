// heyan license issue --record R.json --key K --cert C --seal S.esl [--password P] [--tsa URL] [--registry DB]
//                     [--status-list ID --status-index N] [--types DIR] --out OUT.pdf|OUT.ofd
// The format follows the extension of --out; the licence type comes from the record's certificateTypeCode.
import { extname } from 'node:path';
import { KeyError, httpTimestampSource, issueLicenseDocument, type IssueLicenseDocumentOptions } from '@heyan/core';
import { HELP } from '../help.js';
import { readInput, writeOutput, type Io } from '../io.js';
import { UsageError, flag, parse, required, str } from '../usage.js';
import { openRegistryFile } from './registry-open.js';
import { tsaUrl } from './sign-pdf.js';
import { loadSigner } from './sign.js';

const OPTIONS = {
  record: { type: 'string' },
  key: { type: 'string' },
  cert: { type: 'string' },
  password: { type: 'string' },
  seal: { type: 'string' },
  tsa: { type: 'string' },
  registry: { type: 'string' },
  'status-list': { type: 'string' },
  'status-index': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export async function licenseIssueCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, OPTIONS, false);
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.license}\n`);
    return 0;
  }
  const recordPath = required(p, 'record', 'license issue');
  const keyPath = required(p, 'key', 'license issue');
  const sealPath = required(p, 'seal', 'license issue');
  const out = required(p, 'out', 'license issue');
  const ext = extname(out).toLowerCase();
  if (ext !== '.pdf' && ext !== '.ofd') throw new UsageError(`--out must end in .pdf or .ofd (the format follows the extension; got "${out}")`);
  const tsaArg = str(p, 'tsa');
  const tsa = tsaArg !== undefined ? tsaUrl(tsaArg) : undefined;
  const listId = str(p, 'status-list');
  const indexText = str(p, 'status-index');
  if ((listId === undefined) !== (indexText === undefined)) throw new UsageError('--status-list and --status-index go together');
  if (indexText !== undefined && !/^\d{1,10}$/.test(indexText)) throw new UsageError(`--status-index must be a non-negative integer (got "${indexText}")`);
  const dbPath = str(p, 'registry');
  if (dbPath !== undefined && listId !== undefined) throw new UsageError('give --registry or --status-list/--status-index: the registry assigns the status entry');

  const record = JSON.parse(new TextDecoder().decode(readInput(recordPath, 'record', 1024 * 1024))) as unknown;
  const seal = readInput(sealPath, 'seal', 16 * 1024 * 1024);
  const signer = loadSigner(keyPath, str(p, 'cert'), str(p, 'password'));
  const [certificate, ...chain] = signer.certificates;
  if (!certificate) throw new UsageError('license issue needs the issuer certificate: --cert F (or a PKCS#12 --key that holds it)');
  const certKey = certificate.tryPublicKey();
  if (!certKey || !sameBytes(certKey.spki, signer.key.publicKey.spki)) throw new KeyError('the first certificate in --cert does not belong to --key');

  const opts: IssueLicenseDocumentOptions = {
    record,
    format: ext === '.pdf' ? 'pdf' : 'ofd',
    key: signer.key,
    certificate,
    chain: chain.filter((c) => !c.isSelfIssued),
    seal,
    ...(tsa !== undefined ? { timestamp: httpTimestampSource(tsa) } : {}),
    ...(listId !== undefined ? { status: { listId, index: Number(indexText) } } : {}),
  };
  const registry = dbPath !== undefined ? openRegistryFile(dbPath, true) : undefined;
  try {
    if (registry) opts.registry = registry;
    const issued = await issueLicenseDocument(opts);
    writeOutput(out, issued.bytes);
    const entry = issued.registered ? `, status entry ${issued.registered.statusListId} #${issued.registered.statusIndex}${issued.registered.reissued ? ' (registered before: a fresh copy)' : ''}` : '';
    io.stderr.write(`issued ${issued.type.name} ${issued.record.certificateNumber} (${issued.record.certificateIdentifier}) as ${out}, ${issued.bytes.length} bytes${entry}\n`);
  } finally {
    await registry?.close();
  }
  return 0;
}
