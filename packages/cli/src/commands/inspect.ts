// heyan inspect <input> [--json]
import { inspect, sanitizeForTerminal, type Inspection, type ObjectDescription } from '@heyan/core';
import { CERTIFICATE_LABELS } from '../certificate-labels.js';
import { HELP } from '../help.js';
import { readInput, type Io } from '../io.js';
import { UsageError, flag, parse } from '../usage.js';

const LABELS: Record<string, string> = {
  type: '类型 Type',
  version: '版本 Version',
  ...CERTIFICATE_LABELS,
  selfIssued: '自签发 Self-issued',
  basicConstraints: '基本约束 Basic constraints',
  keyUsage: '密钥用途 Key usage',
  extKeyUsage: '扩展用途 Extended key usage',
  subjectKeyIdentifier: '主体密钥标识 Subject key id',
  authorityKeyIdentifier: '颁发者密钥标识 Authority key id',
  crlDistributionPoints: 'CRL 分发点 CRL distribution points',
  unknownCriticalExtensions: '未知关键扩展 Unknown critical extensions',
  thisUpdate: '本次更新 This update',
  nextUpdate: '下次更新 Next update',
  crlNumber: 'CRL 编号 CRL number',
  delta: '增量 Delta',
  revoked: '吊销条目 Revoked',
  flavour: '规范 Flavour',
  contentType: '内容类型 Content type',
  detached: '分离式 Detached',
  contentSize: '内容大小 Content size',
  digestAlgorithms: '摘要算法 Digest algorithms',
  signers: '签名者 Signers',
  certificates: '证书 Certificates',
  crls: 'CRL',
  warnings: '警告 Warnings',
  encoding: '编码 Encoding',
  encrypted: '已加密 Encrypted',
  algorithm: '算法 Algorithm',
  bits: '位数 Bits',
  publicKeySha256: '公钥 SHA-256 Public key SHA-256',
  error: '错误 Error',
  note: '说明 Note',
  index: '序号 Index',
  signerIdentifier: '签名者标识 Signer identifier',
  certificate: '证书 Certificate',
  digestAlgorithm: '摘要算法 Digest algorithm',
  signedAttributes: '签名属性 Signed attributes',
  signingTime: '签名时间 Signing time',
  messageDigest: '消息摘要 Message digest',
  unsignedAttributes: '非签名属性 Unsigned attributes',
};

function scalar(v: unknown): string {
  return sanitizeForTerminal(typeof v === 'string' ? v : JSON.stringify(v));
}

function renderValue(lines: string[], indent: string, key: string, v: unknown): void {
  const label = LABELS[key] ?? key;
  if (Array.isArray(v)) {
    if (v.length === 0) return;
    if (v.every((x) => typeof x !== 'object' || x === null)) {
      lines.push(`${indent}${label}: ${v.map(scalar).join(', ')}`);
      return;
    }
    lines.push(`${indent}${label} (${v.length}):`);
    v.forEach((x, i) => {
      lines.push(`${indent}  [${i + 1}]`);
      renderObject(lines, `${indent}    `, x as Record<string, unknown>);
    });
    return;
  }
  if (v && typeof v === 'object') {
    lines.push(`${indent}${label}: ${scalar(v)}`);
    return;
  }
  lines.push(`${indent}${label}: ${scalar(v)}`);
}

function renderObject(lines: string[], indent: string, o: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(o)) if (v !== undefined) renderValue(lines, indent, k, v);
}

export function renderInspection(name: string, r: Inspection): string {
  const lines = [`${sanitizeForTerminal(name)}  (${r.encoding.toUpperCase()}, ${r.size} B, sha256 ${r.sha256})`];
  r.objects.forEach((o: ObjectDescription, i) => {
    lines.push(`  #${i + 1} ${o.type}`);
    renderObject(lines, '    ', o as unknown as Record<string, unknown>);
  });
  return lines.join('\n');
}

export async function inspectCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (flag(p, 'help')) {
    io.stdout.write(`${HELP.inspect}\n`);
    return 0;
  }
  if (p.positionals.length !== 1) throw new UsageError('inspect needs exactly one input file');
  const path = p.positionals[0]!;
  const bytes = readInput(path, 'input');
  let r: Inspection;
  try {
    r = inspect(bytes);
  } catch (e) {
    // Not a usage error: the file was read but is not something heyan understands.
    io.stderr.write(`heyan: cannot inspect ${sanitizeForTerminal(path)}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  // Descriptions are built in a fixed key order, so plain JSON.stringify is stable.
  if (flag(p, 'json')) io.stdout.write(`${JSON.stringify({ name: path, ...r }, null, 2)}\n`);
  else io.stdout.write(`${renderInspection(path, r)}\n`);
  return 0;
}
