// heyan sign pdf --key K --cert C [--password P] [--seal S.esl | --image P.png|J.jpg] [--page N] [--rect x,y,w,h]
//                [--reason R] [--location L] [--name N] [--field F] [--tsa URL] [--certify 1|2|3] [--pades | --pkcs7]
//                [--tsa-digest D] [--sm2-flavour pkcs7|gbt35275] [--id ID] [--digest D] IN.pdf --out OUT.pdf
// heyan sign pdf-timestamp --tsa URL [--digest D] [--field F] IN.pdf --out OUT.pdf
import {
  KeyError,
  PdfPlacementError,
  httpTimestampSource,
  isDigestName,
  signPdf,
  timestampPdf,
  type DigestName,
  type PdfAppearance,
  type SignPdfOptions,
} from '@heyan/core';
import { HELP } from '../help.js';
import { readInput, writeOutput, type Io } from '../io.js';
import { UsageError, flag, oneOf, parse, required, str } from '../usage.js';
import { loadSigner } from './sign.js';

const OPTIONS = {
  key: { type: 'string' },
  cert: { type: 'string' },
  password: { type: 'string' },
  seal: { type: 'string' },
  image: { type: 'string' },
  page: { type: 'string' },
  rect: { type: 'string' },
  reason: { type: 'string' },
  location: { type: 'string' },
  name: { type: 'string' },
  field: { type: 'string' },
  tsa: { type: 'string' },
  'tsa-digest': { type: 'string' },
  certify: { type: 'string' },
  pades: { type: 'boolean' },
  pkcs7: { type: 'boolean' },
  'sm2-flavour': { type: 'string' },
  id: { type: 'string' },
  digest: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const TIMESTAMP_OPTIONS = {
  tsa: { type: 'string' },
  digest: { type: 'string' },
  field: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Largest PDF read (the signer's own limit). */
const MAX_PDF_BYTES = 512 * 1024 * 1024;

export function digestOf(value: string | undefined, option = 'digest'): DigestName | undefined {
  const d = value?.toLowerCase().replace('-', '');
  if (d !== undefined && !isDigestName(d)) throw new UsageError(`--${option} must be one of sm3, sha256, sha384, sha512 (got "${value}")`);
  return d as DigestName | undefined;
}

/** "x,y,w,h" in millimetres. */
function rectOf(value: string | undefined): [number, number, number, number] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.length !== 4 || parts.some((s) => !/^\d+(\.\d+)?$/.test(s)) || nums[2]! < 1 || nums[3]! < 1) {
    throw new UsageError(`--rect needs x,y,w,h in millimetres from the displayed page's top-left corner, x,y ≥ 0 and w,h ≥ 1, such as 120,200,40,40 (got "${value}")`);
  }
  return nums as [number, number, number, number];
}

function oneInput(p: { positionals: string[] }, command: string): string {
  if (p.positionals.length !== 1) throw new UsageError(`${command} needs exactly one input PDF`);
  return p.positionals[0]!;
}

/** An RFC 3161 authority's URL (--tsa of sign pdf, sign ofd, license issue). */
export function tsaUrl(value: string): string {
  if (!/^https?:\/\//i.test(value)) throw new UsageError(`--tsa needs an http:// or https:// URL of an RFC 3161 time-stamping authority (got "${value}")`);
  return value;
}

export async function signPdfCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, OPTIONS);
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.sign}\n`);
    return 0;
  }
  const keyPath = required(p, 'key', 'sign pdf');
  const out = required(p, 'out', 'sign pdf');
  const input = oneInput(p, 'sign pdf');
  const sealPath = str(p, 'seal');
  const imagePath = str(p, 'image');
  if (sealPath !== undefined && imagePath !== undefined) throw new UsageError('give --seal or --image, not both');
  const pageArg = str(p, 'page');
  if (pageArg !== undefined && !/^[1-9]\d{0,5}$/.test(pageArg)) throw new UsageError(`--page needs a page number from 1 (got "${pageArg}")`);
  const rect = rectOf(str(p, 'rect'));
  const visible = sealPath !== undefined || imagePath !== undefined;
  if (!visible && (pageArg !== undefined || rect !== undefined)) throw new UsageError('--page and --rect place a visible signature: give --seal or --image too');
  if (flag(p, 'pades') && flag(p, 'pkcs7')) throw new UsageError('give --pades or --pkcs7, not both');
  const certifyArg = oneOf(str(p, 'certify'), ['1', '2', '3'] as const, 'certify');
  const sm2Flavour = oneOf(str(p, 'sm2-flavour'), ['pkcs7', 'gbt35275'] as const, 'sm2-flavour');
  const digest = digestOf(str(p, 'digest'));
  const tsa = str(p, 'tsa');
  const tsaDigest = digestOf(str(p, 'tsa-digest'), 'tsa-digest');
  if (tsaDigest && tsa === undefined) throw new UsageError('--tsa-digest needs --tsa');
  const timestamp = tsa !== undefined ? httpTimestampSource(tsaUrl(tsa)) : undefined;

  // Read everything first: a bad path is a usage error before any key is decrypted.
  const pdf = readInput(input, 'input PDF', MAX_PDF_BYTES);
  let appearance: PdfAppearance | undefined;
  if (visible) {
    const bytes = readInput((sealPath ?? imagePath)!, sealPath !== undefined ? 'seal' : 'image', 16 * 1024 * 1024);
    const image = sealPath !== undefined ? { seal: bytes } : bytes[0] === 0xff && bytes[1] === 0xd8 ? { jpeg: bytes } : { png: bytes };
    appearance = { page: pageArg !== undefined ? Number(pageArg) : 1, image, ...(rect ? { rect } : {}) };
  }
  const signer = loadSigner(keyPath, str(p, 'cert'), str(p, 'password'));
  const [certificate, ...chain] = signer.certificates;
  if (!certificate) throw new UsageError('sign pdf needs the signer certificate: --cert F (or a PKCS#12 --key that holds it)');
  const certKey = certificate.tryPublicKey();
  if (!certKey || !sameKey(certKey.spki, signer.key.publicKey.spki)) throw new KeyError('the first certificate in --cert does not belong to --key');

  const opts: SignPdfOptions = {
    // Roots are left out: a verifier must get them from its own trust store, never from the signature.
    signer: { key: signer.key, certificate, chain: chain.filter((c) => !c.isSelfIssued) },
    subFilter: flag(p, 'pkcs7') ? 'adbe.pkcs7.detached' : 'ETSI.CAdES.detached',
  };
  const text = (k: 'reason' | 'location' | 'name'): void => {
    const v = str(p, k);
    if (v !== undefined) opts[k] = v;
  };
  text('reason');
  text('location');
  text('name');
  const field = str(p, 'field');
  if (field !== undefined) opts.fieldName = field;
  if (appearance) opts.appearance = appearance;
  if (certifyArg) opts.certify = Number(certifyArg) as 1 | 2 | 3;
  if (timestamp) opts.timestamp = timestamp;
  if (tsaDigest) opts.timestampDigest = tsaDigest;
  if (sm2Flavour) opts.sm2Flavour = sm2Flavour;
  if (digest) opts.digest = digest;
  const id = str(p, 'id');
  if (id !== undefined) opts.sm2Id = id;

  let signed: Uint8Array;
  try {
    signed = await signPdf(pdf, opts);
  } catch (e) {
    // --page past the last page or --rect off the page: the command line is wrong, like --page 0 (exit 3).
    if (e instanceof PdfPlacementError) throw new UsageError(e.message);
    throw e;
  }
  writeOutput(out, signed);
  const what = [
    opts.subFilter === 'ETSI.CAdES.detached' ? (timestamp ? 'PAdES B-T' : 'PAdES B-B') : `adbe.pkcs7.detached${timestamp ? ' + timestamp' : ''}`,
    certifyArg ? `certification, DocMDP P=${certifyArg}` : undefined,
    appearance ? `visible on page ${appearance.page}` : 'invisible',
    `${signed.length - pdf.length} bytes appended`,
  ].filter(Boolean);
  io.stdout.write(`signed ${input} → ${out} (${what.join(', ')})\n`);
  return 0;
}

export async function timestampPdfCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, TIMESTAMP_OPTIONS);
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.sign}\n`);
    return 0;
  }
  const tsa = tsaUrl(required(p, 'tsa', 'sign pdf-timestamp'));
  const out = required(p, 'out', 'sign pdf-timestamp');
  const input = oneInput(p, 'sign pdf-timestamp');
  const digest = digestOf(str(p, 'digest'));
  const field = str(p, 'field');
  const pdf = readInput(input, 'input PDF', MAX_PDF_BYTES);
  const stamped = await timestampPdf(pdf, { timestamp: httpTimestampSource(tsa), ...(digest ? { digest } : {}), ...(field !== undefined ? { fieldName: field } : {}) });
  writeOutput(out, stamped);
  io.stdout.write(`timestamped ${input} → ${out} (document timestamp ETSI.RFC3161, ${stamped.length - pdf.length} bytes appended)\n`);
  return 0;
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
