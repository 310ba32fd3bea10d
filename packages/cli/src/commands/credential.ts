// heyan credential issue --record R.json --key K --cert C [--password P] [--alg A] [--registry DB | --status-index N
//                        [--status-list ID]] [--valid-from ISO] [--valid-until ISO] [--id ID] [--lenient] --out L.jws
import { isJwsAlgorithm, issueCredential, qrVersionFor, statusListIdOf, type Certificate } from '@heyan/core';
import { HELP } from '../help.js';
import { readInput, writeOutput, type Io } from '../io.js';
import { UsageError, flag, parse, parseTime, required, str } from '../usage.js';
import { openRegistryFile } from './registry-open.js';
import { loadSigner } from './sign.js';

const OPTIONS = {
  record: { type: 'string' },
  key: { type: 'string' },
  cert: { type: 'string' },
  password: { type: 'string' },
  alg: { type: 'string' },
  'status-index': { type: 'string' },
  'status-list': { type: 'string' },
  registry: { type: 'string' },
  'valid-from': { type: 'string' },
  'valid-until': { type: 'string' },
  id: { type: 'string' },
  lenient: { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function credentialCommand(args: string[], io: Io): Promise<number> {
  const [mode, ...rest] = args;
  if (mode === undefined || mode === '--help' || mode === '-h') {
    io.stdout.write(`${HELP.credential}\n`);
    return mode === undefined ? 3 : 0;
  }
  if (mode !== 'issue') throw new UsageError(`unknown credential command "${mode}" (expected: issue)`);
  const p = parse(rest, OPTIONS, false);
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.credential}\n`);
    return 0;
  }
  const recordPath = required(p, 'record', 'credential issue');
  const keyPath = required(p, 'key', 'credential issue');
  const out = required(p, 'out', 'credential issue');
  const alg = str(p, 'alg');
  if (alg !== undefined && !isJwsAlgorithm(alg)) throw new UsageError(`--alg must be one of SM2SM3, ES256, ES384, EdDSA, RS256, PS256 (got "${alg}")`);
  const indexText = str(p, 'status-index');
  if (indexText !== undefined && !/^\d{1,10}$/.test(indexText)) throw new UsageError(`--status-index must be a non-negative integer (got "${indexText}")`);
  const listId = str(p, 'status-list');
  if (listId !== undefined && indexText === undefined && str(p, 'registry') === undefined) throw new UsageError('--status-list needs --status-index');
  const validFrom = parseTime(str(p, 'valid-from'), 'valid-from');
  const validUntil = parseTime(str(p, 'valid-until'), 'valid-until');

  const recordBytes = readInput(recordPath, 'licence record', 1024 * 1024);
  let record: unknown;
  try {
    record = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(recordBytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`cannot use licence record ${recordPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const signer = loadSigner(keyPath, str(p, 'cert'), str(p, 'password'));
  const leaf = signer.certificates.find((c) => sameBytes(c.spki, signer.key.publicKey.spki));
  if (!leaf) throw new UsageError('no certificate matches the key: give the signer certificate with --cert');
  const chain: Certificate[] = signer.certificates.filter((c) => c !== leaf && !c.isSelfIssued);

  // Default list id for an index alone: the issuer's list 0, the one `license register` and `status-list publish`
  // use by default (urn:heyan:status:<issuer code>:0).
  const field = (name: string): string => {
    const v = (record as Record<string, unknown> | null)?.[name];
    return typeof v === 'string' ? v.trim() : '';
  };
  let status = indexText !== undefined ? { listId: listId ?? statusListIdOf(field('issueDeptCode'), 0), index: Number(indexText) } : undefined;
  const dbPath = str(p, 'registry');
  if (dbPath !== undefined) {
    // The status entry is the one the registry gave the licence: a credential pointing anywhere else could never be
    // revoked through the published list.
    const identifier = field('certificateIdentifier');
    const registry = openRegistryFile(dbPath, false, true);
    let reg;
    try {
      reg = identifier ? await registry.get(identifier) : undefined;
    } finally {
      await registry.close();
    }
    if (!reg) throw new UsageError(`licence ${identifier || '(no certificateIdentifier)'} is not registered in ${dbPath}: run heyan license register --registry ${dbPath} --record ${recordPath} first`);
    if (status && status.index !== reg.statusIndex) throw new UsageError(`--status-index ${status.index} differs from the entry the registry gave this licence (${reg.statusIndex}); leave --status-index out`);
    if (listId !== undefined && listId !== reg.statusListId) throw new UsageError(`--status-list ${listId} differs from the registry's list for this licence (${reg.statusListId}); leave --status-list out`);
    status = { listId: reg.statusListId, index: reg.statusIndex };
  }
  const r = issueCredential({
    record: record as never,
    key: signer.key,
    certificate: leaf,
    chain,
    ...(alg ? { alg } : {}),
    ...(status ? { status } : {}),
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(str(p, 'id') !== undefined ? { id: str(p, 'id')! } : {}),
    ...(flag(p, 'lenient') ? { strict: false } : {}),
  });
  writeOutput(out, `${r.jws}\n`);
  const subject = r.payload.credentialSubject;
  io.stdout.write(
    `已签发 Issued ${subject.certificateIdentifier} (${subject.certificateHolder}) → ${out}\n` +
      `  JWS ${r.jws.length} chars, QR ${r.qr.length} chars, QR version ${qrVersionFor(r.qr, 'Q')} at ECC Q` +
      `${status ? `, status ${status.listId} #${status.index}` : ''}\n`,
  );
  return 0;
}
