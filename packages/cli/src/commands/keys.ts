// heyan keys generate --alg sm2|p256|p384|rsa2048|rsa3072|ed25519 --out F [--pub F] [--password P]
import { exportPrivateKey, exportPublicKey, generateKeyPair, publicKeyAlgorithmName } from '@heyan/core';
import { HELP } from '../help.js';
import { writeOutput, type Io } from '../io.js';
import { UsageError, oneOf, parse, required, str } from '../usage.js';

const ALGS = ['sm2', 'p256', 'p384', 'rsa2048', 'rsa3072', 'ed25519'] as const;

export async function keysCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(`${HELP.keys}\n`);
    return sub === undefined ? 3 : 0;
  }
  if (sub !== 'generate') throw new UsageError(`unknown keys subcommand "${sub}" (expected: generate)`);
  const p = parse(rest, { alg: { type: 'string' }, out: { type: 'string' }, pub: { type: 'string' }, password: { type: 'string' } }, false);
  const alg = oneOf(required(p, 'alg', 'keys generate'), ALGS, 'alg')!;
  const out = required(p, 'out', 'keys generate');
  const pub = str(p, 'pub');
  const password = str(p, 'password');
  if (password === '') throw new UsageError('--password must not be empty');
  const key = generateKeyPair(alg);
  // Private key first and 0600: a public key without its private half is useless, the reverse leaks nothing.
  writeOutput(out, exportPrivateKey(key, password !== undefined ? { format: 'pem', password } : { format: 'pem' }), 0o600);
  if (pub !== undefined) writeOutput(pub, exportPublicKey(key, { format: 'pem' }));
  io.stdout.write(`generated ${publicKeyAlgorithmName(key)} key: ${out}${password !== undefined ? ' (encrypted)' : ''}${pub !== undefined ? `, public key: ${pub}` : ''}\n`);
  return 0;
}
