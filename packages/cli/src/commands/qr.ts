// heyan qr encode L.jws --out qr.png|qr.svg [--ecc L|M|Q|H] [--scale N]
// heyan qr payload L.jws
// heyan qr decode scan.png
import { decodeQrImage, qrTextOf, qrVersionFor, renderQr, type QrEcc } from '@heyan/core';
import { extname } from 'node:path';
import { HELP } from '../help.js';
import { readInput, writeOutput, type Io } from '../io.js';
import { UsageError, flag, oneOf, parse, required, str } from '../usage.js';

const OPTIONS = {
  out: { type: 'string' },
  ecc: { type: 'string' },
  scale: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readText(path: string, what: string): string {
  const bytes = readInput(path, what, 1024 * 1024);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`cannot use ${what} ${path}: not UTF-8 text`);
  }
}

export async function qrCommand(args: string[], io: Io): Promise<number> {
  const [mode, ...rest] = args;
  if (mode === undefined || mode === '--help' || mode === '-h') {
    io.stdout.write(`${HELP.qr}\n`);
    return mode === undefined ? 3 : 0;
  }
  const p = parse(rest, OPTIONS);
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.qr}\n`);
    return 0;
  }
  const [input, ...extra] = p.positionals;
  if (input === undefined) throw new UsageError(`qr ${mode} needs an input file`);
  if (extra.length > 0) throw new UsageError(`qr ${mode} takes one input file`);
  switch (mode) {
    case 'payload': {
      io.stdout.write(`${qrTextOf(readText(input, 'credential'))}\n`);
      return 0;
    }
    case 'encode': {
      const out = required(p, 'out', 'qr encode');
      const ext = extname(out).toLowerCase();
      if (ext !== '.png' && ext !== '.svg') throw new UsageError('--out must end in .png or .svg');
      const ecc: QrEcc = oneOf(str(p, 'ecc'), ['L', 'M', 'Q', 'H'] as const, 'ecc') ?? 'Q';
      const scaleText = str(p, 'scale');
      if (scaleText !== undefined && !/^\d{1,2}$/.test(scaleText)) throw new UsageError('--scale must be a whole number of pixels per module (1..64)');
      const text = qrTextOf(readText(input, 'credential'));
      const image = ext === '.png' ? renderQr(text, { format: 'png', ecc, ...(scaleText ? { scale: Number(scaleText) } : {}) }) : renderQr(text, { format: 'svg', ecc });
      writeOutput(out, image);
      io.stdout.write(`${out}: QR version ${qrVersionFor(text, ecc)} at ECC ${ecc}, ${text.length} characters\n`);
      return 0;
    }
    case 'decode': {
      io.stdout.write(`${decodeQrImage(readInput(input, 'image', 32 * 1024 * 1024))}\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown qr command "${mode}" (expected: encode, payload, decode)`);
  }
}
