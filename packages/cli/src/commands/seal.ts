// heyan seal create|inspect|picture — electronic seals (电子印章, .esl) and seal signatures (SES_Signature).
import { basename, dirname, extname, join } from 'node:path';
import {
  KeyError,
  PICTURE_EXTENSIONS,
  createSeal,
  decodeSealFile,
  describeSeal,
  describeSesSignature,
  loadCertificates,
  pictureKindOf,
  pictureKindOfType,
  sanitizeForTerminal,
  type Certificate,
  type Described,
} from '@heyan/core';
import { CERTIFICATE_LABELS } from '../certificate-labels.js';
import { HELP } from '../help.js';
import { readInput, writeOutput, type Io } from '../io.js';
import { UsageError, flag, oneOf, parse, parseTime, required, str, strs } from '../usage.js';
import { loadSigner } from './sign.js';

const MAX_SEAL_FILE = 64 * 1024 * 1024;

const CREATE_OPTIONS = {
  'maker-key': { type: 'string' },
  'maker-cert': { type: 'string' },
  'signer-cert': { type: 'string', multiple: true },
  password: { type: 'string' },
  name: { type: 'string' },
  esid: { type: 'string' },
  picture: { type: 'string' },
  size: { type: 'string' },
  'valid-from': { type: 'string' },
  'valid-to': { type: 'string' },
  type: { type: 'string' },
  version: { type: 'string' },
  'cert-digests': { type: 'boolean' },
  vid: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function sealCommand(args: string[], io: Io): Promise<number> {
  const [mode, ...rest] = args;
  if (mode === undefined || mode === '--help' || mode === '-h') {
    io.stdout.write(`${HELP.seal}\n`);
    return mode === undefined ? 3 : 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${HELP.seal}\n`);
    return 0;
  }
  switch (mode) {
    case 'create':
      return create(rest, io);
    case 'inspect':
      return inspect(rest, io);
    case 'picture':
      return picture(rest, io);
    default:
      throw new UsageError(`unknown seal command "${mode}" (expected: create, inspect or picture)`);
  }
}

/** "40x40", "45×30", "42*42" (millimetres). */
function parseSize(value: string): { widthMm: number; heightMm: number } {
  const m = /^(\d{1,4})\s*[xX×*]\s*(\d{1,4})$/.exec(value.trim());
  if (!m) throw new UsageError(`--size needs WIDTHxHEIGHT in millimetres, e.g. 40x40 (got "${value}")`);
  return { widthMm: Number(m[1]), heightMm: Number(m[2]) };
}

function firstCertificate(path: string): Certificate {
  const bytes = readInput(path, 'certificate');
  let certs: Certificate[];
  try {
    certs = loadCertificates(bytes);
  } catch (e) {
    throw new UsageError(`cannot use certificate ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const c = certs[0];
  if (!c) throw new UsageError(`no certificate in ${path}`);
  return c;
}

async function create(args: string[], io: Io): Promise<number> {
  const p = parse(args, CREATE_OPTIONS, false);
  const makerKeyPath = required(p, 'maker-key', 'seal create');
  const out = required(p, 'out', 'seal create');
  const name = required(p, 'name', 'seal create');
  const esID = required(p, 'esid', 'seal create');
  const picturePath = required(p, 'picture', 'seal create');
  const size = parseSize(required(p, 'size', 'seal create'));
  const signerPaths = strs(p, 'signer-cert');
  if (signerPaths.length === 0) throw new UsageError('seal create needs --signer-cert (the certificate of each signer who may use the seal)');
  const version = Number(oneOf(str(p, 'version'), ['4', '5'] as const, 'version') ?? '4') as 4 | 5;
  const typeArg = str(p, 'type') ?? '1';
  if (!/^\d{1,9}$/.test(typeArg)) throw new UsageError(`--type needs a whole number (got "${typeArg}")`);
  const validFrom = parseTime(str(p, 'valid-from'), 'valid-from');
  const validTo = parseTime(str(p, 'valid-to'), 'valid-to');

  // Read every input before any key is decrypted: a bad path is a usage error first.
  const pictureBytes = readInput(picturePath, 'picture', 16 * 1024 * 1024);
  const kind = pictureKindOf(pictureBytes);
  if (!kind) throw new UsageError(`${picturePath} is not a PNG, JPEG, GIF, BMP, SVG or OFD image`);
  const signers = signerPaths.map(firstCertificate);
  const maker = loadSigner(makerKeyPath, str(p, 'maker-cert'), str(p, 'password'));
  const makerCertificate = maker.certificates[0];
  if (!makerCertificate) throw new UsageError('seal create needs the maker certificate: --maker-cert F (or a PKCS#12 --maker-key that holds it)');
  const certKey = makerCertificate.tryPublicKey();
  if (!certKey || !Buffer.from(certKey.spki).equals(Buffer.from(maker.key.publicKey.spki))) throw new KeyError('the certificate in --maker-cert does not belong to --maker-key');

  const now = new Date();
  const validStart = validFrom ?? now;
  // Default end: when the first signer certificate expires (the seal is of no use after that).
  const validEnd = validTo ?? new Date(Math.min(...signers.map((c) => c.notAfter.getTime())));
  const der = createSeal({
    version,
    ...(str(p, 'vid') !== undefined ? { vid: str(p, 'vid')! } : {}),
    esID,
    type: Number(typeArg),
    name,
    signerCertificates: signers,
    certDigests: flag(p, 'cert-digests'),
    picture: { type: kind, data: pictureBytes, ...size },
    createDate: now,
    validStart,
    validEnd,
    makerKey: maker.key,
    makerCertificate,
  });
  writeOutput(out, der);
  io.stdout.write(
    `created ${out}: seal v${version}, esID ${esID}, ${signers.length} signer${signers.length > 1 ? 's' : ''}` +
      `${flag(p, 'cert-digests') ? ' (as SM3 digests)' : ''}, valid ${validStart.toISOString()} to ${validEnd.toISOString()}, ${der.length} bytes\n`,
  );
  return 0;
}

const LABELS: Record<string, string> = {
  type: '类型 Type',
  version: '版本 Version',
  detectedBy: '版本判定 Detected by',
  header: '头信息 Header',
  id: '标识 Id',
  vid: '厂商 Vendor id',
  esID: '印章编码 esID',
  property: '印章属性 Property',
  name: '名称 Name',
  certListType: '证书列表类型 Cert list type',
  certList: '签章者证书列表 Signer certificates',
  kind: '形式 Kind',
  certs: '证书 Certificates',
  digests: '杂凑值 Digests',
  value: '值 Value',
  createDate: '制作日期 Created',
  validStart: '有效期起 Valid from',
  validEnd: '有效期止 Valid to',
  picture: '印章图片 Picture',
  detected: '实际格式 Detected',
  bytes: '字节 Bytes',
  sha256: 'SHA-256',
  widthMm: '宽 Width (mm)',
  heightMm: '高 Height (mm)',
  extDatas: '扩展数据 Extension data',
  oid: 'OID',
  critical: '关键 Critical',
  text: '文本 Text',
  makerCertificate: '制章者证书 Maker certificate',
  signerCertificate: '签章者证书 Signer certificate',
  ...CERTIFICATE_LABELS,
  signatureValue: '签名值 Signature value',
  signature: '签名值 Signature value',
  signatureForm: '签名编码 Signature encoding',
  signedBytes: '被签名数据 Signed bytes',
  timeStamp: '时间戳 Timestamp',
  size: '大小 Size',
  tolerances: '非标准之处 Non-standard encodings',
  field: '字段 Field',
  zh: '说明',
  en: 'Note',
  toSign: '签章信息 TBS_Sign',
  seal: '印章 Seal',
  timeInfo: '签章时间 Signing time',
  timeInfoText: '签章时间原文 Signing time text',
  dataHash: '原文杂凑值 Data hash',
  propertyInfo: '保护范围 Property info',
  tbs: 'TBS_Sign',
  error: '错误 Error',
};

function renderValue(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out[out.length - 1] += ' —';
    v.forEach((item, i) => {
      if (item !== null && typeof item === 'object') {
        out.push(`${indent}[${i + 1}]`);
        renderObject(item as Described, `${indent}  `, out);
      } else out.push(`${indent}- ${sanitizeForTerminal(String(item))}`);
    });
    return;
  }
  if (v !== null && typeof v === 'object') {
    renderObject(v as Described, indent, out);
    return;
  }
  out[out.length - 1] += ` ${sanitizeForTerminal(v === null ? '—' : String(v))}`;
}

function renderObject(o: Described, indent: string, out: string[]): void {
  for (const [k, v] of Object.entries(o)) {
    out.push(`${indent}${LABELS[k] ?? k}:`);
    renderValue(v, `${indent}  `, out);
  }
}

const INSPECT_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

async function inspect(args: string[], io: Io): Promise<number> {
  const p = parse(args, INSPECT_OPTIONS);
  const [path, ...extra] = p.positionals;
  if (!path || extra.length) throw new UsageError('seal inspect needs exactly one file (a seal .esl or a seal signature)');
  const decoded = decodeSealFile(readInput(path, 'input', MAX_SEAL_FILE));
  const d = decoded.kind === 'seal' ? describeSeal(decoded.seal) : describeSesSignature(decoded.signature);
  if (flag(p, 'json')) {
    io.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
    return 0;
  }
  const title = decoded.kind === 'seal' ? '电子印章 Electronic seal' : '电子签章 Electronic seal signature';
  const out: string[] = [`${title}: ${sanitizeForTerminal(path)}`];
  renderObject(d, '  ', out);
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

const PICTURE_OPTIONS = { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

async function picture(args: string[], io: Io): Promise<number> {
  const p = parse(args, PICTURE_OPTIONS);
  const [path, ...extra] = p.positionals;
  if (!path || extra.length) throw new UsageError('seal picture needs exactly one file (a seal .esl or a seal signature)');
  const decoded = decodeSealFile(readInput(path, 'input', MAX_SEAL_FILE));
  const seal = decoded.kind === 'seal' ? decoded.seal : decoded.signature.toSign.seal;
  const kind = pictureKindOf(seal.picture.data) ?? pictureKindOfType(seal.picture.type);
  const ext = kind ? PICTURE_EXTENSIONS[kind] : '.bin';
  // --out without an extension gets the one of the image type; without --out, the input's name with it.
  let out = str(p, 'out') ?? join(dirname(path), basename(path, extname(path)) + ext);
  if (extname(out) === '') out += ext;
  writeOutput(out, seal.picture.data);
  io.stdout.write(`wrote ${out}: ${kind ?? `unrecognised (type "${sanitizeForTerminal(seal.picture.type)}")`}, ${seal.picture.data.length} bytes, ${seal.picture.widthMm}×${seal.picture.heightMm} mm\n`);
  return 0;
}
