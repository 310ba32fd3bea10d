// Rules for pages: the page list, page dictionaries, page-tree nodes, /Annots arrays and annotations.
import type { PdfObj } from '../document/types.js';
import type { ChangeContext } from './context.js';
import { changedKeys, dictOf, nameOf, refKey, sameValue, show } from './values.js';

/** Page count and order: any difference is a page change (pages added, removed or reordered). */
export function comparePageList(ctx: ChangeContext): void {
  const { old, neu } = ctx;
  if (old.pagesTruncated || neu.pagesTruncated) {
    ctx.budget.truncated = true;
    ctx.add({ category: 'other', revision: ctx.last, detail: 'the page tree could not be walked completely (cycle or limit)' });
  }
  const same = old.pages.length === neu.pages.length && old.pages.every((p, i) => neu.pages[i] === p);
  if (same) return;
  ctx.pageListChanged = true;
  const before = new Set(old.pages);
  const after = new Set(neu.pages);
  const nodeRev = Math.max(ctx.s + 1, ...[...neu.pageNodes].map((n) => ctx.revOf(n)));
  let explained = false;
  neu.pages.forEach((p, i) => {
    if (before.has(p)) return;
    explained = true;
    ctx.add({ category: 'page', revision: ctx.revOf(p), object: refKey(p), page: i + 1, detail: `page ${i + 1} added after signing (${old.pages.length} → ${neu.pages.length} pages)` });
    ctx.claim({ t: 'ref', num: p, gen: 0 }, { label: `page ${i + 1}`, revision: ctx.revOf(p), page: i + 1 });
  });
  old.pages.forEach((p, i) => {
    if (after.has(p)) return;
    explained = true;
    ctx.add({ category: 'page', revision: nodeRev, object: refKey(p), page: i + 1, detail: `page ${i + 1} of the signed revision removed (${old.pages.length} → ${neu.pages.length} pages)` });
  });
  if (!explained) ctx.add({ category: 'page', revision: nodeRev, detail: 'pages reordered after signing' });
}

export function comparePage(ctx: ChangeContext, num: number): void {
  const od = dictOf(ctx.oldObj(num));
  const nd = dictOf(ctx.newObj(num));
  const page = (ctx.old.pageIndex.get(num) ?? -1) + 1;
  const revision = ctx.revOf(num);
  const keys = changedKeys(ctx.doc, od, nd, ctx.budget);
  const other = keys.filter((k) => k !== 'Annots' && k !== 'Contents');
  if (keys.includes('Annots')) compareAnnots(ctx, num, od?.get('Annots'), nd?.get('Annots'), revision);
  if (keys.includes('Contents')) {
    ctx.add({
      category: 'page',
      revision,
      object: refKey(num),
      ...(page > 0 ? { page } : {}),
      detail: `page ${page} content changed (/Contents ${show(od?.get('Contents'))} → ${show(nd?.get('Contents'))})`,
    });
    ctx.claim(nd?.get('Contents'), { label: `page ${page} /Contents`, revision, ...(page > 0 ? { page } : {}) });
  }
  if (other.length) {
    ctx.add({
      category: 'page',
      revision,
      object: refKey(num),
      ...(page > 0 ? { page } : {}),
      detail: `page ${page}: ${other.map((k) => `/${k}`).join(' ')} changed after signing`,
    });
  }
  for (const k of other) ctx.claim(nd?.get(k), { label: `page ${page} /${k}`, revision, ...(page > 0 ? { page } : {}) });
}

/** An indirect /Annots array of a page. */
export function compareAnnotsArray(ctx: ChangeContext, pageNum: number, num: number): void {
  compareAnnots(ctx, pageNum, { t: 'ref', num, gen: 0 }, { t: 'ref', num, gen: 0 }, ctx.revOf(num));
}

function compareAnnots(ctx: ChangeContext, pageNum: number, ov: PdfObj | undefined, nv: PdfObj | undefined, revision: number): void {
  const page = (ctx.old.pageIndex.get(pageNum) ?? ctx.neu.pageIndex.get(pageNum) ?? -1) + 1;
  const pg = page > 0 ? { page } : {};
  const oa = ctx.doc.resolve(ov, ctx.s);
  const na = ctx.doc.resolve(nv, ctx.last);
  const oItems = oa?.t === 'array' ? oa.v : [];
  const nItems = na?.t === 'array' ? na.v : [];
  const oRefs = oItems.filter((x) => x.t === 'ref').map((x) => (x as { num: number }).num);
  const nRefs = nItems.filter((x) => x.t === 'ref').map((x) => (x as { num: number }).num);
  const oSet = new Set(oRefs);
  const nSet = new Set(nRefs);
  for (const r of oRefs) {
    if (nSet.has(r)) continue;
    const f = ctx.old.widgetField.get(r);
    if (f !== undefined) {
      const name = ctx.old.fields.get(f)?.name ?? '';
      ctx.add({ category: 'other', revision, object: refKey(r), field: name, ...pg, detail: `widget of field '${name}' removed from page ${page}` });
    } else {
      ctx.add({ category: 'annotation', revision, object: refKey(r), ...pg, detail: `annotation ${refKey(r)} (${subtypeOf(ctx, r, ctx.s)}) removed from page ${page}` });
    }
  }
  for (const r of nRefs) {
    if (oSet.has(r)) continue;
    const f = ctx.neu.widgetField.get(r);
    if (f !== undefined) {
      // Widgets of fields added or filled after signing are judged with their field.
      if (!ctx.old.fields.has(f) || ctx.filled.has(f)) continue;
      const name = ctx.neu.fields.get(f)?.name ?? '';
      ctx.add({ category: 'other', revision, object: refKey(r), field: name, ...pg, detail: `widget of the existing field '${name}' added to page ${page}` });
      continue;
    }
    const st = subtypeOf(ctx, r, ctx.last);
    ctx.add({
      category: st === 'Widget' ? 'other' : 'annotation',
      revision: ctx.newObjects.has(r) ? ctx.revOf(r) : revision,
      object: refKey(r),
      ...pg,
      detail: st === 'Widget' ? `widget ${refKey(r)} that belongs to no form field added to page ${page}` : `${st} annotation ${refKey(r)} added on page ${page}`,
    });
    ctx.claim({ t: 'ref', num: r, gen: 0 }, { label: `page ${page} /Annots`, revision, ...pg });
  }
  // Direct annotation dictionaries and order (z-order decides what covers what).
  const oDirect = oItems.filter((x) => x.t !== 'ref');
  const nDirect = nItems.filter((x) => x.t !== 'ref');
  const directAdded = nDirect.filter((x) => !oDirect.some((y) => sameValue(ctx.doc, x, y, ctx.budget)));
  const directRemoved = oDirect.filter((x) => !nDirect.some((y) => sameValue(ctx.doc, x, y, ctx.budget)));
  if (directAdded.length || directRemoved.length) {
    ctx.add({ category: 'annotation', revision, ...pg, detail: `${directAdded.length} direct annotation(s) added and ${directRemoved.length} removed on page ${page}` });
    for (const x of directAdded) ctx.claim(x, { label: `page ${page} /Annots`, revision, ...pg });
  }
  const keptOld = oRefs.filter((r) => nSet.has(r));
  const keptNew = nRefs.filter((r) => oSet.has(r));
  if (keptOld.some((r, i) => keptNew[i] !== r)) ctx.add({ category: 'annotation', revision, ...pg, detail: `annotations on page ${page} reordered` });
}

export function comparePageNode(ctx: ChangeContext, num: number): void {
  const keys = changedKeys(ctx.doc, dictOf(ctx.oldObj(num)), dictOf(ctx.newObj(num)), ctx.budget);
  // /Kids and /Count follow the page list, which is judged on its own.
  const rest = ctx.pageListChanged ? keys.filter((k) => k !== 'Kids' && k !== 'Count') : keys;
  if (rest.length) {
    ctx.add({ category: 'page', revision: ctx.revOf(num), object: refKey(num), detail: `page tree node ${refKey(num)}: ${rest.map((k) => `/${k}`).join(' ')} changed (inherited by its pages)` });
  }
}

export function compareAnnotation(ctx: ChangeContext, num: number): void {
  const a = ctx.old.annots.get(num);
  const page = a && a.page >= 0 ? a.page + 1 : undefined;
  const keys = changedKeys(ctx.doc, dictOf(ctx.oldObj(num)), dictOf(ctx.newObj(num)), ctx.budget);
  ctx.add({
    category: 'annotation',
    revision: ctx.revOf(num),
    object: refKey(num),
    ...(page ? { page } : {}),
    detail: `${a?.subtype ? `/${a.subtype}` : 'an'} annotation ${refKey(num)}${page ? ` on page ${page}` : ''} modified (${keys.map((k) => `/${k}`).join(' ')})`,
  });
  ctx.claim(ctx.newObj(num), { label: `annotation ${num}`, revision: ctx.revOf(num), ...(page ? { page } : {}) });
}

function subtypeOf(ctx: ChangeContext, num: number, rev: number): string {
  const st = nameOf(dictOf(ctx.doc.getObject(num, rev))?.get('Subtype'));
  if (!st) return 'unknown';
  return st === 'Widget' ? 'Widget' : `/${st}`;
}
