// judgeChanges: the change analysis as report checks, under the licence policy (strict) or the general one.
import { check, withDetail } from '../../report/check.js';
import type { Check } from '../../report/types.js';
import { PDF_CHANGE_CHECKS as C } from './checks.js';
import type { ChangeAnalysis, ChangeCategory, PdfChange } from './types.js';

export type ChangePolicy = 'licence' | 'general';

/** Categories each DocMDP level permits (ISO 32000-2: DSS and document timestamps never count as changes). */
const DOCMDP_ALLOWED: Record<1 | 2 | 3, ReadonlySet<ChangeCategory>> = {
  1: new Set(['dss', 'doc-timestamp', 'metadata']),
  2: new Set(['dss', 'doc-timestamp', 'metadata', 'signature', 'form-fill', 'unsigned-field']),
  3: new Set(['dss', 'doc-timestamp', 'metadata', 'signature', 'form-fill', 'unsigned-field', 'annotation']),
};

const list = (cs: readonly PdfChange[]): { category: ChangeCategory; revision: number; object?: string; page?: number; field?: string; detail: string; rect?: number[] }[] =>
  cs.map((c) => ({ ...c }));

/**
 * Licence policy: annotations FAILED unless DocMDP P=3 permits them, form filling FAILED unless P≥2 (then warnings).
 * General policy (pyHanko/DSS-like): annotations and form filling without a certification are warnings.
 * Both: page, signature-dictionary, appearance and other changes FAILED; DSS, document timestamps, new signatures
 * and metadata pass (new visible signatures and metadata changes with a warning). A visible empty signature field
 * (unsigned-field): licence FAILED; general a warning without a certification or with P≥2, else FAILED.
 */
export function judgeChanges(a: ChangeAnalysis, docMdp: 1 | 2 | 3 | undefined, policy: ChangePolicy = 'licence'): { checks: Check[] } {
  const of = (cat: ChangeCategory): PdfChange[] => a.changes.filter((c) => c.category === cat);
  const details = (cs: PdfChange[]) => ({ changes: list(cs) });
  const failOrPass = (def: typeof C.pages, cs: PdfChange[]): Check =>
    cs.length ? check(def, 'failed', { details: details(cs), message: withDetail(def.failed, cs[0]!.detail, cs[0]!.detail) }) : check(def, 'passed');

  const checks: Check[] = [];
  checks.push(
    check(C.summary, a.truncated ? 'failed' : 'passed', {
      details: { level: a.level, pagesSigned: a.pagesSigned, pagesFinal: a.pagesFinal, truncated: a.truncated, newObjects: a.newObjects, changes: list(a.changes) },
    }),
  );
  checks.push(failOrPass(C.pages, of('page')));
  checks.push(failOrPass(C.signatureDictionary, of('signature-dictionary')));
  checks.push(failOrPass(C.appearance, of('appearance')));

  const permitted = (cat: 'annotation' | 'form-fill'): boolean =>
    policy === 'general' ? docMdp === undefined || DOCMDP_ALLOWED[docMdp].has(cat) : docMdp !== undefined && DOCMDP_ALLOWED[docMdp].has(cat);
  for (const [def, cat] of [
    [C.annotations, 'annotation'],
    [C.formFill, 'form-fill'],
  ] as const) {
    const cs = of(cat);
    if (!cs.length) checks.push(check(def, 'passed'));
    else checks.push(check(def, permitted(cat) ? 'warning' : 'failed', { details: details(cs) }));
  }
  // A visible empty signature field: licence policy FAILED whatever DocMDP says (P=2 permits filling fields and
  // signing, not adding unsigned visible content); general policy a warning where form filling is permitted.
  const unsigned = of('unsigned-field');
  if (!unsigned.length) checks.push(check(C.unsignedField, 'passed'));
  else {
    const ok = policy === 'general' && (docMdp === undefined || docMdp >= 2);
    const where = unsigned.map((c) => c.detail).join('; ');
    checks.push(check(C.unsignedField, ok ? 'warning' : 'failed', { details: details(unsigned), message: withDetail(ok ? C.unsignedField.warning! : C.unsignedField.failed, where, where) }));
  }
  checks.push(failOrPass(C.other, of('other')));
  // Same under both policies: warnings naming where new visible signatures are and which metadata keys changed.
  const visible = of('signature').filter((c) => c.rect);
  if (visible.length) {
    const zh = visible.map((c) => `${c.field ? `签名域 ${c.field}，` : ''}${c.page ? `第 ${c.page} 页` : '页面未知'}，区域 [${c.rect!.map((x) => Math.round(x * 100) / 100).join(' ')}]`).join('；');
    const en = visible.map((c) => `${c.field ? `field ${c.field}, ` : ''}${c.page ? `page ${c.page}` : 'page unknown'}, rectangle [${c.rect!.map((x) => Math.round(x * 100) / 100).join(' ')}]`).join('; ');
    checks.push(check(C.visibleSignature, 'warning', { details: details(visible), message: withDetail(C.visibleSignature.warning!, zh, en) }));
  } else checks.push(check(C.visibleSignature, 'passed'));
  const meta = of('metadata');
  if (meta.length) {
    const keys = [...new Set(meta.flatMap((c) => c.detail.match(/\/[A-Za-z][A-Za-z0-9]*|XMP/g) ?? []))].filter((k) => k !== '/Info' && k !== '/Root');
    const what = keys.join(' ') || meta[0]!.detail;
    checks.push(check(C.metadata, 'warning', { details: { keys, ...details(meta) }, message: withDetail(C.metadata.warning!, what, what) }));
  } else checks.push(check(C.metadata, 'passed'));
  // Same under both policies: a warning with how many objects and bytes, never a failure.
  const u = a.unreferenced;
  if (u && u.count > 0) {
    checks.push(
      check(C.unreferenced, 'warning', {
        details: { count: u.count, bytes: u.bytes, objects: u.objects },
        message: withDetail(C.unreferenced.warning!, `${u.count} 个对象，${u.bytes} 字节`, `${u.count} object${u.count === 1 ? '' : 's'}, ${u.bytes} bytes`),
      }),
    );
  } else checks.push(check(C.unreferenced, 'passed'));

  if (docMdp === undefined) checks.push(check(C.docMdp, 'skipped'));
  else {
    const bad = a.changes.filter((c) => !DOCMDP_ALLOWED[docMdp].has(c.category));
    checks.push(
      bad.length
        ? check(C.docMdp, 'failed', { details: { p: docMdp, ...details(bad) }, message: withDetail(C.docMdp.failed, `P=${docMdp}`, `P=${docMdp}`) })
        : check(C.docMdp, 'passed', { details: { p: docMdp } }),
    );
  }
  return { checks };
}
