// Rules for every other existing object: signature dictionaries (spoofing), DSS and metadata objects, and anything
// reached from pages or appearances (shadow attacks, clobbered shared appearance streams); deleted objects; new
// objects that a signed-revision reference was waiting for.
import type { ChangeContext } from './context.js';
import { isVisualPath } from './context.js';
import { compareAcroForm, compareCatalog, compareNames, compareTopFields } from './catalog-rules.js';
import { compareAnnotation, compareAnnotsArray, comparePage, comparePageNode } from './page-rules.js';
import { changedKeys, dictOf, refKey, refsIn, show } from './values.js';

/**
 * Judge one existing object whose value changed by the STRICTEST role it had in the signed revision: catalog,
 * signature dictionary, page structure, then displayed content (anything reachable from a page or an annotation's
 * appearance), and only then the lenient roles (AcroForm, /Names, DSS, metadata) — an object doubling as a page's
 * content stream and a DSS certificate is page content. Roles that are dictionaries compare keys; when such an object
 * is (or became) a stream, its data would go unseen, so that is an 'other' change.
 */
export function compareObject(ctx: ChangeContext, num: number): void {
  const { old, doc } = ctx;
  const revision = ctx.revOf(num);
  const object = refKey(num);
  const dictRole = (role: string): boolean => {
    const o = ctx.oldObj(num);
    const n = ctx.newObj(num);
    if (o?.t !== 'stream' && n?.t !== 'stream') return true;
    ctx.add({ category: 'other', revision, object, detail: `${role} ${object} is a stream (its data would not be compared as ${role}); rewritten after signing` });
    ctx.claim(n, { label: role, revision });
    return false;
  };
  if (num === old.rootNum) {
    if (ctx.neu.rootNum === num && dictRole('/Root')) compareCatalog(ctx, old.catalog, ctx.neu.catalog, revision);
    return;
  }
  const sigField = old.sigDicts.get(num);
  if (sigField !== undefined) {
    const name = old.fields.get(sigField)?.name ?? '';
    const od = dictOf(ctx.oldObj(num));
    const nd = dictOf(ctx.newObj(num));
    const keys = changedKeys(doc, od, nd, ctx.budget);
    const what = keys.map((k) => (k === 'Contents' || k === 'Cert' ? `/${k} changed` : `/${k} changed from ${show(od?.get(k))} to ${show(nd?.get(k))}`));
    ctx.add({ category: 'signature-dictionary', revision, object, field: name, detail: `signature dictionary of field '${name}' rewritten after signing: ${what.join('; ') || 'not a dictionary any more, or its stream data changed'}` });
    return;
  }
  const annotsOf = [...old.annotsArrays].find(([, a]) => a === num);
  if (annotsOf) {
    compareAnnotsArray(ctx, annotsOf[0], num);
    return;
  }
  if (old.pageIndex.has(num)) return void (dictRole('page') && comparePage(ctx, num));
  if (old.pageNodes.has(num)) return void (dictRole('page tree node') && comparePageNode(ctx, num));
  const contentOf = old.pageContents.get(num);
  if (contentOf || old.drawn?.has(num)) {
    if (contentOf) pageContentRewritten(ctx, num, contentOf, revision);
    sharedObject(ctx, num, revision, true);
    return;
  }
  if (old.annots.has(num)) return void (dictRole('annotation') && compareAnnotation(ctx, num));
  if (num === old.acroFormNum) {
    if (!dictRole('/Root /AcroForm')) return;
    compareAcroForm(ctx, old.acroForm, ctx.neu.acroFormNum === num ? ctx.neu.acroForm : dictOf(ctx.newObj(num)), revision);
    ctx.claim(ctx.newObj(num), { label: '/Root /AcroForm', revision });
    return;
  }
  if (num === old.namesNum) {
    if (!dictRole('/Root /Names')) return;
    if (ctx.neu.namesNum === num) {
      compareNames(ctx, dictOf(ctx.oldObj(num)), dictOf(ctx.newObj(num)), revision);
      ctx.claim(ctx.newObj(num), { label: '/Root /Names', revision });
      return;
    }
  }
  if (num === old.fieldsArrayNum) {
    compareTopFields(ctx, revision);
    ctx.claim(ctx.newObj(num), { label: '/Root /AcroForm /Fields', revision });
    return;
  }
  if (old.dss.has(num) || num === old.extensionsNum) {
    ctx.add({ category: 'dss', revision, object, detail: `document security store object ${object} updated` });
    ctx.claim(ctx.newObj(num), { label: '/Root /DSS', revision });
    return;
  }
  if (num === old.infoNum || num === old.metadataNum) {
    if (num === old.infoNum && !dictRole('/Info')) return;
    const keys = num === old.infoNum ? changedKeys(doc, dictOf(ctx.oldObj(num)), dictOf(ctx.newObj(num)), ctx.budget) : [];
    ctx.add({
      category: 'metadata',
      revision,
      object,
      detail: num === old.infoNum ? `document information updated (${keys.map((k) => `/${k}`).join(' ')})` : 'XMP metadata stream (/Root /Metadata) updated',
    });
    ctx.claim(ctx.newObj(num), { label: num === old.infoNum ? '/Info' : '/Root /Metadata', revision });
    return;
  }
  if (!ctx.graph.reachable.has(num)) {
    // Not used by the signed revision: harmless unless something now refers to it (claim() flags that).
    return;
  }
  sharedObject(ctx, num, revision, false);
}

/**
 * A stream (or indirect array) of a page's /Contents redefined in place: what the page draws changed although the
 * page dictionary did not (a later xref section re-pointing the content object number). A page change; the in-place
 * rewrite of an object the signed revision used is also reported by sharedObject (appearance).
 */
function pageContentRewritten(ctx: ChangeContext, num: number, pages: readonly number[], revision: number): void {
  const object = refKey(num);
  const o = ctx.newObj(num);
  const kind = o?.t === 'array' ? '/Contents array' : o?.t === 'stream' ? 'content stream' : `/Contents ${o?.t ?? 'object'}`;
  const shown = pages.filter((p) => p >= 0).map((p) => p + 1);
  const first = shown[0];
  const which = shown.length === 0 ? 'a page' : shown.length === 1 ? `page ${first}` : shown.length <= 5 ? `pages ${shown.join(', ')}` : `pages ${shown.slice(0, 5).join(', ')} and ${shown.length - 5} more`;
  ctx.add({
    category: 'page',
    revision,
    object,
    ...(first !== undefined ? { page: first } : {}),
    detail: `${which} content changed (${kind} ${object} rewritten in place after signing)`,
  });
  ctx.claim(o, { label: `${which} /Contents`, revision, ...(first !== undefined ? { page: first } : {}) });
}

/**
 * An object used by the signed revision (content stream, XObject, font, appearance stream...) was rewritten in place.
 * The only excuse is pyHanko's in-place appearance update: a stream used solely as the appearance of a field that
 * was filled after signing. Anything used elsewhere too (a shared appearance, page content) is a clobbering change.
 */
function sharedObject(ctx: ChangeContext, num: number, revision: number, drawn: boolean): void {
  const refs = ctx.graph.referrers.get(num) ?? [];
  const object = refKey(num);
  const o = ctx.newObj(num);
  let filledBy: number | undefined;
  const onlyFilledAppearance =
    o?.t === 'stream' &&
    ctx.doc.getObject(num, ctx.s)?.t === 'stream' &&
    !ctx.graph.many.has(num) &&
    refs.length > 0 &&
    refs.every((r) => {
      const f = ctx.old.widgetField.get(r.from) ?? (ctx.old.fields.has(r.from) ? r.from : undefined);
      if (f === undefined || !ctx.filled.has(f) || !/^ \/AP\b/.test(r.path)) return false;
      if (filledBy !== undefined && filledBy !== f) return false;
      filledBy = f;
      return true;
    });
  if (onlyFilledAppearance && filledBy !== undefined) {
    const name = ctx.neu.fields.get(filledBy)?.name ?? '';
    // A document timestamp may not change what a field shows (anyone can obtain one).
    const cat = ctx.filled.get(filledBy)!;
    ctx.add({ category: cat === 'doc-timestamp' ? 'appearance' : cat, revision, object, field: name, detail: `appearance stream of field '${name}' updated in place` });
    ctx.claim(o, { label: `field ${name} /AP`, revision, field: name });
    return;
  }
  const users = refs.map((r) => r.label);
  if (ctx.graph.many.has(num)) users.push('more');
  const visual = drawn || users.some(isVisualPath);
  const kind = o?.t === 'stream' ? 'stream' : (o?.t ?? 'object');
  const c = {
    category: visual ? ('appearance' as const) : ('other' as const),
    revision,
    object,
    detail: `${kind} ${object} used by the signed revision was rewritten (referenced from ${users.join(', ') || 'the trailer'})`,
  };
  const field = refs.map((r) => ctx.old.widgetField.get(r.from)).find((f) => f !== undefined);
  const page = refs.map((r) => /^page (\d+)/.exec(r.label)?.[1]).find((p) => p !== undefined);
  ctx.add({ ...c, ...(field !== undefined ? { field: ctx.old.fields.get(field)?.name ?? '' } : {}), ...(page ? { page: Number(page) } : {}) });
  ctx.claim(o, { label: object, revision });
}

/** Objects in use in the signed revision and free (or unreadable) in the final document. */
export function deletedObject(ctx: ChangeContext, num: number): void {
  if (!ctx.graph.reachable.has(num)) return;
  const refs = ctx.graph.referrers.get(num) ?? [];
  // Explained when no referrer still points at it (then the referrer's own change is what is judged).
  const still = ctx.graph.many.has(num) || refs.some((r) => r.from < 0 ? trailerRefs(ctx, num) : refsIn(ctx.newObj(r.from), ctx.budget).some((x) => x.num === num));
  if (!still) return;
  const users = refs.map((r) => r.label).join(', ');
  ctx.add({ category: 'other', revision: ctx.revOf(num), object: refKey(num), detail: `object ${refKey(num)} deleted after signing but still referenced (${users})` });
}

function trailerRefs(ctx: ChangeContext, num: number): boolean {
  const t = ctx.doc.revisions[ctx.last]?.trailer;
  return ['Root', 'Info'].some((k) => {
    const v = t?.get(k);
    return v?.t === 'ref' && v.num === num;
  });
}

/** A new object whose number the signed revision already referenced (a dangling reference waiting to be filled). */
export function danglingTarget(ctx: ChangeContext, num: number): void {
  const r = ctx.graph.dangling.get(num);
  if (!r) return;
  const stillUsed = r.from < 0 ? trailerRefs(ctx, num) : refsIn(ctx.newObj(r.from), ctx.budget).some((x) => x.num === num);
  if (!stillUsed) return;
  ctx.claimed.add(num);
  ctx.add({
    category: isVisualPath(r.label) ? 'appearance' : 'other',
    revision: ctx.revOf(num),
    object: refKey(num),
    detail: `${refKey(num)} is referenced from ${r.label} in the signed revision, where it did not exist; a later update defined it`,
  });
  ctx.claim(ctx.newObj(num), { label: refKey(num), revision: ctx.revOf(num) });
}
