// Coverage: "the listed references match" is not enough, an unlisted file could have been added or swapped after
// signing. Every package file must be listed by some signature, except each signature's own Signature.xml and
// SignedValue.dat and the signature lists (Signatures.xml, unprotected in ContinueSign mode, GB/T 33190 §18.1).
// Uncovered content-bearing files fail; other uncovered files (vendor extras) are a warning.
import { check } from '../report/check.js';
import type { Check } from '../report/types.js';
import { OFD_CHECKS as C } from './checks.js';
import type { FileRole } from './document.js';
import { displayPath } from './loc.js';

export interface CoverageSignature {
  /** Signature.xml member name. */
  path?: string;
  signedValuePath?: string;
  /** Member names its references list. */
  listed: ReadonlySet<string>;
}

export interface CoverageInput {
  files: readonly string[];
  signatures: readonly CoverageSignature[];
  /** Signatures.xml member names. */
  signatureLists: readonly string[];
  /** The role a file plays in the document (structure or conventional layout); undefined for extras. */
  roleOf: (member: string) => FileRole | undefined;
}

export interface UncoveredFile {
  path: string;
  role?: FileRole;
}

export interface CoverageOutcome {
  checks: Check[];
  content: UncoveredFile[];
  extras: UncoveredFile[];
}

const ROLE_TEXT: Record<FileRole, { zh: string; en: string }> = {
  package: { zh: '包入口文件', en: 'package entry' },
  document: { zh: '文档根文件', en: 'document root' },
  page: { zh: '页面', en: 'page' },
  template: { zh: '模板页', en: 'template page' },
  'resource-list': { zh: '资源列表', en: 'resource list' },
  resource: { zh: '资源', en: 'resource' },
  'annotation-list': { zh: '注释列表', en: 'annotation list' },
  annotation: { zh: '注释', en: 'annotation' },
  'attachment-list': { zh: '附件列表', en: 'attachment list' },
  attachment: { zh: '附件', en: 'attachment' },
  'custom-tag-list': { zh: '自定义标引列表', en: 'custom tag list' },
  'custom-tag': { zh: '自定义标引', en: 'custom tag' },
  'extension-list': { zh: '扩展信息', en: 'extension' },
  'signature-list': { zh: '签名列表', en: 'signature list' },
};

const SIGNATURE_PART = /(^|\/)(Signature\.xml|SignedValue\.dat)$/i;

export function checkCoverage(input: CoverageInput): CoverageOutcome {
  const covered = new Set<string>();
  for (const s of input.signatures) {
    for (const m of s.listed) covered.add(m);
    if (s.path) covered.add(s.path);
    if (s.signedValuePath) covered.add(s.signedValuePath);
  }
  for (const l of input.signatureLists) covered.add(l);
  const content: UncoveredFile[] = [];
  const extras: UncoveredFile[] = [];
  for (const f of input.files) {
    if (covered.has(f)) continue;
    const role = input.roleOf(f);
    if (role) content.push({ path: f, role });
    else extras.push({ path: f });
  }
  const checks: Check[] = [];
  if (content.length === 0) checks.push(check(C.coverage, 'passed', { details: { files: input.files.length, covered: input.files.length - extras.length } }));
  else {
    const list = content.slice(0, 20);
    const zh = list.map((u) => `未列入签名的${ROLE_TEXT[u.role!].zh}文件 ${displayPath(u.path)}`).join('；');
    const en = list.map((u) => `an unlisted ${ROLE_TEXT[u.role!].en} file was added: ${displayPath(u.path)}`).join('; ');
    const more = content.length > list.length ? { zh: ` 等 ${content.length} 个`, en: ` (and ${content.length - list.length} more)` } : { zh: '', en: '' };
    checks.push(
      check(C.coverage, 'failed', {
        message: { zh: `${C.coverage.failed.zh}：${zh}${more.zh}`, en: `${C.coverage.failed.en}: ${en}${more.en}` },
        details: { uncovered: content.map((u) => ({ path: displayPath(u.path), role: u.role })) },
      }),
    );
  }
  if (extras.length === 0) checks.push(check(C.coverageExtras, 'passed'));
  else {
    // A Signature.xml nobody lists may be a signature removed from Signatures.xml: say so.
    const orphans = extras.filter((u) => SIGNATURE_PART.test(u.path)).map((u) => displayPath(u.path));
    const shown = extras.slice(0, 20).map((u) => displayPath(u.path));
    const extraText = orphans.length
      ? { zh: `；其中签名文件未列入签名列表（签名可能已被移除）：${orphans.join('、')}`, en: `; signature files not listed in any signature list (a signature may have been removed): ${orphans.join(', ')}` }
      : { zh: '', en: '' };
    checks.push(
      check(C.coverageExtras, 'warning', {
        message: {
          zh: `${C.coverageExtras.warning!.zh}：${shown.join('、')}${extraText.zh}`,
          en: `${C.coverageExtras.warning!.en}: ${shown.join(', ')}${extraText.en}`,
        },
        details: { files: extras.map((u) => displayPath(u.path)), ...(orphans.length ? { unlistedSignatureFiles: orphans } : {}) },
      }),
    );
  }
  return { checks, content, extras };
}
