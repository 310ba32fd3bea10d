// analyseChanges: what happened to a PDF after a signature — the signed revision compared with the final document,
// every change classified, reject-by-default (pyHanko's modification levels, DSS-style categorised lists).
import type { PdfDocument, PdfIrregularity, XrefEntry } from '../document/types.js';
import { pageRefs } from '../document/index.js';
import { compareTrailer } from './catalog-rules.js';
import { ChangeContext } from './context.js';
import { compareFields } from './field-rules.js';
import { walkGraph } from './graph.js';
import { compareObject, danglingTarget, deletedObject } from './object-rules.js';
import { comparePageList } from './page-rules.js';
import { readStructure } from './structure.js';
import { drawnObjects } from './drawn.js';
import { type ChangeAnalysis, type ChangeAnalysisOptions, levelOf } from './types.js';
import { Budget, refKey, sameValue } from './values.js';

export const DEFAULT_CHANGE_LIMITS = { maxObjects: 200_000, maxDepth: 64 } as const;

/** Most repairs listed as changes (the rest are counted in `repairs` only). */
const MAX_REPAIR_CHANGES = 100;

/**
 * Compare revision `signedRevision` (index into doc.revisions: the revision the signature's ByteRange ends at) with
 * the final document. Never throws: a failure or an exhausted limit yields truncated + an 'other' change.
 */
export function analyseChanges(doc: PdfDocument, signedRevision: number, opts: ChangeAnalysisOptions = {}): ChangeAnalysis {
  const budget = new Budget(opts.maxObjects ?? DEFAULT_CHANGE_LIMITS.maxObjects, opts.maxDepth ?? DEFAULT_CHANGE_LIMITS.maxDepth);
  const last = doc.revisions.length - 1;
  const result: ChangeAnalysis = {
    level: 'NONE',
    changes: [],
    pagesSigned: 0,
    pagesFinal: 0,
    truncated: false,
    newObjects: { total: 0, explained: 0, unreachable: 0 },
    unreferenced: { count: 0, bytes: 0, objects: [] },
    repairs: [],
  };
  try {
    result.pagesFinal = pageRefs(doc, last).refs.length;
    if (!Number.isInteger(signedRevision) || signedRevision < 0 || signedRevision > last) {
      result.changes.push({ category: 'other', revision: last, detail: `signed revision ${signedRevision} does not exist (the document has ${last + 1})` });
      result.level = 'OTHER';
      return result;
    }
    result.pagesSigned = pageRefs(doc, signedRevision).refs.length;
    if (signedRevision === last) return result;

    const old = readStructure(doc, signedRevision, budget);
    old.drawn = drawnObjects(doc, signedRevision, old, budget);
    const neu = readStructure(doc, last, budget);
    const roles = new Map<number, string>();
    if (old.rootNum !== undefined) roles.set(old.rootNum, '/Root');
    if (old.infoNum !== undefined) roles.set(old.infoNum, '/Info');
    old.pages.forEach((p, i) => roles.set(p, `page ${i + 1}`));
    for (const a of old.annots.values()) roles.set(a.num, `annotation ${a.num} on page ${a.page + 1}`);
    for (const f of old.fields.values()) roles.set(f.num, `field ${f.name}`);
    for (const [w, f] of old.widgetField) if (w !== f) roles.set(w, `field ${old.fields.get(f)?.name ?? ''} widget`);
    const graph = walkGraph(doc, signedRevision, roles, budget);
    const ctx = new ChangeContext(doc, signedRevision, last, old, neu, graph, budget);

    // Objects (re)defined after signing: new, deleted, or changed — unchanged rewrites are not changes.
    const candidates = new Set<number>();
    for (let r = signedRevision + 1; r <= last; r++) for (const n of doc.revisions[r]!.entries.keys()) candidates.add(n);
    const deleted: number[] = [];
    for (const num of [...candidates].sort((a, b) => a - b)) {
      if (num === 0 || !budget.spend()) continue;
      // An object an update defines but we cannot read is a change, never "unchanged": other readers may read it (a
      // page nested past our depth limit), and no older definition stands in for it.
      if (doc.unreadable(num, last)) {
        const what = num === neu.rootNum ? `the catalog (/Root ${refKey(num)})` : `object ${refKey(num)}`;
        ctx.add({ category: 'other', revision: ctx.revOf(num), object: refKey(num), detail: `${what} redefined in revision ${ctx.revOf(num)} but unreadable` });
        continue;
      }
      const def = doc.definedIn(num, signedRevision);
      const inUseBefore = !!def && def.entry.kind !== 'free';
      const o = inUseBefore ? doc.getObject(num, signedRevision) : undefined;
      const n = doc.getObject(num, last);
      if (!inUseBefore) {
        if (n) ctx.newObjects.add(num);
      } else if (!o) {
        if (n) ctx.add({ category: 'other', revision: ctx.revOf(num), object: refKey(num), detail: `object ${refKey(num)} could not be read in the signed revision but is redefined later` });
      } else if (!n) deleted.push(num);
      else {
        // Same bytes under another generation: every `n 0 R` of the signed revision now names a free object (null
        // for poppler and ISO 32000) — a page goes blank, a seal disappears.
        const g0 = genOf(def.entry);
        const g1 = genOf(doc.definedIn(num, last)?.entry);
        if (g0 !== g1) {
          ctx.add({ category: 'other', revision: ctx.revOf(num), object: refKey(num), detail: `object ${num} redefined with generation ${g1} (it was ${g0} when signed): references '${num} ${g0} R' now name a free object` });
        }
        if (!sameValue(doc, o, n, budget)) ctx.changed.add(num);
      }
    }

    result.repairs = repairsAfter(doc, signedRevision, last, budget);
    let listed = 0;
    for (const irr of result.repairs) {
      // The xref sections' own repairs are the verifier's pdf.revision.structure warning; an object whose definition
      // needed a repair is a change whatever its value: another reader may read another object or none.
      if (irr.kind === 'xref' || listed++ >= MAX_REPAIR_CHANGES) continue;
      ctx.add({
        category: 'other',
        revision: irr.revision,
        ...(irr.num !== undefined ? { object: refKey(irr.num) } : {}),
        detail: `revision ${irr.revision} can only be read with a repair: ${irr.detail}`,
      });
    }

    compareTrailer(ctx);
    comparePageList(ctx);
    compareFields(ctx);
    for (const num of ctx.changed) if (!ctx.handled.has(num)) compareObject(ctx, num);
    for (const num of deleted) deletedObject(ctx, num);
    for (const num of ctx.newObjects) danglingTarget(ctx, num);

    let explained = 0;
    for (const n of ctx.newObjects) if (ctx.claimed.has(n)) explained++;
    result.newObjects = { total: ctx.newObjects.size, explained, unreachable: ctx.newObjects.size - explained };
    result.unreferenced = unreferenced(doc, last, [...ctx.newObjects].filter((n) => !ctx.claimed.has(n)));
    result.changes = ctx.changes;
  } catch (e) {
    budget.truncated = true;
    result.changes.push({ category: 'other', revision: last, detail: `change analysis failed: ${e instanceof Error ? e.message : String(e)}` });
  }
  if (budget.truncated) {
    result.truncated = true;
    result.changes.push({ category: 'other', revision: last, detail: `change analysis stopped at a limit (${budget.maxObjects} object visits, depth ${budget.maxDepth}); changes may be missing` });
  }
  result.level = levelOf(result.changes);
  return result;
}

/** What the revisions after the signed one needed repairs to be read (PdfDocument.irregularities), oldest first. */
function repairsAfter(doc: PdfDocument, signed: number, last: number, budget: Budget): PdfIrregularity[] {
  const out: PdfIrregularity[] = [];
  for (let r = signed + 1; r <= last; r++) {
    // The objects are the candidates the analysis loads anyway; only a spent budget stops here.
    if (!budget.spend()) break;
    out.push(...doc.irregularities(r));
  }
  return out;
}

/** New objects nothing reaches, with their stored size; xref streams and object streams are containers, not content. */
function unreferenced(doc: PdfDocument, last: number, nums: number[]): { count: number; bytes: number; objects: string[] } {
  const out = { count: 0, bytes: 0, objects: [] as string[] };
  for (const num of nums.sort((a, b) => a - b)) {
    const o = doc.getObject(num, last);
    const type = o?.t === 'stream' ? o.dict.get('Type') : undefined;
    if (type?.t === 'name' && (type.v === 'XRef' || type.v === 'ObjStm')) continue;
    const loc = doc.objectLocation(num, last);
    out.count++;
    out.bytes += loc ? loc.end - loc.start : 0;
    if (out.objects.length < 20) out.objects.push(refKey(num));
  }
  return out;
}

/** Generation an xref entry gives its object (objects in object streams: 0). */
function genOf(e: XrefEntry | undefined): number | undefined {
  return !e ? undefined : e.kind === 'compressed' ? 0 : e.gen;
}
