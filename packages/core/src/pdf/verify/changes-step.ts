// What happened after a signature: the change analysis (pdf/changes) from the signed revision to the end, judged
// under DocMDP and the policy. A signature covering the whole file changed nothing; one whose later updates cannot
// be analysed (encrypted or repaired file) is INDETERMINATE, never silently fine.
import { check, withDetail } from '../../report/check.js';
import type { Check, PdfChangeSummary } from '../../report/types.js';
import { analyseChanges, judgeChanges } from '../changes/index.js';
import { PDF_CHECKS as C } from '../checks.js';
import type { Coverage } from '../byte-range.js';
import type { PdfDocument, PdfIrregularity } from '../document/types.js';
import type { PdfChangePolicy } from './types.js';

export interface ChangesOutcome {
  checks: Check[];
  level?: string;
  changes?: PdfChangeSummary[];
  docMdpOk?: boolean;
}

export function changesAfter(
  doc: PdfDocument | undefined,
  signedRevision: number | undefined,
  coverage: Coverage,
  docMdp: 1 | 2 | 3 | undefined,
  policy: PdfChangePolicy,
  /** Where the ByteRange ends (the end of the signed revision in the file's bytes). */
  signedEnd?: number,
): ChangesOutcome {
  if (coverage === 'ENTIRE_FILE') return { checks: [check(C.changesUnanalysed, 'skipped')], level: 'NONE', docMdpOk: true };
  if (coverage !== 'ENTIRE_REVISION') return { checks: [] };
  if (doc && signedRevision === undefined && !doc.encrypted && !doc.repaired) {
    // The ByteRange ends at a %%EOF, but the final /Prev chain skips that revision: what readers show was never signed.
    const at = signedEnd === undefined ? '?' : String(signedEnd);
    const chain = doc.revisions.map((r) => r.end).join(', ');
    return {
      checks: [
        check(C.revisionChain, 'failed', {
          message: withDetail(C.revisionChain.failed, `被签名修订版结束于 ${at}，交叉引用链中的修订版结束于 ${chain}`, `the signed revision ends at ${at}; the revisions in the xref chain end at ${chain}`),
          details: { signedEnd: signedEnd ?? null, chainEnds: doc.revisions.map((r) => r.end) },
        }),
      ],
      level: 'OTHER',
      docMdpOk: false,
    };
  }
  if (!doc || signedRevision === undefined || doc.encrypted || doc.repaired) {
    const why = !doc ? 'no document model' : doc.encrypted ? 'encrypted' : 'repaired';
    return { checks: [check(C.changesUnanalysed, 'indeterminate', { details: { reason: why } })] };
  }
  const tail = tailCheck(doc);
  const chainOk = check(C.revisionChain, 'passed');
  if (tail.status === 'failed') return { checks: [tail] };
  try {
    const a = analyseChanges(doc, signedRevision);
    const judged = judgeChanges(a, docMdp, policy);
    const mdp = judged.checks.find((c) => /^pdf\.changes\.doc-?mdp$/i.test(c.id));
    const out: ChangesOutcome = {
      checks: [
        tail,
        chainOk,
        repairsCheck(a.repairs ?? []),
        check(C.changesUnanalysed, 'passed', { details: { revisions: doc.revisions.length - 1 - signedRevision, truncated: a.truncated } }),
        ...judged.checks,
      ],
      level: a.level,
      changes: a.changes.map((c) => ({
        category: c.category,
        revision: c.revision,
        ...(c.object !== undefined ? { object: c.object } : {}),
        ...(c.page !== undefined ? { page: c.page } : {}),
        detail: c.field !== undefined ? `${c.detail} (field ${c.field})` : c.detail,
      })),
    };
    if (docMdp !== undefined) out.docMdpOk = mdp ? mdp.status !== 'failed' : a.level !== 'OTHER';
    else out.docMdpOk = a.level !== 'OTHER';
    return out;
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { checks: [check(C.changesUnanalysed, 'indeterminate', { details: { error: m } })] };
  }
}

/**
 * Repairs the revisions after the signed one needed to be read (xref sections off their offsets, objects not at their
 * offsets, streams decoded leniently...): a warning listing them. Those of object definitions also fail
 * pdf.changes.other through the change analysis.
 */
function repairsCheck(repairs: readonly PdfIrregularity[]): Check {
  if (!repairs.length) return check(C.revisionStructure, 'passed');
  const first = repairs[0]!;
  const more = repairs.length > 1 ? `（另有 ${repairs.length - 1} 处）` : '';
  const moreEn = repairs.length > 1 ? ` (and ${repairs.length - 1} more)` : '';
  return check(C.revisionStructure, 'warning', {
    message: withDetail(C.revisionStructure.warning!, `修订版 ${first.revision}：${first.detail}${more}`, `revision ${first.revision}: ${first.detail}${moreEn}`),
    details: {
      count: repairs.length,
      repairs: repairs.slice(0, 20).map((r) => ({ revision: r.revision, kind: r.kind, ...(r.num !== undefined ? { object: `${r.num} 0 R` } : {}), detail: r.detail })),
    },
  });
}

/** Bytes after the last revision the xref chain reaches: only whitespace (and NUL padding) may follow it. */
function tailCheck(doc: PdfDocument): Check {
  const last = doc.revisions.at(-1);
  const b = doc.bytes;
  const from = last ? last.end : b.length;
  let i = from;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09 || b[i] === 0x0c || b[i] === 0x00)) i++;
  if (i >= b.length) return check(C.tail, 'passed');
  return check(C.tail, 'failed', {
    message: withDetail(C.tail.failed, `最后一个修订版结束于 ${from}，其后 ${b.length - from} 字节`, `the last revision ends at ${from}; ${b.length - from} bytes follow it`),
    details: { lastRevisionEnd: from, trailingBytes: b.length - from },
  });
}
